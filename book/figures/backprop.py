r"""The backpropagation figure: a computational graph with real forward values and gradients.

The example is the smallest network with a hidden layer, one unit per layer:

$$
z_1 = w_1 x + b_1, \quad a = \sigma(z_1), \quad z_2 = w_2 a + b_2, \quad \ell = (z_2 - y)^2 .
$$

:func:`tiny_example` computes it with the forward/backward pairs of :mod:`nnbook.layers` and
:data:`nnbook.losses.mse_loss`, so every number on the figure is nnbook's own.

:func:`moons_boundary` is the data of the chapter's interactive figure: the two-moons network
of the chapter (:func:`book.runs.train_moons`) trained with several hidden widths, its decision
boundary and training loss epoch by epoch.
"""

from __future__ import annotations

import numpy as np
from contourpy import contour_generator
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._diagram import BIAS_FILL, INPUT_FILL, NODE_FILL, arrow, box, canvas
from book.figures._registry import figure
from book.figures.style import COLORS, new_figure
from book.runs import MOONS, moons_data, train_moons
from nnbook.activations import sigmoid
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import mse_loss
from nnbook.mlp import MLPClassifier

__all__ = [
    "EXAMPLE",
    "MOONS_BOX",
    "MOONS_CELLS",
    "MOONS_EPOCHS",
    "MOONS_WIDTHS",
    "backprop_graph",
    "moons_boundary",
    "probability_grid",
    "tiny_example",
]

EXAMPLE = {"x": 2.0, "y": 0.5, "w1": 0.5, "b1": -0.5, "w2": 1.5, "b2": 0.25}
"""Input, target and parameters of the tiny example."""


def tiny_example(
    x: float, y: float, w1: float, b1: float, w2: float, b2: float
) -> dict[str, dict[str, float]]:
    r"""Forward values and gradients $\partial \ell/\partial v$ of every node of the tiny network.

    Returns ``{"value": {...}, "grad": {...}}`` keyed by ``x, w1, b1, z1, a, w2, b2, z2, loss``.
    """

    def m(v: float) -> np.ndarray:
        return np.array([[v]])

    Z1, affine1 = affine_forward(m(x), m(w1), np.array([b1]))
    A, act = activation_forward(Z1, sigmoid)
    Z2, affine2 = affine_forward(A, m(w2), np.array([b2]))
    loss = mse_loss(Z2, m(y))
    dZ2 = mse_loss.grad(Z2, m(y))
    dA, dW2, db2 = affine_backward(dZ2, affine2)
    dZ1 = activation_backward(dA, act)
    dX, dW1, db1 = affine_backward(dZ1, affine1)
    value = {
        "x": x,
        "y": y,
        "w1": w1,
        "b1": b1,
        "z1": Z1,
        "a": A,
        "w2": w2,
        "b2": b2,
        "z2": Z2,
        "loss": loss,
    }
    grad = {
        "x": dX,
        "w1": dW1,
        "b1": db1,
        "z1": dZ1,
        "a": dA,
        "w2": dW2,
        "b2": db2,
        "z2": dZ2,
        "loss": 1.0,
    }
    return {
        "value": {k: float(np.asarray(v).item()) for k, v in value.items()},
        "grad": {k: float(np.asarray(v).item()) for k, v in grad.items()},
    }


_LABELS = {
    "x": "x", "w1": "w_1", "b1": "b_1", "z1": "z_1", "a": "a", "w2": "w_2", "b2": "b_2",
    "z2": "z_2", "loss": r"\ell", "y": "y",
}  # fmt: skip
_MAIN = {"x": (0.0, 0.0), "z1": (2.8, 0.0), "a": (5.6, 0.0), "z2": (8.4, 0.0), "loss": (11.2, 0.0)}
_SIDE = {"w1": (1.6, 2.2), "b1": (3.9, 2.2), "w2": (7.3, 2.2), "b2": (9.5, 2.2), "y": (11.9, 2.2)}
_OPS = {
    "z1": "$w_1 x + b_1$",
    "a": r"$\sigma(z_1)$",
    "z2": "$w_2 a + b_2$",
    "loss": "$(z_2 - y)^2$",
}


def _num(v: float) -> str:
    return f"{v:.3f}".replace("-", "\N{MINUS SIGN}")


