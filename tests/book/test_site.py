"""The build's steps (book/site/), each on its own, without a site generator: milliseconds each.

Whole builds through MkDocs (tests/site/test_build.py) check that the adapter calls them; here
each step's input and output.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from markdown import Markdown as PythonMarkdown
from markdown_exec import ExecutionError
from mkdocs.utils import get_relative_url

from book import cache, i18n, mathml
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


def test_the_notebooks_get_one_page_in_reading_order_and_no_nav_entries(tmp_path: Path) -> None:
    """The build lists every notebook on the "Notebooks" page, in the nav's order (not the
    files'), in each language, and adds none of them to the nav."""
    docs = tmp_path / "docs"
    docs.mkdir()
    run = '```python exec="on" session="{0}"\nprint("{0}")\n```\n'
    (docs / "b-first.md").write_text("# First\n\n" + run.format("b"), encoding="utf-8")
    (docs / "a-second.md").write_text("# Second\n\n" + run.format("a"), encoding="utf-8")
    (docs / "a-second.ko.md").write_text("# 둘째\n\n" + run.format("a"), encoding="utf-8")
    (docs / "prose.md").write_text("# No code\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: https://o.github.io/r/\nrepo_url: https://github.com/o/r\n")
    site_nav = ["prose.md", "b-first.md", {"Second": "a-second.md"}, {"API": "reference.md"}]
    before = json.dumps(site_nav)
    plugins: dict = {"mkdocs-jupyter": {}, "i18n": {}}
    Build(config, docs, tmp_path / "site").configure(site_nav, plugins, fences=[], stylesheets=[])
    assert json.dumps(site_nav) == before, "the nav holds no notebook"
    english = (docs / "notebooks.md").read_text(encoding="utf-8")
    rows = [line for line in english.splitlines() if line.startswith("- **[")]
    assert [row.split("]")[0] for row in rows] == ["- **[First", "- **[Second"]
    assert '<a href="b-first/b-first.ipynb" download>' in rows[0]
    colab = "https://colab.research.google.com/github/o/r/blob/main/docs/notebooks/b-first.ipynb"
    assert '<a href="b-first/">' in rows[0] and f'<a href="{colab}">' in rows[0]
    korean = (docs / "notebooks.ko.md").read_text(encoding="utf-8")
    assert "- **[둘째](a-second.md)**: " in korean
    assert '<a href="../../notebooks/a-second/">' in korean
    assert sorted(p.name for p in (docs / "notebooks").glob("*.ipynb")) == [
        "a-second.ipynb",
        "b-first.ipynb",
    ]


def test_the_covers_pdf_links_name_the_version_from_the_covers_place() -> None:
    english, korean = generated.pdf_links("en", "1.2.3"), generated.pdf_links("ko", "1.2.3")
    assert english.index('href="pdf/nnbook-1.2.3-en.pdf"') < english.index("-1.2.3-ko.pdf")
    assert korean.index('href="../pdf/nnbook-1.2.3-ko.pdf"') < korean.index(
        "../pdf/nnbook-1.2.3-en.pdf"
    )


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


def test_the_korean_print_page_finds_the_figures_from_two_folders_deep() -> None:
    """print-site writes image paths for a print page one folder deep; the template's own
    (the logo, before the book) are right already."""
    html = (
        '<img src="../../figures/logo.svg"><div id="print-site-page">'
        '<p><img alt="A" src="../figures/a.svg" /></p></div>'
    )
    out = print_page.repair(html, "../../", {})
    assert out.count('src="../../figures/') == 2
    assert print_page.repair(html, "../", {}) == html


def chapter(key: str, title: str, body: str) -> str:
    """A chapter as print-site writes it into the print page."""
    return (
        f'<section class="print-page" id="{key}" heading-number="9">'
        f'<h1 id="{key}-t">{title}<a class="headerlink" href="#{key}-t">¶</a></h1>{body}</section>'
    )


def exercise(n: str, solution: str) -> str:
    return (
        f'<div class="admonition exercise" id="exercise-{n.replace(".", "-")}"><p>Do {n}.</p>'
        f'<details class="solution">\n<summary>Solution</summary>\n{solution}</details>\n</div>'
    )


FIGURE = '<p><img alt="{alt}" src="../figures/{alt}.svg" /></p>'
PRINTED = (
    "<html><head><title>B</title></head><body>"
    '<div id="print-site-page" class="x">'
    + chapter("intro", "Introduction", FIGURE.format(alt="i"))
    + chapter(
        "two",
        "Two",
        exercise("2.1", "<p>S1</p>") + FIGURE.format(alt="t") + exercise("2.2", "<p>S2</p>"),
    )
    + "</div></body></html>"
)
EDITION = print_page.Edition("1.2.3", "2027-01-02", "https://example.org/book/")


