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

What several chapters need is here, once: an answer's parts (:meth:`Trial.parts`), a number
that is only "too high" or "too low" (:meth:`Trial.near`, :func:`too_high_or_low`), a gradient
or an elementwise derivative against central differences (:meth:`Trial.gradient`,
:meth:`Trial.derivative`, :func:`central_difference`, :func:`numerical_jacobian`,
:data:`CENTRAL`), an input left as it was (:meth:`Trial.unchanged`), the Korean particle
after a word (:func:`particle`), and where ``fit``'s early stopping ends a run
(:func:`fit_stops`).
"""

from __future__ import annotations

import inspect
import math
import os
import reprlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn

import numpy as np
from numpy.typing import ArrayLike

from nnbook.gradcheck import numerical_gradient, numerical_vjp
from nnbook.mlp import MLPRegressor

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


CENTRAL = Text("central differences", "중심 차분")
"""What a gradient or a derivative is compared with, in a detail: "differs from central
differences by ..."."""


def _label(name: str | Text) -> Text:
    """``name`` in each language: a plain string (a variable, ``dW``) is the same in both."""
    return name if isinstance(name, Text) else Text(name, name)


def _hangul(word: str) -> bool:
    """Whether ``word`` ends in a Hangul syllable."""
    return "가" <= word.rstrip()[-1:] <= "힣"


def particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """The Korean particle after ``word``: ``after_consonant`` (을, 은, 이) after a final
    consonant, ``after_vowel`` (를, 는, 가) after a vowel, and both, ``을(를)``, after anything
    but Hangul (a variable name, a number, a bracket)."""
    if not _hangul(word):
        return f"{after_consonant}({after_vowel})"
    return after_consonant if (ord(word.rstrip()[-1]) - ord("가")) % 28 else after_vowel


def _at(where: Text | None, en: str, ko: str) -> Text:
    """A detail ``en``/``ko``, after ``where`` (e.g. "for ε = 0.3" / "ε = 0.3에서") if given."""
    if where is None:
        return Text(en, ko)
    return Text(f"{where.en}, {en}", f"{where.ko} {ko}")


def _subject(name: Text) -> str:
    """The Korean subject "name이/가", or "name 값이" after a name that is not Hangul."""
    if _hangul(name.ko):
        return name.ko + particle(name.ko, "이", "가")
    return f"{name.ko} 값이"


def too_high_or_low(
    got: float, truth: float, name: str | Text, where: Text | None = None, tol: float = 0.0
) -> Text:
    """The detail for a number ``got`` (the reader's ``name``) that misses ``truth``: "[where, ]
    your name is too high" or "too low" (or "is nan"), with "(by more than tol)" for a positive
    ``tol`` when both are finite. It says which way, never ``truth`` nor by how much; give an
    absolute ``tol`` only, as a relative one would tell the size of ``truth``."""
    label = _label(name)
    if math.isnan(got):
        return _at(where, f"your {label.en} is nan", f"{_subject(label)} nan입니다")
    high = got > truth
    by = tol > 0 and math.isfinite(got) and math.isfinite(truth)
    return _at(
        where,
        f"your {label.en} is too {'high' if high else 'low'}"
        + (f" (by more than {tol:g})" if by else ""),
        f"{_subject(label)} 너무 {'큽' if high else '작습'}니다"
        + (f" ({tol:g}보다 더 차이 납니다)" if by else ""),
    )


def central_difference(
    f: Callable[[np.ndarray], np.ndarray], z: ArrayLike, h: float = 1e-6
) -> np.ndarray:
    """The derivative of an elementwise function ``f`` at every entry of ``z`` at once, by
    central differences ``(f(z + s) − f(z − s)) / ((z + s) − (z − s))`` with the step
    ``s = h·max(1, |z|)`` (relative at large ``|z|``, and divided by the step as rounded).
    For a function of a whole array, see :func:`numerical_jacobian` and
    :func:`nnbook.gradcheck.numerical_gradient`."""
    z = np.asarray(z, dtype=float)
    step = h * np.maximum(1.0, np.abs(z))
    up, down = z + step, z - step
    return (np.asarray(f(up)) - np.asarray(f(down))) / (up - down)


def numerical_jacobian(
    f: Callable[[np.ndarray], np.ndarray], z: ArrayLike, h: float = 1e-6
) -> np.ndarray:
    """The Jacobian of ``f``, from vectors of n entries to vectors of m, at ``z``, by central
    differences: an m × n matrix whose row k is the gradient of ``f(z)[k]``
    (:func:`nnbook.gradcheck.numerical_vjp` with the k-th unit vector)."""
    z = np.asarray(z, dtype=float)
    rows = np.eye(np.asarray(f(z)).size)
    return np.array([numerical_vjp(f, z, row, h) for row in rows])


