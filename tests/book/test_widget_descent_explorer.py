"""The descent explorer's data (docs/figures/descent-explorer.json) is what MLPRegressor.fit does.

Every sampled point of a path is a fresh ``MLPRegressor([1, 1])`` set to the start and fitted
for that many full-batch epochs; every loss is the one ``fit`` records. The claims of the
Training chapter's hint and of the static figure (training-descent.svg) are checked on the data.
"""

from __future__ import annotations

import json
from itertools import product

import numpy as np
import pytest

from book.figures.momentum import (
    BOX,
    LR_SCALES,
    MOMENTA,
    STEPS,
    THETA0,
    best_settings,
    fitted,
    valley,
    valley_data,
)
from book.paths import FIGURES
from nnbook.losses import mse_loss

DATA = json.loads((FIGURES / "descent-explorer.json").read_text())
RUNS = DATA["runs"]
SETTINGS = [(0, 0), (1, 6), (3, 0), (3, 4), (4, 5), (6, 3), (7, 5), (5, 2)]


def lr_index(scale: float | str) -> int:
    return LR_SCALES.index(scale)


def mu_index(mu: float | str) -> int:
    return MOMENTA.index(mu)


def loss_gap(theta: np.ndarray) -> float:
    r"""$\mathcal L(\theta) - \mathcal L(\theta^*)$ by nnbook's squared error."""
    X, y = valley_data()
    w, b = theta
    return float(mse_loss(X * w + b, y[:, None])) - valley()["floor"]


def inside(w: float, b: float) -> bool:
    return BOX[0][0] <= w <= BOX[0][1] and BOX[1][0] <= b <= BOX[1][1]


def test_the_valley_is_the_chapters() -> None:
    """The data and θ* of the Momentum section; H = 2 [[E x², E x], [E x, 1]]; κ about 100."""
    X, y = valley_data()
    A = np.column_stack([X[:, 0], np.ones(len(X))])
    H = 2 * np.array([[np.mean(X**2), np.mean(X)], [np.mean(X), 1]])
    np.testing.assert_allclose(valley()["H"], H, rtol=1e-14)
    np.testing.assert_allclose(DATA["lam"], np.linalg.eigvalsh(H), atol=5e-5 + 1e-12)
    best = np.linalg.lstsq(A, y, rcond=None)[0]
    np.testing.assert_allclose(DATA["best"], best, atol=5e-5 + 1e-12)
    lmin, lmax = np.linalg.eigvalsh(H)
    assert 100 < lmax / lmin < 110
    assert DATA["theta0"] == list(THETA0) and DATA["steps"] == STEPS == 40


def test_grids_hold_the_best_settings() -> None:
    lmin, lmax = valley()["lam"]
    best = best_settings()
    assert best["gd_lr"] == pytest.approx(2 / (lmin + lmax), rel=1e-14)
    assert np.sqrt(best["hb_mu"]) == pytest.approx(
        (np.sqrt(lmax) - np.sqrt(lmin)) / (np.sqrt(lmax) + np.sqrt(lmin)), rel=1e-14
    )
    assert DATA["lr"][lr_index("gd")] == pytest.approx(best["gd_lr"], abs=5e-5)
    assert DATA["lr"][lr_index("hb")] == pytest.approx(best["hb_lr"], abs=5e-5)
    assert DATA["momentum"][mu_index("hb")] == DATA["settings"]["hb_mu"]
    for scale, lr in zip(LR_SCALES, DATA["lr"], strict=True):
        if not isinstance(scale, str):
            assert lr == pytest.approx(scale / lmax, abs=5e-5)
    assert DATA["momentum"][0] == 0  # the widget's gradient descent
    assert len(json.dumps(DATA, separators=(",", ":"))) <= 60_000


