r"""The multilayer perceptron and its training loop (chapters
[XOR](xor.md), [Backpropagation](backpropagation.md),
[Handwritten digits](digits.md)).

Layer $l = 1, \dots, L$ computes, for a minibatch $A_0 = X$ of shape $(N, n_0)$,

$$ Z_l = A_{l-1} W_l + b_l, \qquad A_l = f(Z_l) \ (l < L), $$

so the output layer is linear: $Z_L$ holds logits (classification; the prediction is
$\hat y = \mathrm{softmax}(z_L)$) or the predicted values themselves (regression).
``backward`` runs the chain rule from $\partial \mathcal L/\partial Z_L$ down to layer 1, reusing
$\partial \mathcal L/\partial A_{l}$ to reach layer $l$'s parameters (see [`nnbook.layers`][nnbook.layers]).

Training is minibatch stochastic gradient descent with momentum $\mu$, in the form PyTorch uses:

$$ v \leftarrow \mu v + \nabla_\theta \mathcal L, \qquad \theta \leftarrow \theta - \eta\, v. $$

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
    check_layer_sizes,
    check_positive,
    check_positive_int,
    holds_labels,
    network_inputs,
    network_targets,
)
from nnbook._progress import ProgressBar
from nnbook.layers import (
    ActivationCache,
    AffineCache,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
)
from nnbook.losses import Loss, cross_entropy, mse_loss, one_hot, softmax

__all__ = ["MLP"]

LayerCache = tuple[AffineCache, ActivationCache | None]


class MLP:
    r"""A multilayer perceptron with hidden activation ``activation`` and a linear output layer.

    Args:
        sizes: layer widths $[n_0, n_1, \dots, n_L]$: inputs, hidden layers, outputs.
        activation: hidden activation, a name from [`nnbook.activations.ACTIVATIONS`][nnbook.activations.ACTIVATIONS].
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
        sizes = check_layer_sizes(sizes)
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
        """Return the output $Z_L$ (logits or values) of shape ``(N, n_L)``; cache what backward needs.

        The cache is all ``forward`` changes; ``predict`` and ``score`` do not keep one.
        """
        out, self._caches = self._forward(self._inputs(X))
        return out

    def _forward(self, X: FloatArray) -> tuple[FloatArray, list[LayerCache]]:
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
        return Z, caches

    def backward(self, dout: ArrayLike) -> list[FloatArray]:
        r"""Given $\partial \mathcal L/\partial Z_L$ (shape of the output), return the gradients.

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
            else:  # below layer 1 is the data X: skip ∂𝓛/∂X, a product no one needs
                dW, db = affine_cache.X.T @ dZ, dZ.sum(axis=0)
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
        progress: bool | None = None,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
    ) -> MLP:
        r"""Train by minibatch SGD (with optional momentum) and return ``self``.

        Integer labels ``y`` of shape ``(N,)`` mean classification with softmax cross-entropy
        (labels ``0..n_L-1``); floating targets mean regression with squared error. Training
        continues from the current parameters; each epoch visits the samples in an order
        shuffled by the network's seed.

        Args:
            X: inputs of shape ``(N, n_0)``; finite.
            y: class indices ``(N,)`` or regression targets ``(N, n_L)`` (or ``(N,)`` if $n_L=1$).
            epochs: passes over the data.
            lr: the learning rate $\eta$.
            batch_size: samples per step (the last batch of an epoch may be smaller).
            momentum: $\mu$ in $[0, 1)$; 0 is plain SGD.
            progress: draw a progress bar on standard error; by default only when it is an
                interactive terminal.
            validation_data: optional ``(X_val, y_val)`` evaluated after every epoch.
        """
        classify = holds_labels(y)
        X_, y_ = self._dataset(X, y, "X", "y", classify)
        val = None
        if validation_data is not None:
            X_val, y_val = validation_data
            if holds_labels(y_val) != classify:
                raise ValueError(
                    "validation_data targets must be of the same kind as y (class indices or "
                    f"regression targets), got y_val of dtype {np.asarray(y_val).dtype}"
                )
            val = self._dataset(X_val, y_val, "X_val", "y_val", classify)
        check_positive_int(epochs, "epochs")
        check_positive_int(batch_size, "batch_size")
        check_positive(lr, "lr")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must lie in [0, 1), got {momentum!r}")
        self.classes_ = np.arange(self.sizes[-1]) if classify else None
        self.history = {key: [] for key in self._history_keys(val is not None)}
        loss = cross_entropy if classify else mse_loss
        # Checked once here, so each minibatch skips the loss's input checks.
        T = one_hot(y_, self.sizes[-1], self.dtype) if classify else y_
        velocity = [np.zeros_like(p) for p in self.params]
        bar = ProgressBar(epochs, "training", enabled=progress)
        for epoch in range(1, epochs + 1):
            order = self._shuffle_rng.permutation(len(X_))
            total_loss = correct = 0.0
            for start in range(0, len(X_), batch_size):
                idx = order[start : start + batch_size]
                out, self._caches = self._forward(X_[idx])
                batch_loss, dout = loss._value_and_grad(out, T[idx])
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
                    v *= momentum  # v ← μ v + g
                    v += g
                    p -= lr * v  # θ ← θ − η v
            self._record(total_loss / len(X_), correct / len(X_), loss, val)
            bar.update(epoch, f"loss={self.history['loss'][-1]:.4f}")
        return self

    def _history_keys(self, with_validation: bool) -> list[str]:
        keys = ["loss", "accuracy"] if self.classes_ is not None else ["loss"]
        return keys + [f"val_{k}" for k in keys] if with_validation else keys

    def _record(
        self, epoch_loss: float, accuracy: float, loss: Loss, val: tuple[FloatArray, Any] | None
    ) -> None:
        self.history["loss"].append(epoch_loss)
        if self.classes_ is not None:
            self.history["accuracy"].append(accuracy)
        if val is not None:
            X_val, y_val = val
            out, _ = self._forward(X_val)
            self.history["val_loss"].append(float(loss(out, y_val)))
            if self.classes_ is not None:
                self.history["val_accuracy"].append(float(np.mean(out.argmax(axis=1) == y_val)))

    # --- prediction: never changes the network ------------------------------------------

    def predict(self, X: ArrayLike) -> np.ndarray[Any, Any]:
        """Class labels (argmax of the logits) for a fitted classifier; otherwise the outputs."""
        out, _ = self._forward(self._inputs(X))
        return out.argmax(axis=1) if self.classes_ is not None else out

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        r"""Class probabilities $\hat y = \mathrm{softmax}(z_L)$ for each row, shape ``(N, n_L)``."""
        return softmax(self._forward(self._inputs(X))[0])

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""Accuracy for a fitted classifier, else $R^2 = 1 - \sum (y - \hat y)^2 / \sum (y - \bar y)^2$.

        $R^2$ is pooled over the outputs, $\bar y$ being each output column's mean: 1 is perfect,
        0 no better than predicting $\bar y$. ``y`` must be of the kind the network was fitted
        on: class indices ``(N,)`` for a classifier, else targets ``(N, n_L)``.

        Raises:
            ValueError: if ``y`` is of the other kind, or (regression) if ``y`` is constant:
                $R^2$ is then undefined, its denominator being 0.
        """
        classify = self.classes_ is not None
        if holds_labels(y) != classify:
            expected = (
                "integer class indices: the network was fitted as a classifier"
                if classify
                else "floating regression targets: the network is not a fitted classifier"
            )
            raise ValueError(f"y must hold {expected}, got y of dtype {np.asarray(y).dtype}")
        X_, y_ = self._dataset(X, y, "X", "y", classify)
        out, _ = self._forward(X_)
        if classify:
            return float(np.mean(out.argmax(axis=1) == y_))
        total = np.sum((y_ - y_.mean(axis=0)) ** 2)
        if total == 0:
            raise ValueError(
                "y must not be constant for R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)², which is undefined "
                f"when every column of y is constant, got y equal to {y_[0].tolist()} in every row"
            )
        return float(1 - np.sum((y_ - out) ** 2) / total)

    def _inputs(self, X: ArrayLike, name: str = "X") -> FloatArray:
        return network_inputs(X, name, self.sizes[0], self.dtype)

    def _dataset(
        self, X: ArrayLike, y: ArrayLike, x_name: str, y_name: str, classify: bool
    ) -> tuple[FloatArray, Any]:
        X_ = self._inputs(X, x_name)
        return X_, network_targets(y, y_name, X_, x_name, self.sizes, classify)
