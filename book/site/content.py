"""A page's rendered body (HTML → HTML), before the theme's template is put around it.

- :func:`notebook_page`: a notebook page without nbconvert's CDN scripts, with links to the
  published site made relative (the downloaded notebook keeps absolute ones) and the box that
  says which chapter it comes from.
- :func:`toc_tokens`: the table of contents from the headings' real ids (mkdocs-jupyter
  derives it from a Markdown export that drops inline code, so some of its anchors are wrong).
"""

from __future__ import annotations

import re
from typing import TypedDict

from book.site.markdown import NOTEBOOK_TEXT, colab_button, relative_url

_NBCONVERT_CDN = [
    # nbconvert's MathJax 2 loader (src is empty or a CDN) and its config block
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL),
    # nbconvert's mermaid loader, which imports from a CDN when a diagram is present
    re.compile(
        r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", '
        r"async \(\) => \{\s*const diagrams.*?</script>",
        re.DOTALL,
    ),
]
_HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.DOTALL)


def notebook_page_box(
    stem: str, chapter_url: str, title: str, page_url: str, colab: str | None = None
) -> str:
    """Top of a notebook page (English only): the chapter it comes from, the download button
    and the button that opens it in Colab at the address ``colab`` (if any)."""
    back = relative_url(chapter_url or ".", page_url)
    colab_link = f"\n{colab_button(colab, NOTEBOOK_TEXT['notebook.colab'])}" if colab else ""
    return (
        '<div class="admonition example nnbook-notebook">\n'
        '<p class="admonition-title">Companion notebook</p>\n'
        f'<p>Generated from the chapter <a href="{back}">{title}</a> and executed when the '
        "site was built; edit the chapter, not the notebook.</p>\n"
        f'<p><a class="md-button md-button--primary" href="{stem}.ipynb" download>'
        f"Download {stem}.ipynb</a>{colab_link}</p>\n</div>\n"
    )


def notebook_page(html: str, site_url: str, page_url: str, box: str | None) -> str:
    """The notebook page at ``page_url``: no CDN scripts, the site's own links relative, and
    ``box`` (if any) under its title."""
    for pattern in _NBCONVERT_CDN:
        html = pattern.sub("", html)
    root = "../" * page_url.count("/") or "./"
    html = re.sub(r'(\b(?:href|src)=")' + re.escape(site_url), lambda m: m.group(1) + root, html)
    if box is None:
        return html
    end_of_title = html.find("</h1>")
    cut = end_of_title + len("</h1>") if end_of_title >= 0 else 0
    return html[:cut] + box + html[cut:]


class TocToken(TypedDict):
    """A heading in Python-Markdown's TOC tokens, the format generators build a TOC from."""

    level: int
    id: str
    name: str
    children: list[TocToken]


def toc_tokens(html: str) -> list[TocToken]:
    """Nested TOC tokens (Python-Markdown's format) from the headings of rendered HTML."""
    root: TocToken = {"level": 0, "id": "", "name": "", "children": []}
    stack = [root]
    for level_s, anchor, inner in _HEADING.findall(html):
        inner = re.sub(r'<a class="anchor-link".*?</a>', "", inner, flags=re.DOTALL)
        name = re.sub(r"<[^>]+>", "", inner).strip()
        token: TocToken = {"level": int(level_s), "id": anchor, "name": name, "children": []}
        while stack[-1]["level"] >= token["level"]:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return root["children"]
