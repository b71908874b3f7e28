"""The README's example runs and prints what its comment says."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_readme_example_prints_what_it_says() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    usage = text[text.index("## Using the package") :]
    code = re.search(r"```python\n(.*?)```", usage, re.DOTALL).group(1)
    said = re.search(r"print\(.*\)  # (.*)\n", code).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    assert out.getvalue().strip() == said
