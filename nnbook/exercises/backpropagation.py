"""The exercises of chapter 4, Backpropagation (``docs/backpropagation.md``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from nnbook import activations
from nnbook.exercises._core import Function, Text, Trial, Value, exercise
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import mse_loss

CENTRAL = Text("central differences", "중앙 차분")


@exercise(
    "4.2",
    Function("my_affine_backward", "dZ, cache", Text("(dX, dW, db)", "(dX, dW, db)")),
    claims={
        "dX": Text("dX is the gradient of the loss in X", "dX가 X에 대한 손실의 그래디언트다"),
        "dW": Text("dW agrees with central differences", "dW가 중앙 차분과 일치한다"),
        "db": Text("db agrees with central differences", "db가 중앙 차분과 일치한다"),
    },
    skeleton="""\
def my_affine_backward(dZ, cache):
    X, W = cache
    return dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)  # the colleague's: fix it""",
)
def _affine_backward(answer: Any, t: Trial) -> None:
    """On tanh layers of three shapes (a square one hides a transpose), compare the answer's
    three gradients of ``mse_loss(tanh(XW + b), Y)`` with central differences."""
    rng = np.random.default_rng(4)
    for n_in, n_out in [(3, 3), (3, 2), (4, 5)]:
        X, Y = rng.standard_normal((5, n_in)), rng.standard_normal((5, n_out))
        W, b = rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out)
        inputs = {"dX": X, "dW": W, "db": b}

        def loss(name: str, value: np.ndarray, inputs: dict = inputs, Y: np.ndarray = Y) -> float:
            X_, W_, b_ = (value if key == name else at for key, at in inputs.items())
            return float(mse_loss(np.tanh(affine_forward(X_, W_, b_)[0]), Y))

        Z, cache = affine_forward(X, W, b)
        A, act_cache = activation_forward(Z, activations.tanh)
        dZ = activation_backward(mse_loss.grad(A, Y), act_cache)
        out = t.call(answer, dZ, cache)
        if not (isinstance(out, tuple) and len(out) == 3):
            t.fail(
                Text("it should return a tuple (dX, dW, db)", "(dX, dW, db) 튜플을 돌려줘야 한다")
            )
        for (name, at), got in zip(inputs.items(), out, strict=True):
            numeric = numerical_gradient(partial(loss, name), at)
            t.close(name, name, got, numeric, CENTRAL, rtol=1e-5, atol=1e-7)


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
