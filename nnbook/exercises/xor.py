"""The exercises of chapter 2, XOR and the multilayer perceptron (``docs/xor.md``)."""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from nnbook import MLPClassifier, Perceptron
from nnbook.datasets import xor
from nnbook.exercises._core import Function, Text, Trial, Value, exercise
from nnbook.gates import GATES, INPUTS, XOR, GateNetwork

PAIRS = INPUTS.astype(float)  # the four inputs (x1, x2), in truth-table order
ZERO = 1e-9  # a score this close to 0 counts as 0: the step's value there is a convention
MARGIN = Text(
    "no unit's score is 0 on any input, so the step's value at 0 does not matter",
    "어느 입력에서도 유닛의 점수가 0이 아니어서 계단 함수의 0에서의 값과 상관없다",
)


HIDDEN = Text("the hidden unit", "은닉 유닛")
HIDDEN_J = Text("hidden unit", "은닉 유닛")  # followed by its number
OUTPUT = Text("the output unit", "출력 유닛")
NETWORK = Text("the network", "신경망")
NOWHERE = Text("", "")


def _step(s: np.ndarray) -> np.ndarray:
    """The chapter's step: 1 for s > 0, 0 for s <= 0."""
    return (s > 0).astype(int)


def _cube(D: int) -> np.ndarray:
    """All 2**D inputs of D bits, in truth-table order."""
    return np.array(list(itertools.product((0, 1), repeat=D)), dtype=float)


def _point(x: np.ndarray) -> str:
    """An input of bits as the text shows it: ``(1, 0, 1)``."""
    return "(" + ", ".join(str(int(v)) for v in x) + ")"


def _boolean(value: Any, name: str, t: Trial) -> bool:
    """``value`` as a bool, or stop with a message."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    t.fail(
        Text(
            f"{name} should be True or False, got {value!r}",
            f"{name}은(는) True나 False여야 하는데 {value!r}입니다",
        )
    )


def _truth_table(
    t: Trial,
    key: str,
    X: np.ndarray,
    got: np.ndarray,
    want: np.ndarray,
    name: Text,
    where: Text = NOWHERE,
) -> bool:
    """Claim ``key``: ``got`` (the outputs of ``name`` on ``X``) equals ``want`` everywhere; the
    detail names the first input where it does not and what ``name`` outputs there."""
    wrong = np.flatnonzero(got != want)
    if wrong.size == 0:
        return t.expect(key, True)
    n = int(wrong[0])
    detail = Text(
        f"{where.en}at input {_point(X[n])} {name.en} outputs {got[n]:g}",
        f"{where.ko}입력 {_point(X[n])}에서 {name.ko}의 출력이 {got[n]:g}입니다",
    )
    return t.expect(key, False, detail)


def _margins(t: Trial, X: np.ndarray, scores: list[tuple[Text, np.ndarray]], where: Text) -> bool:
    """Claim "margin": no score in ``scores`` (a unit's name and its scores on ``X``: one row
    per input, one column per unit of a layer, numbered from 1) is 0; the detail names the unit
    and the input."""
    for unit, s in scores:
        s = s.reshape(len(X), -1)
        zero = np.argwhere(np.abs(s) <= ZERO)
        if zero.size:
            n, j = (int(i) for i in zero[0])
            number = f" {j + 1}" if s.shape[1] > 1 else ""
            detail = Text(
                f"{where.en}{unit.en}{number}'s score is 0 at input {_point(X[n])}",
                f"{where.ko}입력 {_point(X[n])}에서 {unit.ko}{number}의 점수가 0입니다",
            )
            return t.expect("margin", False, detail)
    return t.expect("margin", True)


# ----------------------------------------------------------------------------- 2.1


@exercise(
    "2.1",
    Value(
        Text(
            "part 3's weights, the hidden unit's and the output unit's: "
            "((w1, w2, b), (v1, v2, v3, v0))",
            "3번의 가중치, 곧 은닉 유닛과 출력 유닛의 가중치: ((w1, w2, b), (v1, v2, v3, v0))",
        )
    ),
    claims={
        "xor": Text(
            "the network with the skip connection computes XOR on the four inputs",
            "스킵 연결이 있는 신경망이 네 입력에서 XOR를 계산한다",
        ),
        "margin": MARGIN,
    },
)
def _skip_connection(answer: Any, t: Trial) -> None:
    """Run ``step(v1 x1 + v2 x2 + v3 a + v0)`` with ``a = step(w1 x1 + w2 x2 + b)`` on the four
    inputs: its outputs must be XOR's, and no score may sit exactly on the step."""
    hidden, output = t.parts(answer, 2, "((w1, w2, b), (v1, v2, v3, v0))")
    w1, w2, b = t.array(hidden, "(w1, w2, b)", (3,))
    v1, v2, v3, v0 = t.array(output, "(v1, v2, v3, v0)", (4,))
    x1, x2 = PAIRS[:, 0], PAIRS[:, 1]
    u = w1 * x1 + w2 * x2 + b
    s = v1 * x1 + v2 * x2 + v3 * _step(u) + v0
    _truth_table(t, "xor", PAIRS, _step(s), INPUTS[:, 0] ^ INPUTS[:, 1], NETWORK)
    _margins(t, PAIRS, [(HIDDEN, u), (OUTPUT, s)], NOWHERE)


