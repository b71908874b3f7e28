"""The exercises at the end of the chapters: found in the Markdown, indexed, kept out of notebooks.

An exercise is an admonition of type ``exercise`` whose first class after it is its kind, with
a title "number, name, difficulty", and its solution is a collapsible admonition of type
``solution`` inside it::

    !!! exercise coding "1.3 Checking the subgradient inequality ★★"
        The statement.

        ```python title="Check your answer"
        check("1.3", my_function)
        ```

        ??? hint "Hint 1"
            A nudge.

        ??? hint "Hint 2"
            A bigger step.

        ??? solution "Solution"
            The solution, with executed blocks whose assertions check it.

The check line, a block titled "Check your answer", is what a reader runs to check an answer
with :func:`nnbook.exercises.check` (only a checkable exercise has one). One or two hints,
"Hint 1" and "Hint 2", come before the solution.

Kinds: ``derivation``, ``coding``, ``predict`` ("predict, then run") and ``extension`` (an
open-ended one). Difficulty: one to three stars. Numbers are ``<chapter>.<k>``.

Usage::

    for ex in find_exercises(Path("docs/perceptron.md").read_text(), "perceptron.md"):
        print(ex.number, ex.kind, ex.stars, ex.name, ex.checked)
    markdown = index_markdown(Path("docs"), ["perceptron.md", "xor.md"])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from book.chapter import Admonition, Fence, find_admonitions, find_fences, page_title
from book.i18n import DEFAULT, LANGUAGES, translation, ui_text

INDEX = "exercises.md"
"""The "All exercises" page, made from the chapters (book/site/generated.py)."""

__all__ = ["KINDS", "Exercise", "ExerciseError", "anchor", "find_exercises", "index_markdown"]

KINDS = {
    "derivation": "derivation",
    "coding": "coding",
    "predict": "predict, then run",
    "extension": "open-ended extension",
}
"""Kind of exercise -> how the index names it."""

_TITLE = re.compile(r"^(?P<number>\d+\.\d+)[ \t]+(?P<name>.+?)[ \t]+(?P<stars>★{1,3})$")
_TITLES = {"solution": "Solution", "hint": "Hint", "check": "Check your answer"}
"""English titles; the other languages': "exercises.<name>" of their ui.yml."""


def _titles(name: str) -> frozenset[str]:
    """The title of a solution (``name="solution"``), a hint or the check line, in each of the
    book's languages."""
    others = [ui_text(lang)[f"exercises.{name}"] for lang in LANGUAGES if lang != DEFAULT]
    return frozenset([_TITLES[name], *others])


@dataclass(frozen=True)
class _Titles:
    solution: frozenset[str]
    hint: frozenset[str]
    check: frozenset[str]

    def is_hint(self, title: str | None) -> bool:
        word, _, number = (title or "").rpartition(" ")
        return word in self.hint and number in ("1", "2")


class ExerciseError(ValueError):
    """An exercise that does not follow the markup (the message names the page and line)."""


@dataclass(frozen=True)
class Exercise:
    chapter: str  # the chapter's file name, e.g. "perceptron.md"
    number: str  # "1.2"
    name: str
    stars: int
    kind: str
    statement: str  # Markdown, de-indented
    solution: str  # Markdown, de-indented ("" when there is none)
    hints: tuple[str, ...]  # Markdown, de-indented, in order
    check_call: str | None  # the check line's code (None: the exercise has none)
    start: int  # character offsets of the admonition in the chapter
    end: int
    line: int  # 1-based line of its first line

    @property
    def checked(self) -> bool:
        """Whether the solution runs code with assertions at build."""
        return any(f.executed and "assert" in f.code for f in find_fences(self.solution))


def anchor(number: str) -> str:
    """The HTML id of exercise ``number`` on its chapter page: ``1.2`` -> ``exercise-1-2``."""
    return "exercise-" + number.replace(".", "-")


def _body(text: str, admonition: Admonition) -> str:
    """An admonition's body (``text``, a part of it), de-indented, ending with a newline."""
    width = len(admonition.indent) + 4
    body = "\n".join(ln[width:] if ln.strip() else "" for ln in text.split("\n"))
    return body.strip("\n") + "\n" if body.strip() else ""


