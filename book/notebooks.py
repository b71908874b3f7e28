"""Generate the companion notebooks ``docs/notebooks/<page>.ipynb`` from the chapters.

Every chapter ``docs/<page>.md`` that holds executed Python blocks (markdown-exec fences whose
info string is ``python`` or ``py`` with an ``exec`` attribute that is not off) becomes a
notebook: a title cell linking back to the chapter, a cell that installs the package where it
is missing (on Colab: :func:`install_cell`), then the chapter's prose as markdown cells and each
executed block as a code cell, in page order. Nothing is copied by hand.

The notebooks are written without outputs or execution counts, with stable cell ids and
nbformat's own JSON layout, so generating twice gives the same bytes; a file is only rewritten
when its content changes (``mkdocs serve`` watches ``docs/`` and would otherwise loop).

The block finder is :mod:`book.chapter`'s, so that the notebooks, the exercises, the tests and
markdown-exec agree on what "an executed block" is.

Usage::

    python scripts/make_notebooks.py           # write docs/notebooks/*.ipynb
    python scripts/make_notebooks.py --check   # exit 1 if a notebook is missing or stale
"""

from __future__ import annotations

import argparse
import functools
import json
import posixpath
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import griffe
import nbformat  # its functions are untyped: their calls ignore [no-untyped-call]
from mkdocs.utils.yaml import yaml_load
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from book import exercises as ex
from book.chapter import (
    ATTR_LIST,
    ExecBlock,
    find_exec_blocks,
    find_fences,
    head_spans,
    page_title,
)
from book.notebook_exec import INSTALL_ROLE
from book.paths import DOCS, REPO

NOTEBOOK_DIR = "notebooks"
NOTEBOOK_INDEX = "notebooks.md"
"""The page that lists the notebooks (generated: book/site/generated.py)."""
PACKAGE = "nnbook"
"""The package the API reference documents (``::: nnbook`` in ``docs/reference.md``)."""
DEFAULT_SITE_URL = "https://nnbook.github.io/nnbook/"
INSTALL = 'pip install -e ".[digits]"'
"""What a notebook tells its reader to run in a clone: the package, the scikit-learn that ships
the digits, and (an editable install puts the clone on the path) ``book`` for the benchmark's
results. ``tests/book/test_notebooks.py`` runs every notebook's code in a fresh environment
made with it."""
COLAB = "https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/docs/{path}"
"""Where Colab opens a notebook of a GitHub repository, as the repository's branch has it."""
BRANCH = "main"
"""The branch the published notebooks are read from (the one the site is built from)."""
_GITHUB = re.compile(r"^https?://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")
_NEEDS_EXTRA = {"digits": re.compile(r"\bsklearn\b|\bload_digits\b")}
"""The package's extras a notebook installs, by what its code uses."""
_NEEDS_CLONE = re.compile(r"^[ \t]*(?:from|import)[ \t]+book\b", re.MULTILINE)
"""Code that imports the book's tooling, which only a clone has (the Performance chapter's)."""
# Pages that are not chapters and never get a notebook: the API reference, and the pages the
# build generates (book/site/generated.py).
SKIP_PAGES = frozenset({"reference.md", "404.md", ex.INDEX, NOTEBOOK_INDEX})

# --------------------------------------------------------------------------------------------
# Markdown cells: make the chapter's prose readable in Jupyter, links absolute to the site.
# --------------------------------------------------------------------------------------------

