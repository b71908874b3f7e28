"""The perceptron-learning widget (perceptron) draws the JSON's values: every gate at its first
and last epoch, and seeded random settings (:func:`tests.site.widgets.sample`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.widgets import (
    Drawing,
    choose,
    load_data,
    open_widget,
    play_to_the_end,
    read,
    sample,
    slide,
)

pytestmark = pytest.mark.browser

NAME = "perceptron-learning"
URL = "perceptron/"


def assert_epoch(drawing: Drawing, data: dict[str, Any], gate: str, t: int) -> None:
    """The drawing shows epoch ``t`` of ``gate``: points, M(w), the line, J and |M| so far."""
    g = data["gates"][gate]
    plane, history = drawing.panels
    X = np.array(data["X"])
    plane.assert_points("inputs", X[:, 0], X[:, 1])
    for n, cls in enumerate(plane.point_classes["inputs"]):
        colour = "c1" if g["y"][n] > 0 else "c2"
        assert colour in cls.split(), f"{gate} t={t} point {n}: {cls!r}"
        assert ("hollow" in cls.split()) == (n in g["M"][t]), f"{gate} t={t} point {n}: {cls!r}"
    line, w = g["line"][t], g["w"][t]
    note = plane.texts["note"][2]
    if line is None:
        assert "boundary" not in plane.lines
        assert note == ("w = (0, 0): no line" if w[:2] == [0, 0] else "the line is off the plot")
    else:
        plane.assert_line("boundary", [line[0], line[2]], [line[1], line[3]])
        assert note == ""
    m = [len(s) for s in g["M"]]
    ts = list(range(t + 1))
    history.assert_line("J", ts, g["J"][: t + 1])
    history.assert_line("M", ts, m[: t + 1])
    history.assert_points("current", [t, t], [g["J"][t], m[t]])
    drawing.assert_number("epoch", t)
    drawing.assert_number("M", m[t])
    drawing.assert_number("J", g["J"][t])
    assert drawing.values["w"] == f"({w[0]:g}, {w[1]:g})"
    drawing.assert_number("b", w[2])


def test_sampled_gates_and_epochs_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """Every gate at its first and last epoch, and 6 random (gate, epoch) more."""
    data = load_data(site_dir, NAME)
    runs = {gate: range(len(g["w"])) for gate, g in data["gates"].items()}
    settings = [(gate, t) for gate, ts in runs.items() for t in ts]
    ends = [(gate, t) for gate, ts in runs.items() for t in (ts[0], ts[-1])]
    with open_widget(browser, server + URL, NAME) as (_, widget, errors):
        slider = widget.get_by_label("Epoch", exact=True)
        for gate, t in sample(settings, k=6, keep=ends):
            choose(widget, "Gate", gate)
            assert slider.get_attribute("max") == str(runs[gate][-1])  # ends with the run
            slide(widget, "Epoch", t)
            assert_epoch(read(widget), data, gate, t)
        # a longer run's last epoch, then a shorter run: the slider moves back to its end
        choose(widget, "Gate", "AND")
        slide(widget, "Epoch", len(data["gates"]["AND"]["w"]) - 1)
        choose(widget, "Gate", "OR")
        last = len(data["gates"]["OR"]["w"]) - 1
        assert slider.input_value() == str(last)
        assert_epoch(read(widget), data, "OR", last)
        assert errors == []


def test_play_runs_to_the_end_and_stops(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    with open_widget(browser, server + URL, NAME) as (page, widget, errors):
        choose(widget, "Gate", "OR")
        slide(widget, "Epoch", 0)
        last = len(data["gates"]["OR"]["w"]) - 1
        assert play_to_the_end(page, widget, "Epoch") == str(last)
        assert_epoch(read(widget), data, "OR", last)
        assert errors == []


def test_keyboard_steps_the_epochs(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    with open_widget(browser, server + URL, NAME) as (page, widget, errors):
        widget.get_by_label("Epoch", exact=True).focus()
        for t in (1, 2, 3):
            page.keyboard.press("ArrowRight")
            assert_epoch(read(widget), data, "AND", t)
        assert errors == []
