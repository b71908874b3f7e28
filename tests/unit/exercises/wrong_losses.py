"""Deliberately wrong answers to the exercises of chapter 6: each must fail a check."""

from __future__ import annotations

import numpy as np

from nnbook.activations import sigmoid
from nnbook.gradcheck import numerical_gradient
from nnbook.losses import Loss, binary_cross_entropy, log_softmax, one_hot, softmax

# ----------------------------------------------------------------------------- 6.1


def jacobian_without_outer_product(z):
    """Treats the softmax like an elementwise sigmoid: diag(ŷ(1 - ŷ)), no cross terms."""
    p = softmax(z)
    return np.diag(p * (1 - p))


def jacobian_diag_only(z):
    """Forgets the outer product altogether."""
    return np.diag(softmax(z))


def jacobian_plus_outer(z):
    """A sign slip: diag(ŷ) + ŷŷᵀ."""
    p = softmax(z)
    return np.diag(p) + np.outer(p, p)


def jacobian_naive_softmax(z):
    """The right formula on a softmax computed as written: NaN at logits of 1000."""
    e = np.exp(z)
    p = e / e.sum()
    return np.diag(p) - np.outer(p, p)


# ----------------------------------------------------------------------------- 6.2


def jacobian_transposed(f, z):
    """Columns instead of rows: entry [i, k] holds ∂f_k/∂z_i."""
    rows = [numerical_gradient(lambda v, k=k: float(f(v)[k]), z) for k in range(len(f(z)))]
    return np.array(rows).T


def jacobian_forward_differences(f, z, h=1e-6):
    """One-sided differences: an error of the order of h, not h²."""
    z = np.asarray(z, dtype=float)
    J = np.zeros((len(f(z)), len(z)))
    for i in range(len(z)):
        step = np.zeros_like(z)
        step[i] = h
        J[:, i] = (f(z + step) - f(z)) / h
    return J


def jacobian_in_place(f, z, h=1e-6):
    """Perturbs z itself and never puts it back."""
    J = np.zeros((len(f(z)), len(z)))
    for i in range(len(z)):
        z[i] += h
        up = f(z)
        z[i] -= 2 * h
        J[:, i] = (up - f(z)) / (2 * h)
    return J


def jacobian_divided_by_h(f, z, h=1e-6):
    """Central differences divided by h instead of 2h."""
    z = np.asarray(z, dtype=float)
    J = np.zeros((len(f(z)), len(z)))
    for i in range(len(z)):
        step = np.zeros_like(z)
        step[i] = h
        J[:, i] = (f(z + step) - f(z - step)) / h
    return J


# ----------------------------------------------------------------------------- 6.3


def bce_first_form(z, y):
    """(1 - y) z + ln(1 + e^-z) as it stands: overflows for z very negative."""
    return (1 - y) * z + np.log(1 + np.exp(-z)), sigmoid(z) - y


def bce_without_abs(z, y):
    """The stable form with |z| forgotten in the exponent."""
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-z)), sigmoid(z) - y


def bce_from_probability(z, y):
    """Through the probability: clamped at 100 where σ(z) rounds to 0 or 1."""
    return binary_cross_entropy(sigmoid(z), y, reduction="none"), sigmoid(z) - y


def bce_sign_slip(z, y):
    """+ y z instead of - y z."""
    return np.maximum(z, 0) + y * z + np.log1p(np.exp(-np.abs(z))), sigmoid(z) - y


def bce_gradient_flipped(z, y):
    """The gradient y - σ(z), the sign of a log-likelihood rather than of a loss."""
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))), y - sigmoid(z)


def bce_gradient_with_sigma_prime(z, y):
    """The sigmoid's derivative kept: squared error's pattern."""
    s = sigmoid(z)
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))), (s - y) * s * (1 - s)


# ----------------------------------------------------------------------------- 6.7


