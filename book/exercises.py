"""The exercises at the end of the chapters: found in the Markdown, indexed, kept out of notebooks.

An exercise is an admonition of type ``exercise`` whose first class after it is its kind, with
a title "number, name, difficulty", and its solution is a collapsible admonition of type
``solution`` inside it::

    !!! exercise derivation "1.2 The margin of a scaled separator ★★"
        The statement.

        ??? solution "Solution"
            The solution, with executed blocks whose assertions check it.

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

from book.chapter import Admonition, find_admonitions, find_fences, page_title
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
_SOLUTION_TITLE = "Solution"  # the other languages': "exercises.solution" of their ui.yml


def _solution_titles() -> frozenset[str]:
    """The title of a solution, in each of the book's languages."""
    others = [ui_text(lang)["exercises.solution"] for lang in LANGUAGES if lang != DEFAULT]
    return frozenset([_SOLUTION_TITLE, *others])


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
    text: str, chapter: str, admonition: Admonition, solutions: frozenset[str]
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
        (a for a in admonition.children if a.classes == ("solution",) and a.title in solutions),
        None,
    )
    if solution is None:
        statement, answer = text[admonition.body_start : admonition.end], ""
    else:
        statement = (
            text[admonition.body_start : solution.start] + text[solution.end : admonition.end]
        )
        answer = _body(text[solution.body_start : solution.end], solution)
    return Exercise(
        chapter=chapter,
        number=title["number"],
        name=title["name"],
        stars=len(title["stars"]),
        kind=kind[0],
        statement=_body(statement, admonition),
        solution=answer,
        start=admonition.start,
        end=admonition.end,
        line=admonition.line,
    )


def find_exercises(text: str, chapter: str) -> list[Exercise]:
    """The exercises of a chapter, in page order; raise :class:`ExerciseError` on bad markup."""
    solutions = _solution_titles()
    return [
        _exercise(text, chapter, admonition, solutions)
        for admonition in find_admonitions(text)
        if admonition.classes[0] == "exercise"
    ]


_INDEX_TEXT = {
    "exercises.title": "All exercises",
    "exercises.intro": "Every exercise of the book, by chapter. Each has a solution on its "
    "chapter's page, closed until you open it; the solutions that compute something are run "
    "when the site is built, and their assertions fail the build if they are wrong. The "
    "companion notebooks list the exercises with an empty cell under each.",
    "exercises.legend": "Kinds: *derivation* (the solution is a derivation), *coding* (write or "
    "change code that uses nnbook), *predict, then run* (say what a block does before running "
    "it), *open-ended extension* (harder, with more than one good answer). Difficulty: ★ to ★★★.",
    "exercises.column.exercise": "Exercise",
    "exercises.column.kind": "Kind",
    "exercises.column.difficulty": "Difficulty",
    **{f"exercises.kind.{kind}": name for kind, name in KINDS.items()},
}
"""The English text of the exercise index; other languages': their ``ui.yml``, same names."""


def index_markdown(docs: Path, chapters: list[str], language: str = "en") -> str:
    """The "All exercises" page in ``language``: one table per chapter, linking every exercise
    (of the chapter's translation, ``docs/<chapter>.<language>.md``, where there is one)."""
    text_of = _INDEX_TEXT if language == DEFAULT else ui_text(language)
    out = [f"# {text_of['exercises.title']}", ""]
    out += [text_of["exercises.intro"], "", text_of["exercises.legend"], ""]
    columns = ("exercise", "kind", "difficulty")
    header = " | ".join(text_of[f"exercises.column.{c}"] for c in columns)
    for chapter in chapters:
        text = translation(docs, chapter, language).read_text(encoding="utf-8")
        exercises = find_exercises(text, chapter)
        if not exercises:
            continue
        title = page_title(text, chapter)
        out += [f"## [{title}]({chapter}#exercises)", ""]
        out += [f"| {header} |", "| --- | --- | --- |"]
        for ex in exercises:
            link = f"[{ex.number} {ex.name}]({chapter}#{anchor(ex.number)})"
            out.append(f"| {link} | {text_of[f'exercises.kind.{ex.kind}']} | {'★' * ex.stars} |")
        out.append("")
    return "\n".join(out)
