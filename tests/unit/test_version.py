"""``nnbook.__version__``: one source, the ``version`` of pyproject.toml, read from the installed
package's metadata."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nnbook

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_version_is_pyprojects() -> None:
    written = re.search(r'^version = "([^"]+)"$', PYPROJECT.read_text(encoding="utf-8"), re.M)
    assert written is not None
    assert nnbook.__version__ == written[1]


def test_a_source_tree_that_was_never_installed_still_imports() -> None:
    """Without metadata (the package folder copied into a project) the version says so."""
    code = (
        "import importlib.metadata as m\n"
        "def missing(name): raise m.PackageNotFoundError(name)\n"
        "m.version = missing\n"
        "import nnbook\n"
        "print(nnbook.__version__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0+unknown"
