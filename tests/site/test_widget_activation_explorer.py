"""The activation explorer (activations) draws the JSON's values: every activation at the
shallowest and the deepest network, and seeded random settings (:func:`tests.site.widgets.sample`).
"""

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

NAME = "activation-explorer"
PAGE = "activations/"
DEPTH = "Hidden layers L − 1"


def assert_shows(drawing: Drawing, data: dict[str, Any], a: dict[str, Any], i: int) -> None:
    """The drawing is activation ``a`` at depth index ``i``, every series and value."""
    z0, z1, num = data["z"]
    curves, depths = drawing.panels
    curves.assert_line("f", np.linspace(z0, z1, num), a["f"])
    curves.assert_line("derivative", np.linspace(z0, z1, num), a["df"])
    curves.assert_line("ceiling", [z0, z1], [a["max"], a["max"]])
    depths.assert_line("product", data["depth"], a["product"])
    depths.assert_line("ratio", data["depth"], a["ratio"])
    depths.assert_points("current", [data["depth"][i]], [a["ratio"][i]])
    depths.assert_points("current-product", [data["depth"][i]], [a["product"][i]])
    drawing.assert_number("max", a["max"])
    drawing.assert_number("product", a["product"][i])
    drawing.assert_number("ratio", a["ratio"][i])


def test_sampled_settings_draw_the_json(browser: Any, server: str, site_dir: Path) -> None:
    """Every activation at the first and last depth, and 10 random (activation, depth) more."""
    data = load_data(site_dir, NAME)
    activations, depths = range(len(data["activations"])), range(len(data["depth"]))
    ends = product(activations, (depths[0], depths[-1]))
    with open_widget(browser, server + PAGE, NAME) as (_, widget, errors):
        assert_shows(read(widget), data, data["activations"][0], 9)  # sigmoid, L = 10
        for k, i in sample(product(activations, depths), k=10, keep=ends):
            choose(widget, "Activation", str(k))
            slide(widget, DEPTH, i)
            assert_shows(read(widget), data, data["activations"][k], i)
        assert errors == []


def test_play_runs_to_the_deepest_network_and_stops(
    browser: Any, server: str, site_dir: Path
) -> None:
    data = load_data(site_dir, NAME)
    last = len(data["depth"]) - 1
    with open_widget(browser, server + PAGE, NAME) as (page, widget, errors):
        slide(widget, DEPTH, last - 8)
        assert play_to_the_end(page, widget, DEPTH) == str(last)
        assert_shows(read(widget), data, data["activations"][0], last)
        assert errors == []
