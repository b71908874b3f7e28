"""The README's examples run and print what their comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("section", ["## Using the package", "### Checking your exercises"])
def test_the_readme_example_prints_what_it_says(section: str) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    usage = text[text.index(section) :]
    code = re.search(r"```python\n(.*?)```", usage, re.DOTALL).group(1)
    said = re.search(r"print\(.*\)  # (.*)\n", code).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    assert out.getvalue().strip() == said
