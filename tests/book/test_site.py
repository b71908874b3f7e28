"""The build's steps (book/site/), each on its own, without a site generator: milliseconds each.

Whole builds through MkDocs (tests/site/test_build.py) check that the adapter calls them; here
each step's input and output.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from markdown import Markdown as PythonMarkdown
from markdown_exec import ExecutionError
from mkdocs.utils import get_relative_url

from book import cache, mathml
from book.site import (
    Build,
    BuildError,
    content,
    generated,
    logs,
    markdown,
    nav,
    postbuild,
    print_page,
)

CHAPTER = """\
# Chapter one

```python exec="on" session="c"
print("top")
```

!!! exercise coding "1.1 Add ★"
    Add.

    ```python exec="on" session="c"
    print("nested")
    ```
"""


# ---- nav ---------------------------------------------------------------------------------


def test_the_exercise_index_goes_after_the_last_chapter_with_exercises_once() -> None:
    site = ["index.md", {"Part": ["a.md", "b.md"]}, "c.md", "reference.md"]
    with_index = nav.with_exercises(site, "exercises.md", "All exercises", ["a.md"])
    assert with_index == ["index.md", site[1], {"All exercises": "exercises.md"}, "c.md", site[3]]
    assert nav.with_exercises(with_index, "exercises.md", "All", ["c.md"]) == with_index
    assert nav.with_exercises(site, "exercises.md", "All", ["elsewhere.md"]) == site
    assert site == ["index.md", {"Part": ["a.md", "b.md"]}, "c.md", "reference.md"], "changed"


def test_the_notebooks_go_just_before_the_reference_once() -> None:
    site = ["index.md", {"API reference": "reference.md"}]
    books = ["notebooks/a.ipynb"]
    with_books = nav.with_notebooks(site, "Notebooks", books, before="reference.md")
    assert with_books == ["index.md", {"Notebooks": books}, site[1]]
    assert nav.with_notebooks(with_books, "Notebooks", books, before="reference.md") == with_books
    assert nav.with_notebooks(site, "Notebooks", [], before="reference.md") == site


def test_english_only_entries_leave_the_nav() -> None:
    site = ["index.md", {"Notebooks": ["notebooks/a.ipynb"]}, {"API": "reference.md"}]
    assert nav.without(site, ("reference.md", "notebooks/")) == ["index.md"]


# ---- markdown ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("notebooks/x/x.ipynb", "perceptron/"),
        ("notebooks/x/", "ko/perceptron/"),
        ("notebooks/x/", ""),
        ("perceptron/", "perceptron/"),
        ("ko/", "ko/xor/"),
    ],
)
def test_relative_urls_are_the_generators(url: str, page: str) -> None:
    assert markdown.relative_url(url, page) == get_relative_url(url, page or ".")


def test_a_formula_broken_by_a_block_line_names_file_and_line() -> None:
    assert markdown.lint_formulas("Fine $x$.\n", "a.md") is None
    broken = markdown.lint_formulas("Text\n\n$$\na\n\n- b\n$$\n", "a.md")
    assert broken is not None and "docs/a.md:" in broken


def test_only_top_level_executed_blocks_are_marked() -> None:
    marked = markdown.mark_exec_blocks(CHAPTER)
    assert marked.count('<div class="nnbook-exec"') == 1
    assert 'data-line="3" markdown="1">\n\n```python exec="on" session="c"\nprint("top")' in marked
    assert '    ```python exec="on" session="c"\n    print("nested")' in marked


def test_the_notebook_box_sits_under_the_title_in_the_pages_language() -> None:
    box = markdown.notebook_box("ko/xor/", "xor", "ko")
    assert 'href="../../notebooks/xor/xor.ipynb" download>' in box
    assert "Run this chapter yourself" not in box
    page = markdown.with_notebook_box(CHAPTER, box)
    assert page.startswith("# Chapter one\n\n" + box + "\n\n```python")


# ---- content -----------------------------------------------------------------------------


def test_each_exercise_gets_the_id_the_index_links_to() -> None:
    """In the Markdown rendering (book/exercise_ids.py), whatever the generator."""
    source = (
        '!!! exercise coding "2.3 Add ★"\n    Add.\n\n'
        '!!! note "2.4 Not an exercise"\n    No.\n\n'
        '!!! exercise "Unnumbered"\n    No id.\n'
    )
    html = PythonMarkdown(extensions=["admonition", "book.exercise_ids"]).convert(source)
    assert html.count(" id=") == 1
    assert '<div class="admonition exercise coding" id="exercise-2-3">\n<p ' in html


def test_a_notebook_page_loses_cdn_scripts_and_links_to_the_site_relatively() -> None:
    html = (
        "<h1>T</h1><!-- Load mathjax --><script src='https://cdn'></script>"
        '<!-- End of mathjax configuration --><a href="https://ex.org/book/xor/">x</a>'
    )
    out = content.notebook_page(html, "https://ex.org/book/", "notebooks/xor/", "<box>")
    assert out == '<h1>T</h1><box><a href="../../xor/">x</a>'
    box = content.notebook_page_box("xor", "xor/", "XOR", "notebooks/xor/")
    assert '<a href="../../xor/">XOR</a>' in box and 'href="xor.ipynb" download' in box


def test_the_toc_comes_from_the_headings_real_ids() -> None:
    html = (
        '<h1 id="t">Title<a class="anchor-link" href="#t">¶</a></h1>'
        '<h2 id="a"><code>fit</code> runs</h2><h3 id="b">B</h3><h2 id="c">C</h2>'
    )
    (title,) = content.toc_tokens(html)
    assert (title["id"], title["name"]) == ("t", "Title")
    assert [(t["id"], t["name"]) for t in title["children"]] == [("a", "fit runs"), ("c", "C")]
    assert [t["id"] for t in title["children"][0]["children"]] == ["b"]


# ---- the print page ----------------------------------------------------------------------


def test_the_print_page_drops_boxes_and_hints_and_points_dead_anchors_home(tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "index.html").write_text('<h2 id="nnbook.MLP">MLP</h2>')
    elsewhere = print_page.anchors_elsewhere(tmp_path, [tmp_path / "reference" / "index.html"])
    assert elsewhere == {"reference": "reference/", "nnbook.MLP": "reference/#nnbook.MLP"}
    html = (
        '<div class="admonition example nnbook-notebook"><p>run</p></div>\n'
        '<details class="hint">\n<summary>Hint 1</summary>\n<p>Look.</p>\n</details>\n'
        '<p id="exercise-6-1"></p><a href="#nnbook.MLP">a</a><a href="#losses-exercise-6-1">b</a>'
        '<a href="#nowhere">c</a>'
    )
    assert print_page.repair(html, "../", elsewhere) == (
        '<p id="exercise-6-1"></p><a href="../reference/#nnbook.MLP">a</a>'
        '<a href="#exercise-6-1">b</a><a href="#nowhere">c</a>'
    )


def test_renamed_ids_are_reused_from_the_store(tmp_path: Path) -> None:
    calls = []

    def rename(html: str, key: str) -> str:
        calls.append(key)
        return html.replace('id="', f'id="{key}-')

    ids = print_page.AnchorIds(rename, cache.Store(tmp_path))
    assert ids('<h2 id="a">', "xor") == '<h2 id="xor-a">'
    again = print_page.AnchorIds(rename, cache.Store(tmp_path))
    assert again('<h2 id="a">', "xor") == '<h2 id="xor-a">'
    assert calls == ["xor"] and (ids.renamed, again.renamed) == (1, 0)
    assert again.__wrapped__ is rename


# ---- after the build ---------------------------------------------------------------------

PAGE = """<html>
  <head>
    <link rel="stylesheet" href="../assets/_mkdocstrings.css">
    <link rel="stylesheet" href="../css/print-site.css">
  </head>
  <body>
    <pre><code><span class="n">x</span><span class="w"> </span><span class="o">=</span></code></pre>
    <figure class="nnbook-widget" data-widget="demo"></figure>
  </body>
