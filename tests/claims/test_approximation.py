"""Numerical checks of the claims made in the chapter *Universal approximation*."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

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
    # For f(x) = 3x + 1 the left edge of each cell sits exactly dx/2 from its midpoint.
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


def test_the_average_of_two_levels_beats_both_exactly_in_the_middle_half() -> None:
    """|y - (A+B)/2| < min(|y - A|, |y - B|) iff y lies strictly inside the middle half of [A, B],
    and the average is never farther from y than the farther level."""
    rng = np.random.default_rng(5)
    A, B, y = rng.normal(size=(3, 100_000))
    lo, hi = np.minimum(A, B), np.maximum(A, B)
    avg = np.abs(y - (A + B) / 2)
    beats = avg < np.minimum(np.abs(y - A), np.abs(y - B))
    middle_half = (y > lo + (hi - lo) / 4) & (y < hi - (hi - lo) / 4)
    np.testing.assert_array_equal(beats, middle_half)
    assert np.all(avg <= np.maximum(np.abs(y - A), np.abs(y - B)) + 1e-15)


def test_at_a_threshold_a_steep_sigmoid_outputs_the_average_of_the_two_steps() -> None:
    """The page: n = 16, kappa dx = 64. The average beats both steps at the 12 thresholds where
    f is monotone on [m_(k-1), m_k] and loses to the nearer step at t_3, t_8, t_14."""
    a, b, n = 0.0, 3.0, 16
    dx = (b - a) / n
    _, midpoints = cells(a, b, n)
    levels = target(midpoints)
    t = a + dx * np.arange(1, n)
    smooth = staircase(target, a, b, n, steepness=64 / dx)
    np.testing.assert_allclose(smooth(t), (levels[:-1] + levels[1:]) / 2, atol=1e-12)
    err_avg = np.abs(target(t) - smooth(t))
    err_left, err_right = np.abs(target(t) - levels[:-1]), np.abs(target(t) - levels[1:])
    beats = err_avg < np.minimum(err_left, err_right)
    assert list(np.flatnonzero(~beats) + 1) == [3, 8, 14]
    # f' = 3 cos 3x + 1/2 changes sign between m_(k-1) and m_k exactly at those thresholds.
    u = np.linspace(t - dx / 2, t + dx / 2, 2001)  # column k: [m_(k-1), m_k]
    slope = 3 * np.cos(3 * u) + 0.5
    monotone = np.all(slope > 0, axis=0) | np.all(slope < 0, axis=0)
    np.testing.assert_array_equal(beats, monotone)
    assert np.all(err_avg <= np.maximum(err_left, err_right))


@pytest.mark.parametrize("name", LIPSCHITZ_CASES)
def test_near_a_threshold_a_steep_sigmoid_staircase_averages_the_two_neighbouring_levels(
    name: str,
) -> None:
    """Within dx/4 of an interior threshold the output is (1 - s) f(m_(k-1)) + s f(m_k) with
    s = sigma(kappa (x - t_k)), up to V exp(-3 kappa dx / 4)."""
    f, a, b, _ = LIPSCHITZ_CASES[name]
    n = 12
    dx = (b - a) / n
    kappa = 40 / dx
    net = staircase(f, a, b, n, steepness=kappa)
    _, midpoints = cells(a, b, n)
    levels = f(midpoints)
    V = float(np.sum(np.abs(net.W2)))
    for k in range(1, n):
        x = a + k * dx + np.linspace(-dx / 4, dx / 4, 101)
        s = sigmoid(kappa * (x - (a + k * dx)))
        average = (1 - s) * levels[k - 1] + s * levels[k]
        assert np.max(np.abs(net(x) - average)) <= V * np.exp(-3 * kappa * dx / 4) + 1e-12


# (function, a, b, an upper bound on its modulus of continuity omega(d) on [a, b])
CONTINUOUS_CASES = {
    "sqrt x on [0, 1]": (np.sqrt, 0.0, 1.0, np.sqrt),
    "cube root on [0, 1]": (np.cbrt, 0.0, 1.0, np.cbrt),
    "sqrt|x - 0.3| on [0, 1]": (lambda x: np.sqrt(np.abs(x - 0.3)), 0.0, 1.0, np.sqrt),
    "sin 3x + x/2 on [0, 3]": (target, 0.0, 3.0, lambda d: 3.5 * d),
    "sin(1/x) on [0.1, 1]": (lambda x: np.sin(1 / x), 0.1, 1.0, lambda d: 100 * d),
}


@pytest.mark.parametrize("name", CONTINUOUS_CASES)
def test_staircase_error_is_within_the_modulus_of_continuity_at_half_a_cell(name: str) -> None:
    f, a, b, omega = CONTINUOUS_CASES[name]
    for n in (1, 3, 10, 64, 257):
        dx = (b - a) / n
        assert sup_error(f, staircase(f, a, b, n), a, b) <= omega(dx / 2) * (1 + 1e-12)


def test_for_sqrt_the_modulus_bound_is_attained_at_zero() -> None:
    for n in (2, 16, 100, 256):
        error = sup_error(np.sqrt, staircase(np.sqrt, 0.0, 1.0, n), 0.0, 1.0)
        assert error == pytest.approx(np.sqrt(0.5 / n), rel=1e-12)
    # omega(d) = sqrt(d) on [0, 1]: no increment over a distance d exceeds the one at 0.
    x = np.linspace(0, 1, 100_001)
    for d in (0.001, 0.01, 0.3):
        shift = round(d * 100_000)
        assert np.max(np.sqrt(x[shift:]) - np.sqrt(x[:-shift])) == pytest.approx(np.sqrt(d))


@pytest.mark.parametrize("name", CONTINUOUS_CASES)
def test_sigmoid_staircase_error_within_omega_of_three_quarter_cell_plus_exponential_tail(
    name: str,
) -> None:
    """The page's proof: sup |f - f_kappa| <= omega(3 dx / 4) + V exp(-kappa dx / 4)."""
    f, a, b, omega = CONTINUOUS_CASES[name]
    for n in (4, 16, 64):
        dx = (b - a) / n
        V = float(np.sum(np.abs(staircase(f, a, b, n).W2)))
        for kappa_dx in (1.0, 8.0, 40.0, 200.0):
            net = staircase(f, a, b, n, steepness=kappa_dx / dx)
            bound = omega(3 * dx / 4) + V * np.exp(-kappa_dx / 4)
            assert sup_error(f, net, a, b) <= bound


