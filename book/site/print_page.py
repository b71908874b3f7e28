"""The print page (the whole book on one page, by mkdocs-print-site-plugin), repaired.

The print page leaves out the notebooks and the API reference (``exclude`` in mkdocs.yml), but
the plugin still turns every link to those pages into an anchor of the print page
(``../reference/#nnbook.mlp.MLP`` becomes ``#nnbook.mlp.MLP``), which leads nowhere.
:func:`repair` points such anchors back at the page that has them and removes the "run this
chapter as a notebook" boxes, which make no sense in a printed book, and the exercises' hints,
which print as empty closed boxes (the check lines stay: a reader of paper can type them). Links to an exercise
(``exercise-n-k``, unique in the book) are pointed at its id, which the plugin does not
prefix with the page.

The plugin's renaming of each page's ids (``update_anchor_ids``: a regular expression that
rescans the rest of a line from every ``<``) takes over a second per build: :class:`AnchorIds`
keeps its results in a store under the hash of its input, so an unchanged page costs a lookup.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from book.cache import Store

RenameIds = Callable[[str, str], str]
_BOX = re.compile(r'<div class="admonition example nnbook-notebook">.*?</div>\s*', re.DOTALL)
_HINT = re.compile(r'<details class="hint">.*?</details>\s*', re.DOTALL)
_HREF = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r"""\sid=(["'])([^"']+)\1""")
_NAME = re.compile(r"""<a\b[^>]*\sname=(["'])([^"']+)\1""")


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
    pointed at the page that has it (``to_root``: the print page's link to the site's root)."""
    html = _HINT.sub("", _BOX.sub("", html))
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
