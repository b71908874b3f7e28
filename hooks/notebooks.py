"""MkDocs hook: companion notebooks generated from the chapters, never copied by hand.

- ``on_config``: generate every chapter's notebook from its executed blocks (see
  :mod:`book.notebooks`), write it to ``docs/notebooks/<page>.ipynb`` (committed; unchanged
  notebooks are not rewritten), execute it through :mod:`book.notebook_exec` (outputs reused
  while its code and the sources it imports are unchanged, so a prose edit runs nothing) into
  ``.cache/notebook-pages/``, and add a "Notebooks" nav section just before the API reference.
  ``mkdocs serve`` leaves ``docs/notebooks`` alone until it stops: a write there would make it
  rebuild the site a second time after every save.
- ``on_files``: the site's notebook pages are rendered from the executed copies (mkdocs-jupyter
  only converts them, ``execute: false``), and ``on_post_build`` publishes the notebooks
  themselves, without outputs, as the download beside each notebook page.
- ``on_page_markdown``: put a "run this chapter as a notebook" box under each chapter's title,
  and wrap every top-level executed block in ``<div class="nnbook-exec">`` so the browser test
  can check that each block rendered (and none rendered a traceback).
- ``on_page_content``: on notebook pages, turn links to the published site back into relative
  links (the downloaded notebook keeps absolute ones), drop the CDN script tags nbconvert
  emits, rebuild the table of contents from the headings' real ids (mkdocs-jupyter derives
  it from a markdown export that drops inline code, so some of its anchors do not exist), and
  keep the pages out of the search index (they repeat the chapters).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, TypedDict

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs_jupyter.plugin import NotebookFile

from book import cache, i18n, notebook_exec, notebooks
from book.chapter import find_fences, nav_pages, page_title

log = logging.getLogger("mkdocs.hooks.notebooks")
_state: dict[str, Any] = {"chapters": {}}


def _site_url(config: MkDocsConfig) -> str:
    """The public site_url written in mkdocs.yml: ``mkdocs serve`` replaces config.site_url by
    its own address, which must not leak into the committed notebooks."""
    path = config.config_file_path
    if path and Path(path).is_file():
        return notebooks.site_url_from_config(Path(path))
    return notebooks.DEFAULT_SITE_URL


def _nav_position(nav: list[Any], target: str) -> int:
    for i, item in enumerate(nav):
        values = item.values() if isinstance(item, dict) else [item]
        if target in values:
            return i
    return len(nav)


def on_startup(command: str, **kwargs: Any) -> None:
    _state["serving"] = command == "serve"


def _execute(config: MkDocsConfig, expected: dict[Path, str]) -> dict[str, Path]:
    """Executed copies of the notebooks: notebook stem -> path of the copy."""
    root = cache.cache_dir(config.config_file_path)
    store = cache.open_store(root / "notebook-outputs", cache.inputs_digest())
    pages = root / "notebook-pages" / notebooks.NOTEBOOK_DIR
    copies = {}
    for path, text in expected.items():
        copy = pages / path.name
        try:
            out = notebook_exec.executed(text, store, cwd=path.parent, name=path.name)
        except notebook_exec.NotebookError as error:
            raise PluginError(str(error)) from None
        cache.write_if_changed(copy, out)
        copies[path.stem] = copy
    return copies


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    english = i18n.current_language(config) == i18n.DEFAULT
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:
        plugin.config["cache_dir"] = str(
            cache.cache_dir(config.config_file_path) / "mkdocs-jupyter"
        )
        # mkdocs-jupyter keeps rendered notebook pages and evicts, after a build, those the build
        # did not use: the Korean build uses none and must not empty the cache.
        plugin.config["cache"] = english
    if not english:
        return config  # the notebooks are English (hooks/i18n.py keeps them out of other sites)
    docs = Path(config.docs_dir)
    site_url = _site_url(config)
    expected = notebooks.expected_notebooks(docs, site_url)
    if not _state.get("serving"):
        for path in notebooks.sync(docs, site_url, expected=expected):
            log.info("notebooks: updated %s", Path(path).relative_to(docs))
    with_code = notebooks.chapter_notebooks(docs)  # chapter file name -> notebook stem

    nav = config.nav
    chapters: dict[str, str] = {}
    if nav is not None:
        order = [p for p in nav_pages(nav) if p in with_code]
        order += sorted(p for p in with_code if p not in order)  # chapters not in the nav
        chapters = {md: with_code[md] for md in order}
        entries = [f"{notebooks.NOTEBOOK_DIR}/{stem}.ipynb" for stem in chapters.values()]
        already = any(isinstance(i, dict) and "Notebooks" in i for i in nav)
        if entries and not already:
            nav.insert(_nav_position(nav, "reference.md"), {"Notebooks": entries})
    else:
        chapters = with_code
    _state["chapters"] = chapters
    _state["notebook_chapter"] = {stem: md for md, stem in chapters.items()}
    _state["site_url"] = site_url
    _state["docs"] = docs
    _state["notebooks"] = {path.stem: text for path, text in expected.items()}
    _state["executed"] = _execute(config, expected)
    return config


@event_priority(-110)  # after mkdocs-static-i18n, which drops pages from outside docs/
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Notebook pages come from the executed copies, whatever ``docs/notebooks`` holds; the
    Korean site has none (the notebooks are English)."""
    prefix = f"{notebooks.NOTEBOOK_DIR}/"
    for file in list(files):
        if file.src_uri.startswith(prefix) and file.src_uri.endswith(".ipynb"):
            files.remove(file)
    if i18n.current_language(config) != i18n.DEFAULT:
        return files
    for stem, copy in _state.get("executed", {}).items():
        # a File rooted in the cache (mkdocs-jupyter's wrapper cannot read File.generated ones),
        # wrapped as mkdocs-jupyter wraps notebooks, whose on_files has run already
        src_dir = copy.parents[1]
        file = File(
            f"{prefix}{stem}.ipynb", str(src_dir), config.site_dir, config.use_directory_urls
        )
        files.append(NotebookFile(file, **config))
    return files