def test_choosing_n_then_kappa_reaches_any_accuracy_for_a_merely_continuous_target() -> None:
    """Pick n with omega(3 dx / 4) < eps / 2, then kappa with V exp(-kappa dx / 4) < eps / 2."""
    for eps in (0.2, 0.1, 0.05):
        n = int(np.ceil(3 / (4 * (eps / 2) ** 2)))  # sqrt(3 / (4 n)) < eps / 2 on [0, 1]
        dx = 1.0 / n
        V = float(np.sum(np.abs(staircase(np.sqrt, 0.0, 1.0, n).W2)))
        kappa = 4 / dx * np.log(2 * V / eps) + 1 / dx
        net = staircase(np.sqrt, 0.0, 1.0, n, steepness=kappa)
        assert sup_error(np.sqrt, net, 0.0, 1.0) < eps


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
def test_the_sup_error_of_every_sigmoid_network_on_sin_one_over_x_is_at_least_one(
    seed: int,
) -> None:
    """The supremum over (0, 1), not a point: errors approach 1 + |net(0)| >= 1 near 0."""
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
    per_side = int(np.ceil(lip / (2 * eps)))  # J in the chapter
    x = np.random.default_rng(D).uniform(0, 1, size=(20_000, D))
    centres = (np.minimum(np.floor(x * per_side), per_side - 1) + 0.5) / per_side
    assert np.max(np.abs(f(x) - f(centres))) <= eps
    # ... and a coarser grid does not: some point misses by more than eps.
    coarse = per_side // 2
    coarse_centres = (np.minimum(np.floor(x * coarse), coarse - 1) + 0.5) / coarse
    assert np.max(np.abs(f(x) - f(coarse_centres))) > eps


