r"""Lines that break a formula: the Markdown lint the build runs on every chapter.

Python-Markdown, which renders the pages, reads block structure before it looks at math. A line
inside a formula that begins like a block of its own ends the formula there, and the reader sees
raw TeX: in a list item,

    - the squared norm grows slowly, $\lVert w \rVert^2 = \lVert v \rVert^2
      + 2\sum_n \dots$

makes ``+ 2\sum…`` a second list item and leaves ``$\lVert w…`` as text. The lint reports every
line that is inside a formula (``$…$`` or ``$$…$$`` left open on an earlier line of the same
paragraph) and that Python-Markdown reads as the start of something else:

- a blank line (it ends the paragraph, and the formula with it);
- a code fence (```` ``` ```` or ``~~~``), anywhere;
- a list item (``-``, ``+``, ``*``, ``1.``) in a paragraph that begins with a list item: the
  list splits such a paragraph at every line that begins like an item (in other paragraphs, and
  in a ``$$`` block that begins its paragraph, such a line is text);
- a heading (``#``) in a paragraph that does not begin with a list item.

A ``$$`` block that begins its paragraph is read as one piece: only a blank line or a code
fence ends it.

tests/book/test_mdlint.py renders each case with Python-Markdown and checks that the lint flags
exactly the lines that leave TeX on the page. Code fences and code spans are skipped.

Usage::

    for problem in lint(markdown):
        print(f"docs/perceptron.md:{problem.line}: {problem.message}")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Problem", "lint"]

_ITEM = re.compile(r"([-+*]|\d+[.)])\s")
_HEADING = re.compile(r"#{1,6}(\s|$)")
_BOX = re.compile(r"(!!!|\?\?\?\+?)\s")  # an admonition's or a details block's first line
_FENCE = re.compile(r"(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_DOLLARS = re.compile(r"(?<!\\)\$\$?")


@dataclass(frozen=True)
class Problem:
    """A line (1-based) that would end the formula it is in, and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _breaks(text: str, list_paragraph: bool, display_block: bool) -> str | None:
    """What Python-Markdown reads a line of an open formula as, if it ends the formula."""
    if not text:
        return "a blank line"
    if _FENCE.match(text):
        return "a code fence"
    if display_block:  # a $$ block that begins its paragraph is read as one piece
        return None
    if list_paragraph and _ITEM.match(text):
        return "a new list item"
    if not list_paragraph and _HEADING.match(text):
        return "a heading"
    return None


def lint(markdown: str) -> list[Problem]:
    """Every line of ``markdown`` that Python-Markdown would read as the start of a new block
    while a formula is open (see the module's docstring)."""
    problems: list[Problem] = []
    fence: str | None = None  # the marker of the code fence we are in
    open_math: str | None = None  # "$" or "$$" while a formula is open
    list_paragraph = False  # the paragraph began with a list item
    display_block = False  # the open formula is a $$ block that began its paragraph
    previous_blank = True
    for number, line in enumerate(markdown.splitlines(), start=1):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence, previous_blank = None, True
            continue
        first = previous_blank and bool(stripped)
        if first:
            list_paragraph = _ITEM.match(stripped) is not None
        previous_blank = not stripped or _BOX.match(stripped) is not None
        if open_math is not None:
            what = _breaks(stripped, list_paragraph, display_block)
            if what is not None:
                kind = "display formula ($$)" if open_math == "$$" else "formula ($)"
                problems.append(
                    Problem(
                        number,
                        f"this line is inside a {kind} but Markdown reads it as {what}, which "
                        "ends the formula and shows raw TeX: join it to the line above or "
                        "begin it differently (e.g. move a leading operator up)",
                    )
                )
                open_math = None
                if _FENCE.match(stripped) is None:
                    continue
        if (m := _FENCE.match(stripped)) is not None:
            fence = m.group(1)
            continue
        if not stripped:
            continue
        text = _CODE_SPAN.sub("", line)
        for m in _DOLLARS.finditer(text):
            token = m.group()
            if open_math is None:
                if text[m.end() : m.end() + 1] != " ":  # "$ 5" opens nothing (arithmatex)
                    open_math = token
                    display_block = first and token == "$$" and text.lstrip().startswith("$$")
            elif token == open_math:
                open_math = None
    return problems
