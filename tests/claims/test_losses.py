"""Numerical checks of the claims the *Loss functions* chapter derives and measures."""

from __future__ import annotations

import numpy as np
import pytest

from nnbook.activations import sigmoid
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    kl_div,
    l1_loss,
    log_softmax,
    mse_loss,
    nll_loss,
    softmax,
    softmax_jacobian,
)

bce_logits = binary_cross_entropy_with_logits


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(31)


def test_squared_error_is_gaussian_nll_up_to_scale_and_constant(rng) -> None:
    y, y_hat, s = rng.standard_normal(50), rng.standard_normal(50), 0.7
    nll = -np.log(np.exp(-((y - y_hat) ** 2) / (2 * s**2)) / np.sqrt(2 * np.pi * s**2))
    terms = mse_loss(y_hat, y, reduction="none")
    np.testing.assert_allclose(nll, terms / (2 * s**2) + 0.5 * np.log(2 * np.pi * s**2))


def test_best_constant_is_mean_for_mse_and_median_for_l1(rng) -> None:
    targets = np.concatenate([rng.normal(1, 0.1, 20), [9.0]])  # odd count, one outlier
    c = np.linspace(0, 10, 100001)
    preds = np.repeat(c[:, None], len(targets), axis=1)
    T = np.broadcast_to(targets, preds.shape)
    best_mse = c[np.argmin(mse_loss(preds, T, reduction="none").mean(axis=1))]
    best_l1 = c[np.argmin(l1_loss(preds, T, reduction="none").mean(axis=1))]
    assert best_mse == pytest.approx(targets.mean(), abs=1e-4)
    assert best_l1 == pytest.approx(np.median(targets), abs=1e-4)


def test_bce_is_bernoulli_nll_and_two_outcome_cross_entropy(rng) -> None:
    y_hat = rng.uniform(0.01, 0.99, 40)
    y = rng.integers(0, 2, 40).astype(float)
    bernoulli = -np.log(y_hat**y * (1 - y_hat) ** (1 - y))
    p, q = np.stack([y, 1 - y], axis=1), np.stack([y_hat, 1 - y_hat], axis=1)
    h_pq = -np.sum(p * np.log(q), axis=1)
    np.testing.assert_allclose(binary_cross_entropy(y_hat, y, reduction="none"), bernoulli)
    np.testing.assert_allclose(h_pq, bernoulli)


def test_log2_entropy_only_scales_loss_and_gradient_by_one_over_ln2(rng) -> None:
    y_hat, y = rng.uniform(0.05, 0.95, 10), rng.integers(0, 2, 10).astype(float)

    def bits(v):
        return float(np.mean(-(y * np.log2(v) + (1 - y) * np.log2(1 - v))))

    nats = float(binary_cross_entropy(y_hat, y))
    assert bits(y_hat) / nats == pytest.approx(1 / np.log(2), rel=1e-12)
    np.testing.assert_allclose(
        numerical_gradient(bits, y_hat),
        binary_cross_entropy.grad(y_hat, y) / np.log(2),
        rtol=1e-6,
    )
    # nnbook counts in nats: a uniform guess over C classes costs ln C (log₂ C in bits).
    for c in (2, 3, 10):
        assert cross_entropy(np.zeros((1, c)), np.array([0])) == pytest.approx(np.log(c))
    z, label = np.array([[0.3, -1.0, 2.0]]), np.array([1])
    in_bits = float(cross_entropy(z, label)) / np.log(2)
    assert in_bits == pytest.approx(-np.log2(softmax(z)[0, 1]))


def test_bce_gradient_wrt_logit_is_prediction_minus_target(rng) -> None:
    z, y = rng.standard_normal(12) * 4, rng.integers(0, 2, 12).astype(float)
    g = bce_logits.grad(z, y, reduction="sum")
    np.testing.assert_allclose(g, sigmoid(z) - y, atol=1e-15)
    numeric = numerical_gradient(lambda v: float(bce_logits(v, y, reduction="sum")), z)
    assert relative_error(g, numeric) < 1e-8


