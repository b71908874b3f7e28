"""The exercises of chapter 8, Initialisation and early stopping (``docs/initialisation.md``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnbook import MLP
from nnbook.exercises._core import (
    Function,
    Text,
    Trial,
    Value,
    exercise,
    fit_stops,
    too_high_or_low,
)
from nnbook.layers import affine_backward, affine_forward
from nnbook.losses import mse_loss

# ----------------------------------------------------------------------------- 8.1

_VARIANCE = Text("variance of U(-r, r)", "U(-r, r)의 분산")


@exercise(
    "8.1",
    Function(
        "my_uniform_r",
        "n_in, n_out",
        Text("(r for He's rule, r for Glorot's compromise)", "(He 규칙의 r, Glorot 절충안의 r)"),
    ),
    claims={
        "he": Text(
            "U(-r, r) with the first r has He's variance 2/n_in",
            "첫 번째 r의 U(-r, r)가 He의 분산 2/n_in을 가진다",
        ),
        "glorot": Text(
            "U(-r, r) with the second r has the variance 2/(n_in + n_out)",
            "두 번째 r의 U(-r, r)가 분산 2/(n_in + n_out)을 가진다",
        ),
    },
)
def _uniform_limits(answer: Any, t: Trial) -> None:
    """At four (n_in, n_out), two of them not square, the variance r²/3 of U(-r, r) (the first
    result of part (a), given in the statement) for each returned r against the rule's."""
    for n_in, n_out in [(100, 100), (784, 64), (3, 50), (1, 7)]:
        out = t.call(answer, n_in, n_out)
        r_he, r_glorot = t.parts(out, 2, "(r_he, r_glorot)", arrays=True)
        where = Text(f"at n_in = {n_in}, n_out = {n_out}", f"n_in = {n_in}, n_out = {n_out}에서")
        for key, r, want in [("he", r_he, 2 / n_in), ("glorot", r_glorot, 2 / (n_in + n_out))]:
            variance = t.number(r, "r") ** 2 / 3
            t.near(key, variance, want, 0.0, _VARIANCE, rtol=1e-9, where=where)


# ----------------------------------------------------------------------------- 8.2

_ORDER = [(a, c) for a in ("relu", "tanh") for c in (0.9, 1.0, 1.1)]


def _printed_stds() -> dict[tuple[str, float], float]:
    """The six standard deviations the exercise's code prints."""
    X = np.random.default_rng(0).standard_normal((100, 100))
    stds = {}
    for activation, c in _ORDER:
        net = MLP([100] * 51, activation=activation, seed=0)
        for W in net.W.values():
            W *= np.sqrt(c)
        stds[activation, c] = float(net.forward(X).std())
    return stds


@exercise(
    "8.2",
    Value(
        Text(
            "the six standard deviations in the printed order, a tuple: "
            "(relu 0.9, relu 1.0, relu 1.1, tanh 0.9, tanh 1.0, tanh 1.1)",
            "출력 순서대로 표준편차 여섯 개의 튜플: "
            "(relu 0.9, relu 1.0, relu 1.1, tanh 0.9, tanh 1.0, tanh 1.1)",
        )
    ),
    claims={
        "relu": Text(
            "each ReLU value is within a factor of 2 of the printed one",
            "ReLU의 값이 각각 출력값과 2배 안으로 맞다",
        ),
        "tanh": Text(
            "each tanh value is within a factor of 2 (at c = 0.9, an upper bound)",
            "tanh의 값이 각각 2배 안으로 맞다 (c = 0.9에서는 상한)",
        ),
    },
)
def _fifty_layers(answer: Any, t: Trial) -> None:
    """Each predicted standard deviation against the printed one, within a factor of 2; for
    tanh at c = 0.9 any value from half the printed one up to twice the bound 0.9**25."""
    if isinstance(answer, dict):
        missing = [key for key in _ORDER if key not in answer]
        if missing:
            t.fail(
                Text(
                    f"the dict has no entry {missing[0]!r}",
                    f"딕셔너리에 {missing[0]!r} 항목이 없습니다",
                )
            )
        answer = [answer[key] for key in _ORDER]
    got = t.array(answer, "answer", (6,))
    if not (np.isfinite(got).all() and (got > 0).all()):
        t.fail(
            Text(
                "a standard deviation is a positive finite number",
                "표준편차는 유한한 양수입니다",
            )
        )
    printed = _printed_stds()
    for (activation, c), value in zip(_ORDER, got, strict=True):
        low, high = printed[activation, c] / 2, 2 * printed[activation, c]
        if (activation, c) == ("tanh", 0.9):
            high = 2 * 0.9**25  # an upper bound will do
        bound = high if value > high else low  # the side it misses, if it does
        detail = too_high_or_low(float(value), bound, f"{activation}, c = {c}")
        t.expect(activation, low <= value <= high, detail)


