"""MkDocs hook: notebook pages carry only the JupyterLab CSS that can apply to them.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (about 575 KB) in every notebook page;
book/notebook_css.py removes the rules that need a Jupyter class no element of the page has
and the custom properties nothing reads (about 480 KB per page). It runs after the build, when
every stylesheet the page links (print-site's included) is in the site and can be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from book import notebook_css

_pages: set[Path] = set()


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    _pages.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        _pages.add(Path(page.file.abs_dest_path))
    return output


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    for path in sorted(_pages):
        if path.is_file():
            html = path.read_text(encoding="utf-8")
            css = notebook_css.linked_stylesheets(html, path)
            path.write_text(notebook_css.strip_unused(html, css), encoding="utf-8")
