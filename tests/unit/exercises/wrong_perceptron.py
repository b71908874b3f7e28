"""Deliberately wrong answers to the exercises of chapter 1: each must fail a check."""

from __future__ import annotations

import math

import numpy as np

from nnbook import Perceptron


def _ratio(w_tilde: np.ndarray, x_tilde: np.ndarray, y: int) -> float:
    return float(-y * (w_tilde @ x_tilde) / (x_tilde @ x_tilde))


def ceil_of_the_ratio(w_tilde: np.ndarray, x_tilde: np.ndarray, y: int) -> int:
    """Stops when the margin reaches 0, forgetting that the rule's "<=" corrects it again."""
    return math.ceil(_ratio(w_tilde, x_tilde, y))


def the_ratio_itself(w_tilde: np.ndarray, x_tilde: np.ndarray, y: int) -> float:
    """A fraction of a correction."""
    return _ratio(w_tilde, x_tilde, y)


def norm_not_squared(w_tilde: np.ndarray, x_tilde: np.ndarray, y: int) -> int:
    """Each correction raises the margin by ||x~||, not ||x~||²."""
    return math.floor(-y * (w_tilde @ x_tilde) / np.linalg.norm(x_tilde)) + 1


def label_forgotten(w_tilde: np.ndarray, x_tilde: np.ndarray, y: int) -> int:
    """The score instead of the margin."""
    return math.floor(-(w_tilde @ x_tilde) / (x_tilde @ x_tilde)) + 1


def _two_points(eps: float, max_epochs: int = 10_000) -> Perceptron:
    return Perceptron(max_epochs=max_epochs).fit(np.array([[0.0], [eps]]), np.array([-1, 1]))


def _bound(eps: float) -> float:
    return (1 + eps**2) * (4 + eps**2) / eps**2


def default_max_epochs(eps: float) -> tuple[int, float]:
    """Perceptron() stops after 100 epochs, long before small ε converge."""
    p = Perceptron().fit(np.array([[0.0], [eps]]), np.array([-1, 1]))
    return sum(p.misclassified_), _bound(eps)


def updates_not_corrections(eps: float) -> tuple[int, float]:
    """Counts the updates, n_epochs_ - 1, where the first epoch corrects two points."""
    return _two_points(eps).n_epochs_ - 1, _bound(eps)


def approximate_bound(eps: float) -> tuple[int, float]:
    """The approximation 4/ε² instead of (R/γ)²."""
    return sum(_two_points(eps).misclassified_), 4 / eps**2


def inputs_not_augmented(eps: float) -> tuple[int, float]:
    """R and γ of the raw inputs: R = ε, the longest input, and γ = ε/2, the distance of each
    point from the threshold ε/2 (no bias input in either)."""
    return sum(_two_points(eps).misclassified_), (eps / (eps / 2)) ** 2


def _iterates(X: np.ndarray, y: np.ndarray, T: int, strict: bool = False) -> list[np.ndarray]:
    Xt = np.hstack([X, np.ones((len(X), 1))])
    w, out = np.zeros(Xt.shape[1]), [np.zeros(Xt.shape[1])]
    for _ in range(T):
        margins = y * (Xt @ w)
        M = margins < 0 if strict else margins <= 0
        w = w + y[M] @ Xt[M]
        out.append(w)
    return out


def average_includes_w0(X: np.ndarray, y: np.ndarray, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Averages w_0, ..., w_T: T + 1 iterates, the zero start among them."""
    ws = _iterates(X, y, T)
    return ws[-1], np.mean(ws, axis=0)


def strict_inequality(X: np.ndarray, y: np.ndarray, T: int) -> tuple[np.ndarray, np.ndarray]:
    """M with "< 0": at w = 0 nothing is misclassified, and the loop never moves."""
    ws = _iterates(X, y, T, strict=True)
    return ws[-1], np.mean(ws[1:], axis=0)


def halving_average(X: np.ndarray, y: np.ndarray, T: int) -> tuple[np.ndarray, np.ndarray]:
    """avg = (avg + w) / 2: an exponential average, not the mean."""
    ws = _iterates(X, y, T)
    avg = ws[1]
    for w in ws[2:]:
        avg = (avg + w) / 2
    return ws[-1], avg


def mean_update(X: np.ndarray, y: np.ndarray, T: int) -> tuple[np.ndarray, np.ndarray]:
    """Steps by the mean of y_n x~_n over M instead of the sum."""
    Xt = np.hstack([X, np.ones((len(X), 1))])
    w, total = np.zeros(Xt.shape[1]), np.zeros(Xt.shape[1])
    for _ in range(T):
        M = y * (Xt @ w) <= 0
        w = w + (y[M] @ Xt[M]) / max(int(M.sum()), 1)
        total += w
    return w, total / T


WRONG: dict[str, list[object]] = {
    "1.1": [ceil_of_the_ratio, the_ratio_itself, norm_not_squared, label_forgotten],
    "1.3": [(), (1.0, 1.5), (0.0,), (0.0, 0.5, 1.0, 1.5)],
    "1.4": [
        ([1, 0], [3.0, 4.0], 1.0),  # the classic one-at-a-time count
        ([5, 0], [3.0, 4.0], 1.0),
        ([5], [15.0, 20.0], 5.0),  # the last epoch, that finds nothing, forgotten
        ([5, 0], [15.0, 20.0], 0.0),  # the bias input forgotten
        ([0], [0.0, 0.0], 0.0),  # "< 0" instead of "<= 0"
    ],
    "1.6": [default_max_epochs, updates_not_corrections, approximate_bound, inputs_not_augmented],
    "1.7": [average_includes_w0, strict_inequality, halving_average, mean_update],
}
