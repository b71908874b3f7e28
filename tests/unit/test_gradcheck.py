"""Finite-difference gradient checks (float64, relative error < 1e-6) for every activation,
every loss (every reduction and target form) and the network's parameters; and proof that the
checker rejects wrong gradients.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import MLP
from nnbook.activations import ACTIVATIONS, sigmoid
from nnbook.gradcheck import (
    GradientCheckError,
    check_gradient,
    numerical_gradient,
    numerical_vjp,
    relative_error,
)
from nnbook.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    mse_loss,
    softmax,
)

TOL = 1e-6

# --- the checker itself --------------------------------------------------------------------


def test_numerical_gradient_of_a_known_function(rng):
    x = rng.standard_normal((3, 4))
    g = numerical_gradient(lambda v: float(np.sum(np.sin(v)) + np.sum(v**2)), x)
    assert relative_error(g, np.cos(x) + 2 * x) < 1e-9


def test_numerical_gradient_leaves_x_alone_and_works_in_float64(rng):
    x = rng.standard_normal(5).astype(np.float32)
    before = x.copy()
    seen = []
    numerical_gradient(lambda v: seen.append(v.dtype) or float(np.sum(v**3)), x)
    np.testing.assert_array_equal(x, before)
    assert set(seen) == {np.dtype(np.float64)}  # differences are taken in float64


def test_numerical_vjp_is_g_times_the_jacobian(rng):
    A = rng.standard_normal((3, 4))
    x, G = rng.standard_normal(4), rng.standard_normal(3)
    np.testing.assert_allclose(numerical_vjp(lambda v: A @ v, x, G), A.T @ G, rtol=1e-8)


def test_relative_error_scale_free_and_symmetric(rng):
    g = rng.standard_normal(10)
    assert relative_error(g, g) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0  # no 0/0
    assert relative_error(g, -g) == pytest.approx(1.0)
    assert relative_error(g, 1.01 * g) == pytest.approx(relative_error(1e6 * g, 1.01e6 * g))
    assert relative_error(g, 2 * g) == pytest.approx(relative_error(2 * g, g))


def test_check_gradient_returns_the_error_when_it_passes(rng):
    x = rng.standard_normal(4)
    error = check_gradient(lambda v: float(np.sum(v**2)), x, 2 * x)
    assert 0 <= error < 1e-9


WRONG_GRADIENTS = {
    # name: (f, wrong analytic gradient) — each a classic mistake.
    "mse without the factor 2": (
        lambda x, t: float(np.sum((x - t) ** 2)),
        lambda x, t: x - t,
    ),
    "sign flipped": (
        lambda x, t: float(np.sum((x - t) ** 2)),
        lambda x, t: -2 * (x - t),
    ),
    "sigmoid derivative s(1-s) applied to z": (
        lambda x, t: float(np.sum(t * sigmoid(x))),
        lambda x, t: t * x * (1 - x),
    ),
    "softmax jacobian diagonal only": (
        lambda x, t: float(np.sum(t * softmax(x))),
        lambda x, t: t * softmax(x) * (1 - softmax(x)),
    ),
}


@pytest.mark.parametrize("mistake", sorted(WRONG_GRADIENTS))
def test_checker_rejects_a_wrong_gradient(mistake, rng):
    f, wrong = WRONG_GRADIENTS[mistake]
    x, t = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    with pytest.raises(GradientCheckError, match=r"relative error .* > tol"):
        check_gradient(lambda v: f(v, t), x, wrong(x, t))
    # Not a borderline call: the wrong gradient is far off.
    assert relative_error(wrong(x, t), numerical_gradient(lambda v: f(v, t), x)) > 1e-2


def test_gradient_check_error_is_a_value_error():
    assert issubclass(GradientCheckError, ValueError)


# --- every activation -----------------------------------------------------------------------


def away_from_kink(rng, shape, margin=0.05):
    """Samples with |z| ≥ margin: a difference straddling ReLU's kink is not a derivative."""
    return rng.choice([-1.0, 1.0], shape) * rng.uniform(margin, 3.0, shape)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_derivative(name, rng):
    f = ACTIVATIONS[name]
    z, G = away_from_kink(rng, (4, 5)), rng.standard_normal((4, 5))
    assert check_gradient(lambda v: float(np.sum(G * f(v))), z, G * f.derivative(z), TOL) < TOL
    # Pointwise on a dense grid that avoids the kink at 0.
    z, h = np.linspace(-6, 6, 1200), 1e-6
    assert np.min(np.abs(z)) > 1e-3
    np.testing.assert_allclose(f.derivative(z), (f(z + h) - f(z - h)) / (2 * h), atol=1e-8)


@pytest.mark.parametrize(("name", "alpha"), [("leaky_relu", 0.2), ("elu", 0.5), ("elu", 1.7)])
def test_activation_derivative_with_alpha(name, alpha, rng):
    f = ACTIVATIONS[name]
    z, G = away_from_kink(rng, 12), rng.standard_normal(12)
    grad = G * f.derivative(z, alpha=alpha)
    assert check_gradient(lambda v: float(np.sum(G * f(v, alpha=alpha))), z, grad, TOL) < TOL


