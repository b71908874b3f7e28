"""The figure registry: every figure of the book is a function registered by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

__all__ = ["FIGURES", "FigureSpec", "figure"]


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: ``draw()`` returns a matplotlib Figure saved as ``name.ext``."""

    name: str
    draw: Callable[[], Figure]
    ext: str
    alt: str


FIGURES: dict[str, FigureSpec] = {}


def figure(
    name: str, alt: str, ext: str = "svg"
) -> Callable[[Callable[[], Figure]], Callable[[], Figure]]:
    """Register the decorated drawing function as figure ``name`` (file ``name.ext``).

    ``alt`` is the figure's alt text, a sentence describing what it shows.
    """

    def register(draw: Callable[[], Figure]) -> Callable[[], Figure]:
        if name in FIGURES:
            raise ValueError(f"figure name {name!r} is registered twice")
        FIGURES[name] = FigureSpec(name, draw, ext, alt)
        return draw

    return register
