"""Regression tests for the classic pitfalls of backpropagation and losses.

Each test shows the wrong version failing a check that the package's version passes, so the
test would catch the pitfall if it crept into the code.
"""

from __future__ import annotations

import math

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
    binary_cross_entropy_with_logits,
    cross_entropy,
    mse_loss,
    softmax,
    softmax_jacobian,
)

# --- 1. the softmax Jacobian is not just its diagonal -----------------------------------------


def test_softmax_jacobian_has_off_diagonal_terms(rng):
    z = rng.standard_normal(4)
    J, s = softmax_jacobian(z), softmax(z)
    off = J - np.diag(np.diag(J))
    np.testing.assert_allclose(off, -np.outer(s, s) + np.diag(s * s))  # −s_i s_j off the diagonal
    assert np.all(off[~np.eye(4, dtype=bool)] < 0)


def test_diagonal_only_softmax_backward_fails_the_check(rng):
    z, G = rng.standard_normal(5), rng.standard_normal(5)
    s = softmax(z)

    def f(v):
        return float(G @ softmax(v))

    assert check_gradient(f, z, softmax_jacobian(z).T @ G) < 1e-8  # full Jacobian: passes
    with pytest.raises(GradientCheckError):
        check_gradient(f, z, G * s * (1 - s))  # diagonal only: wrong


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
        grads = net.backward(cross_entropy.grad(net.forward(X), y))

        def loss_at(v):
            saved, net.params[0] = net.params[0], v
            try:
                return float(cross_entropy(net.forward(X), y))
            finally:
                net.params[0] = saved

        return relative_error(grads[0], numerical_gradient(loss_at, net.params[0]))

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


# --- 4. squared error on a saturated sigmoid learns slowly -------------------------------------


def descend(grad_wrt_z, z0=-8.0, lr=1.0, max_steps=100_000):
    """Gradient descent on a single logit z (target 1) until σ(z) > 0.5; returns the steps."""
    z = np.array([z0])
    for step in range(1, max_steps + 1):
        z = z - lr * grad_wrt_z(z)
        if sigmoid(z)[0] > 0.5:
            return step
    return max_steps


def mse_on_sigmoid_grad(z):
    # ∂/∂z (σ(z) − 1)² = 2(σ(z) − 1) σ'(z): the σ' factor vanishes when the unit saturates.
    return mse_loss.grad(sigmoid(z), np.ones(1)) * sigmoid.derivative(z)


def cross_entropy_grad(z):
    return binary_cross_entropy_with_logits.grad(z, np.ones(1))  # σ(z) − 1: no σ' factor


def test_squared_error_on_a_saturated_sigmoid_learns_slower_than_cross_entropy():
    z = np.array([-8.0])
    # At z = −8 the two gradients differ by the factor 2σ'(−8) ≈ 6.7e-4.
    ratio = mse_on_sigmoid_grad(z)[0] / cross_entropy_grad(z)[0]
    assert ratio == pytest.approx(2 * sigmoid.derivative(z)[0], rel=1e-12)
    assert ratio < 1e-3
    steps_ce, steps_mse = descend(cross_entropy_grad), descend(mse_on_sigmoid_grad)
    assert steps_ce <= 10
    assert steps_mse > 100 * steps_ce


def test_loss_decrease_after_ten_steps():
    # Same 10 steps from the same saturated start: cross-entropy's probability of the right
    # class moves from 3e-4 past 0.5; squared error's has barely moved.
    def run(grad, steps=10):
        z = np.array([-8.0])
        for _ in range(steps):
            z = z - grad(z)
        return sigmoid(z)[0]

    p0 = sigmoid(np.array([-8.0]))[0]
    assert run(cross_entropy_grad) > 0.5
    assert run(mse_on_sigmoid_grad) < 10 * p0


# --- 5. more pitfalls the book corrects ---------------------------------------------------


def test_naive_softmax_overflows_but_the_package_does_not():
    z = np.array([1000.0, 0.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.sum(np.exp(z))
    assert np.isnan(naive[0])
    np.testing.assert_array_equal(softmax(z), [1.0, 0.0])


def test_finite_differences_across_a_kink_are_not_a_derivative():
    # Why the gradient checks keep ReLU inputs away from 0.
    centred = numerical_gradient(lambda v: float(np.sum(relu(v))), np.array([0.0]))
    assert centred[0] == pytest.approx(0.5)  # the average of the two one-sided slopes
    assert relu.derivative(np.array([0.0]))[0] == 0.0
    away = numerical_gradient(lambda v: float(np.sum(relu(v))), np.array([0.3]))
    np.testing.assert_allclose(away, relu.derivative(np.array([0.3])))


def test_cross_entropy_is_in_nats_and_bits_only_rescale():
    # Natural log: a uniform guess over C classes costs ln C; log₂ would give log₂ C. The unit
    # rescales value and gradient by the same 1/ln 2 and leaves the minimiser unchanged.
    for c in (2, 3, 10):
        assert cross_entropy(np.zeros((1, c)), np.array([0])) == pytest.approx(math.log(c))
    z, y = np.array([[0.3, -1.0, 2.0]]), np.array([1])
    bits = float(cross_entropy(z, y)) / math.log(2)
    assert bits == pytest.approx(-math.log2(softmax(z)[0, 1]))
