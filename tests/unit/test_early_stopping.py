"""Early stopping (``patience``): fit stops once the validation loss has not improved for
``patience`` epochs and keeps the parameters of the epoch where it was lowest."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nnbook import MLPClassifier, MLPRegressor
from nnbook.datasets import two_moons

TRAIN = two_moons(30, noise=0.3, seed=0)  # few noisy points: a large network overfits them
VALIDATION = two_moons(300, noise=0.3, seed=1)
SETTINGS = {"activation": "relu", "lr": 0.05, "batch_size": 10, "momentum": 0.9, "seed": 0}


def overfitting(**settings) -> MLPClassifier:
    return MLPClassifier([2, 64, 64, 2], **SETTINGS, **settings)


@pytest.fixture(scope="module")
def stopped() -> MLPClassifier:
    return overfitting(epochs=400, patience=20).fit(*TRAIN, validation_data=VALIDATION)


def test_it_stops_patience_epochs_after_the_lowest_validation_loss(stopped) -> None:
    val_loss = stopped.history_["val_loss"]
    best = stopped.best_epoch_
    assert val_loss[best - 1] == min(val_loss)
    assert len(val_loss) == best + 20 < 400  # stopped early, 20 epochs without improvement
    assert min(val_loss[best:]) > val_loss[best - 1]


def test_it_keeps_the_parameters_of_the_best_epoch(stopped) -> None:
    """Training is deterministic: the kept θ is the one a run of best_epoch_ epochs ends with."""
    replay = overfitting(epochs=stopped.best_epoch_).fit(*TRAIN, validation_data=VALIDATION)
    np.testing.assert_array_equal(stopped.params.theta, replay.params.theta)
    assert stopped.score(*VALIDATION) == replay.score(*VALIDATION)


def test_without_patience_it_trains_every_epoch_and_learns_no_best_epoch() -> None:
    net = overfitting(epochs=30).fit(*TRAIN, validation_data=VALIDATION)
    assert len(net.history_["val_loss"]) == 30 and not hasattr(net, "best_epoch_")


def test_patience_runs_to_the_end_when_the_loss_keeps_falling() -> None:
    X, y = two_moons(200, noise=0.1, seed=0)
    net = MLPRegressor([2, 8, 1], epochs=15, lr=0.01, patience=5, seed=0)
    net.fit(X, y.astype(float), validation_data=(X, y.astype(float)))
    val_loss = net.history_["val_loss"]
    assert len(val_loss) == 15 and net.best_epoch_ == int(np.argmin(val_loss)) + 1


def test_patience_needs_validation_data_and_a_positive_count() -> None:
    with pytest.raises(
        ValueError,
        match=re.escape("patience needs validation_data: early stopping watches its loss"),
    ):
        overfitting(epochs=5, patience=3).fit(*TRAIN)
    with pytest.raises(ValueError, match=re.escape("patience must be a positive integer, got 0")):
        overfitting(patience=0)
    with pytest.raises(TypeError, match=re.escape("patience must be a positive integer, got 1.5")):
        overfitting(patience=1.5)
