"""The site's navigation: a list of entries, each a page name or ``{title: page or entries}``.

Pure functions of that list (MkDocs' ``nav`` in ``mkdocs.yml`` has this shape): they return
the new list and leave the one given alone.
"""

from __future__ import annotations

from typing import Any

from book.chapter import nav_pages

Nav = list[Any]


def with_exercises(nav: Nav, index: str, title: str, chapters: list[str]) -> Nav:
    """``{title: index}`` after the last entry holding a chapter with exercises (unless the
    index is in the nav already, or no entry holds such a chapter)."""
    holding = [i for i, item in enumerate(nav) if set(nav_pages([item])) & set(chapters)]
    if not holding or index in nav_pages(nav):
        return list(nav)
    return [*nav[: holding[-1] + 1], {title: index}, *nav[holding[-1] + 1 :]]


def without(nav: Nav, english_only: tuple[str, ...]) -> Nav:
    """The entries whose every page starts with one of ``english_only`` left out."""
    return [
        item
        for item in nav
        if not all(page.startswith(english_only) for page in nav_pages([item]) or [""])
    ]
