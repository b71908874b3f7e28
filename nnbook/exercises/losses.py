"""The exercises of chapter 6, Loss functions (``docs/losses.md``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from nnbook.exercises._core import (
    CENTRAL,
    Function,
    Text,
    Trial,
    Value,
    exercise,
    numerical_jacobian,
)
from nnbook.losses import (
    cross_entropy,
    log_softmax,
    mse_loss,
    one_hot,
    softmax,
    softmax_jacobian,
)

# ----------------------------------------------------------------------------- 6.1


@exercise(
    "6.1",
    Function("my_softmax_jacobian", "z", Text("the C×C matrix J", "C×C 행렬 J")),
    claims={
        "diag": Text(
            "the diagonal entries ∂ŷ_k/∂z_k agree with central differences",
            "대각 원소 ∂ŷ_k/∂z_k가 중심 차분과 일치한다",
        ),
        "off": Text(
            "the off-diagonal entries ∂ŷ_k/∂z_i agree with central differences",
            "비대각 원소 ∂ŷ_k/∂z_i가 중심 차분과 일치한다",
        ),
        "large": Text(
            "J stays finite and right at logits in the thousands",
            "로짓이 수천일 때도 J가 유한하고 정확하다",
        ),
    },
)
def _softmax_jacobian(answer: Any, t: Trial) -> None:
    """At logits of 2, 3 and 5 classes, compare the diagonal and the off-diagonal entries of
    the answer's matrix with central differences of ``softmax``; then at logits near ±1000,
    where a softmax computed as written overflows."""
    rng = np.random.default_rng(61)
    for C in (2, 3, 5):
        z = 2 * rng.standard_normal(C)
        with np.errstate(all="ignore"):
            J = t.array(t.call(answer, z.copy()), "J", (C, C))
        numeric = numerical_jacobian(softmax, z)
        eye = np.eye(C)
        t.close("diag", "J", J * eye, numeric * eye, CENTRAL, rtol=1e-5, atol=1e-8)
        t.close("off", "J", J * (1 - eye), numeric * (1 - eye), CENTRAL, rtol=1e-5, atol=1e-8)
    for centre in (1000.0, -1000.0):
        z = centre + 2 * rng.standard_normal(4)
        with np.errstate(all="ignore"):
            J = t.array(t.call(answer, z.copy()), "J", (4, 4))
        numeric = numerical_jacobian(softmax, z - z.max())  # the same J: only differences count
        t.close("large", "J", J, numeric, CENTRAL, rtol=1e-5, atol=1e-8)


# ----------------------------------------------------------------------------- 6.2


def _tilted(v: np.ndarray) -> np.ndarray:
    """A function from R^3 to R^3 whose Jacobian is far from symmetric."""
    return np.array([np.exp(2 * v[0]) * v[1], v[1] * v[2] ** 2, np.sin(3 * v[0]) + v[2]])


def _tilted_jacobian(v: np.ndarray) -> np.ndarray:
    e = np.exp(2 * v[0])
    return np.array(
        [
            [2 * e * v[1], e, 0.0],
            [0.0, v[2] ** 2, 2 * v[1] * v[2]],
            [3 * np.cos(3 * v[0]), 0.0, 1.0],
        ]
    )


def _narrow(v: np.ndarray) -> np.ndarray:
    """A function from R^3 to R^2: its Jacobian has 2 rows and 3 columns."""
    return np.array([v[0] * v[1] ** 2, np.sin(v[2]) + np.exp(v[0])])


def _narrow_jacobian(v: np.ndarray) -> np.ndarray:
    return np.array([[v[1] ** 2, 2 * v[0] * v[1], 0.0], [np.exp(v[0]), 0.0, np.cos(v[2])]])


@exercise(
    "6.2",
    Function(
        "my_numerical_jacobian",
        "f, z",
        Text(
            "the matrix whose row k is the gradient of f(z)[k]",
            "k번째 행이 f(z)[k]의 그래디언트인 행렬",
        ),
    ),
    claims={
        "softmax": Text(
            "on the softmax, J agrees with softmax_jacobian",
            "소프트맥스에서 J가 softmax_jacobian과 일치한다",
        ),
        "shape": Text(
            "for f from R^n to R^m, J has m rows and n columns",
            "f가 R^n → R^m 함수이면 J는 m행 n열이다",
        ),
        "rows": Text(
            "on functions whose Jacobian is not symmetric, J agrees with the exact derivatives "
            "to central-difference accuracy",
            "야코비 행렬이 대칭이 아닌 함수에서 J가 중심 차분의 정확도로 정확한 도함수와 일치한다",
        ),
        "input": Text("z is left unchanged", "z를 바꾸지 않는다"),
    },
)
def _numerical_jacobian(answer: Any, t: Trial) -> None:
    """Run the answer on the softmax of 5 logits, on a function from R^3 to R^3 whose
    Jacobian is not symmetric (a transpose shows there, and one-sided differences miss its
    curvature) and on one from R^3 to R^2 (a transpose changes the shape); compare with
    ``softmax_jacobian`` and the exact Jacobians, and check that ``z`` is left as it was."""
    z5 = np.random.default_rng(62).standard_normal(5)
    at = np.array([0.3, -1.2, 0.8])
    cases = [
        (
            "softmax",
            softmax,
            z5,
            softmax_jacobian(z5),
            Text("softmax_jacobian", "softmax_jacobian"),
        ),
        ("rows", _tilted, at, _tilted_jacobian(at), Text("the exact derivatives", "정확한 도함수")),
        ("rows", _narrow, at, _narrow_jacobian(at), Text("the exact derivatives", "정확한 도함수")),
    ]
    for key, f, z, truth, what in cases:
        given = z.copy()
        with np.errstate(all="ignore"):
            got = t.call(answer, f, given)
        t.unchanged("input", given, z, "z", rtol=1e-12, atol=1e-15)
        J = t.array(got, "J")
        m, n = truth.shape
        if not t.expect(
            "shape",
            J.shape == truth.shape,
            Text(
                f"for f from R^{n} to R^{m}, your J has shape {J.shape}",
                f"f가 R^{n} → R^{m} 함수인데 J의 모양이 {J.shape}입니다",
            ),
        ):
            continue
        t.close(key, "J", J, truth, what, rtol=1e-6, atol=1e-6)


# ----------------------------------------------------------------------------- 6.3


def _bce_logits(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Binary cross-entropy of sigmoid(z) from the logit, exact and overflow-free."""
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))


