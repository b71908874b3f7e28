"""Numerical checks of the claims the *Loss functions* chapter derives and measures."""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import MLP, MLPClassifier, MLPRegressor
from nnbook.activations import sigmoid
from nnbook.datasets import load_digits
from nnbook.gradcheck import (
    GradientCheckError,
    check_gradient,
    numerical_gradient,
    relative_error,
)
from nnbook.losses import (
    Loss,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    kl_div,
    l1_loss,
    log_softmax,
    mse_loss,
    nll_loss,
    one_hot,
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


def _pytorch_bce_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """PyTorch's backward formula for ``binary_cross_entropy`` (ATen's Loss.cpp), in NumPy."""
    return (y_hat - y) / np.maximum(y_hat * (1 - y_hat), 1e-12)


def test_bce_clamps_values_as_pytorch_does_but_drops_a_clamped_term_from_the_gradient() -> None:
    grid = np.concatenate([[0.0], np.logspace(-320, -1, 320), 1 - np.logspace(-16, -1, 60), [1.0]])
    with np.errstate(divide="ignore"):
        log_p, log_q = np.log(grid), np.log(1 - grid)
    clamped_p, clamped_q = log_p <= -100, log_q <= -100
    wide = grid * (1 - grid) >= 1e-12
    free = ~clamped_p & ~clamped_q
    assert np.any(free & ~wide)  # floored by PyTorch's formula, yet not clamped
    for y0 in (0.0, 1.0, 0.3):
        y = np.full_like(grid, y0)
        value = -(y0 * np.maximum(log_p, -100) + (1 - y0) * np.maximum(log_q, -100))
        np.testing.assert_array_equal(binary_cross_entropy(grid, y, reduction="none"), value)
        ours = binary_cross_entropy.grad(grid, y, reduction="sum")
        theirs = _pytorch_bce_grad(grid, y)
        np.testing.assert_allclose(ours[wide], theirs[wide], rtol=1e-12)  # the same formula
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            exact = -y0 / grid + (1 - y0) / (1 - grid)
        np.testing.assert_allclose(ours[free], exact[free], rtol=1e-12)
        floored = free & ~wide  # PyTorch: the exact derivative times ŷ(1 − ŷ)/1e-12 < 1
        scale = grid * (1 - grid) / 1e-12
        np.testing.assert_allclose(theirs[floored], exact[floored] * scale[floored], rtol=1e-9)
        np.testing.assert_array_equal(ours[clamped_p], (1 - y0) / (1 - grid[clamped_p]))
        np.testing.assert_array_equal(ours[clamped_q], -y0 / grid[clamped_q])
        clamped = clamped_p | clamped_q
        np.testing.assert_allclose(theirs[clamped], (grid[clamped] - y0) * 1e12, rtol=1e-12)
    # The page's rows: a confidently wrong probability gets 0 from nnbook, ±1e12 from the formula.
    one, zero = np.ones(1), np.zeros(1)
    sure = sigmoid(np.array([40.0]))
    assert sure[0] == 1.0
    assert binary_cross_entropy.grad(sure, zero)[0] == 0.0
    assert _pytorch_bce_grad(sure, zero)[0] == 1e12
    assert binary_cross_entropy.grad(zero, one)[0] == 0.0
    assert _pytorch_bce_grad(zero, one)[0] == -1e12
    tiny = np.array([1e-20])
    assert binary_cross_entropy.grad(tiny, one, reduction="sum")[0] == pytest.approx(-1e20)
    assert _pytorch_bce_grad(tiny, one)[0] == pytest.approx(-1e12)
    assert binary_cross_entropy.grad(tiny, zero, reduction="sum")[0] == pytest.approx(1.0)
    assert _pytorch_bce_grad(tiny, zero)[0] == pytest.approx(1e-8)


def test_l1_gradient_is_sign_away_from_the_kink_and_the_subgradient_0_at_it(rng) -> None:
    y = rng.standard_normal(20)
    r = rng.choice([-1.0, 1.0], 20) * rng.uniform(0.1, 2.0, 20)  # no residual at the kink
    np.testing.assert_array_equal(l1_loss.grad(y + r, y, reduction="sum"), np.sign(r))
    assert l1_loss.grad(np.array([1.5]), np.array([1.5]), reduction="sum")[0] == 0.0
    # Every g in [-1, 1] is a subgradient of |s| at 0 (|s| >= g s for all s); no other g is.
    s = np.linspace(-3, 3, 601)
    for g in np.linspace(-1, 1, 21):
        assert np.all(np.abs(s) >= g * s)
    for g in (-1.01, 1.01):
        assert not np.all(np.abs(s) >= g * s)
    # The central difference at the kink also gives 0: (|h| - |-h|) / 2h.
    assert numerical_gradient(lambda v: float(l1_loss(v, np.zeros(1))), np.zeros(1))[0] == 0.0


def test_mlp_backward_starts_from_the_logit_gradient_not_the_probability_gradient(rng) -> None:
    X, labels = rng.standard_normal((16, 3)), rng.integers(0, 4, 16)
    Y = one_hot(labels, 4)
    fitted = MLPClassifier([3, 5, 4], epochs=1, lr=0.1, batch_size=16, momentum=0.0, seed=2)
    fitted.fit(X, labels)
    by_hand = MLP([3, 5, 4], seed=2)
    Z_L = by_hand.forward(X)
    delta_L = (softmax(Z_L) - Y) / len(X)  # δ_L = (Ŷ − Y)/N
    np.testing.assert_allclose(cross_entropy.grad(Z_L, labels), delta_L, atol=1e-16)
    by_hand.params.theta -= 0.1 * by_hand.backward(delta_L).theta  # θ ← θ − η ∇_θ 𝓛
    np.testing.assert_allclose(fitted.params.theta, by_hand.params.theta, rtol=1e-12, atol=1e-14)
    # With respect to the probabilities the gradient is −y/ŷ: a different array.
    p = softmax(Z_L)
    numeric = numerical_gradient(lambda q: float(-np.sum(Y * np.log(q)) / len(X)), p, h=1e-8)
    np.testing.assert_allclose(numeric, -Y / p / len(X), rtol=1e-5, atol=1e-7)
    assert not np.allclose(-Y / p / len(X), delta_L)


def test_squared_error_on_one_hot_targets_learns_many_classes() -> None:
    X_train, X_test, y_train, y_test = load_digits(test_size=0.25, seed=0)
    training = dict(epochs=30, lr=0.05, batch_size=32, momentum=0.9)
    for seed in range(3):
        ce = MLPClassifier([64, 64, 10], seed=seed, **training).fit(X_train, y_train)
        sq = MLPRegressor([64, 64, 10], seed=seed, **training).fit(X_train, one_hot(y_train, 10))
        outputs = sq.predict(X_test)
        accuracy = np.mean(outputs.argmax(axis=1) == y_test)
        assert 0.9 < accuracy < ce.score(X_test, y_test)  # it learns, a little less well
        # ... but its outputs are scores, not probabilities.
        assert outputs.min() < 0 and outputs.max() > 1
        assert not np.allclose(outputs.sum(axis=1), 1, atol=0.1)


def test_squared_error_through_a_softmax_vanishes_when_confidently_wrong() -> None:
    z, y = np.array([10.0, 0.0, -10.0]), np.eye(3)[2]

    def squared(v):
        return float(np.sum((softmax(v) - y) ** 2))

    g_sq = softmax_jacobian(z).T @ (2 * (softmax(z) - y))  # the chain rule of the page
    assert relative_error(g_sq, numerical_gradient(squared, z)) < 1e-6
    g_ce = cross_entropy.grad(z[None], np.array([2]))[0]
    np.testing.assert_allclose(g_ce, softmax(z) - y, atol=1e-16)
    assert np.linalg.norm(g_ce) > 1.4 and np.linalg.norm(g_sq) < 1e-3 * np.linalg.norm(g_ce)


def _log_cosh(y_hat, y):
    r = y_hat - y
    return np.abs(r) + np.log1p(np.exp(-2 * np.abs(r))) - np.log(2), np.tanh(r)


def _as_floats(input, target):
    return np.asarray(input, dtype=float), np.asarray(target, dtype=float)


def test_a_loss_of_ones_own_needs_a_value_and_a_checked_gradient(rng) -> None:
    log_cosh = Loss("log_cosh_loss", _log_cosh, _as_floats)
    probe, target = 3 * rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
    np.testing.assert_allclose(log_cosh(probe, target, "none"), np.log(np.cosh(probe - target)))
    assert np.isfinite(log_cosh(np.array([1e4]), np.array([0.0])))  # no cosh overflow
    error = check_gradient(
        lambda g: float(log_cosh(g, target)), probe, log_cosh.grad(probe, target)
    )
    assert error < 1e-8
    with pytest.raises(GradientCheckError):  # a wrong derivative is caught
        wrong = Loss("wrong", lambda p, y: (_log_cosh(p, y)[0], np.sign(p - y)), _as_floats)
        check_gradient(lambda g: float(wrong(g, target)), probe, wrong.grad(probe, target))
    # Trained through forward/backward, it follows the clean points where squared error bends
    # towards four outliers (the page's experiment).
    gen = np.random.default_rng(1)
    gen.standard_normal((12, 2))  # the draws of the page's gradient check
    X = np.linspace(-1, 1, 40)[:, None]
    Y = np.sin(3 * X) + 0.05 * gen.standard_normal(X.shape)
    outliers = gen.choice(40, size=4, replace=False)
    Y[outliers] += 4.0
    clean = np.setdiff1d(np.arange(40), outliers)

    def miss(loss):
        net = MLP([1, 32, 1], activation="tanh", seed=0)
        for _ in range(2000):
            grad = net.backward(loss.grad(net.forward(X), Y))
            net.params.theta -= 0.1 * grad.theta  # θ ← θ − η ∇_θ 𝓛
        return np.abs(net.forward(X) - np.sin(3 * X))[clean].mean()

    assert miss(log_cosh) < 0.5 * miss(mse_loss)