# ----------------------------------------------------------------------------- 8.3


@exercise(
    "8.3",
    Function(
        "my_orthogonal",
        "n, rng",
        Text("an orthogonal n x n array", "n x n 직교 행렬(배열)"),
    ),
    claims={
        "orthogonal": Text("Q is orthogonal: Q^T Q = I", "Q가 직교 행렬이다: Q^T Q = I"),
        "draw": Text(
            "Q is the Q of the QR of rng.standard_normal((n, n))",
            "Q가 rng.standard_normal((n, n))의 QR에서 나온 Q다",
        ),
        "signs": Text(
            "the signs make the diagonal of R positive",
            "부호가 R의 대각 성분을 양수로 만든다",
        ),
    },
)
def _orthogonal(answer: Any, t: Trial) -> None:
    """For n = 1, 2, 5, 50 and fresh generators: Q^T Q = I; R = Q^T G, with G the first draw
    rng.standard_normal((n, n)) of an identical generator, is upper triangular (Q comes from
    the QR of that draw) with a positive diagonal."""
    for n, seed in [(1, 1), (2, 2), (5, 3), (50, 4)]:
        Q = t.array(t.call(answer, n, np.random.default_rng(seed)), "Q", (n, n))
        G = np.random.default_rng(seed).standard_normal((n, n))
        error = float(np.abs(Q.T @ Q - np.eye(n)).max())
        t.require(
            "orthogonal",
            error < 1e-10,
            Text(
                f"for n = {n}, Q^T Q differs from the identity by {error:.3g}",
                f"n = {n}에서 Q^T Q가 단위 행렬과 {error:.3g}만큼 다릅니다",
            ),
        )
        R = Q.T @ G
        below = float(np.abs(np.tril(R, -1)).max()) if n > 1 else 0.0
        t.require(
            "draw",
            below < 1e-9 * (1 + float(np.abs(G).max())),
            Text(
                f"for n = {n}, Q^T G is not upper triangular (by {below:.3g}), with G the first "
                "draw rng.standard_normal((n, n)) from rng",
                f"n = {n}에서 Q^T G가 위 삼각 행렬이 아닙니다 ({below:.3g}만큼). G는 rng에서 처음 "
                "뽑은 rng.standard_normal((n, n))입니다",
            ),
        )
        negative = int((np.diag(R) <= 0).sum())
        t.expect(
            "signs",
            negative == 0,
            Text(
                f"for n = {n}, {negative} diagonal entries of R are not positive",
                f"n = {n}에서 R의 대각 성분 {negative}개가 양수가 아닙니다",
            ),
        )


# ----------------------------------------------------------------------------- 8.4


