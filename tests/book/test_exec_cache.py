"""The cache of executed blocks (book/exec_cache.py) reruns exactly what changed.

Most tests render a small page with Python-Markdown and the same fence the site uses, and count
the blocks the runner executed; one test builds a small MkDocs project twice.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from markdown_exec import ExecutionError, MarkdownConverter, validator

from book import cache, exec_cache
from book.paths import REPO

PAGE = """\
# A page

Some prose.

```python exec="on" session="page"
scale = 3
print("first block")
```

More prose.

```python exec="on" session="page"
print("scaled:", scale * 14)
```

```python exec="on" session="page"
print("last:", scale + 1)
```
"""


def render(text: str, runner: exec_cache.Runner, store: cache.Store) -> str:
    """Render ``text`` as a build does: every session starts empty."""
    runner.start_build(store)
    MarkdownConverter.counter = 0  # markdown-exec resets it after each MkDocs build
    fence = {"name": "python", "class": "python", "validator": validator}
    fence["format"] = runner.format
    md = markdown.Markdown(
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [fence]}},
    )
    return md.convert(text)


@pytest.fixture
def runner() -> exec_cache.Runner:
    return exec_cache.Runner()


def test_prune_removes_every_output_but_the_kept_ones(tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "store")
    store.prune({"a"})  # nothing stored yet: nothing to do
    for key in "abc":
        store.put(key, f"output {key}")
    store.prune({"a", "c", "never stored"})
    assert [store.get(k) for k in "abc"] == ["output a", None, "output c"]
    assert sorted(p.name for p in store.directory.iterdir()) == ["a", "c"]


def test_cold_then_warm_gives_the_same_html(runner: exec_cache.Runner, tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "store")
    cold = render(PAGE, runner, store)
    assert (runner.executed, runner.reused) == (3, 0)
    assert "scaled: 42" in cold and "last: 4" in cold
    warm = render(PAGE, runner, store)
    assert (runner.executed, runner.reused) == (0, 3)
    assert warm == cold


def test_editing_prose_does_not_rerun(runner: exec_cache.Runner, tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "store")
    render(PAGE, runner, store)
    edited = PAGE.replace("More prose.", "More prose, reworded, with a [link](#a-page).")
    html = render(edited, runner, store)
    assert (runner.executed, runner.reused) == (0, 3)
    assert html == render(edited, exec_cache.Runner(), cache.Store(tmp_path / "fresh"))


def test_editing_a_block_reruns_it_and_later_blocks_on_the_replayed_state(
    runner: exec_cache.Runner, tmp_path: Path
) -> None:
    store = cache.Store(tmp_path / "store")
    render(PAGE, runner, store)
    edited = PAGE.replace("scale * 14", "scale * 15")
    html = render(edited, runner, store)
    # block 1 is reused, then replayed to rebuild `scale`; blocks 2 and 3 run
    assert runner.reused == 1
    assert runner.executed == 3
    assert "scaled: 45" in html and "last: 4" in html
    assert "scaled: 42" not in html


def test_editing_the_first_block_reruns_every_block(
    runner: exec_cache.Runner, tmp_path: Path
) -> None:
    store = cache.Store(tmp_path / "store")
    render(PAGE, runner, store)
    html = render(PAGE.replace("scale = 3", "scale = 4"), runner, store)
    assert (runner.executed, runner.reused) == (3, 0)
    assert "scaled: 56" in html and "last: 5" in html


def test_a_raising_block_is_not_stored_nor_what_follows_it(
    runner: exec_cache.Runner, tmp_path: Path
) -> None:
    store = cache.Store(tmp_path / "store")
    page = PAGE.replace('print("scaled:", scale * 14)', 'raise RuntimeError("deliberate 4417")')
    for _ in range(2):
        html = render(page, runner, store)
        assert "deliberate 4417" in html and "Traceback" in html
    # only the first block was ever stored; the second build reused it, replayed it to rebuild
    # the session, and ran the failing block and the one after it again
    assert runner.reused == 1
    assert runner.executed == 3
    assert len(list(store.directory.iterdir())) == 1


def test_a_raising_block_raises_execution_error(runner: exec_cache.Runner, tmp_path: Path) -> None:
    runner.start_build(cache.Store(tmp_path))
    with pytest.raises(ExecutionError, match="deliberate 9921"):
        runner.run('raise ValueError("deliberate 9921")', session="s")
    assert not list(tmp_path.iterdir())


def _package(root: Path) -> None:
    (root / "demo_pkg").mkdir(parents=True)
    (root / "demo_pkg" / "__init__.py").write_text("FACTOR = 2\n", encoding="utf-8")
    (root / "demo_pkg" / "table.json").write_text('{"n": 5}\n', encoding="utf-8")


DEMO_PAGE = """\
```python exec="on" session="demo"
import json
from pathlib import Path

import demo_pkg

n = json.loads((Path(demo_pkg.__file__).parent / "table.json").read_text())["n"]
print("product:", demo_pkg.FACTOR * n)
```
"""


def _build(root: Path, runner: exec_cache.Runner) -> str:
    """What the hook does when a build starts, for sources under ``root/demo_pkg``."""
    digest = cache.inputs_digest(root, ["demo_pkg"])
    exec_cache.forget_imports(["demo_pkg"], root)
    store = cache.open_store(root / ".cache" / "exec", digest)
    return render(DEMO_PAGE, runner, store)


def test_editing_a_module_or_a_data_file_reruns_the_page(
    runner: exec_cache.Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "product: 10" in _build(tmp_path, runner) and runner.executed == 1
    assert "product: 10" in _build(tmp_path, runner) and runner.reused == 1

    (tmp_path / "demo_pkg" / "__init__.py").write_text("FACTOR = 3\n", encoding="utf-8")
    assert "product: 15" in _build(tmp_path, runner) and runner.executed == 1

    (tmp_path / "demo_pkg" / "table.json").write_text('{"n": 7}\n', encoding="utf-8")
    assert "product: 21" in _build(tmp_path, runner) and runner.executed == 1
    # one digest directory: the outputs of older sources are gone
    assert len(list((tmp_path / ".cache" / "exec").iterdir())) == 1


def test_the_digest_covers_the_sources_the_data_and_the_tools(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {p.relative_to(REPO).as_posix() for p in cache.source_files()}
    assert {"nnbook/layers.py", "book/benchmark/run.py", "book/benchmark/results.json"} <= files
    assert not any("__pycache__" in f for f in files)

    for d in cache.SOURCE_DIRS:
        shutil.copytree(REPO / d, tmp_path / d, ignore=shutil.ignore_patterns("__pycache__"))
    digest = cache.inputs_digest(tmp_path)
    assert cache.inputs_digest(tmp_path) == digest
    for edited in ("nnbook/losses.py", "book/benchmark/trainers.py", "book/benchmark/results.json"):
        path = tmp_path / edited
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert cache.inputs_digest(tmp_path) != digest, f"{edited} is not in the key"
        path.write_bytes(original)
    assert cache.inputs_digest(tmp_path) == digest

    assert {"numpy", "scikit-learn", "matplotlib", "markdown-exec"} <= set(cache.TOOLS)
    monkeypatch.setattr(cache, "_version", lambda tool: "0.0-other")
    assert cache.inputs_digest(tmp_path) != digest


# --------------------------------------------------------------------------------------------
# A real MkDocs build, twice
# --------------------------------------------------------------------------------------------

GOOD = """\
# Good

