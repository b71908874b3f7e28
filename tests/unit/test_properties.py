"""Hypothesis property tests: finite outputs at extreme inputs, softmax rows summing to 1,
dtype in = dtype out, inputs never modified.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from nnbook.activations import ACTIVATIONS
from nnbook.losses import LOSSES, log_softmax, softmax, softmax_jacobian

SETTINGS = settings(max_examples=40, deadline=None)
DTYPES = st.sampled_from([np.float32, np.float64])
BIG = 1e4  # "extreme": logits of ±1e4, where a naive exp overflows


@st.composite
def float_arrays(draw, shape=None, low=-BIG, high=BIG, min_dims=1, max_dims=3):
    """Finite arrays of either precision with values in [low, high] (including the ends)."""
    dtype = draw(DTYPES)
    shape = shape or draw(array_shapes(min_dims=min_dims, max_dims=max_dims, max_side=5))
    elements = st.floats(low, high, width=32) | st.sampled_from([low, high, 0.0])
    return draw(arrays(dtype, shape, elements=elements))


@st.composite
def matrices(draw, low=-BIG, high=BIG):
    """(N, C) arrays, N ≥ 1, C ≥ 2."""
    shape = (draw(st.integers(1, 5)), draw(st.integers(2, 5)))
    return draw(float_arrays(shape=shape, low=low, high=high))


def probability_rows(draw, shape, dtype):
    weights = draw(arrays(np.float64, shape, elements=st.floats(0, 1)))
    weights[:, 0] += 1e-3  # every row has some mass
    return (weights / weights.sum(axis=1, keepdims=True)).astype(dtype)


@st.composite
def loss_arguments(draw, name):
    """A valid (input, target) pair for loss ``name``, at any scale the loss accepts."""
    if name == "binary_cross_entropy":  # probabilities, including exactly 0 and 1
        x = draw(float_arrays(low=0.0, high=1.0))
        t = draw(arrays(x.dtype, x.shape, elements=st.floats(0, 1, width=32)))
        return x, t
    if name in ("cross_entropy", "nll_loss", "kl_div"):
        x = draw(matrices())
        if name == "kl_div":
            return x, probability_rows(draw, x.shape, x.dtype)
        if name == "cross_entropy" and draw(st.booleans()):
            return x, probability_rows(draw, x.shape, x.dtype)
        return x, draw(arrays(np.int64, x.shape[:1], elements=st.integers(0, x.shape[1] - 1)))
    x = draw(float_arrays())
    low = 0.0 if name == "binary_cross_entropy_with_logits" else -BIG
    high = 1.0 if name == "binary_cross_entropy_with_logits" else BIG
    return x, draw(arrays(x.dtype, x.shape, elements=st.floats(low, high, width=32)))


# --- activations ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@SETTINGS
@given(z=float_arrays())
def test_activation_finite_dtype_preserving_and_pure(name, z):
    f = ACTIVATIONS[name]
    before = z.copy()
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        a, d = f(z), f.derivative(z)
    assert a.dtype == d.dtype == z.dtype and a.shape == d.shape == z.shape
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(d))
    np.testing.assert_array_equal(z, before)


@SETTINGS
@given(z=float_arrays())
def test_activation_ranges(z):
    assert np.all((ACTIVATIONS["sigmoid"](z) >= 0) & (ACTIVATIONS["sigmoid"](z) <= 1))
    assert np.all(np.abs(ACTIVATIONS["tanh"](z)) <= 1)
    assert np.all(ACTIVATIONS["relu"](z) >= 0)
    assert np.all(ACTIVATIONS["elu"](z) >= -1)
    for f in ACTIVATIONS.values():
        assert np.all(f.derivative(z) >= 0)  # all five are non-decreasing


# --- softmax --------------------------------------------------------------------------------


@SETTINGS
@given(z=matrices())
def test_softmax_rows_sum_to_one(z):
    before = z.copy()
    s = softmax(z)
    assert s.dtype == z.dtype
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    tol = 1e-5 if z.dtype == np.float32 else 1e-12
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=tol)
    np.testing.assert_array_equal(z, before)


@SETTINGS
@given(z=matrices())
def test_log_softmax_finite_non_positive_and_consistent(z):
    ls = log_softmax(z)
    assert ls.dtype == z.dtype
    assert np.all(np.isfinite(ls)) and np.all(ls <= 0)
    np.testing.assert_allclose(np.exp(ls), softmax(z), atol=1e-6)


@SETTINGS
@given(z=matrices(low=-50, high=50))
def test_softmax_jacobian_rows_and_columns_sum_to_zero(z):
    J = softmax_jacobian(z.astype(np.float64))
    np.testing.assert_allclose(J.sum(axis=-1), 0.0, atol=1e-12)
    np.testing.assert_allclose(J, np.swapaxes(J, -1, -2))


# --- losses ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LOSSES))
@SETTINGS
@given(data=st.data())
def test_loss_finite_dtype_preserving_and_pure(name, data):
    loss = LOSSES[name]
    x, t = data.draw(loss_arguments(name))
    x0, t0 = x.copy(), t.copy()
    for reduction in loss.reductions:
        value = loss(x, t, reduction)
        assert value.dtype == x.dtype
        assert np.all(np.isfinite(value))
        if reduction != "none":
            grad = loss.grad(x, t, reduction)
            assert grad.dtype == x.dtype and grad.shape == x.shape
            assert np.all(np.isfinite(grad))
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(t, t0)


@SETTINGS
@given(data=st.data())
def test_cross_entropy_gradient_rows_sum_to_zero_and_value_is_non_negative(data):
    x, t = data.draw(loss_arguments("cross_entropy"))
    x = x.astype(np.float64)
    t = t if t.dtype.kind in "iu" else t.astype(np.float64) / t.sum(axis=1, keepdims=True)
    # softmax − p: both rows sum to 1, so the gradient's rows sum to 0.
    np.testing.assert_allclose(
        LOSSES["cross_entropy"].grad(x, t, "sum").sum(axis=1), 0.0, atol=1e-9
    )
    assert np.all(LOSSES["cross_entropy"](x, t, "none") >= 0)


@SETTINGS
@given(data=st.data())
def test_bce_with_logits_gradient_is_bounded(data):
    x, t = data.draw(loss_arguments("binary_cross_entropy_with_logits"))
    g = LOSSES["binary_cross_entropy_with_logits"].grad(x, t, "sum")  # σ(z) − t ∈ [−1, 1]
    assert np.all(np.abs(g) <= 1)
    assert np.all(LOSSES["binary_cross_entropy_with_logits"](x, t, "none") >= 0)
