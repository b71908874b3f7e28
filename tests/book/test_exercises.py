"""Every chapter ends with exercises that follow the book's markup (book/exercises.py).

Per chapter: at least six, numbered ``<chapter>.1, .2, ...``; a derivation, an exercise with
code, and an open-ended extension among them; one or two hints and a solution for each; at
least two solutions that run code with assertions at build (a wrong one fails the strict
build, which the test session runs once: tests/site/test_build.py).

The checkable exercises (``nnbook.exercises.checkable()``) show the line that checks a
reader's answer, in each language, and their solutions assert that the same check passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book.exercises import KINDS, ExerciseError, anchor, find_exercises, index_markdown
from book.paths import DOCS
from nnbook.exercises import checkable, exercise_of
from nnbook.exercises._core import REGISTRY

CHAPTERS = {
    "perceptron.md": 1,
    "xor.md": 2,
    "universal-approximation.md": 3,
    "backpropagation.md": 4,
    "activations.md": 5,
    "losses.md": 6,
    "training.md": 7,
    "initialisation.md": 8,
    "digits.md": 9,
}


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c[:-3] for c in CHAPTERS])
def test_chapter_exercises(chapter: str) -> None:
    text = (DOCS / chapter).read_text(encoding="utf-8")
    found = find_exercises(text, chapter)
    assert len(found) >= 6, f"{chapter}: {len(found)} exercises, at least 6 wanted"
    numbers = [ex.number for ex in found]
    assert numbers == [f"{CHAPTERS[chapter]}.{k}" for k in range(1, len(found) + 1)], numbers
    kinds = {ex.kind for ex in found}
    assert "derivation" in kinds and "extension" in kinds, f"{chapter}: kinds {kinds}"
    assert kinds & {"coding", "predict"}, f"{chapter}: no coding or predict exercise"
    assert all(ex.solution.strip() for ex in found), "an exercise without a solution"
    assert sum(ex.checked for ex in found) >= 2, f"{chapter}: fewer than 2 checked solutions"
    assert text.index("## Exercises") < found[0].start, "exercises outside the section"


LANGS = {"en": "", "ko": ".ko"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c[:-3] for c in CHAPTERS])
def test_hints_and_the_check_line(chapter: str, lang: str) -> None:
    """One or two hints each; a check line exactly where ``check`` can check the answer."""
    page = chapter[:-3] + LANGS[lang] + ".md"
    found = find_exercises((DOCS / page).read_text(encoding="utf-8"), page)
    for ex in found:
        assert 1 <= len(ex.hints) <= 2 and all(h.strip() for h in ex.hints), f"{ex.number} hints"
        assert ex.number in REGISTRY, f"{ex.number} is not registered in nnbook.exercises"
        want = exercise_of(ex.number).call(lang) if ex.number in checkable() else None
        assert ex.check_call == want, ex.number
        if want:  # the build runs the same check on the book's solution
            assert f'assert check("{ex.number}", ' in ex.solution and "quiet=True" in ex.solution
    chapter_number = str(CHAPTERS[chapter])
    registered = [n for n in REGISTRY if n.split(".")[0] == chapter_number]
    assert sorted(registered) == sorted(ex.number for ex in found), "registered, not in the book"


def test_numbers_are_unique_across_the_book() -> None:
    numbers = [
        ex.number
        for chapter in CHAPTERS
        for ex in find_exercises((DOCS / chapter).read_text(encoding="utf-8"), chapter)
    ]
    assert len(numbers) == len(set(numbers))


SAMPLE = """\
# Page

Text.

## Exercises

!!! exercise derivation "9.1 A sum ★★"
    Show that $1 + 1 = 2$.

    ??? solution "Solution"
        By definition.

!!! exercise coding "9.2 Code it ★"
    Write it.

    ```python title="Check your answer"
    check("9.2", my_code)
    ```

    ??? hint "Hint 1"
        Think.

    ??? solution "Solution"
        ```python exec="on" session="page"
        x = 1 + 1
        ```

        ```python exec="on" session="page"
        assert x == 2
        ```

After.
"""


def test_parser_reads_statement_solution_and_checks() -> None:
    first, second = find_exercises(SAMPLE, "page.md")
    assert (first.number, first.name, first.stars, first.kind) == ("9.1", "A sum", 2, "derivation")
    assert first.statement == "Show that $1 + 1 = 2$.\n"
    assert first.solution == "By definition.\n"
    assert not first.checked and second.checked
    assert (first.hints, first.check_call) == ((), None)
    assert (second.hints, second.check_call) == (("Think.\n",), 'check("9.2", my_code)')
    assert second.statement == "Write it.\n"
    assert SAMPLE[second.start : second.end].rstrip().endswith("```")
    assert SAMPLE[second.end :].strip() == "After."
    assert anchor(second.number) == "exercise-9-2"


@pytest.mark.parametrize(
    "head",
    [
        '!!! exercise "9.1 No kind ★"',
        '!!! exercise proof "9.1 Unknown kind ★"',
        '!!! exercise coding "No number ★"',
        '!!! exercise coding "9.1 No stars"',
        '!!! exercise coding "9.1 Four stars ★★★★"',
    ],
)
def test_bad_markup_names_the_page_and_line(head: str) -> None:
    with pytest.raises(ExerciseError, match=r"page\.md:3"):
        find_exercises(f"# Page\n\n{head}\n    Text.\n", "page.md")


def test_a_hint_after_the_solution_names_the_page_and_line() -> None:
    late = SAMPLE.replace('    ??? hint "Hint 1"\n        Think.\n\n', "") + (
        '    ??? hint "Hint 1"\n        Too late.\n'
    )
    late = late.replace("\nAfter.\n", "\n")
    with pytest.raises(
        ExerciseError, match=r"page\.md:\d+: exercise 9\.2: the check line, the hints"
    ):
        find_exercises(late, "page.md")


def test_index_lists_every_exercise(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(SAMPLE, encoding="utf-8")
    index = index_markdown(tmp_path, ["page.md"])
    assert "## [Page](page.md#exercises)" in index
    assert f"| [9.1 A sum](page.md#exercise-9-1) | {KINDS['derivation']} | ★★ |  |" in index
    assert "| [9.2 Code it](page.md#exercise-9-2) | coding | ★ | ✓ |" in index
