"""The exercises of chapter 9, Handwritten digits (``docs/digits.md``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from nnbook.exercises._core import CENTRAL, Function, Text, Trial, exercise, fit_stops
from nnbook.gradcheck import numerical_gradient
from nnbook.losses import Loss, cross_entropy, mse_loss, one_hot
from nnbook.mlp import MLP, MLPClassifier


def _whole(t: Trial, value: Any, name: str) -> int:
    """``value`` as a whole number, or stop with a message."""
    number = t.number(value, name)
    if number != round(number):
        t.fail(
            Text(
                f"{name} should be a whole number, got {value!r}",
                f"{name}은(는) 정수여야 하는데 {value!r}입니다",
            )
        )
    return round(number)


# ----------------------------------------------------------------------------- 9.1

_SIZES = ([64, 128, 64, 10], [64, 10], [3, 5, 2], [2, 4, 4, 3], [7, 1, 5], [5, 9, 8, 6, 2])


@exercise(
    "9.1",
    Function(
        "my_counts",
        "sizes",
        Text(
            "(P, shift, rescale): the number of parameters of MLP(sizes), and the numbers of "
            "independent directions of the softmax shift and of the ReLU rescaling",
            "(P, shift, rescale): MLP(sizes)의 매개변수 개수, 그리고 소프트맥스 이동과 ReLU "
            "스케일 조정이 주는 독립적인 방향의 수",
        ),
    ),
    claims={
        "parameters": Text(
            "P is the number of parameters MLP(sizes) holds",
            "P가 MLP(sizes)가 가진 매개변수의 개수와 같다",
        ),
        "shift": Text(
            "the softmax shift gives the right number of independent directions",
            "소프트맥스 이동이 주는 독립적인 방향의 수가 맞다",
        ),
        "rescale": Text(
            "the ReLU rescaling gives the right number of independent directions",
            "ReLU 스케일 조정이 주는 독립적인 방향의 수가 맞다",
        ),
    },
)
def _counts(answer: Any, t: Trial) -> None:
    """For networks of one to four layers (the chapter's two among them), the reader's count
    of parameters against the size of ``MLP(sizes).params.theta``, and the two counts of flat
    directions against those of the solution's families: one direction per entry of ``u``
    and for ``u0``, one per hidden unit."""
    for sizes in _SIZES:
        out = t.call(answer, list(sizes))
        got = t.parts(out, 3, "(P, shift, rescale)")
        truths = (MLP(sizes).params.theta.size, sizes[-2] + 1, sum(sizes[1:-1]))
        where = Text(f"for sizes {sizes}", f"sizes {sizes}에서")
        for key, value, truth in zip(("parameters", "shift", "rescale"), got, truths, strict=True):
            number = _whole(t, value, key)
            t.near(key, number, truth, 0.0, "P" if key == "parameters" else key, where=where)


# ----------------------------------------------------------------------------- 9.2

_RATE_SIZES = [5, 6, 4, 3]


def _measured_rate(c: float, eta: float) -> float:
    """One full-batch step of ``MLPClassifier.fit`` (learning rate ``eta``) on inputs ``cX``,
    seen through ``V = c W1``: the learning rate of a step of ``V`` along the gradient that the
    same network with first-layer weights ``V`` has on ``X``."""
    rng = np.random.default_rng(92)
    X, y = rng.random((12, 5)), np.arange(12) % 3
    net = MLPClassifier(_RATE_SIZES, lr=eta, epochs=1, batch_size=12, seed=2)
    start, W1 = net.params.theta.copy(), net.W[1].copy()
    net.fit(c * X, y)
    step_V = c * (net.W[1] - W1)
    twin = MLP(_RATE_SIZES, seed=2)
    twin.params.theta[:] = start
    twin.W[1][...] *= c
    dV = twin.backward(cross_entropy.grad(twin.forward(X), y)).W[1]
    return float(-(step_V * dV).sum() / (dV * dV).sum())


def _measured_factor(c: float) -> float:
    """How many times larger fresh ReLU networks (biases 0) of one to three layers make their
    outputs on ``cX`` than on ``X``; ``nan`` if the depths disagree (they do not)."""
    X = np.random.default_rng(93).random((10, 5))
    factors = []
    for sizes in ([5, 3], [5, 6, 3], [5, 6, 4, 3]):
        net = MLP(sizes, seed=3)
        Z, Zc = net.forward(X), net.forward(c * X)
        factors.append(float((Zc * Z).sum() / (Z * Z).sum()))
    return factors[0] if np.allclose(factors, factors[0], rtol=1e-9) else float("nan")


@exercise(
    "9.2",
    Function(
        "my_scaling",
        "c, eta",
        Text(
            "(rate, factor): the learning rate at which V = c W1 moves when W1 takes an SGD "
            "step of learning rate eta on inputs cX, and the factor by which the outputs Z_L "
            "of a fresh ReLU network grow when its inputs are multiplied by c",
            "(rate, factor): 입력 cX에서 W1이 학습률 eta로 SGD 한 단계 갱신될 때 V = c W1이 "
            "움직이는 학습률, 그리고 입력에 c를 곱할 때 새로 만든 ReLU 신경망의 출력 Z_L이 "
            "커지는 배수",
        ),
    ),
    claims={
        "rate": Text(
            "the rate is that of a step of MLPClassifier.fit, seen through V = c W1",
            "rate가 V = c W1으로 본 MLPClassifier.fit 한 단계의 학습률과 같다",
        ),
        "factor": Text(
            "the factor is that of fresh ReLU networks of one to three layers",
            "factor가 층이 하나에서 셋인 새 ReLU 신경망에서 잰 배수와 같다",
        ),
    },
)
def _scaling(answer: Any, t: Trial) -> None:
    """For several ``c`` (16 among them) and ``eta``, the reader's two numbers against a step
    of the library's ``fit`` and against the outputs of fresh networks."""
    for c, eta in ((16.0, 0.05), (0.5, 0.2), (3.0, 0.01)):
        out = t.call(answer, c, eta)
        rate, factor = t.parts(out, 2, "(rate, factor)")
        where = Text(f"for c = {c:g}, eta = {eta:g}", f"c = {c:g}, eta = {eta:g}에서")
        for key, value, truth in (
            ("rate", rate, _measured_rate(c, eta)),
            ("factor", factor, _measured_factor(c)),
        ):
            t.near(key, value, truth, 0.0, key, rtol=1e-6, where=where)


# ----------------------------------------------------------------------------- 9.3


def _pixels(seed: int, n: int) -> np.ndarray:
    """``n`` images of 6 pixels in [0, 1]: four vary, pixels 2 and 5 are blank."""
    rng = np.random.default_rng(seed)
    X = np.column_stack(
        [
            rng.random(n),
            0.5 * rng.random(n),
            np.zeros(n),
            rng.integers(0, 17, n) / 16,
            0.25 + 0.5 * rng.random(n),
            np.zeros(n),
        ]
    )
    return X


_BLANK = np.array([2, 5])
_VARY = np.array([0, 1, 3, 4])


@exercise(
    "9.3",
    Function(
        "my_standardise",
        "X_fit, X",
        Text(
            "X standardised with the mean and standard deviation of X_fit, by the repaired "
            "recipe (an array of X's shape)",
            "X_fit의 평균과 표준편차로 표준화한 X, 고친 방법으로 (X와 같은 모양의 배열)",
        ),
    ),
    claims={
        "finite": Text(
            "every input it returns is finite, also on pixels blank in X_fit",
            "돌려주는 입력이 모두 유한하다. X_fit에서 비어 있는 픽셀에서도 그렇다",
        ),
        "statistics": Text(
            "pixels that vary in X_fit are standardised with X_fit's mean and standard deviation",
            "X_fit에서 변하는 픽셀은 X_fit의 평균과 표준편차로 표준화된다",
        ),
        "blank": Text(
            "ink on a pixel blank in X_fit is not blown up: its input is no larger than the ink",
            "X_fit에서 비어 있는 픽셀의 잉크가 부풀려지지 않는다. 그 입력이 잉크보다 크지 않다",
        ),
    },
    skeleton="""\
import numpy as np


def my_standardise(X_fit, X):
    # the recipe: mean, std = X_fit.mean(axis=0), X_fit.std(axis=0); return (X - mean) / std
    raise NotImplementedError  # your code here: the recipe, repaired""",
)
def _standardise(answer: Any, t: Trial) -> None:
    """On six-pixel images, two pixels blank in every fitting image: the reader's inputs for
    new images (ink on the blank pixels) and for the fitting images themselves."""
    X_fit = _pixels(931, 40)
    X_new = _pixels(932, 15)
    X_new[::2, 2], X_new[1::3, 5] = 0.5, 1.0  # ink where X_fit has none
    mean = X_fit.mean(axis=0)
    for X, which in ((X_new, Text("new images", "새 이미지")), (X_fit, Text("X_fit", "X_fit"))):
        out = t.array(t.call(answer, X_fit.copy(), X.copy()), "the result", X.shape)
        bad = np.argwhere(~np.isfinite(out))
        where = tuple(int(i) for i in bad[0]) if len(bad) else (0, 0)
        t.expect(
            "finite",
            not len(bad),
            Text(
                f"for {which.en}, input [{where[0]}, {where[1]}] is {out[where]}",
                f"{which.ko}에서 입력 [{where[0]}, {where[1]}]이(가) {out[where]}입니다",
            ),
        )
        # either standard deviation of the recipe (NumPy's ddof=0, or ddof=1) is accepted
        wants = [(X - mean)[:, _VARY] / X_fit.std(axis=0, ddof=d)[_VARY] for d in (0, 1)]
        got = out[:, _VARY]
        if not any(np.allclose(got, want, rtol=1e-6, atol=1e-9) for want in wants):
            what = Text(f"{which.en} standardised", f"표준화한 {which.ko}")
            t.close("statistics", "input", got, wants[0], what, rtol=1e-6, atol=1e-9)
        else:
            t.expect("statistics", True)
        size, ink = np.abs(out[:, _BLANK]), np.abs(X[:, _BLANK])
        with np.errstate(invalid="ignore"):
            excess = np.where(np.isfinite(size), size - ink, np.inf)
        worst = np.unravel_index(int(np.argmax(excess)), excess.shape)
        cell = (int(worst[0]), int(_BLANK[worst[1]]))
        t.expect(
            "blank",
            bool(excess.max() <= 1e-9),
            Text(
                f"for {which.en}, input [{cell[0]}, {cell[1]}] is {out[cell]:g} where the ink "
                f"is {X[cell]:g}",
                f"{which.ko}에서 입력 [{cell[0]}, {cell[1]}]이(가) {out[cell]:g}인데 잉크는 "
                f"{X[cell]:g}입니다",
            ),
        )


# ----------------------------------------------------------------------------- 9.4


def _loss(loss: Loss, target: np.ndarray, Z: np.ndarray) -> float:
    """The mean ``loss`` of logits ``Z`` against ``target``, as ``fit`` computes it."""
    return float(loss(Z, target))


@exercise(
    "9.4",
    Function(
        "my_deltas",
        "Z, y",
        Text(
            "(delta_ce, delta_sq): δ_L of cross_entropy(Z, y) and of mse_loss(Z, one_hot(y, C))",
            "(delta_ce, delta_sq): cross_entropy(Z, y)와 mse_loss(Z, one_hot(y, C))의 δ_L",
        ),
    ),
    claims={
        "ce": Text(
            "delta_ce agrees with central differences of cross_entropy",
            "delta_ce가 cross_entropy의 중심 차분과 일치한다",
        ),
        "sq": Text(
            "delta_sq agrees with central differences of mse_loss on one-hot targets",
            "delta_sq가 원-핫 목표값에 대한 mse_loss의 중심 차분과 일치한다",
        ),
    },
)
def _deltas(answer: Any, t: Trial) -> None:
    """For logits of several shapes (ten classes first, then fewer), the reader's two δ_L
    against central differences of the library's losses, as ``fit`` averages them."""
    rng = np.random.default_rng(94)
    for N, C in ((5, 10), (3, 4), (7, 3)):
        Z, y = 2 * rng.standard_normal((N, C)), rng.integers(0, C, N)
        Y = one_hot(y, C)
        out = t.call(answer, Z.copy(), y.copy())
        got = t.parts(out, 2, "(delta_ce, delta_sq)")
        losses = (
            ("ce", "delta_ce", partial(_loss, cross_entropy, y)),
            ("sq", "delta_sq", partial(_loss, mse_loss, Y)),
        )
        where = Text(f"{CENTRAL.en} (N = {N}, C = {C})", f"{CENTRAL.ko}(N = {N}, C = {C})")
        for (key, name, f), value in zip(losses, got, strict=True):
            t.close(key, name, value, numerical_gradient(f, Z), where, rtol=1e-5, atol=1e-7)


# ----------------------------------------------------------------------------- 9.5


def _confusions() -> list[np.ndarray]:
    """Confusion matrices (rows: true class, columns: predicted) where the lowest recall is
    not the lowest diagonal count nor the lowest precision, and the most confused pair is not
    the pair of the largest single entry."""
    first = np.diag([40, 52, 45, 50, 38, 44, 47, 41, 55, 49])
    for (i, j), count in {
        (0, 6): 1,
        (1, 8): 4,
        (8, 1): 5,
        (2, 7): 7,
        (3, 9): 3,
        (9, 3): 3,
        (5, 3): 2,
        (7, 1): 2,
        (4, 9): 1,
        (8, 3): 3,
        (6, 5): 1,
    }.items():
        first[i, j] = count
    second = np.array(
        [
            [30, 2, 0, 3, 0],
            [1, 25, 4, 0, 0],
            [0, 3, 40, 0, 5],
            [6, 0, 0, 22, 0],
            [0, 1, 2, 0, 33],
        ]
    )
    return [first, second]


def _recalls(confusion: np.ndarray) -> np.ndarray:
    return np.diag(confusion) / confusion.sum(axis=1)


def _pair_counts(confusion: np.ndarray) -> dict[tuple[int, int], int]:
    n = len(confusion)
    return {
        (i, j): int(confusion[i, j] + confusion[j, i]) for i in range(n) for j in range(i + 1, n)
    }


@exercise(
    "9.5",
    Function(
        "my_hardest",
        "confusion",
        Text(
            "(digit, pair): the class of the lowest recall, and the unordered pair (k, k2) "
            "confused most, counting both directions",
            "(digit, pair): 재현율이 가장 낮은 클래스, 그리고 두 방향을 함께 셀 때 가장 많이 "
            "혼동되는 순서 없는 쌍 (k, k2)",
        ),
    ),
    claims={
        "recall": Text(
            "the digit is the class of the lowest recall (correct share of its row)",
            "digit이 재현율(자기 행에서 맞힌 비율)이 가장 낮은 클래스다",
        ),
        "pair": Text(
            "the pair is the one confused most, k read as k2 and k2 read as k together",
            "pair가 k를 k2로, k2를 k로 읽은 경우를 합쳐 가장 많이 혼동되는 쌍이다",
        ),
    },
)
def _hardest(answer: Any, t: Trial) -> None:
    """On two confusion matrices (ten classes, then five) built so that the usual slips give
    other answers, the reader's digit and pair against the lowest recall and the largest
    count of a pair in both directions."""
    for m, confusion in enumerate(_confusions(), start=1):
        out = t.call(answer, confusion.copy())
        digit, pair = t.parts(out, 2, "(digit, pair)")
        n = len(confusion)
        where = Text(f"in matrix {m} ({n} classes)", f"{m}번 행렬({n}개 클래스)에서")
        recalls, counts = _recalls(confusion), _pair_counts(confusion)
        k = _whole(t, digit, "digit")
        t.expect(
            "recall",
            0 <= k < n and recalls[k] == recalls.min(),
            Text(
                f"{where.en}, class {k} does not have the lowest recall",
                f"{where.ko} 클래스 {k}의 재현율은 가장 낮지 않습니다",
            ),
        )
        if not (isinstance(pair, tuple | list | set | frozenset | np.ndarray) and len(pair) == 2):
            t.fail(
                Text(
                    f"pair should be two classes, like (3, 5); got {pair!r}",
                    f"pair는 (3, 5)처럼 클래스 둘이어야 하는데 {pair!r}입니다",
                )
            )
        a, b = sorted(_whole(t, p, "pair") for p in pair)
        top = max(counts.values())
        t.expect(
            "pair",
            (a, b) in counts and counts[a, b] == top,
            Text(
                f"{where.en}, the pair ({a}, {b}) is not the one confused most",
                f"{where.ko} ({a}, {b}) 쌍은 가장 많이 혼동되는 쌍이 아닙니다",
            ),
        )


# ----------------------------------------------------------------------------- 9.6


_HISTORIES: list[tuple[list[float], int]] = [
    ([1.0, 0.8, 0.7, 0.72, 0.69, 0.71, 0.73, 0.74, 0.75, 0.8, 0.9, 1.0], 3),
    ([1.0, 0.6, 0.7, 0.6, 0.65, 0.66, 0.7, 0.8], 2),  # a tie is no improvement
    ([1.0, 0.9, 0.8, 0.85, 0.7, 0.75], 3),  # never stopped early: the last epoch
    ([0.5, 0.6, 0.4], 1),
    ([2.3, 1.2, 0.6, 0.4, 0.35, 0.3, 0.31, 0.29, 0.3, 0.32, 0.33, 0.35, 0.36, 0.4, 0.5], 5),
]


@exercise(
    "9.6",
    Function(
        "my_early_stop",
        "val_loss, patience",
        Text(
            "(stop, kept): the epoch after which fit's early stopping ends a run with this "
            "history of validation losses, and the epoch whose parameters it keeps, both "
            "counted from 1",
            "(stop, kept): 이 검증 손실 기록으로 fit의 조기 종료가 실행을 끝내는 에포크와 "
            "매개변수를 남기는 에포크, 둘 다 1부터 센다",
        ),
    ),
    claims={
        "stop": Text(
            "stop is the epoch after which fit's rule ends the run",
            "stop이 fit의 규칙이 실행을 끝내는 에포크다",
        ),
        "kept": Text(
            "kept is the epoch whose parameters fit keeps",
            "kept가 fit이 매개변수를 남기는 에포크다",
        ),
    },
)
def _early_stopping(answer: Any, t: Trial) -> None:
    """On five histories (a tie, a run never stopped early, patience 1 and the chapter's 5
    among them), the reader's two epochs against the rule of ``fit``."""
    for k, (history, patience) in enumerate(_HISTORIES):
        val_loss = np.array(history) if k == 2 else list(history)
        out = t.call(answer, val_loss, patience)
        got = t.parts(out, 2, "(stop, kept)")
        shown = ", ".join(f"{v:g}" for v in history)
        where = Text(
            f"for val_loss = [{shown}] and patience {patience}",
            f"val_loss = [{shown}], patience {patience}에서",
        )
        kept, stop = fit_stops(history, patience)
        for key, value, truth in zip(("stop", "kept"), got, (stop, kept), strict=True):
            number = _whole(t, value, key)
            t.near(key, number, truth, 0.0, f"{key} epoch", where=where)


# ----------------------------------------------------------------------------- 9.7


def _shifted(X: np.ndarray, dx: int, dy: int) -> tuple[np.ndarray, np.ndarray]:
    """Each 8×8 image of ``X`` moved ``dx`` cells right and ``dy`` down, cell by cell, and
    the mask of the cells that receive a cell of the image (the others are freed)."""
    images = X.reshape(-1, 8, 8)
    moved, filled = np.zeros_like(images), np.zeros((8, 8), dtype=bool)
    for r in range(8):
        for c in range(8):
            if 0 <= r - dy < 8 and 0 <= c - dx < 8:
                moved[:, r, c], filled[r, c] = images[:, r - dy, c - dx], True
    return moved, filled


@exercise(
    "9.7",
    Function(
        "my_shift",
        "X, dx, dy",
        Text(
            "the images (rows of X, 8×8 cells) with their ink moved dx cells right and dy "
            "cells down, the freed cells 0, in an array of X's shape",
            "잉크를 오른쪽으로 dx칸, 아래로 dy칸 옮기고 비게 된 칸을 0으로 채운 이미지들"
            "(X의 행, 8×8칸), X와 같은 모양의 배열",
        ),
    ),
    claims={
        "moved": Text(
            "the ink lands dx cells to the right and dy cells down",
            "잉크가 오른쪽으로 dx칸, 아래로 dy칸 옮겨진 곳에 놓인다",
        ),
        "freed": Text(
            "the cells the shift frees are 0 (nothing wraps around)",
            "이동으로 비게 된 칸은 0이다(반대쪽에서 넘어오는 것이 없다)",
        ),
    },
)
def _shift(answer: Any, t: Trial) -> None:
    """On random images with ink in every cell, for shifts of one and two cells in each
    direction, a diagonal one and none, the reader's images against shifting cell by cell."""
    X = np.random.default_rng(97).integers(1, 17, (4, 64)) / 16
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (2, 0), (1, -2), (0, 0)):
        out = t.array(t.call(answer, X.copy(), dx, dy), "the result", X.shape)
        images = out.reshape(-1, 8, 8)
        moved, filled = _shifted(X, dx, dy)
        where = Text(f"for dx = {dx}, dy = {dy}", f"dx = {dx}, dy = {dy}에서")
        for key, wrong in (
            ("moved", (images != moved) & filled),
            ("freed", (images != 0) & ~filled),
        ):
            n, r, c = (int(i) for i in np.argwhere(wrong)[0]) if wrong.any() else (0, 0, 0)
            detail = {
                "moved": Text(
                    f"{where.en}, image {n}, row {r}, column {c} does not hold the ink that "
                    "belongs there",
                    f"{where.ko} 이미지 {n}의 {r}행 {c}열에 와야 할 잉크가 없습니다",
                ),
                "freed": Text(
                    f"{where.en}, image {n}, row {r}, column {c} is {images[n, r, c]:g}, in a "
                    "cell the shift frees",
                    f"{where.ko} 이동으로 비게 된 이미지 {n}의 {r}행 {c}열이 "
                    f"{images[n, r, c]:g}입니다",
                ),
            }[key]
            t.expect(key, not wrong.any(), detail)