def on_shutdown() -> None:
    """``mkdocs serve`` stopped: bring the committed notebooks up to date with the chapters."""
    if _state.get("serving") and "docs" in _state:
        notebooks.sync(_state["docs"], _state["site_url"])


def on_post_build(config: MkDocsConfig) -> None:
    """The download beside each notebook page: the notebook as committed, without outputs."""
    if i18n.current_language(config) != i18n.DEFAULT:
        return
    for stem, text in _state.get("notebooks", {}).items():
        target = Path(config.site_dir) / notebooks.NOTEBOOK_DIR / stem / f"{stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


_H1_LINE = re.compile(r"^#[ \t]+.+$", re.MULTILINE)


_BOX_TEXT = {
    "notebook.title": "Run this chapter yourself",
    "notebook.intro": "Every executed block of this page, in order, is in a Jupyter notebook "
    "generated from it:",
    "notebook.download": "Download {stem}.ipynb",
    "notebook.read": "Read the notebook, executed",
}
"""The box's English text; other languages': their ``ui.yml`` (:func:`book.i18n.ui_text`)."""


def notebook_box(page: Page, stem: str, language: str = i18n.DEFAULT) -> str:
    """The admonition offering the companion notebook (raw links: MkDocs must not rewrite);
    the Korean pages (``ko/...``) link to the English notebooks."""
    download = get_relative_url(f"notebooks/{stem}/{stem}.ipynb", page.url or ".")
    rendered = get_relative_url(f"notebooks/{stem}/", page.url or ".")
    text = _BOX_TEXT if language == i18n.DEFAULT else i18n.ui_text(language)
    title, intro = text["notebook.title"], text["notebook.intro"]
    download_text, read_text = text["notebook.download"], text["notebook.read"]
    return (
        f'!!! example nnbook-notebook "{title}"\n'
        f"    {intro}\n"
        f'    <a class="md-button md-button--primary" href="{download}" download>'
        f"{download_text.format(stem=stem)}</a>\n"
        f'    <a class="md-button" href="{rendered}">{read_text}</a>\n'
    )


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


def notebook_page_box(page: Page, chapter: str, config: MkDocsConfig) -> str:
    """Top of a rendered notebook page: where it comes from, and the download button."""
    stem = Path(page.file.src_uri).stem
    back = get_relative_url(notebooks.page_url(chapter) or ".", page.url)
    source = Path(config.docs_dir) / chapter
    title = page_title(source.read_text(encoding="utf-8"), chapter) if source.is_file() else chapter
    return (
        '<div class="admonition example nnbook-notebook">\n'
        '<p class="admonition-title">Companion notebook</p>\n'
        f'<p>Generated from the chapter <a href="{back}">{title}</a> and executed when the '
        "site was built; edit the chapter, not the notebook.</p>\n"
        f'<p><a class="md-button md-button--primary" href="{stem}.ipynb" download>'
        f"Download {stem}.ipynb</a></p>\n</div>\n"
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return markdown
    markdown = mark_exec_blocks(markdown)
    stem = _state["chapters"].get(i18n.source_name(page.file.src_uri))
    if stem is None:
        return markdown
    box = notebook_box(page, stem, i18n.current_language(config))
    body_start = 0
    m = _H1_LINE.search(markdown)
    if m:
        body_start = m.end() + 1
    return markdown[:body_start] + "\n" + box + "\n" + markdown[body_start:]


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


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    for pattern in _NBCONVERT_CDN:
        html = pattern.sub("", html)
    site_url = _state.get("site_url") or _site_url(config)
    root = "../" * page.url.count("/") or "./"
    html = re.sub(r'(\b(?:href|src)=")' + re.escape(site_url), lambda m: m.group(1) + root, html)
    chapter = _state.get("notebook_chapter", {}).get(Path(page.file.src_uri).stem)
    if chapter is not None:
        box = notebook_page_box(page, chapter, config)
        end_of_title = html.find("</h1>")
        cut = end_of_title + len("</h1>") if end_of_title >= 0 else 0
        html = html[:cut] + box + html[cut:]
        if config.repo_url and config.edit_uri:
            page.edit_url = f"{config.repo_url.rstrip('/')}/{config.edit_uri.strip('/')}/{chapter}"
    page.meta.setdefault("search", {})["exclude"] = True
    page.toc = get_toc(toc_tokens(html))
    return html


class TocToken(TypedDict):
    """A heading in Python-Markdown's TOC tokens, the format that mkdocs' ``get_toc`` reads."""

    level: int
    id: str
    name: str
    children: list[TocToken]


_HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.DOTALL)


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
