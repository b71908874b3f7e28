"""The staircase explorer's data (docs/figures/staircase-explorer.json) is nnbook's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from book.figures.approximation import INTERVAL, LIPSCHITZ, target
from book.paths import FIGURES
from nnbook.approximation import staircase, sup_error

DATA = json.loads((FIGURES / "staircase-explorer.json").read_text())
A, B = INTERVAL


@pytest.mark.parametrize("i", [0, 4, 11])
def test_step_staircase_is_the_networks_graph(i: int) -> None:
    n = DATA["n"][i]
    net = staircase(target, A, B, n)
    step = DATA["step"][i]
    corners = np.array(step["x"])
    # each level is the network's output inside its cell, each corner a threshold
    mids = (corners[0::2] + corners[1::2]) / 2
    np.testing.assert_allclose(step["y"][0::2], net(mids), atol=5e-4)
    np.testing.assert_allclose(corners[1:-1:2], -net.b1[1:], atol=5e-5)
    assert step["error"] == pytest.approx(sup_error(target, net, A, B), abs=5e-5)
    assert step["bound"] == pytest.approx(LIPSCHITZ * (B - A) / (2 * n), abs=5e-5)
    assert step["error"] <= step["bound"]


@pytest.mark.parametrize(("i", "j"), [(0, 0), (5, 1), (11, 2)])
def test_sigmoid_curves_are_the_networks_outputs(i: int, j: int) -> None:
    n, k = DATA["n"][i], DATA["steepness"][j]
    net = staircase(target, A, B, n, steepness=k * n / (B - A))
    x = np.linspace(*DATA["x"][:2], DATA["x"][2])
    np.testing.assert_allclose(DATA["sigmoid"][i][j]["y"], net(x), atol=5e-3)
    np.testing.assert_allclose(DATA["target"], target(x), atol=5e-4)
    err = sup_error(target, net, A, B)
    assert DATA["sigmoid"][i][j]["error"] == pytest.approx(err, abs=5e-5)


def test_what_the_hint_says_about_sigmoid_units() -> None:
    """Gentle sigmoids (κΔx = 1) lose to steps from n = 6 on, κΔx = 4 beats them, κΔx = 16
    is within 2 % of them from n = 8 on (not at n = 2 to 6), and steps stay under the bound."""
    for i, n in enumerate(DATA["n"]):
        step = DATA["step"][i]["error"]
        gentle, middle, steep = (s["error"] for s in DATA["sigmoid"][i])
        assert step <= DATA["step"][i]["bound"]
        assert (gentle > step) == (n >= 6), n
        if n >= 2:
            assert middle < step, n
        if n >= 8:
            assert abs(steep - step) <= 0.02 * step, n
        elif n >= 2:
            assert abs(steep - step) > 0.05 * step, n
