"""Every figure of the book, drawn from code (one function per figure).

Drawing functions register themselves in :data:`FIGURES` with the :func:`figure` decorator;
``scripts/build_figures.py`` saves them all into ``docs/figures/``.
"""

from nnbook.figures._registry import FIGURES, FigureSpec, figure

__all__ = ["FIGURES", "FigureSpec", "figure"]
