"""The companion notebooks are generated from the chapters, committed in sync, without outputs.

Regenerate them with ``python scripts/make_notebooks.py`` (``mkdocs build``/``serve`` does it too).
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest

from book import i18n
from book import notebooks as mn
from book.chapter import EXEC_LANGUAGES, find_exec_blocks, find_fences
from book.exercises import find_exercises
from book.notebook_exec import INSTALL_ROLE, SKELETON
from book.paths import DOCS, REPO
from book.site import Build, content, markdown

NOTEBOOKS = sorted((DOCS / mn.NOTEBOOK_DIR).glob("*.ipynb"))
SITE = mn.DEFAULT_SITE_URL


def test_committed_notebooks_are_in_sync_with_the_chapters(
    stale_notebooks_at_start: list[str],
) -> None:
    # checked when the session started: building the site regenerates them
    stale = stale_notebooks_at_start or mn.sync(DOCS, mn.site_url_from_config(), check=True)
    assert not stale, (
        "notebooks out of date with their chapters: "
        + ", ".join(Path(p).name for p in stale)
        + " -- run: python scripts/make_notebooks.py"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_valid_and_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a code cell has outputs"
            assert cell.execution_count is None, f"{path.name}: a code cell has a count"
    assert nb.cells[0].cell_type == "markdown"
    chapter_url = SITE + mn.page_url(mn.chapter_of(path).name)
    assert chapter_url in nb.cells[0].source, "the title cell must link back to the chapter"


def _chapter_cells(nb: dict[str, Any]) -> list[str]:
    """The code cells of the notebook ``nb`` (its JSON) after the first, the install cell."""
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0]["metadata"] == {"nnbook": {"role": INSTALL_ROLE}}, "the first is not install"
    return ["".join(c["source"]) for c in code[1:]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_code_is_the_chapter_code(path: Path) -> None:
    code = _chapter_cells(json.loads(path.read_text(encoding="utf-8")))
    text = mn.chapter_of(path).read_text("utf-8")
    blocks = [b.code.rstrip("\n") for b in mn.chapter_code(text)]
    assert [c for c in code if c and not c.startswith(SKELETON)] == blocks
    # one cell per exercise, whose solution code is not in the notebook: the skeleton of a
    # checkable one, else empty
    exercises = find_exercises(text, path.name)
    skeletons = [mn.exercise_skeleton(e.number) for e in exercises if e.check_call]
    assert [c for c in code if c.startswith(SKELETON)] == skeletons
    assert code.count("") == len(exercises) - len(skeletons)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    for md in mn.chapter_paths(DOCS):
        first = mn.build_notebook(md, SITE)
        assert first == mn.build_notebook(md, SITE)
    # and sync() does not touch files that are already right
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(SAMPLE, encoding="utf-8")
    assert mn.sync(docs, SITE) == [str(docs / "notebooks" / "page.ipynb")]
    mtime = (docs / "notebooks" / "page.ipynb").stat().st_mtime_ns
    assert mn.sync(docs, SITE) == []
    assert (docs / "notebooks" / "page.ipynb").stat().st_mtime_ns == mtime
    # a chapter that loses its code loses its notebook
    (docs / "page.md").write_text("# Page\n\nNo code any more.\n", encoding="utf-8")
    mn.sync(docs, SITE)
    assert not (docs / "notebooks" / "page.ipynb").exists()


@pytest.mark.parametrize("md", mn.chapter_paths(DOCS), ids=lambda p: p.stem)
def test_exec_blocks_follow_the_book_conventions(md: Path) -> None:
    """One markdown-exec session per page, named after the page (the notebook is one kernel
    per page), and only Python is executed (other languages would escape the tests)."""
    for fence in find_fences(md.read_text(encoding="utf-8")):
        value = fence.attrs.get("exec", "no").strip().lower()
        if value in ("", "no", "off", "false", "0"):
            continue
        where = f"{md.name}:{fence.line}"
        assert fence.language in EXEC_LANGUAGES, f"{where}: executed {fence.language!r} block"
        assert fence.session == md.stem, f'{where}: use session="{md.stem}" (got {fence.session!r})'


# ------------------------------------------------------------------------------------------
# The block finder and the prose conversion
# ------------------------------------------------------------------------------------------

SAMPLE = """\
---
title: Sample
---
# Page title { #top }