def test_mse_on_sigmoid_carries_the_extra_sigma_prime_factor(rng) -> None:
    z, y = rng.standard_normal(12) * 4, rng.integers(0, 2, 12).astype(float)
    g_mse = mse_loss.grad(sigmoid(z), y, reduction="sum") * sigmoid.derivative(z)
    numeric = numerical_gradient(lambda v: float(mse_loss(sigmoid(v), y, reduction="sum")), z)
    assert relative_error(g_mse, numeric) < 1e-8
    g_ce = bce_logits.grad(z, y, reduction="sum")
    np.testing.assert_allclose(g_mse, 2 * sigmoid.derivative(z) * g_ce, atol=1e-15)
    assert np.all(np.abs(g_mse) <= 0.5 * np.abs(g_ce) + 1e-15)


@pytest.mark.parametrize(("z0", "at_least"), [(-8.0, 1e3), (-10.0, 1e4)])
def test_saturated_unit_ce_gradient_dwarfs_mse_gradient(z0: float, at_least: float) -> None:
    z, y = np.array([z0]), np.array([1.0])
    g_ce = bce_logits.grad(z, y)[0]
    g_mse = (mse_loss.grad(sigmoid(z), y) * sigmoid.derivative(z))[0]
    assert g_ce == pytest.approx(-1, abs=np.exp(z0))  # σ(z) − 1 with σ(z) < e^z
    ratio = g_ce / g_mse
    assert ratio == pytest.approx(1 / (2 * sigmoid.derivative(z)[0]), rel=1e-12)
    assert ratio > at_least


def test_training_from_a_confident_mistake_is_about_a_thousand_times_slower_with_mse() -> None:
    def steps(dloss_dz, w=-10.0, lr=0.5):
        x, y = np.array([1.0]), np.array([1.0])
        for step in range(100_000):
            if sigmoid(w * x)[0] > 0.5:
                return step
            w -= lr * (dloss_dz(w * x, y) * x)[0]
        return 100_000

    def mse_grad(z, y):
        return mse_loss.grad(sigmoid(z), y) * sigmoid.derivative(z)

    ce, mse = steps(bce_logits.grad), steps(mse_grad)
    assert ce < 100
    assert 300 < mse / ce < 3000
    assert mse < 100_000
    # From z = −8 with lr = 1: cross-entropy is right within 10 steps, squared error needs over
    # 100 times as many, and after those 10 steps its probability has not even grown tenfold.
    ce, mse = steps(bce_logits.grad, w=-8.0, lr=1.0), steps(mse_grad, w=-8.0, lr=1.0)
    assert ce <= 10 and mse > 100 * ce
    z, one = np.array([-8.0]), np.array([1.0])
    for _ in range(10):
        z = z - mse_grad(z, one)
    assert sigmoid(z)[0] < 10 * sigmoid(np.array([-8.0]))[0]


def test_cross_entropy_gradient_is_softmax_minus_onehot(rng) -> None:
    Z, labels = rng.standard_normal((6, 4)) * 2, rng.integers(0, 4, 6)
    Y = np.eye(4)[labels]
    np.testing.assert_allclose(cross_entropy.grad(Z, labels), (softmax(Z) - Y) / 6, atol=1e-16)
    np.testing.assert_allclose(cross_entropy.grad(Z, Y, reduction="sum"), softmax(Z) - Y)
    numeric = numerical_gradient(lambda v: float(cross_entropy(v, labels)), Z)
    assert relative_error(cross_entropy.grad(Z, labels), numeric) < 1e-8
    np.testing.assert_allclose(
        cross_entropy(Z, labels, reduction="none"), -np.log(softmax(Z))[np.arange(6), labels]
    )


def test_softmax_jacobian_is_diag_minus_outer_and_chains_to_s_minus_y(rng) -> None:
    z = rng.standard_normal(5)
    s, y = softmax(z), np.eye(5)[2]
    J = softmax_jacobian(z)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), atol=1e-16)
    np.testing.assert_allclose(J.T @ (-y / s), s - y, atol=1e-15)
    assert np.all(J[~np.eye(5, dtype=bool)] < 0)  # every logit moves every probability


