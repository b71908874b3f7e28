"""MkDocs hook: the chapters' exercises (book/exercises.py) on the site.

- ``on_config``: an "All exercises" entry in the nav, after the last chapter with exercises.
- ``on_files``: the "All exercises" page, generated from the chapters at every build (never
  edited by hand), in the language being built; an exercise that breaks the markup fails the
  build, naming page and line.
- ``on_page_content``: each exercise gets the id ``exercise-<chapter>-<k>`` that the index
  links to (MkDocs checks those links like any other).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from book import exercises, i18n, notebooks
from book.chapter import nav_pages

INDEX = "exercises.md"
_ADMONITION = re.compile(
    r'<div class="admonition exercise(?P<classes>[ \w-]*)">(?P<title>\s*<p class="admonition-title">'
    r"(?P<number>\d+\.\d+) )"
)
_state: dict[str, list[str]] = {"chapters": []}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    docs = Path(config.docs_dir)
    order = nav_pages(config.nav or []) or [p.name for p in notebooks.chapter_paths(docs)]
    chapters = []
    for name in order:
        path = docs / name
        if name != INDEX and path.suffix == ".md" and path.is_file():
            text = path.read_text(encoding="utf-8")
            try:
                if exercises.find_exercises(text, name):
                    chapters.append(name)
            except exercises.ExerciseError as error:
                raise PluginError(str(error)) from None
    _state["chapters"] = chapters
    if chapters and config.nav is not None and INDEX not in nav_pages(config.nav):
        last = max(i for i, item in enumerate(config.nav) if set(nav_pages([item])) & set(chapters))
        config.nav.insert(last + 1, {"All exercises": INDEX})
    return config


@event_priority(-110)  # after mkdocs-static-i18n, which cannot take a generated file
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _state["chapters"]:
        language = i18n.current_language(config)
        content = exercises.index_markdown(Path(config.docs_dir), _state["chapters"], language)
        files.append(i18n.place(File.generated(config, INDEX, content=content), config, language))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    if page.file.src_uri == INDEX:
        page.edit_url = None  # generated: there is no file to edit
    return markdown


@event_priority(100)  # before print-site copies the page into the print page
def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    if i18n.source_name(page.file.src_uri) not in _state["chapters"]:
        return html

    def with_id(m: re.Match[str]) -> str:
        ident = exercises.anchor(m["number"])
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.add(ident)
        return f'<div class="admonition exercise{m["classes"]}" id="{ident}">{m["title"]}'

    return _ADMONITION.sub(with_id, html)
