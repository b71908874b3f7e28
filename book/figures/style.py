r"""One look for every figure of the book: palette, fonts, and the card each figure sits on.

The site has a light and a dark palette, so a figure cannot rely on the page behind it. Every
figure is drawn on its own white card with a thin grey border and rounded corners
(:func:`new_figure`); outside the corners the file is transparent. Colours come from the
Okabe–Ito palette, which stays distinguishable for colour-blind readers, and all settings are
applied inside :func:`context` (a ``matplotlib.rc_context``), never to the global
``rcParams``.

Examples:
    >>> from book.figures.style import context, new_figure
    >>> with context():
    ...     fig = new_figure(4, 3)
    ...     ax = fig.add_subplot()
    >>> fig.get_size_inches().tolist()
    [4.0, 3.0]
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, cast

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import FancyBboxPatch

__all__ = [
    "CARD",
    "COLORS",
    "CYCLE",
    "HANGUL",
    "INK",
    "KOREAN_RC",
    "NEGATIVE",
    "POSITIVE",
    "PROBABILITY_CMAP",
    "RC",
    "context",
    "decision_regions",
    "label_panels",
    "new_figure",
    "scatter_classes",
]

COLORS = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#6E7781",
    "light": "#EEF1F4",
}
"""The Okabe–Ito colours plus two greys, by name."""

INK = "#1F2328"
"""Text and outline colour (near-black: the card is always white)."""
CARD = "#FFFFFF"
"""The card background."""
BORDER = "#C9D1D9"
"""The card's border."""
POSITIVE = COLORS["blue"]
"""Colour of the positive class ($y = +1$ or $y = 1$)."""
NEGATIVE = COLORS["vermillion"]
"""Colour of the negative class ($y = -1$ or $y = 0$)."""
CYCLE = [COLORS[c] for c in ("blue", "vermillion", "green", "orange", "purple", "sky")]
"""The order in which lines of one plot get their colours."""

RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "mathtext.fontset": "dejavusans",
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#57606A",
    "axes.linewidth": 0.8,
    "axes.facecolor": CARD,
    "axes.prop_cycle": cycler(color=CYCLE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#D8DEE4",
    "grid.linewidth": 0.6,
    "xtick.color": "#57606A",
    "ytick.color": "#57606A",
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "lines.linewidth": 1.8,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.facecolor": "none",
    "svg.fonttype": "path",
    "svg.hashsalt": "nnbook",
    "image.cmap": "RdBu",
    "path.simplify": True,
}
"""The ``rcParams`` every figure is drawn and saved with."""


HANGUL = "nnbook Hangul"
"""The font family of Hangul in the Korean figures: NanumGothic (SIL Open Font Licence), from
the ``koreanize-matplotlib`` package that ``make`` installs, so every machine draws the same
glyphs (a font of the system with the same name could differ). Its glyphs are embedded as
paths, like every letter of a figure: a reader needs no font."""

KOREAN_RC: dict[str, Any] = {
    # Hangul from NanumGothic where DejaVu Sans has no glyph: letters, digits and symbols look
    # as in the English figures.
    "font.family": ["DejaVu Sans", HANGUL],
    # Mathtext has no such fallback: book.figures._labels sets the Hangul of a text that holds
    # a formula ("학습률 $\\eta$") as \mathsf{학습률}, drawn in NanumGothic.
    "mathtext.fontset": "custom",
    "mathtext.rm": "DejaVu Sans",
    "mathtext.it": "DejaVu Sans:italic",
    "mathtext.bf": "DejaVu Sans:bold",
    "mathtext.sf": HANGUL,
    "mathtext.tt": "DejaVu Sans Mono",
    "mathtext.cal": "DejaVu Sans",
    "mathtext.fallback": "stixsans",
}
"""What a Korean figure sets on top of :data:`RC`."""

_LANGUAGE: ContextVar[str] = ContextVar("figure_language", default="en")