def _node(
    ax: Axes,
    name: str,
    xy: tuple[float, float],
    nums: dict[str, dict[str, float]],
    grad_above: bool,
) -> None:
    fill = INPUT_FILL if name in ("x", "y") else BIAS_FILL if name in _SIDE else NODE_FILL
    box(ax, xy, 1.5, 0.78, fill=fill)
    ax.text(
        xy[0], xy[1] + 0.14, f"${_LABELS[name]}$", ha="center", va="center", fontsize=11, zorder=3
    )
    ax.text(
        xy[0],
        xy[1] - 0.2,
        _num(nums["value"][name]),
        ha="center",
        va="center",
        fontsize=9.5,
        zorder=3,
    )
    dy = 0.55 if grad_above else -0.55
    if name not in nums["grad"]:
        ax.text(
            xy[0], xy[1] + dy, "target", ha="center", va="bottom", fontsize=9, color=COLORS["grey"]
        )
        return
    ax.text(
        xy[0], xy[1] + dy, rf"$\partial \ell/\partial {_LABELS[name]}$ = {_num(nums['grad'][name])}",
        ha="center", va="bottom" if grad_above else "top", fontsize=9, color=COLORS["vermillion"],
    )  # fmt: skip
    if name in _OPS:
        ax.text(
            xy[0], xy[1] - 1.05, _OPS[name], ha="center", va="top", fontsize=9, color=COLORS["grey"]
        )


@figure(
    "backprop-graph",
    "The computational graph of a tiny network, x to z1 = w1 x + b1 to a = sigma(z1) to "
    "z2 = w2 a + b2 to the loss ℓ = (z2 - y) squared; each node shows its forward value and the "
    "gradient of ℓ with respect to it, computed backwards by the chain rule",
)
def backprop_graph() -> Figure:
    r"""Forward values (black) and gradients $\partial \ell/\partial v$ (vermillion) of :data:`EXAMPLE`."""
    nums = tiny_example(**EXAMPLE)
    value = nums["value"]
    fig = new_figure(7.6, 3.1)
    ax = canvas(fig, (-0.9, 12.8), (-2.1, 3.0))
    where = {**_MAIN, **_SIDE}
    for src in ("w1", "b1", "w2", "b2", "y"):
        arrow(
            ax,
            where[src],
            where["z1" if src in ("w1", "b1") else "loss" if src == "y" else "z2"],
            0.5,
            0.5,
        )
    local = {
        ("x", "z1"): value["w1"],
        ("z1", "a"): float(sigmoid.derivative(value["z1"])),
        ("a", "z2"): value["w2"],
        ("z2", "loss"): 2 * (value["z2"] - value["y"]),
    }
    for (src, dst), d in local.items():
        arrow(
            ax,
            where[src],
            where[dst],
            0.78,
            0.78,
            label=f"\N{MULTIPLICATION SIGN}{_num(d)}",
            label_offset=0.2,
        )
    for name, xy in where.items():
        _node(ax, name, xy, nums, grad_above=name in _SIDE)
    ax.text(
        -0.75, -1.85, "forward: values  \N{RIGHTWARDS ARROW}", ha="left", va="center", fontsize=10
    )
    ax.text(
        12.65, -1.85, "\N{LEFTWARDS ARROW}  backward: gradient = gradient on the right \N{MULTIPLICATION SIGN} local derivative",
        ha="right", va="center", fontsize=9.5, color=COLORS["vermillion"],
    )  # fmt: skip
    return fig


MOONS_WIDTHS = (2, 4, 8, 16)
"""Units per hidden layer of the runs the interactive figure offers; 16 is the chapter's
(:data:`book.runs.MOONS`)."""
MOONS_EPOCHS = (1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 50, 70, 100, 130, 160, 200)
"""The epochs whose decision boundary the interactive figure shows; the last is the run's end."""
MOONS_BOX = ((-1.5, 2.5), (-1.1, 1.5))
r"""The rectangle $[a_1, b_1] \times [a_2, b_2]$ of inputs $(x_1, x_2)$ the figure draws."""
MOONS_CELLS = (40, 26)
"""Columns and rows of the coarse shaded field of predicted classes."""


