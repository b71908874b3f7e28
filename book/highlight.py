"""Highlighted code without the markup that draws nothing.

Pygments wraps every token of a code block in a ``<span class="…">``. Three of those classes
draw exactly like the code around them in the book's theme: names (``n``, coloured
``--md-code-hl-name-color``, which is the code colour), whitespace (``w``) and punctuation
(``p``, which ``stylesheets/extra.css`` gives the code colour). Their spans are a fifth of a
chapter's HTML; :func:`slim` removes them and keeps their text, so the page looks the same and
weighs less (the page weight target of a chapter is 800 KB on a first visit).

Usage::

    html = slim(html)
"""

from __future__ import annotations

import re

__all__ = ["slim"]

_PLAIN = re.compile(r'<span class="[nwp]">([^<]*)</span>')


def slim(html: str) -> str:
    """``html`` with the name, whitespace and punctuation token spans replaced by their text."""
    return _PLAIN.sub(r"\1", html)
