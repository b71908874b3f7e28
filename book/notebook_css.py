"""Drop the rules of a notebook page's inlined JupyterLab stylesheet that match nothing on it.

mkdocs-jupyter inlines JupyterLab's whole theme in every notebook page (about 575 KB, most of
it for widgets, menus and dialogs a static page never has). A rule whose selector needs a
Jupyter class (``jp-``, ``bp3-``, ``lm-``...) that no element of the page carries cannot match,
and no script of the page adds such classes later: it is removed, and so is a rule that puts
``:root`` inside another element (``.jupyter-wrapper :root``, JupyterLab's variables). Everything else is kept:
rules without such a class, ``@font-face``, ``@keyframes``, custom properties. Classes inside
``:not()``, ``:is()``, ``:where()`` or ``:has()`` are not required (a rule is kept when in doubt).

A custom property that these blocks define (``--md-red-50: ...``, JupyterLab's copy of a
whole colour palette) and that no ``var()`` of the page or of the site's other stylesheets
(``extra_css``: their text) reads is removed too.

Usage::

    html = strip_unused(html, extra_css)  # only the <style> blocks of the page change
    css = linked_stylesheets(html, page_path)  # the text of the stylesheets the page links
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["linked_stylesheets", "strip_unused"]

# Class families of JupyterLab and its widget toolkits (Blueprint 3, Lumino, PhosphorJS...).
_JUPYTER_CLASS = re.compile(r"\.((?:jp|bp3|lm|p|cm|widget|jupyter)-[\w-]+|CodeMirror[\w-]*)")
_CLASS_ATTR = re.compile(r"""\bclass=["']([^"']*)["']""")
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_PARENS = re.compile(r"\([^()]*\)")
_NESTING = ("@media", "@supports", "@layer", "@container")
_INNER_ROOT = re.compile(r"\S\s*[\s>+~]\s*:root\b")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_CUSTOM = re.compile(r"(?<=[{;])\s*(--[\w-]+)\s*:[^;{}]*(?:;|(?=}))")


def _may_match(selectors: str, classes: set[str]) -> bool:
    for selector in selectors.split(","):
        while _PARENS.search(selector):
            selector = _PARENS.sub("", selector)
        if _INNER_ROOT.search(selector):  # ".jupyter-wrapper :root": the root has no ancestor
            continue
        if all(c in classes for c in _JUPYTER_CLASS.findall(selector)):
            return True
    return False


def _strip(css: str, classes: set[str]) -> str:
    out, i = [], 0
    while i < len(css):
        brace = css.find("{", i)
        if brace < 0:
            out.append(css[i:])
            break
        prelude = css[i:brace]
        statements, _, prelude = prelude.rpartition(";")  # @charset "UTF-8"; @import ...;
        if statements:
            out.append(statements + ";")
        depth, k = 1, brace + 1
        while depth and k < len(css):
            depth += {"{": 1, "}": -1}.get(css[k], 0)
            k += 1
        body = css[brace + 1 : k - 1]
        head = prelude.strip()
        if head.startswith(_NESTING):
            inner = _strip(body, classes)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@") or _may_match(head, classes):
            out.append(css[i + len(statements) + (1 if statements else 0) : k])
        i = k
    return "".join(out)


def strip_unused(html: str, extra_css: str | None = None) -> str:
    """The page with the unmatchable Jupyter rules and unread custom properties of its
    ``<style>`` blocks removed; ``extra_css`` is the text of the other stylesheets it loads
    (None if unknown: then every custom property is kept)."""
    classes = {c for attr in _CLASS_ATTR.findall(html) for c in attr.split()}

    def rules(m: re.Match[str]) -> str:
        css = m.group(2)
        if not _JUPYTER_CLASS.search(css):
            return m.group(0)
        return m.group(1) + _strip(_COMMENT.sub("", css), classes) + m.group(3)

    html = _STYLE.sub(rules, html)
    if extra_css is None:
        return html
    # what is still read once the rules are gone (a property read only by a removed rule goes)
    read = set(_VAR.findall(html)) | set(_VAR.findall(extra_css))

    def unread(m: re.Match[str]) -> str:
        return m.group(0) if m.group(1) in read else ""

    def properties(m: re.Match[str]) -> str:
        if not _JUPYTER_CLASS.search(m.group(2)):
            return m.group(0)
        return m.group(1) + _CUSTOM.sub(unread, m.group(2)) + m.group(3)

    return _STYLE.sub(properties, html)


_LINK = re.compile(r"""<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']([^"']+)["']""")


def linked_stylesheets(html: str, page: Path) -> str | None:
    """The text of every local stylesheet the built page links (None if one is missing)."""
    texts = []
    for href in _LINK.findall(html):
        path = (page.parent / href.split("?")[0]).resolve()
        if "://" in href or not path.is_file():
            return None
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)
