"""Unit tests for :mod:`nnbook.losses`: known values, identities between losses, reductions.

The identities compare one loss against another computed a different way, so a bug in one
of them shows up as a disagreement. The identities the chapter states (cross-entropy as NLL of
log-softmax, as entropy plus KL, two-class softmax as a sigmoid) are in tests/claims.
"""

from __future__ import annotations

import math
import pydoc

import numpy as np
import pytest

from nnbook.activations import sigmoid
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.losses import (
    LOSSES,
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

# --- softmax --------------------------------------------------------------------------------


def test_softmax_known_value():
    # e^0, e^{ln 2}, e^{ln 5} = 1, 2, 5 → divided by 8.
    np.testing.assert_allclose(softmax(np.log([1.0, 2.0, 5.0])), [1 / 8, 2 / 8, 5 / 8])


def test_softmax_rows_sum_to_one_and_shift_changes_nothing(rng):
    z = rng.normal(0, 5, (6, 4))
    s = softmax(z)
    np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-14)
    np.testing.assert_allclose(softmax(z + 1000.0), s, rtol=1e-12)


def test_softmax_axis_argument(rng):
    z = rng.standard_normal((3, 5))
    np.testing.assert_allclose(softmax(z, axis=0), softmax(z.T).T)
    np.testing.assert_allclose(log_softmax(z, axis=0), log_softmax(z.T).T)
    np.testing.assert_allclose(softmax(z, axis=0).sum(axis=0), 1.0)


def test_log_softmax_is_log_of_softmax(rng):
    z = rng.normal(0, 3, (4, 6))
    np.testing.assert_allclose(log_softmax(z), np.log(softmax(z)), rtol=1e-12, atol=0)
    np.testing.assert_allclose(log_softmax(z), np.log(softmax(z)), rtol=0, atol=1e-12)


def test_softmax_at_huge_logits():
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]])
    np.testing.assert_array_equal(softmax(z), [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]])
    ls = log_softmax(z)
    assert np.all(np.isfinite(ls))
    np.testing.assert_allclose(ls[0], [0.0, -2e4, -1e4])


def test_softmax_jacobian_matches_finite_differences(rng):
    z = rng.standard_normal(4)
    J = softmax_jacobian(z)
    # Row k: the gradient of s_k with respect to z. (Its symmetry and zero row sums are
    # properties, in test_properties.py; its formula diag(s) − s sᵀ is the chapter's claim.)
    numeric = np.stack([numerical_gradient(lambda v, k=k: softmax(v)[k], z) for k in range(4)])
    np.testing.assert_allclose(J, numeric, atol=1e-9)
    assert relative_error(J, numeric) < 1e-8


def test_softmax_jacobian_batches(rng):
    z = rng.standard_normal((3, 4))
    J = softmax_jacobian(z)
    assert J.shape == (3, 4, 4)
    for n in range(3):
        np.testing.assert_allclose(J[n], softmax_jacobian(z[n]))


# --- known values -----------------------------------------------------------------------------


def test_mse_and_l1_known_values():
    x, t = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([[0.0, 0.0], [0.0, 1.0]])
    # squared errors 1, 4, 0, 4 → sum 9, mean 9/4; absolute errors 1, 2, 0, 2 → sum 5, mean 5/4.
    assert mse_loss(x, t, "sum") == 9.0 and mse_loss(x, t) == 2.25
    assert l1_loss(x, t, "sum") == 5.0 and l1_loss(x, t) == 1.25
    np.testing.assert_array_equal(mse_loss(x, t, "none"), [[1, 4], [0, 4]])
    np.testing.assert_array_equal(mse_loss.grad(x, t), [[0.5, 1.0], [0.0, -1.0]])  # 2(x − t)/4
    np.testing.assert_array_equal(l1_loss.grad(x, t, "sum"), [[1, 1], [0, -1]])  # sign, 0 at kink


def test_cross_entropy_known_value():
    # logits (0, ln 3): probabilities (1/4, 3/4); target class 1 → −ln(3/4).
    z = np.array([[0.0, math.log(3)]])
    assert cross_entropy(z, np.array([1])) == pytest.approx(-math.log(0.75), rel=1e-14)
    np.testing.assert_allclose(cross_entropy.grad(z, np.array([1])), [[0.25, -0.25]])


