r"""Layers as forward/backward pairs (chapter [Backpropagation](backpropagation.md)).

A layer of the network computes, for a minibatch $X$ of shape $(N, n_\text{in})$ (the data for
layer 1, the activations $A_{l-1}$ of the layer below for layer $l$),

$$ Z = X W + b, \qquad A = f(Z). $$

Going backwards with $G = \partial \mathcal L/\partial A$ given, the chain rule gives the error
signal $\delta = \partial \mathcal L/\partial Z$ and from it everything else:

$$
\begin{aligned}
\delta &= G \odot f'(Z), &
\frac{\partial \mathcal L}{\partial W} &= X^\top \delta, \\
\frac{\partial \mathcal L}{\partial b} &= \sum_{n} \delta_{n,:}, &
\frac{\partial \mathcal L}{\partial X} &= \delta\, W^\top.
\end{aligned}
$$

Each ``*_forward`` returns ``(out, cache)``; the cache holds exactly what ``*_backward`` needs.
Backward functions never modify the incoming gradient.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, overload

import numpy as np

from nnbook._checks import FloatArray
from nnbook.activations import Activation

__all__ = [
    "ActivationCache",
    "AffineCache",
    "activation_backward",
    "activation_forward",
    "affine_backward",
    "affine_forward",
]


Pair = tuple[FloatArray, FloatArray]


class AffineCache(NamedTuple):
    """What the affine backward needs: the layer input ``X`` and the weights ``W``."""

    X: FloatArray
    W: FloatArray


class ActivationCache(NamedTuple):
    """What the activation backward needs: the pre-activation ``Z`` and the function."""

    Z: FloatArray
    f: Activation


def affine_forward(X: FloatArray, W: FloatArray, b: FloatArray) -> tuple[FloatArray, AffineCache]:
    r"""$Z = XW + b$ for ``X`` (N, n_in), ``W`` (n_in, n_out), ``b`` (n_out,)."""
    return X @ W + b, AffineCache(X, W)


@overload
def affine_backward(
    dZ: FloatArray, cache: AffineCache, input_grad: Literal[True] = True, out: Pair | None = None
) -> tuple[FloatArray, FloatArray, FloatArray]: ...
@overload
def affine_backward(
    dZ: FloatArray, cache: AffineCache, input_grad: bool, out: Pair | None = None
) -> tuple[FloatArray | None, FloatArray, FloatArray]: ...
def affine_backward(
    dZ: FloatArray, cache: AffineCache, input_grad: bool = True, out: Pair | None = None
) -> tuple[FloatArray | None, FloatArray, FloatArray]:
    r"""Return $(\partial \mathcal L/\partial X, \partial \mathcal L/\partial W, \partial \mathcal L/\partial b)$ given ``dZ`` (N, n_out).

    That is $(\delta W^\top,\ X^\top \delta,\ \sum_n \delta_{n,:})$ with $\delta = \partial \mathcal L/\partial Z$.
    With ``input_grad=False`` the first is ``None``: below layer 1 lies the data, whose
    gradient no one needs, and skipping it saves one matrix product. ``out``, as in NumPy, is
    an optional pair of arrays ``(dW, db)`` to write the second and third into.
    """
    X, W = cache
    dW, db = (None, None) if out is None else out
    dX = dZ @ W.T if input_grad else None
    return dX, np.matmul(X.T, dZ, out=dW), np.sum(dZ, axis=0, out=db)


def activation_forward(Z: FloatArray, f: Activation) -> tuple[FloatArray, ActivationCache]:
    r"""$A = f(Z)$ elementwise."""
    return f(Z), ActivationCache(Z, f)


def activation_backward(dA: FloatArray, cache: ActivationCache) -> FloatArray:
    r"""$\partial \mathcal L/\partial Z = \partial \mathcal L/\partial A \odot f'(Z)$ — the derivative at $Z$, not at $A$."""
    Z, f = cache
    return dA * f.derivative(Z)
