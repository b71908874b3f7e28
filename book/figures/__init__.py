"""Every figure of the book, drawn from code (one function per figure).

Drawing functions live in modules named after the chapters' concepts (``diagrams``,
``perceptron``, ``approximation``, ``activations``, ``losses``, ``training``, ``digits``) and
register themselves in :data:`FIGURES` with the :func:`figure` decorator. :func:`build` saves
them into ``docs/figures/``; ``scripts/build_figures.py`` and the MkDocs hook call it.

Importing this package is light: it does not import matplotlib or the drawing modules, which
:func:`build` finds in this folder by itself (every public module except ``style``) and
imports only when one of their figures must be redrawn; do not import them here. Call
:func:`load_all` to register every figure, e.g. to draw one in a notebook::

    from book.figures import FIGURES, load_all
    fig = load_all()["and-gate"].draw()

Interactive figures (widgets) register their data the same way, with ``ext="json"``: the
function returns plain data computed with ``nnbook`` (numbers through :func:`rounded`), saved
as ``docs/figures/<name>.json`` and drawn on the page by ``docs/javascripts/widgets/<name>.js``.
"""

from book.figures._build import FigureBuildError, build, drawing_modules, load_all, rounded
from book.figures._registry import FIGURES, FigureSpec, figure

__all__ = [
    "FIGURES",
    "FigureBuildError",
    "FigureSpec",
    "build",
    "drawing_modules",
    "figure",
    "load_all",
    "rounded",
]