# ----------------------------------------------------------------------------- 2.2

_PRODUCT = re.compile(r"(?:x[123]\s*\*?\s*){2,3}")


def _product(item: Any, t: Trial) -> tuple[int, ...]:
    """One product of bits, ``(1, 3)`` or ``"x1 x3"``, as its sorted bit numbers."""
    bits: list[Any] = []
    if isinstance(item, str) and _PRODUCT.fullmatch(item.strip()):
        bits = [int(b) for b in re.findall(r"x([123])", item)]
    elif isinstance(item, tuple | list):
        bits = list(item)
    if not (
        2 <= len(bits) <= 3
        and all(isinstance(b, int | np.integer) and 1 <= b <= 3 for b in bits)
        and len(set(bits)) == len(bits)
    ):
        t.fail(
            Text(
                f"{item!r} is not a product of two or three different bits: write x1 x3 as "
                "(1, 3), in a list such as answer=[(1, 3)]",
                f"{item!r}은(는) 서로 다른 비트 두세 개의 곱이 아닙니다. x1 x3은 (1, 3)으로 쓰고, "
                "answer=[(1, 3)]처럼 리스트에 담으세요",
            )
        )
    return tuple(sorted(int(b) for b in bits))


@exercise(
    "2.2",
    Value(
        Text(
            "part 3's products to add, each as its bit numbers: answer=[(1, 3)] adds x1 x3",
            "3번에서 더할 곱들, 각각 비트 번호로: answer=[(1, 3)]은 x1 x3을 더한다",
        )
    ),
    claims={
        "separable": Text(
            "with these products added, three-bit parity is linearly separable",
            "이 곱들을 더하면 세 비트 패리티가 선형 분리 가능하다",
        )
    },
)
def _products_for_parity(answer: Any, t: Trial) -> None:
    """Add the answer's products to (x1, x2, x3) and decide whether three-bit parity becomes
    linearly separable: a least-squares line that separates proves it is, a certificate
    (0/1 coefficients, searched) proves it is not, and is shown."""
    if not isinstance(answer, list | tuple | set | frozenset):
        t.fail(
            Text(
                "pass a list of products, each as its bit numbers: answer=[(1, 3)] adds x1 x3",
                "곱들의 리스트를 넘기세요. 곱은 비트 번호로 씁니다: answer=[(1, 3)]은 x1 x3을 "
                "더합니다",
            )
        )
    products = sorted({_product(item, t) for item in answer})
    V = _cube(3)
    y = np.where(V.sum(axis=1) % 2 == 1, 1.0, -1.0)
    columns = [V] + [V[:, [b - 1 for b in p]].prod(axis=1, keepdims=True) for p in products]
    F = np.hstack([*columns, np.ones((8, 1))])  # the features and the constant
    coef = np.linalg.lstsq(F, y, rcond=None)[0]
    if np.all(y * (F @ coef) > ZERO):
        t.expect("separable", True)
        return
    for lam in itertools.product((0, 1), repeat=8):
        if any(lam) and np.allclose((np.array(lam) * y) @ F, 0.0):
            on = ", ".join(
                "".join(str(int(v)) for v in x) for x, k in zip(V, lam, strict=True) if k
            )
            where = (
                Text("on all eight inputs", "여덟 입력 모두에서 1")
                if all(lam)
                else Text(
                    f"on the inputs {on} and 0 on the others", f"입력 {on}에서 1, 나머지에서 0"
                )
            )
            detail = Text(
                f"with your features, lambda_n = 1 {where.en} is a certificate: the parity is "
                "still not linearly separable",
                f"이 특성들로는 lambda_n을 {where.ko}으로 둔 것이 증거입니다. 패리티는 여전히 "
                "선형 분리 가능하지 않습니다",
            )
            t.expect("separable", False, detail)
            return
    # every set of products of three bits is decided above; this is a safeguard
    separable = Perceptron(max_epochs=5000).fit(F[:, :-1], y).converged_
    t.expect("separable", separable, Text("no separating line found", "가르는 평면이 없습니다"))


