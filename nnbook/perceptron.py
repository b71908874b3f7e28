r"""The perceptron and its learning rule (chapter [The perceptron](perceptron.md)).

A perceptron predicts the label $\operatorname{sign}(w^\top x + b) \in \{-1, +1\}$ (a score of 0 gives $-1$).
Labels are $y \in \{-1, +1\}$.
Folding the bias into the weights, $\tilde w = (w, b)$ and $\tilde x = (x, 1)$, a point is
classified correctly exactly when $y_n \tilde w^\top \tilde x_n > 0$. Learning minimises the
*perceptron criterion* over the misclassified set
$\mathcal M(\tilde w) = \{ n : y_n \tilde w^\top \tilde x_n \le 0 \}$:

$$
J(\tilde w) = -\sum_{n \in \mathcal M(\tilde w)} y_n \tilde w^\top \tilde x_n \;\ge 0, \qquad
\nabla J(\tilde w) = -\sum_{n \in \mathcal M(\tilde w)} y_n \tilde x_n,
$$

by fixed-size (sub)gradient steps with learning rate $\eta$:
$\tilde w \leftarrow \tilde w + \eta \sum_{n \in \mathcal M} y_n \tilde x_n$.
This is not a descent method: $J(0) = 0$ is already $J$'s minimum, and $J$ may rise along the
way; progress is measured along a separating direction (Novikoff's argument).
Training stops when $\mathcal M$ is empty (converged) or after ``max_epochs`` updates.

Examples:
    >>> import numpy as np
    >>> from nnbook import Perceptron
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> p = Perceptron().fit(X, np.array([-1, -1, -1, 1]))   # AND
    >>> p.converged_, p.predict(X).tolist()
    (True, [-1, -1, -1, 1])
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnbook._checks import (
    FloatArray,
    as_float_array,
    check_finite,
    check_ndim,
    check_nonempty,
    check_positive,
    check_positive_int,
)
from nnbook.exceptions import NotFittedError

__all__ = ["Perceptron"]


def _augment(X: FloatArray) -> FloatArray:
    r"""$\tilde X = [X, \mathbf 1]$: the bias becomes the weight of a constant input."""
    return np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])


class Perceptron:
    r"""Rosenblatt's perceptron, trained by batch (sub)gradient steps on the perceptron criterion.

    Args:
        lr: the learning rate $\eta > 0$.
        max_epochs: the most updates to make; a non-separable set stops here.

    Attributes:
        w_: learned weights, shape ``(D,)``.
        b_: learned bias.
        converged_: whether an epoch found no misclassified point.
        misclassified_: $|\mathcal M|$ at the start of each epoch.
        n_epochs_: how many epochs ``fit`` ran.
    """

    def __init__(self, lr: float = 1.0, max_epochs: int = 100) -> None:
        check_positive(lr, "lr")
        check_positive_int(max_epochs, "max_epochs")
        self.lr, self.max_epochs = lr, max_epochs

    def fit(self, X: ArrayLike, y: ArrayLike) -> Perceptron:
        r"""Learn $w, b$ from inputs ``X`` (N, D) and labels ``y`` (N,) in $\{-1, +1\}$."""
        Xt = _augment(self._inputs(X))
        y_ = self._labels(y, len(Xt)).astype(Xt.dtype)  # float32 data gives float32 weights
        w = np.zeros(Xt.shape[1], dtype=Xt.dtype)
        self.misclassified_: list[int] = []
        self.converged_ = False
        for _ in range(self.max_epochs):
            M = y_ * (Xt @ w) <= 0  # the misclassified set, boundary points included
            self.misclassified_.append(int(M.sum()))
            if not M.any():
                self.converged_ = True
                break
            w = w + self.lr * (y_[M] @ Xt[M])  # w ← w + η Σ_{n∈M} y_n x̃_n
        self.n_epochs_ = len(self.misclassified_)
        self.w_, self.b_ = w[:-1], float(w[-1])
        return self

    def decision_function(self, X: ArrayLike) -> FloatArray:
        r"""The score $w^\top x + b$ for each row of ``X``."""
        if not hasattr(self, "w_"):
            raise NotFittedError(self)
        X_ = self._inputs(X)
        if X_.shape[1] != self.w_.shape[0]:
            raise ValueError(
                f"X must have {self.w_.shape[0]} features to match the fitted w_, "
                f"got shape {X_.shape}"
            )
        return X_ @ self.w_ + self.b_

    def predict(self, X: ArrayLike) -> NDArray[np.int_]:
        r"""$\operatorname{sign}(w^\top x + b)$ as $\pm 1$ (a score of exactly 0 gives $-1$)."""
        return np.where(self.decision_function(X) > 0, 1, -1)

    def criterion(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""The perceptron criterion $J = -\sum_{n\in\mathcal M} y_n (w^\top x_n + b)$ (0 iff no point is strictly on the wrong side)."""
        margins = self._labels(y, self._inputs(X).shape[0]) * self.decision_function(X)
        return float(-np.sum(margins[margins <= 0])) + 0.0  # + 0.0: report 0.0, never -0.0

    @staticmethod
    def _inputs(X: ArrayLike) -> FloatArray:
        X_ = as_float_array(X, "X")
        check_ndim(X_, "X", 2, "(N, D)")
        check_nonempty(X_, "X")
        check_finite(X_, "X")
        return X_

    @staticmethod
    def _labels(y: ArrayLike, n: int) -> FloatArray:
        y_ = as_float_array(y, "y")
        if y_.shape != (n,):
            raise ValueError(f"y must have shape ({n},) to match X, got {y_.shape}")
        if not np.all(np.isin(y_, (-1.0, 1.0))):
            bad = sorted(set(np.unique(y_).tolist()) - {-1.0, 1.0})
            raise ValueError(f"y must hold perceptron labels in {{-1, +1}}, got {bad}")
        return y_
