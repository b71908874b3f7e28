"""MkDocs hook: the bytes every first visit pays for (the page budget of issue 14).

mkdocstrings' stylesheet only where there is API documentation, print-site's only on the print
page, the book's own stylesheet and scripts without their comments and every page without its
indentation (book/minify.py).

mkdocstrings adds ``assets/_mkdocstrings.css`` (6.6 KB) to every page; only the pages that
render docstrings (``class="doc ..."``: the API reference) use its rules. The other pages
drop the ``<link>``, a saving on every first visit (the page-weight budget of issue 14). The
Korean build links it twice (mkdocstrings adds it to ``extra_css`` once per build): every link
goes. The print page keeps it (print-site writes it after every hook has run).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from book import minify

log = logging.getLogger("mkdocs.hooks.api_css")

_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\s*')
# print-site links its stylesheets and script into every page; only the print page, which it
# writes after every hook has run, uses them.
_PRINT_ASSETS = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site[\w-]*\.css">\s*'
    r'|<script src="[^"]*js/print-site\.js"></script>\s*'
)


def on_post_page(output: str, **kwargs: Any) -> str:
    if 'class="doc ' not in output:
        output = _LINK.sub("", output)
    return minify.html(_PRINT_ASSETS.sub("", output))


def on_post_template(output_content: str, **kwargs: Any) -> str:
    """The same for the pages made from templates alone (404.html)."""
    return on_post_page(output_content)


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    root = Path(config.site_dir)
    scripts = [p.relative_to(root).as_posix() for p in (root / "javascripts").rglob("*.js")]
    saved = minify.site(root, list(config.extra_css), scripts)
    log.info("minify: %d bytes of comments and indentation left out", saved)
