"""MkDocs hook: code blocks without the token spans that draw nothing (book/highlight.py)."""

from __future__ import annotations

from typing import Any

from book.highlight import slim


def on_page_content(html: str, **kwargs: Any) -> str:
    return slim(html)