@exercise(
    "6.3",
    Function(
        "my_bce_with_logits",
        "z, y",
        Text(
            "the pair (loss, grad), one entry per element of z",
            "(loss, grad) 쌍, z의 원소마다 하나씩",
        ),
    ),
    claims={
        "loss": Text(
            "loss is the binary cross-entropy of σ(z), for hard and soft targets",
            "loss가 σ(z)의 이진 교차 엔트로피다(0/1 목표값과 소프트 목표값 모두)",
        ),
        "stable": Text(
            "loss stays finite and exact at logits of ±800",
            "로짓이 ±800일 때도 loss가 유한하고 정확하다",
        ),
        "grad": Text(
            "grad, ∂ℓ/∂z, agrees with central differences",
            "grad, 곧 ∂ℓ/∂z가 중심 차분과 일치한다",
        ),
    },
)
def _bce_with_logits(answer: Any, t: Trial) -> None:
    """At moderate logits, compare the answer's loss with the cross-entropy of the sigmoid
    computed from probabilities; at logits up to ±800, with the exact value; and its gradient,
    at both, with central differences of the exact loss."""
    rng = np.random.default_rng(63)
    moderate = 3 * rng.standard_normal(12)
    y = np.tile([0.0, 1.0, 0.3, 0.8], 3)
    large = np.array([800.0, -800.0, 800.0, -800.0, 40.0, -40.0])
    y_large = np.array([0.0, 1.0, 1.0, 0.0, 0.3, 0.7])
    for z, target, key in ((moderate, y, "loss"), (large, y_large, "stable")):
        with np.errstate(all="ignore"):
            out = t.call(answer, z.copy(), target.copy())
        loss, grad = t.parts(out, 2, "(loss, grad)")
        if key == "loss":
            p = 1 / (1 + np.exp(-z))
            want = -(target * np.log(p) + (1 - target) * np.log(1 - p))
            what = Text("the cross-entropy of σ(z)", "σ(z)의 교차 엔트로피")
            t.close(key, "loss", loss, want, what, rtol=1e-9, atol=1e-12)
        else:
            what = Text("the exact loss", "정확한 손실")
            t.close(key, "loss", loss, _bce_logits(z, target), what, rtol=1e-12, atol=1e-12)
        loss_of_z = partial(_bce_logits, y=target)  # z repeats at ±800: name entries by index
        t.derivative("grad", "grad", grad, loss_of_z, z, atol=1e-6, variable=None)