def _runs() -> list[tuple[str, list[float], int]]:
    """(the claim it tests, validation losses, patience): noisy runs that stop, runs with a
    loss equal to the lowest so far, runs that never run out of patience."""
    rng = np.random.default_rng(84)
    runs = []
    for k in range(6):  # noisy U-shaped runs: every value distinct
        e = np.arange(40.0)
        noisy = 1 / (1 + e) + 0.002 * e + 0.03 * rng.random(40)
        runs += [("stop", [float(v) for v in noisy], p) for p in (1, 2, 3, 5, 8)[k % 3 :]]
    runs += [
        ("ties", [5.0, 4.0, 6.0, 4.0, 7.0, 8.0, 3.0], 2),
        ("ties", [3.0, 2.0, 2.0, 2.0, 2.5, 2.0, 2.0, 2.0, 2.0], 3),
        ("ties", [1.0, 1.0, 1.0, 1.0], 2),
        ("end", [5.0, 4.0, 3.0, 2.0, 1.0], 1),
        ("end", [3.0, 1.0, 2.0, 2.5, 2.7], 10),
        ("end", [2.0, 3.0, 1.0, 4.0, 0.5, 0.7], 2),
    ]
    return runs


_STOPS = {
    "best": Text("best epoch", "가장 좋은 에포크"),
    "epochs": Text("number of epochs run", "돈 에포크 수"),
}


@exercise(
    "8.4",
    Function(
        "stopping_point",
        "val_loss, patience",
        Text("(best_epoch_, number of epochs run)", "(best_epoch_, 돈 에포크 수)"),
    ),
    claims={
        "best": Text(
            "the best epoch agrees with fit's best_epoch_",
            "가장 좋은 에포크가 fit의 best_epoch_와 일치한다",
        ),
        "epochs": Text(
            "the number of epochs run agrees with fit",
            "돈 에포크 수가 fit과 일치한다",
        ),
        "ties": Text(
            "a loss equal to the lowest so far is treated as fit treats it",
            "지금까지의 최저와 같은 손실을 fit과 똑같이 다룬다",
        ),
        "end": Text(
            "a run that never runs out of patience ends as in fit",
            "patience가 끝까지 다하지 않는 학습이 fit에서처럼 끝난다",
        ),
    },
)
def _stopping_point(answer: Any, t: Trial) -> None:
    """The answer against ``fit`` itself, run with ``patience`` on scripted validation losses:
    noisy runs (best epoch, epochs run), runs with ties and runs that never stop."""
    for kind, losses, patience in _runs():
        out = t.call(answer, list(losses), patience)
        got = t.parts(out, 2, "(best_epoch_, epochs run)", arrays=True)
        try:
            best, run = (int(v) for v in got)
        except (TypeError, ValueError):
            t.fail(Text("it should return two integers", "정수 두 개를 돌려줘야 합니다"))
        want = fit_stops(losses, patience)
        where = f"patience = {patience}, {len(losses)} epochs"
        if kind == "stop":
            noisy = Text(f"on a noisy run ({where})", f"잡음 섞인 학습({where})에서")
            for key, mine, fits in [("best", best, want[0]), ("epochs", run, want[1])]:
                t.near(key, mine, fits, 0.0, _STOPS[key], where=noisy)
        else:
            run_en = {"ties": "a run with equal losses", "end": "a run that never stops"}[kind]
            run_ko = {"ties": "같은 손실이 있는 학습", "end": "멈추지 않는 학습"}[kind]
            t.expect(
                kind,
                (best, run) == want,
                Text(
                    f"on {run_en} ({losses}, patience = {patience}) you return ({best}, {run}), "
                    "which is not what fit gives",
                    f"{run_ko}({losses}, patience = {patience})에서 ({best}, {run})을 "
                    "돌려주는데, fit의 결과와 다릅니다",
                ),
            )


# ----------------------------------------------------------------------------- 8.5


