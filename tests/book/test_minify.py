"""book/minify.py: comments and indentation go, everything else stays; the site's browser tests
run on the minified files."""

from __future__ import annotations

from pathlib import Path

import pytest

from book import minify
from book.paths import DOCS


def test_css_loses_comments_and_indentation_only() -> None:
    text = (
        '/* a comment\n   on two lines */\n.a {\n  color: red; /* inline */\n}\n\n.b { x: "y" }\n'
    )
    assert minify.css(text) == '.a {\ncolor: red;\n}\n.b { x: "y" }\n'


def test_js_loses_comment_lines_and_keeps_code() -> None:
    text = "// what it does\nconst a = 1; // why\n\n  if (a) {\n    // note\n    f(`x`);\n  }\n"
    assert minify.js(text) == "const a = 1; // why\nif (a) {\nf(`x`);\n}\n"


def test_a_template_string_over_lines_is_refused() -> None:
    with pytest.raises(ValueError, match="template string"):
        minify.js("const s = `a\n  b`;\n")


@pytest.mark.parametrize("path", sorted((DOCS / "javascripts").rglob("*.js")), ids=lambda p: p.name)
def test_every_script_of_the_book_can_be_minified(path: Path) -> None:
    out = minify.js(path.read_text(encoding="utf-8"))
    assert len(out) < path.stat().st_size and "\n//" not in out


def test_the_sitemap_loses_its_indentation_and_keeps_every_element(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n<urlset>\n    <url>\n        <loc>https://x/a b/</loc>\n'
        '        <xhtml:link rel="alternate" hreflang="ko" href="https://x/ko/"/>\n    </url>\n'
        "</urlset>\n"
    )
    (tmp_path / "sitemap.xml").write_text(text, encoding="utf-8")
    assert minify.site(tmp_path, [], []) == 24
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == (
        '<?xml version="1.0"?>\n<urlset>\n<url>\n<loc>https://x/a b/</loc>\n'
        '<xhtml:link rel="alternate" hreflang="ko" href="https://x/ko/"/>\n</url>\n</urlset>\n'
    )


@pytest.mark.parametrize("name", ["extra.css", "cover.css"])
def test_the_stylesheets_keep_every_rule(name: str) -> None:
    text = (DOCS / "stylesheets" / name).read_text(encoding="utf-8")
    out = minify.css(text)
    assert out.count("{") == text.count("{") - sum(
        c.count("{") for c in minify._CSS_COMMENT.findall(text)
    )
    assert "/*" not in out and len(out) < 0.8 * len(text)


def test_a_page_loses_indentation_but_not_inside_pre() -> None:
    page = "<div>\n    <p>a\n      b</p>\n<pre><code>x\n    y</code></pre>\n  <textarea>\n  t</textarea>\n"
    assert minify.html(page) == (
        "<div>\n<p>a\nb</p>\n<pre><code>x\n    y</code></pre>\n<textarea>\n  t</textarea>\n"
    )
