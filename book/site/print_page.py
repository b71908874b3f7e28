"""The print page (the whole book on one page, by mkdocs-print-site-plugin), repaired and made
a book: one per language (``print_page/``, ``ko/print_page/``), printed to PDF by
:mod:`book.pdf`.

The print page leaves out the notebooks and the API reference (``exclude`` in mkdocs.yml), but
the plugin still turns every link to those pages into an anchor of the print page
(``../reference/#nnbook.mlp.MLP`` becomes ``#nnbook.mlp.MLP``), which leads nowhere.
:func:`repair` points such anchors back at the page that has them and removes the "run this
chapter as a notebook" boxes, which make no sense in a printed book, and the exercises' hints,
which print as empty closed boxes (the check lines stay: a reader of paper can type them). Links to an exercise
(``exercise-n-k``, unique in the book) are pointed at its id, which the plugin does not
prefix with the page.

:func:`as_book` then gives it what a printed book has: a cover with the version and its date,
each figure numbered by chapter with its description as caption, and each chapter's solutions
moved out of its exercises (where they print as closed boxes) to the chapter's end, linked both
ways. The texts are in :data:`PRINT_TEXT` (English) and ``translations/<language>/ui.yml``.

The plugin's renaming of each page's ids (``update_anchor_ids``: a regular expression that
rescans the rest of a line from every ``<``) takes over a second per build: :class:`AnchorIds`
keeps its results in a store under the hash of its input, so an unchanged page costs a lookup.
"""

from __future__ import annotations

import datetime
import hashlib
import html as htmllib
import itertools
import re
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from book import i18n
from book.cache import Store
from book.paths import REPO

RenameIds = Callable[[str, str], str]
_BOX = re.compile(r'<div class="admonition example nnbook-notebook">.*?</div>\s*', re.DOTALL)
_HINT = re.compile(r'<details class="hint">.*?</details>\s*', re.DOTALL)
_HREF = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r"""\sid=(["'])([^"']+)\1""")
_NAME = re.compile(r"""<a\b[^>]*\sname=(["'])([^"']+)\1""")
_BOOK = '<div id="print-site-page"'
_IMAGE_UP = re.compile(r'(<img\b[^>]*?\bsrc=")\.\./')
_CHAPTER = re.compile(r'(<section class="print-page" id="[^"]+" heading-number="[^"]*">)')
_TITLE = re.compile(r'<h1 id="([^"]+)">(.*?)<a class="headerlink"', re.DOTALL)
_SOLUTION = re.compile(
    r'<details class="solution">\s*<summary>(?P<title>.*?)</summary>(?P<body>.*?)</details>\s*',
    re.DOTALL,
)
_EXERCISE = re.compile(r'id="exercise-(\d+)-(\d+)"')
_FIGURE = re.compile(r'<p>\s*(<img\b[^>]*\balt="([^"]*)"[^>]*\bsrc="[^"]*figures/[^>]*>)\s*</p>')

PRINT_TEXT = {
    "print.title": "The whole book",
    "print.contents": "Contents",
    "print.subtitle": "Neural networks from first principles",
    "print.authors": "The nnbook authors",
    "print.edition": "Version {version}, {date}",
    "print.figure": "Figure {number}.",
    "print.solutions": "Solutions",
    "print.solution": "Solution {number}",
}
"""The print page's own texts in English (the Korean ones: ``print.*`` in ui.yml)."""


@dataclass(frozen=True)
class Edition:
    """What the cover says: the version and its date (``YYYY-MM-DD``), and the site's address."""

    version: str
    date: str
    url: str

    @classmethod
    def of(cls, url: str) -> Edition:
        """This book's: the installed package's version, and the date of the commit the book is
        built from (today outside a git repository)."""
        git = ["git", "-C", str(REPO), "log", "-1", "--format=%cs"]
        done = subprocess.run(git, capture_output=True, text=True, check=False)
        date = done.stdout.strip() if done.returncode == 0 else ""
        return cls(metadata.version("nnbook"), date or datetime.date.today().isoformat(), url)


