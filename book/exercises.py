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
from typing import TypedDict

from book.chapter import find_fences, page_title
from book.i18n import translation

__all__ = ["KINDS", "Exercise", "ExerciseError", "anchor", "find_exercises", "index_markdown"]

KINDS = {
    "derivation": "derivation",
    "coding": "coding",
    "predict": "predict, then run",
    "extension": "open-ended extension",
}
"""Kind of exercise -> how the index names it."""

_HEAD = re.compile(r'^!!! exercise(?P<classes>(?:[ \t]+[\w-]+)*)[ \t]+"(?P<title>[^"]*)"[ \t]*$')
_TITLE = re.compile(r"^(?P<number>\d+\.\d+)[ \t]+(?P<name>.+?)[ \t]+(?P<stars>★{1,3})$")
# "풀이" is the Korean edition's title for the solution (docs/<page>.ko.md, issue 15).
_SOLUTION = re.compile(r'^    \?\?\? solution "(?:Solution|풀이)"[ \t]*$')
_BODY = "    "


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


def _dedent(lines: list[str], indent: str) -> str:
    text = "\n".join(ln[len(indent) :] if ln.strip() else "" for ln in lines)
    return text.strip("\n") + "\n" if text.strip() else ""


def find_exercises(text: str, chapter: str) -> list[Exercise]:
    """The exercises of a chapter, in page order; raise :class:`ExerciseError` on bad markup."""
    lines = text.split("\n")
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln) + 1)
    exercises, i = [], 0
    while i < len(lines):
        head = _HEAD.match(lines[i])
        if not head:
            i += 1
            continue
        where = f"{chapter}:{i + 1}"
        classes = head["classes"].split()
        title = _TITLE.match(head["title"].strip())
        if not classes or classes[0] not in KINDS or not title:
            raise ExerciseError(
                f'{where}: expected !!! exercise <{"|".join(KINDS)}> "<n.k> <title> <★ to ★★★>"'
                f", got {lines[i]!r}"
            )
        j = i + 1
        while j < len(lines) and (lines[j].startswith(_BODY) or not lines[j].strip()):
            j += 1
        while j > i + 1 and not lines[j - 1].strip():
            j -= 1
        body = lines[i + 1 : j]
        split = next((k for k, ln in enumerate(body) if _SOLUTION.match(ln)), len(body))
        exercises.append(
            Exercise(
                chapter=chapter,
                number=title["number"],
                name=title["name"],
                stars=len(title["stars"]),
                kind=classes[0],
                statement=_dedent(body[:split], _BODY),
                solution=_dedent(body[split + 1 :], _BODY * 2),
                start=offsets[i],
                end=min(offsets[j], len(text)),
                line=i + 1,
            )
        )
        i = j
    return exercises


class _IndexText(TypedDict):
    """The fixed text of the exercise index in one language."""

    intro: list[str]
    header: str
    kinds: dict[str, str]


_INDEX_TEXT: dict[str, _IndexText] = {
    "en": {
        "intro": [
            "# All exercises",
            "",
            "Every exercise of the book, by chapter. Each has a solution on its chapter's page, "
            "closed until you open it; the solutions that compute something are run when the "
            "site is built, and their assertions fail the build if they are wrong. The companion "
            "notebooks list the exercises with an empty cell under each.",
            "",
            "Kinds: *derivation* (the solution is a derivation), *coding* (write or change code "
            "that uses nnbook), *predict, then run* (say what a block does before running it), "
            "*open-ended extension* (harder, with more than one good answer). Difficulty: ★ to "
            "★★★.",
            "",
        ],
        "header": "| Exercise | Kind | Difficulty |",
        "kinds": KINDS,
    },
    "ko": {
        "intro": [
            "# 모든 연습문제",
            "",
            "이 책의 연습문제를 장별로 모았다. 풀이는 문제마다 그 장의 페이지에 있고, 펼치기 "
            "전에는 닫혀 있다. 무언가를 계산하는 풀이는 사이트를 빌드할 때 실행되며, 풀이가 "
            "틀리면 그 안의 단언문이 빌드를 실패시킨다. 함께 제공되는 노트북에는 연습문제마다 "
            "빈 셀이 하나씩 있다.",
            "",
            "종류: *유도*(풀이가 유도 과정이다), *코딩*(nnbook을 쓰는 코드를 짜거나 고친다), "
            "*예측한 뒤 실행*(블록을 실행하기 전에 무엇을 하는지 말해 본다), *열린 확장 문제*"
            "(더 어렵고, 좋은 답이 여럿이다). 난이도: ★에서 ★★★까지.",
            "",
        ],
        "header": "| 연습문제 | 종류 | 난이도 |",
        "kinds": {
            "derivation": "유도",
            "coding": "코딩",
            "predict": "예측한 뒤 실행",
            "extension": "열린 확장 문제",
        },
    },
}


def index_markdown(docs: Path, chapters: list[str], language: str = "en") -> str:
    """The "All exercises" page in ``language``: one table per chapter, linking every exercise
    (of the chapter's translation, ``docs/<chapter>.<language>.md``, where there is one)."""
    text_of = _INDEX_TEXT[language]
    out = list(text_of["intro"])
    for chapter in chapters:
        text = translation(docs, chapter, language).read_text(encoding="utf-8")
        exercises = find_exercises(text, chapter)
        if not exercises:
            continue
        title = page_title(text, chapter)
        out += [f"## [{title}]({chapter}#exercises)", ""]
        out += [text_of["header"], "| --- | --- | --- |"]
        for ex in exercises:
            link = f"[{ex.number} {ex.name}]({chapter}#{anchor(ex.number)})"
            out.append(f"| {link} | {text_of['kinds'][ex.kind]} | {'★' * ex.stars} |")
        out.append("")
    return "\n".join(out)
