"""Check your answers to the book's exercises, with the checks that prove the book's own.

Usage, in a notebook or a Python session::

    from nnbook.exercises import check

    check("4.2", my_affine_backward)  # an exercise whose answer is a function
    check("4.3", answer=0.882)  # one whose answer is a value
    check("4.3", answer=0.882, lang="ko")  # messages in Korean

``check`` prints, for each claim it tests, whether your answer meets it, and for a failure
what is wrong ("your dW[0, 2] differs from central differences by 0.12"), never the answer.
It returns a :class:`Result` that is true only when every check passed. ``check(n, None)``
(or ``answer=...``, or a function that raises ``NotImplementedError``) reports "not done
yet". ``check`` never raises because of your answer: an exception in your code, an answer of
the wrong kind or an unknown exercise number is reported.

The book builds its pages with the same checks: each checkable exercise's solution ends with
``assert check(number, the_books_answer, quiet=True)``. One module per chapter registers its
exercises (:mod:`nnbook.exercises._core` says how). ``import nnbook`` does not load this
package.
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
        The :class:`Result`: true only when every check passed; ``str(result)`` is the report.

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
    """The numbers of the exercises that :func:`check` checks, in book order: ``["1.3", ...]``."""
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
