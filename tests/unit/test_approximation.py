r"""Tests for :mod:`nnbook.approximation`: the staircase network's layout and hidden units,
sigmoid units, its equivalence with an :class:`nnbook.MLP`, and ``sup_error``. The $1/n$ error
bound the chapter derives is checked in tests/claims/test_approximation.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import MLP
from nnbook.approximation import StaircaseNetwork, staircase, sup_error


def loglog_slope(ns, errors):
    return float(np.polyfit(np.log(ns), np.log(errors), 1)[0])


def test_in_cell_k_exactly_the_first_k_plus_1_units_are_on():
    # The hidden layer behind "each cell takes f at its centre" (tests/claims).
    f, a, b, n = np.sin, 0.0, 2 * np.pi, 7
    net = staircase(f, a, b, n)
    h = (b - a) / n
    centres = a + h * (np.arange(n) + 0.5)
    for x in (centres - h / 2, centres, centres + 0.499 * h):  # left edge to near the right
        np.testing.assert_array_equal(net.hidden(x), np.tril(np.ones((n, n))))


def test_network_layout():
    net = staircase(np.sin, 0.0, 1.0, 5)
    assert isinstance(net, StaircaseNetwork)
    assert [p.shape for p in net.params] == [(1, 5), (5,), (5, 1), (1,)]
    assert net(np.linspace(0, 1, 9)).shape == (9,)


def test_sigmoid_units_with_steepness():
    f, a, b, lip = np.sin, 0.0, 2 * np.pi, 1.0
    ns = [8, 16, 32, 64, 128]
    # Steepness scaled with the cell width (κh = 40): the sigmoid staircase keeps the bound.
    errors = []
    for n in ns:
        kappa = 40 * n / (b - a)
        err = sup_error(f, staircase(f, a, b, n, steepness=kappa), a, b)
        assert err <= lip * (b - a) / (2 * n) * 1.01
        errors.append(err)
    assert loglog_slope(ns, errors) == pytest.approx(-1.0, abs=0.15)
    # Gentle sigmoids (κh = 0.5) blur the steps and lose the bound.
    gentle = staircase(f, a, b, 32, steepness=0.5 * 32 / (b - a))
    assert sup_error(f, gentle, a, b) > 2 * lip * (b - a) / 64


def test_sigmoid_staircase_is_an_mlp_with_scaled_first_layer():
    # σ(κ(x w + b)) = σ(x (κw) + κb): load the scaled parameters into an MLP with sigmoid units.
    kappa = 15.0
    net = staircase(np.cos, -1.0, 1.0, 6, steepness=kappa)
    mlp = MLP([1, 6, 1], activation="sigmoid")
    W1, b1, W2, b2 = net.params
    mlp.W[1][...], mlp.b[1][...] = kappa * W1, kappa * b1  # into the views of θ
    mlp.W[2][...], mlp.b[2][...] = W2, b2
    x = np.linspace(-1, 1, 50)
    np.testing.assert_allclose(mlp.forward(x[:, None])[:, 0], net(x), atol=1e-12)


def test_sup_error_is_the_largest_gap_on_the_grid():
    assert sup_error(np.sin, lambda x: np.sin(x) + 0.25, 0.0, 1.0) == pytest.approx(0.25)
    assert sup_error(lambda x: x, np.zeros_like, 0.0, 2.0, points=5) == 2.0
