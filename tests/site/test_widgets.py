"""Every interactive figure, as a reader meets it (issue 13).

Each widget's own file (``test_widget_<name>.py``) moves every control and compares the
drawing with the JSON. This file checks what all of them share:

- the contract for outside checks: every ``.nnbook-widget`` becomes one element holding its
  controls (``input``, ``select`` or ``button``) and an ``svg``; six or more on four pages;
- loaded through Material's instant navigation too (``document$``), without console errors;
- light and dark at 1280 px and a 375 px phone: nothing wider than the screen (measured, with a
  screenshot of every widget, during the page's one visit: tests/site/visit.py);
- the keyboard: a slider reached with Tab, with a visible focus, moved by the arrow keys, and
  the drawing follows;
- without JavaScript, and on the print page, the static figure stands in its place;
- when the data cannot be loaded, the static figure is shown and the error reported;
- on the Korean pages, Korean labels (translations/ko/widgets.yml) over the same drawing.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.site.browsing import CHAPTERS, PageSpec
from tests.site.test_accessibility import ACTIVE, _focus_is_drawn, _tab_until
from tests.site.test_browser import MIN_CONTRAST, _contrast
from tests.site.widgets import WIDGET, load_data, open_widget, read

pytestmark = pytest.mark.browser

MARKUP = re.compile(r'<figure class="nnbook-widget" data-widget="([\w-]+)"')


def widgets_by_page() -> dict[PageSpec, list[str]]:
    """The widgets each chapter's source declares, in order."""
    found = {}
    for spec in CHAPTERS:
        names = MARKUP.findall(spec.source.read_text(encoding="utf-8")) if spec.source else []
        if names:
            found[spec] = names
    return found


WIDGET_PAGES = widgets_by_page()  # English and Korean pages
ALL = [(spec, name) for spec, names in WIDGET_PAGES.items() for name in names]
ENGLISH = [(spec, name) for spec, name in ALL if spec.language == "en"]


def test_six_widgets_on_four_chapters() -> None:
    names = [name for _, name in ENGLISH]
    assert len(names) >= 6, f"only {len(names)} widgets: {names}"
    assert len({spec for spec, _ in ENGLISH}) >= 4, "widgets on fewer than four pages"
    assert len(set(names)) == len(names), "a widget is used twice"
    korean = sorted(name for spec, name in ALL if spec.language == "ko")
    assert korean == sorted(names), "the Korean pages have other widgets than the English"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.mark.parametrize("spec", list(WIDGET_PAGES), ids=[s.slug for s in WIDGET_PAGES])
def test_every_widget_holds_controls_and_an_svg(spec: PageSpec, reports: Callable) -> None:
    r = reports(spec)
    assert [w["name"] for w in r.widgets] == WIDGET_PAGES[spec]
    for w in r.widgets:
        assert w["state"] == "ready", f"{w['name']}: {w['state']}"
        assert w["controls"] >= 1 and w["svgs"] >= 1, w
        assert w["labelled"] and w["named"], f"{w['name']}: an unlabelled control or plot"
        assert w["images"] == 0, f"{w['name']}: the static image is shown next to the widget"
    assert r.console_errors == [] and r.page_errors == []


def test_widgets_start_after_instant_navigation(context: Any, server: str) -> None:
    spec, name = ALL[0]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server, wait_until="load")
    page.wait_for_load_state("networkidle")
    # Material's instant navigation: the link is followed without a page load
    page.evaluate("() => { window.__nnbookSamePage = true; }")
    page.locator(f".md-content a[href$='/{spec.path}']").first.click()
    page.wait_for_url(re.compile(rf"/{re.escape(spec.path)}(#.*)?$"), timeout=15_000)
    widget = page.locator(WIDGET.format(name))
    widget.wait_for(state="attached", timeout=15_000)
    page.wait_for_function("(w) => w.dataset.state === 'ready'", arg=widget.element_handle())
    assert page.evaluate("() => window.__nnbookSamePage") is True, "the page was reloaded"
    assert widget.locator("svg").count() >= 1
    assert errors == []


@pytest.mark.parametrize("spec", list(WIDGET_PAGES), ids=[s.slug for s in WIDGET_PAGES])
def test_widget_fits_light_dark_and_a_phone(spec: PageSpec, reports: Callable) -> None:
    """In light and dark at 1280 px and on a 375 px phone, no widget is wider than its box nor
    the page wider than the window (screenshots of each: test-artifacts/screenshots/widget-*)."""
    views = reports(spec).widget_sizes
    assert set(views) == {"light 1280px", "dark 1280px", "dark 375px"}
    for view, sizes in views.items():
        assert [s["name"] for s in sizes] == WIDGET_PAGES[spec], view
        for s in sizes:
            assert s["scheme"] == ("slate" if view.startswith("dark") else "default"), s
            assert s["page"] <= s["view"], f"{s['name']}, {view}: {s}"
            assert s["widget"] <= s["box"], f"{s['name']}, {view}: {s}"


