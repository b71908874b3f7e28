"""Numerical checks of the claims the *Backpropagation* chapter derives.

Each test re-derives a claim independently of the page's code: the per-sample chain rule
written with explicit layer indices, its agreement with finite differences, the reuse of
∂ℓ/∂a_l through the Jacobian ∂a_l/∂a_{l-1}, the minibatch matrix form, and the zero gradient
of a network of ``sign`` units.
"""

from __future__ import annotations

import numpy as np
import pytest

from book.runs import moons_data, train_moons
from nnbook import MLP, activations
from nnbook.datasets import xor
from nnbook.gradcheck import numerical_gradient, numerical_vjp, relative_error
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import cross_entropy, mse_loss, one_hot, softmax

SMOOTH = ["sigmoid", "tanh", "elu", "relu", "leaky_relu"]


def layers_of(net: MLP) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray], int]:
    """The parameters as ``W[k], b[k]`` for ``k = 1..L``: views into ``net.params.theta``, in
    dicts of their own, so that :func:`perturbing` can swap an entry without touching ``net``."""
    return dict(net.W), dict(net.b), len(net.W)


def per_sample_forward(W, b, L, f, x):
    """a_0 = x, z_l = W_lᵀ a_{l-1} + b_l, a_l = f(z_l) for l < L, a_L = z_L."""
    a, z = {0: x}, {}
    for k in range(1, L + 1):
        z[k] = W[k].T @ a[k - 1] + b[k]
        a[k] = f(z[k]) if k < L else z[k]
    return z, a


def per_sample_backward(W, L, f, z, a, da_L):
    """The four equations: δ_l, ∂ℓ/∂W_l = a_{l-1}δ_lᵀ, ∂ℓ/∂b_l = δ_l, ∂ℓ/∂a_{l-1} = W_l δ_l."""
    da, dW, db = {L: da_L}, {}, {}
    for k in range(L, 0, -1):
        fprime = f.derivative(z[k]) if k < L else np.ones_like(z[k])
        delta = da[k] * fprime
        dW[k] = np.outer(a[k - 1], delta)
        db[k] = delta
        da[k - 1] = W[k] @ delta
    return dW, db, da


def sample_loss(W, b, L, f, x, y) -> float:
    _, a = per_sample_forward(W, b, L, f, x)
    return float(np.sum((a[L] - y) ** 2))


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
    z, a = per_sample_forward(W, b, L, f, x)
    # Finite differences are meaningless across a kink: the sample must stay clear of z = 0.
    assert min(np.min(np.abs(z[k])) for k in range(1, L)) > 1e-4
    dW, db, _ = per_sample_backward(W, L, f, z, a, 2 * (a[L] - y))
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
    z, a = per_sample_forward(W, b, L, f, x)
    _, db, _ = per_sample_backward(W, L, f, z, a, 2 * (a[L] - y))
    numeric = numerical_gradient(perturbing(b, L, lambda: sample_loss(W, b, L, f, x, y)), b[L])
    assert relative_error(db[L], numeric) < 1e-8
    assert relative_error(2 * (a[L] - y), numeric) < 1e-8  # output linear: δ_L = ∂ℓ/∂a_L


def test_source_post_bias_indices_shift_by_one_without_using_a_bias_twice() -> None:
    """The post's layers compute f(w_lᵀ a_{l-1} + b_{l-1}): each bias b_0..b_{L-1} is used by
    exactly one layer (the next one up), and b_L never appears, so ∂ℓ/∂b_L = 0."""
    net = MLP([2, 3, 3, 2], activation="tanh", seed=3)
    W, _, L = layers_of(net)
    f = activations.tanh
    rng = np.random.default_rng(6)
    post_b = {k: rng.standard_normal(W[k + 1].shape[1] if k < L else 2) for k in range(L + 1)}
    x, y = np.array([0.3, -0.8]), np.array([1.0, -1.0])

    def post_forward():
        a, z = {0: x}, {}
        for k in range(1, L + 1):
            z[k] = W[k].T @ a[k - 1] + post_b[k - 1]  # the post's pairing: w_l with b_{l-1}
            a[k] = f(z[k]) if k < L else z[k]
        return z, a

    def post_loss() -> float:
        return float(np.sum((post_forward()[1][L] - y) ** 2))

    assert np.all(numerical_gradient(perturbing(post_b, L, post_loss), post_b[L]) == 0)
    z0, _ = post_forward()
    for k in range(L):  # nudge b_k: only z_{k+1} moves by the nudge, nothing below it moves
        saved = post_b[k].copy()
        post_b[k] = saved + 0.1
        z1, _ = post_forward()
        post_b[k] = saved
        for j in range(1, k + 1):
            np.testing.assert_array_equal(z1[j], z0[j])
        np.testing.assert_allclose(z1[k + 1] - z0[k + 1], 0.1, rtol=1e-12)
    # Relabelled (b_l := the post's b_{l-1}) it is the book's network, output for output.
    b_book = {k: post_b[k - 1] for k in range(1, L + 1)}
    np.testing.assert_array_equal(
        per_sample_forward(W, b_book, L, f, x)[1][L], post_forward()[1][L]
    )


