"""Deliberately wrong answers to the exercises of chapter 9: each must fail a check."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from nnbook.losses import one_hot, softmax

# ----------------------------------------------------------------------------- 9.1


def counts_without_biases(sizes: Any) -> Any:
    """P counts the weights only, and the shift forgets u0."""
    pairs = list(pairwise(sizes))
    return sum(a * b for a, b in pairs), sizes[-2], sum(sizes[1:-1])


def counts_shift_per_logit(sizes: Any) -> Any:
    """One shift direction per logit, and a rescaling for every unit, outputs included."""
    pairs = list(pairwise(sizes))
    return sum((a + 1) * b for a, b in pairs), sizes[-1], sum(sizes[1:])


# ----------------------------------------------------------------------------- 9.2


def scaling_linear_in_c(c: Any, eta: Any) -> Any:
    """The gradient's factor c, but not the second c of V = c W1."""
    return c * eta, c


def scaling_factor_per_layer(c: Any, eta: Any) -> Any:
    """The rate right, but a factor c for each of two layers."""
    return c**2 * eta, c**2


# ----------------------------------------------------------------------------- 9.3


def standardise_unrepaired(X_fit: Any, X: Any) -> Any:
    """The recipe as it was: 0/0 on the blank pixels."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - X_fit.mean(axis=0)) / X_fit.std(axis=0)


def standardise_with_epsilon(X_fit: Any, X: Any) -> Any:
    """A tiny epsilon: finite, but ink on a blank pixel becomes enormous."""
    return (X - X_fit.mean(axis=0)) / (X_fit.std(axis=0) + 1e-8)


def standardise_with_own_statistics(X_fit: Any, X: Any) -> Any:
    """Each set standardised with its own mean and standard deviation."""
    std = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)


# ----------------------------------------------------------------------------- 9.4


def deltas_without_mean(Z: Any, y: Any) -> Any:
    """Cross-entropy's δ_L without the 1/N of the mean."""
    Y = one_hot(y, Z.shape[1])
    return softmax(Z) - Y, 2 * (Z - Y) / Z.size


def deltas_per_sample_mean(Z: Any, y: Any) -> Any:
    """Squared error averaged over the N samples only, as if it were per sample."""
    Y = one_hot(y, Z.shape[1])
    return (softmax(Z) - Y) / len(Z), 2 * (Z - Y) / len(Z)


def deltas_ten_classes(Z: Any, y: Any) -> Any:
    """The digits' C = 10 written in: (Z - Y) / 5N."""
    Y = one_hot(y, Z.shape[1])
    return (softmax(Z) - Y) / len(Z), (Z - Y) / (5 * len(Z))


# ----------------------------------------------------------------------------- 9.5


def hardest_by_count(confusion: Any) -> Any:
    """The fewest correct images instead of the lowest share, and the largest single entry."""
    off = confusion - np.diag(np.diag(confusion))
    i, j = np.unravel_index(int(off.argmax()), off.shape)
    return int(np.argmin(np.diag(confusion))), (int(i), int(j))


def hardest_by_column(confusion: Any) -> Any:
    """The share of each column (precision), the pair right."""
    n = len(confusion)
    both = confusion + confusion.T
    pair = max(((i, j) for i in range(n) for j in range(i + 1, n)), key=lambda p: both[p])
    return int(np.argmin(np.diag(confusion) / confusion.sum(axis=0))), pair


# ----------------------------------------------------------------------------- 9.6


def _lowest(val_loss: Any, last: bool) -> int:
    v = list(val_loss)
    return len(v) - 1 - int(np.argmin(v[::-1])) if last else int(np.argmin(v))


def early_stop_from_zero(val_loss: Any, patience: int) -> Any:
    """The rule right, the epochs counted from 0."""
    for epoch in range(len(val_loss)):
        best = _lowest(val_loss[: epoch + 1], last=False)
        if epoch - best >= patience:
            return epoch, best
    return len(val_loss) - 1, _lowest(val_loss, last=False)


def early_stop_one_late(val_loss: Any, patience: int) -> Any:
    """Stops only when the lowest is more than `patience` epochs old."""
    for epoch in range(1, len(val_loss) + 1):
        best = _lowest(val_loss[:epoch], last=False)
        if epoch - 1 - best > patience:
            return epoch, best + 1
    return len(val_loss), _lowest(val_loss, last=False) + 1


def early_stop_ties_improve(val_loss: Any, patience: int) -> Any:
    """A loss equal to the lowest counts as an improvement (the last lowest is kept)."""
    for epoch in range(1, len(val_loss) + 1):
        best = _lowest(val_loss[:epoch], last=True)
        if epoch - 1 - best >= patience:
            return epoch, best + 1
    return len(val_loss), _lowest(val_loss, last=True) + 1


def early_stop_keeps_last(val_loss: Any, patience: int) -> Any:
    """Stops right, but keeps the parameters of the epoch it stopped after."""
    for epoch in range(1, len(val_loss) + 1):
        if epoch - 1 - _lowest(val_loss[:epoch], last=False) >= patience:
            return epoch, epoch
    return len(val_loss), len(val_loss)


# ----------------------------------------------------------------------------- 9.7


def shift_with_roll(X: Any, dx: int, dy: int) -> Any:
    """np.roll: the ink that leaves one side comes back on the other."""
    return np.roll(X.reshape(-1, 8, 8), (dy, dx), axis=(1, 2)).reshape(X.shape)


def _shift(X: Any, dx: int, dy: int) -> Any:
    images, moved = X.reshape(-1, 8, 8), np.zeros((len(X), 8, 8))
    moved[:, max(dy, 0) : 8 + min(dy, 0), max(dx, 0) : 8 + min(dx, 0)] = images[
        :, max(-dy, 0) : 8 + min(-dy, 0), max(-dx, 0) : 8 + min(-dx, 0)
    ]
    return moved.reshape(X.shape)


def shift_rows_and_columns_swapped(X: Any, dx: int, dy: int) -> Any:
    """dx taken as rows and dy as columns: right becomes down."""
    return _shift(X, dy, dx)


def shift_backwards(X: Any, dx: int, dy: int) -> Any:
    """The ink moved the other way: dx cells left, dy cells up."""
    return _shift(X, -dx, -dy)


WRONG: dict[str, list[object]] = {
    "9.1": [counts_without_biases, counts_shift_per_logit],
    "9.2": [scaling_linear_in_c, scaling_factor_per_layer],
    "9.3": [standardise_unrepaired, standardise_with_epsilon, standardise_with_own_statistics],
    "9.4": [deltas_without_mean, deltas_per_sample_mean, deltas_ten_classes],
    "9.5": [hardest_by_count, hardest_by_column],
    "9.6": [
        early_stop_from_zero,
        early_stop_one_late,
        early_stop_ties_improve,
        early_stop_keeps_last,
    ],
    "9.7": [shift_with_roll, shift_rows_and_columns_swapped, shift_backwards],
}
