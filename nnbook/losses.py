r"""Softmax and the loss functions (chapter [Loss functions](losses.md)).

Every loss is called ``loss(input, target, reduction="mean")`` and has
``loss.grad(input, target, reduction="mean")``, the gradient $\partial L/\partial\,\text{input}$
with the shape of ``input``. Names, argument order, target forms and reductions follow
``torch.nn.functional``.

Each loss is written as per-term values $\ell_i$ and their derivatives side by side; the
reduction then combines them:

$$
L_\text{sum} = \sum_i \ell_i, \qquad
L_\text{mean} = \frac{1}{n}\sum_i \ell_i, \qquad
L_\text{batchmean} = \frac{1}{N}\sum_i \ell_i,
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
from numpy.typing import ArrayLike, DTypeLike, NDArray

from nnbook._checks import (
    FloatArray,
    as_float_array,
    check_choice,
    check_class_indices,
    check_finite,
    check_in_range,
    check_ndim,
    check_nonempty,
    check_same_shape,
)

__all__ = [
    "LOSSES",
    "Loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "kl_div",
    "l1_loss",
    "log_softmax",
    "mse_loss",
    "nll_loss",
    "one_hot",
    "softmax",
    "softmax_jacobian",
]


def _logits(z: ArrayLike, name: str = "z") -> FloatArray:
    arr = as_float_array(z, name)
    check_finite(arr, name)
    return arr


def softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    r"""Softmax along ``axis``: $\mathrm{softmax}(z)_k = e^{z_k - m} / \sum_j e^{z_j - m}$.

    Subtracting $m = \max_j z_j$ changes nothing mathematically and keeps every exponent
    $\le 0$, so nothing overflows even at logits of $\pm 10^4$.

    Args:
        z: logits, any shape; normalised along ``axis``.
        axis: the class axis.
    """
    z = _logits(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    r"""Log of the softmax by the log-sum-exp trick: $z_k - m - \log\sum_j e^{z_j - m}$."""
    return _log_softmax(_logits(z), axis)


def _log_softmax(z: FloatArray, axis: int = -1) -> FloatArray:
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def one_hot(labels: ArrayLike, n_classes: int, dtype: DTypeLike = np.float64) -> FloatArray:
    """Rows of the identity: ``one_hot(y, C)[n, k]`` is 1 where ``k == y[n]`` and 0 elsewhere.

    This is the target distribution $p_n$ that cross-entropy compares with
    $\\mathrm{softmax}(z_n)$ when the label is a class index.

    Args:
        labels: class indices of shape ``(N,)`` in ``[0, n_classes)``.
        n_classes: $C$, the number of classes.
        dtype: the floating type of the result.
    """
    return _one_hot(check_class_indices(labels, "labels", n_classes), n_classes, dtype)


def _one_hot(index: NDArray[np.intp], n_classes: int, dtype: DTypeLike) -> FloatArray:
    return np.eye(n_classes, dtype=dtype)[index]  # for indices already checked


def softmax_jacobian(z: ArrayLike) -> FloatArray:
    r"""The Jacobian of the softmax of a vector: $J = \mathrm{diag}(s) - s\,s^\top$, $s = \mathrm{softmax}(z)$.

    Its off-diagonal entries $-s_i s_j$ are not zero: every logit moves every probability.

    Args:
        z: logits of shape ``(..., C)``; the result has shape ``(..., C, C)``.
    """
    s = softmax(z)
    return s[..., :, None] * np.eye(s.shape[-1], dtype=s.dtype) - s[..., :, None] * s[..., None, :]


Terms = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]


@dataclass(frozen=True)
class Loss:
    """A loss: per-term values and their gradient, combined by a reduction.

    Attributes:
        name: the ``torch.nn.functional`` name.
        terms: ``(input, target) -> (ℓ, ∂(Σℓ)/∂input)``: the per-term losses and their
            gradient (shape of ``input``), computed together because they share most work.
        prepare: validates and converts ``(input, target)``.
        reductions: the reductions this loss accepts.
        per_sample: one term per sample (row) instead of one per element.
    """

    name: str
    terms: Terms
    prepare: Callable[[ArrayLike, ArrayLike], tuple[FloatArray, FloatArray]]
    reductions: tuple[str, ...] = field(default=("mean", "sum", "none"))
    per_sample: bool = False

    def __call__(self, input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> FloatArray:
        """The loss value; a scalar array unless ``reduction="none"``."""
        check_choice(reduction, "reduction", self.reductions)
        x, t = self.prepare(input, target)
        ell, _ = self.terms(x, t)
        if reduction == "none":
            return ell
        return np.sum(ell) / self._divisor(x, reduction)

    def grad(self, input: ArrayLike, target: ArrayLike, reduction: str = "mean") -> FloatArray:
        """The gradient of the reduced loss with respect to ``input`` (same shape as ``input``)."""
        return self.value_and_grad(input, target, reduction)[1]

    def value_and_grad(
        self, input: ArrayLike, target: ArrayLike, reduction: str = "mean"
    ) -> tuple[FloatArray, FloatArray]:
        """``(loss(input, target), loss.grad(input, target))`` from one evaluation.

        A training loop needs both on every minibatch; this checks the inputs once.
        """
        check_choice(reduction, "reduction", [r for r in self.reductions if r != "none"])
        return self.value_and_grad_unchecked(*self.prepare(input, target), reduction)

    def value_and_grad_unchecked(
        self, x: FloatArray, t: FloatArray, reduction: str = "mean"
    ) -> tuple[FloatArray, FloatArray]:
        """``value_and_grad`` for an ``(input, target)`` pair already in ``prepare``'s form.

        No checks at all: for a training loop that checked its whole dataset once (class
        indices given as :func:`one_hot` rows) and calls this on every minibatch.
        """
        divisor = self._divisor(x, reduction)
        ell, dell = self.terms(x, t)
        return ell.sum() / divisor, dell / divisor

    def _divisor(self, x: FloatArray, reduction: str) -> FloatArray:
        """1 for ``"sum"``; the number of terms for ``"mean"``; the batch size for ``"batchmean"``."""
        batch = x.shape[0] if x.ndim else 1
        n = {"sum": 1, "mean": batch if self.per_sample else x.size, "batchmean": batch}
        return np.asarray(n[reduction], dtype=x.dtype)


# --- input checks -------------------------------------------------------------------------


def _pair(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Input and target of the same shape, finite, non-empty; target cast to input's dtype."""
    x = _logits(input, "input")
    check_nonempty(x, "input")
    t = as_float_array(target, "target")
    check_same_shape(x, t, "input", "target")
    check_finite(t, "target")
    return x, t.astype(x.dtype, copy=False)


