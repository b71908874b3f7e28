r"""Network diagrams: the perceptron, the XOR gate network, the wide network and the logo.

Every weight written on an arrow comes from :mod:`nnbook.gates` or
:mod:`nnbook.approximation`, so a diagram cannot disagree with the code it depicts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from book.figures._diagram import BIAS_FILL, INPUT_FILL, arrow, box, canvas, glyph, node
from book.figures._registry import figure
from book.figures.style import COLORS, INK, new_figure
from nnbook.activations import sigmoid
from nnbook.gates import INPUTS, XOR, Gate

__all__ = [
    "logo",
    "perceptron_activation_diagram",
    "perceptron_diagram",
    "wide_network",
    "xor_network",
]


def _weight(v: float) -> str:
    return f"{v:+g}".replace("-", "\N{MINUS SIGN}")


def _unit(unit: Callable[[np.ndarray], np.ndarray], name: str, output: str) -> Figure:
    """A single unit: inputs and bias, weighted sum, the function ``unit`` drawn in a box."""
    fig = new_figure(6.4, 3.3)
    ax = canvas(fig, (-0.7, 7.6), (-1.1, 3.5))
    inputs = [(r"$x_1$", 3.0), (r"$x_2$", 2.0), (r"$x_D$", 0.6)]
    total = node(ax, (3.2, 1.4), r"$\Sigma$", r=0.42, fontsize=15)
    for (label, y), w in zip(inputs, (r"$w_1$", r"$w_2$", r"$w_D$"), strict=True):
        node(ax, (0, y), label, fill=INPUT_FILL)
        arrow(ax, (0, y), total, 0.32, 0.42, label=w, label_at=0.35)
    ax.text(0, 1.35, r"$\vdots$", ha="center", va="center", fontsize=14)
    node(ax, (0, -0.5), "1", fill=BIAS_FILL)
    arrow(ax, (0, -0.5), total, 0.32, 0.42, label=r"$b$", label_at=0.35)
    ax.text(3.2, 0.6, r"$z = w^\top x + b$", ha="center", va="top", fontsize=11)
    box(ax, (5.0, 1.4), 0.9, 0.8)
    glyph(ax, (5.0, 1.4), unit, w=0.62, h=0.46)
    ax.text(5.0, 2.0, name, ha="center", va="bottom", fontsize=11)
    arrow(ax, total, (5.0, 1.4), 0.42, 0.45)
    arrow(ax, (5.0, 1.4), (6.3, 1.4), 0.45, 0.0)
    ax.text(6.4, 1.4, output, ha="left", va="center", fontsize=12)
    ax.text(0, 3.55, "inputs", ha="center", va="bottom", fontsize=10, color=COLORS["grey"])
    return fig


@figure(
    "perceptron-diagram",
    "A perceptron: inputs x1 to xD and a constant 1 enter a sum node through weights w1 to wD "
    "and bias b, giving z = w transpose x + b; a sign function turns z into the output, minus "
    "one or plus one.",
)
def perceptron_diagram() -> Figure:
    r"""The perceptron $\operatorname{sign}(w^\top x + b)$ as a diagram."""
    return _unit(np.sign, "sign", r"$\mathrm{sign}(z) \in \{-1, +1\}$")


@figure(
    "perceptron-activation-diagram",
    "The same unit with a smooth activation: the weighted sum z = w transpose x + b passes "
    "through an S-shaped activation function f, giving the output a = f(z).",
)
def perceptron_activation_diagram() -> Figure:
    r"""The same unit with a differentiable activation: $a = f(w^\top x + b)$ (sigmoid drawn)."""
    return _unit(sigmoid, "activation $f$", r"$a = f(z)$")


def _gate_node(ax: object, xy: tuple[float, float], gate: Gate, name: str) -> None:
    node(ax, xy, gate.name, r=0.48, fontsize=10, fontweight="bold")  # type: ignore[arg-type]
    ax.text(  # type: ignore[attr-defined]
        xy[0], xy[1] - 0.62, f"{name}\nbias {_weight(gate.bias)}", ha="center", va="top", fontsize=9
    )


@figure(
    "xor-network",
    "XOR as two layers of gates: inputs x1 and x2 feed an OR unit and a NAND unit, whose "
    "outputs a1 and a2 feed an AND unit that outputs x1 XOR x2; the weights, biases and the "
    "truth table are written beside it",
)
def xor_network() -> Figure:
    r"""The two-layer gate network $x_1 \oplus x_2 = \mathrm{AND}(\mathrm{OR}(x_1, x_2), \mathrm{NAND}(x_1, x_2))$.

    Weights, biases and the truth table are those of :data:`nnbook.gates.XOR`.
    """
    (g1, g2), out = XOR.hidden_gates, XOR.output_gate
    fig = new_figure(6.4, 3.0)
    ax = canvas(fig, (-0.6, 11.0), (-1.5, 3.0))
    a, b = node(ax, (0, 2.1), "$x_1$", fill=INPUT_FILL), node(ax, (0, 0), "$x_2$", fill=INPUT_FILL)
    h1, h2, y = (3.2, 2.1), (3.2, 0.0), (6.0, 1.05)
    _gate_node(ax, h1, g1, "$a_1$")
    _gate_node(ax, h2, g2, "$a_2$")
    _gate_node(ax, y, out, "output")
    for src, dst, w, at in [
        (a, h1, g1.w[0], 0.5), (b, h1, g1.w[1], 0.2), (a, h2, g2.w[0], 0.2), (b, h2, g2.w[1], 0.5),
        (h1, y, out.w[0], 0.45), (h2, y, out.w[1], 0.45),
    ]:  # fmt: skip
        arrow(ax, src, dst, 0.32 if src in (a, b) else 0.48, 0.48, label=_weight(w), label_at=at)
    arrow(ax, y, (7.3, 1.05), 0.48, 0.0)
    ax.text(7.4, 1.05, r"$x_1 \oplus x_2$", ha="left", va="center", fontsize=12)
    _truth_table(ax, 8.7, 2.7)
    return fig


def _truth_table(ax: object, x: float, top: float) -> None:
    """The rows (x1, x2, a1, a2, x1 XOR x2) as computed by :data:`nnbook.gates.XOR`."""
    hidden, output = XOR.hidden(INPUTS), XOR(INPUTS)
    rows = [["$x_1$", "$x_2$", "$a_1$", "$a_2$", "out"]]
    rows += [[*map(str, INPUTS[i]), *map(str, hidden[i]), str(output[i])] for i in range(4)]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            ax.text(  # type: ignore[attr-defined]
                x + 0.5 * c, top - 0.5 * r - (0.15 if r else 0), cell, ha="center", va="top",
                fontsize=9, fontweight="bold" if r == 0 or c == 4 else "normal",
                color=COLORS["grey"] if r == 0 else INK,
            )  # fmt: skip
    ax.plot([x - 0.25, x + 2.25], [top - 0.47] * 2, color=COLORS["grey"], lw=0.8)  # type: ignore[attr-defined]


@figure(
    "wide-network",
    "A wide network with one hidden layer: the input x feeds n step units, unit k switching "
    "on at threshold t_k; the output unit adds their outputs weighted by v_k, the jumps of the "
    "staircase",
)
def wide_network() -> Figure:
    r"""One hidden layer of step units: $\hat f(x) = \sum_k v_k \operatorname{step}(x - t_k)$."""
    fig = new_figure(6.4, 3.6)
    ax = canvas(fig, (-1.2, 9.0), (-3.3, 2.7))
    x, out = node(ax, (0, 0), "$x$", fill=INPUT_FILL), (6.0, 0.0)
    rows = [1.9, 1.0, 0.1, -1.8]
    labels = ["0", "1", "2", "n-1"]
    for y, k in zip(rows, labels, strict=True):
        box(ax, (3.0, y), 0.7, 0.55)
        glyph(ax, (3.0, y), lambda z: (z >= 0).astype(float), w=0.46, h=0.3)
        arrow(ax, x, (3.0, y), 0.32, 0.4)
        arrow(ax, (3.0, y), out, 0.4, 0.42, label=rf"$v_{{{k}}}$", label_at=0.42)
    ax.text(3.0, -0.8, r"$\vdots$", ha="center", va="center", fontsize=14)
    node(ax, out, r"$\Sigma$", r=0.42, fontsize=15)
    arrow(ax, out, (7.2, 0), 0.42, 0.0)
    ax.text(7.3, 0, r"$\hat f(x)$", ha="left", va="center", fontsize=12)
    ax.text(
        3.0, 2.4, r"$n$ step units $\mathrm{step}(x - t_k)$", ha="center", va="bottom", fontsize=10
    )
    ax.text(1.2, -1.4, "weights 1\nbiases $-t_k$", ha="center", va="top", fontsize=9)
    ax.text(
        3.9, -2.75, r"$\hat f(x) = \sum_{k=0}^{n-1} v_k\, \mathrm{step}(x - t_k)$", ha="center",
        va="center", fontsize=12,
    )  # fmt: skip
    return fig


@figure(
    "logo",
    "The nnbook logo: a tiny neural network of two inputs, three hidden units and one output "
    "on a white rounded square.",
)
def logo() -> Figure:
    """A square logo and favicon: a 2-3-1 network on a white tile that reads on any header."""
    fig = new_figure(1.0, 1.0, card=False, pad=0.0)
    fig.set_layout_engine("none")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.add_patch(
        FancyBboxPatch(
            (0.04, 0.04), 0.92, 0.92, boxstyle="round,pad=0,rounding_size=0.2",
            facecolor="white", edgecolor="#3F51B5", linewidth=2.5,
        )
    )  # fmt: skip
    layers = [
        [(0.22, 0.34), (0.22, 0.66)],
        [(0.5, 0.24), (0.5, 0.5), (0.5, 0.76)],
        [(0.78, 0.5)],
    ]
    colors = [COLORS["blue"], COLORS["green"], COLORS["vermillion"]]
    for left, right in itertools.pairwise(layers):
        for p in left:
            for q in right:
                ax.plot([p[0], q[0]], [p[1], q[1]], color="#57606A", lw=1.6, zorder=1)
    for layer, color in zip(layers, colors, strict=True):
        for p in layer:
            ax.add_patch(Circle(p, 0.085, facecolor=color, edgecolor="white", lw=1.2, zorder=2))
    return fig