# --- every loss, every reduction, every target form -------------------------------------------


def test_loss_gradient(loss_case):
    x, t, loss = loss_case.input, loss_case.target, loss_case.loss
    for reduction in [r for r in loss.reductions if r != "none"]:
        grad = loss.grad(x, t, reduction)
        assert check_gradient(lambda v, r=reduction: float(loss(v, t, r)), x, grad, TOL) < TOL


def test_loss_gradient_at_huge_logits():
    # Exact gradients at ±1e4 (a difference quotient there rounds, so compare with the formula
    # and check the finite difference at the scale of the logits).
    z = np.array([[1e4, -1e4, 0.0], [0.0, 1e4, -1e4]])
    y = np.array([2, 1])
    numeric = numerical_gradient(lambda v: float(cross_entropy(v, y, "sum")), z, h=1.0)
    np.testing.assert_allclose(cross_entropy.grad(z, y, "sum"), numeric, atol=1e-12)
    t = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 1.0]])
    f = binary_cross_entropy_with_logits
    numeric = numerical_gradient(lambda v: float(f(v, t, "sum")), z, h=1e-3)
    np.testing.assert_allclose(f.grad(z, t, "sum"), numeric, atol=1e-9)


# --- the network's parameter gradients --------------------------------------------------------


def hidden_pre_activations(net, X):
    """Z_1, ..., Z_{L-1}, recomputed from ``net.W``, ``net.b`` (not from the cache)."""
    Zs, A, L = [], X, len(net.W)
    for layer in range(1, L):
        Zs.append(A @ net.W[layer] + net.b[layer])
        A = net.activation(Zs[-1])
    return Zs


def network_gradient_errors(net, X, y, loss):
    """Relative error of each analytic parameter gradient (W_1, b_1, ..., W_L, b_L, then θ as
    a whole) against central differences of the loss with respect to θ."""
    analytic = net.backward(loss.grad(net.forward(X), y))
    # grad.theta is ∇_θ L: the per-layer gradients laid out like θ, one after the other.
    np.testing.assert_array_equal(analytic.theta, np.concatenate([g.ravel() for g in analytic]))

    def loss_at(theta):
        saved = net.params.theta.copy()
        net.params.theta[:] = theta
        value = float(loss(net.forward(X), y))
        net.params.theta[:] = saved
        return value

    numeric = net.params.zeros_like()  # the numerical ∇_θ L, viewed layer by layer
    numeric.theta[:] = numerical_gradient(loss_at, net.params.theta)
    errors = []
    for g, n, p in zip(analytic, numeric, net.params, strict=True):
        assert g.shape == n.shape == p.shape
        errors.append(relative_error(g, n))
    return [*errors, relative_error(analytic.theta, numeric.theta)]


def targets(kind, rng, n, n_out):
    if kind == "class indices":
        return rng.integers(0, n_out, n), cross_entropy
    if kind == "class probabilities":
        return rng.dirichlet(np.ones(n_out), n), cross_entropy
    if kind == "regression":
        return rng.standard_normal((n, n_out)), mse_loss
    return rng.integers(0, 2, (n, n_out)).astype(float), binary_cross_entropy_with_logits


KINDS = ["class indices", "class probabilities", "regression", "binary logits"]
ARCHITECTURES = [
    *[([3, 4, 2], kind) for kind in KINDS],
    *[([3, 5, 4, 3], kind) for kind in KINDS],
    ([2, 4, 4, 4, 1], "regression"),  # one output: no class distribution
    ([2, 4, 4, 4, 1], "binary logits"),
]


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize(("sizes", "kind"), ARCHITECTURES, ids=lambda v: str(v).replace(" ", ""))
def test_network_parameter_gradients(activation, sizes, kind, rng):
    net = MLP(sizes, activation=activation, seed=3)
    assert net.params.theta.dtype == np.float64
    for b in net.b.values():  # non-zero biases so their gradient path is exercised
        b += rng.normal(0, 0.1, b.shape)
    X = rng.standard_normal((5, sizes[0]))
    # A difference straddling a kink is no derivative: ReLU-like units must stay clear of 0.
    assert min(np.abs(Z).min() for Z in hidden_pre_activations(net, X)) > 1e-4
    y, loss = targets(kind, rng, 5, sizes[-1])
    errors = network_gradient_errors(net, X, y, loss)
    assert len(errors) == 2 * (len(sizes) - 1) + 1  # W_l and b_l for every layer, and θ
    assert max(errors) < TOL, errors


def test_cross_entropy_gradient_with_rows_not_summing_to_one(rng):
    # torch accepts any class probabilities in [0, 1]; the gradient is softmax(z)·Σp − p.
    z, p = rng.standard_normal((4, 3)), rng.uniform(0, 0.5, (4, 3))
    for reduction in ("mean", "sum"):
        grad = cross_entropy.grad(z, p, reduction)
        assert check_gradient(lambda v, r=reduction: float(cross_entropy(v, p, r)), z, grad) < TOL
