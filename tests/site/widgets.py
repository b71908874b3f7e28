"""Reading an interactive figure back from the page, in the data's own coordinates.

``docs/javascripts/widgets.js`` records on every plot's ``<svg>`` its scales (``data-x`` and
``data-y``: domain, pixel range and ``linear`` or ``log``), and names every series it draws
(``data-series``). :func:`read` collects the drawn geometry (polyline points, circle centres,
rectangle corners, text positions) and the values printed under the plots, and inverts the
scales, so a test compares what the reader sees with the JSON the figure build wrote — not
merely that something changed.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

WIDGET = ".nnbook-widget[data-widget='{}']"
T = TypeVar("T", bound=Hashable)

_READ = """(figure) => {
  const nums = (s) => s.trim().split(/[\\s,]+/).map(Number);
  const svgs = [...figure.querySelectorAll(".nnbook-widget__panels > svg")];
  return {
    values: Object.fromEntries([...figure.querySelectorAll("[data-value]")]
      .map((o) => [o.dataset.value, o.textContent])),
    panels: svgs.map((svg) => {
      const series = {};
      for (const s of svg.querySelectorAll("[data-series]")) {
        series[s.dataset.series] = {
          lines: [...s.querySelectorAll("polyline")].map((p) => nums(p.getAttribute("points"))),
          points: [...s.querySelectorAll("circle")].map((c) =>
            [+c.getAttribute("cx"), +c.getAttribute("cy"), c.getAttribute("class") || ""]),
          cells: [...s.querySelectorAll("rect")].map((r) => [
            +r.getAttribute("x"), +r.getAttribute("y"),
            +r.getAttribute("width"), +r.getAttribute("height"), r.getAttribute("class") || ""]),
          text: s.tagName === "text"
            ? [+s.getAttribute("x"), +s.getAttribute("y"), s.textContent] : null,
        };
      }
      return { label: svg.getAttribute("aria-label"), x: svg.dataset.x, y: svg.dataset.y, series };
    }),
  };
}"""


@dataclass(frozen=True)
class Scale:
    """One axis of a plot: data ``domain`` drawn onto pixel ``pixels``, linear or log."""

    domain: tuple[float, float]
    pixels: tuple[float, float]
    log: bool

    @classmethod
    def parse(cls, text: str) -> Scale:
        d0, d1, p0, p1, kind = text.split()
        return cls((float(d0), float(d1)), (float(p0), float(p1)), kind == "log")

    def invert(self, px: np.ndarray) -> np.ndarray:
        """Data values of pixel coordinates ``px``."""
        t = (np.asarray(px, dtype=float) - self.pixels[0]) / (self.pixels[1] - self.pixels[0])
        d0, d1 = (math.log10(d) for d in self.domain) if self.log else self.domain
        v = d0 + t * (d1 - d0)
        return 10.0**v if self.log else v

    def tolerance(self, at: float | np.ndarray = 0.0, pixels: float = 0.01) -> np.ndarray:
        """The data distance that ``pixels`` pixels span near ``at`` (the drawing's rounding)."""
        span = abs(self.pixels[1] - self.pixels[0])
        if self.log:
            ratio = math.log10(self.domain[1] / self.domain[0])
            return np.abs(np.asarray(at, dtype=float)) * (10 ** (ratio * pixels / span) - 1)
        return np.full(np.shape(at), abs(self.domain[1] - self.domain[0]) * pixels / span)


@dataclass
class Panel:
    """One plot of a widget, its series in data coordinates."""

    label: str
    x: Scale
    y: Scale
    lines: dict[str, list[np.ndarray]] = field(default_factory=dict)  # (k, 2) per polyline
    points: dict[str, np.ndarray] = field(default_factory=dict)  # (k, 2) circle centres
    point_classes: dict[str, list[str]] = field(default_factory=dict)
    cells: dict[str, np.ndarray] = field(default_factory=dict)  # (k, 4): x0, x1, y0, y1
    cell_classes: dict[str, list[str]] = field(default_factory=dict)
    texts: dict[str, tuple[float, float, str]] = field(default_factory=dict)

    def line(self, name: str) -> np.ndarray:
        """The one polyline of series ``name``, shape ``(k, 2)``."""
        lines = self.lines[name]
        assert len(lines) == 1, f"series {name!r} has {len(lines)} polylines, expected one"
        return lines[0]

    def assert_line(self, name: str, x: Any, y: Any, pixels: float = 0.02) -> None:
        """Series ``name`` is drawn through exactly the points ``(x[i], y[i])``."""
        drawn = self.line(name)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        assert drawn.shape == (len(x), 2), (
            f"{name}: {drawn.shape[0]} points drawn, {len(x)} in data"
        )
        np.testing.assert_array_less(np.abs(drawn[:, 0] - x), self.x.tolerance(x, pixels) + 1e-12)
        np.testing.assert_array_less(np.abs(drawn[:, 1] - y), self.y.tolerance(y, pixels) + 1e-12)

    def assert_points(self, name: str, x: Any, y: Any, pixels: float = 0.02) -> None:
        """Series ``name`` has markers at exactly the points ``(x[i], y[i])``, in order."""
        drawn = self.points[name]
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        assert drawn.shape == (len(x), 2), f"{name}: {drawn.shape[0]} markers, {len(x)} in data"
        np.testing.assert_array_less(np.abs(drawn[:, 0] - x), self.x.tolerance(x, pixels) + 1e-12)
        np.testing.assert_array_less(np.abs(drawn[:, 1] - y), self.y.tolerance(y, pixels) + 1e-12)


@dataclass
class Drawing:
    """What a widget shows now: its plots and the values printed under them."""

    panels: list[Panel]
    values: dict[str, str]

    def number(self, name: str) -> float:
        """The printed value ``name`` as a number (``1.2e-3`` and a minus sign ``−`` read)."""
        return float(self.values[name].replace("−", "-"))

    def assert_number(self, name: str, expected: float) -> None:
        """The printed value ``name`` is ``expected`` rounded to the digits it shows."""
        text = self.values[name].replace("−", "-")
        mantissa, _, exponent = text.lower().partition("e")
        digits = len(mantissa.partition(".")[2])
        unit = 10.0 ** (int(exponent or 0) - digits)
        assert abs(float(text) - expected) <= unit / 2 * (1 + 1e-9), (
            f"{name}: shows {text}, the data says {expected}"
        )


def _panel(raw: dict[str, Any]) -> Panel:
    panel = Panel(raw["label"], Scale.parse(raw["x"]), Scale.parse(raw["y"]))
    sx, sy = panel.x.invert, panel.y.invert
    for name, s in raw["series"].items():
        if s["text"] is not None:
            x, y, text = s["text"]
            panel.texts[name] = (float(sx(x)), float(sy(y)), text)
            continue
        if s["lines"]:
            pts = [np.reshape(np.array(n, dtype=float), (-1, 2)) for n in s["lines"]]
            panel.lines[name] = [np.column_stack([sx(p[:, 0]), sy(p[:, 1])]) for p in pts]
        if s["points"]:
            p = np.array([c[:2] for c in s["points"]], dtype=float)
            panel.points[name] = np.column_stack([sx(p[:, 0]), sy(p[:, 1])])
            panel.point_classes[name] = [c[2] for c in s["points"]]
        if s["cells"]:
            r = np.array([c[:4] for c in s["cells"]], dtype=float)
            x0, x1 = sx(r[:, 0]), sx(r[:, 0] + r[:, 2])
            y1, y0 = sy(r[:, 1]), sy(r[:, 1] + r[:, 3])
            panel.cells[name] = np.column_stack([x0, x1, y0, y1])
            panel.cell_classes[name] = [c[4] for c in s["cells"]]
    return panel


def read(widget: Any) -> Drawing:
    """The drawing of ``widget`` (a Playwright locator of the figure), in data coordinates."""
    raw = widget.evaluate(_READ)
    return Drawing([_panel(p) for p in raw["panels"]], raw["values"])


def load_data(site_dir: Path, name: str) -> Any:
    """The JSON a widget draws, as the site serves it."""
    return json.loads((site_dir / "figures" / f"{name}.json").read_text(encoding="utf-8"))


@contextmanager
def open_widget(
    browser: Any, url: str, name: str, scheme: str = "light", width: int = 1280
) -> Iterator[tuple[Any, Any, list[str]]]:
    """Open ``url`` and yield (page, the ready widget ``name``, console errors so far)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, service_workers="block"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="load", timeout=60_000)
        widget = page.locator(WIDGET.format(name))
        widget.wait_for(state="attached", timeout=10_000)
        page.wait_for_function(
            "(w) => w.dataset.state === 'ready' || w.dataset.state === 'failed'",
            arg=widget.element_handle(),
            timeout=30_000,
        )
        assert widget.get_attribute("data-state") == "ready", f"{name} failed: {errors}"
        yield page, widget, errors
    finally:
        context.close()


def sample(items: Iterable[T], k: int = 6, seed: int = 0, keep: Iterable[T] = ()) -> list[T]:
    """The first and last of ``items``, any in ``keep``, and ``k`` others drawn without
    replacement by ``random.Random(seed)``, in their original order (all, if no more are left).

    Why: each setting of a widget costs a browser round trip, and neighbouring settings run the
    same code. The ends (and ``keep``, e.g. every option of a list at a slider's ends) catch edge
    and off-by-one errors; a seeded spread over the rest catches a wrong index anywhere, the same
    settings on every run, so a failure reproduces. For nested controls sample their product
    (``itertools.product``), not each control on its own.
    """
    items = list(items)
    kept = set(keep)
    fixed = {0, len(items) - 1} if items else set()
    fixed |= {n for n, item in enumerate(items) if item in kept}
    rest = [n for n in range(len(items)) if n not in fixed]
    drawn = random.Random(seed).sample(rest, min(k, len(rest)))
    return [items[n] for n in sorted(fixed | set(drawn))]


def slide(widget: Any, label: str, index: int) -> None:
    """Move the slider labelled ``label`` to position ``index`` (as a reader drags it)."""
    slider = widget.get_by_label(label, exact=True)
    slider.fill(str(index))
    assert slider.input_value() == str(index)


def choose(widget: Any, label: str, value: str) -> None:
    """Choose ``value`` in the drop-down list labelled ``label``."""
    widget.get_by_label(label, exact=True).select_option(value)


def play_to_the_end(page: Any, widget: Any, label: str, timeout: float = 60_000) -> str:
    """Press the widget's Play button: the slider labelled ``label`` steps to its last value,
    playing stops there (the button reads Play again) and stays stopped; return that value."""
    slider = widget.get_by_label(label, exact=True)
    button = widget.locator("button")  # its name turns from Play to Pause and back
    assert button.text_content() == "Play"
    button.click()
    assert button.text_content() == "Pause" and button.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        "(b) => b.getAttribute('aria-pressed') === 'false'",
        arg=button.element_handle(),
        timeout=timeout,
    )
    end = slider.get_attribute("max")
    assert slider.input_value() == end
    page.wait_for_timeout(1000)  # a few more ticks: it must stay at the end
    assert slider.input_value() == end and button.text_content() == "Play"
    return str(end)