# ----------------------------------------------------------------------------- 6.4

_LINES = [Text(f"line {i}", f"{k} 줄") for i, k in enumerate(["첫째", "둘째", "셋째", "넷째"], 1)]
_LINES_WHAT = Text(
    "(line 1, line 2, line 3, line 4), what each line prints: a number, np.inf or -np.inf "
    "for inf or -inf, and line 3 as a list of three numbers",
    "(첫째 줄, 둘째 줄, 셋째 줄, 넷째 줄), 각 줄이 출력하는 값: 수 하나, inf나 -inf는 np.inf나 "
    "-np.inf, 셋째 줄은 수 세 개의 리스트",
)


@exercise(
    "6.4",
    Value(_LINES_WHAT),
    claims={
        "line1": Text(
            "line 1 (the sum of exponentials as written) is predicted right",
            "첫째 줄(지수의 합을 그대로 계산)의 예측이 맞다",
        ),
        "line2": Text(
            "line 2 (shifted by the maximum) is right to three decimals",
            "둘째 줄(최댓값만큼 이동)의 예측이 소수점 셋째 자리까지 맞다",
        ),
        "line3": Text(
            "line 3 (the probabilities) is right to three decimals",
            "셋째 줄(확률)의 예측이 소수점 셋째 자리까지 맞다",
        ),
        "line4": Text(
            "line 4 (the logits negated) is predicted right",
            "넷째 줄(부호를 바꾼 로짓)의 예측이 맞다",
        ),
    },
)
def _log_sum_exp(answer: Any, t: Trial) -> None:
    """Run the four lines of the exercise, silenced, and compare each prediction with what
    it prints."""
    z = np.array([1000.0, 999.0, 998.0])
    m = z.max()
    with np.errstate(over="ignore", divide="ignore"):
        printed = [
            np.log(np.sum(np.exp(z))),
            m + np.log(np.sum(np.exp(z - m))),
            np.exp(z - m) / np.sum(np.exp(z - m)),
            np.log(np.sum(np.exp(-z))),
        ]
    parts = t.parts(answer, 4, _LINES_WHAT)
    for i in (0, 1, 3):
        t.near(f"line{i + 1}", parts[i], float(printed[i]), 5e-4, _LINES[i], finite=False)
    probs = t.array(parts[2], _LINES[2], (3,))
    for k in range(3):
        entry = Text(f"line 3, entry {k}", f"셋째 줄의 {k}번 원소")
        if not t.near("line3", probs[k], float(printed[2][k]), 5e-4, entry, finite=False):
            break


# ----------------------------------------------------------------------------- 6.5

_CONVEX = {
    "squared error": "squared error",
    "squared-error": "squared error",
    "mse": "squared error",
    "제곱 오차": "squared error",
    "cross-entropy": "cross-entropy",
    "cross entropy": "cross-entropy",
    "bce": "cross-entropy",
    "교차 엔트로피": "cross-entropy",
    "both": "both",
    "둘 다": "both",
    "neither": "neither",
    "none": "neither",
    "둘 다 아님": "neither",
}
_PUSH_WHAT = Text(
    '(z, size, convex): the logit of the largest push, its size, and "squared error", '
    '"cross-entropy", "both" or "neither"',
    '(z, size, convex): 가장 세게 미는 로짓, 그 크기, 그리고 "squared error", "cross-entropy", '
    '"both", "neither" 가운데 하나',
)


