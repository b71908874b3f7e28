"""Node-and-arrow drawing helpers for the network diagrams, built on matplotlib patches.

Coordinates are data units of an axes with equal aspect and no frame (:func:`canvas`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from book.figures.style import COLORS, INK

Point = tuple[float, float]

NODE_FILL = "#F6F8FA"
INPUT_FILL = "#E8F1FA"
BIAS_FILL = "#FFF4E0"


def canvas(fig: Figure, xlim: Point, ylim: Point) -> Axes:
    """An axes without frame or ticks, equal aspect, showing ``xlim`` × ``ylim``."""
    ax = fig.add_subplot()
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def node(
    ax: Axes,
    xy: Point,
    label: str = "",
    r: float = 0.32,
    fill: str = NODE_FILL,
    edge: str = INK,
    fontsize: float = 12,
    **kwargs: Any,
) -> Point:
    """A circle of radius ``r`` at ``xy`` with ``label`` in its centre; return ``xy``."""
    ax.add_patch(Circle(xy, r, facecolor=fill, edgecolor=edge, linewidth=1.3, zorder=2))
    if label:
        ax.text(*xy, label, ha="center", va="center", fontsize=fontsize, zorder=3, **kwargs)
    return xy


def box(
    ax: Axes,
    xy: Point,
    w: float,
    h: float,
    label: str = "",
    fill: str = NODE_FILL,
    fontsize: float = 12,
) -> Point:
    """A rounded rectangle of size ``w`` × ``h`` centred at ``xy`` with ``label``; return ``xy``."""
    x, y = xy
    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=0.12",
            facecolor=fill,
            edgecolor=INK,
            linewidth=1.3,
            zorder=2,
        )
    )
    if label:
        ax.text(x, y, label, ha="center", va="center", fontsize=fontsize, zorder=3)
    return xy


def arrow(
    ax: Axes,
    start: Point,
    end: Point,
    shrink_start: float = 0.32,
    shrink_end: float = 0.32,
    color: str = INK,
    label: str = "",
    label_at: float = 0.5,
    label_offset: float = 0.18,
    **kwargs: Any,
) -> None:
    """An arrow from ``start`` to ``end`` stopping ``shrink_*`` data units short of each.

    ``label`` is written at fraction ``label_at`` of the way, ``label_offset`` above the line.
    """
    p, q = np.asarray(start, float), np.asarray(end, float)
    d = q - p
    length = float(np.hypot(*d))
    u = d / length
    a, b = p + u * shrink_start, q - u * shrink_end
    style = {"arrowstyle": "-|>", "mutation_scale": 12, "linewidth": 1.2, "color": color}
    ax.add_patch(FancyArrowPatch(tuple(a), tuple(b), zorder=1, **{**style, **kwargs}))
    if label:
        normal = np.array([-u[1], u[0]])
        if normal[1] < 0:
            normal = -normal
        x, y = a + (b - a) * label_at + normal * label_offset
        ax.text(
            x, y, label, ha="center", va="center", fontsize=10, color=color, zorder=4,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none"},
        )  # fmt: skip


def glyph(
    ax: Axes,
    xy: Point,
    f: Callable[[np.ndarray], np.ndarray],
    w: float = 0.5,
    h: float = 0.34,
    lo: float = -4.0,
    hi: float = 4.0,
    color: str = COLORS["blue"],
) -> None:
    """Draw a tiny plot of ``f`` on ``[lo, hi]``, scaled into a ``w`` × ``h`` box at ``xy``."""
    z = np.linspace(lo, hi, 161)
    v = np.asarray(f(z), dtype=float)
    span = float(np.ptp(v)) or 1.0
    x = xy[0] - w / 2 + (z - lo) / (hi - lo) * w
    y = xy[1] - h / 2 + (v - v.min()) / span * h
    ax.plot([xy[0] - w / 2, xy[0] + w / 2], [xy[1] - h / 2] * 2, color=COLORS["grey"], lw=0.6)
    ax.plot(x, y, color=color, lw=1.8, zorder=4, solid_capstyle="round")
