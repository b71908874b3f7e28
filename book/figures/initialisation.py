r"""Initialisation figure of the Training chapter: signals through depth at four weight scales.

Twenty square layers of 100 units, weights $\mathcal N(0, c/n_{l-1})$ and zero biases, as in the
chapter's section [Initialisation](initialisation.md#initialisation): forward
$Z_l = A_{l-1} W_l$, $A_l = f(Z_l)$; backward from a random gradient $G_{20} \sim \mathcal N(0, 1)$,
$\delta_l = G_l \odot f'(Z_l)$, $G_{l-1} = \delta_l W_l^\top$.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from book.figures._registry import figure
from book.figures.style import COLORS, new_figure
from nnbook.activations import get

__all__ = ["DEPTH", "SCALES", "depth_spread", "init_depth"]

DEPTH = 20
"""Layers of the networks of the ``training-init-depth`` figure."""
SCALES = {"too small": 0.5, "LeCun": 1.0, "He": 2.0, "too large": 4.0}
r"""The four schemes: weights from $\mathcal N(0, c/n_{l-1})$ with these $c$."""
_COLORS = {
    "too small": COLORS["sky"],
    "LeCun": COLORS["green"],
    "He": COLORS["blue"],
    "too large": COLORS["vermillion"],
}
_MARKERS = {"too small": "v", "LeCun": "s", "He": "o", "too large": "^"}


def depth_spread(
    activation: str, c: float, seed: int = 0, width: int = 100, batch: int = 100
) -> tuple[np.ndarray, np.ndarray]:
    r"""The standard deviations of $Z_l$ and of $\delta_l$ for $l = 1, \dots,$ :data:`DEPTH`.

    Square layers of ``width`` units, $W_l \sim \mathcal N(0, c/n_{l-1})$, $b_l = 0$, a batch of
    ``batch`` standard normal inputs; the gradient from above is $G_{20} \sim \mathcal N(0, 1)$.
    """
    f, rng = get(activation), np.random.default_rng(seed)
    X = rng.standard_normal((batch, width))
    Ws = [rng.standard_normal((width, width)) * np.sqrt(c / width) for _ in range(DEPTH)]
    A: np.ndarray = X
    Zs: list[np.ndarray] = []
    for W in Ws:
        Zs.append(A @ W)
        A = f(Zs[-1])
    deltas = [rng.standard_normal(A.shape) * f.derivative(Zs[-1])]
    for W, Z in zip(Ws[:0:-1], Zs[-2::-1], strict=True):
        deltas.append((deltas[-1] @ W.T) * f.derivative(Z))
    return np.array([Z.std() for Z in Zs]), np.array([d.std() for d in deltas[::-1]])


@figure(
    "training-init-depth",
    "Four panels: the standard deviation of the pre-activations Z_l (left) and of the error "
    "signals delta_l (right) through twenty layers, on a log scale, for ReLU (top) and tanh "
    "(bottom) networks at four weight scales. For ReLU, He's scale keeps both flat; LeCun's and "
    "the smaller one shrink, the larger one grows, all geometrically. For tanh, LeCun's scale "
    "decays slowly forward and shrinks the gradient about fivefold; larger scales keep the forward "
    "signal at a fixed size but make the gradient grow towards the input; the smallest shrinks "
    "both.",
)
def init_depth() -> Figure:
    r"""Std of $Z_l$ and $\delta_l$ by layer, geometric mean over five networks (:func:`depth_spread`)."""
    fig = new_figure(7.0, 5.4)
    axes = fig.subplots(2, 2, sharex=True)
    layers = np.arange(1, DEPTH + 1)
    for row, activation in enumerate(("relu", "tanh")):
        for scheme, c in SCALES.items():
            runs = [depth_spread(activation, c, seed=s) for s in range(5)]
            for col in (0, 1):
                std = np.exp(np.mean([np.log(run[col]) for run in runs], axis=0))
                axes[row, col].semilogy(
                    layers, std, color=_COLORS[scheme], marker=_MARKERS[scheme], ms=3.5, markevery=2,
                    label=f"{scheme} (c = {c:g})",
                )  # fmt: skip
        name = {"relu": "ReLU", "tanh": "tanh"}[activation]
        axes[row, 0].set_ylabel(f"{name}: standard deviation")
        axes[row, 0].set_title(f"{name}, forward: std of $Z_l$", fontsize=10)
        axes[row, 1].set_title(rf"{name}, backward: std of $\delta_l$", fontsize=10)
    for ax in axes[1]:
        ax.set_xlabel("layer $l$")
        ax.set_xticks([1, 5, 10, 15, 20])
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=4)
    return fig