KOREAN = [(spec, name) for spec, name in ALL if spec.language == "ko"]
# Names and symbols that are the same in Korean: functions, gates, abbreviations of losses.
SYMBOLS = {"sin", "max", "Lip", "tanh", "ReLU", "Leaky", "ELU", "AND", "XOR", "out", "BCE"}
SYMBOLS |= {"dBCE", "MSE", "dMSE", "min"}  # min: x_min

_TEXTS = """(w) => {
  const texts = [];
  const add = (s) => { if (s && s.trim()) texts.push(s.trim()); };
  w.querySelectorAll("label, option, button, .nnbook-widget__key, svg .nnbook-label, "
    + "text[data-series]").forEach((e) => add(e.textContent));
  w.querySelectorAll("svg[role=img]").forEach((s) => add(s.getAttribute("aria-label")));
  w.querySelectorAll(".nnbook-widget__value").forEach((v) => add(
    [...v.childNodes].filter((n) => n.nodeName !== "OUTPUT").map((n) => n.textContent).join("")));
  return texts;
}"""

_LAST_SETTING = """(w) => {
  for (const s of w.querySelectorAll("select")) {
    s.selectedIndex = s.options.length - 1;
    s.dispatchEvent(new Event("change"));
  }
  for (const r of w.querySelectorAll("input[type=range]")) {
    r.value = r.max;
    r.dispatchEvent(new Event("input"));
  }
}"""


def _geometry(drawing: Any) -> list[Any]:
    return [
        (
            p.x,
            p.y,
            {k: [v.tolist() for v in lines] for k, lines in p.lines.items()},
            {k: v.tolist() for k, v in p.points.items()},
            {k: v.tolist() for k, v in p.cells.items()},
            p.point_classes,
            p.cell_classes,
        )
        for p in drawing.panels
    ]


@pytest.mark.parametrize(("spec", "name"), KOREAN, ids=[f"ko-{n}" for _, n in KOREAN])
def test_korean_widgets_speak_korean_and_draw_what_the_english_ones_draw(
    spec: PageSpec, name: str, browser: Any, server: str
) -> None:
    """On a Korean page every label, option, button, key, axis title, plot name and printed
    value's name is Korean (translations/ko/widgets.yml), bar symbols; the drawing and the
    numbers, at the first and at the last setting of every control, are the English ones."""
    english = spec.path.removeprefix("ko/")
    seen: dict[str, Any] = {}
    for language, path in (("en", english), ("ko", spec.path)):
        with open_widget(browser, server + path, name) as (_, widget, errors):
            texts = widget.evaluate(_TEXTS)
            first = read(widget)
            widget.evaluate(_LAST_SETTING)
            last = read(widget)
            assert errors == []
        seen[language] = texts, first, last
    texts = seen["ko"][0]
    untranslated = [t for t in texts if set(re.findall(r"[A-Za-z]{3,}", t)) - SYMBOLS]
    assert not untranslated, f"English on the Korean page: {untranslated}"
    assert len(texts) == len(seen["en"][0]) and texts != seen["en"][0]
    for k in (1, 2):
        en, ko = seen["en"][k], seen["ko"][k]
        assert _geometry(ko) == _geometry(en)
        assert ko.values == en.values


def test_a_widget_works_by_keyboard(browser: Any, server: str, site_dir: Path) -> None:
    """Tab to the staircase explorer's slider, see its focus, move it with the arrow keys."""
    data = load_data(site_dir, "staircase-explorer")
    url = server + "universal-approximation/"
    with open_widget(browser, url, "staircase-explorer") as (page, widget, errors):
        in_slider = "() => document.activeElement.matches('.nnbook-widget input[type=range]')"
        slider = _tab_until(page, in_slider, limit=600)
        assert _focus_is_drawn(page, slider), "the focused slider shows no focus indicator"
        start = int(page.evaluate("() => document.activeElement.value"))
        for key, step in (("ArrowRight", 1), ("ArrowRight", 1), ("ArrowLeft", -1)):
            page.keyboard.press(key)
            start += step
            assert int(page.evaluate("() => document.activeElement.value")) == start
            curve = read(widget).panels[0]
            curve.assert_line("network", data["step"][start]["x"], data["step"][start]["y"])
            shown = page.evaluate("() => document.activeElement.getAttribute('aria-valuetext')")
            assert shown == str(data["n"][start])
        page.keyboard.press("End")
        assert page.evaluate(ACTIVE)["tag"] == "INPUT"
        curve = read(widget).panels[0]
        curve.assert_line("network", data["step"][-1]["x"], data["step"][-1]["y"])
        assert errors == []


