"""Regenerate every figure of the book into docs/figures/ (only those whose code or data changed).

The one script that redraws the figures: a thin command line over :mod:`book.figures`
(``--force``, ``--list``, figure names; ``--help`` for all). ``make figures`` runs it, and so does
every site build.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("book.figures", run_name="__main__")