# ----------------------------------------------------------------------------- 2.3


def _labels(key: Any, t: Trial) -> tuple[int, ...]:
    """A labeling of the four inputs, a key of the answer's dict, as a tuple of +1/-1."""
    try:
        labels = np.asarray(key, dtype=float)
    except (TypeError, ValueError):
        labels = np.zeros(0)
    if labels.shape != (4,) or not np.all(np.isin(labels, (-1.0, 1.0))):
        t.fail(
            Text(
                f"each key should be a labeling, four labels +1 or -1 in the order of INPUTS, "
                f"such as (1, -1, 1, 1); got {key!r}",
                f"키는 레이블 배정이어야 합니다. INPUTS 순서로 놓인 +1 또는 -1 레이블 네 개, "
                f"예를 들어 (1, -1, 1, 1)처럼 씁니다. 받은 값: {key!r}",
            )
        )
    return tuple(int(v) for v in labels)


def _signed(labels: tuple[int, ...]) -> str:
    return "(" + ", ".join(f"{v:+d}" for v in labels) + ")"


def _certificate(t: Trial, labels: tuple[int, ...], lam: np.ndarray, X_tilde: np.ndarray) -> None:
    """Claim "certificates" for one labeling: ``lam`` >= 0, not all 0, and
    ``sum_n lam_n y_n x~_n = 0``."""
    of = _signed(labels)
    total = (lam * np.array(labels)) @ X_tilde
    if not np.all(np.isfinite(lam)):
        problem = Text(
            "has an entry that is not a finite number", "에 유한하지 않은 원소가 있습니다"
        )
    elif np.any(lam < 0):
        problem = Text("has a negative entry", "에 음수 원소가 있습니다")
    elif not np.any(lam > ZERO):
        problem = Text("is all zero", "이(가) 모두 0입니다")
    elif not np.allclose(total, 0.0, atol=1e-9 * max(1.0, float(lam.max()))):
        shown = "(" + ", ".join(f"{v:.3g}" for v in total) + ")"
        problem = Text(
            f"gives sum_n lambda_n y_n x~_n = {shown}, not 0",
            f"로 계산한 sum_n lambda_n y_n x~_n이 0이 아니라 {shown}입니다",
        )
    else:
        t.expect("certificates", True)
        return
    detail = Text(
        f"your lambda for the labels {of} {problem.en}",
        f"레이블 {of}에 대한 lambda{problem.ko}",
    )
    t.expect("certificates", False, detail)


