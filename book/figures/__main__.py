"""Regenerate the book's figures into docs/figures/ (only those whose code or data changed).

Usage (``scripts/build_figures.py`` and ``make figures`` run this)::

    python -m book.figures            # redraw what is stale, with progress
    python -m book.figures --force    # redraw everything
    python -m book.figures --list     # name, file and alt text of every figure
    python -m book.figures and-gate staircase   # just these two
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from book import paths
from book.figures import FigureBuildError, build, load_all

DEFAULT_OUT = paths.FIGURES


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line: figure names, ``--force``, ``--list``, ``--out`` and ``--quiet``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="figures to draw (default: all)")
    parser.add_argument("--force", action="store_true", help="redraw even up-to-date figures")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    return parser.parse_args(argv)


def list_figures() -> None:
    """Print one tab-separated line per figure: name, file, alt text."""
    for spec in sorted(load_all().values(), key=lambda s: s.name):
        print(f"{spec.name}\t{spec.file}\t{spec.alt}")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parse_args(argv)
    if args.list:
        list_figures()
        return 0
    try:
        build(args.out, force=args.force, names=args.names or None, progress=not args.quiet)
    except ValueError as error:
        print(f"build_figures: {error}", file=sys.stderr)
        return 2
    except FigureBuildError as error:
        print(f"build_figures: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