def test_cross_entropy_output_delta_is_probabilities_minus_targets_over_n() -> None:
    """δ_L = ∂𝓛/∂Z_L = (Ŷ − Y)/N with Ŷ = softmax(Z_L) for the mean cross-entropy, while the
    gradient with respect to the probabilities is −Y/(N Ŷ), a different thing."""
    rng = np.random.default_rng(9)
    Z, y = rng.standard_normal((6, 4)), rng.integers(0, 4, size=6)
    Y, Y_hat = one_hot(y, 4), softmax(Z)
    np.testing.assert_allclose(cross_entropy.grad(Z, y), (Y_hat - Y) / len(y), atol=1e-15)
    numeric = numerical_gradient(lambda Zv: float(cross_entropy(Zv, y)), Z)
    assert relative_error(cross_entropy.grad(Z, y), numeric) < 1e-8
    by_probabilities = numerical_gradient(
        lambda P: float(-np.mean(np.sum(Y * np.log(P), 1))), Y_hat
    )
    assert relative_error(by_probabilities, -Y / (len(y) * Y_hat)) < 1e-8
    assert relative_error(by_probabilities, (Y_hat - Y) / len(y)) > 0.1


def test_da_is_reused_through_the_jacobian_of_each_layer() -> None:
    """∂ℓ/∂a_{l-1} = (∂a_l/∂a_{l-1})ᵀ ∂ℓ/∂a_l with ∂a_l/∂a_{l-1} = diag(f'(z_l)) W_lᵀ."""
    net = MLP([2, 4, 4, 4, 1], activation="sigmoid", seed=5)
    W, b, L = layers_of(net)
    f = activations.sigmoid
    x, y = np.array([0.7, -0.2]), np.array([0.5])
    z, a = per_sample_forward(W, b, L, f, x)
    _, _, da = per_sample_backward(W, L, f, z, a, 2 * (a[L] - y))
    for k in range(2, L):  # hidden-to-hidden links
        jacobian = np.diag(f.derivative(z[k])) @ W[k].T
        numeric = np.stack(
            [
                numerical_gradient(lambda v, i=i, k=k: float(f(W[k].T @ v + b[k])[i]), a[k - 1])
                for i in range(W[k].shape[1])
            ]
        )
        assert relative_error(jacobian, numeric) < 1e-8
        assert relative_error(da[k - 1], jacobian.T @ da[k]) < 1e-12
    # The gradient of W_{L-2} needs ∂ℓ/∂a_{L-2}, not ∂ℓ/∂a_{L-1}: skipping the link is wrong.
    dW, _, _ = per_sample_backward(W, L, f, z, a, 2 * (a[L] - y))
    numeric = numerical_gradient(
        perturbing(W, L - 2, lambda: sample_loss(W, b, L, f, x, y)), W[L - 2]
    )
    skipped = np.outer(a[L - 3], da[L - 1] * f.derivative(z[L - 2]))
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
        z, a = per_sample_forward(W, b, L, f, x)
        per.append(per_sample_backward(W, L, f, z, a, 2 * (a[L] - y)))
    for k in range(1, L + 1):
        assert relative_error(grads.W[k], sum(p[0][k] for p in per)) < 1e-12
        assert relative_error(grads.b[k], sum(p[1][k] for p in per)) < 1e-12
    # The mean reduction divides every gradient by the number of terms (N·n_L for mse_loss).
    mean_grads = net.backward(mse_loss.grad(net.forward(X), Y))
    for g_sum, g_mean in zip(grads, mean_grads, strict=True):
        np.testing.assert_allclose(g_mean * Y.size, g_sum, rtol=1e-12, atol=1e-15)


def test_layer_functions_compose_to_the_matrix_form() -> None:
    """δ = G ⊙ f'(Z), dW = Aᵀ δ, db = Σ_n δ_n, dA = δ Wᵀ — each checked by finite differences."""
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
    """The chapter's run (:func:`book.runs.train_moons`, also the moons-training figure's): the
    training loss falls by more than 10x, the validation loss follows, and both sets are nearly
    all classified."""
    (X, y), (X_val, y_val) = moons_data()
    net = train_moons()
    loss, val_loss = net.history_["loss"], net.history_["val_loss"]
    assert loss[0] / loss[-1] > 10
    assert val_loss[-1] < val_loss[0] / 5
    assert net.score(X, y) >= 0.95
    assert net.score(X_val, y_val) >= 0.95
    assert float(cross_entropy(net.forward(X), y)) < loss[0] / 10
