"""How to cite the book: ``CITATION.cff`` read, and the BibTeX the site shows made from it.

``CITATION.cff`` (Citation File Format 1.2.0) is the one record of the book's title, authors,
version and date; the "How to cite" section of the Bibliography page shows :func:`bibtex` of it,
so the two cannot drift apart::

    cff = load()               # CITATION.cff at the repository's root
    print(bibtex(cff))         # @book{nnbook2026, title = {{nnbook}: ...}, ...}
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from book.paths import REPO

CFF = REPO / "CITATION.cff"


class CitationError(ValueError):
    """A ``CITATION.cff`` that cannot be read, naming the file and what is wrong."""


def _plain(value: Any) -> Any:
    """``value`` with YAML's dates as ISO strings, the form the CFF schema describes."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def load(path: Path = CFF) -> dict[str, Any]:
    """The citation file at ``path`` as plain data (dates as ``YYYY-MM-DD`` strings)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CitationError(f"{path}: {error}") from None
    if not isinstance(data, dict):
        raise CitationError(f"{path}: not a mapping of CFF keys")
    return _plain(data)


def _field(cff: dict[str, Any], key: str) -> Any:
    """``key`` of the preferred citation, else of the file's top level."""
    preferred = cff.get("preferred-citation") or {}
    if key in preferred:
        return preferred[key]
    if key in cff:
        return cff[key]
    raise CitationError(f"CITATION.cff: no {key!r} to cite")


def _author(person: dict[str, Any]) -> str:
    """One BibTeX author: an entity's name in braces (one name), a person "Family, Given"."""
    if "name" in person:
        return "{" + person["name"] + "}"
    given = person.get("given-names")
    return f"{person['family-names']}, {given}" if given else str(person["family-names"])


def bibtex(cff: dict[str, Any]) -> str:
    """The BibTeX entry of ``cff``'s preferred citation (a ``@book``), with its version."""
    year = (cff.get("preferred-citation") or {}).get("year") or str(_field(cff, "date-released"))[
        :4
    ]
    title = str(_field(cff, "title")).replace("nnbook", "{nnbook}", 1)
    fields = {
        "title": title,
        "author": " and ".join(_author(a) for a in _field(cff, "authors")),
        "year": str(year),
        "note": f"Version {_field(cff, 'version')}",
        "url": _field(cff, "url"),
    }
    lines = [f"  {name:<6} = {{{value}}}," for name, value in fields.items()]
    return "\n".join([f"@book{{nnbook{year},", *lines, "}"])
