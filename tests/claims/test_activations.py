"""Numerical checks of the claims the *Activation functions* chapter derives and measures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from book.paths import FIGURES
from nnbook import MLP, MLPClassifier
from nnbook.activations import ACTIVATIONS, elu, relu, sigmoid, tanh
from nnbook.datasets import two_moons
from nnbook.layers import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
)
from nnbook.losses import cross_entropy

GRID = np.linspace(-10, 10, 200001)  # contains z = 0
SIZES = [32] + [32] * 10 + [10]  # the chapter's ten-hidden-layer network
EXPLORER = FIGURES / "activation-explorer.json"


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


def test_alpha_is_leaky_relus_slope_but_elus_saturation_level() -> None:
    """Leaky ReLU: α is the slope everywhere below 0. ELU: elu(z) → −α as z → −∞, and its
    slope αe^z equals α only at z = 0."""
    leaky, z = ACTIVATIONS["leaky_relu"], np.linspace(-50, -1e-3, 1000)
    for alpha in (0.01, 0.5, 1.0, 2.0):
        np.testing.assert_array_equal(leaky.derivative(z, alpha=alpha), alpha)
        np.testing.assert_allclose(leaky(z, alpha=alpha), alpha * z)
        assert elu(np.array([-50.0]), alpha=alpha)[0] == pytest.approx(-alpha, rel=1e-15)
        assert np.all(elu(z, alpha=alpha) >= -alpha)  # reached only by rounding
        slope = elu.derivative(z, alpha=alpha)
        np.testing.assert_allclose(slope, alpha * np.exp(z))
        assert np.all(slope < alpha) and elu.derivative(np.zeros(1), alpha=alpha)[0] == alpha


def weight_grad_norms(activation: str, scale: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((256, 32)), rng.integers(0, 10, size=256)
    net = MLP(SIZES, activation=activation, seed=0)
    for W in net.W.values():
        W *= scale
    grads = net.backward(cross_entropy.grad(net.forward(X), y))
    return np.array([np.linalg.norm(grads.W[layer]) for layer in range(1, len(SIZES))])


def test_deep_sigmoid_first_layer_gradient_is_orders_smaller_than_the_last() -> None:
    norms = weight_grad_norms("sigmoid")
    assert norms[0] / norms[-1] < 1e-6
    assert np.all(np.diff(np.log(norms)) > 0)  # it shrinks at every layer going down


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "elu", "tanh"])
def test_other_activations_keep_layer_gradients_within_a_small_factor(name: str) -> None:
    norms = weight_grad_norms(name)
    assert norms.max() / norms.min() < 10
    assert 0.1 < norms[0] / norms[-1] < 10


def test_the_explorers_depth_is_the_number_of_hidden_layers_l_minus_1() -> None:
    """The activation explorer's hint: with 10 hidden layers a network has L = 11 layers, L − 1
    derivative factors stand between output and first layer, and the measured ratio is the
    first/last line of the chapter's table."""
    data = json.loads(EXPLORER.read_text(encoding="utf-8"))
    entries = {a["name"]: a for a in data["activations"]}
    L = len(SIZES) - 1
    i = data["depth"].index(L - 1)
    for name in ACTIVATIONS:
        norms = weight_grad_norms(name)
        assert len(norms) == L == len(MLP(SIZES).W)
        assert entries[name]["ratio"][i] == pytest.approx(norms[0] / norms[-1], rel=5e-3)
        assert entries[name]["product"][i] == pytest.approx(
            entries[name]["max"] ** (L - 1), rel=5e-3
        )


