"""Every executed block of the book runs again here, page by page, as it runs at build.

markdown-exec runs a page's ``python exec="on"`` blocks in one session per page, in page order,
from the directory holding ``mkdocs.yml``. This test does the same with the block finder that
also builds the notebooks (:func:`book.chapter.find_exec_blocks`), so the build, the notebooks
and the tests agree on what "an executed block" is. A traceback names the page and the line of
the page that raised.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from book.chapter import find_exec_blocks
from book.paths import DOCS

REPO = DOCS.parent
# The English pages: a translation's code is the same, byte for byte (tests/book/test_korean.py).
PAGES = [p for p in sorted(DOCS.glob("*.md")) if find_exec_blocks(p.read_text(encoding="utf-8"))]
PAGES = [p for p in PAGES if len(p.suffixes) == 1]


@pytest.fixture
def page_module(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[ModuleType]:
    """A fresh module for one page's session, registered in ``sys.modules`` as markdown-exec
    does (dataclasses and pickle look the module up), run from the repository root."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    module = ModuleType(f"nnbook_docs_{request.node.callspec.id.replace('-', '_')}")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    yield module
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_the_page_examples_run(page: Path, page_module: ModuleType) -> None:
    blocks = find_exec_blocks(page.read_text(encoding="utf-8"))
    for block in blocks:
        # Pad with blank lines so that a traceback's line numbers are the page's own.
        code = compile("\n" * block.line + block.code, str(page.relative_to(REPO)), "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, page_module.__dict__)
    assert blocks
