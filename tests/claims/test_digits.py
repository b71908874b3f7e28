"""Numerical checks of the claims the *Handwritten digits* chapter measures, on the book's run
(:mod:`book.runs`, which the figures train too); the first test reads the settings of the page's
code and checks they are that run's, so neither can drift from the other:

- The 64-128-64-10 ReLU network reaches at least 97% test accuracy, median over 5 seeds.
- Early stopping ends every run, of the network and of softmax regression, by its patience
  (5 epochs after the lowest validation loss), never by the cap of 200 epochs; the networks
  keep an epoch before the 20th, softmax regression one several times later.
- On the validation set each network beats each softmax regression (3 seeds: its loss is
  convex, and they agree within an image); on the test set their medians are at most two
  images apart, and both beat the nearest centroid.

Like the page, every model trains on the training images minus the validation set that the
page splits off (stratified, fixed seed), stops early on that validation set, and is scored
once on the test set.

Needs scikit-learn, which ships the digits (:func:`nnbook.datasets.load_digits`).
"""

from __future__ import annotations

import ast
import re
from typing import Any

import numpy as np
import pytest

from book.paths import DOCS
from book.runs import (
    DIGITS_NETWORK,
    DIGITS_TRAINING,
    VALIDATION_SPLIT,
    Data,
    Digits,
    split_digits,
    train_digits,
)
from nnbook import MLPClassifier

PAGE = DOCS / "digits.md"


def page_settings() -> dict[str, Any]:
    """The networks, training settings and seeds of the page's code blocks."""
    page = PAGE.read_text(encoding="utf-8")

    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, page, re.MULTILINE)
        if match is None:
            raise AssertionError(f"docs/digits.md no longer contains a line matching {pattern!r}")
        return match

    training_call = ast.parse(find(r"^training = (dict\(.*\))$")[1], mode="eval").body
    assert isinstance(training_call, ast.Call)
    network = find(
        r'MLPClassifier\(\s*(\[[\d, ]+\]), activation="(\w+)", seed=seed, '
        r"dtype=np\.(float\d+), \*\*training,?\s*\)"
    )
    test_split = find(
        r"^X_rest, X_test, y_rest, y_test = load_digits\(test_size=([\d.]+), seed=(\d+)\)$"
    )
    validation_split = find(
        r"^    X_rest, y_rest, test_size=([\d.]+), stratify=y_rest, random_state=(\d+)$"
    )
    linear = find(r"MLPClassifier\((\[[\d, ]+\]), seed=s, dtype=np\.(float\d+), \*\*training\)")
    return {
        "training": {kw.arg: ast.literal_eval(kw.value) for kw in training_call.keywords},
        "sizes": ast.literal_eval(network[1]),
        "activation": network[2],
        "dtype": np.dtype(network[3]),
        "linear_sizes": ast.literal_eval(linear[1]),
        "linear_dtype": np.dtype(linear[2]),
        "seeds": range(int(find(r"^seeds = range\((\d+)\)$")[1])),
        "linear_seeds": range(int(find(r"^    for s in seeds\[:(\d+)\]")[1])),
        "test_split": {"test_size": float(test_split[1]), "seed": int(test_split[2])},
        "validation_split": {
            "test_size": float(validation_split[1]),
            "random_state": int(validation_split[2]),
        },
    }


SETTINGS = page_settings()


def test_the_page_trains_the_books_run() -> None:
    """The page's network, training and splits are :mod:`book.runs`' (which the figures and
    this test train)."""
    network = {key: SETTINGS[key] for key in ("sizes", "activation", "dtype")}
    assert network == DIGITS_NETWORK
    assert SETTINGS["training"] == DIGITS_TRAINING
    assert SETTINGS["linear_sizes"] == [64, 10]  # softmax regression: no hidden layer
    assert SETTINGS["linear_dtype"] == DIGITS_NETWORK["dtype"]
    assert len(SETTINGS["seeds"]) == 5 and len(SETTINGS["linear_seeds"]) == 3
    assert "`tests/claims/test_digits.py` trains the same five networks" in PAGE.read_text(
        encoding="utf-8"
    )
    assert SETTINGS["test_split"] == {"test_size": 0.25, "seed": 0}  # load_digits' defaults
    assert SETTINGS["validation_split"] == VALIDATION_SPLIT
    assert SETTINGS["training"]["patience"] is not None  # the page stops early