def sigmoid_backward_steps() -> tuple[np.ndarray, list[float], list[float], list[float], float]:
    """The chapter's sigmoid network, one backward pass by hand. Returns the operator norms
    of W_2..W_L, per step the ratios ‖δ_l W_lᵀ‖/‖δ_l‖ and ‖G ⊙ σ'‖/‖G‖ and the largest σ',
    and the rms of σ' over the hidden pre-activations."""
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((256, 32)), rng.integers(0, 10, size=256)
    net = MLP(SIZES, activation="sigmoid", seed=0)
    L = len(SIZES) - 1
    W, b = net.W, net.b
    A, affine_caches, act_caches, derivs = X, {}, {}, []
    for k in range(1, L + 1):
        Z, affine_caches[k] = affine_forward(A, W[k], b[k])
        if k < L:
            A, act_caches[k] = activation_forward(Z, sigmoid)
            derivs.append(sigmoid.derivative(Z))
    delta = cross_entropy.grad(Z, y)
    weight_f, act_f, max_d = [], [], []
    for k in range(L, 1, -1):
        G = affine_backward(delta, affine_caches[k])[0]
        weight_f.append(np.linalg.norm(G) / np.linalg.norm(delta))
        delta = activation_backward(G, act_caches[k - 1])
        act_f.append(np.linalg.norm(delta) / np.linalg.norm(G))
        max_d.append(float(sigmoid.derivative(act_caches[k - 1].Z).max()))
    op = np.array([np.linalg.norm(W[k], 2) for k in range(L, 1, -1)])  # same order as the steps
    rms = float(np.sqrt(np.mean(np.concatenate(derivs) ** 2)))
    return op, weight_f, act_f, max_d, rms


def test_operator_norm_bound_holds_but_only_guarantees_about_a_half_per_layer() -> None:
    """‖W_l‖ ≈ 2 for the 32 × 32 links, so the bound ‖W_l‖/4 allows ≈ 0.5 per layer, while the
    measured per-layer factor is below 0.25: the bound is true and loose."""
    op, weight_f, act_f, max_d, _ = sigmoid_backward_steps()
    square = op[1:]  # W_10..W_2 are 32 × 32 (W_11 is 32 × 10)
    assert np.all((square > 1.7) & (square < 2.1))
    bound = 0.25 * op.max()
    assert 0.45 < bound < 0.55
    for o, wf, af, md in zip(op, weight_f, act_f, max_d, strict=True):
        assert wf * af <= o * md * (1 + 1e-12)  # each step obeys ‖W_l‖ · max σ'
    norms = weight_grad_norms("sigmoid")
    factor = (norms[0] / norms[-1]) ** (1 / (len(SIZES) - 2))
    assert factor < bound - 0.2


def test_typical_factor_is_rms_sigmoid_derivative_because_weights_keep_length() -> None:
    """The average-case argument: E‖W δ‖² = ‖δ‖² for N(0, 1/n_in) weights, so the weights'
    factor is ≈ 1 (not ‖W‖ ≈ 2) and the activation's factor is ≈ rms σ'."""
    rng = np.random.default_rng(1)
    for n_in, n_out in ((32, 32), (32, 10)):
        delta = rng.standard_normal(n_out)
        draws = rng.standard_normal((4000, n_in, n_out)) / np.sqrt(n_in)
        ratio = np.mean(np.sum((draws @ delta) ** 2, axis=1)) / np.sum(delta**2)
        assert ratio == pytest.approx(1, abs=0.03)
    _, weight_f, act_f, _, rms = sigmoid_backward_steps()
    geo = np.exp(np.mean(np.log(weight_f)))
    assert 0.9 < geo < 1.15
    assert np.exp(np.mean(np.log(act_f))) == pytest.approx(rms, abs=0.01)
    norms = weight_grad_norms("sigmoid")
    factor = (norms[0] / norms[-1]) ** (1 / (len(SIZES) - 2))
    assert factor == pytest.approx(rms, abs=0.01)
    assert factor < 0.25 and rms < 0.25


