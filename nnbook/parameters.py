r"""All parameters of a network in one vector $\theta$ (chapter [Backpropagation](backpropagation.md)).

For layer widths $n_0, \dots, n_L$ the parameters are the weights $W_l$ of shape
$(n_{l-1}, n_l)$ and the biases $b_l$ of shape $(n_l,)$, $l = 1, \dots, L$. They are stored
one after the other in a single vector

$$ \theta = \big(\operatorname{vec} W_1,\ b_1,\ \operatorname{vec} W_2,\ b_2,\ \dots,\ \operatorname{vec} W_L,\ b_L\big), $$

of length $P = \sum_l (n_{l-1} + 1)\, n_l$, and ``W[l]``, ``b[l]`` are views into it: a change
to one is a change to the other. A gradient has the same layout, so a training step on every
parameter at once is the formula's single line $\theta \leftarrow \theta - \eta\, g$.

Examples:
    >>> from nnbook.parameters import Parameters
    >>> p = Parameters([2, 3, 1])
    >>> p.theta.size, p.W[1].shape, p.b[2].shape
    (13, (2, 3), (1,))
    >>> p.theta[:] = 1.0
    >>> float(p.W[2].sum())
    3.0
"""

from __future__ import annotations

import copyreg
import itertools
from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import DTypeLike

from nnbook._checks import FloatArray, check_layer_sizes

__all__ = ["Parameters"]


class Parameters:
    r"""The vector $\theta$ of a network with widths ``sizes``, and its views ``W[l]``, ``b[l]``.

    Args:
        sizes: layer widths $[n_0, n_1, \dots, n_L]$.
        dtype: the floating type of $\theta$.

    Attributes:
        theta: $\theta$, all parameters in one vector of length $P$, zeros at first.
        W: ``W[l]`` is $W_l$ of shape $(n_{l-1}, n_l)$ for $l = 1, \dots, L$ (a view of ``theta``).
        b: ``b[l]`` is $b_l$ of shape $(n_l,)$ for $l = 1, \dots, L$ (a view of ``theta``).

    Iterating gives the flat list $W_1, b_1, W_2, b_2, \dots, W_L, b_L$.
    """

    def __init__(self, sizes: Sequence[int], dtype: DTypeLike = np.float64) -> None:
        self.sizes = check_layer_sizes(sizes)
        pairs = list(itertools.pairwise(self.sizes))
        self.theta: FloatArray = np.zeros(sum((n_in + 1) * n_out for n_in, n_out in pairs), dtype)
        self.W: dict[int, FloatArray] = {}
        self.b: dict[int, FloatArray] = {}
        start = 0
        for layer, (n_in, n_out) in enumerate(pairs, start=1):
            self.W[layer] = self.theta[start : start + n_in * n_out].reshape(n_in, n_out)
            start += n_in * n_out
            self.b[layer] = self.theta[start : start + n_out]
            start += n_out

    def __iter__(self) -> Iterator[FloatArray]:
        for layer in self.W:
            yield self.W[layer]
            yield self.b[layer]

    def __repr__(self) -> str:
        return f"Parameters(sizes={self.sizes}, P={self.theta.size}, dtype={self.theta.dtype})"

    def zeros_like(self) -> Parameters:
        """Parameters of the same network, all zero (e.g. for a gradient or a velocity)."""
        return Parameters(self.sizes, self.theta.dtype)


def _restore(sizes: list[int], theta: FloatArray) -> Parameters:
    """Parameters of widths ``sizes`` holding a copy of ``theta``."""
    restored = Parameters(sizes, theta.dtype)
    restored.theta[...] = theta
    return restored


# Copies and pickles rebuild the views, into the copy's own θ.
copyreg.pickle(Parameters, lambda p: (_restore, (p.sizes, p.theta)))
