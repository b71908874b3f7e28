"""Bad input gets a clear error: the message names the argument, what was expected and what
was received. Never an assert, a silent broadcast or a NaN.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from nnbook import MLP, Perceptron, activations, datasets, gates
from nnbook._checks import check_finite
from nnbook.approximation import staircase
from nnbook.gradcheck import relative_error
from nnbook.losses import (
    LOSSES,
    binary_cross_entropy,
    cross_entropy,
    kl_div,
    mse_loss,
    nll_loss,
    softmax,
)

X4, Y4 = np.ones((4, 2)), np.array([0, 1, 0, 1])
ACTIVATION_LIST = r"\['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu'\]"

# --- losses ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "binary_cross_entropy_with_logits"])
@pytest.mark.parametrize("target_shape", [(3, 2), (3,), (2, 3, 1)])
def test_shape_mismatch_is_not_broadcast(name, target_shape):
    with pytest.raises(
        ValueError,
        match=r"input and target must have the same shape, got input \(2, 3\) and target",
    ):
        LOSSES[name](np.full((2, 3), 0.5), np.full(target_shape, 0.5))


def test_class_index_out_of_range_or_negative():
    z = np.zeros((2, 3))
    for loss in (cross_entropy, nll_loss):
        with pytest.raises(
            ValueError, match=r"target must hold class indices in \[0, 2\], got values in \[0, 3\]"
        ):
            loss(z, np.array([0, 3]))
        with pytest.raises(
            ValueError, match=r"target must hold class indices in \[0, 2\], got values in \[-1, 1\]"
        ):
            loss.grad(z, np.array([-1, 1]))


def test_class_indices_must_be_integers_and_one_per_row():
    z = np.zeros((2, 3))
    with pytest.raises(
        TypeError, match=r"target of shape \(N,\) must hold integer class indices, got float64"
    ):
        cross_entropy(z, np.array([0.0, 1.0]))
    with pytest.raises(
        TypeError, match=r"target must hold integer class indices, got dtype float64"
    ):
        nll_loss(z, np.zeros((2, 3)))
    with pytest.raises(
        ValueError, match=r"target of class indices must have shape \(2,\) .* got \(3,\)"
    ):
        cross_entropy(z, np.array([0, 1, 2]))
    with pytest.raises(ValueError, match=r"input must have shape \(N, C\), got shape \(3,\)"):
        cross_entropy(np.zeros(3), np.array([0]))


def test_probabilities_outside_zero_one():
    with pytest.raises(ValueError, match=r"input must lie in \[0, 1\], got values in \[0.5, 1.5\]"):
        binary_cross_entropy(np.array([0.5, 1.5]), np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match=r"target must lie in \[0, 1\], got values in \[-0.1, 1\]"):
        binary_cross_entropy.grad(np.array([0.5, 0.5]), np.array([-0.1, 1.0]))
    with pytest.raises(
        ValueError, match=r"target must lie in \[0, 1\], got values in \[-0.5, 1.5\]"
    ):
        cross_entropy(np.zeros((1, 2)), np.array([[1.5, -0.5]]))
    with pytest.raises(
        ValueError, match=r"target must lie in \[0, inf\], got values in \[-1, -1\]"
    ):
        kl_div(np.zeros((1, 2)), np.array([[-1.0, -1.0]]))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_loss_input_or_target(bad):
    with pytest.raises(ValueError, match=r"input must be finite, got 1 NaN or inf value\(s\)"):
        mse_loss(np.array([0.0, bad]), np.zeros(2))
    with pytest.raises(ValueError, match=r"target must be finite, got 1 NaN or inf value\(s\)"):
        mse_loss.grad(np.zeros(2), np.array([bad, 0.0]))
    with pytest.raises(ValueError, match=r"z must be finite"):
        softmax(np.array([0.0, bad]))


@pytest.mark.parametrize("bad", [np.array(["a", "b"]), np.array([1j, 2j]), np.array([None, 1.0])])
def test_non_numeric_arrays(bad):
    with pytest.raises(
        TypeError, match=f"input must be a real numeric array, got an array of dtype {bad.dtype}"
    ):
        mse_loss(bad, np.zeros(2))
    with pytest.raises(TypeError, match=r"target must be a real numeric array"):
        mse_loss(np.zeros(2), bad)
    with pytest.raises(TypeError, match=r"z must be a real numeric array"):
        activations.relu(bad)
    with pytest.raises(TypeError, match=r"z must be a real numeric array"):
        softmax(bad)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_empty_batch(name):
    target = np.zeros(0, dtype=int) if name in ("cross_entropy", "nll_loss") else np.zeros((0, 3))
    with pytest.raises(
        ValueError, match=r"input must not be empty, got an array of shape \(0, 3\)"
    ):
        LOSSES[name](np.zeros((0, 3)), target)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_unknown_reduction_lists_the_valid_ones(name):
    loss = LOSSES[name]
    valid = ", ".join(f"'{r}'" for r in loss.reductions)
    x, t = np.full((2, 2), 0.5), np.full((2, 2), 0.5)
    if name in ("cross_entropy", "nll_loss"):
        t = np.array([0, 1])
    with pytest.raises(ValueError, match=rf"reduction must be one of \[{valid}\], got 'avg'"):
        loss(x, t, reduction="avg")
    grad_valid = ", ".join(f"'{r}'" for r in loss.reductions if r != "none")
    with pytest.raises(ValueError, match=rf"reduction must be one of \[{grad_valid}\], got 'none'"):
        loss.grad(x, t, reduction="none")  # a gradient needs a scalar loss


def test_batchmean_is_only_for_kl_div():
    with pytest.raises(ValueError, match=r"reduction must be one of .*, got 'batchmean'"):
        mse_loss(np.zeros(2), np.zeros(2), "batchmean")


# --- activations ----------------------------------------------------------------------------


def test_unknown_activation_name_lists_the_valid_ones():
    with pytest.raises(
        ValueError, match=rf"activation must be one of {ACTIVATION_LIST}, got 'swish'"
    ):
        activations.get("swish")
    with pytest.raises(
        ValueError, match=rf"activation must be one of {ACTIVATION_LIST}, got 'softmax'"
    ):
        MLP([2, 3, 1], activation="softmax")


# --- the network ----------------------------------------------------------------------------


@pytest.mark.parametrize("sizes", [[2, 0, 1], [2, -3, 1], [2], [], [2, 3.0, 1], [2, True, 1]])
def test_non_positive_or_non_integer_layer_sizes(sizes):
    with pytest.raises(ValueError, match=r"sizes must be at least two positive integers .*got \["):
        MLP(sizes)


def test_network_dtype_must_be_floating():
    with pytest.raises(TypeError, match=r"dtype must be a floating type .* got int32"):
        MLP([2, 2], dtype=np.int32)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_training_data(bad):
    X = X4.copy()
    X[1, 0] = bad
    with pytest.raises(ValueError, match=r"X must be finite, got 1 NaN or inf value\(s\)"):
        MLP([2, 3, 2]).fit(X, Y4, progress=False)
    with pytest.raises(ValueError, match=r"y must be finite, got 1 NaN or inf value\(s\)"):
        MLP([2, 3, 1]).fit(X4, np.array([0.0, bad, 1.0, 2.0]), progress=False)
    with pytest.raises(ValueError, match=r"X_val must be finite"):
        MLP([2, 3, 2]).fit(X4, Y4, progress=False, validation_data=(X, Y4))
    with pytest.raises(ValueError, match=r"X must be finite"):
        Perceptron().fit(X, [1, -1, 1, -1])


def test_finite_check_is_exact_where_its_fast_path_cannot_decide():
    """``check_finite`` first tests the sum: these cases need its elementwise fallback."""
    huge = np.full(4, np.finfo(np.float32).max, dtype=np.float32)  # finite; the sum overflows
    check_finite(huge, "x")
    for bad in ([np.inf, -np.inf, 1.0], [np.inf, np.nan], [1e308, 1e308, -np.inf]):
        with pytest.raises(ValueError, match=r"x must be finite, got \d NaN or inf"):
            check_finite(np.array(bad), "x")


def test_validation_targets_of_another_kind_are_rejected():
    net = MLP([2, 3, 2])
    with pytest.raises(ValueError, match=r"validation_data targets must be of the same kind as y"):
        net.fit(X4, Y4, progress=False, validation_data=(X4, np.zeros((4, 2))))
    with pytest.raises(
        ValueError, match=r"validation_data targets .* got y_val of dtype " + str(Y4.dtype)
    ):
        MLP([2, 3, 1]).fit(X4, np.zeros(4), progress=False, validation_data=(X4, Y4))


def test_score_needs_targets_of_the_kind_the_network_was_fitted_on():
    classifier = MLP([2, 3, 2]).fit(X4, Y4, epochs=1, progress=False)
    with pytest.raises(
        ValueError,
        match=r"y must hold integer class indices: the network was fitted as a classifier, "
        r"got y of dtype float64",
    ):
        classifier.score(X4, np.zeros((4, 2)))
    regressor = MLP([2, 3, 1]).fit(X4, np.arange(4.0), epochs=1, progress=False)
    with pytest.raises(
        ValueError,
        match=r"y must hold floating regression targets: the network is not a fitted "
        rf"classifier, got y of dtype {Y4.dtype}",
    ):
        regressor.score(X4, Y4)


def test_r2_of_a_constant_target_is_undefined():
    regressor = MLP([2, 3, 2]).fit(X4, np.ones((4, 2)), epochs=1, progress=False)
    with pytest.raises(
        ValueError,
        match=r"y must not be constant for R² = 1 − Σ\(y − ŷ\)²/Σ\(y − ȳ\)², which is "
        r"undefined when every column of y is constant, got y equal to \[2.0, -1.0\] in every row",
    ):
        regressor.score(X4, np.tile([2.0, -1.0], (4, 1)))
    # One varying column is enough: R² pools the outputs.
    assert np.isfinite(regressor.score(X4, np.array([[2.0, 0], [2, 1], [2, 2], [2, 3]])))


def test_training_data_shapes_and_types():
    net = MLP([2, 3, 2])
    with pytest.raises(
        ValueError, match=r"X must have 2 features \(shape \(N, 2\)\), got shape \(4, 3\)"
    ):
        net.fit(np.ones((4, 3)), Y4, progress=False)
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\), got shape \(2,\)"):
        net.forward(np.ones(2))
    with pytest.raises(ValueError, match=r"X must not be empty, got an array of shape \(0, 2\)"):
        net.fit(np.ones((0, 2)), np.zeros(0, dtype=int), progress=False)
    with pytest.raises(
        ValueError, match=r"y must have one entry per row of X \(4\), got shape \(3,\)"
    ):
        net.fit(X4, Y4[:3], progress=False)
    with pytest.raises(
        TypeError, match=r"X must be a real numeric array, got an array of dtype <U1"
    ):
        net.fit(np.array([["a", "b"]]), np.array([0]), progress=False)
    with pytest.raises(
        TypeError, match=r"y must be a real numeric array, got an array of dtype <U1"
    ):
        net.fit(X4, np.array(list("abab")), progress=False)
    with pytest.raises(
        ValueError, match=r"y must hold class indices in \[0, 1\], got values in \[0, 2\]"
    ):
        net.fit(X4, np.array([0, 1, 2, 1]), progress=False)
    with pytest.raises(
        ValueError, match=r"y must hold class indices in \[0, 1\], got values in \[-1, 1\]"
    ):
        net.fit(X4, np.array([0, 1, -1, 1]), progress=False)
    with pytest.raises(ValueError, match=r"y must have shape \(N, 2\), got \(4, 3\)"):
        net.fit(X4, np.zeros((4, 3)), progress=False)
    with pytest.raises(
        ValueError, match=r"classification needs at least 2 output units, got sizes \[2, 3, 1\]"
    ):
        MLP([2, 3, 1]).fit(X4, Y4, progress=False)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": 0}, ValueError, "epochs must be a positive integer, got 0"),
        ({"epochs": 2.5}, TypeError, "epochs must be a positive integer, got 2.5 of type float"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive integer, got 0"),
        ({"batch_size": 1.5}, TypeError, "batch_size must be a positive integer, got 1.5"),
        ({"lr": 0.0}, ValueError, r"lr must be > 0, got 0.0"),
        ({"lr": float("nan")}, ValueError, r"lr must be > 0, got nan"),
        ({"momentum": 1.0}, ValueError, r"momentum must lie in \[0, 1\), got 1.0"),
        ({"momentum": -0.1}, ValueError, r"momentum must lie in \[0, 1\), got -0.1"),
    ],
)
def test_training_hyperparameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        MLP([2, 3, 2]).fit(X4, Y4, progress=False, **kwargs)


def test_fit_stops_with_a_clear_error_when_training_diverges():
    rng = np.random.default_rng(4)
    X, y = rng.standard_normal((64, 3)) * 100, rng.standard_normal((64, 1))
    with (
        pytest.raises(
            FloatingPointError,
            match=r"training diverged: the loss is (inf|nan) in epoch \d+; try a smaller lr "
            r"\(got 10.0\)",
        ),
        np.errstate(all="ignore"),
    ):
        MLP([3, 16, 1], seed=0).fit(X, y, epochs=50, lr=10.0, batch_size=8, progress=False)


def test_backward_checks_dout():
    net = MLP([2, 3, 2])
    with pytest.raises(RuntimeError, match=r"backward needs the cache of a forward pass"):
        net.backward(np.ones((4, 2)))
    net.forward(X4)
    with pytest.raises(
        ValueError, match=r"dout must have the output's shape \(4, 2\), got \(4, 3\)"
    ):
        net.backward(np.ones((4, 3)))


# --- perceptron, gates, approximation, gradcheck, datasets ---------------------------------


@pytest.mark.parametrize("labels", [[0, 1, 0, 1], [-1, 2, 1, 1], [0.5, 1, 1, -1]])
def test_perceptron_labels_must_be_plus_or_minus_one(labels):
    bad = sorted(set(labels) - {-1, 1})
    with pytest.raises(
        ValueError, match=rf"y must hold perceptron labels in \{{-1, \+1\}}, got \[{bad[0]}"
    ):
        Perceptron().fit(X4, labels)


def test_perceptron_shapes_and_settings():
    with pytest.raises(ValueError, match=r"y must have shape \(4,\) to match X, got \(3,\)"):
        Perceptron().fit(X4, [1, -1, 1])
    with pytest.raises(ValueError, match=r"X must have shape \(N, D\), got shape \(2,\)"):
        Perceptron().fit(np.ones(2), [1, -1])
    with pytest.raises(ValueError, match=r"X must not be empty"):
        Perceptron().fit(np.ones((0, 2)), np.ones(0))
    with pytest.raises(ValueError, match=r"lr must be > 0, got 0"):
        Perceptron(lr=0)
    with pytest.raises(ValueError, match=r"max_epochs must be a positive integer, got 0"):
        Perceptron(max_epochs=0)
    with pytest.raises(TypeError, match=r"max_epochs must be a positive integer, got 2.5"):
        Perceptron(max_epochs=2.5)
    fitted = Perceptron().fit(X4, [1, -1, 1, -1])
    with pytest.raises(
        ValueError, match=r"X must have 2 features to match the fitted w .*got shape \(2, 3\)"
    ):
        fitted.predict(np.ones((2, 3)))


def test_gate_inputs():
    with pytest.raises(
        ValueError, match=r"X must hold logic values 0 and 1 only, got \[0.5, 2.0\]"
    ):
        gates.AND(np.array([[0, 2], [0.5, 1]]))
    with pytest.raises(
        ValueError, match=r"X must have shape \(N, 2\) of input pairs \(x1, x2\), got \(1, 3\)"
    ):
        gates.XOR(np.array([[0, 1, 1]]))


def test_staircase_arguments():
    with pytest.raises(ValueError, match=r"n must be a positive integer number of units, got 0"):
        staircase(np.sin, 0.0, 1.0, 0)
    with pytest.raises(ValueError, match=r"n must be a positive integer number of units, got 2.0"):
        staircase(np.sin, 0.0, 1.0, 2.0)
    with pytest.raises(ValueError, match=r"the interval must have b > a, got a=1.0, b=0.0"):
        staircase(np.sin, 1.0, 0.0, 3)
    with pytest.raises(ValueError, match=r"steepness must be > 0, got -1"):
        staircase(np.sin, 0.0, 1.0, 3, steepness=-1)
    with pytest.raises(ValueError, match=r"f\(x\) must be finite"), np.errstate(invalid="ignore"):
        staircase(np.log, -1.0, 1.0, 4)


def test_relative_error_shapes():
    with pytest.raises(
        ValueError, match=r"g and g_hat must have the same shape, got \(2,\) and \(3,\)"
    ):
        relative_error(np.ones(2), np.ones(3))


def test_dataset_arguments():
    with pytest.raises(
        ValueError, match=r"name must be one of \['AND', 'OR', 'NAND', 'NOR', 'XOR'\], got 'XNOR'"
    ):
        datasets.logic_gate("XNOR")
    with pytest.raises(ValueError, match=r"labels must be one of \['pm1', '01'\], got 'bool'"):
        datasets.logic_gate("AND", labels="bool")
    with pytest.raises(ValueError, match=r"n must be a positive integer, got 0"):
        datasets.two_moons(0)
    with pytest.raises(ValueError, match=r"test_size must lie in \(0, 1\), got 1.5"):
        datasets.load_digits(test_size=1.5)


def test_load_digits_without_scikit_learn_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # import sklearn now fails
    with pytest.raises(
        ImportError, match=r"load_digits needs scikit-learn.*pip install 'nnbook\[digits\]'"
    ):
        datasets.load_digits()
