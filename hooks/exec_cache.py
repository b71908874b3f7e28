"""MkDocs hook: run the chapters' ``python`` blocks through the cache of :mod:`book.exec_cache`.

- ``on_config``: give markdown-exec's ``python``/``py`` fences the cache's formatter (still
  markdown-exec's validator and ``base_format``; only the runner differs).
- ``on_pre_build``: start every session empty, hash the inputs, open ``.cache/exec/<digest>``
  beside ``mkdocs.yml``, and forget the imported ``nnbook``/``book`` modules so that a block
  run by ``mkdocs serve`` after an edit imports the code on disk.
- ``on_post_build``: log how many blocks ran and how many were reused.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from book import cache, exec_cache

log = logging.getLogger("mkdocs.hooks.exec_cache")
LANGUAGES = ("python", "py")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    ours = [f for f in fences if f.get("name") in LANGUAGES]
    if not ours:
        raise PluginError("exec_cache: no python fence; list the markdown-exec plugin first")
    for fence in ours:
        fence["format"] = exec_cache.formatter
    return config


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    root = cache.cache_dir(config.config_file_path) / "exec"
    digest = cache.inputs_digest()
    exec_cache.forget_imports()
    exec_cache.RUNNER.start_build(cache.open_store(root, digest))


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    runner = exec_cache.RUNNER
    log.info("exec cache: %d blocks reused, %d run", runner.reused, runner.executed)
