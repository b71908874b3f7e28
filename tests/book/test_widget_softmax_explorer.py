"""The softmax explorer's data (docs/figures/softmax-explorer.json) is nnbook's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from book.paths import FIGURES
from nnbook.activations import sigmoid
from nnbook.losses import binary_cross_entropy_with_logits, cross_entropy, mse_loss, softmax

DATA = json.loads((FIGURES / "softmax-explorer.json").read_text())
SETTINGS = [(0, 0), (0, 12), (3, 9), (6, 6), (10, 8), (12, 1), (12, 12)]


def test_logit_grid_covers_minus_three_to_three() -> None:
    np.testing.assert_array_equal(DATA["z"], np.arange(-3, 3.25, 0.5))


@pytest.mark.parametrize(("i", "j"), SETTINGS)
@pytest.mark.parametrize("c", [0, 1, 2])
def test_softmax_loss_and_gradient_are_nnbooks(i: int, j: int, c: int) -> None:
    z = np.array([[DATA["z"][i], DATA["z"][j], 0.0]])
    p = softmax(z)[0]
    np.testing.assert_allclose(DATA["p"][i][j], p, atol=5e-4 + 1e-12)
    assert DATA["loss"][i][j][c] == pytest.approx(cross_entropy(z, [c]), abs=5e-4 + 1e-12)
    grad = cross_entropy.grad(z, [c])[0]
    np.testing.assert_allclose(DATA["grad"][i][j][c], grad, atol=5e-4 + 1e-12)
    # what the widget shows: the gradient is softmax minus the one-hot target, summing to 0
    np.testing.assert_allclose(grad, p - np.eye(3)[c], atol=1e-15)
    assert abs(sum(DATA["grad"][i][j][c])) <= 1.5e-3


@pytest.mark.parametrize("t", [-2.5, 0.0, 1.5])
def test_shifting_every_logit_changes_nothing(t: float) -> None:
    """The prose's claim: logits (z0 + t, z1 + t, t) give the same numbers as (z0, z1, 0)."""
    z = np.array([[DATA["z"][2], DATA["z"][11], 0.0]])
    np.testing.assert_allclose(softmax(z + t), softmax(z), atol=1e-15)
    for c in range(3):
        assert cross_entropy(z + t, [c]) == pytest.approx(float(cross_entropy(z, [c])), abs=1e-13)
        np.testing.assert_allclose(
            cross_entropy.grad(z + t, [c]), cross_entropy.grad(z, [c]), atol=1e-15
        )


def test_sigmoid_curves_are_nnbooks() -> None:
    s = DATA["sigmoid"]
    z = np.linspace(*s["z"][:2], s["z"][2])
    assert s["z"] == [-6.0, 6.0, 121]
    one = np.ones_like(z)
    y_hat = sigmoid(z)
    np.testing.assert_allclose(s["y_hat"], y_hat, atol=5e-5 + 1e-12)
    np.testing.assert_allclose(s["mse"], mse_loss(y_hat, one, reduction="none"), atol=5e-5 + 1e-12)
    bce = binary_cross_entropy_with_logits(z, one, reduction="none")
    np.testing.assert_allclose(s["bce"], bce, atol=5e-5 + 1e-12)
    dmse = mse_loss.grad(y_hat, one, reduction="sum") * sigmoid.derivative(z)
    np.testing.assert_allclose(s["dmse"], dmse, atol=5e-5 + 1e-12)
    dbce = binary_cross_entropy_with_logits.grad(z, one, reduction="sum")
    np.testing.assert_allclose(s["dbce"], dbce, atol=5e-5 + 1e-12)


def test_squared_errors_gradient_vanishes_where_the_output_is_confidently_wrong() -> None:
    """The prose's claim: to the left squared error's gradient fades, cross-entropy's stays."""
    s = DATA["sigmoid"]
    assert s["dbce"][0] < -0.99 and s["dmse"][0] > -0.006
    left = slice(0, 54)  # z from -6 to -0.7, near -ln 2 where |dMSE/dz| is largest
    assert np.all(np.diff(s["dmse"][left]) < 0)  # weaker and weaker as z falls
    assert np.all(np.diff(s["dbce"]) > 0)  # cross-entropy: stronger as z falls
