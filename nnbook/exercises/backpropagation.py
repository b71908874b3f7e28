"""The exercises of chapter 4, Backpropagation (``docs/backpropagation.md``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from nnbook import activations
from nnbook.datasets import xor
from nnbook.exercises._core import Function, Text, Trial, Value, exercise, not_checkable
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import cross_entropy, mse_loss
from nnbook.mlp import MLP

# ----------------------------------------------------------------------------- 4.1


def _two_layer_loss(x: np.ndarray, y: float, W1: Any, b1: Any, W2: np.ndarray, b2: float) -> float:
    a1 = activations.sigmoid(np.asarray(W1).T @ x + b1)
    return float((W2 @ a1 + b2 - y) ** 2)


@exercise(
    "4.1",
    Function(
        "my_two_layer_grads",
        "x, y, W1, b1, W2, b2",
        Text(
            "(dW1, db1): the gradients of the loss in W1 and b1",
            "(dW1, db1): W1과 b1에 대한 손실의 그래디언트",
        ),
    ),
    claims={
        "dW1": Text("dW1 agrees with central differences", "dW1이 중심 차분과 일치한다"),
        "db1": Text("db1 agrees with central differences", "db1이 중심 차분과 일치한다"),
    },
)
def _two_layers(answer: Any, t: Trial) -> None:
    """At random points of three shapes (a square ``W1`` first, where a transpose keeps its
    shape), compare the answer's ``(dW1, db1)`` with central differences of
    ``(W2 · sigmoid(W1ᵀx + b1) + b2 - y)²``."""
    rng = np.random.default_rng(41)
    for n0, n1 in [(3, 3), (2, 3), (4, 2)]:
        x, y = rng.standard_normal(n0), float(rng.standard_normal())
        W1, b1 = rng.standard_normal((n0, n1)), rng.standard_normal(n1)
        W2, b2 = rng.standard_normal(n1), float(rng.standard_normal())
        out = t.call(answer, x.copy(), y, W1.copy(), b1.copy(), W2.copy(), b2)
        dW1, db1 = t.parts(out, 2, "(dW1, db1)")
        t.gradient("dW1", "dW1", dW1, partial(_two_layer_loss, x, y, b1=b1, W2=W2, b2=b2), W1)
        t.gradient("db1", "db1", db1, partial(_two_layer_loss, x, y, W1, W2=W2, b2=b2), b1)


# ----------------------------------------------------------------------------- 4.2


@exercise(
    "4.2",
    Function("my_affine_backward", "dZ, cache", Text("(dX, dW, db)", "(dX, dW, db)")),
    claims={
        "dX": Text("dX is the gradient of the loss in X", "dX가 X에 대한 손실의 그래디언트다"),
        "dW": Text("dW agrees with central differences", "dW가 중심 차분과 일치한다"),
        "db": Text("db agrees with central differences", "db가 중심 차분과 일치한다"),
    },
    skeleton="""\
def my_affine_backward(dZ, cache):
    X, W = cache
    # the colleague's: return dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)
    raise NotImplementedError  # your code here: the colleague's line, fixed""",
)
def _affine_backward(answer: Any, t: Trial) -> None:
    """On tanh layers of three shapes (a square one hides a transpose), compare the answer's
    three gradients of ``mse_loss(tanh(XW + b), Y)`` with central differences."""
    rng = np.random.default_rng(4)
    for n_in, n_out in [(3, 3), (3, 2), (4, 5)]:
        X, Y = rng.standard_normal((5, n_in)), rng.standard_normal((5, n_out))
        W, b = rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out)
        inputs = {"dX": X, "dW": W, "db": b}

        def loss(
            name: str, value: np.ndarray, inputs: dict[str, Any] = inputs, Y: Any = Y
        ) -> float:
            X_, W_, b_ = (value if key == name else at for key, at in inputs.items())
            return float(mse_loss(np.tanh(affine_forward(X_, W_, b_)[0]), Y))

        Z, cache = affine_forward(X, W, b)
        A, act_cache = activation_forward(Z, activations.tanh)
        dZ = activation_backward(mse_loss.grad(A, Y), act_cache)
        out = t.call(answer, dZ, cache)
        grads = t.parts(out, 3, "(dX, dW, db)")
        for (name, at), got in zip(inputs.items(), grads, strict=True):
            t.gradient(name, name, got, partial(loss, name), at)


# ----------------------------------------------------------------------------- 4.3