@contextmanager
def context(language: str | None = None) -> Iterator[None]:
    """Apply the book style (:data:`RC`) for the duration of a ``with`` block, for figures in
    ``language`` (``"en"`` or ``"ko"``; by default the language of the enclosing block, else
    English)."""
    language = language or _LANGUAGE.get()
    rc = RC | KOREAN_RC if language == "ko" else RC
    if language == "ko":
        _register_hangul()
    token = _LANGUAGE.set(language)
    try:
        with mpl.rc_context(cast(Any, rc)):
            yield
    finally:
        _LANGUAGE.reset(token)


@functools.cache
def _register_hangul() -> None:
    """Add NanumGothic and its bold under the family name :data:`HANGUL` to matplotlib's fonts."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "Korean figures need NanumGothic from the koreanize-matplotlib package: "
            "pip install -e . --group book (make serve and make test do it)"
        )
    fonts = Path(spec.submodule_search_locations[0]) / "fonts"
    for file, weight in (("NanumGothic.ttf", 400), ("NanumGothicBold.ttf", 700)):
        entry = font_manager.FontEntry(
            fname=str(fonts / file), name=HANGUL, weight=weight, size="scalable"
        )
        font_manager.fontManager.ttflist.append(entry)
    font_manager.fontManager._findfont_cached.cache_clear()  # type: ignore[attr-defined]


def new_figure(width: float, height: float, card: bool = True, pad: float = 0.1) -> Figure:
    """A ``Figure`` of ``width`` × ``height`` inches with constrained layout, not tied to pyplot.

    Args:
        width: width in inches.
        height: height in inches.
        card: draw the white rounded card with a grey border behind the content.
        pad: margin in inches between the card's edge and the content.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"width and height must be positive, got {width!r} x {height!r}")
    fig = Figure(figsize=(width, height), layout=ConstrainedLayoutEngine(w_pad=pad, h_pad=pad))
    fig.patch.set_alpha(0.0)
    if card:
        inset = 0.01
        fig.patches.append(
            FancyBboxPatch(
                (inset, inset),
                width - 2 * inset,
                height - 2 * inset,
                boxstyle="round,pad=0,rounding_size=0.12",
                transform=fig.dpi_scale_trans,
                facecolor=CARD,
                edgecolor=BORDER,
                linewidth=1.0,
                zorder=-10,
            )
        )
    return fig


def label_panels(axes: list[Axes]) -> None:
    """Write (a), (b), … in the top-left corner of each panel."""
    for i, ax in enumerate(axes):
        ax.set_title(f"({chr(ord('a') + i)})", loc="left", fontweight="bold")


def scatter_classes(ax: Axes, X: Any, y: Any, size: float = 90, **kwargs: Any) -> None:
    """Plot 2-D points ``X`` (N, 2) coloured by label ``y``: positive (> 0) blue circles,
    the rest vermillion squares, with a white edge so they stand out on shaded regions."""
    X, y = np.asarray(X), np.asarray(y)
    pos = y > 0
    common = {"s": size, "edgecolors": "white", "linewidths": 1.2, "zorder": 3, **kwargs}
    ax.scatter(X[pos, 0], X[pos, 1], c=POSITIVE, marker="o", **common)
    ax.scatter(X[~pos, 0], X[~pos, 1], c=NEGATIVE, marker="s", **common)


PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "nnbook-probability", ["#F3B38F", "#FBE6DA", "#FFFFFF", "#D3E5F4", "#8DBDE3"]
)
"""Light vermillion (class 0) through white to light blue (class 1): the points stay visible."""


def decision_regions(
    ax: Axes,
    net: Any,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    resolution: int = 121,
) -> None:
    r"""Shade $P(\text{class } 1)$ of the classifier ``net`` over the rectangle, on a grid of
    ``resolution`` × ``resolution`` points, and draw its $1/2$ contour."""
    xs, ys = np.linspace(*xlim, resolution), np.linspace(*ylim, resolution)
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
