"""The "Errata and changes" page, made from ``CHANGELOG.md`` (Keep a Changelog 1.1.0).

The changelog's own preamble states its shape; :func:`parse` holds it to that shape and
raises :class:`ChangelogError` naming the file and line of anything else (a version without a
date, an unknown section, an entry outside a section). ``### Corrected`` is the errata: the
page says, for every release, what it corrected in the text, or that it corrected nothing::

    releases = parse(CHANGELOG.read_text(encoding="utf-8"), "CHANGELOG.md")
    text = page_markdown(releases, "ko")
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass, field

from book import i18n
from book.paths import REPO

CHANGELOG = REPO / "CHANGELOG.md"
PAGE = "changes.md"
SECTIONS = ("Corrected", "Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
UNRELEASED = "Unreleased"
_VERSION = re.compile(r"## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})")
_LINK = re.compile(r"\[([^\]]+)\]: \S+")
ENGLISH = {
    "title": "Errata and changes",
    "intro": (
        "Each release of the book and of its package has a version number and a date. The PDF"
        " shows both on its cover, and the site always shows the latest release. To find what"
        " changed since your copy, read the releases above its version. Under *Corrected* are"
        " the corrections to the text: each names the chapter, what was wrong and why; read"
        " them if you study from an older copy. The other lists are what was added or changed."
    ),
    "note": (
        "This page is made from the changelog, CHANGELOG.md in the repository, at every build."
        " How to cite a version: [Bibliography](bibliography.md#how-to-cite)."
    ),
    "unreleased": "Not yet released",
    "none": "No corrections to the text in this version.",
    **{f"section.{name.lower()}": name for name in SECTIONS},
}


class ChangelogError(ValueError):
    """A changelog that breaks its shape, naming the file and the line."""


@dataclass
class Release:
    """One version (``version`` None: the unreleased changes), from its heading's ``line``."""

    version: str | None
    date: str | None
    line: int
    sections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.version or UNRELEASED


class _Parser:
    """Reads a changelog line by line into releases (see the module's docstring)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.releases: list[Release] = []
        self.links: set[str] = set()
        self.section: list[str] | None = None
        self.entry = False  # whether an indented line continues an entry

    def fail(self, number: int, message: str) -> ChangelogError:
        return ChangelogError(f"{self.where}:{number}: {message}")

    def heading(self, number: int, line: str) -> None:
        if line == f"## [{UNRELEASED}]":
            if self.releases:
                raise self.fail(number, f"[{UNRELEASED}] comes before every version")
            self.releases.append(Release(None, None, number))
        elif m := _VERSION.fullmatch(line):
            try:
                datetime.date.fromisoformat(m[2])
            except ValueError:
                raise self.fail(number, f"not a date: {m[2]}") from None
            self.releases.append(Release(m[1], m[2], number))
        else:
            raise self.fail(
                number, f"a version is '## [X.Y.Z] - YYYY-MM-DD' or '## [{UNRELEASED}]': {line}"
            )
        self.section, self.entry = None, False

    def subsection(self, number: int, name: str) -> None:
        if not self.releases or name not in SECTIONS:
            raise self.fail(number, f"unknown section {name!r} (known: {', '.join(SECTIONS)})")
        sections = self.releases[-1].sections
        if name in sections or any(SECTIONS.index(s) > SECTIONS.index(name) for s in sections):
            raise self.fail(number, f"### {name} repeated or out of order ({', '.join(SECTIONS)})")
        self.section = sections[name] = []
        self.entry = False

    def text(self, number: int, line: str) -> None:
        if line.startswith("- ") and self.section is not None:
            self.section.append(line)
            self.entry = True
        elif line.startswith("  ") and self.entry and self.section is not None:
            self.section[-1] += "\n" + line
        else:
            raise self.fail(number, f"an entry is a '- ' bullet under a ### section: {line}")

    def feed(self, number: int, line: str) -> None:
        if (m := _LINK.fullmatch(line)) and self.releases:
            self.links.add(m[1])
        elif line.startswith("## "):
            self.heading(number, line)
        elif line.startswith("### "):
            self.subsection(number, line[4:].strip())
        elif not line.strip():
            self.entry = False
        elif self.releases:
            self.text(number, line)
        elif line.startswith("#") and not line.startswith("# "):
            raise self.fail(number, f"a heading before the first version: {line}")


def parse(text: str, where: str = "CHANGELOG.md") -> list[Release]:
    """The releases of the changelog ``text`` (``where`` names it in errors), newest first."""
    parser = _Parser(where)
    for number, line in enumerate(text.splitlines(), start=1):
        parser.feed(number, line.rstrip())
    releases = parser.releases
    for release in releases:
        if release.name not in parser.links:
            raise parser.fail(release.line, f"[{release.name}] has no link reference at the end")
    dated = [r for r in releases if r.version is not None]
    for newer, older in itertools.pairwise(dated):
        if _number(newer) <= _number(older) or str(newer.date) < str(older.date):
            raise parser.fail(
                older.line,
                f"{older.version} ({older.date}) is not older than {newer.version} ({newer.date})",
            )
    return releases


def _number(release: Release) -> tuple[int, ...]:
    return tuple(int(p) for p in str(release.version).split("."))


def texts(language: str) -> dict[str, str]:
    """The page's own words in ``language``: the English ones here, the others in ui.yml."""
    if language == i18n.DEFAULT:
        return ENGLISH
    ui = i18n.ui_text(language)
    return {name: ui[f"changes.{name}"] for name in ENGLISH}


def page_markdown(releases: list[Release], language: str) -> str:
    """The "Errata and changes" page in ``language``: every release, newest first, with its
    corrections (or the statement that it has none) and its other changes."""
    words = texts(language)
    out = [f"# {words['title']}", "", words["intro"], "", words["note"], ""]
    for release in releases:
        if release.version is None:
            if not release.sections:
                continue
            anchor = "unreleased"
            out += [f"## {words['unreleased']} {{ #{anchor} }}", ""]
        else:
            anchor = "v" + release.version.replace(".", "-")
            out += [f"## {release.version} ({release.date}) {{ #{anchor} }}", ""]
            if "Corrected" not in release.sections:
                out += [words["none"], ""]
        for name, entries in release.sections.items():  # one anchor in every language
            heading = words[f"section.{name.lower()}"]
            out += [f"### {heading} {{ #{anchor}-{name.lower()} }}", "", *entries, ""]
    return "\n".join(out)
