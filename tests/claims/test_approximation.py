"""Numerical checks of the claims made in the chapter *Universal approximation*."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnbook import MLP
from nnbook.activations import sigmoid
from nnbook.approximation import staircase, sup_error


def target(x: np.ndarray) -> np.ndarray:
    """The chapter's running example, f(x) = sin 3x + x/2 on [0, 3], Lipschitz with 3.5."""
    return np.sin(3 * x) + 0.5 * x


# (function, a, b, a Lipschitz constant on [a, b])
LIPSCHITZ_CASES = {
    "sin 3x + x/2 on [0, 3]": (target, 0.0, 3.0, 3.5),
    "x² on [−1, 2]": (np.square, -1.0, 2.0, 4.0),
    "|x − 0.3| on [0, 1]": (lambda x: np.abs(x - 0.3), 0.0, 1.0, 1.0),
    "|x − 0.3| on [−1, 1]": (lambda x: np.abs(x - 0.3), -1.0, 1.0, 1.0),
    "exp on [0, 1]": (np.exp, 0.0, 1.0, np.e),
    "cos on [−5, 5]": (np.cos, -5.0, 5.0, 1.0),
    "sin on [0, 2π]": (np.sin, 0.0, 2 * np.pi, 1.0),
    "cos 3x on [−1, 2]": (lambda x: np.cos(3 * x), -1.0, 2.0, 3.0),
    "3x + 1 on [0, 2]": (lambda x: 3 * x + 1, 0.0, 2.0, 3.0),
}


