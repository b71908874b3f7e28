"""The book's shared training runs, each defined once.

The figures, the widgets' data, the benchmark and the claims tests train these networks; they
import them from here rather than repeat the settings. This module imports no matplotlib: the
claims tests also run where it is not installed (``nox``).

- The two moons (chapter *Backpropagation*): :data:`MOONS`, :func:`moons_data`,
  :func:`train_moons`.
- The handwritten digits (chapter *Handwritten digits*): :data:`DIGITS_NETWORK`,
  :data:`DIGITS_TRAINING`, :data:`VALIDATION_SPLIT`, :func:`split_digits`,
  :func:`train_digits`; and the benchmark's digits workload, :data:`DIGITS_BENCHMARK`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from nnbook.datasets import load_digits, two_moons
from nnbook.mlp import MLPClassifier

__all__ = [
    "DIGITS_BENCHMARK",
    "DIGITS_NETWORK",
    "DIGITS_TRAINING",
    "MOONS",
    "VALIDATION_SPLIT",
    "Data",
    "Digits",
    "moons_data",
    "split_digits",
    "train_digits",
    "train_moons",
]

MOONS: dict[str, Any] = {
    "points": 200,
    "noise": 0.15,
    "seed": 0,
    "width": 16,
    "depth": 2,
    "activation": "relu",
    "epochs": 200,
    "lr": 0.01,
    "batch_size": 16,
    "momentum": 0.9,
}
"""Data, network and training settings of the chapter's two-moons run: 200 points with noise
0.15, a 2-16-16-2 ReLU network (``depth`` hidden layers of ``width`` units), seed 0, 200 epochs
of SGD with learning rate 0.01, momentum 0.9, in minibatches of 16."""

Data = tuple[np.ndarray, np.ndarray]
"""Inputs and labels."""


def moons_data() -> tuple[Data, Data]:
    """The chapter's training set ``(X, y)`` and validation set ``(X_val, y_val)``: 200 points
    each of :func:`nnbook.datasets.two_moons` with :data:`MOONS`' noise, seeds 0 and 1."""
    points, noise, seed = MOONS["points"], MOONS["noise"], MOONS["seed"]
    return two_moons(points, noise=noise, seed=seed), two_moons(points, noise=noise, seed=seed + 1)


def train_moons(width: int = MOONS["width"], epochs: int = MOONS["epochs"]) -> MLPClassifier:
    """The chapter's two-moons network (:data:`MOONS`), trained on the training set of
    :func:`moons_data` watching its validation set: a fresh 2-16-16-2 ReLU MLP, seed 0, 200
    epochs, learning rate 0.01, momentum 0.9, minibatches of 16.

    ``width`` gives the hidden layers another number of units, ``epochs`` stops it earlier:
    training is deterministic, so the network after ``epochs`` epochs is the one the full run
    passes through at that epoch (a second ``fit`` would restart the momentum instead).
    """
    train, validation = moons_data()
    hidden = [width] * MOONS["depth"]
    net = MLPClassifier(
        [2, *hidden, 2],
        activation=MOONS["activation"],
        epochs=epochs,
        lr=MOONS["lr"],
        batch_size=MOONS["batch_size"],
        momentum=MOONS["momentum"],
        seed=MOONS["seed"],
    )
    return net.fit(*train, validation_data=validation)


DIGITS_NETWORK: dict[str, Any] = {
    "sizes": [64, 128, 64, 10],
    "activation": "relu",
    "dtype": np.float32,
}
"""The digits chapter's network: 64 pixels, ReLU hidden layers of 128 and 64 units, 10 classes,
float32."""

DIGITS_TRAINING: dict[str, Any] = {
    "epochs": 200,
    "lr": 0.05,
    "batch_size": 32,
    "momentum": 0.9,
    "patience": 5,
}
"""How the digits chapter trains it: SGD with learning rate 0.05, momentum 0.9, in minibatches
of 32, stopped early on the validation set (``patience=5``: once the validation loss has not
improved for 5 epochs, ``fit`` stops and keeps the parameters of its lowest epoch,
``best_epoch_``); 200 epochs is only a cap, which the chapter's runs do not reach."""

DIGITS_BENCHMARK: dict[str, Any] = {"epochs": 30, "lr": 0.05, "batch_size": 32, "momentum": 0.9}
"""The benchmark's digits workload (:mod:`book.benchmark`, chapter *Performance*): the
chapter's network and steps (learning rate 0.05, momentum 0.9, minibatches of 32) for a fixed
30 epochs, without early stopping, so that every library does the same work. The committed
``results.json`` was measured with exactly these settings; they stay as they are while the
chapter's own training (:data:`DIGITS_TRAINING`) may change."""

VALIDATION_SPLIT: dict[str, Any] = {"test_size": 0.2, "random_state": 0}
"""How the chapter sets a validation set aside from the training images of
:func:`nnbook.datasets.load_digits` (stratified, with scikit-learn's ``train_test_split``)."""

Digits = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def split_digits() -> tuple[Digits, Data]:
    """The chapter's data: ``(X_train, X_test, y_train, y_test)``, where the training images are
    what remains of :func:`nnbook.datasets.load_digits`' (its default split: a quarter of the
    images for the test set, seed 0) after :data:`VALIDATION_SPLIT` took out the validation
    set, and ``(X_val, y_val)``."""
    from sklearn.model_selection import train_test_split

    X_rest, X_test, y_rest, y_test = load_digits()
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, stratify=y_rest, **VALIDATION_SPLIT
    )
    return (X_train, X_test, y_train, y_test), (X_val, y_val)


@cache
def train_digits(seed: int = 0) -> tuple[MLPClassifier, Digits]:
    """The digits chapter's network (:data:`DIGITS_NETWORK`: 64-128-64-10 ReLU, float32) with
    seed ``seed``, trained as :data:`DIGITS_TRAINING` says (learning rate 0.05, momentum 0.9,
    minibatches of 32, stopped early on the validation set with patience 5 and the parameters
    of its best epoch kept) on the training images of :func:`split_digits`; and that data.
    Cached: the figures share one run."""
    net = MLPClassifier(**DIGITS_NETWORK, **DIGITS_TRAINING, seed=seed)
    data, validation = split_digits()
    X_train, _, y_train, _ = data
    net.fit(X_train, y_train, validation_data=validation)
    return net, data
