"""Bad input gets a clear error: the message names the argument, what was expected and what
was received. Never an assert, a silent broadcast or a NaN.
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest

import nnbook
from nnbook import (
    MLP,
    MLPClassifier,
    MLPRegressor,
    NotFittedError,
    Perceptron,
    activations,
    datasets,
    gates,
)
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

ESTIMATORS = [MLP, MLPClassifier, MLPRegressor]


@pytest.mark.parametrize("estimator", ESTIMATORS)
@pytest.mark.parametrize("sizes", [[2, 0, 1], [2, -3, 1], [2], [], [2, 3.0, 1], [2, True, 1]])
def test_non_positive_or_non_integer_layer_sizes(sizes, estimator):
    with pytest.raises(ValueError, match=r"sizes must be at least two positive integers .*got \["):
        estimator(sizes)


@pytest.mark.parametrize("estimator", ESTIMATORS)
def test_network_dtype_must_be_floating(estimator):
    with pytest.raises(TypeError, match=r"dtype must be a floating type .* got int32"):
        estimator([2, 2], dtype=np.int32)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_in_training_data(bad):
    X = X4.copy()
    X[1, 0] = bad
    with pytest.raises(ValueError, match=r"X must be finite, got 1 NaN or inf value\(s\)"):
        MLPClassifier([2, 3, 2]).fit(X, Y4)
    with pytest.raises(ValueError, match=r"y must be finite, got 1 NaN or inf value\(s\)"):
        MLPRegressor([2, 3, 1]).fit(X4, np.array([0.0, bad, 1.0, 2.0]))
    with pytest.raises(ValueError, match=r"X_val must be finite"):
        MLPClassifier([2, 3, 2]).fit(X4, Y4, validation_data=(X, Y4))
    with pytest.raises(ValueError, match=r"X must be finite"):
        Perceptron().fit(X, [1, -1, 1, -1])


def test_validation_targets_are_checked_like_y():
    net = MLPClassifier([2, 3, 2])
    with pytest.raises(
        ValueError,
        match=re.escape(
            "y_val must hold class labels of shape (N,), got shape (4, 2): for one-hot rows "
            "pass y_val.argmax(axis=1)"
        ),
    ):
        net.fit(X4, Y4, validation_data=(X4, np.eye(2)[Y4]))
    with pytest.raises(
        ValueError, match=re.escape("y_val must hold whole-number class labels, got 0.5")
    ):
        net.fit(X4, Y4, validation_data=(X4, np.array([0.0, 1.0, 0.5, 1.0])))
    with pytest.raises(
        ValueError, match=re.escape("y_val must have shape (N, 1), got shape (4, 2)")
    ):
        MLPRegressor([2, 3, 1]).fit(X4, np.zeros(4), validation_data=(X4, np.zeros((4, 2))))


def test_score_checks_y_as_fit_does():
    classifier = MLPClassifier([2, 3, 2], epochs=1).fit(X4, Y4)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "y must hold class labels of shape (N,), got shape (4, 2): for one-hot rows "
            "pass y.argmax(axis=1)"
        ),
    ):
        classifier.score(X4, np.zeros((4, 2)))
    with pytest.raises(
        ValueError, match=re.escape("y must hold class indices in [0, 1], got values in [0, 2]")
    ):
        classifier.score(X4, np.array([0, 1, 2, 1]))
    regressor = MLPRegressor([2, 3, 1], epochs=1).fit(X4, np.arange(4.0))
    with pytest.raises(ValueError, match=re.escape("y must have shape (N, 1), got shape (4, 2)")):
        regressor.score(X4, np.zeros((4, 2)))
    assert np.isfinite(regressor.score(X4, Y4))  # integer targets are numbers to a regressor


def test_r2_of_a_constant_target_is_undefined():
    regressor = MLPRegressor([2, 3, 2], epochs=1).fit(X4, np.ones((4, 2)))
    with pytest.raises(
        ValueError,
        match=r"y must not be constant for R² = 1 − Σ\(y − ŷ\)²/Σ\(y − ȳ\)², which is "
        r"undefined when every column of y is constant, got y equal to \[2.0, -1.0\] in every row",
    ):
        regressor.score(X4, np.tile([2.0, -1.0], (4, 1)))
    # One varying column is enough: R² pools the outputs.
    assert np.isfinite(regressor.score(X4, np.array([[2.0, 0], [2, 1], [2, 2], [2, 3]])))


def test_training_data_shapes_and_types():
    net = MLPClassifier([2, 3, 2])
    with pytest.raises(
        ValueError, match=r"X must have 2 features \(shape \(N, 2\)\), got shape \(4, 3\)"
    ):
        net.fit(np.ones((4, 3)), Y4)
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\), got shape \(2,\)"):
        net.forward(np.ones(2))
    with pytest.raises(ValueError, match=r"X must not be empty, got an array of shape \(0, 2\)"):
        net.fit(np.ones((0, 2)), np.zeros(0, dtype=int))
    with pytest.raises(
        ValueError, match=r"y must have one entry per row of X \(4\), got shape \(3,\)"
    ):
        net.fit(X4, Y4[:3])
    with pytest.raises(
        TypeError, match=r"X must be a real numeric array, got an array of dtype <U1"
    ):
        net.fit(np.array([["a", "b"]]), np.array([0]))
    with pytest.raises(TypeError, match=r"y must hold integer class indices, got dtype <U1"):
        net.fit(X4, np.array(list("abab")))
    with pytest.raises(
        TypeError, match=r"y must be a real numeric array, got an array of dtype <U1"
    ):
        MLPRegressor([2, 3, 1]).fit(X4, np.array(list("abab")))
    with pytest.raises(
        ValueError, match=r"y must have shape \(N,\) of class labels, got shape \(4, 3\)"
    ):
        net.fit(X4, np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"y must have shape \(N, 2\), got shape \(4, 3\)"):
        MLPRegressor([2, 3, 2]).fit(X4, np.zeros((4, 3)))


# --- the labels of a classifier ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([0, 1, 2, 1], "y must hold class indices in [0, 1], got values in [0, 2]"),
        ([0, 1, -1, 1], "y must hold class indices in [0, 1], got values in [-1, 1]"),
        (
            np.array([0, 1, 2, 1], np.uint8),
            "y must hold class indices in [0, 1], got values in [0, 2]",
        ),
        ([0.0, 1.0, 2.0, 1.0], "y must hold class indices in [0, 1], got values in [0, 2]"),
        ([0.0, -1.0, 1.0, 1.0], "y must hold class indices in [0, 1], got values in [-1, 1]"),
        ([0.0, 1.0, 0.5, 1.0], "y must hold whole-number class labels, got 0.5"),
        (np.array([0, 1, 1.5, 1], np.float32), "y must hold whole-number class labels, got 1.5"),
        ([0.0, np.nan, 1.0, 1.0], "y must hold whole-number class labels, got nan"),
        ([0.0, 1.0, np.inf, 1.0], "y must hold whole-number class labels, got inf"),
        (
            np.eye(2)[Y4],
            "y must hold class labels of shape (N,), got shape (4, 2): for one-hot rows pass "
            "y.argmax(axis=1)",
        ),
    ],
    ids=[
        "int-above",
        "int-negative",
        "uint8-above",
        "float-above",
        "float-negative",
        "half",
        "float32-half",
        "nan",
        "inf",
        "one-hot",
    ],
)
def test_classifier_rejects_what_are_not_class_labels(labels, message):
    net = MLPClassifier([2, 3, 2])
    with pytest.raises(ValueError, match=re.escape(message)):
        net.fit(X4, np.asarray(labels))
    assert not hasattr(net, "history_")  # nothing was learned


def test_a_classifier_needs_two_output_units():
    with pytest.raises(
        ValueError, match=re.escape("a classifier needs at least 2 output units, got n_L = 1")
    ):
        MLPClassifier([2, 3, 1]).fit(X4, Y4)


def test_the_bare_network_cannot_be_fitted():
    """``MLP`` has no loss: its fit names the two classes that do."""
    net = MLP([2, 3, 2])
    with pytest.raises(TypeError, match=r"MLPClassifier") as raised:
        net.fit(X4, Y4)
    assert str(raised.value) == (
        "MLP is the network alone and has no loss to fit: make an MLPClassifier or an MLPRegressor"
    )
    assert MLP.loss is None and not hasattr(net, "history_")


# --- before fit ----------------------------------------------------------------------------


def not_fitted(name):
    return re.escape(
        f"This {name} instance is not fitted yet: call fit(X, y) before using this method"
    )


@pytest.mark.parametrize(
    ("make", "methods"),
    [
        (lambda: MLPClassifier([2, 3, 2]), ["predict", "predict_proba", "score", "classes_"]),
        (lambda: MLPRegressor([2, 3, 1]), ["predict", "score"]),
        (lambda: Perceptron(), ["predict", "decision_function", "criterion"]),
    ],
    ids=["MLPClassifier", "MLPRegressor", "Perceptron"],
)
def test_what_only_fit_learns_raises_not_fitted_error(make, methods):
    estimator = make()
    name = type(estimator).__name__
    targets = {"MLPClassifier": Y4, "MLPRegressor": np.arange(4.0), "Perceptron": 2 * Y4 - 1}
    calls = {
        "predict": lambda: estimator.predict(X4),
        "predict_proba": lambda: estimator.predict_proba(X4),
        "decision_function": lambda: estimator.decision_function(X4),
        "score": lambda: estimator.score(X4, targets[name]),
        "criterion": lambda: estimator.criterion(X4, targets[name]),
        "classes_": lambda: estimator.classes_,
    }
    for method in methods:
        for error in (NotFittedError, ValueError, AttributeError):  # scikit-learn's classes
            with pytest.raises(error, match=not_fitted(name)):
                calls[method]()
    if name == "MLPClassifier":
        assert not hasattr(estimator, "classes_")  # an AttributeError: hasattr says no
    estimator.fit(X4, targets[name])
    for method in methods:
        calls[method]()  # fitted: no error


def test_not_fitted_error_is_scikit_learns():
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    assert NotFittedError is nnbook.NotFittedError
    assert str(NotFittedError(MLPClassifier([2, 2]))) == (
        "This MLPClassifier instance is not fitted yet: call fit(X, y) before using this method"
    )


# --- settings, in the constructor -------------------------------------------------------------

SETTINGS = [
    ({"epochs": 0}, ValueError, "epochs must be a positive integer, got 0"),
    ({"epochs": 2.5}, TypeError, "epochs must be a positive integer, got 2.5 of type float"),
    ({"epochs": True}, TypeError, "epochs must be a positive integer, got True of type bool"),
    ({"batch_size": 0}, ValueError, "batch_size must be a positive integer, got 0"),
    (
        {"batch_size": 1.5},
        TypeError,
        "batch_size must be a positive integer, got 1.5 of type float",
    ),
    ({"lr": 0.0}, ValueError, "lr must be > 0, got 0.0"),
    ({"lr": -1}, ValueError, "lr must be > 0, got -1"),
    ({"lr": float("nan")}, ValueError, "lr must be > 0, got nan"),
    ({"momentum": 1.0}, ValueError, "momentum must lie in [0, 1), got 1.0"),
    ({"momentum": -0.1}, ValueError, "momentum must lie in [0, 1), got -0.1"),
    ({"dtype": int}, TypeError, "dtype must be a floating type such as np.float32, got int64"),
]


@pytest.mark.parametrize("estimator", ESTIMATORS)
@pytest.mark.parametrize(
    ("kwargs", "error", "message"), SETTINGS, ids=[str(s[0]) for s in SETTINGS]
)
def test_invalid_settings_are_rejected_by_the_constructor(estimator, kwargs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        estimator([2, 3, 2], **kwargs)


def test_settings_are_keyword_only():
    with pytest.raises(TypeError):
        MLPClassifier([2, 3, 2], "relu")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"), SETTINGS[:-1], ids=[str(s[0]) for s in SETTINGS[:-1]]
)
def test_fit_checks_settings_changed_after_the_constructor(kwargs, error, message):
    net = MLPClassifier([2, 3, 2])
    for key, value in kwargs.items():
        setattr(net, key, value)
    with pytest.raises(error, match=re.escape(message)):
        net.fit(X4, Y4)


def test_fit_stops_with_a_clear_error_when_training_diverges():
    rng = np.random.default_rng(4)
    X, y = rng.standard_normal((64, 3)) * 100, rng.standard_normal((64, 1))
    net = MLPRegressor([3, 16, 1], epochs=50, lr=10.0, batch_size=8)
    with (
        pytest.raises(
            FloatingPointError,
            match=r"^training diverged: the output is not finite in epoch \d+; "
            + re.escape("try a smaller lr (got 10.0)")
            + "$",
        ),
        np.errstate(all="ignore"),
    ):
        net.fit(X, y)
    with (
        pytest.raises(FloatingPointError, match=re.escape("try a smaller lr (got 1000.0)")),
        np.errstate(all="ignore"),
    ):
        MLPClassifier([3, 16, 2], epochs=50, lr=1000.0).fit(X, (y[:, 0] > 0).astype(int))


def test_divergence_is_caught_in_the_loss_the_parameters_and_the_validation_output():
    """A finite output can have an infinite loss; the last step of an epoch can make the
    validation output infinite: each stops fit with the divergence error, unfitted."""
    with np.errstate(all="ignore"):
        net = MLPRegressor([1, 1], epochs=1, batch_size=1)
        with pytest.raises(
            FloatingPointError,
            match="^" + re.escape("training diverged: the loss is not finite in epoch 1; "),
        ):
            net.fit([[1e200]], [0.0])
        rng = np.random.default_rng(4)
        X, y = rng.standard_normal((64, 3)) * 100, rng.standard_normal((64, 1))
        net = MLPRegressor([3, 16, 1], epochs=4, lr=10.0, batch_size=64)
        with pytest.raises(
            FloatingPointError,
            match=re.escape("the output on validation_data is not finite in epoch 4; try a"),
        ):
            net.fit(X, y, validation_data=(X, y))
    with pytest.raises(NotFittedError):
        net.predict(X)  # a fit that diverged leaves the network unfitted
    assert not hasattr(net, "history_")


def test_huge_float_labels_are_reported_as_they_are():
    message = "y must hold class indices in [0, 1], got values in [0, 1e+20]"
    with pytest.raises(ValueError, match=re.escape(message)):
        MLPClassifier([2, 3, 2]).fit(np.zeros((4, 2)), np.array([0.0, 1e20, 1.0, 0.0]))


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
        ValueError,
        match=re.escape("X must have 2 features to match the fitted w_, got shape (2, 3)"),
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
