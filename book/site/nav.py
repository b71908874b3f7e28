"""The site's navigation: a list of entries, each a page name or ``{title: page or entries}``.

Pure functions of that list (MkDocs' ``nav`` in ``mkdocs.yml`` has this shape): they return
the new list and leave the one given alone.
"""

from __future__ import annotations

from typing import Any

from book.chapter import nav_pages

Nav = list[Any]


def position(nav: Nav, page: str) -> int:
    """Index of the entry that is ``page`` (or titles it), else the end."""
    for i, item in enumerate(nav):
        values = item.values() if isinstance(item, dict) else [item]
        if page in values:
            return i
    return len(nav)


def with_exercises(nav: Nav, index: str, title: str, chapters: list[str]) -> Nav:
    """``{title: index}`` after the last entry holding a chapter with exercises (unless the
    index is in the nav already, or no entry holds such a chapter)."""
    holding = [i for i, item in enumerate(nav) if set(nav_pages([item])) & set(chapters)]
    if not holding or index in nav_pages(nav):
        return list(nav)
    return [*nav[: holding[-1] + 1], {title: index}, *nav[holding[-1] + 1 :]]


def with_notebooks(nav: Nav, title: str, notebooks: list[str], before: str) -> Nav:
    """A ``{title: notebooks}`` section just before the entry of the page ``before`` (unless
    there is one already or no notebook)."""
    if not notebooks or any(isinstance(item, dict) and title in item for item in nav):
        return list(nav)
    at = position(nav, before)
    return [*nav[:at], {title: list(notebooks)}, *nav[at:]]


def without(nav: Nav, english_only: tuple[str, ...]) -> Nav:
    """The entries whose every page starts with one of ``english_only`` left out."""
    return [
        item
        for item in nav
        if not all(page.startswith(english_only) for page in nav_pages([item]) or [""])
    ]