def test_two_class_softmax_is_sigmoid_of_logit_difference(rng) -> None:
    Z = rng.standard_normal((50, 2)) * 5
    diff = Z[:, 0] - Z[:, 1]
    np.testing.assert_allclose(softmax(Z)[:, 0], sigmoid(diff), rtol=1e-12, atol=0)
    np.testing.assert_allclose(softmax(Z)[:, 0], sigmoid(diff), rtol=0, atol=1e-15)
    c = rng.integers(0, 2, 50)
    is_0 = (c == 0).astype(float)
    assert float(cross_entropy(Z, c)) == pytest.approx(float(bce_logits(diff, is_0)), rel=1e-12)
    np.testing.assert_allclose(
        cross_entropy(Z, c, reduction="none"), bce_logits(diff, is_0, reduction="none"), rtol=1e-7
    )  # per sample: a loss of 1e-8 from log-softmax keeps only ~8 digits
    # One logit is enough: against the pair (z, 0), σ(z) is the probability of class 0.
    z = Z[:, 0]
    np.testing.assert_allclose(
        bce_logits(z, is_0, reduction="none"),
        cross_entropy(np.column_stack([z, np.zeros(50)]), c, reduction="none"),
        rtol=1e-7,
    )
    np.testing.assert_allclose(softmax(Z + 100.0), softmax(Z), atol=1e-15)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_cross_entropy_is_nll_of_log_softmax(rng, reduction: str) -> None:
    Z, labels = rng.standard_normal((7, 3)) * 3, rng.integers(0, 3, 7)
    ce = cross_entropy(Z, labels, reduction)
    np.testing.assert_allclose(nll_loss(log_softmax(Z), labels, reduction), ce, rtol=1e-13)
    # Harmless by luck: log_softmax shifts each row by a constant, which softmax ignores.
    np.testing.assert_allclose(cross_entropy(log_softmax(Z), labels, reduction), ce, rtol=1e-13)
    # Not harmless: probabilities as logits apply the softmax twice.
    assert not np.allclose(cross_entropy(softmax(Z), labels, reduction), ce, rtol=1e-3)


def test_cross_entropy_is_entropy_plus_kl(rng) -> None:
    Z = rng.standard_normal((5, 4))
    P = softmax(rng.standard_normal((5, 4)))
    entropy_rows = -np.sum(P * np.log(P), axis=1)
    kl_rows = kl_div(log_softmax(Z), P, reduction="none").sum(axis=1)
    np.testing.assert_allclose(cross_entropy(Z, P, "none"), entropy_rows + kl_rows, rtol=1e-12)
    kl = float(kl_div(log_softmax(Z), P, reduction="batchmean"))
    assert kl > 0 and np.all(kl_rows > 0)
    assert float(cross_entropy(Z, P)) == pytest.approx(entropy_rows.mean() + kl, rel=1e-12)
    assert float(kl_div(log_softmax(np.log(P)), P, reduction="batchmean")) == pytest.approx(
        0, abs=1e-12
    )
    Y = np.eye(4)[rng.integers(0, 4, 5)]  # one-hot: H(p) = 0, so CE = KL
    assert float(cross_entropy(Z, Y)) == pytest.approx(
        float(kl_div(log_softmax(Z), Y, reduction="batchmean")), rel=1e-12
    )


def test_naive_softmax_overflows_where_nnbook_is_finite() -> None:
    big = np.array([1e4, 0.0, -1e4])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        naive = np.exp(big) / np.exp(big).sum()
        shifted_log = np.log(np.exp(big - big.max()) / np.exp(big - big.max()).sum())
        assert np.isinf(np.exp(710.0)) and np.isfinite(np.exp(709.0))
    assert np.isnan(naive).any()
    assert np.isneginf(shifted_log).any()
    np.testing.assert_array_equal(softmax(big), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(log_softmax(big), [0.0, -1e4, -2e4])
    z = np.array([1000.0, 0.0])  # one large logit is enough
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan((np.exp(z) / np.sum(np.exp(z)))[0])
    np.testing.assert_array_equal(softmax(z), [1.0, 0.0])


def test_bce_from_probability_clamps_where_bce_from_logit_is_exact() -> None:
    assert sigmoid(np.array([37.0]))[0] == 1.0
    assert sigmoid(np.array([36.0]))[0] < 1.0
    zero = np.array([0.0])
    for z0 in (40.0, 800.0):
        z = np.array([z0])
        assert float(binary_cross_entropy(sigmoid(z), zero)) == 100.0
        assert float(bce_logits(z, zero)) == pytest.approx(z0, rel=1e-12)
        assert binary_cross_entropy.grad(sigmoid(z), zero)[0] == 0.0
    z = np.array([5.0])
    assert float(binary_cross_entropy(sigmoid(z), zero)) == pytest.approx(
        float(bce_logits(z, zero)), rel=1e-12
    )
