"""Tests for :class:`nnbook.Perceptron`: the batch perceptron rule exactly as derived.

Labels are ±1, the bias is folded in as the weight of a constant input 1, the misclassified
set is M(w) = {n : y_n w̃ᵀx̃_n ≤ 0} (boundary points included) and one epoch makes the batch
update w̃ ← w̃ + α Σ_{n∈M} y_n x̃_n.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import Perceptron
from nnbook.datasets import logic_gate
from nnbook.gradcheck import numerical_gradient


def reference_run(X, y, lr, epochs):
    """The rule written out sample by sample: the weights after each epoch and |M| per epoch."""
    w = np.zeros(X.shape[1] + 1)  # (w, b)
    trajectory, sizes = [], []
    for _ in range(epochs):
        step, size = np.zeros_like(w), 0
        for x_n, y_n in zip(X, y, strict=True):
            x_tilde = np.append(x_n, 1.0)
            if y_n * (w @ x_tilde) <= 0:  # in M(w)
                step += y_n * x_tilde
                size += 1
        sizes.append(size)
        if size == 0:
            break
        w = w + lr * step
        trajectory.append(w.copy())
    return trajectory, sizes


def test_first_two_epochs_of_and_by_hand(gate_inputs):
    y = np.array([-1, -1, -1, 1])
    # Epoch 1: w̃ = 0 puts every point on the boundary, so M = all four points and
    #   w̃ = Σ y_n x̃_n = −(0,0,1) − (0,1,1) − (1,0,1) + (1,1,1) = (0, 0, −2).
    p = Perceptron(lr=1.0, max_epochs=1).fit(gate_inputs, y)
    np.testing.assert_array_equal(p.w_, [0.0, 0.0])
    assert p.b_ == -2.0 and p.misclassified_ == [4] and not p.converged_
    # Epoch 2: scores are all −2, so only (1, 1) with y = +1 is wrong: w̃ += (1, 1, 1).
    p = Perceptron(lr=1.0, max_epochs=2).fit(gate_inputs, y)
    np.testing.assert_array_equal(p.w_, [1.0, 1.0])
    assert p.b_ == -1.0 and p.misclassified_ == [4, 1]


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND", "NOR"])
@pytest.mark.parametrize("lr", [1.0, 0.1, 2.5])
def test_trajectory_matches_the_rule_written_out(gate, lr):
    X, y = logic_gate(gate)
    trajectory, sizes = reference_run(X, y, lr, 100)
    final = Perceptron(lr=lr, max_epochs=100).fit(X, y)
    assert final.misclassified_ == sizes
    for k, w in enumerate(trajectory, start=1):
        p = Perceptron(lr=lr, max_epochs=k).fit(X, y)
        np.testing.assert_allclose(np.append(p.w_, p.b_), w, rtol=1e-12)


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND", "NOR"])
def test_converges_on_every_single_gate(gate):
    X, y = logic_gate(gate)
    p = Perceptron().fit(X, y)
    assert p.converged_
    assert p.misclassified_[-1] == 0 and all(m > 0 for m in p.misclassified_[:-1])
    assert p.n_epochs_ == len(p.misclassified_) < p.max_epochs
    np.testing.assert_array_equal(p.predict(X), y)
    assert np.all(y * p.decision_function(X) > 0)  # strictly on the right side
    assert p.criterion(X, y) == 0.0


def test_xor_stops_at_the_epoch_limit_without_error():
    X, y = logic_gate("XOR")
    p = Perceptron(max_epochs=37).fit(X, y)
    assert not p.converged_
    assert p.n_epochs_ == 37 and len(p.misclassified_) == 37
    assert min(p.misclassified_) > 0  # never a separating line
    assert np.any(p.predict(X) != y)


def test_boundary_points_count_as_misclassified(gate_inputs):
    # With a strict "< 0" the zero start would have no mistakes and "converge" at once.
    p = Perceptron(max_epochs=1).fit(gate_inputs, np.array([-1, 1, 1, 1]))
    assert p.misclassified_ == [4]
    w = Perceptron()
    w.w_, w.b_ = np.zeros(2), 0.0
    assert w.criterion(gate_inputs, np.array([-1, 1, 1, 1])) == 0.0
    assert np.all(w.predict(gate_inputs) == -1)  # sign(0) is reported as −1


def test_criterion_and_its_gradient(gate_inputs):
    X, y = gate_inputs, np.array([-1.0, -1.0, -1.0, 1.0])
    p = Perceptron()
    p.w_, p.b_ = np.array([0.3, -0.2]), 0.1  # scores 0.1, −0.1, 0.4, 0.2
    # Margins y·score: −0.1, 0.1, −0.4, 0.2 → M = {0, 2}, J = 0.1 + 0.4.
    assert p.criterion(X, y) == pytest.approx(0.5)

    def criterion_at(w_tilde):
        q = Perceptron()
        q.w_, q.b_ = w_tilde[:2], float(w_tilde[2])
        return q.criterion(X, y)

    # ∇J = −Σ_{n∈M} y_n x̃_n = (0,0,1) + (1,0,1) = (1, 0, 2), the negative of the update step.
    grad = numerical_gradient(criterion_at, np.array([0.3, -0.2, 0.1]))
    np.testing.assert_allclose(grad, [1.0, 0.0, 2.0], atol=1e-8)


def test_fit_returns_self_keeps_inputs_and_refits_from_zero(gate_inputs):
    X, y = gate_inputs.copy(), np.array([-1, 1, 1, 1])
    p = Perceptron()
    assert p.fit(X, y) is p
    np.testing.assert_array_equal(X, gate_inputs)
    np.testing.assert_array_equal(y, [-1, 1, 1, 1])
    first = (p.w_.copy(), p.b_, list(p.misclassified_))
    p.fit(X, y)
    np.testing.assert_array_equal(p.w_, first[0])
    assert (p.b_, p.misclassified_) == first[1:]


def test_separable_cloud_converges_and_separates(rng):
    X = rng.standard_normal((60, 3))
    y = np.where(X @ np.array([1.0, -2.0, 0.5]) + 0.3 > 0, 1, -1)
    keep = np.abs(X @ np.array([1.0, -2.0, 0.5]) + 0.3) > 0.2  # a clear margin
    p = Perceptron(lr=0.5, max_epochs=1000).fit(X[keep], y[keep])
    assert p.converged_
    np.testing.assert_array_equal(p.predict(X[keep]), y[keep])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_in_is_dtype_out(dtype, gate_inputs):
    X = gate_inputs.astype(dtype)
    p = Perceptron().fit(X, np.array([-1, 1, 1, 1]))
    assert p.w_.dtype == dtype and p.decision_function(X).dtype == dtype
    np.testing.assert_array_equal(p.predict(X), [-1, 1, 1, 1])