def test_the_print_page_becomes_a_book() -> None:
    out = print_page.as_book(PRINTED, "en", EDITION, "../stylesheets/print.css")
    assert '<link rel="stylesheet" href="../stylesheets/print.css">\n</head>' in out
    # the cover and the contents first; a chapter is numbered as its exercises are
    book = out[out.index('<div id="print-site-page"') :]
    cover = book[: book.index("</section>")]
    assert "Version 1.2.3, 2027-01-02" in cover and 'href="https://example.org/book/"' in cover
    contents = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', out)
    number = '<span class="nnbook-chapter-number">2</span> '
    assert contents == [("intro-t", "Introduction"), ("two-t", number + "Two")]
    assert f'<h1 id="two-t">{number}Two<a' in out and '<h1 id="intro-t">Introduction<a' in out
    # figures numbered through the book, captioned by their description
    captions = re.findall(r"<figcaption><strong>(.*?)</strong> (.*?)</figcaption>", out)
    assert captions == [("Figure 1.", "i"), ("Figure 2.", "t")]
    # each solution at the chapter's end, linked both ways, in order; no box left
    assert "<details" not in out
    two = out[out.index('id="two"') :]
    solutions = two.index('<h2 id="solutions-two-t">Solutions</h2>')
    assert solutions > two.index('alt="t"') and two.index("</section>") > solutions
    assert two.index("S1") < two.index("S2") and two.index("S1") > solutions
    assert '<p class="nnbook-solution-link"><a href="#solution-2-1">Solution 2.1</a></p>' in two
    assert '<div class="nnbook-solution" id="solution-2-2">' in two
    assert '<a href="#exercise-2-2">Solution 2.2</a>' in two


def test_a_print_page_the_book_cannot_be_made_of_is_an_error() -> None:
    with pytest.raises(ValueError, match="no book"):
        print_page.as_book(PRINTED.replace("print-site-page", "elsewhere"), "en", EDITION, "s")
    stray = PRINTED.replace('id="exercise-2-1"', 'id="e"')
    with pytest.raises(ValueError, match="Two: a solution outside an exercise"):
        print_page.as_book(stray, "en", EDITION, "s")
    untitled = PRINTED.replace('<h1 id="two-t">', "<h1>")
    with pytest.raises(ValueError, match="the chapter has no title"):
        print_page.as_book(untitled, "en", EDITION, "s")


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
    <link rel="stylesheet" href="../stylesheets/cover.css">
  </head>
  <body>
    <pre><code><span class="n">x</span><span class="w"> </span><span class="o">=</span></code></pre>
    <figure class="nnbook-widget" data-widget="demo"></figure>
  </body>
</html>
"""


def test_a_page_is_served_slim_minified_and_without_assets_it_does_not_use() -> None:
    out = postbuild.rewrite_page(PAGE, mathml.Typeset(), "en", printed=False)
    assert "_mkdocstrings.css" not in out and "print-site" not in out and "cover.css" not in out
    assert '<pre><code>x <span class="o">=</span></code></pre>' in out
    cover = PAGE.replace("<body>", '<body><div class="nnbook-cover">')
    assert "cover.css" in postbuild.rewrite_page(cover, mathml.Typeset(), "en", printed=False)
    assert "\n  <" not in out, "indentation left in"
    printed = postbuild.rewrite_page(PAGE, mathml.Typeset(), "en", printed=True)
    assert "print-site.css" in printed and "\n  <" in printed


def test_a_korean_widget_without_labels_fails_naming_the_pages_file(tmp_path: Path) -> None:
    page = tmp_path / "ko" / "demo" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    assert postbuild.language_of(page, tmp_path) == "ko"
    with pytest.raises(postbuild.PageError, match=r"^demo\.ko\.md: widget 'demo' has no labels"):
        postbuild.rewrite_pages(tmp_path, mathml.Typeset(), set(), {"ko/demo/": "demo.ko.md"})


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
    (site / "404.html").write_bytes(b"english 404")
    site_nav = ["one.md", {"API": "reference.md"}]
    print_site: dict[str, Any] = {"enabled": True, "print_page_basename": "print_page"}
    english.configure([], {"print-site": print_site}, fences=[], stylesheets=[])
    assert print_site["print_page_title"] == "The whole book"
    korean.configure(site_nav, {"print-site": print_site}, fences=[], stylesheets=[])
    assert site_nav[:2] == ["one.md", {"All exercises": "exercises.md"}]
    assert len(site_nav) == 3 and "glossary.md" in site_nav[2].values()
    # its print page under ko/, in Korean; the outermost build makes every language's a book
    assert print_site["print_page_basename"] == "ko/print_page"
    assert print_site["print_page_title"] == i18n.ui_text("ko")["print.title"]
    assert english.print_pages == [site / "print_page", site / "ko" / "print_page"]
    assert korean.dropped("reference.md") and not english.dropped("reference.md")
    assert korean.dropped("notebooks/one.ipynb") and not korean.dropped("one.md")
    assert (
        generated.is_generated("exercises.ko.md")
        and korean.edit_url("exercises.md", "r", "e", "x") is None
    )

    (site / "objects.inv").write_bytes(b"korean")
    (site / "404.html").write_bytes(b"korean 404")
    korean.post_build()  # inside the English build: only undoes
    assert site_nav == ["one.md", {"API": "reference.md"}]
    assert print_site["print_page_basename"] == "print_page"
    assert print_site["print_page_title"] == "The whole book"
    assert (site / "objects.inv").read_bytes() == b"english api"
    assert (site / "404.html").read_bytes() == b"english 404"
    assert korean.sources is english.sources


def test_a_page_is_marked_and_its_formulas_checked(docs: Path, tmp_path: Path) -> None:
    build = Build(tmp_path / "mkdocs.yml", docs, tmp_path / "site")
    build.configure(["one.md"], {}, fences=[], stylesheets=[])
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
