r"""Perceptron figures: AND and OR learned by :class:`nnbook.Perceptron`, and why XOR needs two layers.

Each decision line $w^\top x + b = 0$ drawn here is the one the perceptron learned (or the
gates of :mod:`nnbook.gates` define); the shaded half-planes are the regions it labels
$+1$ (blue) and $-1$ (vermillion).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._registry import figure
from book.figures.style import COLORS, INK, NEGATIVE, POSITIVE, new_figure, scatter_classes
from nnbook.datasets import logic_gate
from nnbook.gates import INPUTS, XOR
from nnbook.perceptron import Perceptron

__all__ = [
    "PLANE",
    "XOR_EPOCHS",
    "and_gate",
    "or_gate",
    "perceptron_learning",
    "xor_hidden_space",
    "xor_not_separable",
]

TINT_POSITIVE = "#D4E6F4"
TINT_NEGATIVE = "#F9DDCC"
LIMITS = (-0.45, 1.45)


Polygon = list[tuple[float, float]]


def clip(poly: Polygon, w: Any, b: float) -> Polygon:
    r"""The part of the convex polygon ``poly`` where $w^\top x + b \ge 0$ (one clipping pass)."""
    out: Polygon = []
    for p, q in zip(poly, poly[1:] + poly[:1], strict=True):
        sp, sq = w[0] * p[0] + w[1] * p[1] + b, w[0] * q[0] + w[1] * q[1] + b
        if sp >= 0:
            out.append(p)
        if (sp >= 0) != (sq >= 0):
            t = sp / (sp - sq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


BOX: Polygon = [
    (LIMITS[0], LIMITS[0]),
    (LIMITS[1], LIMITS[0]),
    (LIMITS[1], LIMITS[1]),
    (LIMITS[0], LIMITS[1]),
]


def _fill(ax: Axes, poly: Polygon, color: str) -> None:
    if poly:
        ax.fill(*zip(*poly, strict=True), color=color, lw=0, zorder=0)


def boundary(ax: Axes, w: Any, b: float, **kwargs: Any) -> None:
    r"""Draw the segment of the line $w^\top x + b = 0$ inside the plotted square."""
    ends = [p for p in clip(BOX, w, b) if abs(w[0] * p[0] + w[1] * p[1] + b) < 1e-9]
    if len(ends) >= 2:
        ax.plot(*zip(ends[0], ends[-1], strict=True), **{"color": INK, "lw": 2, **kwargs})


def half_planes(ax: Axes, w: Any, b: float, line: bool = True, **line_kw: Any) -> None:
    r"""Shade $w^\top x + b > 0$ blue and $\le 0$ vermillion; draw the line $w^\top x + b = 0$."""
    _fill(ax, BOX, TINT_NEGATIVE)
    _fill(ax, clip(BOX, w, b), TINT_POSITIVE)
    if line:
        boundary(ax, w, b, **line_kw)


def weight_arrow(ax: Axes, w: Any, b: float, along: float = 0.45, length: float = 0.3) -> None:
    r"""Draw $w$ as an arrow from a point of the line $w^\top x + b = 0$: normal to it, towards $+1$."""
    w = np.asarray(w, dtype=float)
    unit = w / np.linalg.norm(w)
    centre = np.array([0.5, 0.5])
    foot = centre - (w @ centre + b) / (w @ w) * w + along * np.array([-unit[1], unit[0]])
    tip = foot + length * unit
    ax.annotate(
        "",
        tip,
        foot,
        arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1.6, "mutation_scale": 14},
    )
    label = tip + 0.07 * unit
    ax.text(label[0], label[1], "$w$", ha="center", va="center", fontsize=12, color=INK)


def _square(ax: Axes, xlabel: str = "$x_1$", ylabel: str = "$x_2$") -> None:
    ax.set_xlim(*LIMITS)
    ax.set_ylim(*LIMITS)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel, labelpad=-2)
    ax.grid(False)


def _legend(ax: Axes, pos: str = "$y = +1$", neg: str = "$y = -1$") -> None:
    ax.scatter([], [], c=POSITIVE, marker="o", s=50, label=pos)
    ax.scatter([], [], c=NEGATIVE, marker="s", s=50, label=neg)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, handletextpad=0.2)


def _fmt(v: float) -> str:
    return f"{v:g}".replace("-", "\N{MINUS SIGN}")


def _gate(name: str) -> Figure:
    X, y = logic_gate(name)
    p = Perceptron().fit(X, y)
    fig = new_figure(3.4, 3.7)
    ax = fig.add_subplot()
    half_planes(ax, p.w_, p.b_)
    weight_arrow(ax, p.w_, p.b_)
    scatter_classes(ax, X, y)
    _square(ax)
    ax.set_title(
        f"{name}: $w = ({_fmt(p.w_[0])}, {_fmt(p.w_[1])})$, $b = {_fmt(p.b_)}$\n"
        f"learned in {p.n_epochs_ - 1} updates",
        fontsize=10,
    )
    _legend(ax)
    return fig


@figure(
    "and-gate",
    "The AND gate as a perceptron: of the four input points only (1, 1) is labelled +1; the "
    "decision line learned by the perceptron cuts off that corner, with the +1 half-plane "
    "shaded blue and the -1 half-plane shaded orange; the weight vector w is drawn as an "
    "arrow perpendicular to the line, pointing into the +1 side.",
)
def and_gate() -> Figure:
    r"""AND: the four points, the line $w^\top x + b = 0$ learned by :class:`nnbook.Perceptron`."""
    return _gate("AND")


@figure(
    "or-gate",
    "The OR gate as a perceptron: three of the four input points are labelled +1 and only "
    "(0, 0) is labelled -1; the learned decision line separates (0, 0) from the other three, "
    "and the weight vector w, perpendicular to the line, points into the +1 side.",
)
def or_gate() -> Figure:
    r"""OR: the four points and the decision line learned by :class:`nnbook.Perceptron`."""
    return _gate("OR")


@figure(
    "xor-not-separable",
    "Four attempts to separate XOR with one line: in each panel the perceptron is trained on "
    "three of the four points and finds a line that separates them, but the fourth point, "
    "circled, lands on the wrong side every time.",
)
def xor_not_separable() -> Figure:
    r"""XOR has no separating line: train on three points, the fourth is always misclassified."""
    X, y = logic_gate("XOR")
    fig = new_figure(6.0, 6.2)
    axes = fig.subplots(2, 2).ravel()
    for i, ax in enumerate(axes):
        keep = np.arange(4) != i
        p = Perceptron().fit(X[keep], y[keep])
        half_planes(ax, p.w_, p.b_)
        scatter_classes(ax, X, y)
        wrong = int(np.sum(p.predict(X) != y))
        ax.scatter(*X[i], s=520, facecolors="none", edgecolors=INK, linewidths=1.6, zorder=4)
        _square(ax)
        ax.set_title(f"trained without $({X[i, 0]:g}, {X[i, 1]:g})$: {wrong} wrong", fontsize=10)
    _legend(axes[2], "$x_1 \\oplus x_2 = 1$", "$x_1 \\oplus x_2 = 0$")
    return fig


def _input_space(ax: Axes) -> None:
    g1, g2 = XOR.hidden_gates
    # The output gate is AND: it fires where both hidden gates fire, the intersection of their
    # positive half-planes (the band between the two lines).
    _fill(ax, BOX, TINT_NEGATIVE)
    _fill(ax, clip(clip(BOX, g1.w, g1.bias), g2.w, g2.bias), TINT_POSITIVE)
    for gate, color in ((g1, COLORS["green"]), (g2, COLORS["purple"])):
        boundary(ax, gate.w, gate.bias, color=color, ls="--")
    ax.text(
        0.72, -0.33, f"{g1.name} line", color=COLORS["green"], fontsize=9, va="center", ha="right"
    )
    ax.text(0.88, 1.3, f"{g2.name} line", color=COLORS["purple"], fontsize=9, va="center")
    scatter_classes(ax, INPUTS, XOR(INPUTS))
    _square(ax, "$x_1$", "$x_2$")
    ax.set_title("input space $(x_1, x_2)$:\nno line separates the classes", fontsize=10)


def _hidden_space(ax: Axes) -> None:
    out = XOR.output_gate
    H = XOR.hidden(INPUTS)
    half_planes(ax, out.w, out.bias)
    scatter_classes(ax, H, XOR(INPUTS))
    for point in np.unique(H, axis=0):
        sources = [f"({a},{b})" for (a, b), h in zip(INPUTS, H, strict=True) if (h == point).all()]
        top = point[1] > 0.5  # above the points of the top row, where the line is farther off
        ax.annotate(
            "from " + ", ".join(sources), point, xytext=(0, 12 if top else -17),
            textcoords="offset points", ha="center", va="bottom" if top else "top",
            fontsize=8.5, color=INK,
        )  # fmt: skip
    _square(
        ax,
        f"$a_1$ = {XOR.hidden_gates[0].name}$(x_1, x_2)$",
        f"$a_2$ = {XOR.hidden_gates[1].name}$(x_1, x_2)$",
    )
    ax.set_title(f"hidden space $(a_1, a_2)$:\nthe {out.name} line separates them", fontsize=10)


@figure(
    "xor-hidden-space",
    "Left: the four XOR points in the input plane, where no single line separates the two "
    "classes; the OR and NAND lines together cut out the band where XOR is 1. Right: the same "
    "points mapped to the hidden space (OR, NAND), where (0,1) and (1,0) land on the same "
    "point and one AND line separates the classes.",
)
def xor_hidden_space() -> Figure:
    r"""XOR's inputs and their images $h = (\mathrm{OR}(a,b), \mathrm{NAND}(a,b))$ side by side."""
    fig = new_figure(6.4, 4.1)
    left, right = fig.subplots(1, 2)
    _input_space(left)
    _hidden_space(right)
    _legend(left, "$x_1 \\oplus x_2 = 1$", "$x_1 \\oplus x_2 = 0$")
    return fig