class AnchorIds:
    """The plugin's ``update_anchor_ids(page_html, page_key)`` through a store."""

    def __init__(self, rename: RenameIds, store: Store) -> None:
        self.rename = self.__wrapped__ = rename
        self.store = store
        self.used: set[str] = set()
        self.renamed = 0

    def __call__(self, page_html: str, page_key: str) -> str:
        key = hashlib.sha256(f"{page_key}\0{page_html}".encode()).hexdigest()
        self.used.add(key)
        out = self.store.get(key)
        if out is None:
            out = self.rename(page_html, page_key)
            self.renamed += 1
            self.store.put(key, out)
        return out


def ids(html: str) -> set[str]:
    """The anchors of a page: every ``id`` attribute, and ``name`` on ``<a>``, in either quotes
    (a regex: ``html.parser`` took seconds on the print page)."""
    return {m[1] for m in _ID.findall(html)} | {m[1] for m in _NAME.findall(html)}


def anchors_elsewhere(site: Path, pages: list[Path]) -> dict[str, str]:
    """Where each id lives among ``pages`` of the site: id -> ``url#id`` (the first page wins),
    and each page's own name (``a-b`` for ``a/b/``) -> its URL."""
    elsewhere: dict[str, str] = {}
    for index in pages:
        url = index.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        if url:
            elsewhere.setdefault(url.strip("/").replace("/", "-"), url)  # page anchors
        for anchor in ids(index.read_text(encoding="utf-8")):
            elsewhere.setdefault(anchor, f"{url}#{anchor}")
    return elsewhere


def repair(html: str, to_root: str, elsewhere: dict[str, str]) -> str:
    """The print page without notebook boxes and hints, each of its anchors that leads nowhere
    pointed at the page that has it, its images found from where it is (``to_root``: the print
    page's link to the site's root; the plugin writes them for a print page one folder deep)."""
    html = _HINT.sub("", _BOX.sub("", html))
    book = html.find(_BOOK)
    if book >= 0 and to_root != "../":
        html = html[:book] + _IMAGE_UP.sub(rf"\g<1>{to_root}", html[book:])
    own = ids(html)

    def fix(m: re.Match[str]) -> str:
        anchor = m.group(1)
        if anchor in own:
            return m.group(0)
        # the plugin prefixes a link's anchor with its page ("losses-exercise-6-1"), as it does
        # the headings' ids; ids it does not rename (the exercises') keep their own name
        for i, char in enumerate(anchor):
            if char == "-" and anchor[i + 1 :] in own:
                return f'href="#{anchor[i + 1 :]}"'
        if anchor not in elsewhere:
            return m.group(0)
        return f'href="{to_root}{elsewhere[anchor]}"'

    return _HREF.sub(fix, html)


def print_text(language: str) -> Mapping[str, str]:
    """The print page's texts in ``language``."""
    return PRINT_TEXT if language == i18n.DEFAULT else i18n.ui_text(language)


def as_book(html: str, language: str, edition: Edition, stylesheet: str) -> str:
    """The print page with a cover, a table of contents, numbered chapters and figures, and
    each chapter's solutions at its end (the texts in ``language``), styled by ``stylesheet``
    (the URL of ``docs/stylesheets/print.css``) as well.

    A chapter is numbered as its exercises are (exercise ``n.k`` is chapter ``n``'s); a page
    without exercises (the introduction, an appendix) is not. Figures are numbered through the
    book."""
    text = print_text(language)
    parts = _CHAPTER.split(html)  # [before, section tag, chapter, section tag, chapter, ...]
    before = parts[0]
    at = before.find(_BOOK)
    if at < 0:
        raise ValueError('the print page has no book (<div id="print-site-page">)')
    at = before.index(">", at) + 1
    figures = itertools.count(1)
    chapters = [
        _chapter_as_book(tag, chapter, text, figures)
        for tag, chapter in zip(parts[1::2], parts[2::2], strict=True)
    ]
    front = cover(text, edition) + contents(text, [entry for entry, _ in chapters])
    head = before[:at].replace(
        "</head>", f'<link rel="stylesheet" href="{stylesheet}">\n</head>', 1
    )
    return head + front + before[at:] + "".join(body for _, body in chapters)


