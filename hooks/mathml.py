"""MkDocs hook: every formula of every page typeset into MathML at build (book/mathml.py).

``on_post_page`` sees the finished HTML of every page — chapters, the API reference, the
notebook pages — so the formulas of headings, of the table of contents and of notebook cells
are converted too. The print page is written by its plugin after all pages
(mkdocs-print-site-plugin's ``on_post_build``): ``on_post_build`` converts it then, from
formulas already converted. A formula pandoc cannot read fails the build, naming the
page and the formula. Conversions are kept in ``.cache/mathml/`` for the next build. No TeX
engine is sent to the reader.

Before a page is converted, its Markdown source goes through the lint of book/mdlint.py: a line
that Python-Markdown would read as a new list item, heading, code fence or blank line while a
formula is open fails the build, naming the file and the line (the formula would show as raw TeX).

Last of all (priority -110, after mkdocs-static-i18n's ``on_post_build`` at -100, which builds
the Korean pages under ``ko/`` of the same site and writes the search index of both languages):
the search index, written from the pages before their formulas were typeset, gets each formula
as plain text; and the math font the pages declare (``docs/stylesheets/extra.css``) is cut from
Latin Modern Math to the glyphs of every formula of the site and those MathML layout draws on
its own (book/mathfont.py), into ``assets/fonts/nnbook-math.woff2`` beside its licence.
Subsets are kept in ``.cache/mathfont/``.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from book import cache, mathfont, mathml, mdlint

log = logging.getLogger("mkdocs.hooks.mathml")


def _store(config: MkDocsConfig) -> Path:
    return mathml.store_path(cache.cache_dir(config.config_file_path) / "mathml")


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    mathml.load(_store(config))


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    problems = mdlint.lint(page.file.content_string)
    if problems:
        where = page.file.src_uri
        lines = [f"docs/{where}:{p.line}: {p.message}" for p in problems]
        raise PluginError(
            "a formula is broken by a line Markdown reads as a block:\n" + "\n".join(lines)
        )
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    try:
        return mathml.render_page(output)
    except mathml.TexError as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from err


@event_priority(-110)  # after mkdocs-static-i18n's, which builds Korean and writes the index
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    _print_page(config)
    site = Path(config.site_dir)  # the Korean build, too, writes into it (under ko/)
    _search_index(site)
    log.info(
        "mathml: %d formulas typeset by pandoc, the others reused", mathml.save(_store(config))
    )
    _math_font(site, config)


def _search_index(site: Path) -> None:
    """The search index keeps each page's text before its formulas were typeset: write them
    as text (book/mathml.py's readable_tex), so that a search preview shows no TeX."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"], doc["text"] = (
            mathml.readable_tex(doc["title"]),
            mathml.readable_tex(doc["text"]),
        )
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _math_font(site: Path, config: MkDocsConfig) -> None:
    """Subset the math font to every formula of the whole site (both languages)."""
    chars = mathfont.characters(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    fonts = site / "assets" / "fonts"
    fonts_cache = cache.cache_dir(config.config_file_path) / "mathfont"
    made = mathfont.write_subset(chars, fonts / "nnbook-math.woff2", fonts_cache)
    shutil.copyfile(mathfont.LICENCE, fonts / mathfont.LICENCE.name)
    log.info("math font: %d characters, %s", len(chars), "subset" if made else "reused")


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
