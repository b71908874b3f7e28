"""The exercises of chapter 5, Activation functions (``docs/activations.md``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from nnbook.activations import elu, relu, sigmoid
from nnbook.exercises._core import (
    Function,
    Text,
    Trial,
    Value,
    exercise,
    not_checkable,
    too_high_or_low,
)
from nnbook.mlp import MLP

not_checkable(
    "5.1",
    Text(
        "four derivations of identities the statement already gives: compare your argument "
        "with the solution's",
        "문제에 이미 주어진 항등식 네 개를 유도하는 문제다. 자신의 논증을 풀이의 논증과 비교하라",
    ),
)


# ----------------------------------------------------------------------------- 5.2


_LINES = (3, 2, 2)  # how many numbers each of the three printed lines holds


@exercise(
    "5.2",
    Value(
        Text(
            "the seven printed numbers, in the printed order, as a tuple (two decimals are enough)",
            "출력될 수 일곱 개를 출력 순서대로 담은 튜플(소수 둘째 자리까지면 충분하다)",
        )
    ),
    claims={
        "line 1": Text(
            "line 1, the sigmoid's derivative and its shortcut, is right",
            "첫째 줄(시그모이드의 도함수와 지름길 공식)이 맞다",
        ),
        "line 2": Text(
            "line 2, ReLU's derivative at the kink and the central difference there, is right",
            "둘째 줄(꺾인 점에서의 ReLU 도함수와 그곳의 중심 차분)이 맞다",
        ),
        "line 3": Text(
            "line 3, ELU's derivative at 0 for both α, is right",
            "셋째 줄(두 α에 대한 0에서의 ELU 도함수)이 맞다",
        ),
    },
)
def _kink_predictions(answer: Any, t: Trial) -> None:
    """Run the exercise's block and compare each of its seven printed numbers with the
    answer's, to within 0.006 (so that two decimals are enough)."""
    if (
        isinstance(answer, (tuple, list))
        and len(answer) == len(_LINES)
        and all(np.size(part) == n for part, n in zip(answer, _LINES, strict=True))
    ):
        answer = [x for part in answer for x in np.ravel(part)]  # one tuple per line
    got = t.array(answer, "answer").ravel()
    if got.size != sum(_LINES):
        t.fail(
            Text(
                f"answer should hold the seven printed numbers, in order; it holds {got.size}",
                f"answer에는 출력될 수 일곱 개가 순서대로 들어 있어야 하는데 {got.size}개입니다",
            )
        )
    z, h = np.zeros(1), 1e-6
    a = sigmoid(z)
    printed = [
        sigmoid.derivative(z),
        sigmoid.derivative(a),
        a * (1 - a),
        relu.derivative(z),
        (relu(z + h) - relu(z - h)) / (2 * h),
        elu.derivative(z),
        elu.derivative(z, alpha=0.5),
    ]
    k = 0
    for line, n in enumerate(_LINES, start=1):
        for place in range(1, n + 1):
            number = Text(f"line {line}, number {place}", f"{line}번째 줄의 {place}번째 수")
            t.near(f"line {line}", got[k], float(printed[k][0]), 0.006, number)
            k += 1


# ----------------------------------------------------------------------------- 5.3


@exercise(
    "5.3",
    Function(
        "my_elu_derivative",
        "z, alpha",
        Text(
            "elu′(z) elementwise, an array of z's shape",
            "elu′(z)를 원소별로 담은, z와 같은 모양의 배열",
        ),
    ),
    claims={
        "positive": Text(
            "for z > 0 it agrees with central differences", "z > 0에서 중심 차분과 일치한다"
        ),
        "negative": Text(
            "for z < 0 it agrees with central differences, for α = 0.5, 1 and 2",
            "z < 0에서 α = 0.5, 1, 2 모두 중심 차분과 일치한다",
        ),
        "input": Text("it leaves its input z unchanged", "입력 z를 바꾸지 않는다"),
    },
)
def _elu_derivative(answer: Any, t: Trial) -> None:
    """For α = 0.5, 1, 2, compare the answer with central differences of nnbook's ``elu`` on
    a 4 × 250 grid of [−5, 5] that avoids the kink at 0, each side separately."""
    z = np.linspace(-5, 5, 1000).reshape(4, 250)
    for alpha in (0.5, 1.0, 2.0):
        given = z.copy()
        with np.errstate(all="ignore"):
            out = t.call(answer, given, alpha)
        t.unchanged("input", given, z, "z")
        name = f"my_elu_derivative(z, alpha={alpha:g})"
        got = t.array(out, name, z.shape)
        for key, side in (("positive", z > 0), ("negative", z < 0)):
            t.derivative(key, name, got[side], partial(elu, alpha=alpha), z[side], 1e-6, 1e-6)


