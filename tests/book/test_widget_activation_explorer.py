"""The activation explorer's data (docs/figures/activation-explorer.json) is nnbook's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from book.paths import FIGURES
from nnbook import MLP
from nnbook.activations import ACTIVATIONS
from nnbook.losses import cross_entropy

DATA = json.loads((FIGURES / "activation-explorer.json").read_text())
ENTRY = {a["name"]: a for a in DATA["activations"]}


def first_over_last(activation: str, hidden: int) -> float:
    """The chapter's measurement: ‖∂𝓛/∂W_1‖ / ‖∂𝓛/∂W_{hidden+1}‖, 32 units, seed 0."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((256, 32))
    y = rng.integers(0, 10, size=256)
    net = MLP([32] + [32] * hidden + [10], activation=activation, seed=0)
    grads = net.backward(cross_entropy.grad(net.forward(X), y))
    return float(np.linalg.norm(grads.W[1]) / np.linalg.norm(grads.W[hidden + 1]))


def test_every_activation_is_offered_in_the_library_order() -> None:
    assert list(ENTRY) == list(ACTIVATIONS)
    assert DATA["depth"] == list(range(1, 31))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_curves_are_the_activation_and_its_derivative(name: str) -> None:
    f, entry = ACTIVATIONS[name], ENTRY[name]
    z = np.linspace(*DATA["z"][:2], DATA["z"][2])
    np.testing.assert_allclose(entry["f"], f(z), atol=5e-4)
    np.testing.assert_allclose(entry["df"], f.derivative(z), atol=5e-4)
    fine = np.linspace(-10, 10, 200001)
    assert entry["max"] == pytest.approx(f.derivative(fine).max(), abs=5e-5)
    assert entry["max"] == (0.25 if name == "sigmoid" else 1.0)  # the chapter's ceilings
    depth = np.array(DATA["depth"])
    np.testing.assert_allclose(entry["product"], entry["max"] ** depth, rtol=5e-3)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
@pytest.mark.parametrize("hidden", [1, 10, 30])
def test_ratio_is_the_measured_gradient_ratio(name: str, hidden: int) -> None:
    measured = ENTRY[name]["ratio"][DATA["depth"].index(hidden)]
    assert measured == pytest.approx(first_over_last(name, hidden), rel=5e-3)


def test_what_the_prose_says() -> None:
    """Sigmoid: about a quarter per layer, like 0.25^L; the others: no trend with depth."""
    depth = np.array(DATA["depth"])
    sigmoid = ENTRY["sigmoid"]
    per_layer = np.array(sigmoid["ratio"]) ** (1 / depth)
    assert np.all((per_layer[2:] > 0.2) & (per_layer[2:] < 0.26))
    assert sigmoid["ratio"][-1] < 1e-18
    for name in ("tanh", "relu", "leaky_relu", "elu"):
        ratio = np.array(ENTRY[name]["ratio"])
        assert np.all((ratio > 0.2) & (ratio < 2)), name
