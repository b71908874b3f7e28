"""The built site, rewritten once every language has been written (site → site).

Each HTML file of the site goes through :func:`rewrite_page`: code blocks without the token
spans that draw nothing (:mod:`book.highlight`), each figure in the page's language and
palette (:mod:`book.site.figures`), the widgets' labels in the page's language
(:mod:`book.i18n`), every formula typeset into MathML (:mod:`book.mathml`), the stylesheets
and scripts it does not use unlinked and its indentation left out (:mod:`book.minify`). The
print page is repaired first (:mod:`book.site.print_page`) and keeps its assets and layout.
Then the notebook pages lose the JupyterLab CSS nothing on them can use
(:mod:`book.notebook_css`), the search index gets each formula as text, and the math font is
cut to the glyphs of every formula of the site (:mod:`book.mathfont`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from book import highlight, i18n, mathfont, mathml, minify, notebook_css
from book.cache import Store
from book.site import figures

_MKDOCSTRINGS_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\s*')
_COVER_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*stylesheets/cover\.css">\s*')
# print-site links its stylesheets and script into every page; only the print page uses them.
_PRINT_ASSETS = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site[\w-]*\.css">\s*'
    r'|<script src="[^"]*js/print-site\.js"></script>\s*'
)


class PageError(ValueError):
    """A page of the site that cannot be rewritten (a formula pandoc cannot read, a widget
    without labels): the message names the file."""


def language_of(page: Path, site: Path) -> str:
    """The language of a built page: its top folder's (``ko/...``), else the default."""
    top = page.relative_to(site).parts[0]
    return top if top in i18n.LANGUAGES else i18n.DEFAULT


def unused_assets_dropped(html: str) -> str:
    """The page without mkdocstrings' stylesheet unless it shows API documentation
    (``class="doc ..."``), without the cover's unless it is a cover (``nnbook-cover``), and
    without print-site's stylesheets and script."""
    if 'class="doc ' not in html:
        html = _MKDOCSTRINGS_CSS.sub("", html)
    if 'class="nnbook-cover' not in html:
        html = _COVER_CSS.sub("", html)
    return _PRINT_ASSETS.sub("", html)


def rewrite_page(html: str, typeset: mathml.Typeset, language: str, printed: bool) -> str:
    """A built page as it is served (``printed``: the print page, which keeps its assets and
    layout). Raises ValueError for a widget without labels or mathml.TexError."""
    html = highlight.slim(html)
    html = figures.for_reader(html, language, printed)
    if language != i18n.DEFAULT:
        html = i18n.with_widget_text(html, i18n.widget_text(language))
    html = mathml.render_page(html, typeset)
    return html if printed else minify.html(unused_assets_dropped(html))


def rewrite_pages(
    site: Path, typeset: mathml.Typeset, print_pages: set[Path], sources: dict[str, str]
) -> None:
    """Every HTML file of the site rewritten in place by :func:`rewrite_page`; an error
    names the page's file in ``sources`` (page URL -> file), else the HTML file."""
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        try:
            out = rewrite_page(html, typeset, language_of(path, site), path in print_pages)
        except ValueError as error:
            name = path.relative_to(site).as_posix()
            url = name.removesuffix("index.html")
            raise PageError(f"{sources.get(url, name)}: {error}") from None
        path.write_text(out, encoding="utf-8")


def strip_notebook_css(pages: list[Path], store: Store) -> int:
    """The notebook pages without the Jupyter CSS nothing on them can use, through ``store``
    (keyed on the page and its stylesheets); returns how many pages were stripped afresh."""
    used, made = set(), 0
    for path in pages:
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
    return made


def readable_search_index(site: Path) -> None:
    """The search index keeps each page's text before its formulas were typeset: write them
    as text (:func:`book.mathml.readable_tex`), so that a search preview shows no TeX."""
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


def math_font(site: Path, cache: Path) -> tuple[int, bool]:
    """The math font cut to every formula of the site (all languages), beside its licence;
    returns how many characters it has and whether it was cut afresh."""
    chars = mathfont.characters(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    fonts = site / "assets" / "fonts"
    made = mathfont.write_subset(chars, fonts / "nnbook-math.woff2", cache)
    shutil.copyfile(mathfont.LICENCE, fonts / mathfont.LICENCE.name)
    return len(chars), made
