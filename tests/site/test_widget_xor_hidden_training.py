"""The XOR hidden-space widget (XOR chapter) draws the JSON's values at the first and the last
epoch and at seeded random ones (:func:`tests.site.widgets.sample`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.widgets import (
    Drawing,
    Panel,
    load_data,
    open_widget,
    play_to_the_end,
    read,
    sample,
    slide,
)

pytestmark = pytest.mark.browser

NAME = "xor-hidden-training"
CLASS = {0: "c2", 1: "c1"}  # the colour of each class: orange 0, blue 1


def _assert_segment(panel: Panel, name: str, segment: list[float] | None) -> None:
    if segment is None:  # the line misses the plot: nothing drawn
        assert name not in panel.lines, f"{name} is drawn, but the data has no segment"
    else:
        panel.assert_line(name, segment[0::2], segment[1::2])


def _assert_snapshot(drawing: Drawing, data: dict[str, Any], i: int) -> None:
    input_plane, hidden_plane = drawing.panels
    X, y = np.array(data["X"]), np.array(data["y"])
    classes = [CLASS[c] for c in data["y"]]
    for j in (0, 1):
        _assert_segment(input_plane, f"unit{j + 1}", data["units"][i][j])
    input_plane.assert_points("inputs", X[:, 0], X[:, 1])
    assert input_plane.point_classes["inputs"] == classes

    hidden = np.array(data["hidden"][i])
    hidden_plane.assert_points("hidden", hidden[:, 0], hidden[:, 1])
    assert hidden_plane.point_classes["hidden"] == classes
    _assert_segment(hidden_plane, "output", data["output"][i])
    # each point's path: its hidden coordinates at every snapshot so far
    so_far = np.array(data["hidden"][: i + 1])  # (i + 1, 4, 2)
    for c in (0, 1):
        paths = hidden_plane.lines[f"paths{c}"]
        assert len(paths) == np.sum(y == c)
        for path, n in zip(paths, np.flatnonzero(y == c), strict=True):
            np.testing.assert_array_less(
                np.abs(path - so_far[:, n]), hidden_plane.x.tolerance(0, 0.02) + 1e-12
            )
    drawing.assert_number("epoch", data["epochs"][i])
    drawing.assert_number("loss", data["loss"][i])
    drawing.assert_number("accuracy", data["accuracy"][i])
    assert drawing.values["loss"].count(".") == 1 and len(drawing.values["loss"]) == 6


def test_sampled_epochs_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """The first and last snapshot, and 10 random ones between."""
    data = load_data(site_dir, NAME)
    with open_widget(browser, server + "xor/", NAME) as (_, widget, errors):
        _assert_snapshot(read(widget), data, 0)  # the widget opens at epoch 0
        for i in sample(range(len(data["epochs"])), k=10):
            slide(widget, "Epoch", i)
            _assert_snapshot(read(widget), data, i)
        assert errors == []


def test_play_runs_to_the_last_epoch_and_stops(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    last = len(data["epochs"]) - 1
    with open_widget(browser, server + "xor/", NAME) as (page, widget, errors):
        assert play_to_the_end(page, widget, "Epoch") == str(last)
        _assert_snapshot(read(widget), data, last)
        assert errors == []


def test_keyboard_steps_the_epochs(browser: Any, server: str, site_dir: Path) -> None:
    """Arrow keys on the focused slider move one snapshot; End jumps to the last one."""
    data = load_data(site_dir, NAME)
    with open_widget(browser, server + "xor/", NAME) as (page, widget, errors):
        slider = widget.get_by_label("Epoch", exact=True)
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert slider.input_value() == "2"
        _assert_snapshot(read(widget), data, 2)
        page.keyboard.press("End")
        _assert_snapshot(read(widget), data, len(data["epochs"]) - 1)
        assert errors == []