_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+[\w -]+)?"
    r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
)
_TAB = re.compile(r'^(?P<indent>[ \t]*)===\+?[ \t]+"(?P<title>[^"]*)"[ \t]*$')
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url>[^)\s]+)(?P<title>[ \t]+\"[^\"]*\")?\)"
)
_REF_DEF = re.compile(r"^(?P<head>[ \t]*\[[^\]]+\]:[ \t]*)(?P<url>\S+)", re.MULTILINE)
_AUTOREF = re.compile(r"\[(?P<text>[^\[\]]+)\]\[(?P<ident>[A-Za-z_][\w]*(?:\.[\w]+)+)\]")
_HTML_URL = re.compile(r"""(?P<attr>\b(?:src|href))=(?P<q>["'])(?P<url>[^"']*)(?P=q)""")
_SNIPPET = re.compile(r"^[ \t]*-{2,}8<-{2,}.*$\n?", re.MULTILINE)
# An interactive figure (docs/javascripts/widgets.js): the notebook keeps its static image,
# and drops the hint on what to try with the controls.
_WIDGET = re.compile(
    r'^<figure class="nnbook-widget"[^>]*>\s*<div class="nnbook-widget__static" markdown>\s*?\n'
    r"(?P<image>.*?)\n\s*</div>.*?</figure>[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


def page_url(md_name: str) -> str:
    """Site URL path (relative to the site root) of a docs page, with directory URLs."""
    if md_name in ("index.md", "README.md"):
        return ""
    stem = md_name[: -len(".md")] if md_name.endswith(".md") else md_name
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def absolutize(url: str, page: str, site_url: str) -> str:
    """Turn a link written in ``docs/<page>`` into an absolute URL of the published site."""
    if not url or re.match(r"^[a-zA-Z][\w+.-]*:|^//", url):
        return url  # already absolute (https:, mailto:, data:) or protocol-relative
    target, _, anchor = url.partition("#")
    if not target:
        target = page
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if path.endswith(".md"):
        path = page_url(path)
    elif path.endswith(".ipynb"):
        path = path[: -len(".ipynb")] + "/"
    return site_url + path + (f"#{anchor}" if anchor else "")


_MATH_OR_CODE = re.compile(
    r"\$\$.+?\$\$"  # display math
    r"|\\\[.+?\\\]|\\\(.+?\\\)"  # \[..\] and \(..\)
    r"|(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$"  # inline $..$
    r"|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)",  # inline code
    re.DOTALL,
)
_AUTOREF_EMPTY = re.compile(r"\[(?P<text>`?(?P<ident>[A-Za-z_]\w*(?:\.\w+)+)`?)\]\[\]")


@functools.cache
def _api() -> griffe.ModulesCollection:
    """The package as mkdocstrings' Python handler sees it: loaded by griffe, statically, from
    the sources in the repository (the handler's ``paths: [.]``); loaded once."""
    modules = griffe.ModulesCollection()
    griffe.load(PACKAGE, search_paths=[REPO], modules_collection=modules, store_source=False)
    return modules


def resolve_identifier(identifier: str) -> str:
    """Where mkdocstrings documents ``identifier``: ``nnbook.MLP`` -> ``nnbook.mlp.MLP``.

    Objects re-exported by a package are documented under the module that defines them; the
    anchor of the API reference is that canonical path, which griffe follows the imports to.
    Unknown names, and names that lead out of the package, are returned unchanged.
    """
    try:
        return _api()[identifier].canonical_path
    except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return identifier


def prose_to_jupyter(md: str, page: str, site_url: str) -> str:
    r"""Rewrite MkDocs-only markdown so that Jupyter shows it sensibly.

    Math and inline code are set aside first, so that ``\sum_{n=1}`` is not mistaken for an
    attribute list, nor ``[i](j)`` inside code for a link.
    """
    md = _SNIPPET.sub("", md)
    md = _WIDGET.sub(lambda m: m["image"].strip(), md)
    out: list[str] = []
    lines = md.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _ADMONITION.match(line) or _TAB.match(line)
        if m:
            indent = m["indent"]
            kind = m.groupdict().get("kind") or ""
            title = (m["title"] or "").strip() or kind.capitalize()
            body_indent = indent + "    "
            body: list[str] = []
            i += 1
            while i < len(lines) and (lines[i].startswith(body_indent) or not lines[i].strip()):
                body.append(lines[i][len(body_indent) :] if lines[i].strip() else "")
                i += 1
            while body and not body[-1]:
                body.pop()
            if _TAB.match(line):
                out.append(f"{indent}**{title}**")
                out.append("")
                out.extend(indent + b if b else "" for b in body)
            else:
                out.append(f"{indent}> **{title}**" if title else f"{indent}>")
                out.append(f"{indent}>")
                out.extend(f"{indent}> {b}".rstrip() for b in body)
            out.append("")
            continue
        out.append(line)
        i += 1
    md = "\n".join(out)

    # set math, inline code and fenced code aside
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return f"\x00{len(kept) - 1}\x00"

    fences = find_fences(md)
    for fence in reversed(fences):
        md = md[: fence.start] + keep(md[fence.start : fence.end]) + md[fence.end :]
    md = _AUTOREF_EMPTY.sub(
        lambda m: f"[{m['text']}]({site_url}reference/#{resolve_identifier(m['ident'])})", md
    )
    md = _MATH_OR_CODE.sub(lambda m: keep(m.group(0)), md)

    md = ATTR_LIST.sub("", md)
    md = md.replace(' markdown="1"', "").replace(" markdown>", ">").replace(" markdown ", " ")

    def link(m: re.Match[str]) -> str:
        url = absolutize(m["url"], page, site_url)
        return f"{m['bang']}[{m['text']}]({url}{m['title'] or ''})"

    md = _INLINE_LINK.sub(link, md)
    md = _REF_DEF.sub(lambda m: m["head"] + absolutize(m["url"], page, site_url), md)
    md = _AUTOREF.sub(
        lambda m: f"[{m['text']}]({site_url}reference/#{resolve_identifier(m['ident'])})", md
    )
    md = _HTML_URL.sub(
        lambda m: f"{m['attr']}={m['q']}{absolutize(m['url'], page, site_url)}{m['q']}", md
    )
    while "\x00" in md:
        md = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], md)
    return re.sub(r"\n{3,}", "\n\n", md).strip("\n")


