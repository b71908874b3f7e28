"""The figure registry: every figure of the book is a function registered by name.

Importing this module does not import matplotlib, so listing the drawing modules and checking
that the figures on disk are up to date stays fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["EXTENSIONS", "FIGURES", "LANGUAGES", "PALETTES", "FigureSpec", "figure", "variant_file"]

EXTENSIONS = ("svg", "png", "json")
"""The file formats a figure can be saved as: SVG for line art, PNG for images, and JSON for
the data an interactive figure draws in the browser (``docs/javascripts/widgets/``)."""

LANGUAGES = ("en", "ko")
"""The languages a static figure is drawn in (the site's; ``translations/<language>/figures.yml``)."""
PALETTES = ("light", "dark")
"""The palettes a static figure is drawn for (the site's, Material's default and slate)."""


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: ``draw()`` returns what is saved as ``name.ext``.

    For ``svg`` and ``png`` that is a matplotlib Figure; for ``json`` it is the data of an
    interactive figure (dicts, lists, strings, numbers; see :func:`book.figures.rounded`).

    Attributes:
        name: the figure's name; its file is ``name.ext``.
        draw: the zero-argument drawing function (it applies the book style itself).
        ext: ``"svg"``, ``"png"`` or ``"json"``.
        alt: alt text, a sentence describing what the figure shows (for data: what it holds).
        module: the module that registered it, e.g. ``"book.figures.perceptron"``.
        data: absolute paths of the data files the drawing reads besides the code.
    """

    name: str
    draw: Callable[[], Any]
    ext: str
    alt: str
    module: str = ""
    data: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        """The file name, ``name.ext``: the English figure for the light palette."""
        return f"{self.name}.{self.ext}"

    @property
    def variants(self) -> dict[tuple[str, str], str]:
        """The file of each (language, palette) the figure is drawn for: ``name.ext``,
        ``name-dark.ext``, ``name-ko.ext``, ``name-ko-dark.ext`` (interactive data: one file)."""
        if self.ext == "json":
            return {(LANGUAGES[0], PALETTES[0]): self.file}
        return {
            (language, palette): variant_file(self.file, language, palette)
            for language in LANGUAGES
            for palette in PALETTES
        }


def variant_file(file: str, language: str, palette: str) -> str:
    """The file of figure ``file`` (``name.ext``) in ``language`` for ``palette``."""
    stem, ext = file.rsplit(".", 1)
    suffix = ("" if language == LANGUAGES[0] else f"-{language}") + (
        "" if palette == PALETTES[0] else f"-{palette}"
    )
    return f"{stem}{suffix}.{ext}"


FIGURES: dict[str, FigureSpec] = {}


def figure(
    name: str, alt: str, ext: str = "svg", data: Iterable[str | Path] = ()
) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated drawing function as figure ``name`` (file ``name.ext``).

    With ``ext="json"`` the function returns the data of an interactive figure instead of a
    matplotlib Figure: it is registered as it is (no style), and saved as compact JSON.

    ``alt`` is the figure's alt text, a sentence describing what it shows. ``data`` lists the
    files the drawing reads (e.g. committed results): the build redraws the figure when one of
    them changes, as it does when the code changes. The registered function draws inside the
    book style (:func:`book.figures.style.context`), so calling it from a notebook gives the
    same figure as the build.

    Raises:
        ValueError: for a name registered twice or ending like a variant's file (``-ko``,
            ``-dark``), an empty alt text or an unknown ``ext``.
    """
    if name.endswith(tuple(f"-{v}" for v in (*LANGUAGES, *PALETTES))):
        raise ValueError(f"name must not end like a variant's file name, got {name!r}")
    if ext not in EXTENSIONS:
        raise ValueError(f"ext must be one of {EXTENSIONS}, got {ext!r}")
    if not alt.strip():
        raise ValueError(f"alt must describe figure {name!r}, got an empty string")

    def register(draw: Callable[[], Any]) -> Callable[[], Any]:
        if name in FIGURES:
            raise ValueError(f"figure name {name!r} is registered twice")
        files = tuple(str(Path(f).resolve()) for f in data)
        if ext == "json":
            FIGURES[name] = FigureSpec(name, draw, ext, alt, draw.__module__, files)
            return draw

        @functools.wraps(draw)
        def styled() -> Figure:
            from book.figures.style import context

            with context():
                return draw()

        FIGURES[name] = FigureSpec(name, styled, ext, alt, draw.__module__, files)
        return styled

    return register
