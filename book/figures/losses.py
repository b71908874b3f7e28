r"""Loss figures: why cross-entropy beats squared error on a sigmoid output, and the softmax.

Every curve is computed by :mod:`nnbook.losses` and :mod:`nnbook.activations`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._registry import figure
from book.figures.style import COLORS, INK, new_figure
from nnbook.activations import sigmoid
from nnbook.losses import binary_cross_entropy_with_logits, cross_entropy, mse_loss, softmax

__all__ = [
    "EXPLORER_LOGITS",
    "EXPLORER_STRIDE",
    "LOGITS",
    "loss_curves",
    "loss_saturation",
    "softmax_explorer",
    "softmax_logit",
]

LOGITS = np.linspace(-6, 6, 481)
"""The logits $z$ the loss figures are drawn over."""


def loss_curves(z: np.ndarray, y: float = 1.0) -> dict[str, np.ndarray]:
    r"""Losses and their gradients with respect to the logit $z$ for a sigmoid output $\hat y = \sigma(z)$.

    Returns ``"mse"`` $= (\sigma(z) - y)^2$, ``"bce"`` $= -y\log\sigma(z) - (1-y)\log(1-\sigma(z))$,
    and ``"dmse"`` $= 2(\sigma(z) - y)\,\sigma'(z)$ (chain rule through the sigmoid),
    ``"dbce"`` $= \sigma(z) - y$, each with the shape of ``z``.
    """
    target = np.full_like(z, y)
    p = sigmoid(z)
    return {
        "mse": mse_loss(p, target, reduction="none"),
        "bce": binary_cross_entropy_with_logits(z, target, reduction="none"),
        "dmse": mse_loss.grad(p, target, reduction="sum") * sigmoid.derivative(z),
        "dbce": binary_cross_entropy_with_logits.grad(z, target, reduction="sum"),
    }


@figure(
    "loss-saturation",
    "Squared error and cross-entropy of a sigmoid output whose target is 1, against the logit "
    "z. Left, the losses: cross-entropy grows linearly as z becomes very negative while squared "
    "error flattens at 1. Right, their gradients with respect to z: cross-entropy's gradient "
    "sigma(z) - 1 tends to -1 for a confidently wrong output, while squared error's gradient, "
    "carrying the factor sigma'(z), vanishes there.",
)
def loss_saturation() -> Figure:
    r"""Loss $\ell$ and $\partial \ell/\partial z$ for target $y = 1$: squared error saturates, cross-entropy does not."""
    curves = loss_curves(LOGITS)
    fig = new_figure(7.0, 3.1)
    left, right = fig.subplots(1, 2)
    mse_style = {"color": COLORS["vermillion"], "label": r"squared error $(\sigma(z) - 1)^2$"}
    bce_style = {"color": COLORS["blue"], "label": r"cross-entropy $-\log \sigma(z)$"}
    left.plot(LOGITS, curves["bce"], **bce_style)
    left.plot(LOGITS, curves["mse"], **mse_style)
    left.set_ylabel(r"loss $\ell$")
    left.set_ylim(-0.2, 6.2)
    left.legend(loc="upper right")
    right.plot(LOGITS, curves["dbce"], color=COLORS["blue"], label=r"$\sigma(z) - 1$")
    right.plot(
        LOGITS, curves["dmse"], color=COLORS["vermillion"], label=r"$2(\sigma(z) - 1)\,\sigma'(z)$"
    )
    right.set_ylabel(r"gradient $\partial \ell / \partial z$")
    right.legend(loc="lower right")
    right.axvspan(-6, -3, color=COLORS["light"], zorder=0)
    right.text(-4.5, -0.5, "confidently\nwrong", ha="center", va="center", fontsize=9, color=INK)
    for ax in (left, right):
        ax.set_xlabel("logit $z$  (target $y = 1$)")
        ax.axhline(0, color=COLORS["grey"], lw=0.6)
    return fig


@figure(
    "softmax-logit",
    "Left: softmax probabilities of three classes as the logit of the first class varies with "
    "the other two fixed; the first class takes over as its logit grows and the three curves "
    "always sum to 1. Right: with two classes the softmax probability of the first class is "
    "exactly the sigmoid of the logit difference",
)
def softmax_logit() -> Figure:
    r"""Softmax probabilities as one logit varies; for two classes, $\mathrm{softmax}(z)_0 = \sigma(z_0 - z_1)$."""
    z0 = LOGITS
    fig = new_figure(7.0, 3.1)
    left, right = fig.subplots(1, 2)
    three = softmax(np.column_stack([z0, np.ones_like(z0), np.zeros_like(z0)]))
    for k, (label, color) in enumerate(
        [(r"$\hat y_0$ (logit $z_0$)", COLORS["blue"]), (r"$\hat y_1$ (logit 1)", COLORS["green"]),
         (r"$\hat y_2$ (logit 0)", COLORS["orange"])]
    ):  # fmt: skip
        left.plot(z0, three[:, k], color=color, label=label)
    left.plot(z0, three.sum(axis=1), ":", color=INK, lw=1.2, label="sum")
    left.set_title("three classes, logits $(z_0, 1, 0)$", fontsize=10)
    left.legend(loc="center left", fontsize=8.5)
    two = softmax(np.column_stack([z0, np.zeros_like(z0)]))[:, 0]
    right.plot(z0, sigmoid(z0), color=INK, lw=4, alpha=0.25, label=r"$\sigma(z_0 - z_1)$")
    right.plot(z0, two, color=COLORS["blue"], label=r"softmax$(z_0, z_1)_0$")
    right.set_title("two classes, $z_1 = 0$", fontsize=10)
    right.legend(loc="upper left")
    for ax in (left, right):
        ax.set_xlabel("logit $z_0$")
        ax.set_ylim(-0.05, 1.08)
    left.set_ylabel("probability")
    return fig


EXPLORER_LOGITS = np.linspace(-3, 3, 13)
r"""The values of the logits $z_0$ and $z_1$ the softmax explorer offers ($z_2 = 0$)."""
EXPLORER_STRIDE = 4
"""The explorer's sigmoid curves take every ``EXPLORER_STRIDE``-th point of :data:`LOGITS`."""


