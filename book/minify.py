"""The site's own stylesheet and scripts without their comments, and its pages without their
indentation, as they are served.

``docs/stylesheets/extra.css`` and ``docs/javascripts/`` explain themselves at length; a reader's
browser needs none of it, and every first visit downloads all of it (the page budget of 800 KB
counts it on every chapter). After the build, the copies in the site lose their comments,
blank lines and indentation: a third of their bytes. The sources keep everything. So does the
sitemap lose its indentation, which Material's instant navigation downloads.

Safe by construction for what the book writes, and checked (tests/book/test_minify.py): CSS
comments are ``/* … */`` outside strings; in the scripts a comment is a whole line starting
with ``//`` (an end-of-line comment stays), and no template string spans lines.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["css", "html", "js", "site", "xml"]

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.DOTALL)
_INDENT = re.compile(r"\n[ \t]+")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def css(text: str) -> str:
    """A stylesheet without comments, blank lines and indentation."""
    return "\n".join(_lines(_CSS_COMMENT.sub("", text))) + "\n"


def js(text: str) -> str:
    """A script without its comment lines, blank lines and indentation."""
    if any(line.count("`") % 2 for line in text.splitlines()):
        raise ValueError("a template string spans lines: its indentation would change")
    return "\n".join(line for line in _lines(text) if not line.startswith("//")) + "\n"


def xml(text: str) -> str:
    """A document of elements alone (the sitemap, which instant navigation downloads on every
    first visit) without its indentation."""
    return "\n".join(_lines(text)) + "\n"


def html(page: str) -> str:
    """A page without the indentation of its lines, except inside ``<pre>`` and ``<textarea>``:
    a newline and the spaces after it show as one space, as the newline alone does."""
    parts = _VERBATIM.split(page)
    for i in range(0, len(parts), 3):  # split() returns text, whole match, tag name, text, ...
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(p for i, p in enumerate(parts) if i % 3 != 2)


def site(root: Path, stylesheets: list[str], scripts: list[str]) -> int:
    """Minify the book's own files in the built site ``root``; returns the bytes saved."""
    saved = 0
    sitemap = ["sitemap.xml"] if (root / "sitemap.xml").is_file() else []
    for names, minify in ((stylesheets, css), (scripts, js), (sitemap, xml)):
        for name in names:
            path = root / name
            before = path.read_text(encoding="utf-8")
            after = minify(before)
            path.write_text(after, encoding="utf-8")
            saved += len(before.encode()) - len(after.encode())
    return saved
