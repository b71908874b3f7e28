"""Regenerate the companion notebooks in docs/notebooks/ from the chapters' executed blocks.

A thin command line over :mod:`book.notebooks` (``--check`` exits 1 if a notebook is missing or
stale, without writing). Every site build regenerates them too.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("book.notebooks", run_name="__main__")