</html>
"""


def test_a_page_is_served_slim_minified_and_without_assets_it_does_not_use() -> None:
    out = postbuild.rewrite_page(PAGE, mathml.Typeset(), "en", printed=False)
    assert "_mkdocstrings.css" not in out and "print-site" not in out
    assert '<pre><code>x <span class="o">=</span></code></pre>' in out
    assert "\n  <" not in out, "indentation left in"
    printed = postbuild.rewrite_page(PAGE, mathml.Typeset(), "en", printed=True)
    assert "print-site.css" in printed and "\n  <" in printed


def test_a_korean_widget_without_labels_fails_naming_the_pages_file(tmp_path: Path) -> None:
    page = tmp_path / "ko" / "demo" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    assert postbuild.language_of(page, tmp_path) == "ko"
    with pytest.raises(postbuild.PageError, match=r"^demo\.ko\.md: widget 'demo' has no labels"):
        postbuild.rewrite_pages(tmp_path, mathml.Typeset(), None, {"ko/demo/": "demo.ko.md"})


def test_notebook_css_is_stripped_once_then_reused(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    html = "<style>.jp-Nothing{color:red}.jp-Cell{color:blue}</style><div class='jp-Cell'></div>"
    store = cache.Store(tmp_path / "store")
    for made in (1, 0):
        page.write_text(html, encoding="utf-8")
        assert postbuild.strip_notebook_css([page], store) == made
        assert page.read_text(encoding="utf-8") == (
            "<style>.jp-Cell{color:blue}</style><div class='jp-Cell'></div>"
        )


def test_the_search_index_shows_formulas_as_text(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    doc = {"location": "", "title": r"On \(x^2\)", "text": r"<p>\(\alpha\) ok</p>"}
    index.write_text(json.dumps({"config": {}, "docs": [doc]}), encoding="utf-8")
    postbuild.readable_search_index(tmp_path)
    (out,) = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert "\\(" not in out["title"] + out["text"] and "α" in out["text"]


# ---- the log -----------------------------------------------------------------------------


def test_expected_warnings_and_chatty_plugins_are_quiet() -> None:
    def record(name: str, level: int, message: str) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, message, None, None)

    expected = record("mkdocs.plugins.mkdocs_static_i18n", logging.WARNING, logs.EXPECTED[0])
    assert not logs.Expected().filter(expected)
    assert logs.Expected().filter(record("mkdocs.x", logging.WARNING, "real trouble"))
    chatty = record("properdocs.plugins.mkdocs_jupyter", logging.INFO, "converted")
    assert not logs.QuietPlugins().filter(chatty)
    assert logs.QuietPlugins().filter(record(chatty.name, logging.WARNING, "bad"))


# ---- one build ---------------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.md").write_text(CHAPTER, encoding="utf-8")
    (docs / "reference.md").write_text("# API\n", encoding="utf-8")
    return docs


def test_the_korean_build_leaves_out_english_pages_and_undoes_its_changes(
    docs: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "objects.inv").write_bytes(b"english api")
    english = Build(tmp_path / "mkdocs.yml", docs, site)
    korean = Build(tmp_path / "mkdocs.yml", docs, site, language="ko", outer=english)
    site_nav = ["one.md", {"API": "reference.md"}]
    print_site, templates = {"enabled": True}, {"404.html", "sitemap.xml"}
    plugins = {"print-site": print_site}
    korean.configure(site_nav, plugins, templates, fences=[], stylesheets=[])
    assert site_nav[:2] == ["one.md", {"All exercises": "exercises.md"}]
    assert len(site_nav) == 3 and "glossary.md" in site_nav[2].values()
    assert print_site == {"enabled": False} and templates == {"sitemap.xml"}
    assert korean.dropped("reference.md") and not english.dropped("reference.md")
    assert korean.dropped("notebooks/one.ipynb") and not korean.dropped("one.md")
    assert (
        generated.is_generated("exercises.ko.md")
        and korean.edit_url("exercises.md", "r", "e", "x") is None
    )

    (site / "objects.inv").write_bytes(b"korean")
    korean.post_build()  # inside the English build: only undoes
    assert site_nav == ["one.md", {"API": "reference.md"}]
    assert print_site == {"enabled": True} and templates == {"404.html", "sitemap.xml"}
    assert (site / "objects.inv").read_bytes() == b"english api"
    assert korean.sources is english.sources


def test_a_page_is_marked_and_its_formulas_checked(docs: Path, tmp_path: Path) -> None:
    build = Build(tmp_path / "mkdocs.yml", docs, tmp_path / "site")
    build.configure(["one.md"], {}, set(), fences=[], stylesheets=[])
    assert build.exercise_chapters == ["one.md"]
    out = build.page_markdown("one.md", "one/", CHAPTER, CHAPTER)
    assert out == markdown.mark_exec_blocks(CHAPTER) and build.sources == {"one/": "one.md"}
    with pytest.raises(Exception, match=r"docs/one\.md:"):
        build.page_markdown("one.md", "one/", CHAPTER, "Text\n\n$$\na\n\n- b\n$$\n")
    html = '<div class="admonition exercise coding">\n<p class="admonition-title">1.1 Add</p>'
    assert build.page_content("one.md", "one/", html) == html


def test_a_raising_block_fails_the_build_unless_served(docs: Path, tmp_path: Path) -> None:
    """Whatever the generator does with markdown-exec's warning (strict or not), the build
    fails naming the page and the error; ``mkdocs serve`` shows the traceback instead."""
    for serving in (False, True):
        build = Build(tmp_path / "mkdocs.yml", docs, tmp_path / "site", serving=serving)
        build.page_markdown("one.md", "one/", CHAPTER, CHAPTER)
        with pytest.raises(ExecutionError):
            build.runner.run('raise ValueError("no 4471")', session="one")
        assert build.runner.failures == [
            "docs/one.md: <code block: session one; n1>: ValueError: no 4471"
        ]
        if serving:
            build.post_build()
        else:
            with pytest.raises(BuildError, match=r"docs/one\.md: .*ValueError: no 4471"):
                build.post_build()


def test_the_committed_generated_pages_are_up_to_date(stale_pages_at_start: list[str]) -> None:
    # checked when the session started: building the site rewrites them
    stale = stale_pages_at_start or generated.book_sync(check=True)
    assert not stale, f"out of date: {stale} -- run: python -m book.site.generated"


def test_generated_pages_say_where_they_come_from_and_are_rewritten(docs: Path) -> None:
    (docs / "exercises.md").write_text("# edited by hand\n", encoding="utf-8")
    assert generated.sync(docs, ["one.md"], ("en", "ko")) == [
        "exercises.md",
        "exercises.ko.md",
        "glossary.ko.md",
    ]
    index = (docs / "exercises.md").read_text(encoding="utf-8")
    assert index.startswith("---\ngenerated_from: the chapters' exercises")
    assert "[1.1 Add](one.md#exercise-1-1)" in index
    assert generated.sync(docs, ["one.md"], ("en", "ko"), check=True) == []
    assert generated.pages(docs, [], ("en",)) == {}, "no exercises, no Korean: nothing"