def test_binary_cross_entropy_known_value_and_pytorch_clamp():
    p, t = np.array([0.8, 0.25]), np.array([1.0, 0.0])
    # −ln 0.8 and −ln 0.75, averaged.
    assert binary_cross_entropy(p, t) == pytest.approx((-math.log(0.8) - math.log(0.75)) / 2)
    # log 0 is clamped at −100, as in PyTorch: a certain wrong answer costs 100, not inf.
    np.testing.assert_array_equal(
        binary_cross_entropy(
            np.array([0.0, 1.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0, 1.0]), "none"
        ),
        [100.0, 100.0, 0.0, 0.0],
    )


def test_binary_cross_entropy_gradient_is_zero_where_the_log_is_clamped():
    # The clamped branch is constant (−100), so it contributes no gradient; nothing is inf/NaN.
    g = binary_cross_entropy.grad(np.array([0.0, 1.0, 0.5]), np.array([1.0, 0.0, 1.0]), "sum")
    np.testing.assert_array_equal(g, [0.0, 0.0, -2.0])  # −t/p = −1/0.5 for the live entry


def test_nll_loss_picks_the_target_log_probability():
    logq = np.log(np.array([[0.2, 0.8], [0.6, 0.4]]))
    y = np.array([1, 0])
    assert nll_loss(logq, y, "sum") == pytest.approx(-math.log(0.8) - math.log(0.6))
    np.testing.assert_array_equal(nll_loss.grad(logq, y), [[0.0, -0.5], [-0.5, 0.0]])


def test_kl_div_of_equal_distributions_is_zero_and_zero_target_terms_vanish():
    p = np.array([[0.5, 0.5, 0.0]])
    with np.errstate(divide="ignore"):
        logq = np.log(np.array([[0.5, 0.5, 1e-300]]))
    np.testing.assert_allclose(kl_div(logq, p, "none"), [[0.0, 0.0, 0.0]], atol=1e-15)


# --- identities between losses --------------------------------------------------------------


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_one_hot_probabilities_equal_class_indices(reduction, rng):
    z, y = rng.normal(0, 3, (5, 4)), rng.integers(0, 4, 5)
    onehot = np.eye(4)[y]
    np.testing.assert_allclose(cross_entropy(z, onehot, reduction), cross_entropy(z, y, reduction))
    np.testing.assert_allclose(
        cross_entropy.grad(z, onehot, reduction), cross_entropy.grad(z, y, reduction)
    )


def test_bce_with_logits_equals_bce_of_sigmoid_away_from_saturation(rng):
    z, t = rng.normal(0, 3, (4, 5)), rng.uniform(0, 1, (4, 5))
    for reduction in ("mean", "sum", "none"):
        np.testing.assert_allclose(
            binary_cross_entropy_with_logits(z, t, reduction),
            binary_cross_entropy(sigmoid(z), t, reduction),
            rtol=1e-10,
        )
    # Chain rule: ∂/∂z = ∂/∂p · σ'(z) = σ(z) − t.
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits.grad(z, t),
        binary_cross_entropy.grad(sigmoid(z), t) * sigmoid.derivative(z),
        rtol=1e-9,
    )


def test_kl_div_mean_is_over_all_elements_and_batchmean_over_the_batch(rng):
    logq, p = log_softmax(rng.standard_normal((4, 5))), rng.dirichlet(np.ones(5), 4)
    total = kl_div(logq, p, "sum")
    assert kl_div(logq, p, "mean") == pytest.approx(total / 20)  # torch: every element
    assert kl_div(logq, p, "batchmean") == pytest.approx(total / 4)  # the true KL per sample
    np.testing.assert_allclose(kl_div.grad(logq, p, "batchmean"), -p / 4)
    np.testing.assert_allclose(kl_div.grad(logq, p, "mean"), -p / 20)


# --- reductions, shapes, dtypes ---------------------------------------------------------------


