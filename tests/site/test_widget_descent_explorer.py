"""The descent explorer (training) draws the JSON's paths: at the ends of both sliders and at
seeded random settings (:func:`tests.site.widgets.sample`), at several steps, and a path cut
where it leaves the plane stays cut."""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.widgets import (
    Drawing,
    load_data,
    open_widget,
    play_to_the_end,
    read,
    sample,
    slide,
)

pytestmark = pytest.mark.browser

NAME = "descent-explorer"
URL = "training/"
LR, MU, STEP = "Learning rate η", "Momentum μ", "Step t"


def first_view(data: Any) -> tuple[int, int]:
    """The slider positions the widget opens with: the heavy ball's best (η, μ)."""
    i, j = len(data["lr"]) - 2, data["momentum"].index(data["settings"]["hb_mu"])
    assert data["lr"][i] == data["settings"]["hb_lr"]
    return i, j


def assert_setting(drawing: Drawing, data: Any, i: int, j: int, t: int) -> None:
    """Both paths of learning rate ``lr[i]`` (without momentum and with ``momentum[j]``), their
    first ``t`` steps (or all they have), in the plane and as loss gaps; the level sets."""
    plane, curve = drawing.panels
    gd = data["momentum"].index(0)
    for name, run in (("gd", data["runs"][i][gd]), ("momentum", data["runs"][i][j])):
        n = min(t, len(run["w"]) - 1)
        plane.assert_line(f"{name}-path", run["w"][: n + 1], run["b"][: n + 1])
        plane.assert_points(f"{name}-now", [run["w"][n]], [run["b"][n]])
        curve.assert_line(f"{name}-gap", range(n + 1), run["gap"][: n + 1])
        curve.assert_points(f"{name}-now", [n], [run["gap"][n]])
        drawing.assert_number(name, run["gap"][n])
    assert drawing.values["step"] == str(t)
    levels = plane.lines["levels"]
    assert len(levels) == len(data["levels"])
    for drawn, (w, b) in zip(levels, data["levels"], strict=True):
        np.testing.assert_allclose(drawn, np.column_stack([w, b]), atol=0.02)
    plane.assert_points("best", [data["best"][0]], [data["best"][1]])
    plane.assert_points("start", [data["theta0"][0]], [data["theta0"][1]])


def test_sampled_settings_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """The four corners of (η, μ) and 8 random settings of the 56, each at 3 steps."""
    data = load_data(site_dir, NAME)
    last_i, last_j = len(data["lr"]) - 1, len(data["momentum"]) - 1
    corners = product((0, last_i), (0, last_j))
    settings = sample(product(range(last_i + 1), range(last_j + 1)), k=8, keep=corners)
    with open_widget(browser, server + URL, NAME) as (_, widget, errors):
        # the first view: the heavy ball's best pair, all 40 steps
        assert_setting(read(widget), data, *first_view(data), data["steps"])
        for i, j in settings:
            slide(widget, LR, i)
            slide(widget, MU, j)
            for t in (0, 7, data["steps"]):
                slide(widget, STEP, t)
                assert_setting(read(widget), data, i, j, t)
        assert errors == []


def test_a_path_that_leaves_the_plane_says_so(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    i = next(k for k, row in enumerate(data["runs"]) if len(row[0]["w"]) <= data["steps"])
    cut = len(data["runs"][i][0]["w"]) - 1
    with open_widget(browser, server + URL, NAME) as (_, widget, errors):
        slide(widget, LR, i)
        slide(widget, MU, 0)
        slide(widget, STEP, cut - 1)
        assert read(widget).panels[0].texts["gd-note"][2] == ""
        for t in (cut, data["steps"]):
            slide(widget, STEP, t)
            drawing = read(widget)
            assert_setting(drawing, data, i, 0, t)
            note = drawing.panels[0].texts["gd-note"][2]
            assert note == f"gradient descent (μ = 0): left the plot at step {cut}", note
        assert errors == []


def test_play_runs_the_steps(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    with open_widget(browser, server + URL, NAME) as (page, widget, errors):
        slide(widget, STEP, 30)
        assert play_to_the_end(page, widget, STEP) == str(data["steps"])
        assert_setting(read(widget), data, *first_view(data), data["steps"])
        assert errors == []
