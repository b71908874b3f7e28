r"""Activation figures: the five functions with their derivatives, vanishing gradients, and the
activation explorer's data (an interactive figure).

Values come from :data:`nnbook.activations.ACTIVATIONS`; gradient norms from the backward pass
of :class:`nnbook.MLP`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._registry import figure
from book.figures.style import COLORS, NEGATIVE, POSITIVE, new_figure
from nnbook.activations import ACTIVATIONS
from nnbook.losses import cross_entropy
from nnbook.mlp import MLP

__all__ = [
    "DEPTH",
    "EXPLORER_DEPTHS",
    "EXPLORER_Z",
    "activation_explorer",
    "activation_functions",
    "gradient_norms",
    "vanishing_gradients",
]

_FORMULAS = {
    "sigmoid": r"$\sigma(z) = 1/(1+e^{-z})$",
    "tanh": r"$\tanh z$",
    "relu": r"$\max(0, z)$",
    "leaky_relu": r"$\max(0.01z, z)$",
    "elu": r"$z$ or $e^z - 1$",
}

DEPTH = 12
"""Hidden layers of the deep networks in the ``vanishing-gradients`` figure."""


@figure(
    "activation-functions",
    "Five activation functions, one per column (sigmoid, tanh, ReLU, leaky ReLU, ELU), with the "
    "function in the top row and its derivative in the bottom row. The sigmoid's derivative "
    "peaks at 0.25 and tanh's at 1, both vanish for large |z|; the ReLU family keeps "
    "derivative 1 for positive z.",
)
def activation_functions() -> Figure:
    r"""Each activation $f(z)$ (top row) and its derivative $f'(z)$ (bottom row)."""
    z = np.linspace(-4, 4, 801)
    fig = new_figure(8.0, 3.6)
    axes = fig.subplots(2, len(ACTIVATIONS), sharex=True, sharey="row")
    for col, (name, f) in enumerate(ACTIVATIONS.items()):
        top, bottom = axes[:, col]
        top.plot(z, f(z), color=COLORS["blue"])
        top.set_title(f"{name}\n{_FORMULAS.get(name, '')}", fontsize=9.5)
        d = f.derivative(z)
        bottom.plot(z, d, color=COLORS["vermillion"])
        peak = float(d.max())
        bottom.axhline(peak, color=COLORS["grey"], lw=0.8, ls=":")
        bottom.text(-3.8, peak, f"max {peak:.2g}", va="bottom", fontsize=8, color=COLORS["grey"])
        bottom.set_xlabel("$z$")
        for ax in (top, bottom):
            ax.axhline(0, color=COLORS["grey"], lw=0.6)
            ax.axvline(0, color=COLORS["grey"], lw=0.6)
    axes[0, 0].set_ylabel("$f(z)$")
    axes[1, 0].set_ylabel("$f\\,'(z)$")
    axes[0, 0].set_ylim(-1.6, 4.2)
    axes[1, 0].set_ylim(-0.15, 1.35)
    return fig


