"""Deliberately wrong answers to the exercises of chapter 5: each must fail a check."""

from __future__ import annotations

import numpy as np

from nnbook.activations import elu

# ----------------------------------------------------------------------------- 5.3


def elu_derivative_without_alpha(z, alpha):
    """The α forgotten on the negative side: right only for α = 1."""
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))


def elu_itself(z, alpha):
    """The negative branch of elu, not of its derivative."""
    return np.where(z > 0, 1.0, alpha * np.expm1(np.minimum(z, 0)))


def elu_derivative_as_leaky(z, alpha):
    """Leaky ReLU's constant slope on the negative side."""
    return np.where(z > 0, 1.0, alpha)


def elu_derivative_copying_the_function(z, alpha):
    """The positive branch copied from elu itself: z instead of 1."""
    return np.where(z > 0, z, alpha * np.exp(np.minimum(z, 0)))


def elu_derivative_in_place(z, alpha):
    """Right values, written over the caller's z."""
    negative = z <= 0
    z[negative] = alpha * np.exp(z[negative])
    z[~negative] = 1.0
    return z


# ----------------------------------------------------------------------------- 5.5


def dead_on_some_row(net, X):
    """np.any instead of np.all: counts units that are inactive on *some* row."""
    counts, A = [], X
    for k in range(1, len(net.sizes) - 1):
        Z = A @ net.W[k] + net.b[k]
        counts.append(int(np.any(Z <= 0, axis=0).sum()))
        A = net.activation(Z)
    return counts


def dead_strictly_negative(net, X):
    """z < 0 instead of z <= 0: a unit at exactly 0 is dead too."""
    counts, A = [], X
    for k in range(1, len(net.sizes) - 1):
        Z = A @ net.W[k] + net.b[k]
        counts.append(int(np.all(Z < 0, axis=0).sum()))
        A = net.activation(Z)
    return counts


def dead_without_activation(net, X):
    """The next layer fed with Z instead of the activations f(Z)."""
    counts, A = [], X
    for k in range(1, len(net.sizes) - 1):
        A = A @ net.W[k] + net.b[k]
        counts.append(int(np.all(A <= 0, axis=0).sum()))
    return counts


def dead_rows(net, X):
    """axis=1: counts the rows on which every unit is inactive."""
    counts, A = [], X
    for k in range(1, len(net.sizes) - 1):
        Z = A @ net.W[k] + net.b[k]
        counts.append(int(np.all(Z <= 0, axis=1).sum()))
        A = net.activation(Z)
    return counts


def dead_with_output_layer(net, X):
    """The output layer counted as well: one count too many."""
    counts, A = [], X
    for k in range(1, len(net.sizes)):
        Z = A @ net.W[k] + net.b[k]
        counts.append(int(np.all(Z <= 0, axis=0).sum()))
        A = net.activation(Z)
    return counts


# ----------------------------------------------------------------------------- 5.6


def _dead_first_layer(net, X, strict=False):
    Z = X @ net.W[1] + net.b[1]
    return np.all(Z < 0 if strict else Z <= 0, axis=0)


def reinit_every_unit(net, X, rng):
    """The whole first layer re-initialised, living units too."""
    n0, n1 = net.W[1].shape
    dead = _dead_first_layer(net, X)
    net.W[1][...] = rng.standard_normal((n0, n1)) * np.sqrt(2 / n0)
    net.b[1][...] = 0.0
    return int(dead.sum())


def reinit_keeping_bias(net, X, rng):
    """New weights, but the lowered bias kept."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * np.sqrt(2 / n0)
    return int(dead.sum())


def reinit_xavier(net, X, rng):
    """Variance 1/n₀ (the tanh scale) instead of He's 2/n₀."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * np.sqrt(1 / n0)
    net.b[1][dead] = 0.0
    return int(dead.sum())


def reinit_std_for_variance(net, X, rng):
    """2/n₀ used as the standard deviation, not the variance."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * (2 / n0)
    net.b[1][dead] = 0.0
    return int(dead.sum())


def reinit_fan_out(net, X, rng):
    """The layer's width n₁ in place of n₀."""
    n0, n1 = net.W[1].shape
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * np.sqrt(2 / n1)
    net.b[1][dead] = 0.0
    return int(dead.sum())


