"""A page's Markdown before it is rendered: checked, and given what the book adds to it.

- :func:`lint_formulas`: a formula broken by a line Python-Markdown reads as a block fails
  the build, naming the file and line (it would show as raw TeX; :mod:`book.mdlint`).
- :func:`mark_exec_blocks`: every top-level executed block wrapped in ``div.nnbook-exec``, so
  that the browser tests can check that each block rendered and none printed a traceback.
- :func:`with_notebook_box`: the "run this chapter yourself" box under the chapter's title.
"""

from __future__ import annotations

import posixpath
import re

from book import i18n, mdlint
from book.chapter import find_fences

_H1_LINE = re.compile(r"^#[ \t]+.+$", re.MULTILINE)
NOTEBOOK_TEXT = {
    "notebook.title": "Run this chapter yourself",
    "notebook.intro": "Every executed block of this page, in order, is in a Jupyter notebook "
    "generated from it:",
    "notebook.download": "Download {stem}.ipynb",
    "notebook.read": "Read the notebook, executed",
    "notebook.colab": "Open in Colab",
}
"""The box's English text; other languages': their ``ui.yml`` (:func:`book.i18n.ui_text`)."""


def relative_url(url: str, page: str) -> str:
    """The site path ``url`` as a link from the page whose URL is ``page`` (a directory)."""
    link = posixpath.relpath("/" + url, "/" + (page or "."))
    return link + "/" if url.endswith("/") else link


def lint_formulas(source: str, name: str) -> str | None:
    """What breaks a formula of the page ``docs/name`` (its Markdown ``source``), or None."""
    problems = mdlint.lint(source)
    if not problems:
        return None
    lines = [f"docs/{name}:{p.line}: {p.message}" for p in problems]
    return "a formula is broken by a line Markdown reads as a block:\n" + "\n".join(lines)


def mark_exec_blocks(markdown: str) -> str:
    """Wrap each top-level executed block (fence and output) in a ``div.nnbook-exec``."""
    out, pos = [], 0
    for fence in find_fences(markdown):
        if not fence.executed or fence.indent:
            continue  # blocks nested in admonitions/tabs are left alone
        out.append(markdown[pos : fence.start])
        block = markdown[fence.start : fence.end]
        out.append(
            f'<div class="nnbook-exec" data-line="{fence.line}" markdown="1">\n\n'
            f"{block.rstrip()}\n\n</div>\n"
        )
        pos = fence.end
    out.append(markdown[pos:])
    return "".join(out)


def notebook_box(
    page_url: str, stem: str, language: str = i18n.DEFAULT, colab: str | None = None
) -> str:
    """The admonition offering the companion notebook (raw links, which the generator does not
    rewrite), and the button that opens it in Colab at the address ``colab`` (if any); the
    Korean pages (``ko/...``) link to the English notebooks."""
    download = relative_url(f"notebooks/{stem}/{stem}.ipynb", page_url)
    rendered = relative_url(f"notebooks/{stem}/", page_url)
    text = NOTEBOOK_TEXT if language == i18n.DEFAULT else i18n.ui_text(language)
    title, intro = text["notebook.title"], text["notebook.intro"]
    download_text, read_text = text["notebook.download"], text["notebook.read"]
    return (
        f'!!! example nnbook-notebook "{title}"\n'
        f"    {intro}\n\n"  # the buttons in a paragraph of their own, under the text
        f'    <a class="md-button md-button--primary" href="{download}" download>'
        f"{download_text.format(stem=stem)}</a>\n"
        f'    <a class="md-button" href="{rendered}">{read_text}</a>\n'
        + (f"    {colab_button(colab, text['notebook.colab'])}\n" if colab else "")
    )


def colab_button(url: str, label: str) -> str:
    """The button that opens a notebook in Colab, from the notebook on GitHub."""
    return f'<a class="md-button nnbook-colab" href="{url}">{label}</a>'


def with_notebook_box(markdown: str, box: str) -> str:
    """The page with ``box`` just below its title (at the top if it has none)."""
    m = _H1_LINE.search(markdown)
    body_start = m.end() + 1 if m else 0
    return markdown[:body_start] + "\n" + box + "\n" + markdown[body_start:]