def test_bounded_range_is_not_what_vanishes_the_gradient() -> None:
    """The source post blames the ranges (0, 1) and (-1, 1): tanh is as bounded as the
    sigmoid, yet its ten-layer network keeps its gradient where the sigmoid's loses 10⁻⁶."""
    for f, low, high in ((sigmoid, 0, 1), (tanh, -1, 1)):
        values = f(np.linspace(-30, 30, 1001))
        assert low <= values.min() and values.max() <= high
    sig, tan = weight_grad_norms("sigmoid"), weight_grad_norms("tanh")
    assert sig[0] / sig[-1] < 1e-6
    assert tan[0] / tan[-1] > 0.5
    assert tanh.derivative(np.array([0.0]))[0] == 4 * sigmoid.derivative(np.array([0.0]))[0]


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
        for layer in range(1, len(SIZES) - 1):
            A = f(affine_forward(A, 0.25 * net.W[layer], net.b[layer])[0])
        assert A.std(axis=0).mean() < 1e-4 * X.std(axis=0).mean(), name


def test_deep_sigmoid_net_stays_at_chance_where_tanh_and_relu_learn() -> None:
    X, y = two_moons(200, noise=0.1, seed=0)
    results = {}
    for name in ("sigmoid", "tanh", "relu"):
        net = MLPClassifier(
            [2] + [16] * 8 + [2], activation=name, epochs=100, lr=0.01, batch_size=16, momentum=0.9
        )
        net.fit(X, y)
        results[name] = (net.history_["loss"][-1], net.score(X, y))
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


def dead_unit_run(seed: int) -> tuple[list[float], list[bool], list[float], list[bool]]:
    """The chapter's run: unit 0 of each hidden layer of a 2-16-16-2 ReLU network killed (its
    largest pre-activation over the data set lowered to -0.05), then 30 epochs of plain SGD.
    Per epoch: max z and whether the parameters moved, for the layer-1 and the layer-2 unit."""
    X, y = two_moons(200, noise=0.1, seed=0)
    net = MLPClassifier(
        [2, 16, 16, 2], activation="relu", epochs=1, lr=0.1, batch_size=16, seed=seed
    )
    W1, b1, W2, b2 = net.W[1], net.b[1], net.W[2], net.b[2]  # views: fit moves them in place

    def largest() -> tuple[float, float]:
        Z1 = X @ W1 + b1
        return Z1[:, 0].max(), (relu(Z1) @ W2 + b2)[:, 0].max()

    b1[0] -= largest()[0] + 0.05
    b2[0] -= largest()[1] + 0.05
    start = largest()
    assert start[0] < 0 and start[1] < 0
    frozen = [W1[:, 0].copy(), b1[0], W2[:, 0].copy(), b2[0]]
    z1s, moved1, z2s, moved2 = [], [], [], []
    for _ in range(30):
        net.fit(X, y)  # one epoch, continuing from the current parameters
        z1, z2 = largest()
        z1s.append(z1)
        z2s.append(z2)
        moved1.append(not (np.array_equal(W1[:, 0], frozen[0]) and b1[0] == frozen[1]))
        moved2.append(not (np.array_equal(W2[:, 0], frozen[2]) and b2[0] == frozen[3]))
    return z1s, moved1, z2s, moved2


def test_dead_first_layer_unit_never_moves_but_a_deeper_one_can_revive() -> None:
    z1s, moved1, z2s, moved2 = dead_unit_run(seed=2)
    assert not any(moved1)  # its inputs are the data: zero gradient on every step
    assert max(z1s) == min(z1s) < 0  # exactly the same pre-activations every epoch
    first_alive = next(i for i, z in enumerate(z2s) if z > 0)
    assert first_alive > 0  # it was dead for a while ...
    assert len(set(z2s[:first_alive])) > 1  # ... while the layer below moved its inputs,
    assert not any(moved2[:first_alive])  # its own parameters frozen;
    assert moved2[first_alive + 1] and moved2[-1]  # once alive, it learns again
    assert z2s[-1] > 0


def test_revival_is_not_guaranteed() -> None:
    _, moved1, z2s, moved2 = dead_unit_run(seed=0)
    assert not any(moved1)
    assert max(z2s) < 0 and not any(moved2)
