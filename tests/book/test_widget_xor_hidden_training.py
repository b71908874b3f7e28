"""The XOR hidden-space widget's data (docs/figures/xor-hidden-training.json) is nnbook's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from book.figures.training import HIDDEN_BOX, INPUT_BOX, SNAPSHOT_EPOCHS, XOR_HIDDEN_RUN
from book.paths import FIGURES, REPO
from nnbook import MLP, MLPClassifier
from nnbook.datasets import xor
from nnbook.losses import cross_entropy

DATA = json.loads((FIGURES / "xor-hidden-training.json").read_text())
X, Y = xor()
# the chapter's run, written out as the chapter's code writes it
CHAPTER = {"epochs": 300, "lr": 0.1, "batch_size": 4, "momentum": 0.9}


def _trained(epochs: int) -> MLP:
    """The chapter's network, MLPClassifier([2, 2, 2], tanh, seed 0), after ``epochs`` epochs."""
    if not epochs:
        return MLP([2, 2, 2], activation="tanh", seed=0)
    net = MLPClassifier([2, 2, 2], activation="tanh", seed=0, **{**CHAPTER, "epochs": epochs})
    return net.fit(X, Y)


@pytest.fixture(scope="module")
def chapter_run() -> MLPClassifier:
    return _trained(CHAPTER["epochs"])


def _on_line(segment: list[float], w: np.ndarray, b: float, box: tuple[float, float]) -> None:
    """``segment`` lies on w·x + b = 0 and spans the square ``box``² from edge to edge."""
    ends = np.reshape(segment, (2, 2))
    np.testing.assert_allclose(ends @ w + b, 0, atol=1e-3 * np.abs(w).sum() + 1e-9)
    lo, hi = box
    assert np.all(ends >= lo - 1e-9) and np.all(ends <= hi + 1e-9)
    on_edge = np.isclose(ends, lo, atol=1e-9) | np.isclose(ends, hi, atol=1e-9)
    assert on_edge.any(axis=1).all(), f"{segment} does not end on the edges of {box}"


def test_the_run_is_the_chapters() -> None:
    assert XOR_HIDDEN_RUN == {"sizes": [2, 2, 2], "activation": "tanh", **CHAPTER}
    assert DATA["epochs"] == list(SNAPSHOT_EPOCHS)
    assert DATA["epochs"][0] == 0 and DATA["epochs"][-1] == CHAPTER["epochs"]
    assert DATA["X"] == X.tolist() and DATA["y"] == Y.tolist()
    assert DATA["input_box"] == list(INPUT_BOX) and DATA["hidden_box"] == list(HIDDEN_BOX)
    assert all(len(DATA[k]) == len(SNAPSHOT_EPOCHS) for k in ("hidden", "units", "output", "loss"))


@pytest.mark.parametrize("i", [0, 1, 4, 14, 22, 30, len(SNAPSHOT_EPOCHS) - 1])
def test_snapshot_is_the_network_after_its_epochs(i: int) -> None:
    net = _trained(DATA["epochs"][i])
    W1, b1, W2, b2 = net.params
    np.testing.assert_allclose(DATA["hidden"][i], np.tanh(X @ W1 + b1), atol=5e-4)
    logits = net.forward(X)
    assert DATA["loss"][i] == pytest.approx(float(cross_entropy(logits, Y)), abs=5e-5)
    assert DATA["accuracy"][i] == np.mean(logits.argmax(axis=1) == Y)
    v, c = W2[:, 1] - W2[:, 0], b2[1] - b2[0]
    np.testing.assert_allclose(DATA["score"][i], [*v, c], atol=5e-4)
    for j in (0, 1):
        _on_line(DATA["units"][i][j], W1[:, j], b1[j], INPUT_BOX)
    if DATA["output"][i] is None:  # the line misses the hidden square: one class everywhere
        corners = np.array([[x, y] for x in HIDDEN_BOX for y in HIDDEN_BOX])
        assert len({bool(s > 0) for s in corners @ v + c}) == 1
    else:
        _on_line(DATA["output"][i], v, c, HIDDEN_BOX)


def test_snapshots_are_epochs_of_the_chapters_run(chapter_run: MLPClassifier) -> None:
    """A fresh network trained e epochs is the chapter's 300-epoch run after e epochs."""
    # the loss of snapshot e is the one the 300-epoch run records for its epoch e + 1
    # (one full batch per epoch: the loss before that epoch's step)
    recorded = chapter_run.history_["loss"]
    for e, loss in zip(DATA["epochs"][:-1], DATA["loss"][:-1], strict=True):
        assert loss == pytest.approx(recorded[e], abs=5e-5)
    W1, b1 = chapter_run.W[1], chapter_run.b[1]
    np.testing.assert_allclose(DATA["hidden"][-1], np.tanh(X @ W1 + b1), atol=5e-4)
    # the chapter prints the last epoch's loss to 4 decimals; the widget's last loss agrees
    assert f"{recorded[-1]:.4f}" == f"{DATA['loss'][-1]:.4f}"
    assert chapter_run.score(X, Y) == DATA["accuracy"][-1] == 1.0


def _side(i: int) -> np.ndarray:
    """Which side of the output line each hidden point lies on (True: class 1's side)."""
    *v, c = DATA["score"][i]
    return np.array(DATA["hidden"][i]) @ np.array(v) + c > 0


def test_the_output_line_separates_the_hidden_points_at_the_end() -> None:
    first = DATA["accuracy"].index(1.0)
    assert 0 < first < len(DATA["epochs"]) - 1
    for i in range(len(DATA["epochs"])):
        assert DATA["accuracy"][i] == np.mean(_side(i) == Y.astype(bool))
        assert (DATA["accuracy"][i] == 1.0) == (i >= first), "once separated, stays separated"
    assert DATA["accuracy"][0] < 1.0


def test_what_the_prose_says() -> None:
    """Little moves at first; the class-1 inputs come together, class 0 parts for corners."""
    hidden = np.array(DATA["hidden"])  # (snapshots, 4 points, 2)
    early = DATA["epochs"].index(30)
    moved_early = np.abs(hidden[early] - hidden[0]).max()
    moved_total = np.abs(hidden[-1] - hidden[0]).max()
    assert moved_early < 0.1 * moved_total
    assert DATA["accuracy"][early] < 1.0
    ones, zeros = hidden[:, Y == 1], hidden[:, Y == 0]
    gap = np.linalg.norm(ones[:, 0] - ones[:, 1], axis=1)
    assert gap[-1] < 0.1 * gap[0]
    a, b = zeros[-1]
    assert np.all(np.abs(zeros[-1]) > 0.8) and np.all(np.sign(a) == -np.sign(b))


def test_data_and_script_are_small() -> None:
    root = REPO
    assert (root / "docs/figures/xor-hidden-training.json").stat().st_size <= 35_000
    assert (root / "docs/javascripts/widgets/xor-hidden-training.js").stat().st_size <= 4_000
