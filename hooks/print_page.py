"""MkDocs hook: repair the print page (the whole book on one page, by mkdocs-print-site-plugin).

The print page leaves out the notebooks and the API reference (``exclude`` in mkdocs.yml), but
the plugin still turns every link to those pages into an anchor of the print page
(``../reference/#nnbook.mlp.MLP`` becomes ``#nnbook.mlp.MLP``), which leads nowhere. After the
plugin has written the page, this hook points such anchors back at the page that has them, and
removes the "run this chapter as a notebook" boxes (hooks/notebooks.py), which make no sense
in a printed book. Links to an exercise (hooks/exercises.py names them ``exercise-n-k``, unique
in the book) are pointed at its id, which print-site does not prefix with the page.

print-site's renaming of the ids of each page (``update_anchor_ids``: a regular expression
that rescans the rest of a line from every ``<``) takes over a second per build; its results
are kept in ``.cache/print-anchors/`` under the hash of its input, so an unchanged page costs
a lookup. The function itself still does the work whenever a page changed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs_print_site_plugin import urls

from book import cache

log = logging.getLogger("mkdocs.hooks.print_page")
_update_anchor_ids = urls.update_anchor_ids
_anchors: dict[str, Any] = {"store": None, "used": set(), "renamed": 0}


def _cached_anchor_ids(page_html: str, page_key: str) -> str:
    """print-site's ``update_anchor_ids(page_html, page_key)``, through the cache."""
    key = hashlib.sha256(f"{page_key}\0{page_html}".encode()).hexdigest()
    _anchors["used"].add(key)
    out = _anchors["store"].get(key)
    if out is None:
        out = _update_anchor_ids(page_html, page_key)
        _anchors["renamed"] += 1
        _anchors["store"].put(key, out)
    return out


def on_config(config: MkDocsConfig) -> None:
    root = cache.cache_dir(config.config_file_path) / "print-anchors"
    version = metadata.version("mkdocs-print-site-plugin")
    _anchors["store"] = cache.open_store(root, version)
    _anchors["used"], _anchors["renamed"] = set(), 0
    urls.update_anchor_ids = _cached_anchor_ids


_BOX = re.compile(r'<div class="admonition example nnbook-notebook">.*?</div>\s*', re.DOTALL)
_HREF = re.compile(r'href="#([^"]+)"')


_ID = re.compile(r"""\sid=(["'])([^"']+)\1""")
_NAME = re.compile(r"""<a\b[^>]*\sname=(["'])([^"']+)\1""")


def _ids(html: str) -> set[str]:
    """The anchors of a page: every ``id`` attribute, and ``name`` on ``<a>``, in either quotes
    (a regex: ``html.parser`` took seconds on the print page)."""
    return {m[1] for m in _ID.findall(html)} | {m[1] for m in _NAME.findall(html)}


def _print_page(config: MkDocsConfig) -> Path | None:
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled", True):
        return None
    name = plugin.config.get("print_page_basename", "print_page")
    for path in (
        Path(config.site_dir) / name / "index.html",
        Path(config.site_dir) / f"{name}.html",
    ):
        if path.is_file():
            return path
    return None


def on_post_build(config: MkDocsConfig) -> None:
    path = _print_page(config)
    if path is None:
        return
    _anchors["store"].prune(_anchors["used"])
    renamed = _anchors["renamed"]
    log.info(
        "print page: ids of %d pages renamed, %d reused", renamed, len(_anchors["used"]) - renamed
    )
    site = Path(config.site_dir)
    to_root = "../" * len(path.parent.relative_to(site).parts)
    html = _BOX.sub("", path.read_text(encoding="utf-8"))
    own = _ids(html)

    # where each id lives among the pages the print page leaves out
    elsewhere: dict[str, str] = {}
    for index in sorted(site.rglob("index.html")):
        if index == path:
            continue
        url = index.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        if url:
            elsewhere.setdefault(url.strip("/").replace("/", "-"), url)  # page anchors
        for anchor in _ids(index.read_text(encoding="utf-8")):
            elsewhere.setdefault(anchor, f"{url}#{anchor}")

    def fix(m: re.Match[str]) -> str:
        anchor = m.group(1)
        if anchor in own:
            return m.group(0)
        # print-site prefixes a link's anchor with its page ("losses-exercise-6-1"), as it does
        # the headings' ids; ids it does not rename (the exercises') keep their own name
        for i, char in enumerate(anchor):
            if char == "-" and anchor[i + 1 :] in own:
                return f'href="#{anchor[i + 1 :]}"'
        if anchor not in elsewhere:
            return m.group(0)
        return f'href="{to_root}{elsewhere[anchor]}"'

    path.write_text(_HREF.sub(fix, html), encoding="utf-8")
