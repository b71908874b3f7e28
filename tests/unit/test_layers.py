"""Unit tests for :mod:`nnbook.layers`: the affine and activation forward/backward pairs."""

from __future__ import annotations

import numpy as np
import pytest

from nnbook.activations import ACTIVATIONS, sigmoid
from nnbook.gradcheck import numerical_vjp, relative_error
from nnbook.layers import (
    ActivationCache,
    AffineCache,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
)


def test_affine_forward_known_value():
    X = np.array([[1.0, 2.0]])
    W = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]])
    b = np.array([0.0, 1.0, -1.0])
    # z = x W + b = (1 + 1, 0 + 4, −1 + 2) + b = (2, 5, 0)
    Z, cache = affine_forward(X, W, b)
    np.testing.assert_array_equal(Z, [[2.0, 5.0, 0.0]])
    assert isinstance(cache, AffineCache)
    assert cache.X is X and cache.W is W  # exactly what backward needs, no copies


def test_affine_backward_matches_finite_differences(rng):
    X, W, b = rng.standard_normal((4, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
    dZ = rng.standard_normal((4, 2))
    _, cache = affine_forward(X, W, b)
    dX, dW, db = affine_backward(dZ, cache)
    assert relative_error(dX, numerical_vjp(lambda v: affine_forward(v, W, b)[0], X, dZ)) < 1e-9
    assert relative_error(dW, numerical_vjp(lambda v: affine_forward(X, v, b)[0], W, dZ)) < 1e-9
    assert relative_error(db, numerical_vjp(lambda v: affine_forward(X, W, v)[0], b, dZ)) < 1e-9


def test_without_input_grad_the_input_gradient_is_none_and_the_rest_unchanged(rng):
    """``input_grad=False`` (layer 1, whose input is the data) skips ∂L/∂X only."""
    X, W, b = rng.standard_normal((4, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
    dZ = rng.standard_normal((4, 2))
    cache = affine_forward(X, W, b)[1]
    dX, dW, db = affine_backward(dZ, cache)
    skipped, dW_only, db_only = affine_backward(dZ, cache, input_grad=False)
    assert dX is not None and skipped is None
    np.testing.assert_array_equal(dW_only, dW)
    np.testing.assert_array_equal(db_only, db)
    assert affine_backward(dZ, cache, input_grad=True)[0] is not None
    np.testing.assert_array_equal(affine_backward(dZ, cache, True)[0], dX)


def test_out_receives_the_weight_and_bias_gradients(rng):
    X, W, b = rng.standard_normal((4, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
    dZ = rng.standard_normal((4, 2))
    cache = affine_forward(X, W, b)[1]
    _, dW, db = affine_backward(dZ, cache)
    out = (np.full((3, 2), 9.0), np.full(2, 9.0))
    dX, dW_out, db_out = affine_backward(dZ, cache, out=out)
    assert dW_out is out[0] and db_out is out[1] and dX is not None
    np.testing.assert_allclose(out[0], dW)
    np.testing.assert_allclose(out[1], db)


def test_bias_gradient_sums_over_the_batch():
    # b is added to every row, so each row's gradient reaches it: db = Σ_n dZ_n.
    X, W, b = np.ones((3, 2)), np.ones((2, 2)), np.zeros(2)
    dZ = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    _, _, db = affine_backward(dZ, affine_forward(X, W, b)[1])
    np.testing.assert_array_equal(db, [9.0, 12.0])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_pair(name, rng):
    f = ACTIVATIONS[name]
    Z = rng.choice([-1, 1], (3, 4)) * rng.uniform(0.05, 2, (3, 4))  # away from kinks
    dA = rng.standard_normal((3, 4))
    A, cache = activation_forward(Z, f)
    np.testing.assert_array_equal(A, f(Z))
    assert isinstance(cache, ActivationCache) and cache.Z is Z and cache.f is f
    dZ = activation_backward(dA, cache)
    assert relative_error(dZ, numerical_vjp(f, Z, dA)) < 1e-8


def test_activation_backward_uses_the_pre_activation():
    # At z = 0: σ'(0) = 1/4. Evaluating s(1 − s) at the output a = 1/2 would also give 1/4,
    # so use z = 2 where they differ: σ'(2) = σ(2)(1 − σ(2)) ≈ 0.105, but f'(a) = σ'(0.881) ≈ 0.207.
    Z = np.array([[2.0]])
    _, cache = activation_forward(Z, sigmoid)
    s = 1 / (1 + np.exp(-2.0))
    np.testing.assert_allclose(activation_backward(np.ones((1, 1)), cache), [[s * (1 - s)]])


def test_backward_never_modifies_the_incoming_gradient(rng):
    X, W, b = rng.standard_normal((4, 3)), rng.standard_normal((3, 2)), rng.standard_normal(2)
    dZ = rng.standard_normal((4, 2))
    dZ0 = dZ.copy()
    affine_backward(dZ, affine_forward(X, W, b)[1])
    np.testing.assert_array_equal(dZ, dZ0)
    for f in ACTIVATIONS.values():
        dA = rng.standard_normal((4, 2))
        dA0 = dA.copy()
        activation_backward(dA, activation_forward(dZ, f)[1])
        np.testing.assert_array_equal(dA, dA0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_layers_keep_the_dtype(dtype, rng):
    X, W, b = (rng.standard_normal(s).astype(dtype) for s in [(4, 3), (3, 2), (2,)])
    Z, cache = affine_forward(X, W, b)
    A, act_cache = activation_forward(Z, ACTIVATIONS["tanh"])
    dZ = activation_backward(np.ones_like(A), act_cache)
    assert {a.dtype for a in (Z, A, dZ, *affine_backward(dZ, cache))} == {np.dtype(dtype)}