Intro with $x^2$, a [link](xor.md#the-xor-problem), a [local](#top) anchor,
an autoref [relu][nnbook.activations.relu] and ![a figure](figures/a.svg){ width="300" }.

```python exec="on" session="page" source="above" result="text"
x = 1
print(x)
```

````markdown
```python exec="on"
not_a_block()
```
````

```python
not_executed()
```

```python exec="off"
also_not_executed()
```

!!! note "Careful"
    Text inside.

    ```python exec="on" session="page"
    y = x + 1
    ```

~~~py exec="1" session="page"
z = y
~~~
"""


def test_find_exec_blocks() -> None:
    blocks = find_exec_blocks(SAMPLE)
    assert [b.code for b in blocks] == ["x = 1\nprint(x)\n", "y = x + 1\n", "z = y\n"]
    assert [b.line for b in blocks] == [9, 31, 35]
    assert all(b.session == "page" for b in blocks)


def test_notebook_from_sample(tmp_path: Path) -> None:
    md = tmp_path / "page.md"
    md.write_text(SAMPLE, encoding="utf-8")
    nb = json.loads(mn.build_notebook(md, SITE) or "")
    kinds = [c["cell_type"] for c in nb["cells"]]
    assert kinds == ["markdown", "code", "markdown", "code", "markdown", "code", "code"]
    title = "".join(nb["cells"][0]["source"])
    assert title.startswith("# Page title\n")
    assert f"({SITE}page/)" in title
    assert nb["cells"][1]["metadata"] == {"nnbook": {"role": INSTALL_ROLE}}
    intro = "".join(nb["cells"][2]["source"])
    assert "Page title" not in intro and "title: Sample" not in intro
    assert f"[link]({SITE}xor/#the-xor-problem)" in intro
    assert f"[local]({SITE}page/#top)" in intro
    assert f"[relu]({SITE}reference/#nnbook.activations.relu)" in intro
    assert f"![a figure]({SITE}figures/a.svg)" in intro
    assert "{ #top }" not in title and 'width="300"' not in intro  # attribute lists removed
    note = "".join(nb["cells"][4]["source"])
    assert "> **Careful**" in note and "> Text inside." in note
    assert "not_executed()" in note  # plain code stays as a fenced block in the prose
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize(
    ("identifier", "documented_at"),
    [
        ("nnbook.MLP", "nnbook.mlp.MLP"),  # re-exported by the package
        ("nnbook.MLP.fit", "nnbook.mlp.MLP.fit"),  # a member, through the re-export
        ("nnbook.approximation.sigmoid", "nnbook.activations.sigmoid"),  # imported from a sibling
        ("nnbook.mlp.MLP.fit", "nnbook.mlp.MLP.fit"),
        ("nnbook.layers", "nnbook.layers"),
    ],
)
def test_an_autoref_resolves_to_where_the_reference_documents_it(
    identifier: str, documented_at: str
) -> None:
    assert mn.resolve_identifier(identifier) == documented_at


@pytest.mark.parametrize(
    "identifier",
    [
        "nnbook.nope",
        "nnbook.MLP.nope",
        "nnbook.layers.nope.deeper",
        "numpy.ndarray",
        "nnbook.mlp.np.ndarray",
    ],
)
def test_an_unknown_or_outside_name_is_left_unchanged(identifier: str) -> None:
    assert mn.resolve_identifier(identifier) == identifier


def test_site_url_is_read_as_mkdocs_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert mn.site_url_from_config() == "https://nnbook.github.io/nnbook/"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nsite_url: !ENV [NNBOOK_TEST_SITE_URL, 'https://example.org/book']\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("NNBOOK_TEST_SITE_URL", raising=False)
    assert mn.site_url_from_config(config) == "https://example.org/book/"
    monkeypatch.setenv("NNBOOK_TEST_SITE_URL", "https://example.com/")
    assert mn.site_url_from_config(config) == "https://example.com/"
    config.write_text("site_name: x\n", encoding="utf-8")
    assert mn.site_url_from_config(config) == mn.DEFAULT_SITE_URL


EXERCISES = """\
# Page

```python exec="on" session="page"
x = 1
```

## Exercises

!!! exercise coding "9.1 Double it ★"
    Compute $2x$.

    ??? hint "Hint 1"
        Add it to itself.

    ??? hint "Hint 2"
        Or multiply.

    ??? solution "Solution"
        ```python exec="on" session="page"
        SOLUTION = 2 * x
        ```

Closing words.
"""


def test_exercises_become_statements_with_hints_and_a_cell(tmp_path: Path) -> None:
    md = tmp_path / "page.md"
    md.write_text(EXERCISES, encoding="utf-8")
    nb = json.loads(mn.build_notebook(md, SITE) or "{}")
    cells = [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]
    assert ("code", "x = 1") in cells
    i = next(
        k for k, (_, src) in enumerate(cells) if src.startswith("### Exercise 9.1 Double it ★")
    )
    assert "Compute $2x$." in cells[i][1]
    hints = "<details><summary>Hint 1</summary>\n\nAdd it to itself.\n\n</details>\n\n"
    assert cells[i][1].endswith(
        hints + "<details><summary>Hint 2</summary>\n\nOr multiply.\n\n</details>"
    )
    assert cells[i + 1] == ("code", "")  # not checkable: an empty cell
    assert not any("SOLUTION" in src or "Solution" in src for _, src in cells), cells
    assert cells[-1][1].endswith("Closing words.")


WIDGET = """\
Before.

<figure class="nnbook-widget" data-widget="staircase-explorer" markdown>
<div class="nnbook-widget__static" markdown>
![The static staircase](figures/staircase.svg){ loading=lazy }
</div>
<div class="nnbook-widget__hint" markdown>
Drag the slider.
</div>
</figure>

After.
"""


def test_an_interactive_figure_becomes_its_static_image() -> None:
    md = mn.prose_to_jupyter(WIDGET, "page.md", SITE)
    assert md == f"Before.\n\n![The static staircase]({SITE}figures/staircase.svg)\n\nAfter."


HINT = re.compile(r'<div class="nnbook-widget__hint" markdown>\n(?P<text>.*?)\n</div>', re.DOTALL)


def test_the_notebooks_show_no_widget_markup_nor_hints() -> None:
    """A notebook has the static figure only: no markup, no hint about controls it lacks."""
    for md, stem in mn.chapter_notebooks(DOCS).items():
        path = DOCS / mn.NOTEBOOK_DIR / f"{stem}.ipynb"
        text = "".join(
            "".join(cell["source"]) for cell in nbformat.read(path, as_version=4)["cells"]
        )
        assert "nnbook-widget" not in text and "loading=lazy" not in text, path.name
        chapter = (DOCS / md).read_text(encoding="utf-8")
        for hint in HINT.finditer(chapter):
            words = " ".join(hint["text"].split()[12:20])
            assert words not in " ".join(text.split()), f"{path.name}: {words}"


def test_translations_are_not_chapters_of_their_own(tmp_path: Path) -> None:
    for name in ("index.md", "xor.md", "xor.ko.md", "reference.md"):
        (tmp_path / name).write_text("# Page\n", encoding="utf-8")
    assert [p.name for p in mn.chapter_paths(tmp_path)] == ["index.md", "xor.md"]


def test_the_install_command_the_notebooks_give_works_in_a_fresh_environment(
    tmp_path: Path,
) -> None:
    """Every import of every notebook's code succeeds in a new virtual environment where only
    the command the notebooks tell the reader to run was run (the code itself runs at build)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    pip, *arguments = shlex.split(mn.INSTALL)
    assert pip == "pip"
    installed = subprocess.run(
        [str(python), "-m", "pip", *arguments, "--quiet", "--disable-pip-version-check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    imports = []
    for path in NOTEBOOKS:
        code = _chapter_cells(json.loads(path.read_text(encoding="utf-8")))
        assert f"`{mn.INSTALL}`" in nbformat.read(path, as_version=4).cells[0].source
        for node in ast.walk(ast.parse("\n".join(code))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                imports.append(ast.unparse(node))
    assert any("sklearn" in line for line in imports)  # the digits notebook's, at least
    ran = subprocess.run(
        [str(python), "-c", "\n".join(dict.fromkeys(imports))],
        cwd=DOCS / mn.NOTEBOOK_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]


def test_the_introduction_keeps_its_notebook_and_the_cover_has_none() -> None:
    """The introduction moved from the cover (index.md) to introduction.md under the same
    notebook name; the cover runs no code, so it gets neither a notebook nor the box."""
    chapters = mn.chapter_notebooks(DOCS)
    assert chapters["introduction.md"] == "introduction"
    assert "index.md" not in chapters and mn.NOTEBOOK_INDEX not in chapters


# ------------------------------------------------------------------------------------------
# One click: the install cell, and the "Open in Colab" links
# ------------------------------------------------------------------------------------------

PYPROJECT_VERSION = re.compile(r'^version = "([^"]+)"$', re.MULTILINE)


def test_the_first_code_cell_installs_the_books_version_only_where_it_is_missing() -> None:
    """Pinned to pyproject.toml's version, with the digits extra where the code needs
    scikit-learn; here, where nnbook imports, it does nothing (there is no IPython to run
    ``%pip``: trying would raise NameError). tests/book/test_release.py runs it in a fresh
    environment, where it installs."""
    from IPython.core.inputtransformer2 import TransformerManager

    match = PYPROJECT_VERSION.search((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert match is not None
    extras = set()
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        install = next(c for c in nb["cells"] if c["cell_type"] == "code")
        source = "".join(install["source"])
        digits = any("sklearn" in c or "load_digits" in c for c in _chapter_cells(nb))
        requirement = f"nnbook{'[digits]' if digits else ''}=={match[1]}"
        assert f'%pip install --quiet "{requirement}"' in source, f"{path.name}: {source}"
        assert f"version {match[1]}" in "".join(nb["cells"][0]["source"]), path.name
        python = TransformerManager().transform_cell(source)
        exec(compile(python, path.name, "exec"), {})  # a no-op: nnbook is importable here
        extras |= {path.stem} if digits else set()
    assert "digits" in extras


def _config(tmp_path: Path, repo_url: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nrepo_url: {repo_url}\n", encoding="utf-8")
    return config


def test_the_colab_links_follow_repo_url(tmp_path: Path) -> None:
    """Each chapter's box (English and Korean) and each notebook page open the notebook in
    Colab from the repository of mkdocs.yml's ``repo_url``; a notebook that needs a clone
    (it imports the book's tooling) and a repository that is not on GitHub get no link."""
    build = Build(_config(tmp_path, "https://github.com/someone/fork"), DOCS, tmp_path / "site")
    url = "https://colab.research.google.com/github/someone/fork/blob/main/docs/notebooks/xor.ipynb"
    assert build.colab_url("xor.md", "xor") == url
    assert mn.colab_url(mn.repo_url_from_config(), "xor") == url.replace(
        "someone/fork", "nnbook/nnbook"
    )
    english = markdown.notebook_box("xor/", "xor", "en", build.colab_url("xor.md", "xor"))
    assert f'<a class="md-button nnbook-colab" href="{url}">Open in Colab</a>' in english
    korean = markdown.notebook_box("ko/xor/", "xor", "ko", build.colab_url("xor.md", "xor"))
    label = i18n.ui_text("ko")["notebook.colab"]
    assert f'href="{url}">{label}</a>' in korean and "Open in Colab" not in korean
    page = content.notebook_page_box("xor", "xor/", "XOR", "notebooks/xor/", url)
    assert f'href="{url}">Open in Colab</a>' in page
    assert "nnbook-colab" not in markdown.notebook_box("xor/", "xor", "en", None)
    assert "from book" in (DOCS / "performance.md").read_text(encoding="utf-8")
    assert build.colab_url("performance.md", "performance") is None
    gitlab = Build(_config(tmp_path, "https://gitlab.com/a/b"), DOCS, tmp_path / "site")
    assert gitlab.colab_url("xor.md", "xor") is None
