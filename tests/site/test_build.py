"""The site builds with ``mkdocs build --strict`` and no warning, and the guard can fail.

The build runs once per session (``built_site`` in tests/site/conftest.py). The static checks
here run without a browser; tests/site/test_browser.py opens every page in Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from fontTools.ttLib import TTFont
from mkdocs.utils.yaml import yaml_load

from book import mathfont
from book import notebooks as make_notebooks
from book.chapter import find_fences
from book.exercises import find_exercises
from book.paths import REPO
from book.site.generated import is_generated

HOOK = "hooks/adapter.py"  # the one hook: MkDocs to the steps of book/site/

CONFIG = REPO / "mkdocs.yml"
WORKFLOW = REPO / ".github" / "workflows" / "ci.yml"


def _config() -> dict:
    """mkdocs.yml as MkDocs reads it, by its own YAML loader (``!ENV`` tags included)."""
    with CONFIG.open(encoding="utf-8") as file:
        return yaml_load(file)


def _plugin_entry(name: str) -> dict:
    for entry in _config()["plugins"]:
        if entry == name:
            return {name: {}}
        if isinstance(entry, dict) and name in entry:
            return {name: entry[name] or {}}
    raise AssertionError(f"plugin {name!r} is not configured in mkdocs.yml")


def _chapters() -> list[Path]:
    return make_notebooks.chapter_paths(REPO / "docs")


# --------------------------------------------------------------------------------------------
# The real build
# --------------------------------------------------------------------------------------------


def test_strict_build_succeeds_without_warnings(built_site: Any) -> None:
    if built_site.reused:
        pytest.skip("NNBOOK_SITE_DIR is set: reusing a site built elsewhere")
    tail = "\n".join(built_site.output.splitlines()[-60:])
    assert built_site.returncode == 0, f"mkdocs build --strict failed:\n{tail}"
    assert not built_site.warnings, "the build logged warnings:\n" + "\n".join(built_site.warnings)
    assert "-q" not in built_site.command and "--quiet" not in built_site.command


def test_every_chapter_and_notebook_is_built(site_dir: Path) -> None:
    for md in [*_chapters(), REPO / "docs" / "reference.md"]:
        url = make_notebooks.page_url(md.name)
        assert (site_dir / url / "index.html").is_file(), f"{md.name} was not built"
    for nb in make_notebooks.expected_notebooks(REPO / "docs"):
        page = site_dir / "notebooks" / nb.stem
        assert (page / "index.html").is_file(), f"notebook page for {nb.name} missing"
        assert (page / nb.name).is_file(), f"downloadable {nb.name} missing"
    assert (site_dir / "404.html").is_file()
    assert (site_dir / "print_page" / "index.html").is_file()
    assert (site_dir / "objects.inv").is_file()


_EXTERNAL_ASSET = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["'](?:https?:)?//"""
    r"""|<link\b[^>]*\brel=["'](?:stylesheet|preload|preconnect|modulepreload|icon)["'][^>]*"""
    r"""\bhref=["'](?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    offenders = []
    for path in sorted(site_dir.rglob("*.html")) + sorted(site_dir.rglob("*.css")):
        for m in _EXTERNAL_ASSET.finditer(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{path.relative_to(site_dir)}: {m.group(0)[:120]}")
    assert not offenders, "assets from another host:\n" + "\n".join(offenders[:20])


_TEX_ENGINE = re.compile(r"mathjax|katex|temml", re.IGNORECASE)
_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)


def test_math_is_mathml_typeset_at_build(site_dir: Path) -> None:
    """Every formula of every page is MathML in the HTML; no page asks for a TeX engine."""
    problems, formulas = [], 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_dir).as_posix()
        if '<span class="arithmatex">\\(' in html or '<div class="arithmatex">\\[' in html:
            problems.append(f"{rel}: arithmatex TeX left untypeset")
        for tag in re.findall(r"<script\b[^>]*>", html):
            if _TEX_ENGINE.search(tag):
                problems.append(f"{rel}: loads a TeX engine: {tag}")
        for math in _MATH.findall(html):
            formulas += 1
            if "<merror" in math or re.search(r"\\[A-Za-z]", _ANNOTATION.sub("", math)):
                problems.append(f"{rel}: raw TeX or error in {math[:120]}")
    assert not problems, "\n".join(problems[:20])
    assert formulas > 1000, f"only {formulas} formulas in the whole site"
    assert not (site_dir / "assets" / "mathjax").exists(), "MathJax is still copied to the site"


def test_the_math_font_is_served_with_its_licence(site_dir: Path) -> None:
    """The build cuts the font to every formula of the site plus what layout draws alone."""
    fonts = site_dir / "assets" / "fonts"
    woff2 = fonts / "nnbook-math.woff2"
    assert woff2.is_file() and woff2.read_bytes()[:4] == b"wOF2"
    assert woff2.stat().st_size < 150_000, "the math font is not subset"
    assert (fonts / "GUST-FONT-LICENSE.txt").is_file()
    font = TTFont(woff2)
    assert font["name"].getDebugName(1) == mathfont.FAMILY and "MATH" in font
    pages = (p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html"))
    source, served = TTFont(mathfont.SOURCE).getBestCmap(), font.getBestCmap()
    missing = {c for c in mathfont.characters(pages) if ord(c) in source and ord(c) not in served}
    assert not missing, sorted(missing)
    assert {0x221A, 0x1D465, 0x2016} <= set(font.getBestCmap()), "radical, italic x, norm bars"
    css = (site_dir / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "../assets/fonts/nnbook-math.woff2" in css


def test_every_exec_block_rendered_without_traceback(site_dir: Path) -> None:
    problems = []
    for md in _chapters():
        text = md.read_text(encoding="utf-8")
        top_level = [f for f in find_fences(text) if f.executed and not f.indent]
        html = (site_dir / make_notebooks.page_url(md.name) / "index.html").read_text("utf-8")
        rendered = html.count('class="nnbook-exec"')
        if rendered != len(top_level):
            problems.append(f"{md.name}: {len(top_level)} executed blocks, {rendered} rendered")
        if "Traceback (most recent call last)" in html:
            problems.append(f"{md.name}: a block rendered a traceback")
    assert not problems, "\n".join(problems)


def test_chapters_offer_their_notebook(site_dir: Path) -> None:
    for md, stem in make_notebooks.chapter_notebooks(REPO / "docs").items():
        html = (site_dir / make_notebooks.page_url(md) / "index.html").read_text("utf-8")
        assert f'{stem}.ipynb" download>' in html, f"{md} has no download link"


def test_each_notebook_runs_its_exercise_skeletons_to_not_done_yet(site_dir: Path) -> None:
    """The built notebook pages are the notebooks run from top to bottom: under each checkable
    exercise, its skeleton said "not done yet", and nothing raised."""
    for md, stem in make_notebooks.chapter_notebooks(REPO / "docs").items():
        text = (REPO / "docs" / md).read_text(encoding="utf-8")
        numbers = [e.number for e in find_exercises(text, md) if e.check_call]
        html = (site_dir / "notebooks" / stem / "index.html").read_text("utf-8")
        said = re.findall(r"Exercise (\d+\.\d+): not done yet", html)
        assert said == numbers, f"{stem}: {said} for {numbers}"
        assert "Traceback" not in html, stem


def test_social_metadata_and_edit_links(site_dir: Path) -> None:
    cfg = _config()
    for md in _chapters():
        html = (site_dir / make_notebooks.page_url(md.name) / "index.html").read_text("utf-8")
        for prop in ("og:title", "og:description", "og:url", "og:type"):
            assert f'property="{prop}"' in html, f"{md.name}: no {prop}"
        assert 'name="twitter:card"' in html
        assert "og:image" not in html  # no image from another host
        edit = f"{cfg['repo_url']}/{cfg['edit_uri']}{md.name}"
        if is_generated(md.name):  # edited where it is made from: no link to the page
            assert cfg["edit_uri"] not in html, f"{md.name}: an edit link to a generated page"
        else:
            assert edit in html, f"{md.name}: no edit link to {edit}"


def test_mkdocstrings_stylesheet_only_on_api_pages(site_dir: Path) -> None:
    """book/site/postbuild.py: the pages without docstrings (both languages) do not load it (but the
    print page, which keeps print-site's assets, whose budget only catches explosions)."""
    linked = {}
    for path in site_dir.rglob("*.html"):
        if path.parent.name == "print_page":
            continue
        html = path.read_text(encoding="utf-8")
        linked[path.relative_to(site_dir).as_posix()] = (
            html.count("assets/_mkdocstrings.css"),
            'class="doc ' in html,
        )
    assert linked["reference/index.html"] == (1, True)
    assert linked["ko/universal-approximation/index.html"] == (0, False)
    wrong = {p: v for p, v in linked.items() if v[0] != int(v[1])}
    assert not wrong, wrong


def test_404_page(site_dir: Path) -> None:
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html
    assert "stylesheets/extra.css" in html  # the site's own styles (and math font) apply


def test_sitemap_lists_every_chapter(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    site_url = _config()["site_url"]
    for md in _chapters():
        assert f"<loc>{site_url}{make_notebooks.page_url(md.name)}</loc>" in sitemap


_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _differing_pages(first_site: Path, second_site: Path, ignore: re.Pattern[bytes]) -> list[str]:
    """The pages of two builds that differ once ``ignore`` is taken out (the same pages built)."""
    first = sorted(p.relative_to(first_site) for p in first_site.rglob("*.html"))
    second = sorted(p.relative_to(second_site) for p in second_site.rglob("*.html"))
    assert first == second
    return [
        str(p)
        for p in first
        if ignore.sub(b"", (first_site / p).read_bytes())
        != ignore.sub(b"", (second_site / p).read_bytes())
    ]


def test_an_unchanged_rebuild_reuses_every_cache_and_writes_the_same_pages(
    site_dir: Path, built_site: Any, tmp_path: Path, run_mkdocs_build: Any
) -> None:
    """Both languages' second build runs no code and calls no converter: executed blocks,
    notebook pages (mkdocs-jupyter), formulas (pandoc), notebook CSS and the print page's ids
    all come from ``.cache/`` (the Korean build once emptied the first two), and every page
    comes out byte for byte as before."""
    if built_site.reused:
        pytest.skip("NNBOOK_SITE_DIR is set: the caches of that build are unknown")
    code, output, _ = run_mkdocs_build(tmp_path / "site", verbose=True)
    assert code == 0, output[-3000:]
    runs = re.findall(r"exec cache: (\d+) blocks reused, (\d+) run", output)
    assert len(runs) == 2 and all(int(n) > 100 and ran == "0" for n, ran in runs), runs
    notebooks = sorted((site_dir / "notebooks").glob("*/index.html"))
    assert len(re.findall(r"Cache hit: .*\.ipynb", output)) == len(notebooks) > 0, output
    assert "Cache miss" not in output
    assert re.findall(r"mathml: (\d+) formulas typeset", output) == ["0"]  # once: the site
    assert re.search(r"notebook css: 0 pages stripped, [1-9]\d* reused", output), output
    assert re.search(r"print page: ids of 0 pages renamed, [1-9]\d* reused", output), output
    changed = _differing_pages(site_dir, tmp_path / "site", re.compile(rb"(?!)"))
    assert not changed, f"pages that differ after an unchanged rebuild: {changed}"


def test_properdocs_builds_the_same_book(
    site_dir: Path, built_site: Any, tmp_path: Path, run_mkdocs_build: Any
) -> None:
    """The book builds strictly under ProperDocs too (a maintained continuation of MkDocs 1.x,
    so that the book does not hang on one generator), every page byte for byte as MkDocs wrote
    it but for the generator's name."""
    if built_site.reused:
        pytest.skip("NNBOOK_SITE_DIR is set: that build's sources are unknown")
    code, output, command = run_mkdocs_build(tmp_path / "site", generator="properdocs")
    assert command[2] == "properdocs"
    assert code == 0, output[-3000:]
    assert b"ProperDocs" in (tmp_path / "site" / "index.html").read_bytes()
    changed = _differing_pages(site_dir, tmp_path / "site", _GENERATOR)
    assert not changed, f"pages that differ under ProperDocs: {changed}"


def test_configuration_essentials() -> None:
    cfg = _config()
    theme = cfg["theme"]
    assert theme["font"] is False, "Google Fonts would be requested on every page"
    assert "content.code.copy" in theme["features"]
    assert len(theme["palette"]) == 2
    jupyter = _plugin_entry("mkdocs-jupyter")["mkdocs-jupyter"]
    # the build (book/site/) executes the notebooks (cached on their code); mkdocs-jupyter
    # converts them
    assert jupyter["execute"] is False
    assert cfg["hooks"] == [HOOK], "one hook: the adapter of book/site/"
    assert jupyter["allow_errors"] is False
    assert jupyter["include"] == ["*.ipynb"]
    names = [next(iter(p)) if isinstance(p, dict) else p for p in cfg["plugins"]]
    assert names[-1] == "print-site", "print-site must be the last plugin"
    assert "https://" not in json.dumps(cfg.get("extra_javascript", []))


# --------------------------------------------------------------------------------------------
# The guard can fail: a raising block (or notebook cell) must fail the strict build
# --------------------------------------------------------------------------------------------


def _mini_project(
    tmp_path: Path,
    plugins: list[dict],
    pages: dict[str, str],
    extensions: list[Any] | None = None,
) -> Path:
    """A small project built with the book's hook (every step of book/site/)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, content in pages.items():
        (docs / name).write_text(content, encoding="utf-8")
    cfg = {
        "site_name": "guard",
        "docs_dir": str(docs),
        "theme": {"name": "material", "font": False},
        "markdown_extensions": [
            "admonition",
            "pymdownx.superfences",
            "book.exercise_ids",
            *(extensions or []),
        ],
        "plugins": plugins,
        "hooks": [str(REPO / HOOK)],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    return path


PAGE = """\
# Guard

```python exec="on" session="index" source="above" result="text"
print("block one ran")
{line}
```
"""


@pytest.mark.parametrize("fails", [False, True], ids=["control", "raising-block"])
def test_raising_exec_block_fails_the_strict_build(
    tmp_path: Path, fails: bool, run_mkdocs_build: Any
) -> None:
    line = 'raise RuntimeError("deliberate failure 8361")' if fails else 'print("fine")'
    config = _mini_project(
        tmp_path, [_plugin_entry("markdown-exec")], {"index.md": PAGE.format(line=line)}
    )
    code, output, _ = run_mkdocs_build(tmp_path / "site", config, cwd=tmp_path)
    if fails:
        assert code != 0, f"a raising block did not fail the build:\n{output}"
        assert "deliberate failure 8361" in output
    else:
        assert code == 0, output
        html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
        assert "block one ran" in html


@pytest.mark.parametrize("fails", [False, True], ids=["control", "raising-cell"])
def test_raising_notebook_cell_fails_the_strict_build(
    tmp_path: Path, fails: bool, run_mkdocs_build: Any
) -> None:
    """The chapter's notebook is generated and executed by the build (markdown-exec
    is left out here, so only the notebook runs the raising line)."""
    line = 'raise RuntimeError("deliberate notebook failure 5172")' if fails else 'print("fine")'
    pages = {"index.md": "# Guard\n", "chapter.md": PAGE.format(line=line)}
    config = _mini_project(tmp_path, [_plugin_entry("mkdocs-jupyter")], pages)
    code, output, _ = run_mkdocs_build(tmp_path / "site", config, cwd=tmp_path)
    if fails:
        assert code != 0, f"a raising notebook cell did not fail the build:\n{output}"
        assert "chapter.ipynb" in output and "deliberate notebook failure 5172" in output
    else:
        assert code == 0, output
        html = (tmp_path / "site" / "notebooks" / "chapter" / "index.html").read_text("utf-8")
        assert "block one ran" in html and "fine" in html
        download = tmp_path / "site" / "notebooks" / "chapter" / "chapter.ipynb"
        assert download.read_text("utf-8") == (
            tmp_path / "docs" / "notebooks" / "chapter.ipynb"
        ).read_text("utf-8")


EXERCISE_PAGE = """\
# Guard

## Exercises

!!! exercise coding "1.1 Add ★"
    Compute one plus one.

    ??? solution "Solution"
        ```python exec="on" session="index" source="above" result="text"
        total = 1 + 1
        print(total)
        ```

        ```python exec="on" session="index"
        assert total == {expected}, "deliberately wrong solution 7731"
        ```
"""


@pytest.mark.parametrize("wrong", [False, True], ids=["control", "wrong-solution"])
def test_a_wrong_solution_fails_the_strict_build(
    tmp_path: Path, wrong: bool, run_mkdocs_build: Any
) -> None:
    """A solution's hidden checks run at build: a wrong solution stops the site."""
    page = EXERCISE_PAGE.format(expected=3 if wrong else 2)
    config = _mini_project(
        tmp_path,
        [_plugin_entry("markdown-exec")],
        {"index.md": page},
        ["pymdownx.details"],
    )
    code, output, _ = run_mkdocs_build(tmp_path / "site", config, cwd=tmp_path)
    if wrong:
        assert code != 0, f"a wrong solution did not fail the build:\n{output}"
        assert "deliberately wrong solution 7731" in output
        return
    assert code == 0, output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition exercise coding" id="exercise-1-1">' in html
    assert '<details class="solution">' in html and "2" in html
    assert "deliberately" not in html, "the checks must not show on the page"
    index = (tmp_path / "site" / "exercises" / "index.html").read_text(encoding="utf-8")
    assert 'href="../#exercise-1-1"' in index


def _notebook(cell: dict[str, Any]) -> str:
    """A one-cell notebook, as JSON."""
    kernel = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb = {"cells": [cell], "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb)


def _markdown_notebook(text: str) -> str:
    return _notebook({"cell_type": "markdown", "id": "m1", "metadata": {}, "source": [text]})


GOOD_TEX = r"\frac{\partial \mathcal L}{\partial z}"
BAD_TEX = r"\nosuchmacro{x} + 1"


@pytest.mark.parametrize("where", ["control", "chapter", "notebook"])
def test_bad_tex_fails_the_build(tmp_path: Path, where: str, run_mkdocs_build: Any) -> None:
    """A formula pandoc cannot read fails the build, naming the page and the formula; the
    control builds, with the chapter's and the notebook cell's math typeset as MathML."""
    entry = _plugin_entry("mkdocs-jupyter")
    entry["mkdocs-jupyter"] = {**entry["mkdocs-jupyter"], "cache": False}
    chapter_tex = BAD_TEX if where == "chapter" else GOOD_TEX
    notebook_tex = BAD_TEX if where == "notebook" else GOOD_TEX
    pages = {
        "index.md": f"# Guard\n\nInline ${chapter_tex}$ and display:\n\n$$\nx^2\n$$\n",
        "cells.ipynb": _markdown_notebook(f"# Cells\n\nInline ${notebook_tex}$, then\n\n$$y_1$$\n"),
    }
    ext = [{"pymdownx.arithmatex": {"generic": True}}]
    config = _mini_project(tmp_path, [entry], pages, ext)
    code, output, _ = run_mkdocs_build(tmp_path / "site", config, cwd=tmp_path)
    if where == "control":
        assert code == 0, output
        for page, count in (("index.html", 2), ("cells/index.html", 2)):
            html = (tmp_path / "site" / page).read_text(encoding="utf-8")
            assert html.count("<math") >= count, f"{page}: math not typeset"
            assert "\\partial" not in _ANNOTATION.sub("", html.split("<article", 1)[-1])
        return
    assert code != 0, f"bad TeX in the {where} did not fail the build:\n{output}"
    page = "index.md" if where == "chapter" else "cells.ipynb"
    assert page in output and "nosuchmacro" in output, output


# --------------------------------------------------------------------------------------------
# The deployment workflow
# --------------------------------------------------------------------------------------------


def test_workflow_tests_every_push_and_deploys_only_after_the_tests() -> None:
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert {"push", "pull_request"} <= set(triggers)
    jobs = wf["jobs"]
    runs = {name: "\n".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    assert "bash .ci/run" in runs["test"], "the test job runs what CI runs"
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci_run
    assert "nox" not in ci_run.split("set -euo pipefail")[1], "nox needs pyenv's Pythons"
    matrix = jobs["library"]["strategy"]["matrix"]
    assert matrix["python-version"] == ["3.10", "3.11", "3.12", "3.13"]
    assert matrix["os"] == ["ubuntu-latest"]
    assert {i["os"] for i in matrix["include"]} == {"macos-latest", "windows-latest"}
    assert "nox" in runs["library"]
    # the published site is `make pdf`'s: the strict build, then the book as PDF
    assert "make pdf" in runs["build"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^pdf: build\b", makefile, re.MULTILINE)
    assert re.search(r"^build:.*\n\t\$\(MKDOCS\) build --strict\n", makefile, re.MULTILINE)
    assert not re.search(r"mkdocs build[^\n]*(\s-q\b|--quiet)", runs["build"]), "never -q"
    assert set(jobs["build"]["needs"]) == {"test", "library"}
    (deploy,) = [
        job
        for job in jobs.values()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
    ]
    assert deploy["needs"] == "build" and deploy["permissions"]["pages"] == "write"
    for job in (deploy, jobs["build"]):
        assert "refs/heads/main" in job["if"] and "push" in job["if"], "deploy only from main"
