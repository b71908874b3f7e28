"""The exercises of chapter 3, Universal approximation (``docs/universal-approximation.md``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook.activations import relu
from nnbook.approximation import staircase, sup_error
from nnbook.exercises._core import Function, Text, Trial, Value, exercise

Target = Callable[[np.ndarray], np.ndarray]
EXACT = 1e-9  # relative tolerance for results that are exact up to rounding


def _chapter_f(x: np.ndarray) -> np.ndarray:
    """The chapter's target, sin 3x + x/2 on [0, 3] (Lip = 3.5, M = 2.5, M2 = 9)."""
    return np.sin(3 * x) + 0.5 * x


def _line(x: np.ndarray) -> np.ndarray:
    """The line 2x of exercise 3.2."""
    return 2 * x


def _kink(x: np.ndarray) -> np.ndarray:
    """The kink |x - 0.3| of exercise 3.6."""
    return np.abs(x - 0.3)


def _outputs(t: Trial, net: Any, x: np.ndarray, name: str) -> np.ndarray:
    """The reader's network ``net`` at the inputs ``x`` (shape ``(N,)`` or ``(N, 2)``): an array
    of shape ``(N,)``, or stop with a message."""
    if not callable(net):
        t.fail(
            Text(
                f"it should return the network as a function, got {type(net).__name__}",
                f"신경망을 함수로 돌려줘야 하는데 {type(net).__name__}을(를) 돌려준다",
            )
        )
    return t.array(t.call(net, x.copy()), name, (len(x),))


# ----------------------------------------------------------------------------- 3.1

UNITS_CASES = (
    (3.5, 0.0, 3.0, 1e-3),
    (3.0, 0.0, 1.0, 0.125),
    (4.0, -1.0, 2.0, 0.13),
    (10.0, 1.0, 5.0, 0.3),
)


def _line_miss(lip: float, lo: float, hi: float, n: int) -> float:
    """The sup error of the ``n``-unit staircase on the line ``lip * x`` over [lo, hi]. A line of
    slope Lip meets the bound Lip·Δx/2 (exercise 3.2), so it is the worst Lip-Lipschitz target,
    and its error is reached at both ends of the interval: evaluating there is enough."""
    net = staircase(lambda x: lip * x, lo, hi, n)
    ends = np.array([lo, hi])
    return float(np.max(np.abs(lip * ends - net(ends))))


@exercise(
    "3.1",
    Function(
        "my_units_needed", "lip, x_min, x_max, eps", Text("the number of units n", "유닛 수 n")
    ),
    claims={
        "whole": Text(
            "returns a whole number of units, at least 1", "1 이상인 정수 유닛 수를 돌려준다"
        ),
        "enough": Text(
            "n units keep every Lip-Lipschitz target within ε",
            "유닛 n개면 모든 Lip-립시츠 목표 함수의 오차가 ε 이하다",
        ),
        "fewest": Text(
            "n − 1 units would not guarantee ε", "유닛 n − 1개로는 오차 ε 이하를 보장할 수 없다"
        ),
    },
)
def _units_needed(answer: Any, t: Trial) -> None:
    """Part 4 as a function: on four intervals and accuracies (the chapter's among them, and one
    where the count comes out whole), the staircase with the answer's n units stays within ε of
    a line of slope Lip, the worst Lipschitz target, and the one with n − 1 units does not."""
    for lip, lo, hi, eps in UNITS_CASES:
        where = f"Lip = {lip:g}, [{lo:g}, {hi:g}], ε = {eps:g}"
        got = t.number(t.call(answer, lip, lo, hi, eps), "n")
        t.require(
            "whole",
            got >= 1 and got == round(got),
            Text(f"for {where} it returns {got!r}", f"{where}에서 {got!r}을(를) 돌려줍니다"),
        )
        n = round(got)
        if n > 10**6:  # far more than any case needs; too many to build
            t.expect(
                "fewest",
                False,
                Text(
                    f"for {where}: far fewer units suffice",
                    f"{where}: 훨씬 적은 유닛으로 충분합니다",
                ),
            )
            continue
        t.expect(
            "enough",
            _line_miss(lip, lo, hi, n) <= eps * (1 + EXACT),
            Text(
                f"for {where}: with your n a staircase misses a line of slope Lip by more than ε",
                f"{where}: 여러분의 n으로는 기울기가 Lip인 직선을 ε보다 크게 빗나갑니다",
            ),
        )
        t.expect(
            "fewest",
            n == 1 or _line_miss(lip, lo, hi, n - 1) > eps * (1 + EXACT),
            Text(
                f"for {where}: fewer units than your n already guarantee ε",
                f"{where}: 여러분의 n보다 적은 유닛으로도 오차 ε 이하가 보장됩니다",
            ),
        )