def _exercise(
    text: str, chapter: str, admonition: Admonition, titles: _Titles, fences: list[Fence]
) -> Exercise:
    """The exercise that ``admonition`` of ``text`` is; raise :class:`ExerciseError` on bad markup."""
    kind = admonition.classes[1:2]
    title = _TITLE.match((admonition.title or "").strip())
    if not kind or kind[0] not in KINDS or not title:
        head = text[admonition.start : admonition.body_start].rstrip("\r\n")
        raise ExerciseError(
            f"{chapter}:{admonition.line}: expected "
            f'!!! exercise <{"|".join(KINDS)}> "<n.k> <title> <★ to ★★★>", got {head!r}'
        )
    solution = next(
        (
            a
            for a in admonition.children
            if a.classes == ("solution",) and a.title in titles.solution
        ),
        None,
    )
    hints = [a for a in admonition.children if a.classes == ("hint",) and titles.is_hint(a.title)]
    inner = [(a.start, a.end) for a in admonition.children]
    check = next(
        (
            f
            for f in fences
            if admonition.start < f.start < admonition.end
            and not any(a <= f.start < z for a, z in inner)
            and f.language == "python"
            and f.attrs.get("title") in titles.check
        ),
        None,
    )
    order = [f.start for f in [check] if f] + [a.start for a in [*hints, solution] if a]
    if order != sorted(order):
        raise ExerciseError(
            f"{chapter}:{admonition.line}: exercise {title['number']}: the check line, the "
            "hints and the solution go in this order, after the statement"
        )
    # the statement: the body without the check line, the hints and the solution
    cut = [(a.start, a.end) for a in [check, *hints, solution] if a]
    statement, pos = "", admonition.body_start
    for a, z in sorted(cut):
        statement, pos = statement + text[pos:a], z
    statement += text[pos : admonition.end]
    return Exercise(
        chapter=chapter,
        number=title["number"],
        name=title["name"],
        stars=len(title["stars"]),
        kind=kind[0],
        statement=_body(re.sub(r"\n\s*\n(\s*\n)+", "\n\n", statement), admonition),
        solution=_body(text[solution.body_start : solution.end], solution) if solution else "",
        hints=tuple(_body(text[h.body_start : h.end], h) for h in hints),
        check_call=check.code.strip() if check else None,
        start=admonition.start,
        end=admonition.end,
        line=admonition.line,
    )


def find_exercises(text: str, chapter: str) -> list[Exercise]:
    """The exercises of a chapter, in page order; raise :class:`ExerciseError` on bad markup."""
    titles = _Titles(_titles("solution"), _titles("hint"), _titles("check"))
    fences = find_fences(text)
    return [
        _exercise(text, chapter, admonition, titles, fences)
        for admonition in find_admonitions(text)
        if admonition.classes[0] == "exercise"
    ]


_INDEX_TEXT = {
    "exercises.title": "All exercises",
    "exercises.intro": "Every exercise of the book, by chapter. Each has one or two hints and "
    "a solution on its chapter's page, closed until you open them; the solutions that compute "
    "something are run when the site is built, and their assertions fail the build if they are "
    "wrong. Most exercises can check your own answer: run `from nnbook.exercises import check`, "
    "then the exercise's \"Check your answer\" line. The book's solutions pass the same checks. "
    "The companion notebooks hold, under each exercise, a cell to start from that ends with "
    "that line.",
    "exercises.legend": "Kinds: *derivation* (the solution is a derivation), *coding* (write or "
    "change code that uses nnbook), *predict, then run* (say what a block does before running "
    "it), *open-ended extension* (harder, with more than one good answer). Difficulty: ★ to ★★★.",
    "exercises.column.exercise": "Exercise",
    "exercises.column.kind": "Kind",
    "exercises.column.difficulty": "Difficulty",
    "exercises.column.check": "Checks your answer",
    **{f"exercises.kind.{kind}": name for kind, name in KINDS.items()},
}
"""The English text of the exercise index; other languages': their ``ui.yml``, same names."""


def index_markdown(docs: Path, chapters: list[str], language: str = "en") -> str:
    """The "All exercises" page in ``language``: one table per chapter, linking every exercise
    (of the chapter's translation, ``docs/<chapter>.<language>.md``, where there is one)."""
    text_of = _INDEX_TEXT if language == DEFAULT else ui_text(language)
    out = [f"# {text_of['exercises.title']}", ""]
    out += [text_of["exercises.intro"], "", text_of["exercises.legend"], ""]
    columns = ("exercise", "kind", "difficulty", "check")
    header = " | ".join(text_of[f"exercises.column.{c}"] for c in columns)
    for chapter in chapters:
        text = translation(docs, chapter, language).read_text(encoding="utf-8")
        exercises = find_exercises(text, chapter)
        if not exercises:
            continue
        title = page_title(text, chapter)
        out += [f"## [{title}]({chapter}#exercises)", ""]
        out += [f"| {header} |", "| --- | --- | --- | :---: |"]
        for ex in exercises:
            link = f"[{ex.number} {ex.name}]({chapter}#{anchor(ex.number)})"
            kind, checks = text_of[f"exercises.kind.{ex.kind}"], "✓" if ex.check_call else ""
            out.append(f"| {link} | {kind} | {'★' * ex.stars} | {checks} |")
        out.append("")
    return "\n".join(out)