def sawtooth_network(depth: int) -> MLP:
    net = MLP([1] + [2] * depth + [1], activation="relu")
    b = np.array([0.0, -0.5])
    middle = np.array([[2.0, 2.0], [-4.0, -4.0]])
    net.W[1][...], net.b[1][...] = [[1.0, 1.0]], b  # write into the views of θ
    for layer in range(2, depth + 1):
        net.W[layer][...], net.b[layer][...] = middle, b
    net.W[depth + 1][...], net.b[depth + 1][...] = [[2.0], [-4.0]], 0.0
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


# --------------------------------------------------------------------------------------------
# Approximating the sawtooth: a function with P linear pieces has L1 error
# at least 1/8 - (P + 1) / 2^(r + 2) against g_r (the page's section "Approximating the sawtooth").
# --------------------------------------------------------------------------------------------


def sawtooth(x: np.ndarray, r: int) -> np.ndarray:
    for _ in range(r):
        x = tent(x)
    return x


def exact_l1(
    knots_a: np.ndarray, values_a: np.ndarray, knots_b: np.ndarray, values_b: np.ndarray
) -> float:
    """Integral over [0, 1] of |A - B| for two continuous piecewise-linear functions, exactly."""
    x = np.union1d(knots_a, knots_b)
    gap = np.interp(x, knots_a, values_a) - np.interp(x, knots_b, values_b)
    left, right, width = gap[:-1], gap[1:], np.diff(x)
    total = np.abs(left) + np.abs(right)
    same_side = left * right >= 0
    crossing = np.divide(left**2 + right**2, 2 * total, out=np.zeros_like(total), where=total > 0)
    return float(np.sum(np.where(same_side, total / 2, crossing) * width))


def wrong_triangles(r: int, knots: np.ndarray, values: np.ndarray) -> int:
    """Full triangles of g_r on which the function stays on the other side of 1/2 throughout."""
    crossings = (2 * np.arange(2**r) + 1) / 2 ** (r + 1)
    count = 0
    for i in range(2**r - 1):
        lo, hi = crossings[i], crossings[i + 1]
        inside = knots[(knots > lo) & (knots < hi)]
        vals = np.interp(np.concatenate([[lo, hi], inside]), knots, values)
        peak = i % 2 == 0  # the first full triangle, from 2^-(r+1) to 3 * 2^-(r+1), is a peak
        count += bool(np.max(vals) < 0.5) if peak else bool(np.min(vals) >= 0.5)
    return count


def sawtooth_knots(r: int) -> tuple[np.ndarray, np.ndarray]:
    knots = np.arange(2**r + 1) / 2**r
    return knots, sawtooth(knots, r)


@pytest.mark.parametrize("r", [1, 3, 6, 9])
def test_sawtooth_crosses_one_half_two_to_the_r_times_and_each_triangle_encloses_2_to_minus_r_minus_2(
    r: int,
) -> None:
    x = np.linspace(0, 1, 2 ** (r + 4) + 1)
    g = sawtooth(x, r)
    assert int(np.sum(np.diff(g >= 0.5))) == 2**r
    np.testing.assert_allclose(g[:: 2**3][1::2], 0.5, atol=1e-12)  # at odd multiples of 2^-(r+1)
    assert np.trapezoid(np.abs(g - 0.5), x) == pytest.approx(0.25)  # 2^r triangles' worth
    first = (x >= 2.0 ** -(r + 1)) & (x <= 3 * 2.0 ** -(r + 1))
    assert np.trapezoid(np.abs(g[first] - 0.5), x[first]) == pytest.approx(2.0 ** -(r + 2))