PLANE = (-0.625, 1.625, -0.5, 1.5)
"""The input plane the perceptron-learning widget draws ($x_1$ from, to; $x_2$ from, to): one
unit is as long across as up in its 250 × 220 plot."""
XOR_EPOCHS = 10
"""The epochs the widget shows for XOR, where the batch rule never stops."""


def _start(X: np.ndarray) -> Perceptron:
    r"""A perceptron holding $\tilde w_0 = 0$, the weights :meth:`Perceptron.fit` starts from."""
    p = Perceptron()
    p.w_, p.b_ = np.zeros(X.shape[1]), 0.0
    return p


def _segment(w: np.ndarray, b: float) -> list[float] | None:
    r"""The ends $(x_1, x_2, x_1', x_2')$ of the line $w^\top x + b = 0$ inside :data:`PLANE`."""
    x0, x1, y0, y1 = PLANE
    box: Polygon = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    ends = [p for p in clip(box, w, b) if abs(w[0] * p[0] + w[1] * p[1] + b) < 1e-9]
    if not w.any() or len(ends) < 2:
        return None
    return rounded([*ends[0], *ends[-1]], 3)


@figure(
    "perceptron-learning",
    "Data of the perceptron-learning widget: for AND, OR and XOR, the weights, misclassified "
    "points, perceptron criterion and decision line at the start of every epoch of training.",
    ext="json",
)
def perceptron_learning() -> dict[str, object]:
    r"""Every epoch $t$ of :meth:`Perceptron.fit` on the gates, as the chapter runs it.

    For each gate, ``w[t]`` is $(w_1, w_2, b)$ at the start of epoch $t$ (fit stopped after
    $t$ updates), ``M[t]`` the indices of the misclassified set $\mathcal M(\tilde w_t)$,
    ``J[t]`` the criterion $J(\tilde w_t)$ and ``line[t]`` the ends of $w^\top x + b = 0$
    inside :data:`PLANE` (``None`` while $w = 0$). AND and OR run until they converge, XOR
    for :data:`XOR_EPOCHS` epochs.
    """
    gates: dict[str, object] = {}
    for name in ("AND", "OR", "XOR"):
        X, y = logic_gate(name)
        run = Perceptron(max_epochs=XOR_EPOCHS if name == "XOR" else 100).fit(X, y)
        steps = [_start(X)] + [Perceptron(max_epochs=t).fit(X, y) for t in range(1, run.n_epochs_)]
        M = [np.flatnonzero(y * p.decision_function(X) <= 0).tolist() for p in steps]
        if [len(m) for m in M] != run.misclassified_:
            raise RuntimeError(f"{name}: |M| per epoch differs from the run's record")
        gates[name] = {
            "y": y.tolist(),
            "w": [rounded([*p.w_, p.b_]) for p in steps],
            "M": M,
            "J": [rounded(p.criterion(X, y)) for p in steps],
            "line": [_segment(p.w_, p.b_) for p in steps],
            "converged": run.converged_,
        }
    return {"plane": list(PLANE), "X": rounded(X), "gates": gates}