def gradient_norms(
    activation: str, depth: int = DEPTH, width: int = 32, seed: int = 0
) -> np.ndarray:
    r"""$\|\partial \mathcal L/\partial W_l\|_F$ for each layer $l = 1, \dots, \text{depth}+1$ of a fresh net.

    The network :class:`nnbook.MLP` has ``depth`` hidden layers of ``width`` units, its default
    initialisation, a batch of 256 standard normal inputs and random labels of 10 classes; the
    loss is the softmax cross-entropy.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((256, width))
    y = rng.integers(0, 10, 256)
    net = MLP([width] * (depth + 1) + [10], activation=activation, seed=seed)
    out = net.forward(X)
    grads = net.backward(cross_entropy.grad(out, y))
    return np.array([np.linalg.norm(dW) for dW in grads.W.values()])


@figure(
    "vanishing-gradients",
    "Gradient norm of each layer's weights, on a log scale, for a 12-hidden-layer network at "
    "initialisation: with sigmoid units the gradient shrinks by orders of magnitude from the "
    "output layer back to the first layer, with ReLU units it stays within the same order of "
    "magnitude.",
)
def vanishing_gradients() -> Figure:
    r"""Per-layer gradient norms of a deep sigmoid net and a deep ReLU net (:func:`gradient_norms`)."""
    fig = new_figure(5.0, 3.4)
    ax = fig.add_subplot()
    layers = np.arange(1, DEPTH + 2)
    for name, color, marker in (("sigmoid", NEGATIVE, "s"), ("relu", POSITIVE, "o")):
        norms = np.mean([gradient_norms(name, seed=s) for s in range(5)], axis=0)
        ax.semilogy(layers, norms, marker=marker, color=color, ms=5, label=f"{name} hidden units")
    ax.set_xlabel(f"layer $l$ (1 = first hidden layer, {DEPTH + 1} = output layer)")
    ax.set_ylabel(r"$\|\partial \mathcal{L}/\partial W_l\|$ (mean of 5 nets)")
    ax.set_xticks(layers)
    ax.legend(loc="lower right")
    return fig


EXPLORER_Z = (-3.0, 3.0, 121)
"""The activation explorer draws $f$ and $f'$ at this many evenly spaced $z$ (from, to, count)."""
EXPLORER_DEPTHS = tuple(range(1, 31))
"""The numbers of hidden layers $L - 1$ the activation explorer offers (its depth slider)."""
_TITLES = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "Leaky ReLU",
    "elu": "ELU",
}


def _significant(values: np.ndarray, digits: int = 3) -> list[float]:
    """``values`` rounded to ``digits`` significant digits (they span twenty decades)."""
    return [float(f"{v:.{digits}g}") for v in np.asarray(values, dtype=float).tolist()]


@figure(
    "activation-explorer",
    "Data of the activation explorer: each of the five activations and its derivative on "
    "[-3, 3], its largest derivative, and for 1 to 30 hidden layers the product of that "
    "largest derivative over the layers and the measured ratio of the first to the last "
    "layer's weight-gradient norm at initialisation.",
    ext="json",
)
def activation_explorer() -> dict[str, object]:
    r"""What the activation explorer draws, for every activation and number of hidden layers.

    A network of $L$ layers has $L - 1 = $ ``depth[i]`` hidden layers. ``f`` and ``df`` are
    $f(z)$ and $f'(z)$ on the grid ``z`` (from, to, count); ``max`` is $\max_z f'(z)$ on a fine
    grid that contains $z = 0$; ``product[i]`` is $(\max f')^{L-1}$ and ``ratio[i]`` is
    $\|\partial\mathcal L/\partial W_1\| / \|\partial\mathcal L/\partial W_L\|$ of the network
    of :func:`gradient_norms` with $L - 1$ hidden layers of 32 units, seed 0: at $L - 1 = 10$
    ($L = 11$) the first/last ratios of the chapter's table.
    """
    z = np.linspace(*EXPLORER_Z[:2], EXPLORER_Z[2])
    fine = np.linspace(-10, 10, 200001)  # includes z = 0, where sigmoid' and tanh' peak
    depths = np.array(EXPLORER_DEPTHS)
    entries = []
    for name, f in ACTIVATIONS.items():
        peak = float(f.derivative(fine).max())
        ratios = []
        for depth in EXPLORER_DEPTHS:
            norms = gradient_norms(name, depth=depth)
            ratios.append(norms[0] / norms[-1])
        entries.append(
            {
                "name": name,
                "title": _TITLES.get(name, name),
                "f": rounded(f(z), 3),
                "df": rounded(f.derivative(z), 3),
                "max": rounded(peak),
                "product": _significant(peak**depths),
                "ratio": _significant(np.array(ratios)),
            }
        )
    return {"z": list(EXPLORER_Z), "depth": list(EXPLORER_DEPTHS), "activations": entries}
