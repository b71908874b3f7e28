"""``nnbook.exercises.check``: the checks readers run on their answers, and the book on its own.

The book's solutions pass them at build (each solution's hidden block asserts it). Here: every
check fails on deliberately wrong answers (``tests/unit/exercises/wrong_<chapter>.py``), each
claim on at least one; no answer makes ``check`` raise; the messages and the package's
promises (lazy import, the core library's line budget) hold.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import nnbook
from nnbook.exercises import check, checkable, exercise_of
from nnbook.exercises._core import REGISTRY, Function, Value, exercises
from tests.unit import exercises as wrong_answers

PACKAGE = Path(nnbook.__file__).parent
CORE_LINE_BUDGET = 2_100
"""Lines of the core library (``nnbook/*.py``, without ``nnbook/exercises``)."""
HANGUL = re.compile("[가-힣]")


def _wrong() -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for module in pkgutil.iter_modules(wrong_answers.__path__):
        wrong = importlib.import_module(f"{wrong_answers.__name__}.{module.name}").WRONG
        assert not set(found) & set(wrong), f"{module.name}: numbers answered twice"
        found.update(wrong)
    return found


WRONG = _wrong()
CHECKABLE = checkable()


def test_every_checkable_exercise_has_wrong_answers_and_only_those() -> None:
    assert sorted(WRONG, key=CHECKABLE.index) == CHECKABLE


@pytest.mark.parametrize("number", CHECKABLE)
def test_every_claim_fails_on_some_wrong_answer(number: str) -> None:
    failed: set[str] = set()
    for k, answer in enumerate(WRONG[number]):
        result = check(number, answer, quiet=True)
        assert result.status == "failed" and result.failed, f"wrong answer {k}:\n{result}"
        assert not result, "a failed result is false"
        failed |= set(result.failed)
    assert failed == set(exercise_of(number).claims), "claims no wrong answer fails"


def _raises(*args: Any) -> Any:
    raise RuntimeError("the reader's bug")


def _not_written(*args: Any) -> Any:
    raise NotImplementedError


ODD_ANSWERS = [
    "a string",
    1e300,
    [1, 2],
    np.full((2, 2), np.nan),
    object(),
    _raises,
    lambda *args: None,
    lambda *args: "x",
]


@pytest.mark.parametrize("number", CHECKABLE)
def test_check_never_raises_on_an_answer(number: str) -> None:
    """Answers of the wrong kind, that raise, or return nonsense: reported, never raised."""
    for answer in ODD_ANSWERS:
        result = check(number, answer, quiet=True)
        assert result.status == "failed", f"{answer!r}: {result.status}\n{result}"
        assert str(result).startswith(f"Exercise {number}: ")
    for answer in (None, ..., _not_written):
        result = check(number, answer, quiet=True)
        if isinstance(exercise_of(number).answer, Value) and callable(answer):
            continue  # a function where a value is wanted: the kind is wrong, tested above
        assert result.status == "not done" and "not done yet" in str(result)


@pytest.mark.parametrize("number", CHECKABLE)
def test_claims_and_messages_are_in_both_languages(number: str) -> None:
    ex = exercise_of(number)
    assert ex.claims, "a check that makes no claim"
    for text in ex.claims.values():
        assert text.en and not HANGUL.search(text.en) and HANGUL.search(text.ko), text
    korean = check(number, WRONG[number][0], lang="ko", quiet=True)
    assert str(korean).startswith(f"연습문제 {number}: ")
    assert all(HANGUL.search(o.text("ko")) for o in korean.outcomes)


@pytest.mark.parametrize("number", CHECKABLE)
def test_the_skeleton_runs_and_says_not_done_yet(number: str, capsys: Any) -> None:
    ex = exercise_of(number)
    for lang in ("en", "ko"):
        skeleton = ex.skeleton(lang)
        assert skeleton.startswith("from nnbook.exercises import check\n")
        assert skeleton.rstrip().endswith(ex.call(lang))
        exec(compile(skeleton, f"<skeleton {number}>", "exec"), {})
        said = capsys.readouterr().out
        assert said.count("\n") == 1 and ("not done yet" in said or "아직 풀지" in said), said


def test_the_report_names_each_claim_and_what_failed(capsys: Any) -> None:
    number = next(n for n in CHECKABLE if len(exercise_of(n).claims) >= 2)
    result = check(number, WRONG[number][0])
    printed = capsys.readouterr().out
    assert printed == str(result) + "\n" and result.printed
    lines = printed.splitlines()
    assert re.fullmatch(rf"Exercise {number}: (\d+) of (\d+) checks pass", lines[0]), lines[0]
    marks = [line[2] for line in lines[1:] if line.startswith("  ") and line[2] in "✓✗·"]
    assert len(marks) == len(exercise_of(number).claims) and "✗" in marks
    assert check(number, WRONG[number][0], quiet=True) == result  # quiet: the same, unprinted
    assert capsys.readouterr().out == ""


def test_wrong_kind_signature_and_bad_numbers_get_a_clear_message() -> None:
    function = next(n for n in CHECKABLE if isinstance(exercise_of(n).answer, Function))
    value = next(n for n in CHECKABLE if isinstance(exercise_of(n).answer, Value))
    spec = exercise_of(function).answer
    assert isinstance(spec, Function)
    assert "checks a function" in str(check(function, 3.0, quiet=True))
    assert "cannot be called as" in str(check(function, lambda a, b, c, d, e: 0, quiet=True))
    assert "checks a value" in str(check(value, abs, quiet=True))
    raised = str(check(function, _raises, quiet=True))
    assert "RuntimeError: the reader's bug" in raised
    unknown = check("99.1", 1, quiet=True)
    assert unknown.status == "unknown" and "there is no exercise 99.1" in str(unknown)
    assert "as a string" in str(check(4.2, 1, quiet=True))  # type: ignore[arg-type]
    reasons = [ex.number for ex in exercises() if ex.answer is None]
    if reasons:
        result = check(reasons[0], 1, quiet=True)
        assert result.status == "unknown" and "no automatic check" in str(result)


def test_the_language_comes_from_the_argument_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = CHECKABLE[0]
    monkeypatch.delenv("NNBOOK_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert check(number, quiet=True).lang == "en"
    assert check(number, lang="ko", quiet=True).lang == "ko"
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert check(number, quiet=True).lang == "ko"
    monkeypatch.setenv("NNBOOK_LANG", "en")
    assert check(number, quiet=True).lang == "en"
    with pytest.raises(ValueError, match="lang must be one of 'en', 'ko', got 'fr'"):
        check(number, lang="fr")


def test_every_chapter_has_at_least_four_checkable_exercises() -> None:
    chapters = {n.split(".")[0] for n in REGISTRY}
    for chapter in chapters:
        assert sum(n.split(".")[0] == chapter for n in CHECKABLE) >= 4, f"chapter {chapter}"
    for ex in exercises():
        assert (ex.answer is None) == (ex.reason is not None), ex.number


def test_import_nnbook_does_not_load_the_exercises() -> None:
    code = "import nnbook, sys; assert 'nnbook.exercises' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_core_library_stays_within_its_line_budget() -> None:
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py"))
    assert lines <= CORE_LINE_BUDGET, f"nnbook/*.py: {lines} lines > {CORE_LINE_BUDGET}"