# ----------------------------------------------------------------------------- 3.2


@exercise(
    "3.2",
    Value(
        Text(
            "the two printed errors, as a tuple (error for n = 10, error for n = 100)",
            "출력될 두 오차를 튜플로: (n = 10일 때의 오차, n = 100일 때의 오차)",
        )
    ),
    claims={
        "n10": Text("the error with 10 units is right", "유닛 10개일 때의 오차가 맞다"),
        "n100": Text("the error with 100 units is right", "유닛 100개일 때의 오차가 맞다"),
    },
)
def _line_errors(answer: Any, t: Trial) -> None:
    """The two sup errors of the staircase on the line 2x over [0, 1], to 1 %."""
    what = Text(
        "(error for n = 10, error for n = 100)", "(n = 10일 때의 오차, n = 100일 때의 오차)"
    )
    errors = t.parts(answer, 2, what, arrays=True)
    for (key, n), value in zip((("n10", 10), ("n100", 100)), errors, strict=True):
        truth = sup_error(_line, staircase(_line, 0.0, 1.0, n), 0.0, 1.0)
        label = Text(f"error for n = {n}", f"n = {n}일 때의 오차")
        t.near(key, value, truth, 0.0, label, rtol=0.01)


# ----------------------------------------------------------------------------- 3.3

# (claim, target, x_min, x_max, Lip, M, ε): the targets that each part of the bound is about
SIGMOID_CASES: tuple[tuple[str, Target, float, float, float, float, float], ...] = (
    ("target", _chapter_f, 0.0, 3.0, 3.5, 2.5, 0.1),
    ("line", np.negative, -1.0, 1.0, 1.0, 1.0, 0.05),
    ("level", lambda x: np.full_like(x, 2.0), 0.0, 2.0, 0.5, 2.0, 0.07),
)


@exercise(
    "3.3",
    Function("my_n_kappa", "lip, M, x_min, x_max, eps", Text("(n, kappa)", "(n, kappa)")),
    claims={
        "sizes": Text(
            "returns a whole number n ≥ 1 of units and a steepness κ > 0",
            "정수인 유닛 수 n ≥ 1과 가파름 κ > 0을 돌려준다",
        ),
        "target": Text(
            "the sigmoid network is within ε of the chapter's f",
            "시그모이드 신경망이 이 장의 f와 ε 이내로 가깝다",
        ),
        "line": Text(
            "it is within ε of a line of slope Lip, the steepest target",
            "가장 가파른 목표 함수인 기울기 Lip의 직선과 ε 이내로 가깝다",
        ),
        "level": Text(
            "it is within ε of the constant M, up to x_min", "상수 M과 x_min까지 ε 이내로 가깝다"
        ),
    },
)
def _n_kappa(answer: Any, t: Trial) -> None:
    """Part 3 as a function: the sigmoid staircase with the answer's (n, κ) has sup error at
    most ε on three targets with the given Lip and M, each the worst case of one term of the
    bound: the chapter's f, a line of slope Lip through ±M, and the constant M."""
    for key, target, lo, hi, lip, M, eps in SIGMOID_CASES:
        where = f"Lip = {lip:g}, M = {M:g}, [{lo:g}, {hi:g}], ε = {eps:g}"
        out = t.parts(t.call(answer, lip, M, lo, hi, eps), 2, "(n, kappa)")
        n, kappa = t.number(out[0], "n"), t.number(out[1], "kappa")
        t.require(
            "sizes",
            n >= 1 and n == round(n) and kappa > 0,
            Text(
                f"for {where} it returns n = {n:g}, kappa = {kappa:g}",
                f"{where}에서 n = {n:g}, kappa = {kappa:g}을(를) 돌려줍니다",
            ),
        )
        if n > 20000:
            t.fail(
                Text(
                    f"for {where} your n = {n:g} is too many units to check; far fewer suffice",
                    f"{where}에서 n = {n:g}은(는) 확인하기에 너무 많은 유닛입니다. 훨씬 적어도 됩니다",
                )
            )
        net = staircase(target, lo, hi, round(n), steepness=kappa)
        err = sup_error(target, net, lo, hi, points=4001)
        t.expect(
            key,
            err <= eps,
            Text(
                f"for {where}: with your n and kappa the sup error is {err:.3g}, above ε",
                f"{where}: 여러분의 n과 kappa로는 최대 오차({err:.3g})가 ε보다 큽니다",
            ),
        )


