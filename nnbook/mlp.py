r"""The multilayer perceptron and its training loop (chapters
[XOR](xor.md), [Backpropagation](backpropagation.md),
[Handwritten digits](digits.md)).

Layer $l = 1, \dots, L$ computes, for a minibatch $A_0 = X$ of shape $(N, n_0)$,

$$ Z_l = A_{l-1} W_l + b_l, \qquad A_l = f(Z_l) \ (l < L), \qquad \hat Y = Z_L, $$

so the output layer is linear: it returns logits (classification) or values (regression).
``backward`` runs the chain rule from $\partial L/\partial \hat Y$ down to layer 1, reusing
$\partial L/\partial A_{l}$ to reach layer $l$'s parameters (see :mod:`nnbook.layers`).

Training is minibatch stochastic gradient descent with momentum $\mu$, in the form PyTorch uses:

$$ v \leftarrow \mu v + \nabla_\theta L, \qquad \theta \leftarrow \theta - \eta\, v. $$

Examples:
    >>> import numpy as np
    >>> from nnbook import MLP
    >>> from nnbook.datasets import xor
    >>> X, y = xor()
    >>> net = MLP([2, 8, 2], activation="tanh", seed=0)
    >>> net.fit(X, y, epochs=300, lr=0.1, batch_size=4, momentum=0.9, progress=False).score(X, y)
    1.0
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from nnbook import activations
from nnbook._checks import (
    FloatArray,
    as_float_array,
    check_class_indices,
    check_finite,
    check_ndim,
    check_nonempty,
    check_positive,
    check_positive_int,
)
from nnbook.layers import (
    ActivationCache,
    AffineCache,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    affine_param_grads,
)
from nnbook.losses import Loss, cross_entropy, mse_loss, one_hot, softmax
from nnbook.progress import ProgressBar

__all__ = ["MLP"]

LayerCache = tuple[AffineCache, ActivationCache | None]


class MLP:
    r"""A multilayer perceptron with hidden activation ``activation`` and a linear output layer.

    Args:
        sizes: layer widths $[n_0, n_1, \dots, n_L]$: inputs, hidden layers, outputs.
        activation: hidden activation, a name from :data:`nnbook.activations.ACTIVATIONS`.
        seed: seeds both the initial weights and the minibatch shuffling.
        dtype: ``np.float64`` or ``np.float32``; parameters and computations use it.

    Attributes:
        params: ``[W1, b1, W2, b2, ...]`` with ``W`` of shape ``(n_in, n_out)``, ``b`` of
            shape ``(n_out,)``. Weights start as $\mathcal N(0, g/n_\text{in})$ with gain
            $g = 2$ for ReLU-like units (He) and $g = 1$ otherwise; biases start at 0.
        history: per-epoch ``"loss"`` (and ``"accuracy"`` for classification, plus
            ``"val_loss"``/``"val_accuracy"`` with validation data) from the last ``fit``.
        classes_: the class labels ``0..C-1`` after fitting a classifier, else ``None``.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str | activations.Activation = "relu",
        seed: int = 0,
        dtype: DTypeLike = np.float64,
    ) -> None:
        sizes = list(sizes)
        if len(sizes) < 2 or any(
            isinstance(n, bool) or not isinstance(n, int | np.integer) or n <= 0 for n in sizes
        ):
            raise ValueError(
                f"sizes must be at least two positive integers (inputs, ..., outputs), got {sizes}"
            )
        self.dtype = np.dtype(dtype)
        if self.dtype.kind != "f":
            raise TypeError(f"dtype must be a floating type such as np.float32, got {self.dtype}")
        self.sizes = sizes
        self.activation = activations.get(activation)
        init_seed, shuffle_seed = np.random.SeedSequence(seed).spawn(2)
        init_rng = np.random.default_rng(init_seed)
        self._shuffle_rng = np.random.default_rng(shuffle_seed)
        self.params: list[FloatArray] = []
        for n_in, n_out in itertools.pairwise(sizes):
            scale = np.sqrt(self.activation.gain / n_in)
            self.params.append((init_rng.standard_normal((n_in, n_out)) * scale).astype(self.dtype))
            self.params.append(np.zeros(n_out, dtype=self.dtype))
        self.history: dict[str, list[float]] = {}
        self.classes_: np.ndarray[Any, Any] | None = None
        self._caches: list[LayerCache] | None = None

    # --- forward and backward ------------------------------------------------------------

    def forward(self, X: ArrayLike) -> FloatArray:
        """Return the output $\\hat Y = Z_L$ of shape ``(N, n_L)`` and cache what backward needs."""
        return self._forward(self._inputs(X))

    def _forward(self, X: FloatArray) -> FloatArray:
        caches: list[LayerCache] = []
        A = X
        n_layers = len(self.params) // 2
        for layer in range(n_layers):
            W, b = self.params[2 * layer], self.params[2 * layer + 1]
            Z, affine_cache = affine_forward(A, W, b)
            if layer < n_layers - 1:
                A, act_cache = activation_forward(Z, self.activation)
                caches.append((affine_cache, act_cache))
            else:
                caches.append((affine_cache, None))
        self._caches = caches
        return Z

    def backward(self, dout: ArrayLike) -> list[FloatArray]:
        r"""Given $\partial L/\partial \hat Y$ (shape of the last output), return the gradients.

        The list is ordered like ``params``: ``[dW1, db1, dW2, db2, ...]``.
        """
        if self._caches is None:
            raise RuntimeError("backward needs the cache of a forward pass: call forward(X) first")
        dA = as_float_array(dout, "dout").astype(self.dtype, copy=False)  # grads in params' dtype
        expected = (self._caches[-1][0].X.shape[0], self.sizes[-1])
        if dA.shape != expected:
            raise ValueError(f"dout must have the output's shape {expected}, got {dA.shape}")
        grads: list[FloatArray] = []
        for layer in reversed(range(len(self._caches))):
            affine_cache, act_cache = self._caches[layer]
            dZ = dA if act_cache is None else activation_backward(dA, act_cache)
            if layer > 0:
                dA, dW, db = affine_backward(dZ, affine_cache)
            else:  # no layer below needs dL/dX
                dW, db = affine_param_grads(dZ, affine_cache)
            grads[:0] = [dW, db]
        return grads

    # --- training ------------------------------------------------------------------------

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        epochs: int = 100,
        lr: float = 0.1,
        batch_size: int = 32,
        momentum: float = 0.0,
        progress: bool = True,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
    ) -> MLP:
        """Train by minibatch SGD (with optional momentum) and return ``self``.

        Integer labels ``y`` of shape ``(N,)`` mean classification with softmax cross-entropy
        (labels ``0..n_L-1``); floating targets mean regression with squared error. Training
        continues from the current parameters; each epoch visits the samples in an order
        shuffled by the network's seed.

        Args:
            X: inputs of shape ``(N, n_0)``; finite.
            y: class indices ``(N,)`` or regression targets ``(N, n_L)`` (or ``(N,)`` if $n_L=1$).
            epochs: passes over the data.
            lr: the learning rate $\\eta$.
            batch_size: samples per step (the last batch of an epoch may be smaller).
            momentum: $\\mu$ in $[0, 1)$; 0 is plain SGD.
            progress: draw a progress bar on standard error.
            validation_data: optional ``(X_val, y_val)`` evaluated after every epoch.
        """
        val = None if validation_data is None else self._dataset(*validation_data, "X_val", "y_val")
        X_, y_, loss = self._dataset(X, y, "X", "y")  # after val, so y decides classes_
        if val is not None and val[2] is not loss:
            raise ValueError(
                "validation_data targets must be of the same kind as y (class indices or "
                f"regression targets), got y_val of dtype {val[1].dtype}"
            )
        check_positive_int(epochs, "epochs")
        check_positive_int(batch_size, "batch_size")
        check_positive(lr, "lr")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must lie in [0, 1), got {momentum!r}")
        self.history = {key: [] for key in self._history_keys(val is not None)}
        # Checked once here, so each minibatch skips the loss's input checks.
        T = one_hot(y_, self.sizes[-1], self.dtype) if self.classes_ is not None else y_
        velocity = [np.zeros_like(p) for p in self.params]
        bar = ProgressBar(epochs, "training", enabled=progress)
        for epoch in range(1, epochs + 1):
            order = self._shuffle_rng.permutation(len(X_))
            total_loss = correct = 0.0
            for start in range(0, len(X_), batch_size):
                idx = order[start : start + batch_size]
                out = self._forward(X_[idx])
                batch_loss, dout = loss.value_and_grad_unchecked(out, T[idx])
                if not np.isfinite(batch_loss):
                    raise FloatingPointError(
                        f"training diverged: the loss is {batch_loss} in epoch {epoch}; "
                        f"try a smaller lr (got {lr!r})"
                    )
                total_loss += float(batch_loss) * len(idx)
                if self.classes_ is not None:
                    correct += np.count_nonzero(out.argmax(axis=1) == y_[idx])
                grads = self.backward(dout)
                for p, v, g in zip(self.params, velocity, grads, strict=True):
                    v *= momentum
                    v += g
                    p -= np.multiply(lr, v, out=g)  # g is spent: its memory holds η v
            self._record(total_loss / len(X_), correct / len(X_), val)
            bar.update(epoch, f"loss={self.history['loss'][-1]:.4f}")
        return self

    def _history_keys(self, with_validation: bool) -> list[str]:
        keys = ["loss", "accuracy"] if self.classes_ is not None else ["loss"]
        return keys + [f"val_{k}" for k in keys] if with_validation else keys

    def _record(
        self, loss: float, accuracy: float, val: tuple[FloatArray, Any, Loss] | None
    ) -> None:
        self.history["loss"].append(loss)
        if self.classes_ is not None:
            self.history["accuracy"].append(accuracy)
        if val is not None:
            X_val, y_val, loss_fn = val
            out = self._forward(X_val)
            self.history["val_loss"].append(float(loss_fn(out, y_val)))
            if self.classes_ is not None:
                self.history["val_accuracy"].append(float(np.mean(out.argmax(axis=1) == y_val)))

    # --- prediction ----------------------------------------------------------------------

    def predict(self, X: ArrayLike) -> np.ndarray[Any, Any]:
        """Class labels (argmax of the logits) for a fitted classifier; otherwise the outputs."""
        out = self.forward(X)
        return out.argmax(axis=1) if self.classes_ is not None else out

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Class probabilities $\\mathrm{softmax}(\\hat Y)$, shape ``(N, n_L)``."""
        return softmax(self.forward(X))

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """Accuracy for a classifier; the coefficient of determination $R^2$ for regression."""
        X_, y_, _ = self._dataset(X, y, "X", "y")
        out = self._forward(X_)
        if self.classes_ is not None:
            return float(np.mean(out.argmax(axis=1) == y_))
        residual = np.sum((y_ - out) ** 2)
        return float(1 - residual / np.sum((y_ - y_.mean(axis=0)) ** 2))

    # --- input checks --------------------------------------------------------------------

    def _inputs(self, X: ArrayLike, name: str = "X") -> FloatArray:
        X_ = as_float_array(X, name)
        check_ndim(X_, name, 2, f"(N, {self.sizes[0]})")
        check_nonempty(X_, name)
        if X_.shape[1] != self.sizes[0]:
            raise ValueError(
                f"{name} must have {self.sizes[0]} features (shape (N, {self.sizes[0]})), "
                f"got shape {X_.shape}"
            )
        check_finite(X_, name)
        return X_.astype(self.dtype, copy=False)

    def _dataset(
        self, X: ArrayLike, y: ArrayLike, x_name: str, y_name: str
    ) -> tuple[FloatArray, Any, Loss]:
        """Checked inputs, targets and the loss their kind implies (and set ``classes_``)."""
        X_ = self._inputs(X, x_name)
        y_arr = np.asarray(y)
        if y_arr.shape[:1] != X_.shape[:1]:
            raise ValueError(
                f"{y_name} must have one entry per row of {x_name} ({X_.shape[0]}), "
                f"got shape {y_arr.shape}"
            )
        n_out = self.sizes[-1]
        if y_arr.dtype.kind in "iu":
            if n_out < 2:
                raise ValueError(
                    f"classification needs at least 2 output units, got sizes {self.sizes}"
                )
            check_ndim(y_arr, y_name, 1, "(N,) of class indices")
            self.classes_ = np.arange(n_out)
            return X_, check_class_indices(y_arr, y_name, n_out), cross_entropy
        y_ = as_float_array(y_arr, y_name).astype(self.dtype, copy=False)
        check_finite(y_, y_name)
        if y_.ndim == 1 and n_out == 1:
            y_ = y_[:, None]
        if y_.shape != (X_.shape[0], n_out):
            raise ValueError(f"{y_name} must have shape (N, {n_out}), got {y_.shape}")
        self.classes_ = None
        return X_, y_, mse_loss
