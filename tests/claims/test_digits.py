"""The digits chapter's claims, and the training loop's fast path it relies on.

- ``load_digits`` gives a fixed, stratified, scaled split and a clear error without scikit-learn.
- A 64-128-64-10 ReLU network reaches at least 97% test accuracy, median over 5 seeds.
- It beats both baselines of the chapter: nearest centroid and softmax regression.
- ``Loss._value_and_grad`` on one-hot rows equals the checked path; ``fit`` stops with
  a clear error when the loss stops being finite.
- ``Loss.value_and_grad`` and ``MLP.backward`` (which skips the input gradient) agree with the
  slow paths and with finite differences; float32 stays float32 through a training step.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from nnbook import MLP
from nnbook.datasets import load_digits
from nnbook.figures.digits import DIGITS_RUN
from nnbook.gradcheck import check_gradient
from nnbook.losses import cross_entropy, mse_loss, one_hot

# The chapter's settings, shared with its figures; the page writes them out (checked below).
SIZES = DIGITS_RUN["sizes"]
TRAINING = {k: DIGITS_RUN[k] for k in ("epochs", "lr", "batch_size", "momentum")}
TRAINING["progress"] = False
PAGE = Path(__file__).resolve().parents[1] / "docs" / "digits.md"


def test_the_page_trains_the_network_its_figures_and_tests_train() -> None:
    page = PAGE.read_text()
    assert f'MLP({SIZES}, activation="{DIGITS_RUN["activation"]}"' in page
    settings = ", ".join(f"{k}={TRAINING[k]}" for k in ("epochs", "lr", "batch_size", "momentum"))
    assert f"training = dict({settings}, progress=False)" in page
    assert DIGITS_RUN["dtype"] == np.float32 and "dtype=np.float32" in page


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    return load_digits()


def test_load_digits_is_a_scaled_stratified_fixed_split(digits) -> None:
    X_train, X_test, y_train, y_test = digits
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert y_train.shape == (1347,) and y_test.shape == (450,)
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    assert set(np.unique(y_test)) == set(range(10))
    # Stratified: every digit's share of the test set is within one image of its overall share.
    counts = np.bincount(np.concatenate([y_train, y_test]), minlength=10)
    assert np.all(np.abs(np.bincount(y_test, minlength=10) - counts * 450 / 1797) <= 1)
    again = load_digits()
    assert all(np.array_equal(a, b) for a, b in zip(digits, again, strict=True))
    assert not np.array_equal(load_digits(seed=1)[3], y_test)


def test_load_digits_test_size_is_checked() -> None:
    with pytest.raises(ValueError, match=r"test_size must lie in \(0, 1\), got 1.5"):
        load_digits(test_size=1.5)


def test_load_digits_without_scikit_learn_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)
    with pytest.raises(ImportError, match=r"pip install 'nnbook\[docs\]'.*scikit-learn"):
        load_digits()


def _accuracies(sizes: list[int], digits, seeds=range(5)) -> list[float]:
    X_train, X_test, y_train, y_test = digits
    return [
        MLP(sizes, seed=seed, dtype=np.float32)
        .fit(X_train, y_train, **TRAINING)
        .score(X_test, y_test)
        for seed in seeds
    ]


@pytest.fixture(scope="module")
def mlp_accuracies(digits) -> list[float]:
    return _accuracies(SIZES, digits)


def test_mlp_reaches_97_percent_median_over_5_seeds(mlp_accuracies) -> None:
    assert np.median(mlp_accuracies) >= 0.97, mlp_accuracies


def test_hidden_layers_beat_both_baselines(digits, mlp_accuracies) -> None:
    X_train, X_test, y_train, y_test = digits
    centroids = np.stack([X_train[y_train == k].mean(axis=0) for k in range(10)])
    distances = ((X_test[:, None, :] - centroids[None]) ** 2).sum(axis=2)
    nearest_centroid = np.mean(distances.argmin(axis=1) == y_test)
    softmax_regression = np.median(_accuracies([64, 10], digits))
    assert nearest_centroid < softmax_regression < np.median(mlp_accuracies)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_value_and_grad_equals_value_and_grad_separately(reduction: str) -> None:
    rng = np.random.default_rng(0)
    z, labels = rng.standard_normal((6, 4)), rng.integers(0, 4, 6)
    value, grad = cross_entropy.value_and_grad(z, labels, reduction)
    assert value == pytest.approx(cross_entropy(z, labels, reduction), rel=1e-12)
    np.testing.assert_allclose(grad, cross_entropy.grad(z, labels, reduction), rtol=1e-12)
    x, t = rng.standard_normal((5, 3)), rng.standard_normal((5, 3))
    value, grad = mse_loss.value_and_grad(x, t, reduction)
    assert value == pytest.approx(mse_loss(x, t, reduction), rel=1e-12)
    np.testing.assert_allclose(grad, mse_loss.grad(x, t, reduction), rtol=1e-12)


def test_unchecked_path_on_one_hot_targets_matches_the_checked_one() -> None:
    """What ``fit`` does per minibatch: class indices turned into one-hot rows once."""
    rng = np.random.default_rng(3)
    z, labels = rng.standard_normal((6, 4)).astype(np.float32), rng.integers(0, 4, 6)
    targets = one_hot(labels, 4, np.float32)
    assert targets.dtype == np.float32
    np.testing.assert_array_equal(targets.argmax(axis=1), labels)
    np.testing.assert_array_equal(targets.sum(axis=1), np.ones(6))
    value, grad = cross_entropy._value_and_grad(z, targets)
    checked_value, checked_grad = cross_entropy.value_and_grad(z, labels)
    assert value == checked_value
    np.testing.assert_array_equal(grad, checked_grad)
    with pytest.raises(ValueError, match=r"labels must hold class indices in \[0, 3\]"):
        one_hot(np.array([0, 4]), 4)


def test_fit_stops_with_a_clear_error_when_training_diverges() -> None:
    rng = np.random.default_rng(4)
    X, y = rng.standard_normal((64, 3)) * 100, rng.standard_normal((64, 1))
    net = MLP([3, 16, 1], seed=0)
    with (
        pytest.raises(FloatingPointError, match=r"training diverged: .* try a smaller lr"),
        np.errstate(all="ignore"),
    ):
        net.fit(X, y, epochs=50, lr=10.0, batch_size=8, progress=False)


def test_value_and_grad_rejects_reduction_none() -> None:
    with pytest.raises(ValueError, match="reduction must be one of"):
        cross_entropy.value_and_grad(np.zeros((2, 3)), np.array([0, 1]), "none")


def test_backward_without_input_gradient_still_matches_finite_differences() -> None:
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((7, 5)), rng.integers(0, 3, 7)
    net = MLP([5, 6, 4, 3], activation="tanh", seed=2)
    grads = net.backward(cross_entropy.grad(net.forward(X), y))
    assert [g.shape for g in grads] == [p.shape for p in net.params]
    for p, g in zip(net.params, grads, strict=True):

        def loss_at(value: np.ndarray, p: np.ndarray = p) -> float:
            saved = p.copy()
            p[...] = value
            try:
                return float(cross_entropy(net.forward(X), y))
            finally:
                p[...] = saved

        check_gradient(loss_at, p.copy(), g, tol=1e-6)


def test_float32_stays_float32_through_a_training_step() -> None:
    rng = np.random.default_rng(3)
    X, y = rng.standard_normal((40, 8)).astype(np.float32), rng.integers(0, 4, 40)
    net = MLP([8, 16, 4], seed=0, dtype=np.float32)
    out = net.forward(X)
    value, dout = cross_entropy.value_and_grad(out, y)
    grads = net.backward(dout)
    assert out.dtype == value.dtype == dout.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads)
    net.fit(X, y, epochs=2, lr=0.1, batch_size=8, momentum=0.9, progress=False)
    assert all(p.dtype == np.float32 for p in net.params)
