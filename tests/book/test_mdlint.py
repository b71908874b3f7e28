"""The Markdown lint (book/mdlint.py) flags exactly the lines that leave raw TeX on the page.

Each case is rendered by Python-Markdown with the block extensions the site uses; a case "leaks"
when text outside formulas and code still holds ``$`` or a TeX command. The lint must flag a
line of every case that leaks, and nothing in a case that does not.
"""

from __future__ import annotations

import re

import markdown
import pytest

from book.mdlint import lint
from book.paths import DOCS

EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "pymdownx.arithmatex",
    "pymdownx.details",
    "pymdownx.superfences",
]

# name: (markdown, the line the lint must flag, or None)
CASES = {
    "list item, inline formula, '+' line": ("- Item $a\n  + b$ end.\n", 2),
    "list item, unindented '+' line": ("- Item $a\n+ b$ end.\n", 2),
    "list item, '-' line indented 4": ("- Item $a\n    - b$ end.\n", 2),
    "second list item": ("- one\n- Item $a\n  + b$ end.\n", 3),
    "numbered item, '+' line": ("1. Item $a\n   + b$ end.\n", 2),
    "numbered item, '2.' line": ("1. Item $a\n   2. b$ end.\n", 2),
    "list item in an admonition": ("!!! note\n    - Item $a\n      + b$ end.\n", 3),
    "list item, $$ straight after": ("- Item\n    $$\n    a\n    - b\n    $$\n", 4),
    "paragraph, '#' line": ("Text $a\n# b$ end.\n", 2),
    "admonition paragraph, '#' line": ("!!! note\n    Text $a\n    # b$ end.\n", 3),
    "paragraph, code fence": ("Text $a\n```\nb$ end.\n```\n", 2),
    "display formula, blank line": ("$$\na\n\nb\n$$\n", 3),
    "paragraph, '+' line": ("Text $a\n+ b$ end.\n", None),
    "paragraph, '1.' line": ("Text $a\n1. b$ end.\n", None),
    "paragraph, '-' line": ("Text $a\n- b$ end.\n", None),
    "list item, '#' line": ("- Item $a\n  # b$ end.\n", None),
    "list item, second paragraph": ("- Item\n\n    Para $a\n    + b$ end.\n", None),
    "list item, $$ block after a blank line": ("- Item\n\n    $$\n    a\n    - b\n    $$\n", None),
    "$$ block, '-' line": ("Text\n\n$$\na\n- b\n$$\n", None),
    "$$ block, '#' line": ("Text\n\n$$\na\n# b\n$$\n", None),
    "$$ block in an admonition": ("!!! note\n    Text\n\n    $$\n    a\n    - b\n    $$\n", None),
    "code span": ("- Item `$a`\n  + b\n", None),
    "operator moved up": ("- Item $a +\n  b$ end.\n", None),
}

_HIDDEN = re.compile(r'<(span|div) class="arithmatex">.*?</\1>|<(pre|code)\b.*?</\2>', re.DOTALL)
_TEX = re.compile(r"\$|\\[A-Za-z]+")


def leaks(source: str) -> bool:
    html = markdown.markdown(
        source, extensions=EXTENSIONS, extension_configs={"pymdownx.arithmatex": {"generic": True}}
    )
    return bool(_TEX.search(re.sub(r"<[^>]+>", "", _HIDDEN.sub("", html))))


@pytest.mark.parametrize("name", CASES)
def test_the_lint_flags_exactly_what_python_markdown_breaks(name: str) -> None:
    source, line = CASES[name]
    assert leaks(source) == (line is not None), "the case no longer shows what it claims"
    assert [p.line for p in lint(source)] == ([line] if line else [])


def test_a_problem_names_the_line_and_what_markdown_reads() -> None:
    (problem,) = lint("- Slow growth: $\\lVert w \\rVert^2 = a\n  + 2\\sum_n b$.\n")
    assert problem.line == 2
    assert "new list item" in problem.message and "formula ($)" in problem.message


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_no_page_has_a_line_that_breaks_a_formula(page) -> None:
    assert [str(p) for p in lint(page.read_text(encoding="utf-8"))] == []
