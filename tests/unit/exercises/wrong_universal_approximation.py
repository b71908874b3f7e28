"""Deliberately wrong answers to the exercises of chapter 3: each must fail a check."""

import math

import numpy as np

from nnbook import MLP
from nnbook.approximation import staircase

# ----------------------------------------------------------------------------- 3.1


def left_edge_units(lip, x_min, x_max, eps):
    """Sized for the left-edge bound Lip·Δx: twice as many units as needed."""
    return math.ceil(lip * (x_max - x_min) / eps)


def rounded_units(lip, x_min, x_max, eps):
    """Rounds to the nearest count instead of up: sometimes one unit short."""
    return round(lip * (x_max - x_min) / (2 * eps))


def floor_plus_one_units(lip, x_min, x_max, eps):
    """floor(r) + 1 for ceil(r): one unit too many when the count comes out whole."""
    return math.floor(lip * (x_max - x_min) / (2 * eps)) + 1


def unrounded_units(lip, x_min, x_max, eps):
    """The solution of the inequality, not a number of units."""
    return lip * (x_max - x_min) / (2 * eps)


def widthless_units(lip, x_min, x_max, eps):
    """Forgets the width of the interval (right only on [0, 1])."""
    return math.ceil(lip / (2 * eps))


# ----------------------------------------------------------------------------- 3.3


def fixed_lambda(lip, M, x_min, x_max, eps):
    """κ grows like n with λ = κΔx fixed at 2: the first unit is never fully on at x_min."""
    n = math.ceil(lip * (x_max - x_min) / eps)
    return n, 2.0 * n / (x_max - x_min)


def kappa_is_lambda(lip, M, x_min, x_max, eps):
    """Forgets to divide λ by Δx: the sigmoids are far too gentle."""
    n = math.ceil(lip * (x_max - x_min) / eps)
    return n, max(6.0, 2 * np.log(4 * M / eps))


def too_few_units(lip, M, x_min, x_max, eps):
    """Steep enough, but a quarter of the units the staircase needs."""
    n = math.ceil(lip * (x_max - x_min) / (8 * eps))
    return n, 50.0 * n / (x_max - x_min)


def float_units(lip, M, x_min, x_max, eps):
    """n left as the bound's real number."""
    n = lip * (x_max - x_min) / eps
    return n, max(6.0, 2 * np.log(4 * M / eps)) * n / (x_max - x_min)


# ----------------------------------------------------------------------------- 3.4


def slopes_not_changes(values, dx):
    """γ_k = β_k: the slopes themselves, as the staircase's heights were the values."""
    return np.diff(values) / dx


def changes_of_values(values, dx):
    """The staircase's rule, np.diff(values, prepend=0.0), copied: n + 1 weights."""
    return np.diff(values, prepend=0.0)


def forgot_dx(values, dx):
    """Changes of the differences, not of the slopes: Δx is forgotten."""
    return np.diff(np.diff(values), prepend=0.0)


def shifted_changes(values, dx):
    """The changes of slope taken forward, β_{k+1} − β_k: off by one."""
    return np.diff(np.diff(values) / dx, append=0.0)


# ----------------------------------------------------------------------------- 3.5


def _ramps(knots, weights, bias):
    net = MLP([1, len(weights), 1], activation="relu")
    net.W[1][...] = 1.0
    net.b[1][...] = -knots[:-1]
    net.W[2][...] = np.asarray(weights, dtype=float)[:, None]
    net.b[2][...] = bias
    return lambda x: net.forward(np.asarray(x, dtype=float).reshape(-1, 1))[:, 0]


def no_output_bias(func, lo, hi, n):
    """Forgets b2 = func(lo): the right shape, shifted."""
    knots = np.linspace(lo, hi, n + 1)
    slopes = np.diff(func(knots)) / np.diff(knots)
    return _ramps(knots, np.diff(slopes, prepend=0.0), 0.0)


def slopes_as_weights(func, lo, hi, n):
    """W2 = the slopes β_k instead of their changes: slopes pile up."""
    knots = np.linspace(lo, hi, n + 1)
    values = func(knots)
    return _ramps(knots, np.diff(values) / np.diff(knots), values[0])


