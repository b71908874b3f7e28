"""The staircase explorer (universal approximation) draws the JSON's values: every kind of unit
at the fewest and the most units, and seeded random settings (:func:`tests.site.widgets.sample`).
"""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.widgets import choose, load_data, open_widget, read, sample, slide

pytestmark = pytest.mark.browser

NAME = "staircase-explorer"


def test_sampled_settings_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """Every kind of unit at the first and last n, and 8 random (kind, n) more."""
    data = load_data(site_dir, NAME)
    a, b, num = data["x"]
    x = np.linspace(a, b, num)
    kinds = ["step", *[str(j) for j in range(len(data["steepness"]))]]
    counts = range(len(data["n"]))
    settings = sample(product(kinds, counts), k=8, keep=product(kinds, (counts[0], counts[-1])))
    with open_widget(browser, server + "universal-approximation/", NAME) as (_, widget, errors):
        for kind, i in settings:
            choose(widget, "Units", kind)
            slide(widget, "Units n", i)
            drawing = read(widget)
            curve, errors_plot = drawing.panels
            curve.assert_line("target", x, data["target"])
            if kind == "step":
                net = data["step"][i]
                curve.assert_line("network", net["x"], net["y"])
                measured = [s["error"] for s in data["step"]]
            else:
                net = data["sigmoid"][i][int(kind)]
                curve.assert_line("network", x, net["y"])
                measured = [s[int(kind)]["error"] for s in data["sigmoid"]]
            errors_plot.assert_line("errors", data["n"], measured)
            errors_plot.assert_line("bound", data["n"], [s["bound"] for s in data["step"]])
            errors_plot.assert_points("current", [data["n"][i]], [net["error"]])
            drawing.assert_number("error", net["error"])
            drawing.assert_number("bound", data["step"][i]["bound"])
        assert errors == []