@pytest.fixture(scope="module")
def digits() -> Digits:
    """The page's training images (without the validation set), test images and labels."""
    return split_digits()[0]


@pytest.fixture(scope="module")
def validation() -> Data:
    """The page's validation set, which early stopping watches."""
    return split_digits()[1]


@pytest.fixture(scope="module")
def mlps() -> list[MLPClassifier]:
    return [train_digits(seed)[0] for seed in SETTINGS["seeds"]]


@pytest.fixture(scope="module")
def mlp_accuracies(digits: Digits, mlps: list[MLPClassifier]) -> list[float]:
    _, X_test, _, y_test = digits
    return [net.score(X_test, y_test) for net in mlps]


@pytest.fixture(scope="module")
def softmax_regressions(digits: Digits, validation: Data) -> list[MLPClassifier]:
    X_train, _, y_train, _ = digits
    return [
        MLPClassifier(
            SETTINGS["linear_sizes"],
            seed=seed,
            dtype=SETTINGS["linear_dtype"],
            **DIGITS_TRAINING,
        ).fit(X_train, y_train, validation_data=validation)
        for seed in SETTINGS["linear_seeds"]
    ]


def test_mlp_reaches_97_percent_median_over_5_seeds(mlp_accuracies) -> None:
    assert np.median(mlp_accuracies) >= 0.97, mlp_accuracies


def test_early_stopping_ends_every_run_before_the_cap(mlps, softmax_regressions) -> None:
    patience, cap = DIGITS_TRAINING["patience"], DIGITS_TRAINING["epochs"]
    for net in mlps + softmax_regressions:
        assert len(net.history_["loss"]) == net.best_epoch_ + patience < cap
    kept = [net.best_epoch_ for net in mlps]
    assert max(kept) < 20, kept
    assert min(net.best_epoch_ for net in softmax_regressions) > 3 * max(kept)


def test_the_validation_set_is_a_stratified_fifth_of_the_training_images(digits) -> None:
    _, _, y_train, y_test = digits
    assert (len(y_train), len(y_test)) == (1077, 450)
    shares = np.bincount(y_train) / len(y_train)
    assert np.allclose(shares, np.bincount(y_test) / len(y_test), atol=0.01)


def test_the_network_against_both_baselines(
    digits: Digits,
    validation: Data,
    mlps: list[MLPClassifier],
    mlp_accuracies: list[float],
    softmax_regressions: list[MLPClassifier],
) -> None:
    X_train, X_test, y_train, y_test = digits
    X_val, y_val = validation
    centroids = np.stack([X_train[y_train == k].mean(axis=0) for k in range(10)])
    distances = ((X_test[:, None, :] - centroids[None]) ** 2).sum(axis=2)
    nearest_centroid = np.mean(distances.argmin(axis=1) == y_test)
    softmax_regression = np.median([n.score(X_test, y_test) for n in softmax_regressions])
    assert nearest_centroid < softmax_regression and nearest_centroid < np.median(mlp_accuracies)
    # on the validation set each network beats each softmax regression, whose seeds agree
    linear_val = [n.score(X_val, y_val) for n in softmax_regressions]
    assert max(linear_val) - min(linear_val) <= 1 / len(y_val) + 1e-9
    assert min(n.score(X_val, y_val) for n in mlps) > max(linear_val)
    # on the test set the medians are at most two images apart
    assert abs(np.median(mlp_accuracies) - softmax_regression) <= 2 / len(y_test) + 1e-9


def test_the_digits_are_the_uci_test_set_written_by_13_people() -> None:
    from sklearn import datasets

    bunch = datasets.load_digits()
    description = " ".join(bunch.DESCR.split())
    assert (
        "This is a copy of the test set of the UCI ML hand-written digits datasets" in description
    )
    counts = re.search(
        r"From a total of (\d+) people, (\d+) contributed to the training set and different (\d+) "
        r"to the test set",
        description,
    )
    assert counts is not None
    total, training_writers, test_writers = map(int, counts.groups())
    assert (total, training_writers, test_writers) == (43, 30, 13)
    assert bunch.data.shape == (1797, 64)
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert "written by only 13 people" in page and "written by 43 people" not in page