# ----------------------------------------------------------------------------- 3.4


@exercise(
    "3.4",
    Function(
        "my_gammas",
        "values, dx",
        Text("the n output weights γ_0, …, γ_{n−1}", "출력 가중치 γ_0, …, γ_{n−1}의 배열"),
    ),
    claims={
        "count": Text(
            "returns one weight per hidden unit", "은닉 유닛마다 가중치를 하나씩 돌려준다"
        ),
        "first": Text(
            "the network has the interpolant's slope on the first cell",
            "신경망이 첫 칸에서 보간 함수의 기울기를 갖는다",
        ),
        "knots": Text(
            "the network passes through f at every grid point",
            "신경망이 모든 격자점에서 f를 지난다",
        ),
    },
)
def _gammas(answer: Any, t: Trial) -> None:
    """Part 1 as a function of the n + 1 grid values and Δx: for random values on grids of 1, 5
    and 8 cells, the network f(x_min) + Σ γ_k relu(x − x_k) with the answer's γ has slope β_0
    on the first cell and passes through every grid value."""
    rng = np.random.default_rng(34)
    for n, dx in ((1, 0.5), (5, 0.25), (8, 0.4)):
        knots = -1.0 + dx * np.arange(n + 1)
        values = rng.standard_normal(n + 1)
        gammas = t.array(t.call(answer, values.copy(), dx), "gammas")
        t.require(
            "count",
            gammas.shape == (n,),
            Text(
                f"for n = {n} it returns shape {gammas.shape}",
                f"n = {n}에서 모양이 {gammas.shape}인 배열을 돌려줍니다",
            ),
        )
        net = values[0] + relu(knots[:, None] - knots[None, :-1]) @ gammas  # at the grid points
        slope = Text("the interpolant's slope β_0", "보간 함수의 기울기 β_0")
        t.close(
            "first",
            "(f̂(x_1) − f̂(x_0))/Δx",
            (net[1] - net[0]) / dx,
            (values[1] - values[0]) / dx,
            slope,
        )
        at = Text("f at the grid points", "격자점에서의 f")
        t.close("knots", "network(x_k)", net, values, at, rtol=EXACT, atol=EXACT)


# ----------------------------------------------------------------------------- 3.5

RAMP_CASES: tuple[tuple[str, Target, float, float, int], ...] = (
    ("sin 3x + x/2", _chapter_f, 0.0, 3.0, 32),
    ("exp", np.exp, -1.0, 1.0, 5),
    ("cos", np.cos, 0.5, 2.0, 7),
)
RAMP_WIDTHS = np.array([8, 16, 32, 64])