# --------------------------------------------------------------------------------------------
# Notebook assembly
# --------------------------------------------------------------------------------------------


def _cell(kind: str, source: str, cell_id: str, line: int | None = None) -> NotebookNode:
    """A notebook cell; a code cell from the chapter keeps the chapter line its block starts
    at (``metadata.nnbook.line``), so that an error names the chapter, not the cell."""
    new = new_code_cell if kind == "code" else new_markdown_cell
    metadata = {"nnbook": {"line": line}} if line is not None else {}
    return new(source, id=cell_id, metadata=metadata)  # type: ignore[no-untyped-call]


def book_version() -> str:
    """The book's version: the installed package's (pyproject.toml's, through its metadata)."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        raise RuntimeError(
            f"the package {PACKAGE!r} is not installed, so the notebooks cannot pin its version: "
            "run pip install -e . from the repository"
        ) from None


def install_cell(code: str, version: str) -> str:
    """The first code cell: ``pip install`` of the package at ``version`` (with the extras
    ``code`` needs), only where it cannot be imported (Colab); elsewhere it does nothing."""
    extras = sorted(name for name, uses in _NEEDS_EXTRA.items() if uses.search(code))
    requirement = PACKAGE + (f"[{','.join(extras)}]" if extras else "") + f"=={version}"
    return (
        f"# {PACKAGE} {version}, the version of this book, installed where it is missing\n"
        "import importlib.util\n\n"
        f'if importlib.util.find_spec("{PACKAGE}") is None:\n'
        f'    %pip install --quiet "{requirement}"'
    )


def colab_url(repo_url: str | None, stem: str) -> str | None:
    """Where Colab opens the notebook ``stem`` of the GitHub repository ``repo_url`` (None for
    a repository elsewhere, or none)."""
    m = _GITHUB.match(repo_url or "")
    if m is None:
        return None
    path = f"{NOTEBOOK_DIR}/{stem}.ipynb"
    return COLAB.format(owner=m["owner"], repo=m["repo"], branch=BRANCH, path=path)


def runs_without_clone(md_path: Path) -> bool:
    """Whether the chapter's notebook runs with the package alone (on Colab): its code does
    not import the book's tooling."""
    code = "\n".join(b.code for b in chapter_code(md_path.read_text(encoding="utf-8")))
    return _NEEDS_CLONE.search(code) is None


def chapter_code(text: str) -> list[ExecBlock]:
    """The executed blocks of a chapter that its notebook runs: all but the exercises'
    (whose solutions stay on the site)."""
    spans = [(e.start, e.end) for e in ex.find_exercises(text, "")]
    return [b for b in find_exec_blocks(text) if not any(a <= b.start < z for a, z in spans)]


