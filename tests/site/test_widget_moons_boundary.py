"""The two-moons widget (backpropagation) draws the JSON's values: every width at the first and
the last epoch, and seeded random settings (:func:`tests.site.widgets.sample`)."""

from __future__ import annotations

from itertools import product
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

NAME = "moons-boundary"
URL = "backpropagation/"
WIDTH, EPOCH = "Units per hidden layer", "Epoch"


def assert_setting(drawing: Drawing, data: dict[str, Any], width: int, k: int) -> None:
    """The drawing shows run ``width`` after the ``k``-th recorded epoch, as the JSON has it."""
    run = data["runs"][data["widths"].index(width)]
    at, n = run["at"][k], data["epochs"][k]
    plane, curve = drawing.panels

    plane.assert_points("points", data["x1"], data["x2"])
    assert plane.point_classes["points"] == ["c1" if c else "c2" for c in data["y"]]

    drawn = plane.lines["boundary"]
    assert len(drawn) == len(at["bx"]), "one polyline per piece of the boundary"
    for line, xs, ys in zip(drawn, at["bx"], at["by"], strict=True):
        assert line.shape == (len(xs), 2)
        np.testing.assert_array_less(np.abs(line[:, 0] - xs), plane.x.tolerance(xs, 0.02))
        np.testing.assert_array_less(np.abs(line[:, 1] - ys), plane.y.tolerance(ys, 0.02))

    # every cell centre of the grid lies in exactly one drawn rectangle, shaded as its class
    (x0, x1), (y0, y1) = data["box"]
    nx, ny = data["cells"]
    classes = np.repeat(np.arange(len(at["field"])) % 2, at["field"])
    cx = x0 + (x1 - x0) * (np.arange(nx) + 0.5) / nx
    cy = y0 + (y1 - y0) * (np.arange(ny) + 0.5) / ny
    centres = np.column_stack([np.tile(cx, ny), np.repeat(cy, nx)])
    rects, kinds = plane.cells["field"], plane.cell_classes["field"]
    inside = (
        (rects[:, 0] < centres[:, :1])
        & (centres[:, :1] < rects[:, 1])
        & (rects[:, 2] < centres[:, 1:])
        & (centres[:, 1:] < rects[:, 3])
    )
    assert (inside.sum(axis=1) == 1).all()
    shown = np.array([kinds[j] for j in inside.argmax(axis=1)])
    np.testing.assert_array_equal(shown, np.where(classes == 1, "field1", "field2"))
    area = np.sum((rects[:, 1] - rects[:, 0]) * (rects[:, 3] - rects[:, 2]))
    assert area == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-3)

    loss = run["loss"][:n]
    curve.assert_line("loss", np.arange(1, n + 1), loss)
    curve.assert_points("current", [n], [loss[-1]])
    assert drawing.values["network"] == f"2-{width}-{width}-2"
    drawing.assert_number("epoch", n)
    drawing.assert_number("loss", loss[-1])
    drawing.assert_number("accuracy", at["accuracy"])


def test_sampled_widths_and_epochs_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """Every width at the first and last epoch, and 8 random (width, epoch) more."""
    data = load_data(site_dir, NAME)
    epochs = range(len(data["epochs"]))
    ends = product(data["widths"], (epochs[0], epochs[-1]))
    with open_widget(browser, server + URL, NAME) as (_, widget, errors):
        # it opens on the chapter's network at the end of training
        assert widget.get_by_label(WIDTH, exact=True).input_value() == "16"
        assert_setting(read(widget), data, 16, len(data["epochs"]) - 1)
        for width, k in sample(product(data["widths"], epochs), k=8, keep=ends):
            choose(widget, WIDTH, str(width))
            slide(widget, EPOCH, k)
            assert_setting(read(widget), data, width, k)
        # a new width keeps the epoch
        slide(widget, EPOCH, 5)
        choose(widget, WIDTH, "4")
        assert_setting(read(widget), data, 4, 5)
        assert errors == []


def test_play_runs_to_the_end_and_stops(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    last = len(data["epochs"]) - 1
    with open_widget(browser, server + URL, NAME) as (page, widget, errors):
        choose(widget, WIDTH, "8")
        slide(widget, EPOCH, 0)
        assert play_to_the_end(page, widget, EPOCH) == str(last)
        play = widget.get_by_role("button")
        assert_setting(read(widget), data, 8, last)
        # Play at the end starts again from the first epoch
        play.click()
        assert int(widget.get_by_label(EPOCH, exact=True).input_value()) < last
        play.click()
        assert play.text_content() == "Play"
        assert errors == []


def test_keyboard_moves_the_epoch_and_the_width(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    last = len(data["epochs"]) - 1
    with open_widget(browser, server + URL, NAME) as (page, widget, errors):
        slider = widget.get_by_label(EPOCH, exact=True)
        slider.focus()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        assert slider.input_value() == str(last - 2)
        assert_setting(read(widget), data, 16, last - 2)
        page.keyboard.press("Shift+Tab")  # back to the width list
        assert widget.get_by_label(WIDTH, exact=True).evaluate(
            "(s) => s === document.activeElement"
        )
        page.keyboard.press("ArrowUp")  # one width less
        assert_setting(read(widget), data, 8, last - 2)
        assert errors == []