def _probability_pair(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    x, t = _pair(input, target)
    check_in_range(x, "input", 0.0, 1.0)
    check_in_range(t, "target", 0.0, 1.0)
    return x, t


def _class_target(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Logits (N, C) and a target given as indices (N,) or probabilities (N, C), as (N, C)."""
    x = _logits(input, "input")
    check_ndim(x, "input", 2, "(N, C)")
    check_nonempty(x, "input")
    t = np.asarray(target)
    if t.ndim == 1 and t.dtype.kind in "iu":
        if t.shape[0] != x.shape[0]:
            raise ValueError(
                f"target of class indices must have shape ({x.shape[0]},) to match input "
                f"{x.shape}, got {t.shape}"
            )
        return x, _one_hot(check_class_indices(t, "target", x.shape[1]), x.shape[1], x.dtype)
    if t.ndim == 1:
        raise TypeError(f"target of shape (N,) must hold integer class indices, got {t.dtype}")
    p = as_float_array(t, "target")
    check_same_shape(x, p, "input", "target")
    check_finite(p, "target")
    check_in_range(p, "target", 0.0, 1.0)
    return x, p.astype(x.dtype, copy=False)


def _index_target(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    t = np.asarray(target)
    if t.dtype.kind not in "iu":
        raise TypeError(f"target must hold integer class indices, got dtype {t.dtype}")
    return _class_target(input, t)


def _distribution_pair(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    x, p = _pair(input, target)
    check_in_range(p, "target", 0.0, np.inf)
    return x, p


# --- the losses: each term and its derivative side by side ---------------------------------


def _mse(x: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    r = x - t
    return r**2, 2 * r  # ℓ = (x − t)², ∂ℓ/∂x = 2(x − t)


def _l1(x: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    r = x - t
    return np.abs(r), np.sign(r)  # ℓ = |x − t|, ∂ℓ/∂x = sign(x − t): 0 at the kink


def _clamped_log(p: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(p), -100)


def _bce(p: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    # ℓ = −[t log p + (1 − t) log(1 − p)], each log clamped at −100 as in PyTorch;
    # ∂ℓ/∂p = −t/p + (1 − t)/(1 − p), where a clamped log contributes 0.
    log_p, log_q = _clamped_log(p), _clamped_log(1 - p)
    d_p = np.divide(-t, p, out=np.zeros_like(p), where=log_p > -100)
    d_q = np.divide(1 - t, 1 - p, out=np.zeros_like(p), where=log_q > -100)
    return -(t * log_p + (1 - t) * log_q), d_p + d_q


def _bce_logits(z: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    # ℓ = −[t log σ(z) + (1 − t) log(1 − σ(z))] = max(z, 0) − t z + log(1 + e^{−|z|}),
    # ∂ℓ/∂z = σ(z) − t, with σ(z) = 1/(1 + e^{−|z|}) for z ≥ 0 and e^{−|z|}/(1 + e^{−|z|}) below.
    e = np.exp(-np.abs(z))
    sigma = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return np.maximum(z, 0) - t * z + np.log1p(e), sigma - t


def _cross_entropy(z: FloatArray, p: FloatArray) -> tuple[FloatArray, FloatArray]:
    # ℓ_n = −Σ_k p_nk log softmax(z_n)_k;
    # ∂ℓ_n/∂z_n = softmax(z_n) Σ_k p_nk − p_n, which is softmax(z_n) − p_n when p_n sums to 1.
    log_q = _log_softmax(z)
    return -(p * log_q).sum(axis=1), np.exp(log_q) * p.sum(axis=1, keepdims=True) - p


def _nll(log_q: FloatArray, onehot: FloatArray) -> tuple[FloatArray, FloatArray]:
    return -np.sum(onehot * log_q, axis=1), -onehot  # ℓ_n = −log q_{n, y_n}


def _kl(log_q: FloatArray, p: FloatArray) -> tuple[FloatArray, FloatArray]:
    # ℓ = p (log p − log q), with 0 log 0 = 0; ∂ℓ/∂(log q) = −p.
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return p * (log_p - log_q), -p


mse_loss = Loss("mse_loss", _mse, _pair)
l1_loss = Loss("l1_loss", _l1, _pair)
binary_cross_entropy = Loss("binary_cross_entropy", _bce, _probability_pair)
binary_cross_entropy_with_logits = Loss("binary_cross_entropy_with_logits", _bce_logits, _pair)
cross_entropy = Loss("cross_entropy", _cross_entropy, _class_target, per_sample=True)
nll_loss = Loss("nll_loss", _nll, _index_target, per_sample=True)
kl_div = Loss("kl_div", _kl, _distribution_pair, ("mean", "sum", "batchmean", "none"))

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