def chapter_session(md_path: Path) -> str | None:
    """The one session every executed block of the chapter runs in (None if several, or no
    block): the notebook runs them all in one kernel."""
    sessions = {block.session for block in chapter_code(md_path.read_text(encoding="utf-8"))}
    return sessions.pop() if len(sessions) == 1 else None


def exercise_markdown(item: ex.Exercise, page: str, site_url: str) -> str:
    """An exercise's cell: its heading, statement and hints (each closed until opened)."""
    heading = f"### Exercise {item.number} {item.name} {'★' * item.stars}"
    parts = [heading, prose_to_jupyter(item.statement, page, site_url).strip()]
    for k, hint in enumerate(item.hints, start=1):
        body = prose_to_jupyter(hint, page, site_url).strip()
        parts.append(f"<details><summary>Hint {k}</summary>\n\n{body}\n\n</details>")
    return "\n\n".join(parts)


def exercise_skeleton(number: str) -> str:
    """The code cell under a checkable exercise: a start that runs as it stands, and the line
    that checks it (which says "not done yet" until the reader has written the answer)."""
    from nnbook.exercises import exercise_of

    return exercise_of(number).skeleton().rstrip("\n")


def build_notebook(
    md_path: Path, site_url: str = DEFAULT_SITE_URL, version: str | None = None
) -> str | None:
    """The notebook JSON for one chapter, or None when the chapter executes no code.

    Its first code cell installs the package at ``version`` (the book's: :func:`book_version`)
    where it is missing. Each exercise becomes its statement and hints (without the solution)
    and a code cell: for a checkable exercise, a skeleton that ends with the line checking it;
    else empty."""
    text = md_path.read_text(encoding="utf-8")
    page = md_path.name
    blocks = chapter_code(text)
    if not blocks:
        return None
    stem = md_path.stem
    title = page_title(text, stem.replace("-", " ").capitalize())
    chapter_url = site_url + page_url(page)
    version = version or book_version()
    intro = (
        f"# {title}\n\n"
        f"Companion notebook of the chapter [{title}]({chapter_url}) of *nnbook*: "
        "the chapter's code, in the chapter's order, with its prose in between. "
        "It is generated from the chapter by `scripts/make_notebooks.py`; edit the chapter, "
        "not this file.\n\n"
        f"It needs the `nnbook` package, version {version}: the first code cell installs it "
        f"where it is missing (as on Colab). In a clone of the repository, run `{INSTALL}` "
        "instead. Then run the cells from top to bottom."
    )
    cells = [_cell("markdown", intro, f"{stem}-title")]

    def add(kind: str, source: str, line: int | None = None) -> None:
        """Append a cell, numbered after the title cell: ``<stem>-001``, ``<stem>-002``..."""
        cells.append(_cell(kind, source, f"{stem}-{len(cells):03d}", line))

    def add_prose(chunk: str) -> None:
        prose = prose_to_jupyter(chunk, page, site_url)
        if prose.strip():
            add("markdown", prose)

    # the front matter and the title are left out: the title cell replaces them
    items: list[tuple[int, int, ExecBlock | ex.Exercise | None]] = [
        (start, end, None) for start, end in head_spans(text)
    ]
    items += [(b.start, b.end, b) for b in blocks]
    items += [(e.start, e.end, e) for e in ex.find_exercises(text, page)]
    pos = 0
    for start, end, item in sorted(items, key=lambda t: t[0]):
        add_prose(text[pos:start])
        pos = end
        if isinstance(item, ExecBlock):
            add("code", item.code.rstrip("\n"), item.line)
        elif isinstance(item, ex.Exercise):
            add("markdown", exercise_markdown(item, page, site_url))
            add("code", exercise_skeleton(item.number) if item.check_call else "")
    add_prose(text[pos:])
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    install = new_code_cell(  # type: ignore[no-untyped-call]
        install_cell(code, version),
        id=f"{stem}-install",
        metadata={"nnbook": {"role": INSTALL_ROLE}},
    )
    cells.insert(1, install)  # the first code cell
    metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "nnbook": {"generated_from": f"docs/{page}"},
    }
    notebook = new_notebook(cells=cells, metadata=metadata)  # type: ignore[no-untyped-call]
    # nbformat's on-disk layout, with the final newline that nbformat.write adds
    return nbformat.writes(notebook) + "\n"  # type: ignore[no-untyped-call]