@exercise(
    "8.5",
    Function(
        "my_ridge",
        "X, y, decay",
        Text("(W_1 of shape (D, 1), b_1 of shape (1,))", "(모양 (D, 1)의 W_1, 모양 (1,)의 b_1)"),
    ),
    claims={
        "W": Text(
            "the gradient of the penalised loss in W_1 vanishes there",
            "벌점을 더한 손실의 W_1에 대한 그래디언트가 그 점에서 0이다",
        ),
        "b": Text(
            "the gradient of the penalised loss in b_1 vanishes there",
            "벌점을 더한 손실의 b_1에 대한 그래디언트가 그 점에서 0이다",
        ),
    },
)
def _ridge(answer: Any, t: Trial) -> None:
    """On three problems (one with more features than examples, inputs not centred), the
    gradient of mse_loss + decay/2 |W_1|² at the answer, by nnbook's mse_loss and
    affine_backward, is zero."""
    rng = np.random.default_rng(85)
    for N, D, decay, mean in [(40, 3, 0.1, 0.5), (6, 10, 0.5, 2.0), (100, 2, 2.0, -1.0)]:
        X = rng.normal(mean, 1.0, (N, D))
        y = X @ rng.standard_normal((D, 1)) + 3.0 + 0.5 * rng.standard_normal((N, 1))
        out = t.call(answer, X.copy(), y.copy(), decay)
        W_got, b_got = t.parts(out, 2, "(W_1, b_1)", arrays=True)
        W = t.array(W_got, "W_1", (D, 1))
        b = t.array(b_got, "b_1")
        if b.size != 1:
            t.fail(Text(f"b_1 has shape {b.shape}, expected (1,)", f"b_1의 모양이 {b.shape}입니다"))
        out, cache = affine_forward(X, W, b.reshape(1))
        _, dW, db = affine_backward(mse_loss.grad(out, y), cache)
        for key, grad in [("W", dW + decay * W), ("b", db)]:
            size = float(np.abs(grad).max())
            t.expect(
                key,
                bool(np.isfinite(size) and size < 1e-8),
                Text(
                    f"with N = {N}, D = {D}, decay = {decay}, the gradient in {key}_1 at your "
                    f"answer has an entry of size {size:.3g}",
                    f"N = {N}, D = {D}, decay = {decay}에서 답의 {key}_1에 대한 그래디언트에 "
                    f"크기가 {size:.3g}인 성분이 있습니다",
                ),
            )


# ----------------------------------------------------------------------------- 8.6


def _measured_half_life(lr: float, decay: float, momentum: float) -> float:
    """Steps to halve, in the long run, of a weight moved by the penalty alone under fit's
    update v <- momentum v + decay w, w <- w - lr v from v = 0."""

    def step(w: float, v: float) -> tuple[float, float]:
        v = momentum * v + decay * w
        return w - lr * v, v

    M = np.column_stack([step(1.0, 0.0), step(0.0, 1.0)])  # the step, as a matrix
    K = 4000  # the faster of the two modes has died out after K steps
    w_K = np.linalg.matrix_power(M, K) @ [1.0, 0.0]
    w_2K = np.linalg.matrix_power(M, K) @ w_K
    return float(np.log(2) * K / np.log(w_K[0] / w_2K[0]))


_HALF_LIFE = Text("half-life", "반감기")


@exercise(
    "8.6",
    Function(
        "my_half_life",
        "lr, decay, momentum",
        Text("the number of steps to halve", "절반이 되는 데 걸리는 단계 수"),
    ),
    claims={
        "plain": Text(
            "without momentum, the half-life is right to 1%",
            "모멘텀이 없을 때 반감기가 1% 안으로 맞다",
        ),
        "momentum": Text(
            "with momentum, the half-life is right to 1%",
            "모멘텀이 있을 때 반감기가 1% 안으로 맞다",
        ),
    },
)
def _half_life(answer: Any, t: Trial) -> None:
    """At five (lr, decay, momentum) with a small lr·decay, the answer against the half-life
    measured on fit's update, to 1%."""
    for lr, decay, momentum in [
        (0.01, 0.05, 0.0),
        (0.1, 0.02, 0.0),
        (0.01, 0.005, 0.9),
        (0.05, 0.04, 0.5),
        (0.0001, 0.001, 0.99),
    ]:
        got = t.call(answer, lr, decay, momentum)
        want = _measured_half_life(lr, decay, momentum)
        key = "plain" if momentum == 0 else "momentum"
        where = Text(
            f"at lr = {lr}, decay = {decay}, momentum = {momentum}",
            f"lr = {lr}, decay = {decay}, momentum = {momentum}에서",
        )
        t.near(key, got, want, 0.0, _HALF_LIFE, rtol=0.01, where=where)
