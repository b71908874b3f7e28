"""The machinery behind :func:`nnbook.exercises.check`: exercises, trials and results.

A chapter module registers each of its exercises with :func:`exercise` (a checkable one, with
the function that checks an answer) or :func:`not_checkable` (with the reason). A check
function receives the reader's answer and a :class:`Trial`, and states *claims* about the
answer through the trial: ``trial.expect("shape", ok, detail)`` records one, ``trial.require``
records one and stops at a failure, ``trial.close`` compares arrays. Every claim an exercise
can make is declared when it is registered, with its text in each language, so that a test
can require each claim to fail on some wrong answer.

The reader's code is run through :meth:`Trial.call`: a ``NotImplementedError`` there (the
notebooks' skeletons raise it) means "not done yet", and any other exception is reported,
never raised.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

import numpy as np

Lang = Literal["en", "ko"]
LANGUAGES: tuple[Lang, ...] = ("en", "ko")
Status = Literal["passed", "failed", "not done", "unknown"]


@dataclass(frozen=True)
class Text:
    """A sentence in each language of the book."""

    en: str
    ko: str

    def __call__(self, lang: Lang) -> str:
        return self.ko if lang == "ko" else self.en


def language(lang: str | None) -> Lang:
    """``lang``, or the one the environment asks for: ``NNBOOK_LANG``, else a ``LANG`` or
    ``LC_ALL`` that starts with ``ko``, else English."""
    if lang is None:
        wanted = os.environ.get("NNBOOK_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG")
        return "ko" if (wanted or "").lower().startswith("ko") else "en"
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}, got {lang!r}")
    return lang


@dataclass(frozen=True)
class Function:
    """The answer is a function the reader writes: ``name(params)``, returning ``returns``."""

    name: str
    params: str  # "dZ, cache"
    returns: Text

    def call(self, number: str) -> str:
        return f'check("{number}", {self.name}'

    def skeleton(self) -> str:
        return f"def {self.name}({self.params}):\n    raise NotImplementedError  # your code here"

    def describe(self, lang: Lang) -> str:
        return f"{self.name}({self.params}) -> {self.returns(lang)}"


@dataclass(frozen=True)
class Value:
    """The answer is a value (a prediction, a count, a formula's result): ``answer=...``."""

    what: Text  # "the printed relative error, to three digits"

    def call(self, number: str) -> str:
        return f'check("{number}", answer=...'

    def skeleton(self) -> str:
        return ""

    def describe(self, lang: Lang) -> str:
        return self.what(lang)


Answer = Function | Value


@dataclass(frozen=True)
class Exercise:
    """One exercise of the book as :func:`check` knows it."""

    number: str
    answer: Answer | None  # None: not checkable
    claims: Mapping[str, Text] = field(default_factory=dict)
    run: Callable[[Any, Trial], None] | None = None
    skeleton_code: str | None = None  # overrides the answer's default skeleton
    reason: Text | None = None  # why it is not checkable

    def call(self, lang: Lang = "en") -> str:
        """The line a reader runs to check an answer, in ``lang``."""
        if self.answer is None:
            raise ValueError(f"exercise {self.number} is not checkable")
        return self.answer.call(self.number) + (', lang="ko")' if lang == "ko" else ")")

    def skeleton(self, lang: Lang = "en") -> str:
        """A notebook cell's starting code: the import, a stub that is "not done yet" as it
        stands, and :meth:`call`."""
        assert self.answer is not None
        stub = self.answer.skeleton() if self.skeleton_code is None else self.skeleton_code
        parts = ["from nnbook.exercises import check", stub.strip("\n"), self.call(lang)]
        return "\n\n".join(p for p in parts if p) + "\n"


REGISTRY: dict[str, Exercise] = {}


def _key(number: str) -> tuple[int, int]:
    chapter, k = number.split(".")
    return int(chapter), int(k)


def _register(ex: Exercise) -> None:
    if ex.number in REGISTRY:
        raise ValueError(f"exercise {ex.number} is registered twice")
    _key(ex.number)  # a malformed number fails here, at import
    REGISTRY[ex.number] = ex


def exercise(
    number: str,
    answer: Answer,
    claims: Mapping[str, Text],
    skeleton: str | None = None,
) -> Callable[[Callable[[Any, Trial], None]], Callable[[Any, Trial], None]]:
    """Register the decorated function as the check of exercise ``number``; it may make only
    the ``claims`` declared here."""

    def register(run: Callable[[Any, Trial], None]) -> Callable[[Any, Trial], None]:
        _register(Exercise(number, answer, dict(claims), run, skeleton))
        return run

    return register


def not_checkable(number: str, reason: Text) -> None:
    """Register exercise ``number`` as one that no code can check, and why."""
    _register(Exercise(number, None, reason=reason))


# ----------------------------------------------------------------------------- the outcome


@dataclass(frozen=True)
class Outcome:
    """One claim about an answer: held (``ok``), failed (with ``detail``) or not reached."""

    key: str
    text: Text
    ok: bool | None  # None: not reached, an earlier claim stopped the check
    detail: Text | None = None


_MARK = {True: "✓", False: "✗", None: "·"}
_SAY = {
    "exercise": Text("Exercise", "연습문제"),
    "passed": Text("all {n} checks pass", "검사 {n}개를 모두 통과했습니다"),
    "passed one": Text("the check passes", "검사를 통과했습니다"),
    "failed one": Text("the check fails", "검사를 통과하지 못했습니다"),
    "failed": Text("{k} of {n} checks pass", "검사 {n}개 중 {k}개를 통과했습니다"),
    "not reached": Text("(not checked: an earlier check failed)", "(앞의 검사가 실패해 건너뜀)"),
}


@dataclass(frozen=True)
class Result:
    """What :func:`~nnbook.exercises.check` found: true only when every check passed.

    ``status`` is ``"passed"``, ``"failed"``, ``"not done"`` (nothing written yet) or
    ``"unknown"`` (no such checkable exercise); ``outcomes`` holds one entry per claim;
    ``message`` says what stopped the check, if anything did. ``str(result)`` is the report
    that ``check`` prints."""

    number: str
    status: Status
    outcomes: tuple[Outcome, ...] = ()
    message: str = ""
    lang: Lang = "en"
    printed: bool = field(default=False, compare=False)

    def __bool__(self) -> bool:
        return self.status == "passed"

    @property
    def failed(self) -> tuple[str, ...]:
        """The keys of the claims that failed."""
        return tuple(o.key for o in self.outcomes if o.ok is False)

    def __str__(self) -> str:
        head = f"{_SAY['exercise'](self.lang)} {self.number}"
        if not self.outcomes:
            return f"{head}: {self.message}"
        n, k = len(self.outcomes), sum(o.ok is True for o in self.outcomes)
        said = ("passed" if self else "failed") + (" one" if n == 1 else "")
        summary = _SAY[said](self.lang).format(n=n, k=k)
        lines = [f"{head}: {summary}"]
        for o in self.outcomes:
            lines.append(f"  {_MARK[o.ok]} {o.text(self.lang)}")
            if o.ok is None:
                lines[-1] += " " + _SAY["not reached"](self.lang)
            elif o.detail is not None:
                lines.append(f"      {o.detail(self.lang)}")
        if self.message:
            lines.append(f"  {self.message}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Result {self.number}: {self.status}>"

    def _ipython_display_(self) -> None:
        """In a notebook, a cell ending in ``check(...)`` shows the report ``check`` printed
        and not the result a second time; a quiet result shows its report."""
        if not self.printed:
            print(self)


# ----------------------------------------------------------------------------- the trial


class _StopError(Exception):
    """Ends a check early: a required claim failed, or the reader's code did not run."""


class _NotDoneError(Exception):
    """The reader's code raised ``NotImplementedError``: the skeleton, as it stands."""


def _index(index: tuple[int, ...]) -> str:
    """``[0, 3]`` for an entry of an array, nothing for a number."""
    return "[" + ", ".join(map(str, index)) + "]" if index else ""


class Trial:
    """Records the claims one check makes about one answer."""

    def __init__(self, ex: Exercise) -> None:
        self.exercise = ex
        self.results: dict[str, Outcome] = {}
        self.message: Text | None = None

    def _claim(self, key: str) -> Text:
        if key not in self.exercise.claims:
            raise KeyError(f"exercise {self.exercise.number} declares no claim {key!r}")
        return self.exercise.claims[key]

    def expect(self, key: str, ok: bool, detail: Text | None = None) -> bool:
        """Record claim ``key`` (a claim made several times holds only if it holds each time;
        the first failure's ``detail`` is kept). Returns ``ok``."""
        text, ok = self._claim(key), bool(ok)
        before = self.results.get(key)
        if before is None or (before.ok and not ok):
            self.results[key] = Outcome(key, text, ok, None if ok else detail)
        return ok

    def require(self, key: str, ok: bool, detail: Text | None = None) -> None:
        """:meth:`expect`, and stop the check when the claim fails."""
        if not self.expect(key, ok, detail):
            raise _StopError

    def fail(self, message: Text) -> NoReturn:
        """Stop the check with a message that belongs to no claim (e.g. a wrong return type)."""
        self.message = message
        raise _StopError

    def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run the reader's ``function``; its exceptions stop the check with a message."""
        try:
            return function(*args, **kwargs)
        except NotImplementedError:
            raise _NotDoneError from None
        except Exception as error:  # the reader's code: reported, never raised
            name = getattr(function, "__name__", "your function")
            self.fail(
                Text(
                    f"{name} raised {type(error).__name__}: {error}",
                    f"{name} 실행 중 {type(error).__name__} 발생: {error}",
                )
            )

    def array(self, value: Any, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """``value`` as a float array (of ``shape``, when given), or stop with a message."""
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            self.fail(
                Text(
                    f"{name} should be an array of numbers, got {type(value).__name__}",
                    f"{name}은(는) 숫자 배열이어야 하는데 {type(value).__name__}입니다",
                )
            )
        if shape is not None and arr.shape != shape:
            self.fail(
                Text(
                    f"{name} has shape {arr.shape}, expected {shape}",
                    f"{name}의 모양이 {arr.shape}입니다. {shape}이어야 합니다",
                )
            )
        return arr

    def number(self, value: Any, name: str = "answer") -> float:
        """``value`` as one real number, or stop with a message."""
        arr = self.array(value, name)
        if arr.size != 1 or not np.isfinite(arr).all():
            self.fail(
                Text(
                    f"{name} should be one finite number, got {value!r}",
                    f"{name}은(는) 유한한 수 하나여야 하는데 {value!r}입니다",
                )
            )
        return float(arr.reshape(()))

    def near(self, key: str, value: Any, truth: float, tol: float, name: str = "answer") -> bool:
        """Claim ``key``: the number ``value`` is within ``tol`` of ``truth``. The detail says
        only whether it is too high or too low."""
        got = self.number(value, name)
        if abs(got - truth) <= tol:
            return self.expect(key, True)
        high = got > truth
        detail = Text(
            f"your {name} is too {'high' if high else 'low'} (by more than {tol:g})",
            f"{name} 값이 너무 {'큽' if high else '작습'}니다 ({tol:g}보다 더 차이 납니다)",
        )
        return self.expect(key, False, detail)

    def close(
        self,
        key: str,
        name: str,
        got: Any,
        want: Any,
        what: Text,
        rtol: float = 1e-6,
        atol: float = 1e-8,
        hide_difference: bool = False,
    ) -> bool:
        """Claim ``key``: ``got`` (the reader's ``name``) equals ``want`` (``what`` it is
        compared with, e.g. "central differences"), of the same shape, within
        ``atol + rtol·|want|``, entry by
        entry. The detail names the worst entry and the difference, never ``want`` itself
        (``hide_difference``: only whether it is too high or too low, for a prediction, where
        the difference would give the answer away)."""
        want = np.asarray(want, dtype=float)
        got = self.array(got, name)
        if got.shape != want.shape:
            detail = Text(
                f"your {name} has shape {got.shape}, expected {want.shape}",
                f"{name}의 모양이 {got.shape}입니다. {want.shape}이어야 합니다",
            )
            return self.expect(key, False, detail)
        if not np.isfinite(got).all():
            first = tuple(int(i) for i in np.argwhere(~np.isfinite(got))[0])
            where, value = _index(first), got[first]
            detail = Text(f"your {name}{where} is {value}", f"{name}{where} 값이 {value}입니다")
            return self.expect(key, False, detail)
        excess = np.abs(got - want) - (atol + rtol * np.abs(want))
        if excess.size == 0 or excess.max() <= 0:
            return self.expect(key, True)
        worst = np.unravel_index(int(np.argmax(excess)), excess.shape)
        where = _index(tuple(int(i) for i in worst))
        diff = float(np.abs(got - want)[worst])
        if hide_difference:
            high = bool(got[worst] > want[worst])
            detail = Text(
                f"your {name}{where} is too {'high' if high else 'low'}",
                f"{name}{where} 값이 너무 {'큽' if high else '작습'}니다",
            )
        else:
            detail = Text(
                f"your {name}{where} differs from {what.en} by {diff:.3g}",
                f"{name}{where} 값과 {what.ko}의 차이가 {diff:.3g}입니다",
            )
        return self.expect(key, False, detail)


# ----------------------------------------------------------------------------- check


_MESSAGES = {
    "not done": Text(
        "not done yet: {what}, then run this again.",
        "아직 풀지 않았습니다. {what} 다시 실행하세요.",
    ),
    "unknown": Text(
        "there is no exercise {number}; the checkable ones are {known}.",
        "{number}번 연습문제는 없습니다. 확인할 수 있는 연습문제는 {known}입니다.",
    ),
    "number type": Text(
        'write the exercise number as a string, like check("4.2", ...); got {number!r}.',
        '연습문제 번호는 check("4.2", ...)처럼 문자열로 쓰세요. 받은 값: {number!r}.',
    ),
    "not checkable": Text(
        "this exercise has no automatic check: {reason}",
        "이 연습문제는 자동으로 확인하지 않습니다: {reason}",
    ),
    "want function": Text(
        "this exercise checks a function, {what}; you gave {got}.",
        "이 연습문제는 함수 {what}을(를) 확인합니다. 받은 것은 {got}입니다.",
    ),
    "want value": Text(
        "this exercise checks a value passed as answer=...: {what}; you gave a function.",
        "이 연습문제는 answer=...로 넘긴 값({what})을 확인합니다. 받은 것은 함수입니다.",
    ),
    "signature": Text(
        "your function cannot be called as {what}: {error}.",
        "함수를 {what} 형태로 호출할 수 없습니다: {error}.",
    ),
    "crashed": Text(
        "checking your answer raised {error} (does it return {returns}?)",
        "답을 확인하는 중 {error}이(가) 발생했습니다 ({returns}을(를) 돌려주나요?)",
    ),
}


def _say(key: str, lang: Lang, **fields: Any) -> str:
    return _MESSAGES[key](lang).format(**fields)


def _known(chapter: str | None) -> str:
    numbers = [n for n, ex in REGISTRY.items() if ex.answer is not None]
    same = [n for n in numbers if n.split(".")[0] == chapter]
    return ", ".join(sorted(same or numbers, key=_key))


def _wrong_kind(ex: Exercise, answer: Any, lang: Lang) -> str | None:
    """Why ``answer`` is not of the kind ``ex`` checks, or None if it is."""
    spec = ex.answer
    if isinstance(spec, Value):
        return _say("want value", lang, what=spec.describe(lang)) if callable(answer) else None
    assert spec is not None
    if not callable(answer):
        return _say("want function", lang, what=spec.describe(lang), got=type(answer).__name__)
    try:
        signature = inspect.signature(answer)
    except (TypeError, ValueError):  # a builtin without a signature: let the call tell
        return None
    params = [p.strip() for p in spec.params.split(",") if p.strip() and "=" not in p]
    try:
        signature.bind(*params)
    except TypeError as error:
        return _say("signature", lang, what=f"{spec.name}({spec.params})", error=error)
    return None


def _not_done(ex: Exercise, lang: Lang) -> Result:
    if isinstance(ex.answer, Function):
        what = Text(f"write {ex.answer.name}", f"{ex.answer.name} 함수를 완성한 다음")(lang)
    else:
        what = Text(
            "put your answer in place of ... in answer=...", "answer=...의 ... 자리에 답을 넣고"
        )(lang)
    return Result(ex.number, "not done", message=_say("not done", lang, what=what), lang=lang)


def judge(ex: Exercise, answer: Any, lang: Lang) -> Result:
    """Run the check of ``ex`` on ``answer``."""
    assert ex.run is not None and ex.answer is not None
    if answer is None or answer is Ellipsis:
        return _not_done(ex, lang)
    wrong = _wrong_kind(ex, answer, lang)
    if wrong is not None:
        return Result(ex.number, "failed", message=wrong, lang=lang)
    trial = Trial(ex)
    message = ""
    try:
        ex.run(answer, trial)
    except _NotDoneError:
        return _not_done(ex, lang)
    except _StopError:
        pass
    except Exception as error:  # what the reader's answer did to the check: reported
        returns = ex.answer.describe(lang)
        error_text = f"{type(error).__name__}: {error}"
        message = _say("crashed", lang, error=error_text, returns=returns)
    if trial.message is not None:
        message = trial.message(lang)
    outcomes = tuple(
        trial.results.get(key, Outcome(key, text, None)) for key, text in ex.claims.items()
    )
    passed = not message and all(o.ok for o in outcomes)
    return Result(ex.number, "passed" if passed else "failed", outcomes, message, lang)


def lookup(number: object, lang: Lang) -> Exercise | Result:
    """The checkable exercise ``number``, or a result that says why there is none."""
    if not isinstance(number, str):
        message = _say("number type", lang, number=number)
        return Result(str(number), "unknown", message=message, lang=lang)
    ex = REGISTRY.get(number.strip())
    if ex is None:
        known = _known(number.split(".")[0])
        message = _say("unknown", lang, number=number, known=known)
        return Result(number, "unknown", message=message, lang=lang)
    if ex.answer is None:
        assert ex.reason is not None
        message = _say("not checkable", lang, reason=ex.reason(lang))
        return Result(ex.number, "unknown", message=message, lang=lang)
    return ex


def exercises() -> Iterator[Exercise]:
    """Every registered exercise, in book order."""
    for number in sorted(REGISTRY, key=_key):
        yield REGISTRY[number]
