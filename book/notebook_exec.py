"""Execute a companion notebook, or reuse its outputs when nothing they depend on changed.

A notebook's outputs depend on its code cells, in order, and on what that code imports and
reads — never on its markdown cells. mkdocs-jupyter's own cache is keyed on the notebook's
bytes, so a one-word prose edit of a chapter (which changes the chapter's notebook) re-ran the
whole notebook. Here the key is made of:

- the code cells' sources, in order, and the kernel's working directory;
- the inputs digest of :mod:`book.exec_cache` (every file of ``nnbook/`` and ``book/``, the
  versions of Python and of the tools that run the code), which names the store's directory:
  the same :class:`book.cache.Store`, under ``.cache/notebook-outputs/<digest>/``.

A hit copies the stored outputs into the notebook as it is now (its new prose included); a
miss runs it in a fresh kernel (nbclient, as mkdocs-jupyter would) and stores the outputs. A
cell that raises fails with the notebook and the cell named; nothing is stored.

The build runs the same code already, block by block in the chapter's session:
:func:`reusable` gives what those blocks printed when it is exactly what a kernel would show
(the same code, in order, and nothing a kernel would display besides what is printed), and
:func:`with_printed` puts it in the notebook without starting a kernel.

Usage::

    store = open_store(Path(".cache/notebook-outputs"), inputs_digest())
    text = executed(notebook_text, store, cwd=Path("docs/notebooks"), name="xor.ipynb")
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat  # its functions are untyped: their calls ignore [no-untyped-call]
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from book.cache import Store

__all__ = ["NotebookError", "execute", "executed", "outputs_key", "reusable", "with_printed"]

TIMEOUT_S = 600
INSTALL_ROLE = "install"
"""``metadata.nnbook.role`` of the cell that installs the package (book.notebooks.install_cell)."""
LANGUAGE_INFO = {  # what ipykernel reports of the Python running it
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": platform.python_version(),
}
# What a cell may show in a kernel besides what it prints: a plot or a displayed object.
_DISPLAYS = ("display(", "plt.show", ".show()", "IPython")


class NotebookError(RuntimeError):
    """A cell of a companion notebook raised while it was executed."""


def _code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _run_cells(notebook: Any) -> list[Any]:
    """The code cells a kernel runs: an empty one (an exercise's, for the reader) it skips."""
    return [cell for cell in _code_cells(notebook) if cell.source.strip()]


def _installs(cell: Any) -> bool:
    """Whether ``cell`` is the one that installs the package where it is missing
    (book.notebooks.install_cell): in the book's environment it prints nothing."""
    return bool(cell.metadata.get("nnbook", {}).get("role") == INSTALL_ROLE)


def outputs_key(notebook: Any, cwd: Path) -> str:
    """Key of a notebook's outputs in its store: its code, in order, and where it runs."""
    payload = {
        "code": [cell.source for cell in _code_cells(notebook)],
        "kernel": notebook.metadata.get("kernelspec", {}).get("name", "python3"),
        "cwd": str(cwd.resolve()),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _where(notebook: Any, name: str) -> str:
    """The chapter line of the cell that raised (``docs/xor.md:120``), else the notebook."""
    source = notebook.metadata.get("nnbook", {}).get("generated_from")
    for cell in _code_cells(notebook):
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            line = cell.metadata.get("nnbook", {}).get("line")
            if source and line:
                return f"{source}:{line}: the block raised when the notebook {name} ran it"
    return f"notebook {name}: a cell raised"


def execute(notebook: Any, cwd: Path, name: str) -> None:
    """Run every code cell of ``notebook`` in place, in a fresh kernel started in ``cwd``.

    The kernel's own log (ipykernel warns on every start that it talks over local TCP) is not
    shown; what the cells print and raise comes back through Jupyter's messages."""
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_S,
        allow_errors=False,
        record_timing=False,
        # one output per stream and cell, however the kernel chunked what it printed: the same
        # page on every run (a chunk boundary fell where the timing did)
        coalesce_streams=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    try:
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as error:
        raise NotebookError(f"{_where(notebook, name)}\n{error}") from None


def executed(text: str, store: Store, cwd: Path, name: str = "notebook") -> str:
    """The notebook ``text`` with its outputs, taken from ``store`` when its key is there."""
    notebook = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
    cells = _code_cells(notebook)
    key = outputs_key(notebook, cwd)
    hit = store.get(key)
    if hit is None:
        execute(notebook, cwd, name)
        outputs = [{"outputs": c.outputs, "execution_count": c.execution_count} for c in cells]
        kernel = notebook.metadata.get("language_info", {})
        store.put(key, json.dumps({"language_info": kernel, "cells": outputs}))
        return nbformat.writes(notebook)  # type: ignore[no-untyped-call]
    saved = json.loads(hit)
    notebook.metadata["language_info"] = nbformat.from_dict(  # type: ignore[no-untyped-call]
        saved["language_info"]
    )
    for cell, stored in zip(cells, saved["cells"], strict=True):
        cell.outputs = [
            nbformat.from_dict(output)  # type: ignore[no-untyped-call]
            for output in stored["outputs"]
        ]
        cell.execution_count = stored["execution_count"]
    return nbformat.writes(notebook)  # type: ignore[no-untyped-call]


def _shows_more_than_it_prints(code: str) -> bool:
    """Whether a kernel could show more of ``code`` than its printed text: a last expression
    whose value Jupyter displays (anything but a ``print(...)``), or a display call."""
    body = ast.parse(code).body
    last = body[-1] if body else None
    if isinstance(last, ast.Expr):
        call = last.value
        if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print"):
            return True
    return any(name in code for name in _DISPLAYS)


SKELETON = "from nnbook.exercises import check\n"
"""How an exercise's cell starts (book.notebooks.exercise_skeleton): code that imports what it
uses, so that what it prints does not depend on the cells before it."""


def skeleton_output(code: str) -> str:
    """What an exercise's skeleton cell prints in a kernel, computed without one: it runs alone
    (it is self-contained), and ``check``'s result displays nothing more than it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<exercise skeleton>", "exec"), {})
    return out.getvalue()


def reusable(text: str, printed: Sequence[tuple[str, str]]) -> list[str] | None:
    """What the code cells of the notebook ``text`` print, if they are, cell for cell, the
    first blocks of ``printed`` ((code, output) in the order the build ran them: blocks run
    after them, such as the exercises' at the end of a chapter, change nothing they printed)
    and none shows more than it prints, apart from the exercises' skeletons (whose output
    :func:`skeleton_output` gives) and the cell that installs the package (which prints
    nothing where the package is); else None."""
    cells = _run_cells(nbformat.reads(text, as_version=4))  # type: ignore[no-untyped-call]
    chapter = [c.source for c in cells if not _added(c)]
    first = printed[: len(chapter)]
    if [code.rstrip() for code in chapter] != [code.rstrip() for code, _ in first]:
        return None
    if any(_shows_more_than_it_prints(code) for code, _ in first):
        return None
    outputs = iter(output for _, output in first)
    return [_own_output(c) if _added(c) else next(outputs) for c in cells]


def _added(cell: Any) -> bool:
    """Whether ``cell`` is one the notebook adds to the chapter's code: the install cell or an
    exercise's skeleton."""
    return _installs(cell) or cell.source.startswith(SKELETON)


def _own_output(cell: Any) -> str:
    """What a cell the notebook adds to the chapter's code prints: nothing for the install
    cell (the build's environment has the package), a skeleton's own output."""
    return "" if _installs(cell) else skeleton_output(cell.source)


def with_printed(text: str, printed: Sequence[str]) -> str:
    """The notebook ``text`` with what each code cell printed (``printed``, in order) as a
    kernel shows it: one stdout stream per cell that printed, execution counts 1, 2, ...
    (empty cells: none)."""
    notebook = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
    notebook.metadata["language_info"] = nbformat.from_dict(LANGUAGE_INFO)  # type: ignore[no-untyped-call]
    cells = _run_cells(notebook)
    for count, (cell, out) in enumerate(zip(cells, printed, strict=True), start=1):
        cell.execution_count = count
        stream = nbformat.v4.new_output("stream", name="stdout", text=out)  # type: ignore[no-untyped-call]
        cell.outputs = [stream] if out else []
    return nbformat.writes(notebook)  # type: ignore[no-untyped-call]
