"""Regression tests for the classic pitfalls of backpropagation.

Each test shows the wrong version failing a check that the package's version passes, so the
test would catch the pitfall if it crept into the code. The pitfalls of the loss chapter
(naive softmax, squared error on a saturated sigmoid, the base of the logarithm) are its claims,
in tests/claims/test_losses.py; wrong gradients the checker must reject, in test_gradcheck.py.
"""

from __future__ import annotations

import numpy as np
import pytest

import nnbook.mlp
from nnbook import MLP
from nnbook.activations import relu, sigmoid, tanh
from nnbook.gradcheck import (
    GradientCheckError,
    check_gradient,
    numerical_gradient,
    relative_error,
)
from nnbook.layers import affine_backward, affine_forward
from nnbook.losses import (
    cross_entropy,
    softmax,
    softmax_jacobian,
)

# --- 1. the softmax Jacobian is not just its diagonal ---------------------------------------


def test_cross_entropy_gradient_needs_the_full_jacobian(rng):
    # ∂CE/∂z = Jᵀ ∂CE/∂s with ∂CE/∂s = −p/s, which collapses to s − p.
    z, p = rng.standard_normal(4), rng.dirichlet(np.ones(4))
    s = softmax(z)
    full = softmax_jacobian(z).T @ (-p / s)
    diagonal = s * (1 - s) * (-p / s)
    expected = cross_entropy.grad(z[None], p[None], "sum")[0]
    np.testing.assert_allclose(full, expected, atol=1e-12)
    np.testing.assert_allclose(expected, s - p, atol=1e-12)
    assert relative_error(diagonal, expected) > 0.1


# --- 2. σ' at the input z, not at the output a ------------------------------------------------


def test_sigmoid_derivative_is_s_times_one_minus_s_of_sigma_z(rng):
    z = rng.normal(0, 2, 10)
    s = sigmoid(z)
    np.testing.assert_allclose(sigmoid.derivative(z), s * (1 - s), rtol=1e-14)
    wrong = z * (1 - z)  # s(1 − s) applied to z instead of σ(z)
    assert relative_error(wrong, sigmoid.derivative(z)) > 0.5
    np.testing.assert_allclose(tanh.derivative(z), 1 - np.tanh(z) ** 2, rtol=1e-14)


@pytest.mark.parametrize(
    ("activation", "wrong_derivative"),
    [("sigmoid", lambda Z: Z * (1 - Z)), ("tanh", lambda Z: 1 - Z**2)],
    ids=["sigmoid", "tanh"],
)
def test_network_with_derivative_of_the_wrong_argument_fails_gradcheck(
    activation, wrong_derivative, rng, monkeypatch
):
    net = MLP([3, 4, 2], activation=activation, seed=1)
    X, y = rng.standard_normal((5, 3)), rng.integers(0, 2, 5)

    def worst_error():
        grad = net.backward(cross_entropy.grad(net.forward(X), y))

        def loss_at(v):
            saved = net.W[1].copy()
            net.W[1][...] = v
            try:
                return float(cross_entropy(net.forward(X), y))
            finally:
                net.W[1][...] = saved

        return relative_error(grad.W[1], numerical_gradient(loss_at, net.W[1]))

    assert worst_error() < 1e-7
    # The pitfall: the output-formula applied to Z (what a cache of Z would invite).
    monkeypatch.setattr(
        nnbook.mlp, "activation_backward", lambda dA, cache: dA * wrong_derivative(cache.Z)
    )
    assert worst_error() > 1e-2


# --- 3. a value used twice gets both gradients ---------------------------------------------


def test_input_feeding_two_branches_accumulates(rng):
    X = rng.standard_normal((3, 4))
    W1, W2 = rng.standard_normal((4, 2)), rng.standard_normal((4, 5))
    b1, b2 = np.zeros(2), np.zeros(5)
    G1, G2 = rng.standard_normal((3, 2)), rng.standard_normal((3, 5))

    def f(v):  # L = ⟨G1, X W1 + b1⟩ + ⟨G2, X W2 + b2⟩
        return float(np.sum(G1 * (v @ W1 + b1)) + np.sum(G2 * (v @ W2 + b2)))

    dX = np.zeros_like(X)
    dX += affine_backward(G1, affine_forward(X, W1, b1)[1])[0]
    dX += affine_backward(G2, affine_forward(X, W2, b2)[1])[0]
    assert check_gradient(f, X, dX) < 1e-8
    overwritten = affine_backward(G2, affine_forward(X, W2, b2)[1])[0]  # `dX = ...` twice
    with pytest.raises(GradientCheckError):
        check_gradient(f, X, overwritten)


def test_reused_parameter_accumulates(rng):
    # Tied weights: H = X W, Y = H Wᵀ, so W is used twice.
    X, W, G = rng.standard_normal((4, 3)), rng.standard_normal((3, 2)), rng.standard_normal((4, 3))
    zero2, zero3 = np.zeros(2), np.zeros(3)

    def forward(v):
        H, first = affine_forward(X, v, zero2)
        Y, second = affine_forward(H, v.T, zero3)
        return Y, first, second

    def f(v):
        return float(np.sum(G * forward(v)[0]))

    _, first, second = forward(W)
    dH, dWT, _ = affine_backward(G, second)
    _, dW_first, _ = affine_backward(dH, first)
    dW = np.zeros_like(W)
    dW += dW_first
    dW += dWT.T
    assert check_gradient(f, W, dW) < 1e-8
    for only_one in (dW_first, dWT.T):
        with pytest.raises(GradientCheckError):
            check_gradient(f, W, only_one)


def test_a_sample_used_twice_in_a_batch_counts_twice(rng):
    net = MLP([3, 4, 2], activation="tanh", seed=0)
    X, y = rng.standard_normal((2, 3)), np.array([0, 1])
    once = net.backward(cross_entropy.grad(net.forward(X), y, "sum"))
    twice = net.backward(cross_entropy.grad(net.forward(np.vstack([X, X])), np.r_[y, y], "sum"))
    for g1, g2 in zip(once, twice, strict=True):
        np.testing.assert_allclose(g2, 2 * g1, rtol=1e-12)


# --- 4. a finite difference across a kink ----------------------------------------------------


def test_finite_differences_across_a_kink_are_not_a_derivative():
    # Why the gradient checks keep ReLU inputs away from 0.
    centred = numerical_gradient(lambda v: float(np.sum(relu(v))), np.array([0.0]))
    assert centred[0] == pytest.approx(0.5)  # the average of the two one-sided slopes
    assert relu.derivative(np.array([0.0]))[0] == 0.0
    away = numerical_gradient(lambda v: float(np.sum(relu(v))), np.array([0.3]))
    np.testing.assert_allclose(away, relu.derivative(np.array([0.3])))