@figure(
    "softmax-explorer",
    "Data of the softmax explorer: softmax probabilities, cross-entropy and its gradient for "
    "three classes with logits (z0, z1, 0), z0 and z1 from -3 to 3, each class the true one; "
    "squared error and cross-entropy of a sigmoid output with target 1 and their gradients.",
    ext="json",
)
def softmax_explorer() -> dict[str, object]:
    r"""What the softmax explorer draws, for every setting of its controls.

    For logits $z = ($``z[i]``, ``z[j]``, $0)$: ``p[i][j]`` $= \mathrm{softmax}(z)$,
    ``loss[i][j][c]`` $= -\ln \hat y_c$ and ``grad[i][j][c]`` $= \hat y - y$ for the true
    class $c$ (from ``cross_entropy`` and ``cross_entropy.grad``). ``sigmoid`` holds the curves
    of :func:`loss_curves` on ``z`` (start, stop, count) and $\sigma(z)$ on it.
    """
    z0, z1 = np.meshgrid(EXPLORER_LOGITS, EXPLORER_LOGITS, indexing="ij")
    z = np.column_stack([z0.ravel(), z1.ravel(), np.zeros(z0.size)])
    shape = (*z0.shape, 3)
    losses, grads = [], []
    for c in range(3):
        labels = np.full(len(z), c)
        losses.append(cross_entropy(z, labels, reduction="none"))
        grads.append(cross_entropy.grad(z, labels, reduction="sum"))  # per row: ŷ − y
    curve_z = LOGITS[::EXPLORER_STRIDE]
    curves = loss_curves(curve_z)
    return {
        "z": EXPLORER_LOGITS.tolist(),
        "p": rounded(softmax(z).reshape(shape), 3),
        "loss": rounded(np.stack(losses, axis=1).reshape(shape), 3),
        "grad": rounded(np.stack(grads, axis=1).reshape((*shape, 3)), 3),
        "sigmoid": {
            "z": [float(curve_z[0]), float(curve_z[-1]), len(curve_z)],
            "y_hat": rounded(sigmoid(curve_z), 4),
            **{k: rounded(v, 4) for k, v in curves.items()},
        },
    }