def cover(text: Mapping[str, str], edition: Edition) -> str:
    """The cover: the book's name, what it is, its authors, version and date, and address."""
    url = htmllib.escape(edition.url)
    edition_line = text["print.edition"].format(version=edition.version, date=edition.date)
    return (
        '<section class="nnbook-cover-page">'
        '<p class="nnbook-cover-page__title">nnbook</p>'
        f'<p class="nnbook-cover-page__subtitle">{text["print.subtitle"]}</p>'
        f'<p class="nnbook-cover-page__authors">{text["print.authors"]}</p>'
        f'<p class="nnbook-cover-page__edition">{edition_line}</p>'
        f'<p class="nnbook-cover-page__url"><a href="{url}">{url}</a></p>'
        "</section>"
    )


def contents(text: Mapping[str, str], entries: list[tuple[str, str | None, str]]) -> str:
    """The table of contents: each chapter's (heading id, number, title) linked."""
    items = "".join(
        f'<li><a href="#{ident}">'
        + (f'<span class="nnbook-chapter-number">{number}</span> ' if number else "")
        + f"{title}</a></li>"
        for ident, number, title in entries
    )
    return (
        f'<nav class="nnbook-contents"><h1 class="nnbook-contents__title">'
        f"{text['print.contents']}</h1><ol>{items}</ol></nav>"
    )


def _chapter_as_book(
    tag: str, chapter: str, text: Mapping[str, str], figures: Iterator[int]
) -> tuple[tuple[str, str | None, str], str]:
    """One chapter (its ``<section>`` tag, and its HTML to its ``</section>``): its contents
    entry, and its HTML with its number in its title, its figures numbered from ``figures``
    and its solutions after its last paragraph."""
    title = _TITLE.search(chapter)
    if title is None:
        raise ValueError(f"{tag}: the chapter has no title")
    exercise = _EXERCISE.search(chapter)
    number = exercise[1] if exercise else None
    if number:
        mark = f'<span class="nnbook-chapter-number">{number}</span> '
        chapter = chapter[: title.start(2)] + mark + chapter[title.start(2) :]
    entry = (title[1], number, title[2].strip())

    def figure(m: re.Match[str]) -> str:
        label = text["print.figure"].format(number=next(figures))
        return (
            f'<figure class="nnbook-print-figure">{m[1]}'
            f"<figcaption><strong>{label}</strong> {m[2]}</figcaption></figure>"
        )

    return entry, tag + _with_solutions_at_the_end(_FIGURE.sub(figure, chapter), text, entry)


def _with_solutions_at_the_end(
    chapter: str, text: Mapping[str, str], entry: tuple[str, str | None, str]
) -> str:
    """The chapter's solutions moved out of its exercises to its end, linked both ways."""
    solutions: list[str] = []

    def solution(m: re.Match[str]) -> str:
        exercise = _EXERCISE.findall(chapter, 0, m.start())
        if not exercise or "<details" in m["body"]:
            raise ValueError(f"{entry[2]}: a solution outside an exercise, or holding a box")
        ident = "-".join(exercise[-1])
        title = text["print.solution"].format(number=".".join(exercise[-1]))
        solutions.append(
            f'<div class="nnbook-solution" id="solution-{ident}">'
            f'<p class="nnbook-solution__title"><a href="#exercise-{ident}">{title}</a></p>'
            f"{m['body']}</div>"
        )
        return f'<p class="nnbook-solution-link"><a href="#solution-{ident}">{title}</a></p>\n'

    out = _SOLUTION.sub(solution, chapter)
    if not solutions:
        return out
    end = out.find("</section>")
    if end < 0 or "<section" in out[:end]:
        raise ValueError(f"{entry[2]}: the chapter has no end, or a section inside it")
    heading = f'<h2 id="solutions-{entry[0]}">{text["print.solutions"]}</h2>'
    block = f'<div class="nnbook-solutions">{heading}{"".join(solutions)}</div>'
    return out[:end] + block + out[end:]