@exercise(
    "2.3",
    Value(
        Text(
            "(count, certificates): the number of labelings on which the perceptron converges, "
            "and a dict from each labeling on which it fails (four labels +1/-1, in the order "
            "of INPUTS) to your certificate lambda",
            "(count, certificates): 퍼셉트론이 수렴하는 레이블 배정의 수와, 수렴하지 않는 레이블 "
            "배정(INPUTS 순서의 +1/-1 레이블 네 개)마다 그 증거 lambda를 담은 딕셔너리",
        )
    ),
    claims={
        "count": Text(
            "the count of labelings on which the perceptron converges is right",
            "퍼셉트론이 수렴하는 레이블 배정의 수가 맞다",
        ),
        "failures": Text(
            "the dict lists exactly the labelings on which the perceptron does not converge",
            "딕셔너리에 퍼셉트론이 수렴하지 않는 레이블 배정이 빠짐없이, 그것만 들어 있다",
        ),
        "certificates": Text(
            "each lambda is a certificate: lambda_n >= 0, not all 0, sum_n lambda_n y_n x~_n = 0",
            "각 lambda가 증거다: lambda_n >= 0, 모두 0은 아니고, sum_n lambda_n y_n x~_n = 0",
        ),
    },
)
def _sixteen_labelings(answer: Any, t: Trial) -> None:
    """Fit ``Perceptron(max_epochs=100)`` to all sixteen labelings of the four inputs; compare
    the count of converged runs and the listed failures, and verify each certificate."""
    count, certificates = t.parts(answer, 2, "(count, {labels: lambda, ...})")
    converges = {
        labels: bool(Perceptron(max_epochs=100).fit(PAIRS, np.array(labels)).converged_)
        for labels in itertools.product((-1, 1), repeat=4)
    }
    t.near("count", count, sum(converges.values()), 0.5, name="count")
    if not isinstance(certificates, Mapping):
        t.fail(
            Text(
                "the second part should be a dict {labels: lambda, ...}, got "
                f"{type(certificates).__name__}",
                "두 번째 부분은 딕셔너리 {labels: lambda, ...}여야 하는데 "
                f"{type(certificates).__name__}입니다",
            )
        )
    listed = {
        _labels(key, t): t.array(lam, f"lambda of {key!r}", (4,))
        for key, lam in certificates.items()
    }
    separable = [labels for labels in listed if converges[labels]]
    missing = [labels for labels, ok in converges.items() if not ok and labels not in listed]
    if separable:
        detail = Text(
            f"the perceptron converges on the labels {_signed(separable[0])}, which you list",
            f"목록에 넣은 레이블 {_signed(separable[0])}에서는 퍼셉트론이 수렴합니다",
        )
        t.expect("failures", False, detail)
    elif missing:
        detail = Text(
            "a labeling on which the perceptron does not converge is missing from your dict",
            "퍼셉트론이 수렴하지 않는 레이블 배정 가운데 딕셔너리에 빠진 것이 있습니다",
        )
        t.expect("failures", False, detail)
    else:
        t.expect("failures", True)
    if not listed:
        t.expect(
            "certificates", False, Text("your dict holds no lambda", "딕셔너리에 lambda가 없습니다")
        )
    X_tilde = np.hstack([PAIRS, np.ones((4, 1))])
    for labels, lam in listed.items():
        _certificate(t, labels, lam, X_tilde)


# ----------------------------------------------------------------------------- 2.4 and 2.7


def _network(t: Trial, weights: Any, D: int, given: str, where: Text) -> tuple[np.ndarray, ...]:
    """Claim "layer": ``weights`` (what the reader calls ``given``) is ``(W1, b1, W2, b2)`` of
    one hidden layer of ``D`` step units on ``D`` bits. Returns the inputs, the hidden scores
    and the output scores."""
    names = ("W1", "b1", "W2", "b2")
    parts = t.parts(weights, 4, "(W1, b1, W2, b2)", given)
    W1, b1, W2, b2 = (t.array(w, name) for w, name in zip(parts, names, strict=True))
    shapes: dict[str, tuple[tuple[int, ...], ...]] = {
        "W1": ((D, D),),
        "b1": ((D,),),
        "W2": ((D,), (D, 1)),
        "b2": ((), (1,)),
    }
    for name, arr in zip(names, (W1, b1, W2, b2), strict=True):
        if arr.shape not in shapes[name]:
            detail = Text(
                f"{where.en}{name} has shape {arr.shape}; one hidden layer of {D} step units on "
                f"{D} inputs, then one output unit, needs {shapes[name][0]}",
                f"{where.ko}{name}의 모양이 {arr.shape}입니다. 입력 {D}개에 계단 유닛 {D}개짜리 "
                f"은닉층 하나와 출력 유닛 하나라면 {shapes[name][0]}이어야 합니다",
            )
            t.require("layer", False, detail)
    t.expect("layer", True)
    X = _cube(D)
    U = X @ W1 + b1
    s = _step(U) @ W2.reshape(D) + b2.reshape(())
    return X, U, s


