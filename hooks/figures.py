"""MkDocs hook: bring ``docs/figures/`` up to date before every build.

Runs ``scripts/build_figures.py`` (incremental: it only redraws figures whose inputs changed)
with the interpreter running MkDocs, from the repository root. A failure stops the build.
If the script does not exist yet, nothing happens.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.figures")
REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "build_figures.py"


def on_pre_build(config: MkDocsConfig, **kwargs: Any) -> None:
    if not SCRIPT.is_file():
        log.debug("figures: %s does not exist, skipping", SCRIPT.relative_to(REPO))
        return
    start = time.perf_counter()
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise PluginError(
            f"scripts/build_figures.py failed with exit code {proc.returncode}:\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    log.info("figures: build_figures.py done in %.1f s", time.perf_counter() - start)
