"""MkDocs hook: what mkdocs-static-i18n leaves to the book (the Korean edition, issue 15).

The plugin builds the English site, then, from its ``on_post_build``, the Korean one under
``ko/`` as a second build with the same configuration object. What stays English only:

- the API reference (two copies would give every API name two URLs; the Korean pages' links
  to API names, and to the reference itself, ``[...][api-reference]``, lead to the English one),
  the notebooks (the Korean pages link to them), the print page and the 404 page (one per
  site: ``overrides/404.html`` speaks both languages). The Korean build leaves them out of its
  nav and files and turns print-site and the 404 template off, and keeps the English API's
  ``objects.inv`` (mkdocstrings would write its own); its ``on_post_build`` puts all that
  back for the next English build (``mkdocs serve``).
- The interactive figures speak the page's language: on the Korean pages each widget's figure
  carries its labels from ``translations/ko/widgets.yml`` (``data-text``, read by
  ``javascripts/widgets.js``); a widget without them fails the build.
- The Korean site has a glossary page (``ko/glossary/``), made from
  ``translations/ko/glossary.yml`` at every build, last in its nav (its title and nav entry:
  ``translations/ko/ui.yml``).
- Two warnings of the plugin are expected and handled, so they are filtered (every other
  warning still fails ``mkdocs build --strict``): that Material's contextual language switcher
  does not work with instant navigation (``javascripts/language.js`` keeps the reader on the
  same page instead), and that it cannot place the notebook pages, which live outside
  ``docs/`` (``hooks/notebooks.py`` adds them after the plugin, to the English site only).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from book import i18n, notebooks
from book.chapter import nav_pages

ENGLISH_ONLY = ("reference.md", f"{notebooks.NOTEBOOK_DIR}/")
GLOSSARY_PAGE = "glossary.md"  # the Korean edition's, made from translations/ko/glossary.yml
INVENTORY = "objects.inv"  # mkdocstrings' index of the API, for other projects' docs
_EXPECTED = (
    "language switcher contextual link is not compatible with theme.features = navigation.instant",
    "Unhandled file case - notebooks/",
)
# The generators' loggers: MkDocs names its plugins' mkdocs.*, ProperDocs properdocs.*.
_GENERATORS = ("mkdocs", "properdocs")
_LOGGERS = tuple(
    f"{generator}.plugins.mkdocs_static_i18n{part}"
    for generator in _GENERATORS
    for part in (".reconfigure", "")
)
# Plugins that report every notebook converted, cached or evicted and every step of the second
# language's build: 40 lines a build that say nothing is wrong. Shown with `mkdocs -v`.
_CHATTY = tuple(
    f"{generator}.{name}"
    for generator in _GENERATORS
    for name in ("plugins.mkdocs_jupyter", "mkdocs-jupyter", "plugins.mkdocs_static_i18n")
)
_saved: dict[str, Any] = {}


class _Expected(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not any(text in record.getMessage() for text in _EXPECTED)


class _QuietPlugins(logging.Filter):
    """Drop the chatty plugins' information, unless the build is verbose (``-v``); their
    warnings and errors, and everything else, pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or not record.name.startswith(_CHATTY):
            return True
        return any(logging.getLogger(g).isEnabledFor(logging.DEBUG) for g in _GENERATORS)


def on_startup(**kwargs: Any) -> None:
    for name in _LOGGERS:
        logging.getLogger(name).addFilter(_Expected())
    for generator in _GENERATORS:  # on the generator's handlers: they see every plugin's record
        for handler in logging.getLogger(generator).handlers:
            if not any(isinstance(f, _QuietPlugins) for f in handler.filters):
                handler.addFilter(_QuietPlugins())


def _english_only(name: str) -> bool:
    return name.startswith(ENGLISH_ONLY)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    language = i18n.current_language(config)
    if language == i18n.DEFAULT:
        return config
    _saved["nav"] = copy.deepcopy(config.nav)
    if config.nav is not None:
        config.nav[:] = [
            item
            for item in config.nav
            if not all(_english_only(p) for p in nav_pages([item]) or [""])
        ]
    if config.nav is not None:
        config.nav.append({i18n.ui_text(language)["glossary.nav"]: GLOSSARY_PAGE})
    print_site = config.plugins.get("print-site")
    if print_site is not None:
        _saved["print-site"] = print_site.config["enabled"]
        print_site.config["enabled"] = False
    if "404.html" in config.theme.static_templates:
        config.theme.static_templates.remove("404.html")
        _saved["404"] = True
    inventory = Path(config.site_dir) / INVENTORY
    if inventory.is_file():  # the English API's, which the Korean build would overwrite
        _saved["inventory"] = inventory.read_bytes()
    return config


@event_priority(-110)  # after mkdocs-static-i18n has chosen each page's language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = i18n.current_language(config)
    if language != i18n.DEFAULT:
        for file in list(files):
            if _english_only(file.src_uri) and file.is_documentation_page():
                files.remove(file)
        glossary = File.generated(config, GLOSSARY_PAGE, content=i18n.glossary_markdown())
        files.append(i18n.place(glossary, config, language))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    language = i18n.current_language(config)
    if language == i18n.DEFAULT:
        return html
    try:
        return i18n.with_widget_text(html, i18n.widget_text(language))
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


@event_priority(-50)  # after the other hooks of the Korean build, which read the changes
def on_post_build(config: MkDocsConfig) -> None:
    if i18n.current_language(config) == i18n.DEFAULT:
        return
    if "nav" in _saved:
        config.nav = _saved.pop("nav")
    if "print-site" in _saved:
        config.plugins["print-site"].config["enabled"] = _saved.pop("print-site")
    if _saved.pop("404", False):
        config.theme.static_templates.add("404.html")
    if "inventory" in _saved:
        (Path(config.site_dir) / INVENTORY).write_bytes(_saved.pop("inventory"))