def _parity_network(t: Trial, weights: Any, D: int, given: str, where: Text) -> None:
    """Claims "layer", "parity" and "margin" for the weights (what the reader calls ``given``)
    of a network on ``D`` bits."""
    X, U, s = _network(t, weights, D, given, where)
    want = X.sum(axis=1).astype(int) % 2
    _truth_table(t, "parity", X, _step(s), want, NETWORK, where)
    _margins(t, X, [(HIDDEN_J, U), (OUTPUT, s)], where)


LAYER = Text(
    "(W1, b1, W2, b2) make one hidden layer of step units, one per bit, and one output unit",
    "(W1, b1, W2, b2)가 비트마다 계단 유닛 하나인 은닉층 하나와 출력 유닛 하나를 이룬다",
)


@exercise(
    "2.4",
    Value(
        Text(
            "(xnor_1, xnor_2, (W1, b1, W2, b2)): part 1's two XNOR GateNetworks, in the order "
            "asked, and part 3's weights",
            "(xnor_1, xnor_2, (W1, b1, W2, b2)): 1번의 XNOR GateNetwork 두 개(문제의 순서대로)와 "
            "3번의 가중치",
        )
    ),
    claims={
        "gates": Text(
            "both XNOR networks are GateNetworks of the gates AND, OR, NAND, NOR",
            "두 XNOR 신경망 모두 게이트 AND, OR, NAND, NOR로 만든 GateNetwork다",
        ),
        "output": Text(
            "xnor_2 differs from nnbook.gates.XOR only in its output gate",
            "xnor_2는 nnbook.gates.XOR와 출력 게이트만 다르다",
        ),
        "xnor": Text(
            "both XNOR networks compute XNOR on the four inputs",
            "두 XNOR 신경망 모두 네 입력에서 XNOR를 계산한다",
        ),
        "layer": LAYER,
        "parity": Text(
            "the one-hidden-layer network computes three-bit parity on the eight inputs",
            "은닉층 하나짜리 신경망이 여덟 입력에서 세 비트 패리티를 계산한다",
        ),
        "margin": MARGIN,
    },
)
def _gate_networks(answer: Any, t: Trial) -> None:
    """Part 1's networks: built of the four gates, the second from XOR by its output gate,
    both XNOR; part 3's weights: one hidden layer of three step units computing parity."""
    xnor_1, xnor_2, weights = t.parts(answer, 3, "(xnor_1, xnor_2, (W1, b1, W2, b2))")
    nets = {"xnor_1": xnor_1, "xnor_2": xnor_2}
    for name, net in nets.items():
        if not isinstance(net, GateNetwork):
            detail = Text(f"{name} is not a GateNetwork", f"{name}이(가) GateNetwork가 아닙니다")
            t.expect("gates", False, detail)
            continue
        used = [*net.hidden_gates, net.output_gate]
        foreign = [g for g in used if g not in GATES.values()]
        detail = Text(
            f"{name} uses {foreign[0]!r}, which is not AND, OR, NAND or NOR of nnbook.gates"
            if foreign
            else "",
            f"{name}이(가) 쓰는 {foreign[0]!r}은(는) nnbook.gates의 AND, OR, NAND, NOR가 아닙니다"
            if foreign
            else "",
        )
        t.expect("gates", not foreign, detail)
    if not isinstance(xnor_2, GateNetwork):
        detail = Text("xnor_2 is not a GateNetwork", "xnor_2가 GateNetwork가 아닙니다")
        t.expect("output", False, detail)
    elif tuple(xnor_2.hidden_gates) != tuple(XOR.hidden_gates):
        detail = Text(
            "xnor_2's hidden gates are not those of nnbook.gates.XOR",
            "xnor_2의 은닉 게이트가 nnbook.gates.XOR의 은닉 게이트와 다릅니다",
        )
        t.expect("output", False, detail)
    else:
        detail = Text(
            "xnor_2's output gate is XOR's own", "xnor_2의 출력 게이트가 XOR의 것 그대로입니다"
        )
        t.expect("output", xnor_2.output_gate != XOR.output_gate, detail)
    xnor_truth = 1 - (INPUTS[:, 0] ^ INPUTS[:, 1])
    for name, net in nets.items():
        if not callable(net):
            detail = Text(
                f"{name} is not a network: it cannot be called on inputs",
                f"{name}은(는) 입력에 적용할 수 있는 신경망이 아닙니다",
            )
            t.expect("xnor", False, detail)
            continue
        got = t.array(t.call(net, INPUTS), f"{name}(INPUTS)", (4,))
        _truth_table(t, "xnor", PAIRS, got, xnor_truth, Text(name, name))
    _parity_network(t, weights, 3, "answer[2]", NOWHERE)


