"""MkDocs hook: bring ``docs/figures/`` up to date before every build.

Runs ``python -m book.figures`` (incremental: it redraws only the figures whose inputs changed)
with the interpreter running MkDocs. It runs in a child process, not as a call, because
``mkdocs serve`` lives for hours: a call would draw with the ``nnbook`` and figure code it
imported at start-up, not the code just saved. A failure stops the build.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.figures")


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    start = time.perf_counter()
    env = dict(os.environ, MPLBACKEND="Agg")
    command = [sys.executable, "-m", "book.figures"]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise PluginError(
            f"python -m book.figures failed with exit code {proc.returncode}:\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    log.info("figures: up to date in %.1f s", time.perf_counter() - start)
