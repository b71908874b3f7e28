"""The book's tooling: everything that builds the book around the :mod:`nnbook` library.

- :mod:`book.figures` — every figure of the book, drawn from code, and the figure build.
- :mod:`book.notebooks` — the companion notebooks, generated from the chapters.
- :mod:`book.benchmark` — the training benchmark and the results the Performance page reads.
- :mod:`book.mathml` — the formulas of every page typeset into MathML at build (pandoc).
- :mod:`book.notebook_css` — the JupyterLab CSS a notebook page does not use, removed.

The arrow points one way: this package imports ``nnbook``; ``nnbook`` never imports it. It is
not part of what ``pip install nnbook`` ships: an editable install of the repository
(``pip install -e .``, as ``make serve`` and ``make test`` do) puts it on the path.
"""
