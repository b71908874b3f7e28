"""Unit tests for :mod:`nnbook.activations`: values, derivatives, parameters, lookup, dtypes."""

from __future__ import annotations

import math
import pydoc

import numpy as np
import pytest

from nnbook import activations
from nnbook.activations import ACTIVATIONS, Activation, elu, get, leaky_relu, relu, sigmoid, tanh

# Scalar reference definitions written from the formulas, with the standard library only.
REFERENCE = {
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)),
    "tanh": math.tanh,
    "relu": lambda z: max(z, 0.0),
    "leaky_relu": lambda z: z if z > 0 else 0.01 * z,
    "elu": lambda z: z if z > 0 else 1.0 * (math.exp(z) - 1),
}
POINTS = np.array([-3.0, -0.7, -0.1, 0.2, 1.5, 4.0])


def test_table_holds_the_five_chapter_activations():
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "elu"}
    for name, f in ACTIVATIONS.items():
        assert f.name == name


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_values_match_the_scalar_definition(name):
    f = ACTIVATIONS[name]
    expected = np.array([REFERENCE[name](float(z)) for z in POINTS])
    np.testing.assert_allclose(f(POINTS), expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_a_central_difference_of_the_reference(name):
    # The reference is the standard-library function above, not the package's forward.
    ref, h = REFERENCE[name], 1e-6
    expected = np.array([(ref(z + h) - ref(z - h)) / (2 * h) for z in POINTS.tolist()])
    np.testing.assert_allclose(ACTIVATIONS[name].derivative(POINTS), expected, rtol=1e-7)


def test_known_derivative_values_at_zero():
    z = np.array([0.0])
    assert sigmoid.derivative(z)[0] == 0.25  # σ(0)(1 − σ(0)) = ½·½
    assert tanh.derivative(z)[0] == 1.0  # 1 − tanh²0
    # At the kink the ReLU family takes the left derivative, as PyTorch does.
    assert relu.derivative(z)[0] == 0.0
    assert leaky_relu.derivative(z)[0] == 0.01
    assert elu.derivative(z)[0] == 1.0


def test_sigmoid_is_symmetric(rng):
    # (tanh as a rescaled sigmoid is the chapter's claim: tests/claims/test_activations.py.)
    z = rng.normal(0, 3, 50)
    np.testing.assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=1e-15)


def test_leaky_relu_and_elu_defaults_are_pytorchs():
    z = np.array([-2.0, 3.0])
    np.testing.assert_allclose(leaky_relu(z), [-0.02, 3.0])  # negative_slope = 0.01
    np.testing.assert_allclose(leaky_relu.derivative(z), [0.01, 1.0])
    np.testing.assert_allclose(elu(z), [math.exp(-2) - 1, 3.0])  # alpha = 1.0
    np.testing.assert_allclose(elu.derivative(z), [math.exp(-2), 1.0])


@pytest.mark.parametrize("alpha", [0.2, 0.5, 2.0])
def test_alpha_reaches_both_value_and_derivative(alpha):
    z = np.array([-2.0, -0.5, 3.0])
    np.testing.assert_allclose(leaky_relu(z, alpha=alpha), [-2 * alpha, -0.5 * alpha, 3.0])
    np.testing.assert_allclose(leaky_relu.derivative(z, alpha=alpha), [alpha, alpha, 1.0])
    np.testing.assert_allclose(elu(z, alpha=alpha), alpha * np.expm1([-2.0, -0.5, 0.0]) + [0, 0, 3])
    np.testing.assert_allclose(
        elu.derivative(z, alpha=alpha), [alpha * math.exp(-2), alpha * math.exp(-0.5), 1.0]
    )


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_integers_and_lists_become_float64(name):
    f = ACTIVATIONS[name]
    assert f(np.array([-1, 0, 2])).dtype == np.float64
    assert f.derivative([-1, 0, 2]).dtype == np.float64


def test_sigmoid_saturates_to_exact_limits():
    np.testing.assert_array_equal(sigmoid(np.array([-1e4, 1e4])), [0.0, 1.0])
    np.testing.assert_array_equal(sigmoid.derivative(np.array([-1e4, 1e4])), [0.0, 0.0])


def test_get_looks_up_by_name_and_passes_activations_through():
    for name, f in ACTIVATIONS.items():
        assert get(name) is f
    assert get(tanh) is tanh
    assert isinstance(activations.get("elu"), Activation)


def test_relu_like_units_carry_the_he_gain():
    assert {n: f.gain for n, f in ACTIVATIONS.items()} == {
        "sigmoid": 1.0,
        "tanh": 1.0,
        "relu": 2.0,
        "leaky_relu": 2.0,
        "elu": 2.0,
    }


FORMULAS = {
    "sigmoid": [r"\frac{1}{1 + e^{-z}}", r"\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big)"],
    "tanh": [r"\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}", r"\tanh' z = 1 - \tanh^2 z"],
    "relu": [r"\max(0, z)", r"\mathrm{ReLU}'(z) = [z > 0]"],
    "leaky_relu": [r"\alpha z & z \le 0", r"\alpha & z \le 0"],
    "elu": [r"\alpha\,(e^{z} - 1) & z \le 0", r"\alpha e^{z} & z \le 0"],
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_help_shows_the_formula_and_its_derivative(name: str) -> None:
    """``help(relu)`` and the API page show the entry's own docstring: f and f' in TeX."""
    f = ACTIVATIONS[name]
    shown = pydoc.render_doc(f, renderer=pydoc.plaintext)
    assert all(tex in shown for tex in FORMULAS[name]), shown
    assert repr(f) == f"Activation(name={name!r}, gain={f.gain!r})"