def test_mean_is_sum_over_the_number_of_terms(loss_case):
    c, f = loss_case, loss_case.loss
    terms = f(c.input, c.target, "none")
    n = c.input.shape[0] if f.per_sample else c.input.size
    assert terms.shape == ((c.input.shape[0],) if f.per_sample else c.input.shape)
    assert f(c.input, c.target, "sum") == pytest.approx(terms.sum(), rel=1e-14)
    assert f(c.input, c.target, "mean") == pytest.approx(terms.sum() / n, rel=1e-14)
    np.testing.assert_allclose(
        f.grad(c.input, c.target, "mean"), f.grad(c.input, c.target, "sum") / n, rtol=1e-14
    )


def test_gradient_has_the_shape_of_input(loss_case):
    for reduction in [r for r in loss_case.loss.reductions if r != "none"]:
        g = loss_case.loss.grad(loss_case.input, loss_case.target, reduction)
        assert g.shape == loss_case.input.shape


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_input_dtype_is_the_dtype_out(loss_case, dtype):
    # Whatever the target's dtype: a float32 network output against float64 (or integer)
    # labels stays float32. (Targets of the input's dtype: see test_properties.py.)
    x = loss_case.input.astype(dtype)
    t = loss_case.target
    for reduction in loss_case.loss.reductions:
        assert loss_case.loss(x, t, reduction).dtype == dtype
        if reduction != "none":
            assert loss_case.loss.grad(x, t, reduction).dtype == dtype


def test_every_loss_is_in_the_table():
    assert set(LOSSES) == {
        "mse_loss",
        "l1_loss",
        "binary_cross_entropy",
        "binary_cross_entropy_with_logits",
        "cross_entropy",
        "nll_loss",
        "kl_div",
    }
    assert kl_div.reductions == ("mean", "sum", "batchmean", "none")