# ----------------------------------------------------------------------------- 5.4


@exercise(
    "5.4",
    Value(Text("the smallest depth m, a whole number", "가장 작은 깊이 m(자연수)")),
    claims={
        "whole": Text("it is a whole number of layers", "층의 개수, 곧 자연수다"),
        "depth": Text(
            "it is the smallest depth at which the bound of part 2 is below 10⁻⁶",
            "2번의 상한이 10⁻⁶보다 작아지는 가장 작은 깊이다",
        ),
    },
)
def _depth(answer: Any, t: Trial) -> None:
    """The smallest whole m with (2 / 4)^m < 10⁻⁶, found by counting, against the answer."""
    m = t.number(answer, "m")
    t.expect(
        "whole",
        m == round(m) and m >= 1,
        Text(
            f"m = {m:g} is not a whole number of layers",
            f"m = {m:g}은(는) 층의 개수(자연수)가 아닙니다",
        ),
    )
    truth = 1
    while (2 / 4) ** truth >= 1e-6:
        truth += 1
    t.expect("depth", abs(m - truth) < 0.5, too_high_or_low(m, truth, "m"))


# ----------------------------------------------------------------------------- 5.5


def _dead_counts(net: MLP, X: np.ndarray) -> list[int]:
    """The check's own count: units with z <= 0 on every row, hidden layer by hidden layer."""
    counts, A = [], X
    for k in range(1, len(net.sizes) - 1):
        Z = A @ net.W[k] + net.b[k]
        counts.append(int(np.all(Z <= 0, axis=0).sum()))
        A = net.activation(Z)
    return counts


def _kill(net: MLP, X: np.ndarray, layer: int, units: list[int], margin: float) -> None:
    """Lower the biases of ``units`` of ``layer`` until their largest pre-activation on X is
    ``-margin``."""
    A = X
    for k in range(1, layer):
        A = net.activation(A @ net.W[k] + net.b[k])
    Z = A @ net.W[layer] + net.b[layer]
    net.b[layer][units] -= Z[:, units].max(axis=0) + margin


@exercise(
    "5.5",
    Function(
        "dead_units",
        "net, X",
        Text(
            "a list: the number of dead units of each hidden layer",
            "은닉층마다 죽은 유닛의 개수를 담은 리스트",
        ),
    ),
    claims={
        "layers": Text(
            "it returns one count per hidden layer", "은닉층마다 개수를 하나씩 돌려준다"
        ),
        "first": Text(
            "it counts the dead units of the first hidden layer",
            "첫 번째 은닉층의 죽은 유닛을 바르게 센다",
        ),
        "deeper": Text(
            "it counts the dead units of deeper hidden layers, whose inputs are the outputs of "
            "the layer below",
            "아래층의 출력을 입력으로 받는 더 깊은 은닉층의 죽은 유닛을 바르게 센다",
        ),
        "zero": Text(
            "a unit whose pre-activation is exactly 0 on every row counts as dead",
            "모든 행에서 사전 활성화가 정확히 0인 유닛도 죽은 유닛으로 센다",
        ),
    },
)
def _dead_units(answer: Any, t: Trial) -> None:
    """Two ReLU networks with units killed on purpose in several layers, then one whose
    first layer is all dead, so that the second layer's pre-activations are exactly 0."""
    rng = np.random.default_rng(55)

    def counts(net: MLP, X: np.ndarray) -> np.ndarray:
        out = t.array(t.call(answer, net, X.copy()), "dead_units(net, X)")
        t.require(
            "layers",
            out.shape == (len(net.sizes) - 2,),
            Text(
                f"for a network of sizes {net.sizes} it returned {out.size} number(s) "
                f"(shape {out.shape})",
                f"크기가 {net.sizes}인 신경망에 대해 수를 {out.size}개(모양 {out.shape}) 돌려줬습니다",
            ),
        )
        return out

    def compare(key: str, net: MLP, got: np.ndarray, layers: range, want: list[int]) -> None:
        where = Text(f"in a network of sizes {net.sizes}", f"크기가 {net.sizes}인 신경망의")
        for k in layers:
            count = Text(f"count for hidden layer {k}", f"은닉층 {k}에서 센 개수")
            t.near(key, got[k - 1], want[k - 1], 0.0, count, where=where, finite=False)

    for sizes, kills in (
        ([3, 12, 10, 8, 2], {1: [0, 3, 7], 2: [2, 5], 3: [1]}),
        ([4, 9, 7, 3], {1: [8], 2: [0, 1, 6]}),
    ):
        net = MLP(sizes, activation="relu", seed=len(sizes))
        for k in range(1, len(sizes) - 1):  # nonzero biases: no pre-activation is exactly 0
            net.b[k][:] = rng.uniform(0.05, 0.3, sizes[k])
        X = rng.standard_normal((40, sizes[0]))
        for layer, units in kills.items():
            _kill(net, X, layer, units, margin=0.1)
        want, got = _dead_counts(net, X), counts(net, X)
        compare("first", net, got, range(1, 2), want)
        compare("deeper", net, got, range(2, len(sizes) - 1), want)

    net = MLP([2, 5, 4, 2], activation="relu", seed=5)  # the biases are 0
    X = rng.standard_normal((30, 2))
    _kill(net, X, 1, list(range(5)), margin=0.5)  # layer 2 then sees z = 0 + b = 0
    want, got = _dead_counts(net, X), counts(net, X)
    compare("zero", net, got, range(1, 3), want)


