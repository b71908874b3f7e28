"""How book/chapter.py reads a chapter: markdown-it, with the admonitions read as Python-Markdown
reads them, and offsets and lines that point back into the text."""

from __future__ import annotations

from book.chapter import find_admonitions, find_fences, head_spans, page_title

SOLUTION = """\
!!! exercise coding "9.1 Two blank lines ★"
    Statement.

    ??? solution "Solution"
        ```python exec="on" session="page"
        def f():
            return 1


        x = f()
        ```

        After the code.


Next paragraph.
"""


def test_two_blank_lines_in_a_solution_do_not_end_the_admonition() -> None:
    """PEP 8 wants two blank lines after a function: they stay inside the fence and the
    solution (mdit-py-plugins' admon plugin would end the admonition there)."""
    (fence,) = find_fences(SOLUTION)
    assert fence.code == "def f():\n    return 1\n\n\nx = f()\n"
    assert (fence.line, fence.indent, fence.session) == (5, "        ", "page")
    (exercise,) = find_admonitions(SOLUTION)
    (solution,) = exercise.children
    assert exercise.classes == ("exercise", "coding") and solution.classes == ("solution",)
    assert SOLUTION[solution.start : solution.end].rstrip().endswith("After the code.")
    assert SOLUTION[exercise.end :] == "\n\nNext paragraph.\n"  # trailing blank lines are out


def test_offsets_and_lines_point_into_the_text() -> None:
    text = "Intro.\r\n\r\n```py exec='1'\r\nx = 1\r\n```\r\nEnd.\n"
    (fence,) = find_fences(text)
    assert text[fence.start : fence.end] == "```py exec='1'\r\nx = 1\r\n```\r\n"
    assert (fence.line, fence.language, fence.attrs, fence.executed) == (
        3,
        "py",
        {"exec": "1"},
        True,
    )


def test_a_fence_inside_a_fence_is_text_and_an_open_fence_runs_to_the_end() -> None:
    text = '````markdown\n```python exec="on"\nnot_a_block()\n```\n````\n\n```python\nopen'
    outer, unclosed = find_fences(text)
    assert outer.language == "markdown" and "not_a_block()" in outer.code
    assert (unclosed.code, unclosed.end) == ("open\n", len(text))


def test_admonition_titles_and_markers() -> None:
    text = '!!! note\n    Body.\n\n???+ warning extra "A "quoted" title"\n    Body.\n'
    note, warning = find_admonitions(text)
    assert (note.title, note.line, text[note.body_start : note.end]) == (None, 1, "    Body.\n")
    assert warning.classes == ("warning", "extra") and warning.title == 'A "quoted" title'


def test_title_and_head_spans() -> None:
    text = "---\ntitle: x\n---\n```python\n# not a title\n```\n\n# The title { #top }\n\nText.\n"
    assert page_title(text, "fallback") == "The title"
    assert page_title("No heading.\n", "fallback") == "fallback"
    spans = head_spans(text)
    assert [text[a:b] for a, b in spans] == ["---\ntitle: x\n---\n", "# The title { #top }\n"]