def reinit_fresh_generator(net, X, rng):
    """A new, unseeded generator instead of rng."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = np.random.default_rng().standard_normal((n0, dead.sum())) * np.sqrt(2 / n0)
    net.b[1][dead] = 0.0
    return int(dead.sum())


def reinit_strictly_negative(net, X, rng):
    """z < 0 instead of z <= 0: the unit stuck at exactly 0 is left alone."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X, strict=True)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * np.sqrt(2 / n0)
    net.b[1][dead] = 0.0
    return int(dead.sum())


def reinit_returning_nothing(net, X, rng):
    """The repair done, the return forgotten."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * np.sqrt(2 / n0)
    net.b[1][dead] = 0.0


def reinit_counting_the_living(net, X, rng):
    """Returns the number of units left alone."""
    n0 = net.W[1].shape[0]
    dead = _dead_first_layer(net, X)
    net.W[1][:, dead] = rng.standard_normal((n0, dead.sum())) * np.sqrt(2 / n0)
    net.b[1][dead] = 0.0
    return int((~dead).sum())


# ----------------------------------------------------------------------------- 5.7

_C, _KAPPA = np.sqrt(2 / np.pi), 0.044715


def gelu_derivative_without_inner(z):
    """The chain rule stopped at tanh: the factor u'(z) forgotten."""
    t = np.tanh(_C * (z + _KAPPA * z**3))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t**2)


def gelu_derivative_without_three(z):
    """d(κz³)/dz taken as κz²."""
    t = np.tanh(_C * (z + _KAPPA * z**3))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t**2) * _C * (1 + _KAPPA * z**2)


def gelu_derivative_first_term_only(z):
    """The product rule's second term forgotten."""
    return 0.5 * (1 + np.tanh(_C * (z + _KAPPA * z**3)))


def gelu_derivative_with_exp(z):
    """Right formula, tanh written with exponentials: inf / inf for large z."""
    e = np.exp(2 * _C * (z + _KAPPA * z**3))
    t = (e - 1) / (e + 1)
    return 0.5 * (1 + t) + 0.5 * z * (1 - t**2) * _C * (1 + 3 * _KAPPA * z**2)


WRONG: dict[str, list[object]] = {
    "5.2": [
        (0.25, 0.25, 0.25, 0.0, 0.5, 1.0, 0.5),  # sigmoid.derivative(a) taken as right
        (0.25, 0.235, 0.25, 1.0, 0.5, 1.0, 0.5),  # ReLU's right slope at the kink
        (0.25, 0.235, 0.25, 0.0, 0.0, 1.0, 0.5),  # the central difference as 0
        (0.25, 0.235, 0.25, 0.0, 0.5, 1.0, 1.0),  # alpha=0.5 ignored
        ((0.25, 0.235, 0.25), (0.5, 0.5), (1.0, 0.5)),  # ReLU'(0) as the average
    ],
    "5.3": [
        elu_derivative_without_alpha,
        elu_itself,
        elu_derivative_as_leaky,
        elu_derivative_copying_the_function,
        elu_derivative_in_place,
        lambda z, alpha: elu(z, alpha=alpha),  # the function, not its derivative
    ],
    "5.4": [19.93, 19, 21, 10],  # not whole; one short; one too many; (1/4)^m, |w| forgotten
    "5.5": [
        dead_on_some_row,
        dead_strictly_negative,
        dead_without_activation,
        dead_rows,
        dead_with_output_layer,
    ],
    "5.6": [
        reinit_every_unit,
        reinit_keeping_bias,
        reinit_xavier,
        reinit_std_for_variance,
        reinit_fan_out,
        reinit_fresh_generator,
        reinit_strictly_negative,
        reinit_returning_nothing,
        reinit_counting_the_living,
    ],
    "5.7": [
        gelu_derivative_without_inner,
        gelu_derivative_without_three,
        gelu_derivative_first_term_only,
        gelu_derivative_with_exp,
    ],
}