@exercise(
    "3.5",
    Function(
        "my_relu_interpolant",
        "func, lo, hi, n",
        Text("the network, as a function of x", "신경망(x의 함수)"),
    ),
    claims={
        "knots": Text(
            "the network equals func at the n + 1 grid points",
            "신경망이 격자점 n + 1개에서 func와 같다",
        ),
        "between": Text(
            "it is a straight line between neighbouring grid points",
            "이웃한 격자점 사이에서 직선이다",
        ),
        "rate": Text(
            "on the chapter's f its sup error is within M₂(x_max − x_min)²/(8n²) and falls like 1/n²",
            "이 장의 f에서 최대 오차가 M₂(x_max − x_min)²/(8n²) 이하이고 1/n²처럼 줄어든다",
        ),
    },
)
def _relu_interpolant(answer: Any, t: Trial) -> None:
    """On three targets and intervals, the answer's network equals the target at the grid
    points and is linear between them (checked at three points in every cell against the chord
    through its own grid values); on the chapter's f with n = 8, ..., 64 its sup errors obey
    the bound of exercise 3.4 and have a log-log slope near -2."""
    for name, func, lo, hi, n in RAMP_CASES:
        case = f"func = {name} on [{lo:g}, {hi:g}], n = {n}"
        case_ko = f"func = {name}, [{lo:g}, {hi:g}], n = {n}"
        knots = np.linspace(lo, hi, n + 1)
        net = t.call(answer, func, lo, hi, n)
        at_knots = _outputs(t, net, knots, "network(x_k)")
        at = Text(f"func at the grid points ({case})", f"격자점에서의 func 값({case_ko})")
        t.close("knots", "network(x_k)", at_knots, func(knots), at, rtol=EXACT, atol=EXACT)
        inside = knots[:-1, None] + np.array([0.25, 0.5, 0.9]) * (hi - lo) / n  # (cell, point)
        got = _outputs(t, net, inside.ravel(), "network(x)").reshape(inside.shape)
        chord = Text(
            f"the chord through its grid values ({case})", f"격자점 값을 잇는 현({case_ko})"
        )
        want = np.interp(inside, knots, at_knots)
        t.close("between", "network(x)", got, want, chord, rtol=EXACT, atol=EXACT)
    x = np.linspace(0.0, 3.0, 20001)  # the grid of sup_error
    errors = []
    for n in RAMP_WIDTHS:
        net = t.call(answer, _chapter_f, 0.0, 3.0, int(n))
        errors.append(np.max(np.abs(_chapter_f(x) - _outputs(t, net, x, "network(x)"))))
    errs = np.array(errors)
    ratio = errs / (9.0 * 3.0**2 / (8 * RAMP_WIDTHS**2))
    worst = int(np.argmax(ratio))
    t.expect(
        "rate",
        ratio[worst] <= 1 + EXACT,
        Text(
            f"with n = {RAMP_WIDTHS[worst]} your sup error {errs[worst]:.3g} is above the bound",
            f"n = {RAMP_WIDTHS[worst]}에서 최대 오차({errs[worst]:.3g})가 상한보다 큽니다",
        ),
    )
    slope = float(np.polyfit(np.log(RAMP_WIDTHS), np.log(np.maximum(errs, 1e-300)), 1)[0])
    t.expect(
        "rate",
        -2.1 < slope < -1.9,
        Text(
            f"your errors fall with a log-log slope of {slope:.2f}",
            f"오차의 로그-로그 기울기가 {slope:.2f}입니다",
        ),
    )


# ----------------------------------------------------------------------------- 3.6


@exercise(
    "3.6",
    Value(
        Text(
            "the two printed errors, as a tuple (error for n = 10, error for n = 16)",
            "출력될 두 오차를 튜플로: (n = 10일 때의 오차, n = 16일 때의 오차)",
        )
    ),
    claims={
        "n10": Text("the error with 10 units is right", "유닛 10개일 때의 오차가 맞다"),
        "n16": Text(
            "the error with 16 units is right, to 10 %", "유닛 16개일 때의 오차가 10 % 안으로 맞다"
        ),
    },
)
def _kink_errors(answer: Any, t: Trial) -> None:
    """The sup errors of the piecewise-linear interpolant of |x − 0.3| on [0, 1] with 10 and 16
    cells: the first to 0.001, the second to 10 %."""
    what = Text("(error for n = 10, error for n = 16)", "(n = 10일 때의 오차, n = 16일 때의 오차)")
    errors = t.parts(answer, 2, what, arrays=True)
    for (key, n), value in zip((("n10", 10), ("n16", 16)), errors, strict=True):
        knots, x = np.linspace(0.0, 1.0, n + 1), np.linspace(0.0, 1.0, 20001)
        truth = float(np.max(np.abs(_kink(x) - np.interp(x, knots, _kink(knots)))))  # sup_error
        label = Text(f"error for n = {n}", f"n = {n}일 때의 오차")
        t.near(key, value, truth, 1e-3, label, rtol=0.1)


