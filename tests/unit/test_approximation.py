r"""Tests for :mod:`nnbook.approximation`: the staircase network and its $1/n$ error bound."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnbook import MLP
from nnbook.approximation import StaircaseNetwork, staircase, sup_error

# (f, a, b, Lipschitz constant of f on [a, b])
FUNCTIONS = {
    "sin on [0, 2π]": (np.sin, 0.0, 2 * np.pi, 1.0),
    "|x − 0.3| on [−1, 1]": (lambda x: np.abs(x - 0.3), -1.0, 1.0, 1.0),
    "cos 3x on [−1, 2]": (lambda x: np.cos(3 * x), -1.0, 2.0, 3.0),
    "3x + 1 on [0, 2]": (lambda x: 3 * x + 1, 0.0, 2.0, 3.0),
}
UNITS = [2, 4, 8, 16, 32, 64, 128, 256]


def loglog_slope(ns, errors):
    return float(np.polyfit(np.log(ns), np.log(errors), 1)[0])


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("n", [1, 3, 10, 50, 200])
def test_sup_error_is_within_lip_times_width_over_2n(name, n):
    f, a, b, lip = FUNCTIONS[name]
    net = staircase(f, a, b, n)
    assert sup_error(f, net, a, b) <= lip * (b - a) / (2 * n) * (1 + 1e-12)


def test_bound_is_attained_by_a_line():
    # For f(x) = 3x + 1 the left edge of each cell sits exactly h/2 from its centre.
    f, a, b, lip = FUNCTIONS["3x + 1 on [0, 2]"]
    for n in (4, 10, 40):
        assert sup_error(f, staircase(f, a, b, n), a, b) == pytest.approx(lip * (b - a) / (2 * n))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_error_shrinks_like_one_over_n(name):
    f, a, b, _ = FUNCTIONS[name]
    errors = [sup_error(f, staircase(f, a, b, n), a, b) for n in UNITS]
    assert loglog_slope(UNITS, errors) == pytest.approx(-1.0, abs=0.1)
    assert all(e2 < e1 for e1, e2 in itertools.pairwise(errors))


def test_each_cell_takes_the_value_at_its_centre():
    f, a, b, n = np.sin, 0.0, 2 * np.pi, 7
    net = staircase(f, a, b, n)
    h = (b - a) / n
    centres = a + h * (np.arange(n) + 0.5)
    np.testing.assert_allclose(net(centres), f(centres), atol=1e-12)
    # Intermediate: in cell k exactly the first k + 1 step units are on.
    on = net.hidden(centres)
    np.testing.assert_array_equal(on, np.tril(np.ones((n, n))))
    # Constant on each cell: left edge, centre and just before the right edge agree.
    np.testing.assert_allclose(net(centres - h / 2), net(centres))
    np.testing.assert_allclose(net(centres + 0.499 * h), net(centres))


def test_network_layout():
    net = staircase(np.sin, 0.0, 1.0, 5)
    assert isinstance(net, StaircaseNetwork)
    assert [p.shape for p in net.params] == [(1, 5), (5,), (5, 1), (1,)]
    assert net(np.linspace(0, 1, 9)).shape == (9,)


def test_sigmoid_units_with_steepness():
    f, a, b, lip = FUNCTIONS["sin on [0, 2π]"]
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


def test_steep_sigmoids_become_steps():
    f, a, b, n = np.sin, 0.0, 2 * np.pi, 10
    step = staircase(f, a, b, n)
    centres = a + (b - a) / n * (np.arange(n) + 0.5)
    gaps = [
        np.max(np.abs(staircase(f, a, b, n, steepness=k)(centres) - step(centres)))
        for k in (1.0, 10.0, 100.0)
    ]
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-12


def test_sigmoid_staircase_is_an_mlp_with_scaled_first_layer():
    # σ(κ(x w + b)) = σ(x (κw) + κb): load the scaled parameters into an MLP with sigmoid units.
    kappa = 15.0
    net = staircase(np.cos, -1.0, 1.0, 6, steepness=kappa)
    mlp = MLP([1, 6, 1], activation="sigmoid")
    W1, b1, W2, b2 = net.params
    mlp.params[:] = [kappa * W1, kappa * b1, W2.copy(), b2.copy()]
    x = np.linspace(-1, 1, 50)
    np.testing.assert_allclose(mlp.forward(x[:, None])[:, 0], net(x), atol=1e-12)


def test_sup_error_is_the_largest_gap_on_the_grid():
    assert sup_error(np.sin, lambda x: np.sin(x) + 0.25, 0.0, 1.0) == pytest.approx(0.25)
    assert sup_error(lambda x: x, np.zeros_like, 0.0, 2.0, points=5) == 2.0