@exercise(
    "4.3",
    Value(
        Text("the printed relative error, to three digits", "출력될 상대 오차(유효숫자 세 자리)")
    ),
    claims={"value": Text("the relative error, to three digits", "상대 오차가 세 자리까지 맞다")},
)
def _forgotten_mean(answer: Any, t: Trial) -> None:
    """The relative error of a gradient 16 times too large, measured as the chapter does."""
    rng = np.random.default_rng(43)
    X, Y = rng.standard_normal((8, 3)), rng.standard_normal((8, 2))
    W, b = rng.standard_normal((3, 2)), np.zeros(2)
    Z, cache = affine_forward(X, W, b)
    dW_wrong = affine_backward(2 * (Z - Y), cache)[1]
    numeric = numerical_gradient(lambda v: float(mse_loss(affine_forward(X, v, b)[0], Y)), W)
    truth = relative_error(dW_wrong, numeric)
    t.near("value", answer, truth, 5e-4)


# ----------------------------------------------------------------------------- 4.4

BLOCKS = ("W1", "b1", "W2", "b2")


@exercise(
    "4.4",
    Value(
        Text(
            'the block whose check fails: "W1", "b1", "W2" or "b2"',
            '검사가 실패하는 블록: "W1", "b1", "W2", "b2" 가운데 하나',
        )
    ),
    claims={"block": Text("it names the check that fails", "실패하는 검사를 맞게 골랐다")},
)
def _relu_kink(answer: Any, t: Trial) -> None:
    """Run the chapter's check (a ReLU ``MLP([2, 4, 2])`` of seed 0 on XOR, the whole θ at
    once) and compare the answer with the one block whose relative error is large."""
    choice = (
        str(answer).strip().replace("_", "").replace(" ", "").translate(str.maketrans("₁₂", "12"))
    )
    named = {block.lower(): block for block in BLOCKS}.get(choice.lower())
    if not isinstance(answer, str) or named is None:
        t.fail(
            Text(
                f'answer with one of "W1", "b1", "W2", "b2"; got {answer!r}',
                f'"W1", "b1", "W2", "b2" 가운데 하나로 답하세요. 받은 값: {answer!r}',
            )
        )
    X, y = xor()
    net = MLP([2, 4, 2], activation="relu", seed=0)
    grads = net.backward(cross_entropy.grad(net.forward(X), y))

    def loss(theta: np.ndarray) -> float:
        saved = net.params.theta.copy()
        net.params.theta[:] = theta
        value = float(cross_entropy(net.forward(X), y))
        net.params.theta[:] = saved
        return value

    numeric = net.params.zeros_like()
    numeric.theta[:] = numerical_gradient(loss, net.params.theta)
    errors = [relative_error(g, n) for g, n in zip(grads, numeric, strict=True)]
    failing = [block for block, error in zip(BLOCKS, errors, strict=True) if error > 1e-2]
    assert len(failing) == 1 and sorted(errors)[-2] < 1e-6, "one check fails, three pass"
    t.expect(
        "block",
        named == failing[0],
        Text(
            f"the check of {named} passes: its relative error is below 1e-6",
            f"{named}의 검사는 통과합니다: 상대 오차가 1e-6보다 작습니다",
        ),
    )


# ----------------------------------------------------------------------------- 4.5


def _costs(sizes: list[int], N: int) -> tuple[int, int, int]:
    """The multiply-adds of a forward pass, of ``MLP.backward`` and of the whole gradient by
    central differences: the weights' shapes from an ``MLP``, the loss evaluations counted on
    ``numerical_gradient`` itself."""
    net = MLP(sizes, seed=0)
    forward = N * sum(net.W[layer].size for layer in range(1, len(sizes)))
    backward = 2 * forward - N * net.W[1].size  # layer 1: no ∂L/∂X (input_grad=False)
    calls = 0

    def count(theta: np.ndarray) -> float:
        nonlocal calls
        calls += 1
        return 0.0

    numerical_gradient(count, net.params.theta)
    return forward, backward, calls * forward


@exercise(
    "4.5",
    Function(
        "my_costs",
        "sizes, N",
        Text(
            "(forward, backward, differences): the three counts of multiply-adds",
            "(forward, backward, differences): 곱셈-덧셈 횟수 셋",
        ),
    ),
    claims={
        "forward": Text("the count of a forward pass", "순전파 한 번의 횟수가 맞다"),
        "backward": Text(
            "the count of a backward pass as MLP.backward runs it",
            "MLP.backward가 실행하는 역전파 한 번의 횟수가 맞다",
        ),
        "differences": Text(
            "the count of the whole gradient by central differences",
            "중심 차분으로 구하는 그래디언트 전체의 횟수가 맞다",
        ),
    },
)
def _cost(answer: Any, t: Trial) -> None:
    """On networks of one to three layers (the chapter's 64, 32, 10 among them) and several
    batch sizes, compare the answer's three counts with those of the library's shapes and
    calls. A failure says for which widths and ``N``, and whether too high or too low."""
    cases = [([64, 32, 10], 1), ([64, 32, 10], 50), ([2, 4, 2], 4), ([5, 3], 7), ([3, 7, 4, 2], 10)]
    for sizes, N in cases:
        got = t.parts(t.call(answer, list(sizes), N), 3, "(forward, backward, differences)")
        where = Text(f"for widths {sizes} and N = {N}", f"너비 {sizes}, N = {N}에서")
        for key, value, truth in zip(
            ("forward", "backward", "differences"), got, _costs(sizes, N), strict=True
        ):
            t.near(key, value, truth, 0.0, key, rtol=1e-9, where=where)


