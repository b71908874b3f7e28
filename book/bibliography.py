"""The Bibliography page: how to cite the book, and every work the chapters cite.

The works are one data file, ``docs/bibliography.yml``, shared by both languages; the page
(``bibliography.md`` and ``bibliography.ko.md``, written by :mod:`book.site.generated`) lists
them by first author, each under its anchor ``<family name>-<year>``, which the chapters'
citations link to (``[Cybenko (1989)](bibliography.md#cybenko-1989)``)::

    works = load()                                   # docs/bibliography.yml
    text = page_markdown(works, citation.load(), "ko")
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from book import citation, i18n
from book.paths import DOCS

DATA = DOCS / "bibliography.yml"
PAGE = "bibliography.md"
FIELDS = {"authors", "year", "title", "venue", "doi", "url"}
REQUIRED = ("authors", "year", "title", "venue")
ENGLISH = {
    "title": "Bibliography",
    "cite": "How to cite this book",
    "cite_intro": (
        "Cite the version you read: each release has a version number and a date, which the PDF"
        " shows on its cover, and [Errata and changes](changes.md) lists what changed between"
        " versions. In BibTeX:"
    ),
    "cff": (
        "The same record in the Citation File Format, which GitHub and reference managers read:"
        " [`CITATION.cff`]({url}) in the repository."
    ),
    "works": "Works cited",
    "works_intro": (
        "Every work the chapters cite, by first author. Each citation in the text links to its"
        " entry here."
    ),
}


class BibliographyError(ValueError):
    """An entry of ``bibliography.yml`` that breaks its form, naming the file and the entry."""


@dataclass(frozen=True)
class Work:
    """One cited work: ``authors`` as ``"Family, G."`` each, ``venue`` in Markdown."""

    authors: tuple[str, ...]
    year: int
    title: str
    venue: str
    doi: str | None = None
    url: str | None = None

    @property
    def family(self) -> str:
        """The first author's family name."""
        return self.authors[0].split(",")[0].strip()

    @property
    def key(self) -> str:
        """The entry's anchor: ``cybenko-1989``, ``lecun-1998``."""
        folded = unicodedata.normalize("NFKD", self.family).encode("ascii", "ignore").decode()
        return f"{re.sub(r'[^a-z]+', '', folded.lower())}-{self.year}"

    def markdown(self) -> str:
        """The reference as a list item with its anchor, e.g. ``- Cybenko, G. (1989). ...``."""
        names = self.authors[0] if len(self.authors) == 1 else ", ".join(self.authors[:-1])
        if len(self.authors) > 1:
            names += f", & {self.authors[-1]}"
        link = ""
        if self.doi:
            link = f" [doi:{self.doi}](https://doi.org/{self.doi})"
        elif self.url:
            link = f" <{self.url}>"
        end = "" if self.title.endswith(("?", "!")) else "."
        return (
            f"- {names} ({self.year}). {self.title}{end} {self.venue}.{link}\n  {{ #{self.key} }}"
        )


def _work(raw: Any, where: str) -> Work:
    """One entry of the data file, checked; ``where`` names it in errors."""
    if not isinstance(raw, dict):
        raise BibliographyError(f"{where}: an entry is a mapping of {sorted(FIELDS)}")
    unknown, missing = set(raw) - FIELDS, [f for f in REQUIRED if not raw.get(f)]
    if unknown or missing:
        raise BibliographyError(f"{where}: unknown {sorted(unknown)}, missing {missing}")
    authors = tuple(a.strip() for a in str(raw["authors"]).split(";"))
    if not all(re.fullmatch(r"[^,]+, \S.*", a) for a in authors):
        raise BibliographyError(f"{where}: authors are 'Family, G.' separated by ';'")
    if not isinstance(raw["year"], int):
        raise BibliographyError(f"{where}: year is a number: {raw['year']!r}")
    text = {f: " ".join(str(raw[f]).split()) for f in ("title", "venue")}
    return Work(authors, raw["year"], text["title"], text["venue"], raw.get("doi"), raw.get("url"))


def load(path: Path = DATA) -> list[Work]:
    """The works of ``path`` sorted by first author and year; raises
    :class:`BibliographyError` for a malformed entry or two entries with one anchor."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise BibliographyError(f"{path}: a list of works")
    works = [_work(raw, f"{path}: entry {i + 1}") for i, raw in enumerate(entries)]
    seen: dict[str, int] = {}
    for i, work in enumerate(works):
        if work.key in seen:
            raise BibliographyError(
                f"{path}: entries {seen[work.key] + 1} and {i + 1} share the anchor {work.key}"
            )
        seen[work.key] = i
    return sorted(works, key=lambda w: (w.key.rsplit("-", 1)[0], w.year))


def texts(language: str) -> dict[str, str]:
    """The page's own words in ``language``: the English ones here, the others in ui.yml."""
    if language == i18n.DEFAULT:
        return ENGLISH
    ui = i18n.ui_text(language)
    return {name: ui[f"bibliography.{name}"] for name in ENGLISH}


def page_markdown(works: list[Work], cff: dict[str, Any], language: str) -> str:
    """The Bibliography page in ``language``: how to cite (BibTeX from ``cff``), the works."""
    words = texts(language)
    cff_url = f"{cff['repository-code'].rstrip('/')}/blob/main/CITATION.cff"
    out = [f"# {words['title']}", "", f"## {words['cite']} {{ #how-to-cite }}", ""]
    out += [words["cite_intro"], "", "```bibtex", citation.bibtex(cff), "```", ""]
    out += [words["cff"].format(url=cff_url), "", f"## {words['works']} {{ #works-cited }}", ""]
    out += [words["works_intro"], "", *(w.markdown() for w in works)]
    return "\n".join(out) + "\n"
