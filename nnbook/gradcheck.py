r"""Gradient checking by central differences (used by every chapter and test).

For a scalar function $L(x)$ the central difference

$$ \frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h} $$

has error $O(h^2)$. For a function with array output $y = F(x)$ and an upstream gradient $G$
we check the vector–Jacobian product $\partial \langle G, F(x)\rangle / \partial x$. Analytic and
numerical gradients are compared by the relative error

$$ \mathrm{rel}(g, \hat g) = \frac{\lVert g - \hat g\rVert}{\max(\lVert g\rVert + \lVert \hat g\rVert, \epsilon)}. $$

In float64 a correct gradient gives about $10^{-9}$ or less; a wrong one, $10^{-2}$ or more.
Avoid kinks (ReLU at 0): a difference straddling one is not a derivative.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnbook._checks import FloatArray, as_float_array

__all__ = [
    "GradientCheckError",
    "check_gradient",
    "numerical_gradient",
    "numerical_vjp",
    "relative_error",
]


class GradientCheckError(ValueError):
    """An analytic gradient disagrees with its finite-difference estimate."""


def numerical_gradient(
    f: Callable[[FloatArray], float], x: ArrayLike, h: float = 1e-6
) -> FloatArray:
    r"""Central-difference gradient of a scalar function ``f`` at ``x`` (``x`` is not modified):
    $\hat g_i = \big(f(x + h e_i) - f(x - h e_i)\big) / 2h$ for every entry $i$ of ``x``."""
    x_ = as_float_array(x, "x").astype(np.float64)  # work on a float64 copy
    grad = np.zeros_like(x_)
    for i in np.ndindex(x_.shape):
        old = x_[i]
        x_[i] = old + h
        up = float(f(x_))
        x_[i] = old - h
        down = float(f(x_))
        x_[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def numerical_vjp(
    F: Callable[[FloatArray], FloatArray], x: ArrayLike, G: ArrayLike, h: float = 1e-6
) -> FloatArray:
    r"""$\partial \langle G, F(x)\rangle / \partial x$ by central differences."""
    G_ = as_float_array(G, "G")
    return numerical_gradient(lambda v: float(np.sum(G_ * F(v))), x, h)


def relative_error(g: ArrayLike, g_hat: ArrayLike, eps: float = 1e-30) -> float:
    r"""$\lVert g - \hat g\rVert / \max(\lVert g\rVert + \lVert \hat g\rVert, \epsilon)$; shapes must match."""
    g_, h_ = as_float_array(g, "g"), as_float_array(g_hat, "g_hat")
    if g_.shape != h_.shape:
        raise ValueError(f"g and g_hat must have the same shape, got {g_.shape} and {h_.shape}")
    diff = float(np.linalg.norm((g_ - h_).ravel()))
    return diff / max(float(np.linalg.norm(g_.ravel()) + np.linalg.norm(h_.ravel())), eps)


def check_gradient(
    f: Callable[[FloatArray], float],
    x: ArrayLike,
    grad: ArrayLike,
    tol: float = 1e-6,
    h: float = 1e-6,
) -> float:
    r"""Compare ``grad`` $g$ with the numerical gradient $\hat g$ of ``f`` at ``x``; return
    $\mathrm{rel}(g, \hat g)$, which must be at most ``tol``.

    Raises:
        GradientCheckError: if the relative error exceeds ``tol``.
    """
    error = relative_error(grad, numerical_gradient(f, x, h))
    if not error <= tol:
        raise GradientCheckError(f"gradient check failed: relative error {error:.3g} > tol {tol:g}")
    return error
