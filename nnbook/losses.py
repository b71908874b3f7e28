r"""Softmax and the loss functions (chapter [Loss functions](losses.md)).

Every loss is called ``loss(input, target, reduction="mean")`` and has
``loss.grad(input, target, reduction="mean")``, the gradient $\partial \mathcal L/\partial\,\text{input}$
with the shape of ``input``. Names, argument order, target forms and reductions follow
``torch.nn.functional``.

Each loss is written as per-term values $\ell_i$ and their derivatives side by side; the
reduction then combines them:

$$
\mathcal L_\text{sum} = \sum_i \ell_i, \qquad
\mathcal L_\text{mean} = \frac{1}{n}\sum_i \ell_i, \qquad
\mathcal L_\text{batchmean} = \frac{1}{N}\sum_i \ell_i,
$$

where $n$ is the number of terms and $N$ the batch size (first axis of ``input``). For
``cross_entropy`` and ``nll_loss`` there is one term per sample, so ``"mean"`` divides by $N$.

Examples:
    >>> import numpy as np
    >>> from nnbook.losses import cross_entropy
    >>> z = np.array([[2.0, 0.0, -1.0]])
    >>> float(round(cross_entropy(z, np.array([0])), 4))
    0.1698
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from nnbook._checks import (
    FloatArray,
    check_choice,
    check_class_indices,
    class_target,
    distribution_pair,
    finite_float_array,
    index_target,
    loss_pair,
    probability_pair,
)
from nnbook.activations import sigmoid

__all__ = [
    "LOSSES",
    "Loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "kl_div",
    "l1_loss",
    "log_softmax",
    "loss",
    "mse_loss",
    "nll_loss",
    "one_hot",
    "softmax",
    "softmax_jacobian",
]


def softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    r"""Softmax along ``axis``: $\mathrm{softmax}(z)_k = e^{z_k - m} / \sum_j e^{z_j - m}$.

    Subtracting $m = \max_j z_j$ changes nothing mathematically and keeps every exponent
    $\le 0$, so nothing overflows even at logits of $\pm 10^4$.

    Args:
        z: logits, any shape; normalised along ``axis``.
        axis: the class axis.
    """
    z = finite_float_array(z, "z")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    r"""Log of the softmax by the log-sum-exp trick: $z_k - m - \log\sum_j e^{z_j - m}$."""
    return _log_softmax(finite_float_array(z, "z"), axis)


def _log_softmax(z: FloatArray, axis: int = -1) -> FloatArray:
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def one_hot(labels: ArrayLike, n_classes: int, dtype: DTypeLike = np.float64) -> FloatArray:
    r"""Rows of the identity: ``one_hot(y, C)[n, k]`` is 1 where ``k == y[n]`` and 0 elsewhere.

    This is the target distribution $p_n$ that cross-entropy compares with
    $\mathrm{softmax}(z_n)$ when the label is a class index.

    Args:
        labels: class indices of shape ``(N,)`` in ``[0, n_classes)``.
        n_classes: $C$, the number of classes.
        dtype: the floating type of the result.
    """
    return np.eye(n_classes, dtype=dtype)[check_class_indices(labels, "labels", n_classes)]


def softmax_jacobian(z: ArrayLike) -> FloatArray:
    r"""The Jacobian of the softmax of a vector: $J = \mathrm{diag}(s) - s\,s^\top$, $s = \mathrm{softmax}(z)$.

    Its off-diagonal entries $-s_i s_j$ are not zero: every logit moves every probability.

    Args:
        z: logits of shape ``(..., C)``; the result has shape ``(..., C, C)``.
    """
    s = softmax(z)
    return s[..., :, None] * np.eye(s.shape[-1], dtype=s.dtype) - s[..., :, None] * s[..., None, :]


@dataclass(frozen=True)
class Loss:
    """A loss: per-term values and their gradient, combined by a reduction.

    Made by [`loss`][nnbook.losses.loss] from the function of the terms; call ``loss(input,
    target)``, ``loss.grad(input, target)`` or ``loss.value_and_grad(input, target)``, which check
    their inputs, rather than the stored functions.

    Attributes:
        name: the ``torch.nn.functional`` name.
        reductions: the reductions this loss accepts.
        per_sample: one term per sample (row) instead of one per element.
    """

    name: str
    _terms: Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]] = field(repr=False)
    _prepare: Callable[[ArrayLike, ArrayLike], tuple[FloatArray, FloatArray]] = field(repr=False)
    reductions: tuple[str, ...] = field(default=("mean", "sum", "none"), repr=False)
    per_sample: bool = field(default=False, repr=False)

    def __call__(self, input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> FloatArray:
        """The loss value; a scalar array unless ``reduction="none"``."""
        check_choice(reduction, "reduction", self.reductions)
        x, t = self._prepare(input, target)
        ell, _ = self._terms(x, t)
        if reduction == "none":
            return ell
        return np.sum(ell) / self._divisor(x, reduction)

    def grad(self, input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> FloatArray:
        """The gradient of the reduced loss with respect to ``input`` (same shape as ``input``)."""
        return self.value_and_grad(input, target, reduction)[1]

    def value_and_grad(
        self, input: ArrayLike, target: ArrayLike, reduction: str = "mean"
    ) -> tuple[FloatArray, FloatArray]:
        """``(loss(input, target), loss.grad(input, target))``, checking the inputs once."""
        check_choice(reduction, "reduction", [r for r in self.reductions if r != "none"])
        x, t = self._prepare(input, target)
        divisor = self._divisor(x, reduction)
        ell, dell = self._terms(x, t)
        return ell.sum() / divisor, dell / divisor

    def _divisor(self, x: FloatArray, reduction: str) -> int:
        """1 for ``"sum"``; the number of terms for ``"mean"``; the batch size for ``"batchmean"``."""
        batch = x.shape[0] if x.ndim else 1
        return {"sum": 1, "mean": batch if self.per_sample else x.size, "batchmean": batch}[
            reduction
        ]


def loss(
    prepare: Callable[[ArrayLike, ArrayLike], tuple[FloatArray, FloatArray]],
    reductions: tuple[str, ...] = ("mean", "sum", "none"),
    per_sample: bool = False,
) -> Callable[[Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]], Loss]:
    r"""Make the function below, which returns the terms $\ell_i$ and their derivatives, the loss
    of that name; ``prepare`` checks and converts ``(input, target)`` for it.

    The loss is called ``name(input, target, reduction="mean")`` and has the function's
    docstring: its formulas (``help(mse_loss)``).
    """

    def make(terms: Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]) -> Loss:
        made = Loss(terms.__name__, terms, prepare, reductions, per_sample)
        object.__setattr__(made, "__doc__", terms.__doc__)  # help() shows the formulas
        return made

    return make


# --- the losses: each term and its derivative side by side -----------------------------------


@loss(loss_pair)
def mse_loss(y_hat: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Squared error, for regression: ``mse_loss(input, target, reduction="mean")``.

    $$ \ell(\hat y, y) = (\hat y - y)^2, \qquad \frac{\partial \ell}{\partial \hat y} = 2(\hat y - y) $$

    for each element of ``input`` $\hat y$ (any shape) and ``target`` $y$ (the same shape).
    """
    r = y_hat - y
    return r**2, 2 * r  # ℓ = (ŷ − y)², ∂ℓ/∂ŷ = 2(ŷ − y)


