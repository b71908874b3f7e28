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
    h = (b - a) / n
    edges = a + h * np.arange(n)
    return edges, edges + h / 2


@pytest.mark.parametrize("n", [1, 2, 5, 16, 37])
def test_staircase_equals_f_at_the_centre_of_each_cell_everywhere_in_the_cell(n: int) -> None:
    a, b = 0.0, 3.0
    net = staircase(target, a, b, n)
    edges, centres = cells(a, b, n)
    h = (b - a) / n
    rng = np.random.default_rng(n)
    for j in range(n):
        x = edges[j] + h * rng.uniform(0, 1, size=50)
        np.testing.assert_allclose(net(x), target(centres[j]), atol=1e-12)


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


@pytest.mark.parametrize("kappa_h", [1, 4, 16, 64, 256])
def test_sigmoid_network_stays_within_the_exponential_bound_of_the_step_network(
    kappa_h: float,
) -> None:
    a, b, n = 0.0, 3.0, 16
    h = (b - a) / n
    step_net = staircase(target, a, b, n)
    smooth = staircase(target, a, b, n, steepness=kappa_h / h)
    x = np.linspace(a, b, 4001)
    thresholds = -step_net.b1
    bound = np.exp(-(kappa_h / h) * np.abs(x[:, None] - thresholds)) @ np.abs(step_net.W2[:, 0])
    assert np.all(np.abs(smooth(x) - step_net(x)) <= bound + 1e-12)


def test_sigmoid_network_converges_to_the_step_network_as_steepness_grows() -> None:
    a, b, n = 0.0, 3.0, 16
    h = (b - a) / n
    step_net = staircase(target, a, b, n)
    x = np.linspace(a, b, 20001)
    thresholds = -step_net.b1
    far = np.min(np.abs(x[:, None] - thresholds), axis=1) >= h / 4
    step_error = sup_error(target, step_net, a, b)
    far_gaps, mean_gaps = [], []
    for kappa_h in (16, 64, 256):
        smooth = staircase(target, a, b, n, steepness=kappa_h / h)
        gap = np.abs(smooth(x) - step_net(x))
        far_gaps.append(gap[far].max())
        mean_gaps.append(gap.mean())
        # At each interior threshold the gap settles at half the jump.
        at_t = np.abs(smooth(thresholds[1:]) - step_net(thresholds[1:]))
        np.testing.assert_allclose(at_t, np.abs(step_net.W2[1:, 0]) / 2, atol=0.01)
        if kappa_h >= 64:
            # The sup error settles just below the step network's.
            assert 0.98 * step_error <= sup_error(target, smooth, a, b) <= step_error
    assert far_gaps[0] > far_gaps[1] > far_gaps[2] and far_gaps[1] < 1e-6
    # At the cell centres, h/2 from every threshold, the sigmoid staircase is the step one.
    _, centres = cells(a, b, n)
    centre_gaps = [
        np.max(np.abs(staircase(target, a, b, n, steepness=k / h)(centres) - step_net(centres)))
        for k in (1.0, 10.0, 100.0)
    ]
    assert centre_gaps[0] > centre_gaps[1] > centre_gaps[2] and centre_gaps[2] < 1e-12
    # Mean gap ~ 1/kappa: multiplying kappa by 4 divides it by about 4.
    ratios = np.array(mean_gaps[:-1]) / np.array(mean_gaps[1:])
    assert np.all((ratios > 3.5) & (ratios < 4.5))


def test_staircase_freezes_outside_its_interval() -> None:
    a, b, n = 0.0, 3.0, 256
    net = staircase(target, a, b, n)
    _, centres = cells(a, b, n)
    np.testing.assert_array_equal(net(np.array([-10.0, -1.0, -0.01])), 0.0)
    np.testing.assert_allclose(net(np.array([3.01, 4.0, 100.0])), target(centres[-1]), atol=1e-12)


@pytest.mark.parametrize("d", [2, 3])
def test_grid_of_lipschitz_over_2eps_cells_per_side_reaches_accuracy_eps(d: int) -> None:
    """Piecewise-constant approximation on [0, 1]^d with m = ceil(Lip / 2eps) cells per side."""
    weights = np.linspace(1.0, 2.0, d)

    def f(x: np.ndarray) -> np.ndarray:  # Lipschitz w.r.t. the max-norm with Lip = sum(weights)
        return np.sin(x @ weights)

    lip, eps = float(weights.sum()), 0.05
    m = int(np.ceil(lip / (2 * eps)))
    x = np.random.default_rng(d).uniform(0, 1, size=(20_000, d))
    centres = (np.minimum(np.floor(x * m), m - 1) + 0.5) / m
    assert np.max(np.abs(f(x) - f(centres))) <= eps
    assert m**d == int(np.ceil(lip / (2 * eps))) ** d


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
