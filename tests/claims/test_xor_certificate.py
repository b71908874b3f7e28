"""Numerical checks of the certificate of non-separability in the chapter *XOR*.

The chapter defines a certificate as coefficients lambda_n >= 0, not all zero, with
sum_n lambda_n y_n x~_n = 0 (x~_n = (x_n, 1)), proves that a certificate rules out every
separating w~, and states that XOR's only certificate (up to a positive factor) is
lambda = (1, 1, 1, 1), that dividing a certificate by its class totals gives one point that is
a weighted average of either class ((1/2, 1/2) for XOR), that the all-ones lambda certifies
parity of D bits, and (Gordan's theorem) that data with no separator always has a certificate.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from nnbook.datasets import logic_gate


def augment(X: np.ndarray) -> np.ndarray:
    return np.hstack([X, np.ones((len(X), 1))])


def rows(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The vectors y_n x~_n, one per row: margin n of w~ is (rows @ w~)[n]."""
    return y[:, None] * augment(X)


def separator(X: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    """A w~ with every margin >= 1 (equivalent to > 0 by scaling), or None if there is none."""
    A = rows(X, y)
    result = linprog(np.zeros(A.shape[1]), A_ub=-A, b_ub=-np.ones(len(y)), bounds=(None, None))
    assert result.status in (0, 2), result.message  # 0: feasible, 2: infeasible
    return result.x if result.status == 0 else None


def certificate(X: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    """A lambda >= 0 summing to 1 with sum_n lambda_n y_n x~_n = 0, or None if there is none."""
    A = rows(X, y)
    A_eq = np.vstack([A.T, np.ones(len(y))])
    b_eq = np.append(np.zeros(A.shape[1]), 1.0)
    result = linprog(np.zeros(len(y)), A_eq=A_eq, b_eq=b_eq, bounds=(0, None))
    assert result.status in (0, 2), result.message
    return result.x if result.status == 0 else None


def parity(D: int) -> tuple[np.ndarray, np.ndarray]:
    X = np.array(list(itertools.product((0, 1), repeat=D)), dtype=float)
    return X, np.where(X.sum(axis=1) % 2 == 1, 1, -1)


def test_xor_certificate_is_all_ones_and_the_vector_it_combines_to_is_zero() -> None:
    X, y = logic_gate("XOR")
    lam = np.ones(4)
    np.testing.assert_array_equal((lam * y) @ augment(X), np.zeros(3))
    # The sum itself is the zero vector: on its own it certifies nothing, lambda does.
    np.testing.assert_array_equal(y @ augment(X), np.zeros(3))


def test_xor_certificate_is_unique_up_to_a_positive_factor() -> None:
    X, y = logic_gate("XOR")
    A = rows(X, y)
    assert np.linalg.matrix_rank(A) == 3  # so {lambda : A^T lambda = 0} is a line
    null = np.linalg.svd(A.T)[2][-1]
    np.testing.assert_allclose(null / null[0], np.ones(4), atol=1e-12)
    # and the LP finds that line's point with sum 1
    found = certificate(X, y)
    assert found is not None
    np.testing.assert_allclose(found, np.full(4, 0.25), atol=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_a_certificate_leaves_a_nonpositive_margin_among_its_support(seed: int) -> None:
    """For every w~, sum_n lambda_n m_n = 0, so some n with lambda_n > 0 has m_n <= 0."""
    rng = np.random.default_rng(seed)
    for D in (2, 3, 4):
        X, y = parity(D)
        lam = np.ones(len(y))
        W = rng.normal(scale=5.0, size=(5_000, D + 1))
        margins = W @ rows(X, y).T
        np.testing.assert_allclose(margins @ lam, 0.0, atol=1e-9)
        assert np.all(margins.min(axis=1) <= 0)
    # a certificate with zeros: XOR's four points plus extra points it does not use
    X, y = logic_gate("XOR")
    X_more = np.vstack([X, rng.normal(size=(6, 2))])
    y_more = np.append(y, rng.choice([-1, 1], size=6))
    lam = np.append(np.ones(4), np.zeros(6))
    np.testing.assert_array_equal((lam * y_more) @ augment(X_more), np.zeros(3))
    margins = rng.normal(size=(5_000, 3)) @ rows(X_more, y_more).T
    assert np.all(margins[:, lam > 0].min(axis=1) <= 0)


def test_certificate_gives_one_point_averaging_either_class() -> None:
    X, y = logic_gate("XOR")
    lam = np.ones(4)
    pos, neg = y > 0, y < 0
    assert lam[pos].sum() == lam[neg].sum()  # the constant coordinate
    np.testing.assert_array_equal(lam[pos] @ X[pos] / lam[pos].sum(), [0.5, 0.5])
    np.testing.assert_array_equal(lam[neg] @ X[neg] / lam[neg].sum(), [0.5, 0.5])
    # the same holds for any certificate, e.g. one found on random non-separable data
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(30, 2)), rng.choice([-1, 1], size=30)
    found = certificate(X, y)
    assert found is not None
    lam = found
    pos, neg = y > 0, y < 0
    np.testing.assert_allclose(lam[pos].sum(), lam[neg].sum(), atol=1e-9)
    np.testing.assert_allclose(
        lam[pos] @ X[pos] / lam[pos].sum(), lam[neg] @ X[neg] / lam[neg].sum(), atol=1e-7
    )


@pytest.mark.parametrize("D", range(2, 8))
def test_all_ones_certifies_parity_of_d_bits(D: int) -> None:
    X, y = parity(D)
    np.testing.assert_array_equal(y @ augment(X), np.zeros(D + 1))
    assert separator(X, y) is None


def test_gordan_alternative_on_all_sixteen_labelings_of_two_bits() -> None:
    """Exactly one of: a separating w~, a certificate. Only XOR and XNOR have a certificate."""
    X = logic_gate("XOR")[0]
    certified = []
    for labels in itertools.product((-1, 1), repeat=4):
        y = np.array(labels)
        w, lam = separator(X, y), certificate(X, y)
        assert (w is None) != (lam is None), labels
        if w is not None:
            assert np.all(rows(X, y) @ w > 0)
        elif lam is not None:
            certified.append(labels)
            assert np.all(lam >= -1e-12) and lam.sum() > 0
            np.testing.assert_allclose((lam * y) @ augment(X), 0.0, atol=1e-9)
    assert sorted(certified) == [(-1, 1, 1, -1), (1, -1, -1, 1)]


@pytest.mark.parametrize("seed", range(20))
def test_gordan_alternative_on_random_data(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 25))
    X = rng.normal(size=(n, 2))
    if seed % 2:  # labels from a line: separable
        y = np.where(augment(X) @ rng.normal(size=3) > 0, 1, -1)
    else:
        y = rng.choice([-1, 1], size=n)
    w, lam = separator(X, y), certificate(X, y)
    assert (w is None) != (lam is None)
    if lam is not None:
        np.testing.assert_allclose((lam * y) @ augment(X), 0.0, atol=1e-8)
