"""Where things are in the repository: the one place that knows the layout.

Everything the tooling, the hook, the scripts and the tests read or write is named from here,
relative to the repository root (the folder holding ``mkdocs.yml``).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
"""The repository: ``mkdocs.yml``, ``docs/``, ``nnbook/``, ``book/``."""
CONFIG = REPO / "mkdocs.yml"
DOCS = REPO / "docs"
"""The chapters (``<page>.md``, the Korean ``<page>.ko.md``) and what is generated beside them."""
FIGURES = DOCS / "figures"
"""The figures and the interactive figures' data, drawn by ``python -m book.figures``."""
NOTEBOOKS = DOCS / "notebooks"
"""The companion notebooks, generated from the chapters (without outputs)."""
TRANSLATIONS = REPO / "translations"
"""The Korean edition's glossary and widget labels (``translations/ko/``)."""
CACHE = REPO / ".cache"
"""What the build keeps between runs (executed blocks, MathML, notebook outputs, the font)."""