# ----------------------------------------------------------------------------- 4.6

not_checkable(
    "4.6",
    Text(
        "a derivation of equations the statement gives, and an explanation: compare your "
        "argument with the solution's",
        "문제에 주어진 식을 유도하고 설명하는 문제다. 자신의 논증을 풀이의 논증과 비교하라",
    ),
)


# ----------------------------------------------------------------------------- 4.7

RESIDUAL_PARAMS = ("W", "b", "V", "c")


def _residual_loss(P: dict[str, Any], X: Any, Y: np.ndarray) -> float:
    """The mean squared error of two residual tanh blocks sharing W and b, then U V + c."""
    U = np.asarray(X, dtype=float)
    for _ in range(2):
        U = U + np.tanh(U @ P["W"] + P["b"])
    return float(mse_loss(U @ P["V"] + P["c"], Y))


def _residual_loss_in(key: str, P: dict[str, Any], X: Any, Y: np.ndarray, value: Any) -> float:
    """:func:`_residual_loss` as a function of one parameter (or of ``X``): ``key``."""
    if key == "X":
        return _residual_loss(P, value, Y)
    return _residual_loss({**P, key: value}, X, Y)


@exercise(
    "4.7",
    Function(
        "my_residual_grads",
        "P, X, Y",
        Text(
            '(loss, grads): the loss and a dict of its gradients in "W", "b", "V", "c" and "X"',
            '(loss, grads): 손실, 그리고 "W", "b", "V", "c", "X"에 대한 그래디언트의 딕셔너리',
        ),
    ),
    claims={
        "loss": Text(
            "the loss is the network's mean squared error", "손실이 신경망의 평균 제곱 오차다"
        ),
        "W": Text(
            "dW (both uses of W) agrees with central differences",
            "dW(W의 두 사용)가 중심 차분과 일치한다",
        ),
        "b": Text(
            "db (both uses of b) agrees with central differences",
            "db(b의 두 사용)가 중심 차분과 일치한다",
        ),
        "V": Text("dV agrees with central differences", "dV가 중심 차분과 일치한다"),
        "c": Text("dc agrees with central differences", "dc가 중심 차분과 일치한다"),
        "X": Text(
            "dX (through the skips) agrees with central differences",
            "dX(스킵 연결 포함)가 중심 차분과 일치한다",
        ),
    },
)
def _residual(answer: Any, t: Trial) -> None:
    """On three random problems (the first with a square output layer, where a transposed dV
    keeps its shape), compare the answer's loss with the network's and each gradient with
    central differences of that loss."""
    rng = np.random.default_rng(47)
    for N, D, k in [(5, 3, 3), (6, 3, 1), (4, 2, 3)]:
        X, Y = rng.standard_normal((N, D)), rng.standard_normal((N, k))
        P = {
            "W": rng.standard_normal((D, D)) / np.sqrt(D),
            "b": 0.1 * rng.standard_normal(D),
            "V": rng.standard_normal((D, k)),
            "c": rng.standard_normal(k),
        }
        out = t.call(answer, {key: value.copy() for key, value in P.items()}, X.copy(), Y.copy())
        loss, grads = t.parts(out, 2, "(loss, grads)")
        if not isinstance(grads, dict):
            t.fail(
                Text(
                    f"grads should be a dict, got {type(grads).__name__}",
                    f"grads는 딕셔너리여야 하는데 {type(grads).__name__}입니다",
                )
            )
        truth = _residual_loss(P, X, Y)
        t.near("loss", loss, truth, 1e-9, "loss", rtol=1e-9)
        for key in (*RESIDUAL_PARAMS, "X"):
            if key not in grads:
                t.expect(
                    key,
                    False,
                    Text(f'grads has no entry "{key}"', f'grads에 "{key}" 항목이 없습니다'),
                )
            else:
                at = X if key == "X" else P[key]
                loss = partial(_residual_loss_in, key, P, X, Y)
                t.gradient(key, f"d{key}", grads[key], loss, at)
