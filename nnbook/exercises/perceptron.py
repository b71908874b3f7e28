"""The exercises of chapter 1, The perceptron (``docs/perceptron.md``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnbook.datasets import logic_gate
from nnbook.exercises._core import Function, Text, Trial, Value, exercise, not_checkable
from nnbook.perceptron import Perceptron

COUNT = Text("count", "횟수")


def _augment(X: np.ndarray) -> np.ndarray:
    """``[X, 1]``: the inputs with the constant bias input appended."""
    return np.hstack([X, np.ones((len(X), 1))])


def _vector(v: np.ndarray) -> str:
    """A short, readable form of a small vector for a message."""
    return np.array2string(np.asarray(v, dtype=float), precision=3, separator=", ")


# ----------------------------------------------------------------------------- 1.1


def _corrections_by_repetition(w_tilde: np.ndarray, x_tilde: np.ndarray, y: int) -> int:
    """Correct point ``(x_tilde, y)`` again and again, as the rule does, until its margin is
    positive; return how many corrections that took."""
    count = 0
    while y * (w_tilde @ x_tilde) <= 0:
        w_tilde = w_tilde + y * x_tilde
        count += 1
    return count


def _points_on_the_wrong_side() -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Points strictly on the wrong side, ``-margin / ||x~||^2`` kept away from whole numbers
    (there rounding could decide one correction more or less)."""
    rng = np.random.default_rng(11)
    cases = []
    for k, ratio in enumerate([0.3, 1.6, 4.45, 0.85, 2.2, 6.7, 0.12, 3.55]):
        x_tilde = np.append(2.0 * rng.standard_normal(2), 1.0)
        y = 1 if k % 2 == 0 else -1
        across = rng.standard_normal(3)
        across -= (across @ x_tilde) / (x_tilde @ x_tilde) * x_tilde  # orthogonal to x~
        cases.append((-y * ratio * x_tilde + across, x_tilde, y))
    return cases


# Integer points whose margin is 0, or an exact multiple of -||x~||^2: a correction lands
# exactly on the line, where the "<=" of the rule still counts the point as misclassified.
_ON_THE_LINE: list[tuple[np.ndarray, np.ndarray, int]] = [
    (np.zeros(3), np.array([1.0, 2.0, 1.0]), 1),
    (np.array([1.0, -1.0, 1.0]), np.array([1.0, 2.0, 1.0]), -1),
    (np.array([2.0, 2.0, 6.0]), np.array([1.0, 2.0, 1.0]), -1),
    (np.array([-5.0, 5.0, -2.0]), np.array([3.0, -1.0, 1.0]), 1),
    (np.array([-3.0, 0.0, -3.0]), np.array([0.0, 0.0, 1.0]), 1),
]


@exercise(
    "1.1",
    Function(
        "my_corrections_needed",
        "w_tilde, x_tilde, y",
        Text(
            "how many corrections in a row make the margin of (x_tilde, y) positive",
            "(x_tilde, y)의 마진을 양수로 만드는 연속 수정 횟수",
        ),
    ),
    claims={
        "wrong_side": Text(
            "the count agrees with repeated corrections for points strictly on the wrong side",
            "잘못된 쪽에 엄밀히 놓인 점에서 횟수가 반복 수정의 결과와 일치한다",
        ),
        "on_line": Text(
            "the count agrees with repeated corrections when the margin is zero or a "
            "correction makes it exactly zero",
            "마진이 0이거나 수정으로 정확히 0이 될 때 횟수가 반복 수정의 결과와 일치한다",
        ),
    },
)
def _corrections_needed(answer: Any, t: Trial) -> None:
    """Part 2: the reader's count, for points with a non-positive margin, against correcting
    the point until its margin is positive."""
    for key, cases in (("wrong_side", _points_on_the_wrong_side()), ("on_line", _ON_THE_LINE)):
        for w_tilde, x_tilde, y in cases:
            truth = _corrections_by_repetition(w_tilde, x_tilde, y)
            got = t.call(answer, w_tilde.copy(), x_tilde.copy(), y)
            where = Text(
                f"for w_tilde = {_vector(w_tilde)}, x_tilde = {_vector(x_tilde)}, y = {y:+d}",
                f"w_tilde = {_vector(w_tilde)}, x_tilde = {_vector(x_tilde)}, y = {y:+d}에서",
            )
            t.near(key, got, truth, 0.0, COUNT, where=where)


not_checkable(
    "1.2",
    Text(
        "a proof (the subgradient inequality at a kink and at zero) and an explanation: "
        "compare yours with the solution's argument; exercise 1.3 checks part 1 numerically",
        "증명(꺾인 점과 0에서의 서브그래디언트 부등식)과 설명이다. 풀이의 논증과 비교하라. "
        "1번은 연습문제 1.3이 수치로 확인한다",
    ),
)


# ----------------------------------------------------------------------------- 1.3

_LAMBDAS = (0.0, 0.5, 1.0, 1.5)