@exercise(
    "6.5",
    Value(_PUSH_WHAT),
    claims={
        "z": Text(
            "the logit where squared error pushes hardest, to within 0.002",
            "제곱 오차가 가장 세게 미는 로짓이 0.002 이내로 맞다",
        ),
        "size": Text(
            "the largest push |∂ℓ/∂z|, to three decimals",
            "가장 센 힘 |∂ℓ/∂z|가 소수점 셋째 자리까지 맞다",
        ),
        "convex": Text(
            "the loss that is convex in z is the right one",
            "z에 대해 볼록인 손실을 맞게 골랐다",
        ),
    },
)
def _squared_error_push(answer: Any, t: Trial) -> None:
    """Compute |∂ℓ/∂z| of squared error on a sigmoid with target 1 on a grid of step 1e-5
    with nnbook, and compare its peak and where it is; then the choice of the convex loss
    (cross-entropy's second derivative, σ'(z), is positive, squared error's changes sign)."""
    z_part, size_part, convex_part = t.parts(answer, 3, _PUSH_WHAT)
    grid = np.linspace(-2, 1, 300001)
    y_hat = 1 / (1 + np.exp(-grid))
    push = np.abs(mse_loss.grad(y_hat, np.ones_like(grid), reduction="sum") * y_hat * (1 - y_hat))
    best = int(np.argmax(push))
    t.near("z", z_part, float(grid[best]), 2e-3, "z", finite=False)
    t.near("size", size_part, float(push[best]), 5e-4, "size", finite=False)
    choice = _CONVEX.get(str(convex_part).strip().lower()) if isinstance(convex_part, str) else None
    if choice is None:
        t.fail(
            Text(
                f'convex should be "squared error", "cross-entropy", "both" or "neither", '
                f"got {convex_part!r}",
                f'convex는 "squared error", "cross-entropy", "both", "neither" 가운데 하나여야 '
                f"하는데 {convex_part!r}입니다",
            )
        )
    # the sign of the slope of each gradient on a grid is the sign of the second derivative
    wide = np.linspace(-12, 4, 1601)
    s = 1 / (1 + np.exp(-wide))
    convex = {
        "squared error": bool(np.all(np.diff(2 * (s - 1) * s * (1 - s)) > 0)),
        "cross-entropy": bool(np.all(np.diff(s - 1) > 0)),
    }
    truth = {(True, True): "both", (False, False): "neither"}.get(
        (convex["squared error"], convex["cross-entropy"]),
        "squared error" if convex["squared error"] else "cross-entropy",
    )
    t.expect(
        "convex",
        choice == truth,
        Text(f'"{choice}" is not the right choice', f'"{choice}"은(는) 맞는 선택이 아닙니다'),
    )


# ----------------------------------------------------------------------------- 6.6

_FLOOR_WHAT = Text(
    "(loss, gap): the smallest loss in nats and the logit gap z_c − z_k",
    "(loss, gap): 가장 작은 손실(nats)과 로짓 간격 z_c − z_k",
)


@exercise(
    "6.6",
    Value(_FLOOR_WHAT),
    claims={
        "floor": Text(
            "the smallest loss, in nats, to three decimals",
            "가장 작은 손실(nats)이 소수점 셋째 자리까지 맞다",
        ),
        "gap": Text(
            "the logit gap z_c − z_k, to two decimals",
            "로짓 간격 z_c − z_k가 소수점 둘째 자리까지 맞다",
        ),
    },
)
def _label_smoothing(answer: Any, t: Trial) -> None:
    """Smooth a one-hot row of 10 classes with λ = 0.1, and compare the answer with the
    cross-entropy at the logits ln p (where nnbook's gradient vanishes) and their gap."""
    floor_part, gap_part = t.parts(answer, 2, _FLOOR_WHAT)
    p = 0.9 * one_hot(np.array([3]), 10) + 0.1 / 10
    z = np.log(p)
    floor, gap = float(cross_entropy(z, p)), float(z[0, 3] - z[0, 0])
    t.near("floor", floor_part, floor, 5e-4, "loss", finite=False)
    t.near("gap", gap_part, gap, 5e-3, "gap", finite=False)


# ----------------------------------------------------------------------------- 6.7


def _focal_value(Z: np.ndarray, c: np.ndarray, gamma: float) -> float:
    """The mean over the rows of −(1 − ŷ_c)^γ ln ŷ_c, from log_softmax (stable)."""
    u = log_softmax(Z)[np.arange(len(Z)), c]
    return float(np.mean(-((-np.expm1(u)) ** gamma) * u))