```python exec="on" session="good" source="above" result="text"
import numpy as np
print("sum", np.arange(5).sum())
```

## A heading

```python exec="on" session="good" html="1"
print("<p>kept 7301</p>")
```
"""

BAD = """\
# Bad

```python exec="on" session="bad"
raise RuntimeError("deliberate failure 6630")
```
"""


def test_a_second_build_reuses_outputs_byte_for_byte_and_still_fails_on_a_raise(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(GOOD, encoding="utf-8")
    (docs / "bad.md").write_text(BAD, encoding="utf-8")
    config = {
        "site_name": "cache",
        "docs_dir": str(docs),
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["pymdownx.superfences"],
        "plugins": [{"markdown-exec": {"languages": ["python", "py"]}}],
        "hooks": [str(REPO / "hooks" / "adapter.py")],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")

    pages = []
    for n in range(2):
        site = tmp_path / f"site{n}"
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
        proc = subprocess.run(
            [*command, "--config-file", str(path)],
            cwd=tmp_path,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        code, output = proc.returncode, proc.stdout + proc.stderr
        assert code != 0, f"build {n}: a raising block did not fail the strict build:\n{output}"
        assert "deliberate failure 6630" in output
        expected = "exec cache: 0 blocks reused, 3 run" if n == 0 else "2 blocks reused, 1 run"
        assert expected in output, output
        pages.append((site / "index.html").read_bytes())
    assert b"sum 10" in pages[0] and b"<p>kept 7301</p>" in pages[0]
    assert pages[1] == pages[0]
    assert (tmp_path / ".cache" / "exec").is_dir()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_block_sees_no_terminal_but_its_errors_reach_the_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``mkdocs serve`` in a terminal: a block's progress bars stay out of the console (the
    bar draws only on a terminal), what it writes to standard error still reaches it."""
    console = _Terminal()
    monkeypatch.setattr(sys, "stderr", console)
    code = 'import sys\nprint(sys.stderr.isatty())\nsys.stderr.write("careful\\n")'
    assert exec_cache.Runner().run(code) == "False\n"
    assert console.getvalue() == "careful\n"
