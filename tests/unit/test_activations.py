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
        "leaky_relu": 2 / (1 + 0.01**2),  # 2/(1 + α²) at the default α
        "elu": 2.0,
    }
    assert all(isinstance(f.gain, float) for f in ACTIVATIONS.values())


def _half_normal_moments(n: int = 4001, upper: float = 12.0) -> tuple[np.ndarray, np.ndarray]:
    """Nodes z ≥ 0 and weights w with Σ w h(z) ≈ ∫_0^∞ h(z) φ(z) dz, φ the standard normal
    density (composite Simpson on [0, upper]; the tail beyond 12 weighs below 1e-30)."""
    z = np.linspace(0.0, upper, n)
    w = np.full(n, 2.0)
    w[1::2], w[0], w[-1] = 4.0, 1.0, 1.0
    return z, w * (z[1] - z[0]) / 3 * np.exp(-(z**2) / 2) / math.sqrt(2 * math.pi)


@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_gain_is_the_ratio_of_second_moments_where_it_is_exact(name, rng):
    r"""For a symmetric $z$, $\mathbb E[f(z)^2] = \mathbb E[z^2]/g$: what keeps the variance of
    the pre-activations from layer to layer under $\mathcal N(0, g/n_{l-1})$ weights.

    Checked by quadrature for $z \sim \mathcal N(0, 1)$, where the two halves of the line are
    integrated apart (no node at the kink is needed), and by Monte Carlo for a symmetric law of
    another shape (Laplace), where the identity holds as well.
    """
    f = ACTIVATIONS[name]
    z, w = _half_normal_moments()
    second = np.sum(w * (f(z) ** 2 + f(-z) ** 2))  # E[f(z)²], both halves
    assert np.sum(w * 2 * z**2) == pytest.approx(1.0, rel=1e-12)  # E[z²] = 1
    assert second * f.gain == pytest.approx(1.0, rel=1e-12)
    laplace = rng.laplace(0.0, 1.0, 400_000)
    ratio = np.mean(f(laplace) ** 2) / np.mean(laplace**2)
    assert ratio * f.gain == pytest.approx(1.0, rel=0.02)


def test_tanh_gain_is_exact_only_in_the_linear_regime():
    """tanh z ≈ z near 0, so E[tanh(z)²]/E[z²] → 1 = gain as Var z → 0, and is below 1 away from 0
    (|tanh z| < |z| for z ≠ 0)."""
    z, w = _half_normal_moments()
    for s, low, high in ((1e-3, 1 - 1e-5, 1.0), (1.0, 0.3, 0.5)):
        ratio = np.sum(w * 2 * np.tanh(s * z) ** 2) / s**2
        assert low < ratio * tanh.gain < high


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
