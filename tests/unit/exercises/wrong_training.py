"""Deliberately wrong answers to the exercises of chapter 7: each must fail a check."""

from __future__ import annotations

import numpy as np

from nnbook import MLPClassifier
from nnbook.losses import cross_entropy

# --- 7.1: the expected squared distance of an epoch's sum, minibatches drawn with replacement


def one_minibatch(N, B, V):
    """(a)'s noise of one minibatch: forgets that the epoch adds N/B of them."""
    return V / B


def permutation_epoch(N, B, V):
    """The answer for fit's permutation, not for independent draws."""
    return 0.0


def errors_add_coherently(N, B, V):
    """Adds the errors' sizes, not their squared sizes: (N/B)² times one minibatch's noise."""
    return (N / B) ** 2 * V / B


def forgotten_one_over_b(N, B, V):
    """Sums the gradients of the batch instead of averaging them: a factor B too large."""
    return N * V / B


def expected_distance(N, B, V):
    """A distance where the exercise asks for a squared distance."""
    return np.sqrt(N * V) / B


# --- 7.2: the learning-rate limit 2/λ_max


def _ones(X):
    return np.column_stack([X, np.ones(len(X))])


def limit_without_2_over_n(X):
    """H written as X̃ᵀX̃, without the factor 2/N."""
    return 2 / np.linalg.eigvalsh(_ones(X).T @ _ones(X)).max()


def limit_without_bias(X):
    """Forgets the bias: the column of ones is missing from X̃."""
    return 2 / np.linalg.eigvalsh(2 / len(X) * X.T @ X).max()


def limit_one_over_lambda(X):
    """1/λ_max, the best rate for the steep direction, not the limit."""
    return 1 / np.linalg.eigvalsh(2 / len(X) * _ones(X).T @ _ones(X)).max()


def limit_of_lambda_min(X):
    """The flat direction's limit, not the steep one's."""
    return 2 / np.linalg.eigvalsh(2 / len(X) * _ones(X).T @ _ones(X)).min()


# --- 7.3: the warm-up loop


def _warmup_loop(sizes, X, y, lr, epochs, seed, rate, loss_after=False):
    net = MLPClassifier(sizes, seed=seed)
    losses = []
    for t in range(1, epochs + 1):
        out = net.forward(X)
        if not loss_after:
            losses.append(cross_entropy(out, y))
        grad = net.backward(cross_entropy.grad(out, y)).theta
        net.params.theta -= rate(t) * grad
        if loss_after:
            losses.append(cross_entropy(net.forward(X), y))
    return net, losses


def warmup_from_step_zero(sizes, X, y, lr, warmup, epochs, seed):
    """Counts steps from 0: the first step has rate 0 and the warm-up ends one step late."""
    return _warmup_loop(sizes, X, y, lr, epochs, seed, lambda t: lr * min(1.0, (t - 1) / warmup))


def warmup_without_min(sizes, X, y, lr, warmup, epochs, seed):
    """Forgets the min: the rate keeps rising after the warm-up."""
    return _warmup_loop(sizes, X, y, lr, epochs, seed, lambda t: lr * t / warmup)


def warmup_ignored(sizes, X, y, lr, warmup, epochs, seed):
    """A constant rate: the warm-up argument is not used."""
    return _warmup_loop(sizes, X, y, lr, epochs, seed, lambda t: lr)


def loss_after_the_step(sizes, X, y, lr, warmup, epochs, seed):
    """Records the loss after the step, not the one fit records before it."""
    rate = lambda t: lr * min(1.0, t / warmup)  # noqa: E731
    return _warmup_loop(sizes, X, y, lr, epochs, seed, rate, loss_after=True)


def warmup_over_epochs(sizes, X, y, lr, warmup, epochs, seed):
    """Warms up over the whole run (t/epochs), not over warmup steps."""
    return _warmup_loop(sizes, X, y, lr, epochs, seed, lambda t: lr * t / epochs)


# --- 7.6: the limit of Nesterov's iteration on ηλ


def heavy_ball_limit(mu):
    """The heavy ball's 2(1 + μ), from exercise 7.4."""
    return 2 * (1 + mu)


def gradient_descent_limit(mu):
    """Gradient descent's 2, as if the look-ahead changed nothing."""
    return 2.0


def limit_without_1_plus_mu(mu):
    """Drops the factor 1 + μ from the numerator: 2/(1 + 2μ)."""
    return 2 / (1 + 2 * mu)


def four_thirds(mu):
    """The limit as μ → 1, taken for every μ."""
    return 4 / 3


WRONG: dict[str, list[object]] = {
    "7.1": [
        one_minibatch,
        permutation_epoch,
        errors_add_coherently,
        forgotten_one_over_b,
        expected_distance,
    ],
    "7.2": [limit_without_2_over_n, limit_without_bias, limit_one_over_lambda, limit_of_lambda_min],
    "7.3": [
        warmup_from_step_zero,
        warmup_without_min,
        warmup_ignored,
        loss_after_the_step,
        warmup_over_epochs,
    ],
    "7.5": [
        (np.eye(2), 1.0, 1, 0.0),  # forgets the 2 of the squared error
        (2 * np.eye(2), 2.0, 1, 0.0),  # the eigenvalue taken for κ
        (2 * np.eye(2), 1.0, 2, 0.0),  # one step per direction
        (2 * np.eye(2), 1.0, 0, 0.0),  # no step needed
        (2 * np.eye(2), 1.0, 1, 0.9),  # the usual default momentum
        (np.array([[2.0, 2.0], [2.0, 2.0]]), 1.0, 1, 0.0),  # E x' taken for 1
    ],
    "7.6": [heavy_ball_limit, gradient_descent_limit, limit_without_1_plus_mu, four_thirds],
}