@pytest.mark.parametrize("spec", list(WIDGET_PAGES), ids=[s.slug for s in WIDGET_PAGES])
def test_without_javascript_the_static_figures_stand_in(
    spec: PageSpec, browser: Any, server: str
) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(server + spec.path, wait_until="load")
        for img in page.locator(".nnbook-widget img").all():  # lazy: loaded once in view
            if img.evaluate(SHOWN):  # the other palette's stays hidden, and is not loaded
                img.scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        images = page.evaluate(
            """(shown) => [...document.querySelectorAll('.nnbook-widget')].map((w) => ({
              imgs: [...w.querySelectorAll('img')].filter(eval(shown)).map((i) => ({
                loaded: i.complete && i.naturalWidth > 0, alt: i.alt, visible: i.offsetWidth > 0,
              })),
              hidden: [...w.querySelectorAll('img')].filter((i) => !eval(shown)(i))
                .map((i) => i.getAttribute('src')),
              controls: w.querySelectorAll('input, select, button, svg').length,
            }))""",
            SHOWN,
        )
    finally:
        ctx.close()
    assert len(images) == len(WIDGET_PAGES[spec])
    for w in images:
        assert w["imgs"] and w["controls"] == 0
        assert all(i["loaded"] and i["visible"] and len(i["alt"].split()) >= 12 for i in w["imgs"])
        assert len(w["hidden"]) == len(w["imgs"]) and all(
            src.endswith("#only-dark") for src in w["hidden"]
        )


SHOWN = "(i) => getComputedStyle(i).display !== 'none'"
"""Whether the palette shows an image (each figure is there for the light and the dark)."""


def test_the_print_page_keeps_the_static_figures(context: Any, server: str) -> None:
    page = context.new_page()
    page.goto(server + "print_page/", wait_until="load")
    page.wait_for_load_state("networkidle")
    found = page.evaluate(
        """() => [...document.querySelectorAll('.nnbook-widget')].map((w) => ({
          imgs: [...w.querySelectorAll('img')].map((i) => i.naturalWidth),
          controls: w.querySelectorAll('input, select, button, svg').length,
        }))"""
    )
    assert len(found) == len(ENGLISH)  # the print page is the English book
    for w in found:
        assert w["controls"] == 0 and w["imgs"] and all(width > 0 for width in w["imgs"])


def test_data_that_cannot_load_shows_the_static_figure(context: Any, server: str) -> None:
    spec, name = ALL[0]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route(f"**/figures/{name}.json", lambda route: route.abort())
    page.goto(server + spec.path, wait_until="load")
    widget = page.locator(WIDGET.format(name))
    page.wait_for_function("(w) => w.dataset.state === 'failed'", arg=widget.element_handle())
    page.wait_for_load_state("networkidle")
    widths = widget.locator("img").evaluate_all(
        f"(imgs) => imgs.filter({SHOWN}).map((i) => i.naturalWidth)"
    )
    assert widths and all(np.array(widths) > 0)
    assert widget.locator("input, select, svg").count() == 0
    assert any(name in e for e in errors), "the failure was not reported in the console"


def drawn_contrast(png: bytes) -> float:
    """The contrast ratio between the commonest colour of a screenshot's middle (the button's
    background: its border and rounded corners are cut off) and the colour that differs most
    from it (the core of the letters)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    middle = np.asarray(image.crop((w // 8, h // 4, w - w // 8, h - h // 4)))
    pixels = [tuple(int(c) for c in p) for p in middle.reshape(-1, 3)]
    background = Counter(pixels).most_common(1)[0][0]
    css = f"rgb{background}"
    return max(_contrast(css, f"rgb{p}") for p in set(pixels))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["focus", "hover"])
def test_a_focused_or_hovered_play_button_stays_readable(
    browser: Any, server: str, scheme: str, state: str
) -> None:
    """Measured on the drawn button: axe does not look at focus and hover states."""
    ctx = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, device_scale_factor=2
    )
    try:
        page = ctx.new_page()
        page.goto(server + "perceptron/")
        button = page.locator(".nnbook-widget button").first
        button.scroll_into_view_if_needed()
        button.focus() if state == "focus" else button.hover()
        page.wait_for_timeout(300)  # Material's colour transition
        ratio = drawn_contrast(button.screenshot())
        assert ratio >= MIN_CONTRAST, f"{button.inner_text()!r}: {ratio:.2f}:1 when {state}ed"
    finally:
        ctx.close()