def _negative_gaps() -> dict[float, bool]:
    """For each λ, whether the gap J(v) - J(w) - g_λ·(v - w) is negative (beyond rounding)
    at some of 3000 random v around w = (1, 1, -1) on the AND data."""
    X, y = logic_gate("AND")
    Xt = _augment(X)
    w = np.array([1.0, 1.0, -1.0])
    on_line = y * (Xt @ w) == 0
    v = w + 0.3 * np.random.default_rng(26).standard_normal((3000, 3))
    J_v = np.maximum(0.0, -y * (v @ Xt.T)).sum(axis=1)
    J_w = float(np.maximum(0.0, -y * (Xt @ w)).sum())
    return {
        lam: bool(np.min(J_v - J_w - (v - w) @ (-lam * (y[on_line] @ Xt[on_line]))) < -1e-12)
        for lam in _LAMBDAS
    }


def _listed_lambdas(answer: Any, t: Trial) -> set[float]:
    """The answer as a set of values among 0, 0.5, 1, 1.5 (one number, or a collection)."""
    if isinstance(answer, (set, frozenset, list, tuple)):
        items = list(answer)
    elif isinstance(answer, np.ndarray) and answer.ndim == 1:
        items = answer.tolist()
    else:
        items = [answer]
    listed = set()
    for item in items:
        value = t.number(item, "λ")
        match = [lam for lam in _LAMBDAS if abs(value - lam) < 1e-9]
        if not match:
            t.fail(
                Text(
                    f"list only values of λ among 0, 0.5, 1 and 1.5; got {item!r}",
                    f"λ 값은 0, 0.5, 1, 1.5 중에서만 나열하세요. 받은 값: {item!r}",
                )
            )
        listed.add(match[0])
    return listed


@exercise(
    "1.3",
    Value(
        Text(
            "the values of λ (among 0, 0.5, 1, 1.5) whose gap is negative somewhere, as a "
            "tuple, e.g. answer=(0.5, 1.0), or answer=() for none",
            "간격이 어딘가에서 음수가 되는 λ 값들(0, 0.5, 1, 1.5 중에서)을 튜플로, "
            "예를 들어 answer=(0.5, 1.0), 없으면 answer=()",
        )
    ),
    claims={
        "listed": Text(
            "each λ listed gives a negative gap somewhere",
            "나열한 λ마다 간격이 어딘가에서 음수가 된다",
        ),
        "complete": Text(
            "every λ that gives a negative gap is listed",
            "간격이 음수가 되는 λ가 모두 나열되어 있다",
        ),
    },
)
def _broken_inequality(answer: Any, t: Trial) -> None:
    """The listed λ against the gaps computed on a cloud of random v around w."""
    listed, negative = _listed_lambdas(answer, t), _negative_gaps()
    t.expect("listed", True)
    for lam in sorted(listed):
        t.expect(
            "listed",
            negative[lam],
            Text(
                f"at λ = {lam:g} the gap is never negative (beyond rounding)",
                f"λ = {lam:g}에서는 간격이 (반올림 오차를 넘어) 음수가 되는 일이 없습니다",
            ),
        )
    t.expect(
        "complete",
        all(lam in listed for lam, below in negative.items() if below),
        Text(
            "a value of λ whose gap is negative somewhere is missing",
            "간격이 어딘가에서 음수가 되는 λ 값이 빠져 있습니다",
        ),
    )


# ----------------------------------------------------------------------------- 1.4


@exercise(
    "1.4",
    Value(
        Text(
            "what the code prints, as a tuple (misclassified_, w_, b_), e.g. "
            "answer=([3, 1, 0], [1.0, 2.0], -1.0)",
            "코드가 출력하는 것을 튜플 (misclassified_, w_, b_)로, 예를 들어 "
            "answer=([3, 1, 0], [1.0, 2.0], -1.0)",
        )
    ),
    claims={
        "misclassified": Text(
            "misclassified_, |M| at the start of each epoch, is right",
            "에포크마다 시작할 때의 |M|인 misclassified_가 맞다",
        ),
        "w": Text("w_ is right", "w_가 맞다"),
        "b": Text("b_ is right", "b_가 맞다"),
    },
)
def _five_copies(answer: Any, t: Trial) -> None:
    """The predicted printout against a run of ``Perceptron`` on five copies of (3, 4)."""
    printed = t.parts(answer, 3, "(misclassified_, w_, b_)")
    run = Perceptron().fit(np.array([[3.0, 4.0]] * 5), np.ones(5, dtype=int))
    counts = t.array(printed[0], "misclassified_")
    truth = np.array(run.misclassified_, dtype=float)
    if counts.shape != truth.shape:
        t.expect(
            "misclassified",
            False,
            Text(
                "your misclassified_ does not have one entry per epoch of the run",
                "misclassified_의 항목 수가 실행의 에포크 수와 다릅니다",
            ),
        )
    else:
        for i, (got, want) in enumerate(zip(counts, truth, strict=True)):
            where = Text(f"in epoch {i}", f"에포크 {i}에서")
            t.near("misclassified", got, want, 0.0, "|M|", where=where, finite=False)
    w = t.array(printed[1], "w_", shape=(2,))
    for i in range(2):
        where = Text(f"at index {i}", f"인덱스 {i}에서")
        t.near("w", w[i], run.w_[i], 0.0, "w_", where=where, finite=False)
    t.near("b", printed[2], run.b_, 1e-9, "b_")