# ----------------------------------------------------------------------------- 5.6


def _half_dead(seed: int = 56) -> tuple[MLP, np.ndarray, np.ndarray]:
    """A 3-500-4-2 ReLU network in which first-layer units 0-399 are dead on X by a margin
    and unit 400 has zero weights and bias (z = 0 exactly); the mask of the dead units."""
    rng = np.random.default_rng(seed)
    net = MLP([3, 500, 4, 2], activation="relu", seed=6)
    for k in (1, 2, 3):
        net.b[k][:] = rng.uniform(-0.1, 0.3, net.sizes[k])
    X = rng.standard_normal((30, 3))
    _kill(net, X, 1, list(range(400)), margin=0.2)
    net.W[1][:, 400], net.b[1][400] = 0.0, 0.0
    dead = np.all(X @ net.W[1] + net.b[1] <= 0, axis=0)
    return net, X, dead


@exercise(
    "5.6",
    Function(
        "reinit_dead",
        "net, X, rng",
        Text(
            "the number of first-layer units it re-initialised (it changes net in place)",
            "다시 초기화한 첫 번째 층 유닛의 개수(net은 그 자리에서 바뀐다)",
        ),
    ),
    claims={
        "dead": Text(
            "every dead first-layer unit gets new incoming weights and a zero bias",
            "첫 번째 층의 죽은 유닛마다 들어오는 가중치를 새로 받고 편향은 0이 된다",
        ),
        "alive": Text(
            "the living units and the other layers stay as they were",
            "살아 있는 유닛과 다른 층은 그대로다",
        ),
        "scale": Text(
            "the new weights have mean 0 and variance 2/n₀ (He)",
            "새 가중치의 평균은 0, 분산은 2/n₀(He)이다",
        ),
        "rng": Text(
            "it draws the new weights from rng: equal generators, equal weights",
            "새 가중치를 rng에서 뽑는다: 같은 생성기면 같은 가중치가 나온다",
        ),
        "count": Text(
            "it returns the number of units it re-initialised",
            "다시 초기화한 유닛의 개수를 돌려준다",
        ),
    },
)
def _reinit_dead(answer: Any, t: Trial) -> None:
    """On a 3-500-4-2 network with 401 dead first-layer units (one of them with z = 0
    exactly): what changed, the sample mean and variance of the 1203 new weights, a second
    run with an equal generator and one with another generator, and the returned count."""
    net, X, dead = _half_dead()
    before = net.params.theta.copy()
    W1_before, b1_before = net.W[1].copy(), net.b[1].copy()
    out = t.call(answer, net, X.copy(), np.random.default_rng(7))
    W1, b1 = net.W[1], net.b[1]

    fresh = np.all(W1[:, dead] != W1_before[:, dead], axis=0) & (b1[dead] == 0)
    t.expect(
        "dead",
        fresh.all(),
        Text(
            f"{int((~fresh).sum())} of the {int(dead.sum())} dead units kept some old weights "
            "or a nonzero bias",
            f"죽은 유닛 {int(dead.sum())}개 가운데 {int((~fresh).sum())}개가 예전 가중치를 "
            "일부 그대로 두었거나 편향이 0이 아닙니다",
        ),
    )
    kept = np.all(W1[:, ~dead] == W1_before[:, ~dead], axis=0) & (b1[~dead] == b1_before[~dead])
    n1 = net.W[1].size + net.b[1].size
    others = np.array_equal(net.params.theta[n1:], before[n1:])
    t.expect(
        "alive",
        kept.all() and others,
        Text(
            f"{int((~kept).sum())} living first-layer unit(s) changed"
            + ("" if others else ", and so did a deeper layer"),
            f"살아 있는 첫 번째 층 유닛 {int((~kept).sum())}개가 바뀌었습니다"
            + ("" if others else ". 더 깊은 층도 바뀌었습니다"),
        ),
    )
    new = W1[:, dead]
    if fresh.all():
        mean, var = float(new.mean()), float(new.var())
        n0, target = net.sizes[0], 2 / net.sizes[0]
        ok = abs(mean) < 0.15 and abs(var / target - 1) < 0.2
        t.expect(
            "scale",
            ok,
            Text(
                f"the new weights have mean {mean:.3f} and variance {var:.3f}, with n₀ = {n0}",
                f"새 가중치의 평균이 {mean:.3f}, 분산이 {var:.3f}입니다(n₀ = {n0})",
            ),
        )

    runs = []
    for seed in (7, 8):
        again, X2, _ = _half_dead()
        t.call(answer, again, X2, np.random.default_rng(seed))
        runs.append(again.W[1][:, dead].copy())
    same, other = np.array_equal(runs[0], new), not np.array_equal(runs[1], new)
    t.expect(
        "rng",
        same and other,
        Text(
            "two runs with equal generators gave different weights"
            if not same
            else "a generator with another seed gave the same weights",
            "같은 생성기로 두 번 실행했는데 가중치가 달랐습니다"
            if not same
            else "시드가 다른 생성기로도 같은 가중치가 나왔습니다",
        ),
    )

    want = int(dead.sum())
    if isinstance(out, bool) or not isinstance(out, (int, float, np.integer, np.floating)):
        t.expect(
            "count",
            False,
            Text(
                f"it returned {type(out).__name__}, not a number",
                f"수가 아니라 {type(out).__name__}을(를) 돌려줬습니다",
            ),
        )
    else:
        t.near("count", out, want, 0.0, Text("returned count", "돌려준 개수"), finite=False)


