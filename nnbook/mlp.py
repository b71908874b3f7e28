r"""The multilayer perceptron and its training loop (chapters
[XOR](xor.md), [Backpropagation](backpropagation.md), [Training](training.md),
[Initialisation and early stopping](initialisation.md), [Handwritten digits](digits.md)).

Layer $l = 1, \dots, L$ computes, for a minibatch $A_0 = X$ of shape $(N, n_0)$,

$$ Z_l = A_{l-1} W_l + b_l, \qquad A_l = f(Z_l) \ (l < L), $$

so the output layer is linear: $Z_L$ holds logits (classification; the prediction is
$\hat y = \mathrm{softmax}(z_L)$) or the predicted values themselves (regression).
``backward`` runs the chain rule from $\partial \mathcal L/\partial Z_L$ down to layer 1, reusing
$\partial \mathcal L/\partial A_{l}$ to reach layer $l$'s parameters (see [`nnbook.layers`][nnbook.layers]).
The parameters $W_l$, $b_l$ are views into one vector $\theta$ (see
[`nnbook.parameters`][nnbook.parameters]).

Training is minibatch stochastic gradient descent with momentum $\mu$, in the form PyTorch uses
(derived in [Training](training.md#momentum)):

$$ v \leftarrow \mu v + \nabla_\theta \mathcal L, \qquad \theta \leftarrow \theta - \eta\, v. $$

The conventions are scikit-learn's: settings in the constructor, ``fit(X, y)``, what ``fit``
learns in attributes ending in ``_``. The task is the class: [`MLPClassifier`][nnbook.mlp.MLPClassifier]
(softmax cross-entropy) or [`MLPRegressor`][nnbook.mlp.MLPRegressor] (squared error);
[`MLP`][nnbook.mlp.MLP] is the network alone, with ``forward`` and ``backward``.

Examples:
    >>> from nnbook import MLPClassifier
    >>> from nnbook.datasets import xor
    >>> X, y = xor()
    >>> net = MLPClassifier([2, 8, 2], activation="tanh", epochs=300, batch_size=4, momentum=0.9)
    >>> net.fit(X, y).score(X, y)
    1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from nnbook import activations
from nnbook._checks import (
    FloatArray,
    as_float_array,
    check_positive,
    check_positive_int,
    class_labels,
    network_inputs,
    regression_targets,
)
from nnbook._progress import ProgressBar
from nnbook.exceptions import NotFittedError
from nnbook.layers import (
    ActivationCache,
    AffineCache,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
)
from nnbook.losses import Loss, cross_entropy, mse_loss, softmax
from nnbook.parameters import Parameters

__all__ = ["MLP", "MLPClassifier", "MLPRegressor"]

LayerCache = tuple[AffineCache, ActivationCache | None]
_Net = TypeVar("_Net", bound="MLP")


class MLP:
    r"""A multilayer perceptron: hidden activation ``activation``, a linear output layer.

    ``MLP`` is the network alone (``forward``, ``backward``, the parameters); to train one, make an
    [`MLPClassifier`][nnbook.mlp.MLPClassifier] or an [`MLPRegressor`][nnbook.mlp.MLPRegressor],
    which take the same arguments.

    Args:
        sizes: layer widths $[n_0, n_1, \dots, n_L]$: inputs, hidden layers, outputs.
        activation: hidden activation, a name from [`nnbook.activations.ACTIVATIONS`][nnbook.activations.ACTIVATIONS].
        epochs: passes over the data in each ``fit``
            ([Training](training.md#epochs-reshuffling-and-the-last-batch)).
        lr: the learning rate $\eta$ ([Training](training.md#the-learning-rate)).
        batch_size: samples per step, $B$ (the last batch of an epoch may be smaller)
            ([Training](training.md#from-gradient-descent-to-minibatch-sgd)).
        momentum: $\mu$ in $[0, 1)$; 0 is plain SGD ([Training](training.md#momentum)).
        progress: draw a progress bar on standard error; by default only when it is an
            interactive terminal (never in a notebook's captured output or the book's build).
        patience: stop early once the validation loss has not improved for this many epochs,
            and keep the parameters of the epoch where it was lowest; ``None`` trains all
            ``epochs``. Needs ``validation_data`` in ``fit``
            ([Early stopping](initialisation.md#early-stopping-in-fit)).
        seed: seeds both the initial weights and the minibatch shuffling, through two
            independent generators spawned from it
            ([Training](training.md#epochs-reshuffling-and-the-last-batch)).
        dtype: ``np.float64`` or ``np.float32``; parameters and computations use it.

    Attributes:
        params: all parameters, $\theta$ = ``params.theta``; iterating gives
            $W_1, b_1, \dots, W_L, b_L$. Weights start as $\mathcal N(0, \beta/n_{l-1})$ with the
            activation's gain $\beta$ (``activation.gain``: 2 for ReLU, He et al.; see
            [`Activation`][nnbook.activations.Activation] for the others); biases start at 0
            ([Initialisation](initialisation.md#initialisation)).
        W: ``W[l]`` is $W_l$, of shape $(n_{l-1}, n_l)$, for $l = 1, \dots, L$.
        b: ``b[l]`` is $b_l$, of shape $(n_l,)$.
        history_: after ``fit``, per epoch: ``"loss"`` (and ``"accuracy"`` for a classifier;
            ``"val_loss"``, ``"val_accuracy"`` with validation data)
            ([Validation](initialisation.md#validation-and-early-stopping)).
        best_epoch_: with ``patience``, after ``fit``: the epoch (from 1) of the lowest
            validation loss, whose parameters the network keeps
            ([Early stopping](initialisation.md#early-stopping-in-fit)).
    """

    loss: ClassVar[Loss | None] = None
    """The loss ``fit`` minimises; ``None``: the network alone cannot be fitted."""
    _metrics: ClassVar[tuple[str, ...]] = ()  # what history_ records besides the loss

    def __init__(
        self,
        sizes: Sequence[int],
        *,
        activation: str | activations.Activation = "relu",
        epochs: int = 100,
        lr: float = 0.1,
        batch_size: int = 32,
        momentum: float = 0.0,
        progress: bool | None = None,
        patience: int | None = None,
        seed: int = 0,
        dtype: DTypeLike = np.float64,
    ) -> None:
        self.dtype = np.dtype(dtype)
        if self.dtype.kind != "f":
            raise TypeError(f"dtype must be a floating type such as np.float32, got {self.dtype}")
        self.params = Parameters(sizes, self.dtype)
        self.sizes = self.params.sizes
        self.activation = activations.get(activation)
        self.epochs, self.lr, self.batch_size = epochs, lr, batch_size
        self.momentum, self.progress, self.patience = momentum, progress, patience
        self._check_settings()
        init_seed, shuffle_seed = np.random.SeedSequence(seed).spawn(2)
        init_rng = np.random.default_rng(init_seed)
        self._shuffle_rng = np.random.default_rng(shuffle_seed)
        for W in self.W.values():
            W[...] = init_rng.standard_normal(W.shape) * np.sqrt(self.activation.gain / len(W))
        self._caches: list[LayerCache] | None = None

    def __repr__(self) -> str:
        """The class, the widths and the activation: ``MLPClassifier([2, 8, 2], activation='tanh')``."""
        return f"{type(self).__name__}({self.sizes}, activation={self.activation.name!r})"

    @property
    def W(self) -> dict[int, FloatArray]:  # noqa: N802 (the chapter's W_l)
        r"""``W[l]`` is $W_l$ for $l = 1, \dots, L$, a view into ``params.theta``."""
        return self.params.W

    @property
    def b(self) -> dict[int, FloatArray]:
        r"""``b[l]`` is $b_l$ for $l = 1, \dots, L$, a view into ``params.theta``."""
        return self.params.b

    # --- forward and backward ------------------------------------------------------------

    def forward(self, X: ArrayLike) -> FloatArray:
        """Return the output $Z_L$ (logits or values) of shape ``(N, n_L)``; cache what backward needs.

        The cache is all ``forward`` changes; ``predict`` and ``score`` do not keep one.
        """
        out, self._caches = self._forward(self._inputs(X))
        return out

    def _forward(self, X: FloatArray) -> tuple[FloatArray, list[LayerCache]]:
        caches: list[LayerCache] = []
        A, L = X, len(self.W)
        for layer in range(1, L + 1):
            Z, affine_cache = affine_forward(A, self.W[layer], self.b[layer])
            if layer < L:
                A, act_cache = activation_forward(Z, self.activation)
                caches.append((affine_cache, act_cache))
            else:
                caches.append((affine_cache, None))
        return Z, caches

    def backward(self, dout: ArrayLike, out: Parameters | None = None) -> Parameters:
        r"""Given $\partial \mathcal L/\partial Z_L$ (shape of the output), return the gradient.

        The gradient is laid out like ``params``: ``grad.W[l]`` is $\partial \mathcal L/\partial W_l$,
        ``grad.b[l]`` is $\partial \mathcal L/\partial b_l$, ``grad.theta`` is $\nabla_\theta \mathcal L$.
        It is written into ``out`` (as in NumPy) if given, else into new
        [`Parameters`][nnbook.parameters.Parameters].
        """
        if self._caches is None:
            raise RuntimeError("backward needs the cache of a forward pass: call forward(X) first")
        dA: Any = as_float_array(dout, "dout").astype(self.dtype, copy=False)  # in params' dtype
        expected = (self._caches[-1][0].X.shape[0], self.sizes[-1])
        if dA.shape != expected:
            raise ValueError(f"dout must have the output's shape {expected}, got {dA.shape}")
        if out is not None and (out.sizes != self.sizes or out.theta.dtype != self.dtype):
            raise ValueError(
                f"out must be Parameters of sizes {self.sizes} and dtype {self.dtype}, got {out!r}"
            )
        grad = self.params.zeros_like() if out is None else out
        for layer in range(len(self._caches), 0, -1):
            affine_cache, act_cache = self._caches[layer - 1]
            dZ = dA if act_cache is None else activation_backward(dA, act_cache)
            # below layer 1 lies the data X: skip ∂𝓛/∂X, a product no one needs
            dA, _, _ = affine_backward(
                dZ, affine_cache, input_grad=layer > 1, out=(grad.W[layer], grad.b[layer])
            )
        return grad

    # --- training ------------------------------------------------------------------------

    def fit(
        self: _Net,
        X: ArrayLike,
        y: ArrayLike,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
    ) -> _Net:
        r"""Train by minibatch SGD with momentum for ``epochs`` epochs and return ``self``.

        Training continues from the current parameters; each epoch visits the samples in an
        order shuffled by the network's seed.

        Args:
            X: inputs of shape ``(N, n_0)``; finite.
            y: targets, one per row of ``X`` (see the class).
            validation_data: optional ``(X_val, y_val)``, evaluated after every epoch
                ([Validation](initialisation.md#validation-and-early-stopping)).

        Raises:
            FloatingPointError: if the output, the loss or a parameter stops being finite (the
                learning rate is too large); the network is then not fitted
                ([Training](training.md#when-the-loss-stops-being-finite)).
        """
        loss = self.loss
        if loss is None:
            raise TypeError(
                "MLP is the network alone and has no loss to fit: "
                "make an MLPClassifier or an MLPRegressor"
            )
        self._check_settings()
        X_, y_ = self._dataset(X, y, "X", "y")
        val = None if validation_data is None else self._dataset(*validation_data, "X_val", "y_val")
        if self.patience is not None and val is None:
            raise ValueError("patience needs validation_data: early stopping watches its loss")
        for learned in ("history_", "best_epoch_"):  # unfitted until this fit succeeds
            vars(self).pop(learned, None)
        history: dict[str, list[float]] = {k: [] for k in self._history_keys(val)}
        theta, grad = self.params.theta, self.params.zeros_like()  # ∇θ, overwritten each step
        velocity = np.zeros_like(theta)
        bar = ProgressBar(self.epochs, "training", enabled=self.progress)
        for epoch in range(1, self.epochs + 1):
            order = self._shuffle_rng.permutation(len(X_))
            total_loss = correct = 0.0
            for start in range(0, len(X_), self.batch_size):
                idx = order[start : start + self.batch_size]
                X_batch, y_batch = X_[idx], y_[idx]
                out, self._caches = self._forward(X_batch)
                self._check_diverged(out, "the output", epoch)
                batch_loss, dout = loss.value_and_grad(out, y_batch)
                self._check_diverged(batch_loss, "the loss", epoch)
                total_loss += float(batch_loss) * len(idx)
                correct += self._correct(out, y_batch)
                velocity *= self.momentum  # v ← μ v + g, in place
                velocity += self.backward(dout, out=grad).theta
                theta -= self.lr * velocity  # θ ← θ − η v
            self._check_diverged(theta, "a parameter", epoch)
            self._record(history, total_loss / len(X_), correct / len(X_), loss, val, epoch)
            bar.update(epoch, f"loss={history['loss'][-1]:.4f}")
            if self.patience is not None:
                best = int(np.argmin(history["val_loss"]))  # epochs from 0; the first lowest
                if best == epoch - 1:
                    best_theta = theta.copy()
                elif epoch - 1 - best >= self.patience:
                    break
        if self.patience is not None:
            theta[...] = best_theta  # the parameters of the lowest validation loss
            self.best_epoch_ = best + 1
        self.history_ = history
        return self

    def _check_diverged(self, values: Any, what: str, epoch: int) -> None:
        if not np.isfinite(values).all():
            raise FloatingPointError(
                f"training diverged: {what} is not finite in epoch {epoch}; "
                f"try a smaller lr (got {self.lr!r})"
            )

    def _check_settings(self) -> None:
        check_positive_int(self.epochs, "epochs")
        check_positive_int(self.batch_size, "batch_size")
        check_positive(self.lr, "lr")
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must lie in [0, 1), got {self.momentum!r}")
        if self.patience is not None:
            check_positive_int(self.patience, "patience")

    def _history_keys(self, val: object) -> list[str]:
        keys = ["loss", *self._metrics]
        return keys + [f"val_{k}" for k in keys] if val is not None else keys

    def _correct(self, out: FloatArray, y: Any) -> int:
        """How many rows of ``out`` predict ``y`` (0 for a regressor)."""
        return 0

    def _record(
        self,
        history: dict[str, list[float]],
        epoch_loss: float,
        accuracy: float,
        loss: Loss,
        val: tuple[FloatArray, Any] | None,
        epoch: int,
    ) -> None:
        history["loss"].append(epoch_loss)
        if "accuracy" in history:
            history["accuracy"].append(accuracy)
        if val is not None:
            X_val, y_val = val
            out, _ = self._forward(X_val)
            self._check_diverged(out, "the output on validation_data", epoch)
            history["val_loss"].append(float(loss(out, y_val)))
            if "val_accuracy" in history:
                history["val_accuracy"].append(self._correct(out, y_val) / len(X_val))

    # --- what subclasses and predictions share --------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "history_"):
            raise NotFittedError(self)

    def _inputs(self, X: ArrayLike, name: str = "X") -> FloatArray:
        return network_inputs(X, name, self.sizes[0], self.dtype)

    def _dataset(
        self, X: ArrayLike, y: ArrayLike, x_name: str, y_name: str
    ) -> tuple[FloatArray, Any]:
        X_ = self._inputs(X, x_name)
        return X_, self._targets(y, y_name, X_, x_name)

    def _targets(self, y: ArrayLike, name: str, X: FloatArray, x_name: str) -> Any:
        raise NotImplementedError


class MLPClassifier(MLP):
    r"""An [`MLP`][nnbook.mlp.MLP] trained as a classifier: softmax cross-entropy on the logits $Z_L$.

    ``y`` holds class labels $0, \dots, n_L - 1$ of shape ``(N,)``, of any integer-valued dtype
    (``0.0`` and ``1.0`` are labels too); one-hot rows are rejected with the fix. The prediction is
    the class of the largest logit.

    """

    loss = cross_entropy
    """Softmax cross-entropy of the logits, [`cross_entropy`][nnbook.losses.cross_entropy]."""
    _metrics = ("accuracy",)

    @property
    def classes_(self) -> np.ndarray[Any, Any]:
        """The class labels ``0..n_L-1``, once fitted."""
        self._check_fitted()
        return np.arange(self.sizes[-1])

    def predict(self, X: ArrayLike) -> np.ndarray[Any, Any]:
        """The class of the largest logit for each row of ``X``."""
        self._check_fitted()
        return self._forward(self._inputs(X))[0].argmax(axis=1)

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        r"""Class probabilities $\hat y = \mathrm{softmax}(z_L)$ for each row, shape ``(N, n_L)``."""
        self._check_fitted()
        return softmax(self._forward(self._inputs(X))[0])

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """The accuracy: the fraction of rows whose predicted class is ``y``."""
        self._check_fitted()
        X_, y_ = self._dataset(X, y, "X", "y")
        return self._correct(self._forward(X_)[0], y_) / len(X_)

    def _correct(self, out: FloatArray, y: Any) -> int:
        return int(np.count_nonzero(out.argmax(axis=1) == y))

    def _targets(self, y: ArrayLike, name: str, X: FloatArray, x_name: str) -> Any:
        return class_labels(y, name, X, x_name, self.sizes[-1])


class MLPRegressor(MLP):
    r"""An [`MLP`][nnbook.mlp.MLP] trained as a regressor: squared error on the outputs $Z_L$.

    ``y`` holds targets of shape ``(N, n_L)`` (or ``(N,)`` when $n_L = 1$); the prediction is
    $Z_L$ itself.
    """

    loss = mse_loss
    """Squared error, [`mse_loss`][nnbook.losses.mse_loss]."""

    def predict(self, X: ArrayLike) -> FloatArray:
        """The outputs $Z_L$, shape ``(N, n_L)``."""
        self._check_fitted()
        return self._forward(self._inputs(X))[0]

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""$R^2 = 1 - \sum (y - \hat y)^2 / \sum (y - \bar y)^2$, pooled over the outputs.

        $\bar y$ is each output column's mean: 1 is perfect, 0 no better than predicting $\bar y$.

        Raises:
            ValueError: if ``y`` is constant: $R^2$ is then undefined, its denominator being 0.
        """
        self._check_fitted()
        X_, y_ = self._dataset(X, y, "X", "y")
        total = np.sum((y_ - y_.mean(axis=0)) ** 2)
        if total == 0:
            raise ValueError(
                "y must not be constant for R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)², which is undefined "
                f"when every column of y is constant, got y equal to {y_[0].tolist()} in every row"
            )
        return float(1 - np.sum((y_ - self._forward(X_)[0]) ** 2) / total)

    def _targets(self, y: ArrayLike, name: str, X: FloatArray, x_name: str) -> Any:
        return regression_targets(y, name, X, x_name, self.sizes[-1])
