"""The perceptron-learning widget's data (docs/figures/perceptron-learning.json) is nnbook's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from book.figures.perceptron import XOR_EPOCHS
from book.paths import FIGURES
from nnbook import Perceptron
from nnbook.datasets import logic_gate

DATA = json.loads((FIGURES / "perceptron-learning.json").read_text())
X0, X1, Y0, Y1 = DATA["plane"]


def weights_at(gate: str, t: int) -> np.ndarray:
    """(w1, w2, b) at the start of epoch t: Perceptron.fit stopped after t updates."""
    if t == 0:
        return np.zeros(3)  # fit starts from zero
    p = Perceptron(max_epochs=t).fit(*logic_gate(gate))
    return np.append(p.w_, p.b_)


@pytest.mark.parametrize("gate", ["AND", "OR", "XOR"])
def test_every_epoch_is_the_chapters_run(gate: str) -> None:
    X, y = logic_gate(gate)
    g = DATA["gates"][gate]
    run = Perceptron(max_epochs=XOR_EPOCHS if gate == "XOR" else 100).fit(X, y)
    np.testing.assert_array_equal(DATA["X"], X)
    assert g["y"] == y.tolist()
    assert [len(m) for m in g["M"]] == run.misclassified_
    assert g["converged"] == run.converged_
    for t in range(run.n_epochs_):
        w = weights_at(gate, t)
        np.testing.assert_allclose(g["w"][t], w, atol=5e-5)
        margins = y * (X @ w[:2] + w[2])
        assert g["M"][t] == np.flatnonzero(margins <= 0).tolist()
        assert g["J"][t] == pytest.approx(-margins[margins <= 0].sum(), abs=5e-5)


@pytest.mark.parametrize("gate", ["AND", "OR", "XOR"])
def test_lines_are_the_decision_boundary_clipped_to_the_plane(gate: str) -> None:
    g = DATA["gates"][gate]
    for w, line in zip(g["w"], g["line"], strict=True):
        corners = np.array([[X0, Y0], [X1, Y0], [X1, Y1], [X0, Y1]]) @ w[:2] + w[2]
        if not np.any(w[:2]) or np.all(corners < 0) or np.all(corners > 0):
            assert line is None  # w = 0, or the line misses the plot: nothing to draw
            continue
        ends = np.reshape(line, (2, 2))
        np.testing.assert_allclose(ends @ w[:2] + w[2], 0, atol=5e-3 * np.abs(w[:2]).sum())
        on_edge = np.isclose(ends[:, 0], [[X0], [X1]], atol=6e-4).any(axis=0) | np.isclose(
            ends[:, 1], [[Y0], [Y1]], atol=6e-4
        ).any(axis=0)
        assert on_edge.all(), f"{gate}: {line} does not end on the plot's box"
        assert np.linalg.norm(ends[0] - ends[1]) > 0.05


def test_and_and_or_end_as_in_the_text() -> None:
    # the chapter's table: AND w = (2, 2), b = -3 after 9 updates; OR w = (2, 2), b = -1 after 4
    for gate, b, epochs in (("AND", -3.0, 10), ("OR", -1.0, 5)):
        g = DATA["gates"][gate]
        assert g["converged"] and len(g["w"]) == epochs
        assert g["w"][-1] == [2.0, 2.0, b]
        assert g["M"][-1] == [] and g["J"][-1] == 0.0
        X, y = logic_gate(gate)
        w = np.array(g["w"][-1])
        assert np.all(y * (X @ w[:2] + w[2]) > 0)  # the last line separates the classes
    assert DATA["gates"]["AND"]["J"] == [0, 2, 0, 3, 0, 2, 1, 0, 2, 0]


def test_xor_never_converges() -> None:
    g = DATA["gates"]["XOR"]
    assert not g["converged"] and len(g["M"]) == XOR_EPOCHS
    assert min(len(m) for m in g["M"]) > 0
    # the batch rule never leaves w = 0 (the XOR chapter): all four points stay misclassified
    assert all(w == [0.0, 0.0, 0.0] for w in g["w"]) and all(len(m) == 4 for m in g["M"])
