"""Numerical checks of the claims made in the chapters *The perceptron* and *XOR*.

Each test names the claim it checks; the chapters' prose relies on these being true for every
input, not just the examples the pages print.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnbook import Perceptron
from nnbook.datasets import logic_gate
from nnbook.gradcheck import numerical_gradient, relative_error

# --- helpers: the chapter's formulas, written independently of nnbook.perceptron ----------


def augment(X: np.ndarray) -> np.ndarray:
    return np.hstack([X, np.ones((len(X), 1))])


def criterion(w_tilde: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """J(w) = -sum over M of y_n w·x_n, with M = {n : y_n w·x_n <= 0}."""
    m = y * (augment(X) @ w_tilde)
    return float(-np.sum(m[m <= 0]))


def gradient(w_tilde: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """grad J = -sum over M of y_n x_n."""
    Xt = augment(X)
    M = y * (Xt @ w_tilde) <= 0
    return -(y[M] @ Xt[M])


def random_problem(rng: np.random.Generator, n: int = 20, d: int = 3, separable: bool = False):
    """Continuous inputs (no exact ties) with random labels, or labels from a true separator."""
    X = rng.normal(size=(n, d))
    if not separable:
        return X, rng.choice([-1, 1], size=n), None
    u = rng.normal(size=d + 1)
    scores = augment(X) @ u
    keep = np.abs(scores) > 0.1 * np.abs(scores).max()  # a clear margin
    return X[keep], np.where(scores[keep] > 0, 1, -1), u


# --- chapter "The perceptron" -------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_gradient_of_criterion_matches_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng)
    for _ in range(5):
        w = rng.normal(size=X.shape[1] + 1)
        numeric = numerical_gradient(lambda v: criterion(v, X, y), w)
        assert relative_error(gradient(w, X, y), numeric) < 1e-8


@pytest.mark.parametrize(("seed", "lr"), [(0, 1.0), (1, 0.3), (2, 2.5)])
def test_perceptron_update_is_a_gradient_step_on_the_criterion(seed: int, lr: float) -> None:
    """fit with max_epochs=k returns w_k of w_{t+1} = w_t - lr * grad J(w_t), w_0 = 0."""
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng, n=30)
    # The first step is taken at the kink w = 0, where "<= 0" puts every point in M.
    first = Perceptron(lr=lr, max_epochs=1).fit(X, y)
    np.testing.assert_allclose(np.append(first.w, first.b), lr * (y @ augment(X)), rtol=1e-12)
    previous = np.append(first.w, first.b)
    for k in range(2, 8):
        p = Perceptron(lr=lr, max_epochs=k).fit(X, y)
        assert not p.converged
        # Later iterates are generic: J is differentiable there, so use finite differences.
        step = previous - lr * numerical_gradient(lambda v: criterion(v, X, y), previous)
        current = np.append(p.w, p.b)
        np.testing.assert_allclose(current, step, rtol=1e-6, atol=1e-9)
        previous = current


def test_criterion_is_nonnegative_convex_and_zero_iff_no_strict_violation() -> None:
    rng = np.random.default_rng(3)
    X, y, _ = random_problem(rng)
    for _ in range(200):
        u, v = rng.normal(size=(2, X.shape[1] + 1))
        lam = rng.uniform()
        J_u, J_v = criterion(u, X, y), criterion(v, X, y)
        assert J_u >= 0
        assert criterion(lam * u + (1 - lam) * v, X, y) <= lam * J_u + (1 - lam) * J_v + 1e-12
        strictly_wrong = np.any(y * (augment(X) @ u) < 0)
        assert (J_u == 0) == (not strictly_wrong)


def test_zero_weights_give_zero_criterion_with_every_point_misclassified() -> None:
    X, y = logic_gate("AND")
    m = y * (augment(X) @ np.zeros(3))
    assert criterion(np.zeros(3), X, y) == 0
    assert np.sum(m <= 0) == len(X)  # "<=": all four are in M, so training moves
    assert np.sum(m < 0) == 0  # "<": M would be empty and training would stop at once


def test_criterion_method_matches_formula_and_never_returns_negative_zero() -> None:
    rng = np.random.default_rng(4)
    X, y, _ = random_problem(rng)
    p = Perceptron(max_epochs=3).fit(X, y)
    assert p.criterion(X, y) == pytest.approx(criterion(np.append(p.w, p.b), X, y), rel=1e-12)
    for gate in ("AND", "OR"):
        J = Perceptron().fit(*logic_gate(gate)).criterion(*logic_gate(gate))
        assert J == 0 and np.copysign(1.0, J) == 1.0


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND", "NOR"])
def test_learning_rate_only_scales_the_run_when_arithmetic_is_exact(gate: str) -> None:
    X, y = logic_gate(gate)
    ref = Perceptron(lr=1.0).fit(X, y)
    for lr in (2.0**-7, 0.5, 4.0, 100.0):
        p = Perceptron(lr=lr).fit(X, y)
        assert p.misclassified == ref.misclassified
        np.testing.assert_array_equal(p.w / lr, ref.w)
        assert p.b / lr == ref.b


@pytest.mark.parametrize("seed", range(5))
def test_learning_rate_only_scales_the_run_on_continuous_data(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng, n=40, separable=True)
    ref = Perceptron(lr=1.0, max_epochs=10_000).fit(X, y)
    assert ref.converged
    for lr in (0.01, 0.37, 13.0):
        p = Perceptron(lr=lr, max_epochs=10_000).fit(X, y)
        assert p.misclassified == ref.misclassified
        np.testing.assert_allclose(np.append(p.w, p.b) / lr, np.append(ref.w, ref.b), rtol=1e-9)


def test_inexact_learning_rates_can_stop_on_a_point_at_rounding_distance() -> None:
    """The pitfall shown in the chapter: lr = 0.01 on AND ends with a point on the line."""
    X, y = logic_gate("AND")
    p = Perceptron(lr=0.01).fit(X, y)
    exact = Perceptron(lr=1.0).fit(X, y)
    assert p.converged and p.epochs != exact.epochs
    assert np.abs(p.decision_function(X)).min() / 0.01 < 1e-12


@pytest.mark.parametrize("seed", range(10))
def test_number_of_updates_respects_the_convergence_bound(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X, y, u = random_problem(rng, n=50, d=2, separable=True)
    Xt = augment(X)
    u = u / np.linalg.norm(u)
    gamma = np.min(y * (Xt @ u))
    R = np.linalg.norm(Xt, axis=1).max()
    p = Perceptron(max_epochs=100_000).fit(X, y)
    assert p.converged
    assert p.epochs - 1 <= len(X) * (R / gamma) ** 2
    assert sum(p.misclassified) <= len(X) * (R / gamma) ** 2


@pytest.mark.parametrize("gate", ["AND", "OR"])
def test_and_or_are_learned_with_equal_weights(gate: str) -> None:
    X, y = logic_gate(gate)
    p = Perceptron().fit(X, y)
    assert p.converged
    np.testing.assert_array_equal(p.predict(X), y)
    assert p.w[0] == p.w[1] > 0  # the line is perpendicular to the diagonal x1 = x2


def test_and_error_count_is_not_monotone() -> None:
    history = Perceptron().fit(*logic_gate("AND")).misclassified
    assert any(b > a for a, b in itertools.pairwise(history))


def test_zero_one_labels_are_rejected() -> None:
    X, y = logic_gate("AND", labels="01")
    with pytest.raises(ValueError, match=r"y must hold perceptron labels in \{-1, \+1\}"):
        Perceptron().fit(X, y)