@pytest.mark.parametrize(("i", "j"), SETTINGS)
def test_paths_are_fit(i: int, j: int) -> None:
    """Sampled steps of a path are MLPRegressor.fit with epochs=t; the gaps are fit's losses."""
    run = RUNS[i][j]
    assert DATA["lr"][i] == pytest.approx(_exact_lr(i), abs=5e-5)
    assert DATA["momentum"][j] == pytest.approx(_exact_mu(j), abs=5e-5)
    last = len(run["w"]) - 1
    for t in sorted({1, 2, last // 2, last}):
        theta = fitted(_exact_lr(i), _exact_mu(j), t).params.theta
        assert [run["w"][t], run["b"][t]] == pytest.approx(theta.tolist(), abs=5e-4 + 1e-12)
        assert run["gap"][t] == pytest.approx(loss_gap(theta), rel=5e-3, abs=1e-12)
    history = fitted(_exact_lr(i), _exact_mu(j), last + 1).history_["loss"]
    gaps = np.array(history) - valley()["floor"]
    np.testing.assert_allclose(run["gap"], gaps, rtol=5e-3, atol=1e-12)
    assert min(run["gap"]) > 0  # drawable on a log scale


def _exact_lr(i: int) -> float:
    scale = LR_SCALES[i]
    return best_settings()[f"{scale}_lr"] if isinstance(scale, str) else scale / valley()["lam"][1]


def _exact_mu(j: int) -> float:
    mu = MOMENTA[j]
    return best_settings()[f"{mu}_mu"] if isinstance(mu, str) else mu


@pytest.mark.parametrize(("i", "j"), list(product(range(len(LR_SCALES)), range(len(MOMENTA)))))
def test_a_path_is_cut_at_its_first_point_outside_the_plane(i: int, j: int) -> None:
    run = RUNS[i][j]
    assert len(run["w"]) == len(run["b"]) == len(run["gap"]) <= STEPS + 1
    points = list(zip(run["w"], run["b"], strict=True))
    assert all(inside(w, b) for w, b in points[:-1])
    assert inside(*points[-1]) == (len(points) == STEPS + 1)


def test_level_sets_lie_on_their_loss() -> None:
    assert len(DATA["levels"]) == len(DATA["level_gaps"])
    e0 = np.array(THETA0) - valley()["best"]
    assert max(DATA["level_gaps"]) == pytest.approx(0.5 * e0 @ valley()["H"] @ e0, rel=1e-2)
    for (w, b), gap in zip(DATA["levels"], DATA["level_gaps"], strict=True):
        gaps = [loss_gap(np.array(p)) for p in zip(w, b, strict=True)]
        np.testing.assert_allclose(gaps, gap, rtol=0.02, atol=2e-3)


def test_the_hints_claims() -> None:
    """Past 2/λ_max gradient descent leaves the plot and momentum 0.9 converges at the same η;
    every run with ηλ_max > 2(1 + μ) leaves it (exercise 7.3); μ = 0.9 or 0.95 runs past the
    minimum along the valley's floor and comes back, gradient descent and the derivation's best
    pair never do; over 40 steps that pair is not the lowest."""
    lmax = valley()["lam"][1]
    above = lr_index(2.5)
    assert DATA["lr"][above] * lmax > 2
    assert len(RUNS[above][0]["w"]) < 5  # gradient descent: out within a few steps
    run = RUNS[above][mu_index(0.9)]
    assert len(run["w"]) == STEPS + 1 and run["gap"][-1] < run["gap"][0] / 100
    for (i, lr), (j, mu) in product(enumerate(DATA["lr"]), enumerate(DATA["momentum"])):
        if lr * lmax > 2 * (1 + mu) * 1.01:
            assert len(RUNS[i][j]["w"]) < STEPS + 1, (lr, mu)
    floor = valley()["Q"][:, 0]  # eigenvector of λ_min: along the valley

    def passes(run: dict[str, list[float]]) -> int:
        """How often the path crosses the minimum along the valley's floor."""
        along = (np.column_stack([run["w"], run["b"]]) - valley()["best"]) @ floor
        return int(np.count_nonzero(np.diff(np.sign(along))))

    for i, j in product((lr_index("gd"), above), (mu_index(0.9), mu_index(0.95))):
        assert passes(RUNS[i][j]) >= 2  # past the minimum and back
    assert all(passes(row[0]) == 0 for row in RUNS)  # without momentum: never
    assert passes(RUNS[lr_index("hb")][mu_index("hb")]) == 0
    best_gap = RUNS[lr_index("hb")][mu_index("hb")]["gap"][-1]
    finals = [r["gap"][-1] for row in RUNS for r in row if len(r["gap"]) == STEPS + 1]
    assert min(finals) < best_gap / 3


def test_the_static_figures_claims() -> None:
    """training-descent.svg: gradient descent at its best η is still far after 40 steps, the heavy
    ball's loss first rises, falls below gradient descent's around step 20, and ends low."""
    gd = RUNS[lr_index("gd")][0]["gap"]
    hb = RUNS[lr_index("hb")][mu_index("hb")]["gap"]
    assert len(gd) == len(hb) == STEPS + 1
    assert gd[-1] > 0.1 and np.all(np.diff(gd) <= 0)
    assert max(hb[:10]) > 3 * hb[0]
    below = int(np.nonzero(np.array(hb) < np.array(gd))[0][0])  # the first crossing
    assert 15 <= below <= 25 and all(h < g for h, g in zip(hb[below:], gd[below:], strict=True))
    assert hb[-1] < 1e-3