@loss(loss_pair)
def l1_loss(y_hat: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Absolute error: ``l1_loss(input, target, reduction="mean")``.

    $$ \ell(\hat y, y) = |\hat y - y|, \qquad \frac{\partial \ell}{\partial \hat y} = \mathrm{sign}(\hat y - y) $$

    for each element of ``input`` $\hat y$ and ``target`` $y$ (same shape); 0 at the kink $\hat y = y$.
    """
    r = y_hat - y
    return np.abs(r), np.sign(r)  # ℓ = |ŷ − y|, ∂ℓ/∂ŷ = sign(ŷ − y): 0 at the kink


@loss(probability_pair)
def binary_cross_entropy(y_hat: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Binary cross-entropy of probabilities: ``binary_cross_entropy(input, target, reduction="mean")``.

    $$ \ell(\hat y, y) = -\big[ y \ln \hat y + (1 - y) \ln(1 - \hat y) \big], \qquad
    \frac{\partial \ell}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y} $$

    for each element of ``input`` $\hat y \in [0, 1]$ and ``target`` $y \in [0, 1]$ (same shape).
    Each log is clamped at $-100$ as in PyTorch (in float32 at $-88.7$, below which $1/\hat y$
    would overflow); a clamped log adds 0 to the gradient. Prefer
    [`binary_cross_entropy_with_logits`][nnbook.losses.binary_cross_entropy_with_logits], exact even where $\sigma(z)$ rounds to 0 or 1.
    """
    # ℓ = −[y log ŷ + (1 − y) log(1 − ŷ)], ∂ℓ/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ); a clamped log adds 0.
    # The floor is PyTorch's −100, or higher where 1/ŷ would overflow (−88.7 in float32).
    floor = max(-100.0, -float(np.log(np.finfo(y_hat.dtype).max)))
    with np.errstate(divide="ignore"):  # log 0 = −inf, clamped at the floor
        log_p, log_q = np.maximum(np.log(y_hat), floor), np.maximum(np.log(1 - y_hat), floor)
    d_p = np.divide(-y, y_hat, out=np.zeros_like(y_hat), where=log_p > floor)
    d_q = np.divide(1 - y, 1 - y_hat, out=np.zeros_like(y_hat), where=log_q > floor)
    return -(y * log_p + (1 - y) * log_q), d_p + d_q


@loss(loss_pair)
def binary_cross_entropy_with_logits(z: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Binary cross-entropy of $\hat y = \sigma(z)$ from logits: ``binary_cross_entropy_with_logits(input, target, reduction="mean")``.

    $$
    \begin{aligned}
    \ell(z, y) &= -\big[ y \ln \sigma(z) + (1 - y) \ln(1 - \sigma(z)) \big]
    = \max(z, 0) - yz + \ln\big(1 + e^{-|z|}\big), \\
    \frac{\partial \ell}{\partial z} &= \sigma(z) - y
    \end{aligned}
    $$

    for each element of ``input`` $z$ and ``target`` $y \in [0, 1]$ (same shape); the second form
    of $\ell$ never overflows.
    """
    # ℓ = max(z, 0) − yz + log(1 + e^{−|z|}), ∂ℓ/∂z = σ(z) − y: nothing overflows.
    return np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))), sigmoid(z) - y


@loss(class_target, per_sample=True)
def cross_entropy(z: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Softmax cross-entropy of logits: ``cross_entropy(input, target, reduction="mean")``.

    $$ \ell(z, y) = -\sum_{k=0}^{C-1} y_k \ln \hat y_k, \quad \hat y = \mathrm{softmax}(z), \qquad
    \frac{\partial \ell}{\partial z} = \hat y \sum_k y_k - y $$

    per sample, for logits ``input`` (N, C) and ``target`` class indices $c$ (N,) (one-hot $y$, so
    $\ell = -\ln \hat y_c$) or probabilities $y$ (N, C). If $y$ sums to 1: $\partial\ell/\partial z = \hat y - y$.
    """
    # ℓ_n = −Σ_k y_nk log softmax(z_n)_k, ∂ℓ_n/∂z_n = softmax(z_n) Σ_k y_nk − y_n.
    log_y_hat = _log_softmax(z)
    return -(y * log_y_hat).sum(axis=1), np.exp(log_y_hat) * y.sum(axis=1, keepdims=True) - y


@loss(index_target, per_sample=True)
def nll_loss(log_q: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Negative log-likelihood of log-probabilities: ``nll_loss(input, target, reduction="mean")``.

    $$ \ell(\ln q, c) = -\ln q_c, \qquad \frac{\partial \ell}{\partial \ln q} = -y $$

    per sample: ``input`` holds log-probabilities $\ln q$ of shape ``(N, C)`` (e.g. from
    [`log_softmax`][nnbook.losses.log_softmax]), ``target`` class indices $c$ of shape ``(N,)``; $y$ is the one-hot row of $c$.
    """
    return -np.sum(y * log_q, axis=1), -y  # ℓ_n = −log q_{n,c}, ∂ℓ_n/∂(log q_n) = −y_n


@loss(distribution_pair, ("mean", "sum", "batchmean", "none"))
def kl_div(log_q: FloatArray, p: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Kullback–Leibler divergence $\mathrm{KL}(p \,\|\, q)$: ``kl_div(input, target, reduction="mean")``.

    $$ \ell(\ln q, p) = p \,(\ln p - \ln q), \qquad \frac{\partial \ell}{\partial \ln q} = -p $$

    for each element of ``input`` $\ln q$ (log-probabilities) and ``target`` $p$ (same shape), with
    $0 \ln 0 = 0$. ``"mean"`` divides by the number of elements (as in PyTorch): the KL divergence
    per sample is ``reduction="batchmean"``.
    """
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return p * (log_p - log_q), -p  # ℓ = p (log p − log q) with 0 log 0 = 0, ∂ℓ/∂(log q) = −p


LOSSES: dict[str, Loss] = {
    f.name: f
    for f in (
        mse_loss,
        l1_loss,
        binary_cross_entropy,
        binary_cross_entropy_with_logits,
        cross_entropy,
        nll_loss,
        kl_div,
    )
}
"""Every loss by its name."""