def cells(a: float, b: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Left edges x_k and midpoints m_k of the n cells of width dx = (b - a)/n."""
    dx = (b - a) / n
    edges = a + dx * np.arange(n)
    return edges, edges + dx / 2


@pytest.mark.parametrize("n", [1, 2, 5, 16, 37])
def test_staircase_equals_f_at_the_midpoint_of_each_cell_everywhere_in_the_cell(n: int) -> None:
    a, b = 0.0, 3.0
    net = staircase(target, a, b, n)
    edges, midpoints = cells(a, b, n)
    dx = (b - a) / n
    rng = np.random.default_rng(n)
    for j in range(n):
        x = edges[j] + dx * rng.uniform(0, 1, size=50)
        np.testing.assert_allclose(net(x), target(midpoints[j]), atol=1e-12)
    # The output weights are the jumps v_0 = f(m_0), v_k = f(m_k) - f(m_{k-1}).
    np.testing.assert_allclose(net.W2[:, 0], np.diff(target(midpoints), prepend=0.0))


@pytest.mark.parametrize("n", [4, 16, 64])
def test_area_under_the_staircase_is_the_midpoint_riemann_sum(n: int) -> None:
    a, b = 0.0, 3.0
    net = staircase(target, a, b, n)
    _, midpoints = cells(a, b, n)
    midpoint_sum = float(np.sum(target(midpoints)) * (b - a) / n)
    # Integrate the network itself: exactly, cell by cell, on a grid inside each cell's interior.
    x = np.linspace(a, b, 64 * n + 1)
    inner = (x[:-1] + x[1:]) / 2  # never on a threshold, so each value is one step's height
    area = float(np.sum(net(inner)) * (b - a) / (64 * n))
    assert area == pytest.approx(midpoint_sum, rel=1e-12)
    exact = (1 - np.cos(9.0)) / 3 + 9 / 4  # the integral of sin 3x + x/2 over [0, 3]
    # Midpoint rule: error at most (b - a) max|f''| dx^2 / 24, with |f''| <= 9.
    assert abs(midpoint_sum - exact) <= 3.0 * 9 * ((b - a) / n) ** 2 / 24


def test_network_is_the_matrix_formula_of_the_chapter() -> None:
    net = staircase(target, 0.0, 3.0, 12)
    x = np.linspace(-0.5, 3.5, 401)
    hidden = (x[:, None] @ net.W1 + net.b1 >= 0).astype(float)
    np.testing.assert_allclose(net(x), (hidden @ net.W2 + net.b2)[:, 0], rtol=1e-12)
    assert net.W1.shape == (1, 12) and net.W2.shape == (12, 1)
    np.testing.assert_array_equal(net.W1, 1.0)


@pytest.mark.parametrize("name", LIPSCHITZ_CASES)
def test_sup_error_never_exceeds_lip_times_length_over_2n(name: str) -> None:
    f, a, b, lip = LIPSCHITZ_CASES[name]
    for n in [1, 2, 3, 7, 10, 33, 50, 64, 100, 200, 255]:
        bound = lip * (b - a) / (2 * n)
        assert sup_error(f, staircase(f, a, b, n), a, b) <= bound * (1 + 1e-12)


def test_bound_is_attained_by_a_line() -> None:
    # For f(x) = 3x + 1 the left edge of each cell sits exactly h/2 from its centre.
    f, a, b, lip = LIPSCHITZ_CASES["3x + 1 on [0, 2]"]
    for n in (4, 10, 40):
        assert sup_error(f, staircase(f, a, b, n), a, b) == pytest.approx(lip * (b - a) / (2 * n))


def fitted_slope(f, a: float, b: float, widths: np.ndarray) -> float:
    errors = [sup_error(f, staircase(f, a, b, int(n)), a, b) for n in widths]
    return float(np.polyfit(np.log(widths), np.log(errors), 1)[0])


@pytest.mark.parametrize(
    "name", ["sin on [0, 2π]", "|x − 0.3| on [−1, 1]", "cos 3x on [−1, 2]", "3x + 1 on [0, 2]"]
)
def test_error_shrinks_like_one_over_n(name: str) -> None:
    f, a, b, _ = LIPSCHITZ_CASES[name]
    units = [2, 4, 8, 16, 32, 64, 128, 256]
    errors = [sup_error(f, staircase(f, a, b, n), a, b) for n in units]
    assert np.polyfit(np.log(units), np.log(errors), 1)[0] == pytest.approx(-1.0, abs=0.1)
    assert all(e2 < e1 for e1, e2 in itertools.pairwise(errors))


def test_error_shrinks_like_one_over_n_and_the_bound_is_nearly_tight() -> None:
    assert -1.03 < fitted_slope(target, 0.0, 3.0, 2 ** np.arange(3, 9)) < -0.97
    assert -1.1 < fitted_slope(target, 0.0, 3.0, 2 ** np.arange(1, 9)) < -0.9  # the page's fit
    error = sup_error(target, staircase(target, 0.0, 3.0, 256), 0.0, 3.0)
    assert 0.99 < error / (3.5 * 3.0 / (2 * 256)) <= 1.0


def test_square_root_is_approximated_at_rate_one_over_square_root_n() -> None:
    slope = fitted_slope(np.sqrt, 0.0, 1.0, 2 ** np.arange(1, 9))
    assert -0.55 < slope < -0.45


def test_sigmoid_and_step_units_differ_exactly_by_the_sigmoid_tail() -> None:
    s = np.linspace(-20, 20, 4001)
    s = s[s != 0]
    gap = np.abs(sigmoid(s) - (s >= 0))
    np.testing.assert_allclose(gap, sigmoid(-np.abs(s)), rtol=1e-12, atol=1e-15)
    assert np.all(sigmoid(-np.abs(s)) <= np.exp(-np.abs(s)))
    assert sigmoid(np.array([0.0]))[0] - 1.0 == -0.5


@pytest.mark.parametrize("kappa_dx", [1, 4, 16, 64, 256])
def test_sigmoid_network_stays_within_the_exponential_bound_of_the_step_network(
    kappa_dx: float,
) -> None:
    a, b, n = 0.0, 3.0, 16
    dx = (b - a) / n
    step_net = staircase(target, a, b, n)
    smooth = staircase(target, a, b, n, steepness=kappa_dx / dx)
    x = np.linspace(a, b, 4001)
    thresholds = -step_net.b1
    bound = np.exp(-(kappa_dx / dx) * np.abs(x[:, None] - thresholds)) @ np.abs(step_net.W2[:, 0])
    assert np.all(np.abs(smooth(x) - step_net(x)) <= bound + 1e-12)


def test_sigmoid_network_converges_to_the_step_network_as_steepness_grows() -> None:
    a, b, n = 0.0, 3.0, 16
    dx = (b - a) / n
    step_net = staircase(target, a, b, n)
    x = np.linspace(a, b, 20001)
    thresholds = -step_net.b1
    far = np.min(np.abs(x[:, None] - thresholds), axis=1) >= dx / 4
    step_error = sup_error(target, step_net, a, b)
    far_gaps, mean_gaps = [], []
    for kappa_dx in (16, 64, 256):
        smooth = staircase(target, a, b, n, steepness=kappa_dx / dx)
        gap = np.abs(smooth(x) - step_net(x))
        far_gaps.append(gap[far].max())
        mean_gaps.append(gap.mean())
        # At each interior threshold the gap settles at half the jump.
        at_t = np.abs(smooth(thresholds[1:]) - step_net(thresholds[1:]))
        np.testing.assert_allclose(at_t, np.abs(step_net.W2[1:, 0]) / 2, atol=0.01)
        if kappa_dx >= 64:
            # The sup error settles just below the step network's.
            assert 0.98 * step_error <= sup_error(target, smooth, a, b) <= step_error
    assert far_gaps[0] > far_gaps[1] > far_gaps[2] and far_gaps[1] < 1e-6
    # At the midpoints, dx/2 from every threshold, the sigmoid staircase is the step one.
    _, mids = cells(a, b, n)
    mid_gaps = [
        np.max(np.abs(staircase(target, a, b, n, steepness=k / dx)(mids) - step_net(mids)))
        for k in (1.0, 10.0, 100.0)
    ]
    assert mid_gaps[0] > mid_gaps[1] > mid_gaps[2] and mid_gaps[2] < 1e-12
    # Mean gap ~ 1/kappa: multiplying kappa by 4 divides it by about 4.
    ratios = np.array(mean_gaps[:-1]) / np.array(mean_gaps[1:])
    assert np.all((ratios > 3.5) & (ratios < 4.5))


def wiggle(x: np.ndarray) -> np.ndarray:
    """sin(1/x): continuous and bounded on (0, 1), not uniformly continuous there."""
    return np.sin(1 / x)


def peaks_and_troughs(j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points p_j where sin(1/x) = 1 and q_j where it is -1, both tending to 0."""
    return 1 / (np.pi / 2 + 2 * np.pi * j), 1 / (3 * np.pi / 2 + 2 * np.pi * j)


def test_sin_one_over_x_is_not_uniformly_continuous_on_the_open_interval() -> None:
    p, q = peaks_and_troughs(np.array([1, 10, 100, 10_000, 1_000_000]))
    np.testing.assert_allclose(wiggle(p), 1.0, atol=1e-9)
    np.testing.assert_allclose(wiggle(q), -1.0, atol=1e-9)
    distances = p - q
    assert np.all(np.diff(distances) < 0) and distances[-1] < 1e-12  # ever closer, values 2 apart


def random_sigmoid_network(rng: np.random.Generator, n: int):
    w, c, v = rng.normal(scale=3.0, size=(3, n))
    return (lambda x: sigmoid(np.outer(x, w) + c) @ v), 0.25 * float(np.sum(np.abs(v * w)))


def test_a_sigmoid_network_is_lipschitz_with_a_quarter_of_sum_v_w() -> None:
    rng = np.random.default_rng(0)
    for n in (1, 5, 50):
        net, lip = random_sigmoid_network(rng, n)
        x = np.linspace(-10, 10, 200_001)
        slopes = np.abs(np.diff(net(x)) / np.diff(x))
        assert slopes.max() <= lip * (1 + 1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_every_sigmoid_network_misses_sin_one_over_x_by_at_least_one_on_the_open_interval(
    seed: int,
) -> None:
    rng = np.random.default_rng(seed)
    p, q = peaks_and_troughs(np.array([10**7]))
    for n in (1, 10, 100, 1000):
        net, lip = random_sigmoid_network(rng, n)
        at_0 = float(net(np.zeros(1))[0])
        worst = max(abs(1 - net(p)[0]), abs(-1 - net(q)[0]))
        # |net(p) - net(0)| <= lip * p, so the error is within lip * p of 1 + |net(0)| >= 1.
        assert worst >= 1 + abs(at_0) - lip * p[0]
        assert worst >= 0.99


def test_sigmoid_staircases_converge_on_a_closed_interval_but_not_near_zero() -> None:
    """The page's table: sigmoid staircases (kappa dx = 64) on [0.1, 1] and on (0, 1)."""
    p, q = peaks_and_troughs(np.arange(1, 2001))
    near_0 = np.concatenate([p, q])
    closed_errors = []
    for n in (16, 64, 256, 512):
        on_closed = staircase(wiggle, 0.1, 1.0, n, steepness=64 * n / 0.9)
        on_open = staircase(wiggle, 0.0, 1.0, n, steepness=64 * n)
        closed_errors.append(sup_error(wiggle, on_closed, 0.1, 1.0))
        near_0_error = np.max(np.abs(wiggle(near_0) - on_open(near_0)))
        assert near_0_error >= 1 + abs(on_open(np.zeros(1))[0])
    assert all(e2 < e1 for e1, e2 in itertools.pairwise(closed_errors))
    assert closed_errors[-1] < 0.1 and closed_errors[-1] <= 100 * 0.9 / (2 * 512)
    # Quadrupling n from 64 to 256 divides the error by about 4, as for Lipschitz targets.
    assert 3.0 < closed_errors[1] / closed_errors[2] < 5.0


def test_staircase_freezes_outside_its_interval() -> None:
    a, b, n = 0.0, 3.0, 256
    net = staircase(target, a, b, n)
    _, midpoints = cells(a, b, n)
    np.testing.assert_array_equal(net(np.array([-10.0, -1.0, -0.01])), 0.0)
    np.testing.assert_allclose(net(np.array([3.01, 4.0, 100.0])), target(midpoints[-1]), atol=1e-12)


@pytest.mark.parametrize("D", [2, 3])
def test_grid_of_lipschitz_over_2eps_cells_per_side_reaches_accuracy_eps(D: int) -> None:
    """Piecewise-constant approximation on [0, 1]^D with m = ceil(Lip / 2eps) cells per side."""
    weights = np.linspace(1.0, 2.0, D)

    def f(x: np.ndarray) -> np.ndarray:  # Lipschitz w.r.t. the max-norm with Lip = sum(weights)
        return np.sin(x @ weights)

    lip, eps = float(weights.sum()), 0.05
    m = int(np.ceil(lip / (2 * eps)))
    x = np.random.default_rng(D).uniform(0, 1, size=(20_000, D))
    centres = (np.minimum(np.floor(x * m), m - 1) + 0.5) / m
    assert np.max(np.abs(f(x) - f(centres))) <= eps
    # ... and a coarser grid does not: some point misses by more than eps.
    coarse = m // 2
    coarse_centres = (np.minimum(np.floor(x * coarse), coarse - 1) + 0.5) / coarse
    assert np.max(np.abs(f(x) - f(coarse_centres))) > eps


def sawtooth_network(depth: int) -> MLP:
    net = MLP([1] + [2] * depth + [1], activation="relu")
    b = np.array([0.0, -0.5])
    middle = np.array([[2.0, 2.0], [-4.0, -4.0]])
    net.params = [np.array([[1.0, 1.0]]), b.copy()]
    for _ in range(depth - 1):
        net.params += [middle.copy(), b.copy()]
    net.params += [np.array([[2.0], [-4.0]]), np.zeros(1)]
    return net


def tent(x: np.ndarray) -> np.ndarray:
    return np.where(x <= 0.5, 2 * x, 2 - 2 * x)


def linear_pieces(x: np.ndarray, values: np.ndarray) -> int:
    slopes = np.diff(values) / np.diff(x)
    return 1 + int(np.sum(~np.isclose(slopes[1:], slopes[:-1])))


@pytest.mark.parametrize("depth", range(1, 11))
def test_deep_sawtooth_is_the_composed_tent_map_with_two_to_the_depth_pieces(depth: int) -> None:
    net = sawtooth_network(depth)
    hidden_units = sum(net.sizes[1:-1])
    assert hidden_units == 2 * depth
    x = np.linspace(0.0, 1.0, 2 ** (depth + 3) + 1)
    out = net.forward(x[:, None])[:, 0]
    composed = x
    for _ in range(depth):
        composed = tent(composed)
    np.testing.assert_allclose(out, composed, atol=1e-12)
    assert linear_pieces(x, out) == 2**depth


@pytest.mark.parametrize("n", [1, 2, 5, 10, 30])
def test_one_hidden_layer_relu_network_has_at_most_n_plus_1_pieces(n: int) -> None:
    rng = np.random.default_rng(n)
    for _ in range(20):
        w, c, v = rng.normal(size=(3, n))
        breakpoints = -c / w
        # The grid contains every breakpoint, so each grid interval lies in one linear piece.
        x = np.union1d(np.linspace(-5, 5, 1001), breakpoints[np.abs(breakpoints) < 5])
        values = np.maximum(np.outer(x, w) + c, 0) @ v
        assert linear_pieces(x, values) <= n + 1
