"""A companion notebook runs again only when its code (or what the code imports) changes."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from book import cache, notebook_exec
from book.notebooks import book_version, exercise_skeleton, install_cell

# Each run appends a line to runs.txt in the kernel's working directory: the count is the
# number of times the notebook was really executed.
COUNT = 'open("runs.txt", "a").write("ran\\n")\nprint(len(open("runs.txt").readlines()))'


def _notebook(prose: str, code: str = COUNT) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(prose, id="m1"),
        nbformat.v4.new_code_cell(code, id="c1"),
    ]
    return nbformat.writes(nb)


def _printed(text: str) -> str:
    cell = next(c for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code")
    return "".join(out.text for out in cell.outputs if out.output_type == "stream")


@pytest.fixture
def store(tmp_path: Path) -> cache.Store:
    return cache.open_store(tmp_path / "store", "digest")


def test_editing_prose_reuses_the_outputs(store: cache.Store, tmp_path: Path) -> None:
    first = notebook_exec.executed(_notebook("Before."), store, tmp_path)
    second = notebook_exec.executed(_notebook("After an edit."), store, tmp_path)
    assert _printed(first) == _printed(second) == "1\n"
    assert (tmp_path / "runs.txt").read_text().count("ran") == 1
    assert "After an edit." in second, "the new prose is in the executed copy"


def test_editing_code_runs_it_again(store: cache.Store, tmp_path: Path) -> None:
    notebook_exec.executed(_notebook("Same."), store, tmp_path)
    edited = notebook_exec.executed(_notebook("Same.", COUNT + "  # edited"), store, tmp_path)
    assert _printed(edited) == "2\n"


def test_new_inputs_digest_runs_it_again(tmp_path: Path) -> None:
    """The store's directory is the digest of nnbook/, book/ and the tools: a new one is empty."""
    for digest, expected in (("a", "1\n"), ("a", "1\n"), ("b", "2\n")):
        store = cache.open_store(tmp_path / "store", digest)
        assert _printed(notebook_exec.executed(_notebook("x"), store, tmp_path)) == expected


def test_a_raising_cell_names_the_notebook_and_is_not_stored(
    store: cache.Store, tmp_path: Path
) -> None:
    broken = _notebook("x", 'raise ValueError("deliberate 4411")')
    for _ in range(2):  # the second call runs again: nothing was stored
        with pytest.raises(notebook_exec.NotebookError, match=r"broken\.ipynb(.|\n)*4411"):
            notebook_exec.executed(broken, store, tmp_path, name="broken.ipynb")
    assert not store.directory.exists() or not any(store.directory.iterdir())


def test_outputs_are_deterministic(store: cache.Store, tmp_path: Path) -> None:
    """No timestamps: an unchanged notebook gives byte-identical executed copies."""
    fresh = notebook_exec.executed(_notebook("x", "print(6 * 7)"), store, tmp_path)
    reused = notebook_exec.executed(_notebook("x", "print(6 * 7)"), store, tmp_path)
    assert fresh == reused
    assert _printed(fresh) == "42\n"


def test_a_raising_cell_of_a_chapter_names_the_chapter_line(
    store: cache.Store, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A notebook made from a chapter keeps each block's line: the error points at the
    chapter, where the code is edited, and the kernel's own start-up log is not shown."""
    nb = nbformat.reads(_notebook("x", 'raise ValueError("deliberate 5521")'), as_version=4)
    nb.metadata["nnbook"] = {"generated_from": "docs/chapter.md"}
    nb.cells[1].metadata["nnbook"] = {"line": 42}
    with pytest.raises(notebook_exec.NotebookError) as raised:
        notebook_exec.executed(nbformat.writes(nb), store, tmp_path, name="chapter.ipynb")
    assert str(raised.value).startswith("docs/chapter.md:42: the block raised")
    assert "deliberate 5521" in str(raised.value)
    assert "without encryption" not in capfd.readouterr().err


def test_what_a_cell_prints_is_one_output_however_it_arrived(
    store: cache.Store, tmp_path: Path
) -> None:
    """Printing with pauses reaches the kernel's client in pieces: they are joined, so the page
    is the same on every run."""
    slow = "import time\nfor i in range(3):\n    print(i, flush=True)\n    time.sleep(0.3)"
    text = notebook_exec.executed(_notebook("x", slow), store, tmp_path)
    (cell,) = [c for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code"]
    assert [(o.output_type, o.text) for o in cell.outputs] == [("stream", "0\n1\n2\n")]


def _cells(*codes: str) -> str:
    """A notebook of these code cells, as the book writes one."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    nb.cells = [nbformat.v4.new_code_cell(code, id=f"c{i}") for i, code in enumerate(codes)]
    return nbformat.writes(nb)


def _with_install_cell(text: str) -> str:
    """The notebook ``text`` with the book's install cell first, as book.notebooks adds it."""
    nb = nbformat.reads(text, as_version=4)
    role = {"nnbook": {"role": notebook_exec.INSTALL_ROLE}}
    source = install_cell("", book_version())
    nb.cells.insert(0, nbformat.v4.new_code_cell(source, id="install", metadata=role))
    return nbformat.writes(nb)


BLOCKS = [
    ("x = 2\nprint('x is', x)", "x is 2\n"),
    ("y = x + 1", ""),
    ("print(y * 'ab')", "ababab\n"),
]


def test_the_builds_outputs_are_what_a_kernel_shows(store: cache.Store, tmp_path: Path) -> None:
    """A notebook whose cells are the chapter's blocks gets what the build's run printed,
    byte for byte what a kernel run gives (the cell that installs the package where it is
    missing, an empty exercise cell and the skeletons of two checkable ones included: a
    value's and a function's, which say "not done yet"); the blocks run after them (the
    exercises') are not its."""
    value, function = (exercise_skeleton(n) for n in ("4.3", "4.2"))
    text = _with_install_cell(_cells(*(code for code, _ in BLOCKS), "", value, function))
    printed = notebook_exec.reusable(text, [*BLOCKS, ("print('solution')", "solution\n")])
    assert printed is not None and printed[: len(BLOCKS) + 1] == ["", *(o for _, o in BLOCKS)]
    assert all(out.startswith("Exercise 4.") and "not done yet" in out for out in printed[-2:])
    kernel = notebook_exec.executed(text, store, cwd=tmp_path)
    assert notebook_exec.with_printed(text, printed) == kernel


@pytest.mark.parametrize(
    "last",
    ["print(y * 'ab')\ny", "display(y)", "import matplotlib.pyplot as plt\nplt.show()"],
    ids=["expression", "display", "plot"],
)
def test_a_kernel_runs_what_could_show_more_than_it_printed(last: str) -> None:
    blocks = [*BLOCKS[:2], (last, "ababab\n")]
    assert notebook_exec.reusable(_cells(*(code for code, _ in blocks)), blocks) is None


def test_a_notebook_that_is_not_the_blocks_is_run_in_a_kernel() -> None:
    changed = _cells("x = 3\nprint('x is', x)", *(code for code, _ in BLOCKS[1:]))
    assert notebook_exec.reusable(changed, BLOCKS) is None
    assert notebook_exec.reusable(_cells(*(code for code, _ in BLOCKS)), BLOCKS[:2]) is None