# ----------------------------------------------------------------------------- 5.7


_C, _KAPPA = np.sqrt(2 / np.pi), 0.044715


def _gelu(z: np.ndarray) -> np.ndarray:
    return 0.5 * z * (1 + np.tanh(_C * (z + _KAPPA * z**3)))


@exercise(
    "5.7",
    Function(
        "my_gelu_derivative",
        "z",
        Text(
            "gelu′(z) elementwise, an array of z's shape",
            "gelu′(z)를 원소별로 담은, z와 같은 모양의 배열",
        ),
    ),
    claims={
        "near": Text(
            "for |z| ≤ 4 it agrees with central differences of GELU",
            "|z| ≤ 4에서 GELU의 중심 차분과 일치한다",
        ),
        "far": Text(
            "for large |z| (up to 1000) it is finite and agrees with central differences",
            "|z|가 클 때(1000까지)도 유한하며 중심 차분과 일치한다",
        ),
    },
)
def _gelu_derivative(answer: Any, t: Trial) -> None:
    """Compare the answer with central differences of the tanh-approximated GELU, on a grid
    of [−4, 4] that includes 0 and at ±5, ±10, ±30, ±100, ±1000."""
    near = np.linspace(-4, 4, 801)
    far = np.array([5.0, 10, 30, 100, 1000])
    far = np.concatenate([-far, far])
    with np.errstate(all="ignore"):
        for key, z in (("near", near), ("far", far)):
            name = "my_gelu_derivative(z)"
            got = t.array(t.call(answer, z.copy()), name, z.shape)
            t.derivative(key, name, got, _gelu, z, 1e-6, 1e-6)
