"""Numerical checks of the claims the *Backpropagation* chapter derives.

Each test re-derives a claim independently of the page's code: the per-sample chain rule
written with explicit layer indices, its agreement with finite differences, the reuse of
∂ℓ/∂h_l through the Jacobian ∂h_l/∂h_{l-1}, the minibatch matrix form, and the zero gradient
of a network of ``sign`` units.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnbook import MLP, activations
from nnbook.datasets import two_moons, xor
from nnbook.gradcheck import numerical_gradient, numerical_vjp, relative_error
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import cross_entropy, mse_loss

SMOOTH = ["sigmoid", "tanh", "elu", "relu", "leaky_relu"]


def layers_of(net: MLP) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray], int]:
    """The parameters as ``W[k], b[k]`` for ``k = 1..L`` (views into ``net.params``)."""
    L = len(net.params) // 2
    W = {k: net.params[2 * k - 2] for k in range(1, L + 1)}
    b = {k: net.params[2 * k - 1] for k in range(1, L + 1)}
    return W, b, L


def per_sample_forward(W, b, L, f, x):
    """h_0 = x, z_l = W_lᵀ h_{l-1} + b_l, h_l = f(z_l) for l < L, h_L = z_L."""
    h, z = {0: x}, {}
    for k in range(1, L + 1):
        z[k] = W[k].T @ h[k - 1] + b[k]
        h[k] = f(z[k]) if k < L else z[k]
    return z, h


def per_sample_backward(W, L, f, z, h, dh_L):
    """The four equations: δ_l, ∂ℓ/∂W_l = h_{l-1}δ_lᵀ, ∂ℓ/∂b_l = δ_l, ∂ℓ/∂h_{l-1} = W_l δ_l."""
    dh, dW, db = {L: dh_L}, {}, {}
    for k in range(L, 0, -1):
        fprime = f.derivative(z[k]) if k < L else np.ones_like(z[k])
        delta = dh[k] * fprime
        dW[k] = np.outer(h[k - 1], delta)
        db[k] = delta
        dh[k - 1] = W[k] @ delta
    return dW, db, dh


def sample_loss(W, b, L, f, x, y) -> float:
    _, h = per_sample_forward(W, b, L, f, x)
    return float(np.sum((h[L] - y) ** 2))


def perturbing(store: dict[int, np.ndarray], k: int, fn):
    """``fn`` as a function of ``store[k]`` alone."""

    def wrapped(value: np.ndarray) -> float:
        saved = store[k]
        store[k] = value
        try:
            return fn()
        finally:
            store[k] = saved

    return wrapped


@pytest.mark.parametrize("name", SMOOTH)
def test_layer_by_layer_chain_rule_equals_finite_differences(name: str) -> None:
    net = MLP([3, 5, 4, 4, 2], activation=name, seed=7)
    W, b, L = layers_of(net)
    f = activations.get(name)
    rng = np.random.default_rng(1)
    x, y = rng.standard_normal(3), rng.standard_normal(2)
    z, h = per_sample_forward(W, b, L, f, x)
    # Finite differences are meaningless across a kink: the sample must stay clear of z = 0.
    assert min(np.min(np.abs(z[k])) for k in range(1, L)) > 1e-4
    dW, db, _ = per_sample_backward(W, L, f, z, h, 2 * (h[L] - y))
    for k in range(1, L + 1):
        loss = lambda: sample_loss(W, b, L, f, x, y)  # noqa: E731
        assert relative_error(dW[k], numerical_gradient(perturbing(W, k, loss), W[k])) < 1e-7
        assert relative_error(db[k], numerical_gradient(perturbing(b, k, loss), b[k])) < 1e-7


def test_output_bias_gradient_is_delta_of_the_last_layer() -> None:
    """The bias of layer L is b_L, and ∂ℓ/∂b_L = δ_L = ∂ℓ/∂z_L."""
    net = MLP([2, 3, 3, 2], activation="tanh", seed=3)
    W, b, L = layers_of(net)
    f = activations.tanh
    x, y = np.array([0.3, -0.8]), np.array([1.0, -1.0])
    z, h = per_sample_forward(W, b, L, f, x)
    _, db, _ = per_sample_backward(W, L, f, z, h, 2 * (h[L] - y))
    numeric = numerical_gradient(perturbing(b, L, lambda: sample_loss(W, b, L, f, x, y)), b[L])
    assert relative_error(db[L], numeric) < 1e-8
    assert relative_error(2 * (h[L] - y), numeric) < 1e-8  # output linear: δ_L = ∂ℓ/∂h_L


def test_dh_is_reused_through_the_jacobian_of_each_layer() -> None:
    """∂ℓ/∂h_{l-1} = (∂h_l/∂h_{l-1})ᵀ ∂ℓ/∂h_l with ∂h_l/∂h_{l-1} = diag(f'(z_l)) W_lᵀ."""
    net = MLP([2, 4, 4, 4, 1], activation="sigmoid", seed=5)
    W, b, L = layers_of(net)
    f = activations.sigmoid
    x, y = np.array([0.7, -0.2]), np.array([0.5])
    z, h = per_sample_forward(W, b, L, f, x)
    _, _, dh = per_sample_backward(W, L, f, z, h, 2 * (h[L] - y))
    for k in range(2, L):  # hidden-to-hidden links
        jacobian = np.diag(f.derivative(z[k])) @ W[k].T
        numeric = np.stack(
            [
                numerical_gradient(lambda v, i=i, k=k: float(f(W[k].T @ v + b[k])[i]), h[k - 1])
                for i in range(W[k].shape[1])
            ]
        )
        assert relative_error(jacobian, numeric) < 1e-8
        assert relative_error(dh[k - 1], jacobian.T @ dh[k]) < 1e-12
    # The gradient of W_{L-2} needs ∂ℓ/∂h_{L-2}, not ∂ℓ/∂h_{L-1}: skipping the link is wrong.
    dW, _, _ = per_sample_backward(W, L, f, z, h, 2 * (h[L] - y))
    numeric = numerical_gradient(
        perturbing(W, L - 2, lambda: sample_loss(W, b, L, f, x, y)), W[L - 2]
    )
    skipped = np.outer(h[L - 3], dh[L - 1] * f.derivative(z[L - 2]))
    assert relative_error(dW[L - 2], numeric) < 1e-7
    assert relative_error(skipped, numeric) > 1e-1


@pytest.mark.parametrize("name", ["tanh", "relu"])
def test_minibatch_gradient_equals_sum_of_per_sample_gradients(name: str) -> None:
    net = MLP([2, 6, 5, 3], activation=name, seed=2)
    W, b, L = layers_of(net)
    f = activations.get(name)
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((9, 2)), rng.standard_normal((9, 3))
    grads = net.backward(mse_loss.grad(net.forward(X), Y, reduction="sum"))
    per = []
    for x, y in zip(X, Y, strict=True):
        z, h = per_sample_forward(W, b, L, f, x)
        per.append(per_sample_backward(W, L, f, z, h, 2 * (h[L] - y)))
    for k in range(1, L + 1):
        assert relative_error(grads[2 * k - 2], sum(p[0][k] for p in per)) < 1e-12
        assert relative_error(grads[2 * k - 1], sum(p[1][k] for p in per)) < 1e-12
    # The mean reduction divides every gradient by the number of terms (N·n_L for mse_loss).
    mean_grads = net.backward(mse_loss.grad(net.forward(X), Y))
    for g_sum, g_mean in zip(grads, mean_grads, strict=True):
        np.testing.assert_allclose(g_mean * Y.size, g_sum, rtol=1e-12, atol=1e-15)


def test_layer_functions_compose_to_the_matrix_form() -> None:
    """Δ = G ⊙ f'(Z), dW = Hᵀ Δ, db = Σ_n Δ_n, dH = Δ Wᵀ — each checked by finite differences."""
    rng = np.random.default_rng(8)
    X, Wm, bv = rng.standard_normal((5, 3)), rng.standard_normal((3, 4)), rng.standard_normal(4)
    G = rng.standard_normal((5, 4))
    f = activations.tanh

    def layer(X_, W_, b_):
        return activation_forward(affine_forward(X_, W_, b_)[0], f)[0]

    Z, aff_cache = affine_forward(X, Wm, bv)
    _, act_cache = activation_forward(Z, f)
    dZ = activation_backward(G, act_cache)
    dX, dW, db = affine_backward(dZ, aff_cache)
    np.testing.assert_allclose(dZ, G * f.derivative(Z))
    assert relative_error(dW, numerical_vjp(lambda v: layer(X, v, bv), Wm, G)) < 1e-8
    assert relative_error(db, numerical_vjp(lambda v: layer(X, Wm, v), bv, G)) < 1e-8
    assert relative_error(dX, numerical_vjp(lambda v: layer(v, Wm, bv), X, G)) < 1e-8


def test_sign_network_has_zero_gradient_where_tanh_does_not() -> None:
    X, y = xor()
    t = 2.0 * y - 1
    rng = np.random.default_rng(0)
    for _ in range(20):
        W1, b1, w2 = rng.standard_normal((2, 2)), rng.standard_normal(2), rng.standard_normal(2)

        def loss(W, f=np.sign, b1=b1, w2=w2):
            return float(np.mean((f(f(X @ W + b1) @ w2) - t) ** 2))

        assert np.all(numerical_gradient(loss, W1) == 0)
        assert np.linalg.norm(numerical_gradient(lambda W: loss(W, np.tanh), W1)) > 1e-3


def test_two_moons_training_claims() -> None:
    """The chapter's run (the settings of the moons-training figure): the training loss falls by
    more than 10x, the validation loss follows, and both sets are nearly all classified."""
    X, y = two_moons(200, noise=0.15, seed=0)
    X_val, y_val = two_moons(200, noise=0.15, seed=1)
    net = MLP([2, 16, 16, 2], activation="relu", seed=0)
    net.fit(
        X,
        y,
        epochs=200,
        lr=0.01,
        batch_size=16,
        momentum=0.9,
        progress=False,
        validation_data=(X_val, y_val),
    )
    loss, val_loss = net.history["loss"], net.history["val_loss"]
    assert loss[0] / loss[-1] > 10
    assert val_loss[-1] < val_loss[0] / 5
    assert net.score(X, y) >= 0.95
    assert net.score(X_val, y_val) >= 0.95
    assert float(cross_entropy(net.forward(X), y)) < loss[0] / 10
