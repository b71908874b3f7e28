"""The book's one MkDocs hook: MkDocs' events to the steps of a :class:`book.site.Build`, kept on
the configuration as a stack (the Korean build runs inside the English one's on_post_build)."""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs_jupyter.plugin import NotebookFile
from mkdocs_print_site_plugin import urls

from book import i18n, notebooks
from book.site import Build, content

BUILDS = "nnbook_builds"  # the builds in progress, on the configuration


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n_plugin, path = config.plugins.get("i18n"), Path(config.config_file_path or "mkdocs.yml")
    language = getattr(i18n_plugin, "current_language", None) or i18n.DEFAULT  # being built
    stack = [] if language == i18n.DEFAULT else config[BUILDS]
    serving = urlsplit(config.site_url or "").netloc == str(config.dev_addr)
    outer = stack[0] if stack else None
    build = Build(path, Path(config.docs_dir), Path(config.site_dir), language, serving, outer)
    config[BUILDS], build.error = [*stack, build], PluginError
    plugins = {name: getattr(plugin, "config", {}) for name, plugin in config.plugins.items()}
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    settings = (plugins, fences, config.extra_css)
    build.configure(config.nav if config.nav is not None else [], *settings)
    print_site = config.plugins.get("print-site")
    if build.print_page is not None and print_site is not None:
        print_site.on_config(config)  # again, with the place and title this build gave it
    urls.update_anchor_ids = build.print_anchor_ids(urls.update_anchor_ids)  # through a cache
    build.pre_build()
    return config


@event_priority(-110)  # after mkdocs-static-i18n's, which drops the files it cannot place
def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = config[BUILDS][-1]
    for file in [f for f in files if build.dropped(f.src_uri)]:
        files.remove(file)
    for name, copy in build.notebook_pages().items():  # mkdocs-jupyter's wrapper, from the cache
        file = File(name, str(copy.parents[1]), config.site_dir, config.use_directory_urls)
        files.append(NotebookFile(file, **config))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    build, name = config[BUILDS][-1], page.file.src_uri
    page.edit_url = build.edit_url(name, config.repo_url, config.edit_uri, page.edit_url)
    return build.page_markdown(name, page.url, markdown, page.file.content_string)


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    html = config[BUILDS][-1].page_content(page.file.src_uri, page.url, html)
    if page.file.src_uri.endswith(".ipynb"):  # out of search: they repeat the chapters
        page.meta.setdefault("search", {})["exclude"] = True
        page.toc = get_toc(content.toc_tokens(html))
    return html


@event_priority(-110)  # after mkdocs-static-i18n's, which builds the Korean site
def on_post_build(config: MkDocsConfig) -> None:
    config[BUILDS].pop().post_build()


def on_serve(server: Any, config: MkDocsConfig, **kwargs: Any) -> Any:
    """The notebooks follow the chapters once the server stops (a write rebuilds the site)."""
    site_url = notebooks.site_url_from_config(Path(config.config_file_path or "mkdocs.yml"))
    weakref.finalize(server, notebooks.sync, Path(config.docs_dir), site_url)
    return server
