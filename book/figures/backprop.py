r"""The backpropagation figure: a computational graph with real forward values and gradients.

The example is the smallest network with a hidden layer, one unit per layer:

$$
z_1 = w_1 x + b_1, \quad a = \sigma(z_1), \quad z_2 = w_2 a + b_2, \quad \ell = (z_2 - y)^2 .
$$

:func:`tiny_example` computes it with the forward/backward pairs of :mod:`nnbook.layers` and
:data:`nnbook.losses.mse_loss`, so every number on the figure is nnbook's own.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from book.figures._diagram import BIAS_FILL, INPUT_FILL, NODE_FILL, arrow, box, canvas
from book.figures._registry import figure
from book.figures.style import COLORS, new_figure
from nnbook.activations import sigmoid
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import mse_loss

__all__ = ["EXAMPLE", "backprop_graph", "tiny_example"]

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
