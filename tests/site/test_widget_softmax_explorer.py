"""The softmax explorer (losses) draws the JSON's values: at every class with both logits at
their ends, and at seeded random settings (:func:`tests.site.widgets.sample`)."""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.widgets import Drawing, Panel, choose, load_data, open_widget, read, sample, slide

pytestmark = pytest.mark.browser

NAME = "softmax-explorer"
URL = "losses/"
HALF, SHADE = 0.28, 0.42  # half widths of a bar and of the true class's shading
STEP = 5  # the z slider takes every 5th point of the sigmoid curves


def assert_cells(panel: Panel, name: str, rects: Any, pixels: float = 0.02) -> None:
    """Series ``name`` draws exactly the rectangles ``[x0, x1, y0, y1]``, in order."""
    drawn, rects = panel.cells[name], np.asarray(rects, dtype=float)
    assert drawn.shape == rects.shape, f"{name}: {len(drawn)} rectangles, {len(rects)} in data"
    np.testing.assert_array_less(
        np.abs(drawn[:, :2] - rects[:, :2]), panel.x.tolerance(rects[:, :2], pixels) + 1e-12
    )
    np.testing.assert_array_less(
        np.abs(drawn[:, 2:] - rects[:, 2:]), panel.y.tolerance(rects[:, 2:], pixels) + 1e-12
    )


def bars(values: list[float]) -> list[list[float]]:
    return [[k - HALF, k + HALF, min(0.0, v), max(0.0, v)] for k, v in enumerate(values)]


def assert_softmax(drawing: Drawing, data: Any, i: int, j: int, c: int) -> None:
    """The upper plots and numbers show the JSON's setting (z0, z1) = (z[i], z[j]), class c."""
    probs, grads = drawing.panels[:2]
    p, grad, loss = data["p"][i][j], data["grad"][i][j][c], data["loss"][i][j][c]
    assert_cells(probs, "target", [[c - SHADE, c + SHADE, 0, 1]])
    assert_cells(grads, "target", [[c - SHADE, c + SHADE, -1, 1]])
    assert probs.cell_classes["target"] == grads.cell_classes["target"] == ["field2"]
    assert_cells(probs, "probabilities", bars(p))
    assert_cells(grads, "gradient", bars(grad))
    grads.assert_line("zero", [-0.5, 2.5], [0, 0])
    for k in range(3):
        drawing.assert_number(f"p{k}", p[k])
        drawing.assert_number(f"grad{k}", grad[k])
    drawing.assert_number("loss", loss)


def assert_sigmoid(drawing: Drawing, data: Any, m: int) -> None:
    """The lower plots and numbers show the curves and the point ``z`` of slider position m."""
    s = data["sigmoid"]
    z = np.linspace(*s["z"][:2], s["z"][2])
    n = m * STEP
    for panel, ce, se, y in ((drawing.panels[2], "bce", "mse", [0, 6.2]),
                             (drawing.panels[3], "dbce", "dmse", [-1.05, 0.05])):  # fmt: skip
        panel.assert_line(ce, z, s[ce])
        panel.assert_line(se, z, s[se])
        panel.assert_line("cursor", [z[n], z[n]], y)
        panel.assert_points("current", [z[n], z[n]], [s[ce][n], s[se][n]])
        assert panel.point_classes["current"] == ["c1", "c2"]
    for name in ("y_hat", "bce", "dbce", "mse", "dmse"):
        drawing.assert_number(name, s[name][n])


def test_sampled_settings_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """Every class at the ends of both logits and 8 random (class, z0, z1) of the 507; the
    sigmoid slider's ends and 8 random positions of its 25."""
    data = load_data(site_dir, NAME)
    count = len(data["z"])
    s = data["sigmoid"]
    marks = (s["z"][2] - 1) // STEP + 1
    assert marks == 25
    ends = (0, count - 1)
    settings = sample(
        product(range(3), range(count), range(count)), k=8, keep=product(range(3), ends, ends)
    )
    with open_widget(browser, server + URL, NAME) as (_, widget, errors):
        assert_softmax(read(widget), data, 10, 8, 2)  # the first view: z = (2, 1, 0), c = 2
        assert_sigmoid(read(widget), data, 4)
        for c, i, j in settings:
            choose(widget, "True class c", str(c))
            slide(widget, "Logit z0", i)
            slide(widget, "Logit z1", j)
            assert_softmax(read(widget), data, i, j, c)
        for m in sample(range(marks), k=8):
            slide(widget, "Sigmoid logit z", m)
            drawing = read(widget)
            assert_sigmoid(drawing, data, m)
            assert_softmax(drawing, data, i, j, c)  # the upper plots stay put
        assert errors == []


def test_keyboard_moves_the_logit(browser: Any, server: str, site_dir: Path) -> None:
    data = load_data(site_dir, NAME)
    with open_widget(browser, server + URL, NAME) as (page, widget, errors):
        slider = widget.get_by_label("Logit z0", exact=True)
        slider.focus()
        for _ in range(4):
            page.keyboard.press("ArrowLeft")
        assert slider.input_value() == "6"  # z0 = 0, from 2
        assert_softmax(read(widget), data, 6, 8, 2)
        page.keyboard.press("End")
        assert slider.input_value() == str(len(data["z"]) - 1)
        assert_softmax(read(widget), data, len(data["z"]) - 1, 8, 2)
        assert errors == []