# ----------------------------------------------------------------------------- 3.7


def _tilted(xi: np.ndarray, zeta: np.ndarray) -> np.ndarray:
    """A target with no symmetry between its two inputs, to locate the boxes."""
    return xi - 2 * zeta**2 + 0.3 * xi * zeta


def _bumps_target(xi: np.ndarray, zeta: np.ndarray) -> np.ndarray:
    """The target of exercise 3.7, sin 3ξ cos 2ζ (Lip = 3 in the largest coordinate)."""
    return np.sin(3 * xi) * np.cos(2 * zeta)


@exercise(
    "3.7",
    Function(
        "my_bumps",
        "target, per_side",
        Text("the network, as a function of X of shape (N, 2)", "신경망(모양이 (N, 2)인 X의 함수)"),
    ),
    claims={
        "centres": Text(
            "the network outputs the target at every box centre",
            "신경망이 모든 상자 중심에서 목표 함수 값을 출력한다",
        ),
        "flat": Text("it is constant on each box", "각 상자에서 상수다"),
        "bound": Text(
            "its sup error on sin 3ξ cos 2ζ is at most Lip·Δx/2",
            "sin 3ξ cos 2ζ에 대한 최대 오차가 Lip·Δx/2 이하다",
        ),
    },
)
def _bumps(answer: Any, t: Trial) -> None:
    """Part 2 as a function: with 3 and 5 cells per side and a target that tells the two axes
    apart, the answer's network equals the target at every box centre and the centre's value
    at four points inside every box; on sin 3ξ cos 2ζ with 4, 8 and 16 cells per side, on a
    121 × 121 grid of [0, 1]², its sup error is at most 3/(2J)."""
    offsets = ((-0.45, -0.45), (0.45, -0.2), (-0.3, 0.45), (0.2, 0.3))  # in cell widths
    for per_side in (3, 5):
        centres = (np.arange(per_side) + 0.5) / per_side
        C = np.column_stack([np.repeat(centres, per_side), np.tile(centres, per_side)])
        net = t.call(answer, _tilted, per_side)
        at_centres = _outputs(t, net, C, "network(X)").reshape(per_side, per_side)
        want = _tilted(C[:, 0], C[:, 1]).reshape(per_side, per_side)
        at = Text("the target at the box centre", "상자 중심에서의 목표 함수")
        t.close("centres", "network(centre)", at_centres, want, at, rtol=EXACT, atol=EXACT)
        for offset in offsets:
            inside = _outputs(t, net, C + np.array(offset) / per_side, "network(X)")
            own = Text("its value at the box centre", "상자 중심에서의 값")
            got = inside.reshape(per_side, per_side)
            t.close("flat", "network(X)", got, at_centres, own, rtol=EXACT, atol=EXACT)
    u = np.linspace(0.0, 1.0, 121)
    X = np.column_stack([np.repeat(u, u.size), np.tile(u, u.size)])
    truth = _bumps_target(X[:, 0], X[:, 1])
    for per_side in (4, 8, 16):
        net = t.call(answer, _bumps_target, per_side)
        err = float(np.max(np.abs(truth - _outputs(t, net, X, "network(X)"))))
        t.expect(
            "bound",
            err <= 3 / (2 * per_side) + 1e-12,
            Text(
                f"with {per_side} cells per side the sup error is {err:.3g}, above Lip·Δx/2",
                f"한 변에 칸이 {per_side}개일 때 최대 오차({err:.3g})가 Lip·Δx/2보다 큽니다",
            ),
        )
