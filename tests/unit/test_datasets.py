"""Tests for :mod:`nnbook.datasets` beyond the gates (see test_gates.py): the digits split.

Needs scikit-learn, which ships the digits.
"""

from __future__ import annotations

import numpy as np

from nnbook.datasets import load_digits, two_moons


def test_load_digits_is_a_scaled_stratified_fixed_split() -> None:
    digits = load_digits()
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


def test_two_moons_is_fixed_by_its_seed_and_alternates_the_classes() -> None:
    X, y = two_moons(50, noise=0.1, seed=3)
    assert X.shape == (50, 2) and y.tolist() == [0, 1] * 25
    np.testing.assert_array_equal(two_moons(50, noise=0.1, seed=3)[0], X)
    assert not np.array_equal(two_moons(50, noise=0.1, seed=4)[0], X)
    # Without noise every point lies on its half circle.
    X0, y0 = two_moons(50, noise=0.0, seed=3)
    centre = np.where(y0[:, None] == 0, [0.0, 0.0], [1.0, 0.5])
    np.testing.assert_allclose(np.linalg.norm(X0 - centre, axis=1), 1.0)
