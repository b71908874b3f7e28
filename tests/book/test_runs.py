"""The book's shared training runs (book/runs.py) are the ones its pages train.

The digits run is checked against docs/digits.md by tests/claims/test_digits.py; here, that it
stops early as the chapter says, and that the benchmark's digits workload is still the one its
committed results were measured with.
"""

from __future__ import annotations

import re

import numpy as np

from book.benchmark import load_results
from book.benchmark.run import parse_args
from book.paths import DOCS
from book.runs import (
    DIGITS_BENCHMARK,
    DIGITS_NETWORK,
    DIGITS_TRAINING,
    moons_data,
    split_digits,
    train_digits,
    train_moons,
)
from nnbook.datasets import two_moons
from nnbook.mlp import MLPClassifier


def page_block(page: str, containing: str) -> str:
    """The code of the Python block of ``docs/<page>`` that contains ``containing``."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^```python[^\n]*\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    found = [block for block in blocks if containing in block]
    assert len(found) == 1, f"docs/{page}: {len(found)} Python blocks contain {containing!r}"
    return found[0]


def test_the_backpropagation_page_trains_the_moons_run() -> None:
    namespace = {"two_moons": two_moons, "MLPClassifier": MLPClassifier}
    exec(page_block("backpropagation.md", "clf = MLPClassifier("), namespace)
    page, ours = namespace["clf"], train_moons()
    (X, y), (X_val, y_val) = moons_data()
    for name, ours_data in {"X_moons": X, "y_moons": y, "X_val": X_val, "y_val": y_val}.items():
        np.testing.assert_array_equal(namespace[name], ours_data, err_msg=name)
    assert page.sizes == ours.sizes and page.activation is ours.activation
    np.testing.assert_array_equal(ours.params.theta, page.params.theta)
    assert page.history_ == ours.history_


def test_a_moons_run_stopped_early_is_the_start_of_the_full_run() -> None:
    full, early = train_moons(), train_moons(epochs=10)
    assert early.history_["loss"] == full.history_["loss"][:10]
    narrow = train_moons(width=4)
    assert narrow.sizes == [2, 4, 4, 2] and len(narrow.history_["loss"]) == 200


def test_the_digits_run_stops_early_and_keeps_its_best_epoch() -> None:
    net, _ = train_digits()
    _, (X_val, y_val) = split_digits()
    history, best = net.history_, net.best_epoch_
    assert len(history["loss"]) == best + DIGITS_TRAINING["patience"] < DIGITS_TRAINING["epochs"]
    assert history["val_loss"][best - 1] == min(history["val_loss"])
    assert net.score(X_val, y_val) == history["val_accuracy"][best - 1]  # the kept parameters


def test_the_benchmark_keeps_the_workload_of_its_committed_results() -> None:
    """30 fixed epochs of the chapter's steps, whatever the chapter's own training becomes."""
    assert DIGITS_BENCHMARK == {"epochs": 30, "lr": 0.05, "batch_size": 32, "momentum": 0.9}
    steps = ("lr", "batch_size", "momentum")
    assert {k: DIGITS_BENCHMARK[k] for k in steps} == {k: DIGITS_TRAINING[k] for k in steps}
    assert parse_args([]).digits_epochs == DIGITS_BENCHMARK["epochs"]
    for run in load_results()["runs"]:
        recorded = {k: run["digits"][k] for k in ("sizes", *DIGITS_BENCHMARK)}
        assert recorded == {"sizes": DIGITS_NETWORK["sizes"], **DIGITS_BENCHMARK}