def staircase_instead(func, lo, hi, n):
    """The chapter's step network, not ramps."""
    return staircase(func, lo, hi, n)


def n_knots(func, lo, hi, n):
    """np.linspace(lo, hi, n): n − 1 cells, an off-by-one in the grid."""
    knots = np.linspace(lo, hi, n)
    values = func(knots)
    slopes = np.diff(values) / np.diff(knots)
    return _ramps(knots, np.diff(slopes, prepend=0.0), values[0])


def smoothed_corners(func, lo, hi, n):
    """Softplus units for ReLU: right at the grid points only approximately, curved between."""
    knots = np.linspace(lo, hi, n + 1)
    values = func(knots)
    gammas = np.diff(np.diff(values) / np.diff(knots), prepend=0.0)
    width = (hi - lo) / n / 20

    def net(x):
        s = (np.asarray(x, dtype=float)[:, None] - knots[:-1]) / width
        return values[0] + width * np.logaddexp(0.0, s) @ gammas

    return net


# ----------------------------------------------------------------------------- 3.7


def _box_network(target, per_side, where, threshold=1.5, swap=False):
    axis = staircase(lambda u: u, 0.0, 1.0, per_side)
    points = (np.arange(per_side) + where) / per_side
    if swap:
        heights = target(points[None, :], points[:, None]).ravel()
    else:
        heights = target(points[:, None], points[None, :]).ravel()

    def net(X):
        cells = []
        for column in (X[:, 0], X[:, 1]):
            H = axis.hidden(column)
            cells.append(H - np.concatenate([H[:, 1:], np.zeros((len(X), 1))], axis=1))
        Z2 = cells[0][:, :, None] + cells[1][:, None, :] - threshold
        return (Z2 >= 0).reshape(len(X), -1).astype(float) @ heights

    return net


def corner_bumps(target, per_side):
    """Stores the target at each box's lower-left corner, not its centre."""
    return _box_network(target, per_side, 0.0)


def swapped_bumps(target, per_side):
    """The table of heights transposed: ξ and ζ exchanged."""
    return _box_network(target, per_side, 0.5, swap=True)


def arms_kept(target, per_side):
    """Thresholds the sums at 1/2: the arms of every cross switch on too."""
    return _box_network(target, per_side, 0.5, threshold=0.5)


def one_layer_crosses(target, per_side):
    """One hidden layer: each box's height spread over its cross, halved."""
    axis = staircase(lambda u: u, 0.0, 1.0, per_side)
    centres = (np.arange(per_side) + 0.5) / per_side
    heights = target(centres[:, None], centres[None, :])

    def net(X):
        cells = []
        for column in (X[:, 0], X[:, 1]):
            H = axis.hidden(column)
            cells.append(H - np.concatenate([H[:, 1:], np.zeros((len(X), 1))], axis=1))
        return 0.5 * (cells[0] @ heights.sum(axis=1) + cells[1] @ heights.sum(axis=0)) / per_side

    return net


def target_itself(target, per_side):
    """No network: the target, which no box of constants can be."""
    return lambda X: target(X[:, 0], X[:, 1])


WRONG: dict[str, list[object]] = {
    "3.1": [left_edge_units, rounded_units, floor_plus_one_units, unrounded_units, widthless_units],
    "3.2": [(0.05, 0.005), (0.2, 0.02), (0.1, 0.001), (0.1, 0.1)],
    "3.3": [fixed_lambda, kappa_is_lambda, too_few_units, float_units],
    "3.4": [slopes_not_changes, changes_of_values, forgot_dx, shifted_changes],
    "3.5": [no_output_bias, slopes_as_weights, staircase_instead, n_knots, smoothed_corners],
    "3.6": [(0.0, 0.03125), (0.05, 0.03125), (0.02, 0.0), (0.0, 0.0078)],
    "3.7": [corner_bumps, swapped_bumps, arms_kept, one_layer_crosses, target_itself],
}
