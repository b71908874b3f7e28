"""Deliberately wrong answers to the exercises of chapter 4: each must fail a check."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from nnbook import activations
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import mse_loss

sigmoid = activations.sigmoid

# ----------------------------------------------------------------------------- 4.1


def _two_layer(x: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> tuple[Any, Any, Any]:
    z1 = W1.T @ x + b1
    a1 = sigmoid(z1)
    return z1, a1, W2 @ a1 + b2 - y


def grads_derivative_of_activation(x: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    """The pitfall: the derivative function given a₁ instead of z₁, σ'(σ(z₁))."""
    _, a1, err = _two_layer(x, y, W1, b1, W2, b2)
    delta1 = 2 * err * W2 * sigmoid.derivative(a1)
    return np.outer(x, delta1), delta1


def grads_transposed(x: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    """∂ℓ/∂W1 as δ₁ xᵀ: every entry at the mirrored position."""
    _, a1, err = _two_layer(x, y, W1, b1, W2, b2)
    delta1 = 2 * err * W2 * a1 * (1 - a1)
    return np.outer(delta1, x), delta1


def grads_without_the_2(x: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    """δ₂ = a₂ - y: the derivative of the square lost its factor 2."""
    _, a1, err = _two_layer(x, y, W1, b1, W2, b2)
    delta1 = err * W2 * a1 * (1 - a1)
    return np.outer(x, delta1), delta1


def grads_bias_summed(x: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    """The minibatch habit of summing δ for the bias, here over the units: one number."""
    _, a1, err = _two_layer(x, y, W1, b1, W2, b2)
    delta1 = 2 * err * W2 * a1 * (1 - a1)
    return np.outer(x, delta1), delta1.sum()


def grads_bias_without_slope(x: Any, y: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    """db₁ written separately, forgetting σ'(z₁) there."""
    _, a1, err = _two_layer(x, y, W1, b1, W2, b2)
    delta1 = 2 * err * W2 * a1 * (1 - a1)
    return np.outer(x, delta1), 2 * err * W2


# ----------------------------------------------------------------------------- 4.2


def colleagues_affine_backward(dZ: Any, cache: Any) -> Any:
    """The statement's code: dW transposed."""
    X, W = cache
    return dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)


def affine_backward_mean_bias(dZ: Any, cache: Any) -> Any:
    """db averaged over the batch, though dZ already holds the 1/N of the loss."""
    X, W = cache
    return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)


def affine_backward_dx_through_w(dZ: Any, cache: Any) -> Any:
    """dX through W instead of Wᵀ (runs only on a square layer)."""
    X, W = cache
    return dZ @ W, X.T @ dZ, dZ.sum(axis=0)


# ----------------------------------------------------------------------------- 4.5


def _weights(sizes: list[int]) -> int:
    return sum(m * n for m, n in pairwise(sizes))


def costs_backward_twice_forward(sizes: list[int], N: int) -> Any:
    """The backward pass as two products per layer, layer 1's ∂L/∂X included."""
    F = N * _weights(sizes)
    return F, 2 * F, 2 * (_weights(sizes) + sum(sizes[1:])) * F


def costs_one_sided(sizes: list[int], N: int) -> Any:
    """One loss evaluation per parameter, as forward differences would need."""
    F = N * _weights(sizes)
    return F, 2 * F - N * sizes[0] * sizes[1], (_weights(sizes) + sum(sizes[1:])) * F


def costs_weights_only(sizes: list[int], N: int) -> Any:
    """Central differences over the weights, forgetting the biases' entries of θ."""
    F = N * _weights(sizes)
    return F, 2 * F - N * sizes[0] * sizes[1], 2 * _weights(sizes) * F


def costs_per_sample(sizes: list[int], N: int) -> Any:
    """The batch size forgotten: every count for one sample."""
    F = _weights(sizes)
    return F, 2 * F - sizes[0] * sizes[1], 2 * (F + sum(sizes[1:])) * F


# ----------------------------------------------------------------------------- 4.7


def _blocks(P: Any, X: Any, skip: bool = True) -> Any:
    U, caches = X, []
    for _ in range(2):
        Z, affine_cache = affine_forward(U, P["W"], P["b"])
        F, act_cache = activation_forward(Z, activations.tanh)
        caches.append((affine_cache, act_cache))
        U = U + F if skip else F
    return U, caches


def _residual(
    P: Any, X: Any, Y: Any, *, overwrite: bool = False, skip_back: bool = True
) -> tuple[float, dict[str, Any], Any, Any]:
    U, caches = _blocks(P, X)
    out, head_cache = affine_forward(U, P["V"], P["c"])
    loss, dout = mse_loss.value_and_grad(out, Y)
    G, dV, dc = affine_backward(dout, head_cache)
    dW, db = 0.0, 0.0
    for affine_cache, act_cache in reversed(caches):
        delta = activation_backward(G, act_cache)
        dU, dW_k, db_k = affine_backward(delta, affine_cache)
        dW, db = (dW_k, db_k) if overwrite else (dW + dW_k, db + db_k)
        G = G + dU if skip_back else dU
    return float(loss), {"W": dW, "b": db, "V": dV, "c": dc, "X": G}, dout, U


def residual_one_use_only(P: Any, X: Any, Y: Any) -> Any:
    """The shared W and b overwritten by each block: only the first block's use survives."""
    loss, grads, _, _ = _residual(P, X, Y, overwrite=True)
    return loss, grads


def residual_no_skip_backward(P: Any, X: Any, Y: Any) -> Any:
    """The skip forgotten going back: G = δ Wᵀ, not G + δ Wᵀ."""
    loss, grads, _, _ = _residual(P, X, Y, skip_back=False)
    return loss, grads


def residual_dv_transposed(P: Any, X: Any, Y: Any) -> Any:
    """dV as doutᵀ U."""
    loss, grads, dout, U = _residual(P, X, Y)
    return loss, {**grads, "V": dout.T @ U}


def residual_dc_mean(P: Any, X: Any, Y: Any) -> Any:
    """dc averaged over the batch, though dout already holds the 1/N of the loss."""
    loss, grads, dout, _ = _residual(P, X, Y)
    return loss, {**grads, "c": dout.mean(axis=0)}


def residual_summed_loss(P: Any, X: Any, Y: Any) -> Any:
    """The loss as the sum of the squared errors, the gradients of the mean."""
    _, grads, _, U = _residual(P, X, Y)
    return float(np.sum((U @ P["V"] + P["c"] - Y) ** 2)), grads


def residual_without_dx(P: Any, X: Any, Y: Any) -> Any:
    """The parameters' gradients only: no "X"."""
    loss, grads, _, _ = _residual(P, X, Y)
    return loss, {key: grads[key] for key in "WbVc"}


WRONG: dict[str, list[object]] = {
    "4.1": [
        grads_derivative_of_activation,
        grads_transposed,
        grads_without_the_2,
        grads_bias_summed,
        grads_bias_without_slope,
    ],
    "4.2": [colleagues_affine_backward, affine_backward_mean_bias, affine_backward_dx_through_w],
    "4.3": [7 / 9, 1.0, 0.5, 16.0],
    "4.4": ["W1", "W2", "b2"],
    "4.5": [costs_backward_twice_forward, costs_one_sided, costs_weights_only, costs_per_sample],
    "4.7": [
        residual_one_use_only,
        residual_no_skip_backward,
        residual_dv_transposed,
        residual_dc_mean,
        residual_summed_loss,
        residual_without_dx,
    ],
}
