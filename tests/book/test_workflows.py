"""The GitHub workflows are hard to hijack: zizmor, offline, finds nothing of medium or high
severity (actions pinned to a commit, no persisted credentials, the least permissions)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from book.paths import REPO

ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"


def test_zizmor_finds_nothing_of_medium_or_high_severity() -> None:
    run = subprocess.run(
        [ZIZMOR, "--offline", "--min-severity", "medium", str(REPO / ".github" / "workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it() -> None:
    """What zizmor's pin audit asks, and the comment a reader needs to update a pin."""
    for workflow in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                action = line.split("uses:", 1)[1].strip()
                assert (
                    "@" in action
                    and len(action.split("@")[1].split()[0]) == 40
                    and action.split("#", 1)[-1].strip().startswith("v")
                ), f"{workflow.name}: {line.strip()}"