LOSS_FORMULAS = {  # per loss: a distinctive fragment of ℓ and one of its derivative, in TeX
    "mse_loss": [r"(\hat y - y)^2", r"\frac{\partial \ell}{\partial \hat y} = 2(\hat y - y)"],
    "l1_loss": [
        r"|\hat y - y|",
        r"\frac{\partial \ell}{\partial \hat y} = \mathrm{sign}(\hat y - y)",
    ],
    "binary_cross_entropy": [
        r"-\big[ y \ln \hat y + (1 - y) \ln(1 - \hat y) \big]",
        r"-\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y}",
    ],
    "binary_cross_entropy_with_logits": [
        r"\max(z, 0) - yz + \ln\big(1 + e^{-|z|}\big)",
        r"\frac{\partial \ell}{\partial z} &= \sigma(z) - y",
    ],
    "cross_entropy": [
        r"-\sum_{k=0}^{C-1} y_k \ln \hat y_k",
        r"\frac{\partial \ell}{\partial z} = \hat y \sum_k y_k - y",
    ],
    "nll_loss": [r"\ell(\ln q, c) = -\ln q_c", r"\frac{\partial \ell}{\partial \ln q} = -y"],
    "kl_div": [r"p \,(\ln p - \ln q)", r"\frac{\partial \ell}{\partial \ln q} = -p"],
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_help_shows_the_formula_and_its_derivative(name):
    """``help(mse_loss)`` shows the loss's own docstring (not the class's): ℓ and ∂ℓ in TeX."""
    loss = LOSSES[name]
    shown = pydoc.render_doc(loss, renderer=pydoc.plaintext)
    assert all(tex in shown for tex in LOSS_FORMULAS[name]), shown
    assert f'``{name}(input, target, reduction="mean")``' in shown
    assert repr(loss) == f"Loss(name={name!r})"  # the stored functions stay out of the repr


def test_repr_of_a_loss_is_its_name():
    assert repr(mse_loss) == "Loss(name='mse_loss')"
    assert repr(cross_entropy) == "Loss(name='cross_entropy')"


# --- numerical stability at logits of ±1e4 -----------------------------------------------------


def test_cross_entropy_at_huge_logits_is_finite_and_exact():
    z = np.array([[1e4, -1e4], [1e4, -1e4]])
    y = np.array([0, 1])
    # Right with certainty costs 0; wrong costs the logit gap 2e4. Gradient softmax − onehot.
    np.testing.assert_array_equal(cross_entropy(z, y, "none"), [0.0, 2e4])
    np.testing.assert_array_equal(cross_entropy.grad(z, y, "sum"), [[0, 0], [1, -1]])


def test_bce_with_logits_at_huge_logits_is_finite_and_exact():
    z, t = np.array([1e4, -1e4, 1e4, -1e4]), np.array([1.0, 0.0, 0.0, 1.0])
    np.testing.assert_array_equal(binary_cross_entropy_with_logits(z, t, "none"), [0, 0, 1e4, 1e4])
    np.testing.assert_array_equal(binary_cross_entropy_with_logits.grad(z, t, "sum"), [0, 0, 1, -1])


def test_nll_and_kl_at_huge_log_probabilities_are_finite():
    logq = log_softmax(np.array([[1e4, -1e4, 0.0]]))
    assert nll_loss(logq, np.array([1])) == pytest.approx(2e4)
    p = np.array([[0.5, 0.25, 0.25]])
    value = kl_div(logq, p, "sum")
    expected = np.sum(p * np.log(p)) - np.sum(p * logq)
    assert np.isfinite(value) and value == pytest.approx(expected)
    np.testing.assert_array_equal(kl_div.grad(logq, p, "sum"), -p)


def test_value_and_grad_is_the_pair_of_value_and_grad(loss_case):
    x, t, loss = loss_case.input, loss_case.target, loss_case.loss
    for reduction in [r for r in loss.reductions if r != "none"]:
        value, grad = loss.value_and_grad(x, t, reduction)
        assert value == loss(x, t, reduction)
        np.testing.assert_array_equal(grad, loss.grad(x, t, reduction))
    with pytest.raises(ValueError, match=r"reduction must be one of .*, got 'none'"):
        loss.value_and_grad(x, t, "none")


def test_one_hot_rows_are_the_targets_class_indices_stand_for(rng):
    """Class indices and their one-hot rows are the same target: same loss, same gradient, in
    the logits' dtype."""
    z, labels = rng.standard_normal((6, 4)).astype(np.float32), rng.integers(0, 4, 6)
    targets = one_hot(labels, 4, np.float32)
    assert targets.dtype == np.float32
    np.testing.assert_array_equal(targets, np.eye(4)[labels])
    for reduction in ("mean", "sum"):
        value, grad = cross_entropy.value_and_grad(z, targets, reduction)
        by_index_value, by_index_grad = cross_entropy.value_and_grad(z, labels, reduction)
        assert value == by_index_value and value.dtype == np.float32
        np.testing.assert_array_equal(grad, by_index_grad)
    with pytest.raises(ValueError, match=r"labels must hold class indices in \[0, 3\]"):
        one_hot(np.array([0, 4]), 4)


def test_binary_cross_entropy_stays_finite_where_one_over_y_hat_overflows_float32() -> None:
    """In float32, 1/ŷ overflows below ŷ ≈ 2.9e-39, above PyTorch's clamp e^-100: there the log
    is clamped at ln(1/max) ≈ -88.7 and adds 0 to the gradient; float64 keeps the clamp at -100
    (a case Hypothesis found: ŷ = 1.67e-41, y = 1)."""
    y_hat = np.array([1.6695e-41, 3e-39, 1e-30], dtype=np.float32)
    y = np.ones(3, dtype=np.float32)
    value = binary_cross_entropy(y_hat, y, reduction="none")
    grad = binary_cross_entropy.grad(y_hat, y, reduction="sum")
    assert value.dtype == grad.dtype == np.float32
    assert np.isfinite(value).all() and np.isfinite(grad).all()
    floor = -np.log(np.finfo(np.float32).max)
    assert value[0] == np.float32(-floor) and grad[0] == 0
    assert np.isclose(grad[1], -1 / 3e-39, rtol=1e-6) and np.isclose(grad[2], -1e30, rtol=1e-6)
    y64 = y_hat.astype(np.float64)
    assert np.isclose(binary_cross_entropy(y64[:1], y[:1].astype(np.float64)), -np.log(y64[0]))
    assert binary_cross_entropy(np.array([1e-50]), np.ones(1)) == 100.0
