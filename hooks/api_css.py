"""MkDocs hook: mkdocstrings' stylesheet only where there is API documentation.

mkdocstrings adds ``assets/_mkdocstrings.css`` (6.6 KB) to every page; only the pages that
render docstrings (``class="doc ..."``: the API reference) use its rules. The other pages
drop the ``<link>``, a saving on every first visit (the page-weight budget of issue 14). The
Korean build links it twice (mkdocstrings adds it to ``extra_css`` once per build): every link
goes. The print page keeps it (print-site writes it after every hook has run).
"""

from __future__ import annotations

import re
from typing import Any

_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\s*')


def on_post_page(output: str, **kwargs: Any) -> str:
    return output if 'class="doc ' in output else _LINK.sub("", output)


def on_post_template(output_content: str, **kwargs: Any) -> str:
    """The same for the pages made from templates alone (404.html)."""
    return on_post_page(output_content)