@exercise(
    "2.7",
    Function(
        "my_parity_weights",
        "D",
        Text(
            "(W1, b1, W2, b2) of part 1's network for D bits",
            "D 비트에 대한 1번 신경망의 (W1, b1, W2, b2)",
        ),
    ),
    claims={
        "layer": LAYER,
        "parity": Text(
            "the network computes the parity of D bits on all 2**D inputs, for D = 2, ..., 8",
            "D = 2, ..., 8에서 신경망이 2**D개 입력 모두에 대해 D 비트의 패리티를 계산한다",
        ),
        "margin": MARGIN,
    },
)
def _parity_of_d_bits(answer: Any, t: Trial) -> None:
    """For D = 2, ..., 8, run step(step(X W1 + b1) W2 + b2) with the answer's weights on all
    2**D inputs: one hidden layer of D units, parity everywhere, no score on the step."""
    for D in range(2, 9):
        where = Text(f"for D = {D}, ", f"D = {D}일 때 ")
        _parity_network(t, t.call(answer, D), D, f"my_parity_weights({D})", where)


# ----------------------------------------------------------------------------- 2.5 and 2.6


def _trained(width: int, activation: str) -> MLPClassifier:
    """The chapter's 2-width-2 network on XOR, trained as the chapter trains it."""
    X01, y01 = xor()
    net = MLPClassifier(
        [2, width, 2],
        activation=activation,
        epochs=300,
        lr=0.1,
        batch_size=4,
        momentum=0.9,
        seed=0,
    )
    return net.fit(X01, y01)


@exercise(
    "2.5",
    Value(
        Text(
            "(classes, is_midpoint): the four predicted classes, in the order of ex5_probes, "
            "and True or False",
            "(classes, is_midpoint): ex5_probes 순서로 예측한 클래스 네 개와 True 또는 False",
        )
    ),
    claims={
        "classes": Text(
            "the four classes are the ones the network gives the probes",
            "네 클래스가 신경망이 시험 점에 주는 클래스와 같다",
        ),
        "midpoint": Text(
            "the prediction about the centre's hidden representation matches the network",
            "중심의 은닉 표현에 대한 예측이 신경망과 맞는다",
        ),
    },
)
def _centre(answer: Any, t: Trial) -> None:
    """Train the chapter's 2-2-2 tanh network; compare the answer with its classes of the four
    probes, and with whether the centre's hidden point is the midpoint of (0, 0)'s and
    (1, 1)'s."""
    classes, is_midpoint = t.parts(answer, 2, "([c1, c2, c3, c4], True or False)")
    got = t.array(classes, "classes", (4,))
    if not np.all(np.isin(got, (0.0, 1.0))):
        t.fail(Text("each class should be 0 or 1", "클래스는 0 또는 1이어야 합니다"))
    said = _boolean(is_midpoint, "is_midpoint", t)
    net = _trained(2, "tanh")
    probes = np.array([[0.5, 0.5], [2.0, 2.0], [-1.0, -1.0], [3.0, -3.0]])
    wrong = int(np.sum(got != net.predict(probes)))
    detail = Text(
        f"{wrong} of your four classes {'is' if wrong == 1 else 'are'} wrong",
        f"네 클래스 가운데 {wrong}개가 틀렸습니다",
    )
    t.expect("classes", wrong == 0, detail)
    W1, b1 = net.W[1], net.b[1]
    hidden = np.tanh(np.array([[0.5, 0.5], [0.0, 0.0], [1.0, 1.0]]) @ W1 + b1)
    midpoint = bool(np.allclose(hidden[0], hidden[1:].mean(axis=0), atol=0.05))
    detail = Text(
        "your prediction about the centre's hidden representation is wrong",
        "중심의 은닉 표현에 대한 예측이 틀렸습니다",
    )
    t.expect("midpoint", said == midpoint, detail)