not_checkable(
    "1.5",
    Text(
        "a proof of a bound, and part 3 asks for an argument: compare yours with the "
        "solution's; exercise 1.6 puts the bound to a numerical test",
        "상한의 증명이고, 3번은 논증을 묻는다. 풀이와 비교하라. 연습문제 1.6이 이 상한을 "
        "수치로 시험한다",
    ),
)


# ----------------------------------------------------------------------------- 1.6


@exercise(
    "1.6",
    Function(
        "my_count_and_bound",
        "eps",
        Text(
            "(corrections, bound): the sum of m_t of a full run, and (R/γ)²",
            "(corrections, bound): 끝까지 실행했을 때 m_t의 합과 (R/γ)²",
        ),
    ),
    claims={
        "count": Text(
            "the number of corrections is that of a run to convergence",
            "수정 횟수가 수렴할 때까지 실행한 결과와 같다",
        ),
        "bound": Text(
            "(R/γ)² uses the best unit separator and the augmented inputs",
            "(R/γ)²가 가장 좋은 단위 분리 벡터와 확장된 입력으로 계산되어 있다",
        ),
    },
)
def _two_points(answer: Any, t: Trial) -> None:
    """For several ε (1/ε² away from whole numbers), the reader's count against a run of
    ``Perceptron`` that converges, and the bound against the best separator's."""
    for eps in (0.3, 0.15, 0.12, 0.07, 0.035):
        out = t.parts(t.call(answer, eps), 2, "(corrections, bound)")
        X, y = np.array([[0.0], [eps]]), np.array([-1, 1])
        run = Perceptron(max_epochs=100_000).fit(X, y)
        corrections = sum(run.misclassified_)
        bound = (1 + eps**2) * (4 + eps**2) / eps**2  # R² / γ², γ of u ∝ (2, -ε)
        where = Text(f"for ε = {eps:g}", f"ε = {eps:g}에서")
        count, said = t.number(out[0], "corrections"), t.number(out[1], "bound")
        stopped = count < corrections and run.n_epochs_ > 100  # Perceptron()'s max_epochs
        hint = Text("(did your run converge?)", "(실행이 수렴했나요?)") if stopped else None
        t.near("count", count, corrections, 0.0, COUNT, where=where, hint=hint)
        t.near("bound", said, bound, 0.0, "(R/γ)²", rtol=1e-6, where=where)


# ----------------------------------------------------------------------------- 1.7


def _clouds(n: int, centre: list[float], seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping Gaussian clouds, labels alternating ±1: no hyperplane separates them."""
    y = np.where(np.arange(n) % 2 == 0, 1, -1)
    X = np.random.default_rng(seed).standard_normal((n, len(centre))) + np.outer(y, centre)
    return X, y


def _average_of_iterates(X: np.ndarray, y: np.ndarray, T: int) -> np.ndarray:
    """(w~_1 + ... + w~_T) / T for the batch rule with η = 1, from w~_0 = 0."""
    Xt = _augment(X)
    w, total = np.zeros(Xt.shape[1]), np.zeros(Xt.shape[1])
    for _ in range(T):
        M = y * (Xt @ w) <= 0
        w = w + y[M] @ Xt[M]
        total += w
    return total / T


@exercise(
    "1.7",
    Function(
        "my_averaged_perceptron",
        "X, y, T",
        Text(
            "(w_T, w_bar): the last iterate and the average of w_1, ..., w_T, each (w, b)",
            "(w_T, w_bar): 마지막 반복값과 w_1, ..., w_T의 평균, 둘 다 (w, b)",
        ),
    ),
    claims={
        "last": Text(
            "w_T is Perceptron's (w, b) after T epochs",
            "w_T가 T 에포크 뒤 Perceptron의 (w, b)와 같다",
        ),
        "average": Text(
            "w_bar is the average of the iterates w_1, ..., w_T",
            "w_bar가 반복값 w_1, ..., w_T의 평균이다",
        ),
    },
)
def _averaged(answer: Any, t: Trial) -> None:
    """On two non-separable data sets and several T, the reader's loop against ``Perceptron``
    (the last iterate) and against the running average of the batch rule's iterates."""
    for X, y in (_clouds(50, [1.0, 0.5], 7), _clouds(30, [0.5, 0.5, 0.5], 8)):
        for T in (3, 40, 1):
            out = t.parts(t.call(answer, X.copy(), y.copy(), T), 2, "(w_T, w_bar)")
            run = Perceptron(max_epochs=T).fit(X, y)
            last = np.append(run.w_, run.b_)
            after = Text(
                f"Perceptron's (w, b) after {T} epochs", f"{T} 에포크 뒤 Perceptron의 가중치"
            )
            t.close("last", "w_T", out[0], last, after, rtol=1e-9, atol=1e-9)
            mean = Text(f"the average of w_1, ..., w_{T}", f"w_1, ..., w_{T}의 평균")
            average = _average_of_iterates(X, y, T)
            t.close("average", "w_bar", out[1], average, mean, rtol=1e-9, atol=1e-9)