def chapter_paths(docs: Path = DOCS) -> list[Path]:
    """The chapters in ``docs``, without their translations (``perceptron.ko.md``): the
    notebooks are made from the English pages."""
    return sorted(p for p in docs.glob("*.md") if p.name not in SKIP_PAGES and len(p.suffixes) == 1)


def notebook_stem(page_stem: str) -> str:
    """File name (without .ipynb) of a chapter's notebook. ``index`` is renamed: MkDocs would
    make ``notebooks/index.ipynb`` the index page of the ``notebooks/`` directory."""
    return "introduction" if page_stem == "index" else page_stem


def chapter_of(notebook: Path) -> Path:
    """The chapter a generated notebook comes from (``docs/notebooks/x.ipynb`` -> ``docs/x.md``)."""
    meta = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["nnbook"]
    return notebook.parent.parent / Path(meta["generated_from"]).name


def expected_notebooks(docs: Path = DOCS, site_url: str = DEFAULT_SITE_URL) -> dict[Path, str]:
    """Map notebook path -> content for every chapter that executes code."""
    out = {}
    for md in chapter_paths(docs):
        nb = build_notebook(md, site_url)
        if nb is not None:
            out[docs / NOTEBOOK_DIR / f"{notebook_stem(md.stem)}.ipynb"] = nb
    return out


def chapter_notebooks(docs: Path = DOCS) -> dict[str, str]:
    """Map chapter file name -> notebook stem, for the chapters that execute code."""
    return {
        md.name: notebook_stem(md.stem)
        for md in chapter_paths(docs)
        if chapter_code(md.read_text(encoding="utf-8"))
    }


def _generated_by_us(path: Path) -> bool:
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return "generated_from" in meta.get("nnbook", {})


def sync(
    docs: Path = DOCS,
    site_url: str = DEFAULT_SITE_URL,
    check: bool = False,
    expected: dict[Path, str] | None = None,
) -> list[str]:
    """Write (or with ``check``, only compare) the notebooks; return the changed paths.
    ``expected`` is :func:`expected_notebooks` when the caller has it already."""
    if expected is None:
        expected = expected_notebooks(docs, site_url)
    changed: list[str] = []
    for path, content in expected.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            changed.append(str(path))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    nb_dir = docs / NOTEBOOK_DIR
    for path in sorted(nb_dir.glob("*.ipynb")) if nb_dir.is_dir() else []:
        if path not in expected and _generated_by_us(path):
            changed.append(str(path))
            if not check:
                path.unlink()
    return changed


def site_url_from_config(config: Path = REPO / "mkdocs.yml") -> str:
    """``site_url`` of mkdocs.yml, read by MkDocs' own YAML loader (``!ENV`` tags, ``INHERIT``),
    with a trailing slash; :data:`DEFAULT_SITE_URL` when it has none."""
    url = _config_value(config, "site_url") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def repo_url_from_config(config: Path = REPO / "mkdocs.yml") -> str | None:
    """``repo_url`` of mkdocs.yml (where the "Open in Colab" links point), or None."""
    return _config_value(config, "repo_url")


def book_config(config: Path = REPO / "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its ``!ENV`` tags, ``INHERIT``)."""
    with config.open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml_load(file)
    return loaded


def _config_value(config: Path, key: str) -> str | None:
    """A setting of mkdocs.yml (:func:`book_config`), or None."""
    value = book_config(config).get(key)
    return str(value) if value else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale notebooks")
    args = parser.parse_args(argv)
    changed = sync(DOCS, site_url_from_config(), check=args.check)
    for path in changed:
        verb = "stale" if args.check else ("wrote" if Path(path).exists() else "removed")
        print(f"{verb}: {Path(path).relative_to(REPO)}")
    if args.check and changed:
        print("run: python scripts/make_notebooks.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