class _Scripted(MLPRegressor):
    """An ``MLPRegressor`` whose ``fit`` records the given validation losses, one per epoch,
    instead of measuring them: ``fit``'s own early stopping, run on a list."""

    def __init__(self, val_loss: Sequence[float], patience: int) -> None:
        super().__init__([1, 1], epochs=len(val_loss), patience=patience, batch_size=2)
        self.script = list(val_loss)

    def _record(
        self,
        history: dict[str, list[float]],
        epoch_loss: float,
        accuracy: float,
        loss: Any,
        val: Any,
        epoch: int,
    ) -> None:
        history["loss"].append(epoch_loss)
        history["val_loss"].append(self.script[epoch - 1])


def fit_stops(val_loss: Sequence[float], patience: int) -> tuple[int, int]:
    """``(best_epoch_, epochs run)``, both counted from 1: the epoch whose parameters ``fit``
    with ``patience`` keeps, and the epoch after which it ends the run, when its validation
    losses are ``val_loss`` (one per epoch). Found by running ``fit`` itself on them."""
    X = np.zeros((2, 1))
    net = _Scripted(val_loss, patience).fit(X, X, validation_data=(X, X))
    return net.best_epoch_, len(net.history_["val_loss"])


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
    """What [`check`][nnbook.exercises.check] found: true only when every check passed.

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

    def array(
        self, value: Any, name: str | Text, shape: tuple[int, ...] | None = None
    ) -> np.ndarray:
        """``value`` as a float array (of ``shape``, when given), or stop with a message."""
        label = _label(name)
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            self.fail(
                Text(
                    f"{label.en} should be an array of numbers, got {type(value).__name__}",
                    f"{label.ko}{particle(label.ko, '은', '는')} 숫자 배열이어야 하는데 "
                    f"{type(value).__name__}입니다",
                )
            )
        if shape is not None and arr.shape != shape:
            self.fail(
                Text(
                    f"{label.en} has shape {arr.shape}, expected {shape}",
                    f"{label.ko}의 모양이 {arr.shape}입니다. {shape}이어야 합니다",
                )
            )
        return arr

    def number(self, value: Any, name: str | Text = "answer", *, finite: bool = True) -> float:
        """``value`` as one real number, or stop with a message. With ``finite=False``, ``inf``,
        ``-inf`` and ``nan`` are numbers too (a prediction may be one)."""
        label = _label(name)
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            arr = np.empty(0)
        if arr.size != 1 or (finite and not np.isfinite(arr).all()):
            one = "one finite number" if finite else "one number"
            ko = "유한한 수 하나" if finite else "수 하나"
            self.fail(
                Text(
                    f"{label.en} should be {one}, got {reprlib.repr(value)}",
                    f"{label.ko}{particle(label.ko, '은', '는')} {ko}여야 하는데 "
                    f"{reprlib.repr(value)}입니다",
                )
            )
        return float(arr.reshape(()))

    def parts(
        self, value: Any, n: int, form: str | Text, name: str | None = None, *, arrays: bool = False
    ) -> tuple[Any, ...]:
        """``value`` as a tuple of its ``n`` parts (a tuple or a list of ``n`` items; with
        ``arrays``, also a 1-D array of ``n`` entries), or stop with a message that shows the
        ``form`` it takes, e.g. ``"(dW1, db1)"``. The message speaks of the answer, of what the
        reader's function returns, or of ``name`` when given."""
        if isinstance(value, tuple | list) and len(value) == n:
            return tuple(value)
        if arrays and isinstance(value, np.ndarray) and value.shape == (n,):
            return tuple(value)
        shown = _label(form)
        spec = self.exercise.answer
        if name is None and isinstance(spec, Function):
            en, ko = f"should return a tuple of {n}", f"{n}개짜리 튜플을 돌려줘야 합니다"
            name = spec.name
        else:
            en, ko = f"should be a tuple of {n}", f"{n}개짜리 튜플이어야 합니다"
            name = name or "answer"
        self.fail(
            Text(
                f"{name} {en}: {shown.en}",
                f"{name}{particle(name, '은', '는')} {ko}: {shown.ko}",
            )
        )

    def unchanged(
        self, key: str, given: Any, before: Any, name: str, *, rtol: float = 0.0, atol: float = 0.0
    ) -> bool:
        """Claim ``key``: the reader's function left its argument ``name`` as it was: ``given``,
        the array it was passed, still equals ``before``, a copy taken before the call (within
        ``atol + rtol·|before|``: a function that perturbs entries and restores them may leave
        rounding)."""
        given, before = np.asarray(given), np.asarray(before)
        ok = given.shape == before.shape and np.allclose(given, before, rtol=rtol, atol=atol)
        detail = Text(
            f"your function changed the array {name} it was given: leave it as it was "
            "(work on a copy, or restore each entry)",
            f"함수가 넘겨받은 배열 {name}{particle(name, '을', '를')} 바꿨습니다. 그대로 두세요"
            "(복사본으로 작업하거나 원소마다 원래 값으로 되돌리세요)",
        )
        return self.expect(key, bool(ok), detail)

    def near(
        self,
        key: str,
        value: Any,
        truth: float,
        tol: float,
        name: str | Text = "answer",
        *,
        rtol: float = 0.0,
        where: Text | None = None,
        finite: bool = True,
        hint: Text | None = None,
    ) -> bool:
        """Claim ``key``: the number ``value`` is within ``max(tol, rtol·|truth|)`` of ``truth``
        (an infinite ``truth``: equal to it). The detail says only whether it is too high or too
        low (see :func:`too_high_or_low`), after ``where`` (e.g. "for ε = 0.3") if given, and
        before ``hint`` (a likely cause) if given. With ``finite=False`` an infinite or nan
        ``value`` is a failed claim, not a stop."""
        got = self.number(value, name, finite=finite)
        allowed = max(tol, rtol * abs(truth))
        if got == truth or (math.isfinite(truth) and abs(got - truth) <= allowed):
            return self.expect(key, True)
        detail = too_high_or_low(got, truth, name, where, tol if rtol == 0 else 0.0)
        if hint is not None:
            detail = Text(f"{detail.en} {hint.en}", f"{detail.ko} {hint.ko}")
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
        *,
        inputs: tuple[str, Any] | None = None,
    ) -> bool:
        """Claim ``key``: ``got`` (the reader's ``name``) equals ``want`` (``what`` it is
        compared with, e.g. :data:`CENTRAL`), of the same shape, within
        ``atol + rtol·|want|``, entry by
        entry. The detail names the worst entry and the difference, never ``want`` itself
        (``hide_difference``: only whether it is too high or too low, for a prediction, where
        the difference would give the answer away). The entry is named by its index, or with
        ``inputs=("z", z)`` (``z`` of ``want``'s shape) by the input there: "at z = 0.5"."""
        want = np.asarray(want, dtype=float)
        got = self.array(got, name)
        if got.shape != want.shape:
            detail = Text(
                f"your {name} has shape {got.shape}, expected {want.shape}",
                f"{name}의 모양이 {got.shape}입니다. {want.shape}이어야 합니다",
            )
            return self.expect(key, False, detail)

        def entry(index: tuple[int, ...]) -> tuple[str, Text | None]:
            """``name`` and the place of entry ``index``: "dW[0, 3]", or "z" and "at z = 0.5"."""
            if inputs is None:
                return f"{name}{_index(index)}", None
            variable, point = inputs[0], float(np.asarray(inputs[1], dtype=float)[index])
            return name, Text(f"at {variable} = {point:.3g}", f"{variable} = {point:.3g}에서")

        if not np.isfinite(got).all():
            first = tuple(int(i) for i in np.argwhere(~np.isfinite(got))[0])
            label, where = entry(first)
            value = got[first]
            detail = _at(where, f"your {label} is {value}", f"{label} 값이 {value}입니다")
            return self.expect(key, False, detail)
        excess = np.abs(got - want) - (atol + rtol * np.abs(want))
        if excess.size == 0 or excess.max() <= 0:
            return self.expect(key, True)
        worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(excess)), excess.shape))
        label, where = entry(worst)
        if hide_difference:
            detail = too_high_or_low(float(got[worst]), float(want[worst]), label, where)
        else:
            diff = float(np.abs(got - want)[worst])
            detail = _at(
                where,
                f"your {label} differs from {what.en} by {diff:.3g}",
                f"{label} 값과 {what.ko}의 차이가 {diff:.3g}입니다",
            )
        return self.expect(key, False, detail)

    def gradient(
        self,
        key: str,
        name: str,
        got: Any,
        f: Callable[[np.ndarray], float],
        at: ArrayLike,
        rtol: float = 1e-5,
        atol: float = 1e-7,
    ) -> bool:
        """Claim ``key``: ``got`` (the reader's ``name``, e.g. ``dW``) is the gradient of the
        scalar function ``f`` at ``at``: of ``at``'s shape, and equal to
        :func:`~nnbook.gradcheck.numerical_gradient` entry by entry as :meth:`close` compares."""
        numeric = numerical_gradient(f, at)
        return self.close(key, name, got, numeric, CENTRAL, rtol=rtol, atol=atol)

    def derivative(
        self,
        key: str,
        name: str,
        got: Any,
        f: Callable[[np.ndarray], np.ndarray],
        z: ArrayLike,
        rtol: float = 1e-5,
        atol: float = 1e-7,
        variable: str | None = "z",
    ) -> bool:
        """Claim ``key``: ``got`` (the reader's ``name``) is the derivative of the elementwise
        function ``f`` at every entry of ``z``: of ``z``'s shape, and equal to
        :func:`central_difference` entry by entry as :meth:`close` compares. A failure names
        the input where it is worst, "at z = 0.5" (``variable`` is its name), or with
        ``variable=None`` the entry's index (where ``z`` repeats a value)."""
        z = np.asarray(z, dtype=float)
        numeric = central_difference(f, z)
        inputs = None if variable is None else (variable, z)
        return self.close(key, name, got, numeric, CENTRAL, rtol, atol, inputs=inputs)


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