def candidate_approximations(
    r: int, rng: np.random.Generator
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(knots, values) of continuous piecewise-linear functions on [0, 1] with few pieces: least-
    squares fits to g_r on random and on uniform knots, interpolants, follow-then-flat, random."""
    x = np.linspace(0, 1, 2 ** (r + 5) + 1)
    g = sawtooth(x, r)
    for pieces in (1, 2, 3, 5, 8, 2 ** (r - 2), 2 ** (r - 1) - 2):
        for uniform in (True, False):
            inner = (
                np.linspace(0, 1, pieces + 1)[1:-1]
                if uniform
                else np.sort(rng.uniform(0, 1, pieces - 1))
            )
            knots = np.concatenate([[0.0], inner, [1.0]])
            hats = np.array(
                [np.interp(x, knots, np.eye(pieces + 1)[i]) for i in range(pieces + 1)]
            ).T
            values = np.linalg.lstsq(hats, g, rcond=None)[0]
            yield knots, values
            yield knots, sawtooth(knots, r)  # the interpolant at those knots
            yield knots, rng.uniform(0, 1, pieces + 1)
    for stop in np.arange(0, 1, 2.0 ** (3 - r)):  # follow g_r up to a zero, rise to 1/2, stay
        u = stop + 2.0 ** -(r + 1)
        knots = np.append(np.arange(0, stop + 1e-12, 2.0**-r), [u, 1.0])
        yield knots, np.append(sawtooth(knots[:-1], r), 0.5)


@pytest.mark.parametrize("r", [4, 6, 8])
def test_every_function_with_p_pieces_misses_the_sawtooth_by_the_lower_bound(r: int) -> None:
    g_knots, g_values = sawtooth_knots(r)
    rng = np.random.default_rng(r)
    checked = 0
    for knots, values in candidate_approximations(r, rng):
        pieces = len(knots) - 1
        l1 = exact_l1(knots, values, g_knots, g_values)
        assert l1 >= 1 / 8 - (pieces + 1) / 2 ** (r + 2) - 1e-12
        # ... because at least 2^(r-1) - 1 - P triangles are wrong, each costing 2^-(r+2):
        wrong = wrong_triangles(r, knots, values)
        assert wrong >= 2 ** (r - 1) - 1 - pieces
        assert l1 >= wrong * 2.0 ** -(r + 2) - 1e-12
        checked += 1
    assert checked > 40


def test_follow_then_flat_has_error_a_quarter_minus_p_minus_three_halves_over_2_to_the_r_plus_2() -> (
    None
):
    r = 8
    g_knots, g_values = sawtooth_knots(r)
    for stop in (0.0, 1 / 16, 1 / 8, 1 / 4, 1 / 2):
        u = stop + 2.0 ** -(r + 1)
        knots = np.append(np.arange(0, stop + 1e-12, 2.0**-r), [u, 1.0])
        values = np.append(sawtooth(knots[:-1], r), 0.5)
        pieces = len(knots) - 1
        assert pieces == 2**r * stop + 2
        l1 = exact_l1(knots, values, g_knots, g_values)
        assert l1 == pytest.approx(0.25 - (pieces - 1.5) / 2 ** (r + 2), rel=1e-12)


def test_a_shallow_relu_network_below_2_to_the_r_minus_2_units_misses_by_a_sixteenth() -> None:
    """n + 2 <= 2^(r - 2) units give P <= n + 1 pieces and an L1 (so also sup) error >= 1/16."""
    r = 7
    n = 2 ** (r - 2) - 2
    g_knots, g_values = sawtooth_knots(r)
    rng = np.random.default_rng(0)
    x = np.linspace(0, 1, 2 ** (r + 5) + 1)
    for _ in range(20):
        # random breakpoints in (0, 1); output weights fitted by least squares to g_r
        c = rng.uniform(0, 1, n)
        features = np.column_stack([np.ones_like(x), np.maximum(x[:, None] - c, 0)])
        v = np.linalg.lstsq(features, sawtooth(x, r), rcond=None)[0]
        knots = np.concatenate([[0.0], np.sort(c), [1.0]])
        values = np.column_stack([np.ones_like(knots), np.maximum(knots[:, None] - c, 0)]) @ v
        assert len(knots) - 1 <= n + 1
        assert exact_l1(knots, values, g_knots, g_values) >= 1 / 16
