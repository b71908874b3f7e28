r"""Each generated figure of a page in the reader's language and palette.

Every static figure exists in each language and palette of the site (``name.svg``,
``name-dark.svg``, ``name-ko.svg``, ``name-ko-dark.svg``; :mod:`book.figures`), and a chapter
links ``figures/name.svg``. In the content of a built page each such image becomes two: the
page language's light figure marked ``#only-light`` and its dark figure marked ``#only-dark``,
which Material's palette stylesheet hides in the other palette. Both load lazily, so the browser
fetches only the one it shows (a hidden lazy image never comes near the viewport): a reader
downloads one figure, not four. The print page keeps its one image, made the light figure of its language.

Example:
    >>> html = '<article class="md-typeset"><img alt="A" src="../figures/and-gate.svg"></article>'
    >>> print(for_reader(html, "ko", printed=False).replace("><", ">\n<"))
    <article class="md-typeset">
    <img alt="A" src="../figures/and-gate-ko.svg#only-light" loading="lazy">
    <img alt="A" src="../figures/and-gate-ko-dark.svg#only-dark" loading="lazy">
    </article>
"""

from __future__ import annotations

import re

from book.figures._registry import PALETTES, variant_file

__all__ = ["for_reader"]

_CONTENT = re.compile(r'<article\b[^>]*class="[^"]*md-typeset')
_IMAGE = re.compile(r'<img\b(?P<before>[^>]*?)\bsrc="(?P<dir>[^"]*?figures/)(?P<file>[\w-]+\.(?:svg|png))"(?P<after>[^>]*?)\s*/?>')  # fmt: skip
_LAZY = re.compile(r'\sloading="[^"]*"')


def for_reader(html: str, language: str, printed: bool) -> str:
    """``html`` with every figure of its content in ``language``, for each palette (only the
    light one when ``printed``)."""
    content = _CONTENT.search(html)
    if content is None:
        return html
    start = content.start()

    def image(m: re.Match[str]) -> str:
        def src(palette: str) -> str:
            return m["dir"] + variant_file(m["file"], language, palette)

        if printed:
            return f'<img{m["before"]}src="{src(PALETTES[0])}"{m["after"]}>'
        attributes = _LAZY.sub("", f"{m['before']}{m['after']}").rstrip()
        return "".join(
            f'<img{attributes} src="{src(palette)}#only-{palette}" loading="lazy">'
            for palette in PALETTES
        )

    return html[:start] + _IMAGE.sub(image, html[start:])
