"""Print the built site's book to PDF, one per language (``make pdf``): a thin command line
over :mod:`book.pdf` (``SITE``, ``--out``; ``--help`` for all)."""

import runpy

if __name__ == "__main__":
    runpy.run_module("book.pdf", run_name="__main__")
