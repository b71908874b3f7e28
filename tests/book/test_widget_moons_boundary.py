"""The two-moons widget's data (docs/figures/moons-boundary.json) is nnbook's.

Every run is trained again here with direct nnbook calls and the chapter's settings
(docs/backpropagation.md); the drawn boundary must lie on the network's P(class 1) = 1/2 set and
follow all of it, the shaded cells must be the predicted classes, the losses nnbook's history.
"""

from __future__ import annotations

import itertools
import json
from functools import cache

import numpy as np
import pytest

from book.figures.backprop import MOONS_EPOCHS, MOONS_WIDTHS
from book.paths import FIGURES
from book.runs import MOONS
from nnbook.datasets import two_moons
from nnbook.mlp import MLPClassifier

DATA = json.loads((FIGURES / "moons-boundary.json").read_text())
X, Y = two_moons(200, noise=0.15, seed=0)  # the chapter's training points
NEAR = 0.02  # a drawn vertex lies this close to the true boundary (its rounding is 0.005)


@cache
def trained(width: int, epochs: int) -> MLPClassifier:
    """The chapter's network with ``width`` units per hidden layer after ``epochs`` epochs."""
    settings = {"epochs": epochs, "lr": 0.01, "batch_size": 16, "momentum": 0.9}
    return MLPClassifier([2, width, width, 2], activation="relu", seed=0, **settings).fit(X, Y)


def p1(net: MLPClassifier, points: np.ndarray) -> np.ndarray:
    return net.predict_proba(points)[:, 1]


def test_settings_are_the_chapters() -> None:
    assert DATA["widths"] == list(MOONS_WIDTHS) and MOONS["width"] in DATA["widths"]
    assert DATA["epochs"] == list(MOONS_EPOCHS) and DATA["epochs"][-1] == MOONS["epochs"]
    assert DATA["depth"] == MOONS["depth"]
    np.testing.assert_allclose(DATA["x1"], X[:, 0], atol=0.005 + 1e-12)
    np.testing.assert_allclose(DATA["x2"], X[:, 1], atol=0.005 + 1e-12)
    assert DATA["y"] == Y.tolist()


@pytest.mark.parametrize("width", MOONS_WIDTHS)
def test_losses_are_nnbooks_history(width: int) -> None:
    run = DATA["runs"][DATA["widths"].index(width)]
    np.testing.assert_allclose(run["loss"], trained(width, 200).history_["loss"], atol=5e-5 + 1e-12)


def test_the_16_unit_run_is_the_chapters() -> None:
    """The chapter trains with validation data; the training itself (and its printout) agree."""
    X_val, y_val = two_moons(200, noise=0.15, seed=1)
    settings = {"epochs": 200, "lr": 0.01, "batch_size": 16, "momentum": 0.9}
    clf = MLPClassifier([2, 16, 16, 2], activation="relu", seed=0, **settings)
    clf.fit(X, Y, validation_data=(X_val, y_val))
    run = DATA["runs"][DATA["widths"].index(16)]
    np.testing.assert_allclose(run["loss"], clf.history_["loss"], atol=5e-5 + 1e-12)
    assert run["at"][-1]["accuracy"] == clf.score(X, Y)


def _segments_distance(points: np.ndarray, lines: list[np.ndarray]) -> np.ndarray:
    """Distance from each of ``points`` (k, 2) to the nearest segment of the polylines."""
    best = np.full(len(points), np.inf)
    for line in lines:
        for a, b in itertools.pairwise(line):
            d = b - a
            t = np.clip(((points - a) @ d) / max(d @ d, 1e-24), 0, 1)
            best = np.minimum(best, np.hypot(*(points - a - t[:, None] * d).T))
    return best


@pytest.mark.parametrize(
    ("width", "epochs"),
    [(16, 200), (8, 200), (4, 200), (2, 200), (16, 1), (16, 10), (8, 3), (4, 50), (2, 20)],
)
def test_snapshot_is_the_trained_network(width: int, epochs: int) -> None:
    net = trained(width, epochs)
    at = DATA["runs"][DATA["widths"].index(width)]["at"][DATA["epochs"].index(epochs)]
    assert at["accuracy"] == net.score(X, Y)
    (x0, x1), (y0, y1) = DATA["box"]
    lines = [np.column_stack(xy) for xy in zip(at["bx"], at["by"], strict=True)]
    assert lines, "a boundary is drawn"

    # every drawn vertex is on the boundary: P(class 1) - 1/2 changes sign within NEAR of it
    offsets = np.stack(np.meshgrid(*[np.linspace(-NEAR, NEAR, 9)] * 2), -1).reshape(-1, 2)
    for vertex in np.vstack(lines):
        around = p1(net, vertex + offsets)
        assert around.min() < 0.5 < around.max(), f"{vertex} is not on the boundary"
        assert x0 - 1e-9 <= vertex[0] <= x1 + 1e-9 and y0 - 1e-9 <= vertex[1] <= y1 + 1e-9

    # and the drawing follows the whole boundary inside the box
    xs, ys = np.linspace(x0, x1, 401), np.linspace(y0, y1, 261)
    xx, yy = np.meshgrid(xs, ys)
    side = p1(net, np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape) > 0.5
    rows, cols = np.nonzero(side[:, 1:] != side[:, :-1])
    crossings = np.column_stack([(xs[cols] + xs[cols + 1]) / 2, ys[rows]])
    rows, cols = np.nonzero(side[1:] != side[:-1])
    crossings = np.vstack([crossings, np.column_stack([xs[cols], (ys[rows] + ys[rows + 1]) / 2])])
    assert len(crossings) > 0
    assert _segments_distance(crossings, lines).max() < NEAR

    # the shaded cells are the classes predicted at their centres
    nx, ny = DATA["cells"]
    runs = at["field"]
    assert sum(runs) == nx * ny
    drawn = np.repeat(np.arange(len(runs)) % 2, runs).reshape(ny, nx)
    cx = x0 + (x1 - x0) * (np.arange(nx) + 0.5) / nx
    cy = y0 + (y1 - y0) * (np.arange(ny) + 0.5) / ny
    cxx, cyy = np.meshgrid(cx, cy)
    predicted = p1(net, np.column_stack([cxx.ravel(), cyy.ravel()])).reshape(ny, nx) > 0.5
    np.testing.assert_array_equal(drawn, predicted)


def test_narrow_networks_stay_a_few_straight_pieces() -> None:
    """The chapter's claim: with 2 or 4 units per layer the boundary stays a few straight pieces,
    the loss levels off early and points stay on the wrong side; 8 and 16 units go on learning."""
    final = {w: DATA["runs"][i] for i, w in enumerate(DATA["widths"])}
    for width in (2, 4):
        run = final[width]
        assert sum(len(x) for x in run["at"][-1]["bx"]) <= 8
        assert run["loss"][-1] > 0.95 * run["loss"][49]
        assert run["at"][-1]["accuracy"] < 0.9
    for width in (8, 16):
        run = final[width]
        assert sum(len(x) for x in run["at"][-1]["bx"]) > 12
        assert run["loss"][-1] < 0.5 * run["loss"][49]
        assert run["at"][-1]["accuracy"] >= 0.95
