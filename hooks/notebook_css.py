"""MkDocs hook: notebook pages carry only the JupyterLab CSS that can apply to them.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (about 575 KB) in every notebook page;
book/notebook_css.py removes the rules that need a Jupyter class no element of the page has
and the custom properties nothing reads (about 480 KB per page). It runs after the build, when
every stylesheet the page links (print-site's included) is in the site and can be read.
The result is kept in ``.cache/notebook-css/`` under the hash of the page and of its
stylesheets (the directory is named by the digest of ``nnbook/`` and ``book/``, as the
execution cache's is), so an unchanged page costs a lookup instead of two seconds of parsing.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from book import cache, i18n, notebook_css

log = logging.getLogger("mkdocs.hooks.notebook_css")
_pages: set[Path] = set()


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    _pages.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        _pages.add(Path(page.file.abs_dest_path))
    return output


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    if i18n.current_language(config) != i18n.DEFAULT:
        return  # no notebook pages: nothing to strip, and nothing to evict from the cache
    root = cache.cache_dir(config.config_file_path) / "notebook-css"
    store = cache.open_store(root, cache.inputs_digest())
    used, made = set(), 0
    for path in sorted(_pages):
        if path.is_file():
            html = path.read_text(encoding="utf-8")
            css = notebook_css.linked_stylesheets(html, path)
            key = hashlib.sha256(f"{html}\0{css}".encode()).hexdigest()
            used.add(key)
            stripped = store.get(key)
            if stripped is None:
                stripped = notebook_css.strip_unused(html, css)
                store.put(key, stripped)
                made += 1
            path.write_text(stripped, encoding="utf-8")
    store.prune(used)  # pages as they were before an edit go
    log.info("notebook css: %d pages stripped, %d reused", made, len(used) - made)
