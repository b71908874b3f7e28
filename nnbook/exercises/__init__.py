"""Check your answers to the book's exercises, with the checks that prove the book's own.

In a notebook or a Python session, pass ``check`` the exercise's number and your function or
value (the exercise's "Check your answer" line says which):

- ``check("4.2", my_affine_backward)`` for an exercise whose answer is a function;
- ``check("4.3", answer=0.5)`` for one whose answer is a value (a prediction, a count);
- ``lang="ko"`` for the messages in Korean.

``check`` prints, for each claim it tests, whether your answer meets it, and for a failure
what is wrong ("your dW[1, 2] differs from central differences by 0.227"), never the answer.
It returns a [`Result`][nnbook.exercises.Result] that is true only when every check passed.
``check(n)`` with nothing (``None``, ``answer=...``, or a function that raises
``NotImplementedError``, as the notebooks' starting cells do) reports "not done yet". It
never raises because of your answer: an exception in your code, an answer of the wrong kind
or an unknown exercise number is reported.

The book builds its pages with the same checks: each checkable exercise's solution asserts
``check(number, the_books_answer, quiet=True)``, so a wrong solution fails the build, and the
tests require every check to fail on deliberately wrong answers. One module per chapter
registers its exercises; ``import nnbook`` does not load this package.

Examples:
    >>> from nnbook.exercises import check
    >>> result = check("4.3")
    Exercise 4.3: not done yet: put your answer in place of ... in answer=..., then run this again.
    >>> result = check("4.3", answer=0.5)
    Exercise 4.3: the check fails
      ✗ the relative error, to three digits
          your answer is too low (by more than 0.0005)
    >>> bool(result), result.status, result.failed
    (False, 'failed', ('value',))
"""

from __future__ import annotations

import dataclasses
from typing import Any

from nnbook.exercises import (  # noqa: F401 (each registers its chapter's exercises)
    activations,
    backpropagation,
    digits,
    initialisation,
    losses,
    perceptron,
    training,
    universal_approximation,
    xor,
)
from nnbook.exercises._core import Exercise, Result, exercises, judge, language, lookup

__all__ = ["Result", "check", "checkable", "exercise_of"]


def check(
    number: str, answer: Any = None, *, lang: str | None = None, quiet: bool = False
) -> Result:
    """Check ``answer`` to exercise ``number`` ("4.2") and print what each check found.

    Args:
        number: the exercise's number, as a string: ``"4.2"``.
        answer: your function, or your value (a prediction, a count): what the exercise asks
            for. ``None`` or ``...``: not done yet.
        lang: ``"en"`` or ``"ko"``, the language of the messages; by default ``NNBOOK_LANG``,
            else Korean when the locale (``LANG``) is Korean, else English.
        quiet: return the result without printing it (what the book's build does).

    Returns:
        The [`Result`][nnbook.exercises.Result]: true only when every check passed;
        ``str(result)`` is the report.

    Raises:
        ValueError: only for an unknown ``lang``, never because of ``number`` or ``answer``.
    """
    chosen = language(lang)
    found = lookup(number, chosen)
    result = found if isinstance(found, Result) else judge(found, answer, chosen)
    if quiet:
        return result
    print(result)
    return dataclasses.replace(result, printed=True)


def checkable() -> list[str]:
    """The numbers of the exercises that [`check`][nnbook.exercises.check] checks, in book
    order: ``["1.1", "1.3", ...]``."""
    return [ex.number for ex in exercises() if ex.answer is not None]


def exercise_of(number: str) -> Exercise:
    """The registered exercise ``number`` (checkable or not): its call line, skeleton, claims.

    Raises:
        KeyError: if no exercise ``number`` is registered.
    """
    for ex in exercises():
        if ex.number == number:
            return ex
    raise KeyError(f"no exercise {number!r} is registered")