def _focal(gamma, du_of, per_sample=True, weight_of=None):
    """A focal loss whose ∂ℓ/∂u is du_of(u, rest, gamma); weight_of(p_c) replaces (1 - ŷ_c)^γ."""

    def terms(z, y):
        log_p = log_softmax(z)
        u = np.sum(y * log_p, axis=1)
        rest = -np.expm1(u)
        weight = rest**gamma if weight_of is None else weight_of(np.exp(u), gamma)
        return -weight * u, du_of(u, rest, gamma)[:, None] * (y - np.exp(log_p))

    def prepare(z, c):
        z = np.asarray(z, dtype=float)
        return z, one_hot(c, z.shape[1])

    return Loss(f"focal_loss(gamma={gamma})", terms, prepare, per_sample=per_sample)


def _du(u, rest, gamma):
    ratio = np.divide(u, rest, out=-np.ones_like(u), where=rest > 0)
    return rest**gamma * (gamma * np.exp(u) * ratio - 1)


def focal_weight_held_constant(gamma):
    """Differentiates as if the weight (1 - ŷ_c)^γ did not depend on z."""
    return _focal(gamma, lambda u, rest, g: -(rest**g))


def focal_per_element_mean(gamma):
    """Loss(..., per_sample=False): the mean divides by N·C, not by N."""
    return _focal(gamma, _du, per_sample=False)


def focal_weight_of_the_easy(gamma):
    """ŷ_c^γ instead of (1 - ŷ_c)^γ in the value."""
    return _focal(gamma, _du, weight_of=lambda p_c, g: p_c**g)


def focal_from_probabilities(gamma):
    """From softmax probabilities and the first form of ∂ℓ/∂u: ln 0 and 0 · ∞ at large logits."""

    def terms(z, y):
        p = softmax(z)
        p_c = np.sum(y * p, axis=1)
        du = gamma * (1 - p_c) ** (gamma - 1) * p_c * np.log(p_c) - (1 - p_c) ** gamma
        return -((1 - p_c) ** gamma) * np.log(p_c), du[:, None] * (y - p)

    def prepare(z, c):
        z = np.asarray(z, dtype=float)
        return z, one_hot(c, z.shape[1])

    return Loss(f"focal_loss(gamma={gamma})", terms, prepare, per_sample=True)


WRONG: dict[str, list[object]] = {
    "6.1": [
        jacobian_without_outer_product,
        jacobian_diag_only,
        jacobian_plus_outer,
        jacobian_naive_softmax,
    ],
    "6.2": [
        jacobian_transposed,
        jacobian_forward_differences,
        jacobian_in_place,
        jacobian_divided_by_h,
    ],
    "6.3": [
        bce_first_form,
        bce_without_abs,
        bce_from_probability,
        bce_sign_slip,
        bce_gradient_flipped,
        bce_gradient_with_sigma_prime,
    ],
    "6.4": [
        # the outputs as the formulas mean them, not as float64 computes them
        (np.inf, 1000.4076, [0.665, 0.245, 0.090], -997.59),
        (1000.4076, 1000.4076, [0.665, 0.245, 0.090], -997.59),
        (np.nan, 1000.4076, [0.665, 0.245, 0.090], np.nan),
        (np.inf, 1000.0, [1.0, 0.0, 0.0], -np.inf),  # only the maximum counts
        (np.inf, 1000.4076, [1 / 3, 1 / 3, 1 / 3], -np.inf),
    ],
    "6.5": [
        (0.0, 0.25, "cross-entropy"),  # where σ' is largest
        (np.log(2), 8 / 27, "cross-entropy"),  # a sign slip
        (-np.log(2), 4 / 27, "cross-entropy"),  # the factor 2 forgotten
        (-np.log(2), 8 / 27, "both"),
        (-np.log(2), 8 / 27, "squared error"),
    ],
    "6.6": [
        (0.0, np.inf),  # the one-hot target's floor and gap
        (0.5003 / np.log(2), np.log(91)),  # in bits
        (0.5003, np.log(90)),  # λ/C forgotten on the correct class
        (-0.9 * np.log(0.9) - 0.09 * np.log(0.01), np.log(0.9 / 0.01)),
    ],
    "6.7": [
        focal_weight_held_constant,
        focal_per_element_mean,
        focal_weight_of_the_easy,
        focal_from_probabilities,
    ],
}
