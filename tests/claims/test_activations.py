"""Numerical checks of the claims the *Activation functions* chapter derives and measures."""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import MLP
from nnbook.activations import ACTIVATIONS, elu, relu, sigmoid, tanh
from nnbook.datasets import two_moons
from nnbook.layers import activation_backward, activation_forward, affine_forward
from nnbook.losses import cross_entropy

GRID = np.linspace(-10, 10, 200001)  # contains z = 0
SIZES = [32] + [32] * 10 + [10]  # the chapter's ten-hidden-layer network


def test_sigmoid_derivative_is_at_most_a_quarter_attained_only_at_zero() -> None:
    d = sigmoid.derivative(GRID)
    assert d.max() == pytest.approx(0.25, abs=1e-15)
    assert np.all(d <= 0.25)
    assert GRID[d.argmax()] == 0
    assert np.all(d[GRID != 0] < 0.25)
    s = sigmoid(GRID)
    np.testing.assert_allclose(d, 0.25 - (s - 0.5) ** 2, atol=1e-15)


def test_tanh_is_a_rescaled_sigmoid_and_its_derivative_at_most_one() -> None:
    np.testing.assert_allclose(tanh(GRID), 2 * sigmoid(2 * GRID) - 1, atol=1e-15)
    np.testing.assert_allclose(tanh.derivative(GRID), 4 * sigmoid.derivative(2 * GRID), atol=1e-14)
    assert tanh.derivative(GRID).max() == 1.0
    assert np.all(tanh.derivative(GRID) <= 1.0)


def test_saturated_sigmoid_derivative_decays_like_exp_minus_abs_z() -> None:
    # σ'(z) = e^{-|z|} / (1 + e^{-|z|})² < e^{-|z|}, and σ' is even: σ'(z) = σ'(-z) exactly
    # because nnbook computes it in this form instead of s(1 - s), whose 1 - s cancels.
    z = np.array([5.0, 10.0, 20.0, -20.0])
    ratio = sigmoid.derivative(z) / np.exp(-np.abs(z))
    assert np.all(ratio < 1)
    assert sigmoid.derivative(z)[2] == sigmoid.derivative(z)[3]
    assert ratio[1:] == pytest.approx(1, rel=1e-4)
    assert sigmoid.derivative(np.array([5.0]))[0] < 1e-2
    assert tanh.derivative(np.array([5.0]))[0] < sigmoid.derivative(np.array([5.0]))[0]


def test_relu_family_kinks_and_elu_smoothness() -> None:
    zero, pos = np.array([0.0]), np.array([3.0])
    assert relu.derivative(zero)[0] == 0  # the left value at the kink
    for f in (relu, ACTIVATIONS["leaky_relu"], elu):
        assert f.derivative(pos)[0] == 1
    left, right = elu.derivative(np.array([-1e-9]))[0], elu.derivative(np.array([1e-9]))[0]
    assert left == pytest.approx(right, abs=1e-8)  # ELU (alpha = 1) has a continuous slope
    leaky_left = ACTIVATIONS["leaky_relu"].derivative(np.array([-1e-9]))[0]
    assert leaky_left == pytest.approx(0.01)


def weight_grad_norms(activation: str, scale: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((256, 32)), rng.integers(0, 10, size=256)
    net = MLP(SIZES, activation=activation, seed=0)
    net.params = [p * scale if i % 2 == 0 else p for i, p in enumerate(net.params)]
    grads = net.backward(cross_entropy.grad(net.forward(X), y))
    return np.array([np.linalg.norm(dW) for dW in grads[0::2]])


def test_deep_sigmoid_first_layer_gradient_is_orders_smaller_than_the_last() -> None:
    norms = weight_grad_norms("sigmoid")
    assert norms[0] / norms[-1] < 1e-6
    assert np.all(np.diff(np.log(norms)) > 0)  # it shrinks at every layer going down


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "elu", "tanh"])
def test_other_activations_keep_layer_gradients_within_a_small_factor(name: str) -> None:
    norms = weight_grad_norms(name)
    assert norms.max() / norms.min() < 10
    assert 0.1 < norms[0] / norms[-1] < 10


def test_sigmoid_per_layer_factor_matches_typical_derivative() -> None:
    norms = weight_grad_norms("sigmoid")
    factor = (norms[0] / norms[-1]) ** (1 / (len(SIZES) - 2))
    rng = np.random.default_rng(0)
    A = rng.standard_normal((256, 32))
    net = MLP(SIZES, activation="sigmoid", seed=0)
    derivs = []
    for layer in range(len(SIZES) - 2):
        Z, _ = affine_forward(A, net.params[2 * layer], net.params[2 * layer + 1])
        derivs.append(sigmoid.derivative(Z))
        A = sigmoid(Z)
    rms = np.sqrt(np.mean(np.concatenate(derivs) ** 2))
    assert factor < 0.25
    assert rms < 0.25
    assert abs(factor - rms) < 0.02


def test_weight_scale_makes_tanh_explode_or_the_forward_signal_fade() -> None:
    """The pitfall: 3× larger weights make tanh's gradient grow towards the input; 4× smaller
    weights make the spread of the last hidden layer over the inputs collapse."""
    norms = weight_grad_norms("tanh", scale=3.0)
    assert norms[0] / norms[-1] > 1
    rng = np.random.default_rng(0)
    X = rng.standard_normal((256, 32))
    for name, f in ACTIVATIONS.items():
        net = MLP(SIZES, activation=name, seed=0)
        A = X
        for layer in range(len(SIZES) - 2):
            A = f(affine_forward(A, 0.25 * net.params[2 * layer], net.params[2 * layer + 1])[0])
        assert A.std(axis=0).mean() < 1e-4 * X.std(axis=0).mean(), name


def test_deep_sigmoid_net_stays_at_chance_where_tanh_and_relu_learn() -> None:
    X, y = two_moons(200, noise=0.1, seed=0)
    results = {}
    for name in ("sigmoid", "tanh", "relu"):
        net = MLP([2] + [16] * 8 + [2], activation=name, seed=0)
        net.fit(X, y, epochs=100, lr=0.01, batch_size=16, momentum=0.9, progress=False)
        results[name] = (net.history["loss"][-1], net.score(X, y))
    assert results["sigmoid"][0] == pytest.approx(np.log(2), abs=0.01)
    assert results["sigmoid"][1] <= 0.6
    for name in ("tanh", "relu"):
        assert results[name][0] < 0.05
        assert results[name][1] >= 0.95


def test_dead_relu_gets_zero_gradient_while_leaky_and_elu_do_not() -> None:
    X, _ = two_moons(200, noise=0.1, seed=0)
    Z, _ = affine_forward(X, np.array([[1.0], [1.0]]), np.array([-5.0]))
    assert Z.max() < 0
    grads = {}
    for name in ("relu", "leaky_relu", "elu"):
        _, cache = activation_forward(Z, ACTIVATIONS[name])
        grads[name] = X.T @ activation_backward(np.ones_like(Z), cache)
    assert np.all(grads["relu"] == 0)
    assert np.linalg.norm(grads["leaky_relu"]) > 0.1
    assert np.linalg.norm(grads["elu"]) > 0.1


def test_elu_outputs_average_closer_to_zero_than_relu() -> None:
    z = np.random.default_rng(0).standard_normal(100_000)
    assert abs(elu(z).mean()) < abs(relu(z).mean()) / 2
