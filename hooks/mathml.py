"""MkDocs hook: every formula of every page typeset into MathML at build (book/mathml.py).

``on_post_page`` sees the finished HTML of every page — chapters, the API reference, the
notebook pages — so the formulas of headings, of the table of contents and of notebook cells
are converted too. The print page is written by its plugin after all pages
(mkdocs-print-site-plugin's ``on_post_build``): ``on_post_build`` converts it then, from
formulas already converted. A formula pandoc cannot read fails the build, naming the
page and the formula. Conversions are kept in ``.cache/mathml/`` for the next build. No TeX
engine is sent to the reader; the math font is served by the site (``docs/assets/fonts/``,
declared in ``docs/stylesheets/extra.css``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from book import exec_cache, mathml

log = logging.getLogger("mkdocs.hooks.mathml")


def _store(config: MkDocsConfig) -> Path:
    return mathml.store_path(exec_cache.cache_dir(config.config_file_path) / "mathml")


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    mathml.load(_store(config))


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    try:
        return mathml.render_page(output)
    except mathml.TexError as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from err


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    _print_page(config)
    log.info(
        "mathml: %d formulas typeset by pandoc, the others reused", mathml.save(_store(config))
    )


def _print_page(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled"):
        return  # no print page in this build (or in this language: hooks/i18n.py)
    print_page = getattr(plugin, "print_page", None)
    path = Path(print_page.file.abs_dest_path) if print_page is not None else None
    if path is None or not path.is_file():
        return
    try:
        html = mathml.render_page(path.read_text(encoding="utf-8"))
    except mathml.TexError as err:
        raise PluginError(f"print page: {err}") from err
    path.write_text(html, encoding="utf-8")