def _flip(net: MLPClassifier, unit: int) -> MLPClassifier:
    """A copy of ``net`` with everything that touches hidden ``unit`` negated (as the chapter)."""
    flipped = copy.deepcopy(net)
    flipped.W[1][:, unit] *= -1
    flipped.b[1][unit] *= -1
    flipped.W[2][unit] *= -1
    return flipped


def _symmetries(net: MLPClassifier) -> int:
    """How many distinct weight settings, among all flips and reorderings of the hidden units of
    ``net``, compute the same logits on the XOR inputs."""
    X01 = xor()[0]
    W1, b1, W2, b2 = (net.W[1], net.b[1], net.W[2], net.b[2])
    logits = np.tanh(X01 @ W1 + b1) @ W2 + b2
    found = set()
    n1 = W1.shape[1]
    for order in itertools.permutations(range(n1)):
        for signs in itertools.product((-1.0, 1.0), repeat=n1):
            sign = np.array(signs)
            W1_, b1_ = W1[:, order] * sign, b1[list(order)] * sign
            W2_ = W2[list(order)] * sign[:, None]
            if np.allclose(np.tanh(X01 @ W1_ + b1_) @ W2_ + b2, logits, rtol=0, atol=1e-9):
                setting = np.concatenate([W1_.ravel(), b1_, W2_.ravel()])
                found.add(tuple(np.round(setting, 9)))
    return len(found)


@exercise(
    "2.6",
    Value(
        Text(
            "(first, second, relu_changes, count): the two printed numbers, True if the ReLU "
            "network's function changes (else False), and the number of weight settings",
            "(first, second, relu_changes, count): 출력될 두 숫자, ReLU 신경망의 함수가 바뀌면 "
            "True(아니면 False), 그리고 가중치 설정의 수",
        )
    ),
    claims={
        "first": Text(
            "the first number is right: how much the flip changes the tanh network's probabilities",
            "첫 번째 숫자, 곧 뒤집기로 tanh 신경망의 확률이 바뀌는 크기가 맞다",
        ),
        "second": Text(
            "the second number is right: how far the flip moves the entries of W1",
            "두 번째 숫자, 곧 뒤집기로 W1의 원소가 움직이는 거리가 맞다",
        ),
        "relu": Text(
            "the prediction for ReLU is right: whether the same flip changes its function",
            "ReLU에 대한 예측, 곧 같은 뒤집기가 신경망의 함수를 바꾸는지가 맞다",
        ),
        "count": Text(
            "the count of weight settings that compute the trained 2-4-2 tanh network's "
            "function is right",
            "학습된 2-4-2 tanh 신경망과 같은 함수를 계산하는 가중치 설정의 수가 맞다",
        ),
    },
)
def _flip_a_unit(answer: Any, t: Trial) -> None:
    """Train the chapter's 2-4-2 tanh and ReLU networks, flip hidden unit 0 in copies, and
    compare the two printed numbers, the ReLU outcome and the count of flips and reorderings
    of the hidden units that keep the tanh network's function."""
    first, second, relu, count = t.parts(answer, 4, "(first, second, relu_changes, count)")
    relu_changes = _boolean(relu, "relu_changes", t)
    X01 = xor()[0]
    net = _trained(4, "tanh")
    flipped = _flip(net, 0)
    change = np.abs(flipped.predict_proba(X01) - net.predict_proba(X01)).max()
    t.near("first", first, change, 1e-3, Text("first number", "첫 번째 숫자"))
    moved = np.abs(flipped.W[1] - net.W[1]).max()
    t.near("second", second, moved, 1e-3, Text("second number", "두 번째 숫자"))
    relu_net = _trained(4, "relu")
    change = np.abs(_flip(relu_net, 0).predict_proba(X01) - relu_net.predict_proba(X01)).max()
    detail = Text(
        "your prediction about the ReLU network is wrong", "ReLU 신경망에 대한 예측이 틀렸습니다"
    )
    t.expect("relu", relu_changes == bool(change > 1e-3), detail)
    t.near("count", count, _symmetries(net), 0.5, "count")
