r"""Training figures: an :class:`nnbook.MLP` learning XOR and the two moons.

Each figure shows the per-epoch loss recorded in :attr:`nnbook.MLP.history` next to the decision
regions of the trained network: the colour is the predicted probability of class 1,
$\mathrm{softmax}(\hat y)_1$, and the black line is where it equals $1/2$.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from book.figures._registry import figure
from book.figures.style import COLORS, INK, new_figure, scatter_classes
from nnbook.datasets import two_moons, xor
from nnbook.mlp import MLP

__all__ = ["MOONS", "XOR_RUN", "moons_training", "train_moons", "train_xor", "xor_training"]

XOR_RUN: dict[str, Any] = {
    "sizes": [2, 4, 2],
    "activation": "tanh",
    "epochs": 300,
    "lr": 0.1,
    "batch_size": 4,
    "momentum": 0.9,
}
"""Network and training settings of the ``xor-training`` figure."""

MOONS: dict[str, Any] = {
    "sizes": [2, 16, 16, 2],
    "activation": "relu",
    "epochs": 200,
    "lr": 0.01,
    "batch_size": 16,
    "momentum": 0.9,
    "noise": 0.15,
}
"""Network, data and training settings of the ``moons-training`` figure."""


PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "nnbook-probability", ["#F3B38F", "#FBE6DA", "#FFFFFF", "#D3E5F4", "#8DBDE3"]
)
"""Light vermillion (class 0) through white to light blue (class 1): the points stay visible."""


def train_xor(seed: int = 0) -> MLP:
    """The MLP of :data:`XOR_RUN`, trained on :func:`nnbook.datasets.xor`."""
    run = dict(XOR_RUN)
    net = MLP(run.pop("sizes"), activation=run.pop("activation"), seed=seed)
    X, y = xor()
    return net.fit(X, y, progress=False, **run)


def train_moons(seed: int = 0) -> tuple[MLP, tuple[np.ndarray, np.ndarray]]:
    """The MLP of :data:`MOONS` trained on 200 two-moons points; returns it and that data.

    The validation set is another 200 points drawn with seed ``seed + 1``.
    """
    run = dict(MOONS)
    noise = run.pop("noise")
    X, y = two_moons(200, noise=noise, seed=seed)
    val = two_moons(200, noise=noise, seed=seed + 1)
    net = MLP(run.pop("sizes"), activation=run.pop("activation"), seed=seed)
    net.fit(X, y, progress=False, validation_data=val, **run)
    return net, (X, y)


def decision_regions(
    ax: Axes, net: MLP, xlim: tuple[float, float], ylim: tuple[float, float]
) -> None:
    r"""Shade $P(\text{class } 1)$ of ``net`` over the rectangle and draw its $1/2$ contour."""
    xs, ys = np.linspace(*xlim, 121), np.linspace(*ylim, 121)
    xx, yy = np.meshgrid(xs, ys)
    p = net.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))[:, 1].reshape(xx.shape)
    # the shading is a small embedded image, smoother and smaller than filled contours
    image = ax.imshow(
        p, extent=(*xlim, *ylim), origin="lower", cmap=PROBABILITY_CMAP, vmin=0, vmax=1,
        interpolation="none", aspect="auto", zorder=0,
    )  # fmt: skip
    ax.contour(xx, yy, p, levels=[0.5], colors=[INK], linewidths=1.8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.grid(False)
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.7, aspect=20, pad=0.03, ticks=[0, 0.5, 1])
    bar.set_label(r"$P(\mathrm{class}\ 1)$")
    bar.outline.set_visible(False)


def _loss_panel(ax: Axes, history: dict[str, list[float]], log: bool = True) -> None:
    epochs = np.arange(1, len(history["loss"]) + 1)
    ax.plot(epochs, history["loss"], color=COLORS["blue"], label="training loss")
    if "val_loss" in history:
        ax.plot(epochs, history["val_loss"], color=COLORS["orange"], label="validation loss")
    if log:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy")
    ax.legend(loc="upper right")


@figure(
    "xor-training",
    "Left: the training loss of a 2-4-2 tanh network learning XOR falls by orders of magnitude "
    "over 300 epochs. Right: the regions it learned; the two class-0 points (0,0) and (1,1) lie "
    "in an orange diagonal band between two curved boundaries, and the two class-1 points "
    "(0,1) and (1,0) in the blue corners outside it.",
)
def xor_training() -> Figure:
    """Loss curve and decision regions of the MLP of :data:`XOR_RUN` (:func:`train_xor`)."""
    net = train_xor()
    X, y = xor()
    fig = new_figure(7.0, 3.2)
    left, right = fig.subplots(1, 2)
    _loss_panel(left, net.history)
    left.set_title(
        f"final loss {net.history['loss'][-1]:.2g}, accuracy {net.score(X, y):.0%}", fontsize=10
    )
    decision_regions(right, net, (-0.5, 1.5), (-0.5, 1.5))
    scatter_classes(right, X, y)
    right.set_aspect("equal")
    right.set_xlabel("$x_1$")
    right.set_ylabel("$x_2$")
    right.set_xticks([0, 1])
    right.set_yticks([0, 1])
    right.set_title("decision regions of the trained network", fontsize=10)
    return fig


@figure(
    "moons-training",
    "Left: training and validation loss of a 2-16-16-2 ReLU network on the two-moons data, "
    "both falling quickly and then levelling off over 200 epochs. Right: the learned decision boundary, a curve that winds "
    "between the two interleaved half-moons of blue and orange points.",
)
def moons_training() -> Figure:
    """Loss curves and decision regions of the MLP of :data:`MOONS` (:func:`train_moons`)."""
    net, (X, y) = train_moons()
    fig = new_figure(7.0, 3.2)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.25])
    _loss_panel(left, net.history, log=False)
    h = net.history
    left.set_title(
        f"accuracy: training {h['accuracy'][-1]:.0%}, validation {h['val_accuracy'][-1]:.0%}",
        fontsize=10,
    )
    decision_regions(right, net, (-1.5, 2.5), (-1.0, 1.5))
    scatter_classes(right, X, y, size=22, linewidths=0.6)
    right.set_aspect("equal")
    right.set_xlabel("$x_1$")
    right.set_ylabel("$x_2$")
    right.set_title("decision regions, training points", fontsize=10)
    return fig