def probability_grid(net: MLPClassifier, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    r"""$P(\text{class } 1)$ of ``net`` at the points ``(xs[j], ys[i])``, shape ``(len(ys), len(xs))``."""
    xx, yy = np.meshgrid(xs, ys)
    p = net.predict_proba(np.column_stack([xx.ravel(), yy.ravel()]))[:, 1]
    return p.reshape(xx.shape)


def _simplify(line: np.ndarray, tol: float) -> np.ndarray:
    """Drop the points of a polyline that lie within ``tol`` of the chord (Douglas–Peucker)."""
    if len(line) < 3:
        return line
    a, d = line[0], line[-1] - line[0]
    rel = line - a
    norm = np.hypot(*d)
    dist = np.abs(d[0] * rel[:, 1] - d[1] * rel[:, 0]) / norm if norm else np.hypot(*rel.T)
    i = int(np.argmax(dist))
    if dist[i] <= tol:
        return line[[0, -1]]
    return np.vstack([_simplify(line[: i + 1], tol)[:-1], _simplify(line[i:], tol)])


def _boundary(net: MLPClassifier) -> tuple[list[list[float]], list[list[float]]]:
    """The polylines where ``net`` gives class 1 probability 1/2 inside :data:`MOONS_BOX`."""
    (x0, x1), (y0, y1) = MOONS_BOX
    xs, ys = np.linspace(x0, x1, 161), np.linspace(y0, y1, 105)  # steps of 1/40
    pieces = contour_generator(xs, ys, probability_grid(net, xs, ys)).lines(0.5)
    lines = [_simplify(np.asarray(line), 0.004) for line in pieces if len(line) > 1]
    return [rounded(line[:, 0], 2) for line in lines], [rounded(line[:, 1], 2) for line in lines]


def _field(net: MLPClassifier) -> list[int]:
    """Predicted classes at the centres of the :data:`MOONS_CELLS` grid, run-length coded.

    The cells are read row by row from the bottom left; the runs alternate between class 0 and
    class 1, starting with class 0 (so the first run may be empty).
    """
    (x0, x1), (y0, y1) = MOONS_BOX
    nx, ny = MOONS_CELLS
    xs = x0 + (x1 - x0) * (np.arange(nx) + 0.5) / nx
    ys = y0 + (y1 - y0) * (np.arange(ny) + 0.5) / ny
    classes = (probability_grid(net, xs, ys) > 0.5).ravel().astype(int)
    changes = np.flatnonzero(np.diff(classes)) + 1
    edges = [0, *changes.tolist(), len(classes)]
    runs = np.diff(edges).tolist()
    return [0, *runs] if classes[0] == 1 else runs


@figure(
    "moons-boundary",
    "Data of the two-moons widget: the chapter's training points and, for 2, 4, 8 and 16 ReLU "
    "units per hidden layer, the training loss of every epoch and the decision boundary, "
    "shaded classes and training accuracy at sixteen epochs from 1 to 200.",
    ext="json",
)
def moons_boundary() -> dict[str, object]:
    r"""Decision boundaries and losses of the chapter's two-moons network, by width and epoch.

    ``runs[i]`` is the ``[2, w, w, 2]`` network with ``w = widths[i]``: ``loss`` is its
    training loss per epoch (nnbook's ``history["loss"]``, the mean over the epoch's
    minibatches), and ``at[k]`` its state after ``epochs[k]`` epochs: ``bx``, ``by`` the
    polylines where $P(\text{class } 1) = 1/2$, ``field`` the predicted classes at the centres
    of a ``cells`` grid over ``box`` (run lengths, see :func:`_field`) and ``accuracy`` the
    training accuracy of that network on the points ``x1``, ``x2`` (labels ``y``).
    """
    (X, y), _ = moons_data()
    runs = []
    for width in MOONS_WIDTHS:
        at = []
        for epochs in MOONS_EPOCHS:
            net = train_moons(width, epochs)
            bx, by = _boundary(net)
            at.append({"bx": bx, "by": by, "field": _field(net), "accuracy": net.score(X, y)})
        runs.append({"loss": rounded(net.history_["loss"], 4), "at": at})
    return {
        "widths": list(MOONS_WIDTHS),
        "depth": MOONS["depth"],
        "epochs": list(MOONS_EPOCHS),
        "box": [list(MOONS_BOX[0]), list(MOONS_BOX[1])],
        "cells": list(MOONS_CELLS),
        "x1": rounded(X[:, 0], 2),
        "x2": rounded(X[:, 1], 2),
        "y": y.tolist(),
        "runs": runs,
    }
