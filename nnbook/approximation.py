r"""Universal approximation by a staircase of units (chapter [Universal approximation](universal-approximation.md)).

Split the interval $[x_{\min}, x_{\max}]$ (the arguments ``a``, ``b`` below) into $n$ cells of
width $\Delta x = (x_{\max} - x_{\min})/n$ with left edges $x_k = x_{\min} + k\,\Delta x$ and
midpoints $m_k = x_k + \Delta x/2$. A network with one hidden layer of $n$ step units,

$$
\hat f(x) = \sum_{k=0}^{n-1} v_k\, \operatorname{step}(x - t_k), \qquad
v_0 = f(m_0),\ v_k = f(m_k) - f(m_{k-1}),
$$

with $\operatorname{step}(s) = 1$ for $s \ge 0$ and 0 below, thresholds
$t_0 = x_{\min} - \Delta x/2$ (below the interval, so unit 0 is always on) and $t_k = x_k$, equals
$f(m_k)$ on the $k$-th cell. If $|f(x) - f(x')| \le \mathrm{Lip}\,|x - x'|$ then every point lies
within $\Delta x/2$ of its cell's midpoint, so

$$
\sup_{x\in[x_{\min}, x_{\max}]} |f(x) - \hat f(x)|
\le \frac{\mathrm{Lip}\,(x_{\max} - x_{\min})}{2n},
$$

which shrinks like $1/n$. The sigmoid variant replaces $\operatorname{step}(s)$ by
$\sigma(\kappa s)$ with steepness $\kappa$; as $\kappa \to \infty$ it becomes the step.

As a network: hidden weights $W_1 = \mathbf 1^\top$, biases $b_1 = -t$, output weights $W_2 = v$.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nnbook._checks import FloatArray, as_float_array, check_finite, check_positive
from nnbook.activations import sigmoid

__all__ = ["StaircaseNetwork", "staircase", "sup_error"]


@dataclass(frozen=True)
class StaircaseNetwork:
    r"""A one-hidden-layer network $\hat f(x) = \sum_k W_{2,k}\, u(x W_{1,k} + b_{1,k}) + b_2$.

    Attributes:
        W1: hidden weights, shape ``(1, n)``.
        b1: hidden biases, shape ``(n,)``.
        W2: output weights, shape ``(n, 1)``.
        b2: output bias, shape ``(1,)``.
        steepness: ``None`` for step units $\operatorname{step}(s) = [s \ge 0]$, else $\kappa$ in $\sigma(\kappa s)$.
    """

    W1: FloatArray
    b1: FloatArray
    W2: FloatArray
    b2: FloatArray
    steepness: float | None = None

    @property
    def params(self) -> list[FloatArray]:
        """``[W1, b1, W2, b2]``, the order in which an [`MLP`][nnbook.mlp.MLP]'s ``params`` iterate."""
        return [self.W1, self.b1, self.W2, self.b2]

    def hidden(self, x: ArrayLike) -> FloatArray:
        """Hidden unit outputs for inputs ``x`` of shape ``(N,)``; shape ``(N, n)``."""
        z = as_float_array(x, "x").reshape(-1, 1) @ self.W1 + self.b1
        if self.steepness is None:
            return (z >= 0).astype(z.dtype)
        return sigmoid(self.steepness * z)

    def __call__(self, x: ArrayLike) -> FloatArray:
        r"""The network's output $\hat f(x)$, shape ``(N,)``."""
        return (self.hidden(x) @ self.W2 + self.b2)[:, 0]


def staircase(
    f: Callable[[FloatArray], FloatArray],
    a: float,
    b: float,
    n: int,
    steepness: float | None = None,
) -> StaircaseNetwork:
    r"""Build the $n$-unit staircase network approximating ``f`` on $[x_{\min}, x_{\max}]$.

    Args:
        f: a vectorised function of one variable.
        a: left end $x_{\min}$ of the interval.
        b: right end $x_{\max}$, ``b > a``.
        n: number of hidden units, ``n >= 1``.
        steepness: ``None`` for step units; $\kappa > 0$ for sigmoid units $\sigma(\kappa s)$.
    """
    if not (isinstance(n, int | np.integer) and n >= 1):
        raise ValueError(f"n must be a positive integer number of units, got {n!r}")
    if not b > a:
        raise ValueError(f"the interval must have b > a, got a={a!r}, b={b!r}")
    if steepness is not None:
        check_positive(steepness, "steepness")
    dx = (b - a) / n
    edges = a + dx * np.arange(n)
    values = np.asarray(f(edges + dx / 2), dtype=np.float64)
    check_finite(values, "f(x)")
    thresholds = np.concatenate([[a - dx / 2], edges[1:]])
    jumps = np.diff(values, prepend=0.0)
    return StaircaseNetwork(
        W1=np.ones((1, n)), b1=-thresholds, W2=jumps[:, None], b2=np.zeros(1), steepness=steepness
    )


def sup_error(
    f: Callable[[FloatArray], FloatArray],
    approx: Callable[[FloatArray], FloatArray],
    a: float,
    b: float,
    points: int = 20001,
) -> float:
    r"""$\max_x |f(x) - \hat f(x)|$ over ``points`` evenly spaced $x \in [x_{\min}, x_{\max}]$.

    ``a`` and ``b`` are $x_{\min}$ and $x_{\max}$, as in
    [`staircase`][nnbook.approximation.staircase].
    """
    x = np.linspace(a, b, points)
    return float(np.max(np.abs(f(x) - approx(x))))