@exercise(
    "6.7",
    Function(
        "my_focal_loss",
        "gamma",
        Text(
            "a Loss: loss(z, c) the mean over the batch, loss.grad(z, c) its gradient",
            "Loss: loss(z, c)는 배치 평균, loss.grad(z, c)는 그 그래디언트",
        ),
    ),
    claims={
        "ce": Text(
            "with γ = 0 it is cross_entropy, value and gradient",
            "γ = 0이면 값과 그래디언트 모두 cross_entropy와 같다",
        ),
        "value": Text(
            "its value for γ = 2 is the mean of −(1 − ŷ_c)^γ ln ŷ_c over the batch",
            "γ = 2일 때 값이 배치에 대한 −(1 − ŷ_c)^γ ln ŷ_c의 평균이다",
        ),
        "grad": Text(
            "its gradient for γ = 2 and γ = 0.5 agrees with central differences",
            "γ = 2와 γ = 0.5일 때 그래디언트가 중심 차분과 일치한다",
        ),
        "stable": Text(
            "at logits of ±800 its value and gradient stay finite and right",
            "로짓이 ±800일 때도 값과 그래디언트가 유한하고 정확하다",
        ),
    },
    skeleton="""\
import numpy as np

from nnbook.losses import Loss, one_hot


def my_focal_loss(gamma):
    def terms(z, y):  # y: one-hot rows
        raise NotImplementedError  # your code here: ℓ and ∂ℓ/∂z, one row per sample

    def prepare(z, c):
        z = np.asarray(z, dtype=float)
        return z, one_hot(c, z.shape[1])

    return Loss(f"focal_loss(gamma={gamma})", terms, prepare, per_sample=True)""",
)
def _focal_loss(answer: Any, t: Trial) -> None:
    """On a batch of 6 rows of 4 logits: γ = 0 against ``cross_entropy``, the value for
    γ = 2 against the definition, the gradients for γ = 2 and 0.5 against central differences;
    then rows at logits ±800, where ŷ_c rounds to 1 or to 0."""
    rng = np.random.default_rng(67)
    Z, c = 2 * rng.standard_normal((6, 4)), rng.integers(0, 4, size=6)

    def value_and_grad(gamma: float, Z: np.ndarray, c: np.ndarray) -> tuple[Any, Any]:
        made = t.call(answer, gamma)
        if not (callable(made) and callable(getattr(made, "grad", None))):
            t.fail(
                Text(
                    "my_focal_loss(gamma) should return a Loss: loss(z, c) and loss.grad(z, c)",
                    "my_focal_loss(gamma)는 Loss를 돌려줘야 합니다: loss(z, c)와 loss.grad(z, c)",
                )
            )
        with np.errstate(all="ignore"):
            return t.call(made, Z.copy(), c.copy()), t.call(made.grad, Z.copy(), c.copy())

    value, grad = value_and_grad(0.0, Z, c)
    ce = Text("cross_entropy", "cross_entropy")
    t.close("ce", "loss", value, cross_entropy(Z, c), ce, rtol=1e-9, atol=1e-12)
    t.close("ce", "grad", grad, cross_entropy.grad(Z, c), ce, rtol=1e-9, atol=1e-12)
    definition = Text("the mean of −(1 − ŷ_c)^γ ln ŷ_c", "−(1 − ŷ_c)^γ ln ŷ_c의 평균")
    for gamma in (2.0, 0.5):
        value, grad = value_and_grad(gamma, Z, c)
        if gamma == 2.0:
            t.close("value", "loss", value, _focal_value(Z, c, gamma), definition, rtol=1e-9)
        t.gradient("grad", "grad", grad, partial(_focal_value, c=c, gamma=gamma), Z, atol=1e-8)
    sure = np.array([[800.0, 0.0, -800.0], [800.0, 0.0, -800.0]])
    labels = np.array([0, 2])  # ŷ_c rounds to 1, then to 0
    exact = Text("the exact loss", "정확한 손실")
    for gamma in (2.0, 0.5):
        value, grad = value_and_grad(gamma, sure, labels)
        t.close("stable", "loss", value, _focal_value(sure, labels, gamma), exact, rtol=1e-9)
        focal = partial(_focal_value, c=labels, gamma=gamma)
        t.gradient("stable", "grad", grad, focal, sure, atol=1e-6)
