"""Every page of the built site audited for WCAG 2.1 A/AA, plus what an audit cannot see.

- **axe-core** (4.12.1, the copy bundled in the pinned ``axe-playwright-python`` wheel) runs
  every WCAG 2.1 A/AA rule on every page, with every solution and box open, during the page's
  one visit (tests/site/visit.py): color-contrast in both palettes and both widths, light at
  1280 px and dark at 375 px, the other rules in the first of them (the print page, the whole
  book, light at 1280 px only; a Korean page dark at 375 px only: ``axe_views``).
  color-contrast leaves out highlighted code, measured once per pair of colours instead
  (``CODE_CONTRAST`` there), and the print page, whose chapters are audited on theirs. No
  serious or critical violation is allowed. There are no exceptions; a false positive would be
  listed here, with the reason it is one. Violations of any impact go to the terminal summary
  and to ``test-artifacts/accessibility.json``.
- **Keyboard:** a walk through a chapter (skip link, then every stop has a focus indicator
  that changes what is drawn), search by keyboard, an exercise's solution opened and closed, a
  scrolling code block scrolled.
- **Zoom:** at the CSS widths of a 1280 px window zoomed to 200 % (640 px) and 400 % (320 px,
  WCAG 1.4.10) neither a chapter nor a paragraph of prose scrolls sideways.
- **Motion:** with ``prefers-reduced-motion: reduce`` nothing on the page is animated.
- **Figures:** every image of a chapter has alt text that describes it (a sentence, not a
  file name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from book import notebooks as mn
from tests.site.browsing import CHAPTERS, PAGE_IDS, PAGES, PageSpec
from tests.site.visit import (
    AXE,
    CODE_CONTRAST,
    MATH_CONTRAST,
    RUN_AXE,
    WCAG_21_AA,
    ZOOMS,
    axe_views,
)

pytestmark = [pytest.mark.browser, pytest.mark.accessibility]

SERIOUS = ("serious", "critical")


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_no_serious_accessibility_violation(spec: PageSpec, reports: Callable) -> None:
    audits = reports(spec).axe
    assert set(audits) == set(axe_views(spec))
    problems = [
        f"{view}: {v['impact']} {v['id']} ({v['help']}) x{len(v['nodes'])}, e.g. {v['nodes'][:3]}"
        for view, violations in audits.items()
        for v in violations
        if v["impact"] in SERIOUS
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_formulas_are_as_legible_as_the_text_around_them(spec: PageSpec, reports: Callable) -> None:
    """axe's color-contrast leaves MathML out (tests/site/visit.py): every drawn formula is
    one colour, with at least 4.5:1 contrast on its background, in every audited view."""
    checked = reports(spec).math_contrast
    assert set(checked) == set(reports(spec).axe)
    assert not any(checked.values()), checked


def _evaluate_on(browser: Any, html: str, script: str, arg: Any = None, setup: str = "") -> Any:
    """What ``script`` (with ``arg``) returns on a page of ``html``, after the script ``setup``:
    how the guards below show that a check can fail."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(html)
        if setup:
            page.add_script_tag(content=setup)
        return page.evaluate(script, arg)
    finally:
        context.close()


@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_code_is_as_legible_as_the_text_around_it(spec: PageSpec, reports: Callable) -> None:
    """axe's color-contrast leaves highlighted code out (tests/site/visit.py): every colour
    of drawn code has at least 4.5:1 contrast on its background, in every audited view."""
    checked = reports(spec).code_contrast
    assert set(checked) == set(reports(spec).axe)
    assert not [p for found in checked.values() for p in found["problems"]], checked
    if spec.kind == "chapter" and spec.path in ("perceptron/", "ko/perceptron/"):
        assert all(found["pairs"] >= 5 for found in checked.values()), checked  # it looked


FAINT_CODE = """<!doctype html><html lang="en"><head><title>code</title></head><body><main>
<div class="highlight"><pre><code><span style="color:#24292f">x</span> <span
style="color:#bbbbbb">= 1</span></code></pre></div>
<div class="jp-InputArea" style="background:#222"><pre><span style="color:#333">y</span></pre></div>
<div class="highlight" style="display:none"><pre><span style="color:#eee">hidden</span></pre></div>
</main></body></html>"""


def test_the_code_contrast_check_sees_faint_code(browser: Any) -> None:
    """The guard can fail: a faint token and dark code on a dark cell are found, a readable
    token and code that is not drawn are not."""
    found = _evaluate_on(browser, FAINT_CODE, CODE_CONTRAST)
    assert [p.split(":")[0] for p in found["problems"]] == ["= 1", "y"], found


FAINT_MATH = """<!doctype html><html lang="en"><head><title>math</title></head><body><main>
<p>Readable: <math><mi>x</mi><mo>+</mo><mn>1</mn></math>.</p>
<p>Faint: <math><mi mathcolor="#bbb">y</mi></math>.</p>
<p style="color:#ccc">Faint paragraph and formula: <math><mi>z</mi></math>.</p>
<p style="background:#222">Dark box: <math><mi>w</mi></math>.</p>
</main></body></html>"""


def test_the_formula_contrast_check_sees_a_faint_formula(browser: Any) -> None:
    """The guard can fail: a token of another colour, a faint formula and black on a dark box
    are found; the readable formula is not."""
    problems = _evaluate_on(browser, FAINT_MATH, MATH_CONTRAST)
    assert [p.split(":")[0] for p in problems] == ["y", "z", "w"], problems


BAD_PAGE = """<!doctype html><html lang="en"><head><title>bad</title></head><body><main>
<p style="color:#999;background:#fff">Grey on white, 2.8:1.</p>
<div role="progressbar"></div>
<div style="width:100px;overflow-x:auto"><pre>a line far wider than its one hundred pixels</pre></div>
</main></body></html>"""


def test_the_audit_finds_serious_violations(browser: Any) -> None:
    """The guard can fail: a page with low contrast, a nameless progress bar and a box that
    scrolls but cannot be reached by keyboard gives those three serious violations."""
    found = {v["id"] for v in _evaluate_on(browser, BAD_PAGE, RUN_AXE, [WCAG_21_AA, []], AXE)}
    assert {"color-contrast", "aria-progressbar-name", "scrollable-region-focusable"} <= found


# --------------------------------------------------------------------------------------------
# Keyboard
# --------------------------------------------------------------------------------------------

ACTIVE = """async () => {
  // let a smooth scroll to the focused element finish: the same position for three frames
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let still = 0, last = -1; still < 3; ) {
    await frame();
    still = scrollY === last ? still + 1 : 0;
    last = scrollY;
  }
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName, text: (el.textContent || el.value || "").trim().slice(0, 40),
    classes: el.className && el.className.baseVal === undefined ? el.className : "",
    inContent: !!el.closest(".md-content"), scroll: el.hasAttribute("data-nnbook-scroll"),
    x: box.x, y: box.y, width: box.width, height: box.height,
    inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""


def _clip(el: dict[str, Any], page: Any) -> dict[str, float]:
    size = page.viewport_size
    x, y = max(el["x"] - 4, 0), max(el["y"] - 4, 0)
    return {
        "x": x,
        "y": y,
        "width": min(el["width"] + 8, size["width"] - x),
        "height": min(el["height"] + 8, size["height"] - y),
    }


def _focus_is_drawn(page: Any, el: dict[str, Any]) -> bool:
    """The focused element's box looks different when it loses the focus."""
    clip = _clip(el, page)
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate(
        "() => { window.__nnbookFocus = document.activeElement; document.activeElement.blur(); }"
    )
    unfocused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__nnbookFocus.focus()")
    return focused != unfocused


def test_keyboard_walk_through_a_chapter(desktop_page: Any, server: str) -> None:
    page = desktop_page
    page.goto(server + mn.page_url("backpropagation.md"), wait_until="load")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    skip = page.evaluate(ACTIVE)
    assert "md-skip" in skip["classes"], f"the first stop is not the skip link: {skip}"
    assert skip["inView"] and _focus_is_drawn(page, skip), "the skip link is not shown"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-content')", timeout=15_000)
    stops, undrawn = [], []
    for _ in range(40):
        page.keyboard.press("Tab")
        el = page.evaluate(ACTIVE)
        stops.append(el)
        if not el["inView"] or not _focus_is_drawn(page, el):
            undrawn.append(el)
    assert stops[0]["inContent"], f"the skip link did not lead into the chapter: {stops[0]}"
    assert sum(s["inContent"] for s in stops) >= 30, "the walk left the chapter early"
    assert not undrawn, f"stops without a visible focus indicator: {undrawn}"


def test_search_by_keyboard(desktop_page: Any, server: str) -> None:
    page = desktop_page
    page.goto(server, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.dataset.mdComponent") == "search-query"
    page.keyboard.type("softmax", delay=10)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{mn.page_url('losses.md')}**", timeout=15_000)


def _tab_until(page: Any, test: str, limit: int = 400) -> dict[str, Any]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(test):
            return page.evaluate(ACTIVE)
    raise AssertionError(f"no stop satisfied {test!r} in {limit} presses of Tab")


def test_a_solution_opens_and_closes_by_keyboard(desktop_page: Any, server: str) -> None:
    """Tab from the top of a chapter to its first exercise's solution; Enter opens and closes."""
    page = desktop_page
    page.goto(server + mn.page_url("perceptron.md"), wait_until="load")
    page.wait_for_load_state("networkidle")
    in_solution = "() => !!document.activeElement.closest('details.solution > summary')"
    summary = _tab_until(page, in_solution, limit=800)
    assert _focus_is_drawn(page, summary)
    state = """() => { const d = document.activeElement.closest("details");
      return {open: d.open, shown: d.innerText.trim().length}; }"""
    closed = page.evaluate(state)
    page.keyboard.press("Enter")
    opened = page.evaluate(state)
    page.keyboard.press("Enter")
    assert not closed["open"] and opened["open"] and not page.evaluate(state)["open"]
    assert opened["shown"] > closed["shown"] + 100, "the solution's text did not appear"


def test_a_code_block_wider_than_its_box_scrolls_by_keyboard(
    desktop_page: Any, server: str
) -> None:
    page = desktop_page
    page.goto(server + f"{mn.NOTEBOOK_DIR}/xor/", wait_until="load")
    page.wait_for_load_state("networkidle")
    wide = """() => { const e = document.activeElement;
      return e.hasAttribute("data-nnbook-scroll") && e.scrollWidth > e.clientWidth; }"""
    box = _tab_until(page, wide)
    assert _focus_is_drawn(page, box)
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    # the browser may scroll smoothly: wait for the box to move (a timeout fails the test)
    page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=10_000)


# --------------------------------------------------------------------------------------------
# Zoom, motion, figures
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zoom", list(ZOOMS), ids=list(ZOOMS))
@pytest.mark.parametrize("spec", CHAPTERS, ids=[c.slug for c in CHAPTERS])
def test_zoomed_text_reflows(spec: PageSpec, zoom: str, reports: Callable) -> None:
    """At the CSS width of a 1280 px window zoomed to 200 % (640 px) and 400 % (320 px, WCAG
    1.4.10) neither the page nor a paragraph of prose scrolls sideways."""
    sideways = reports(spec).zoom[zoom]
    assert sideways["page"] <= 0, f"the page scrolls sideways by {sideways['page']} px"
    assert not sideways["prose"], f"prose wider than the column: {sideways['prose']}"


MOTION = """() => {
  const seconds = (list) => Math.max(...list.split(",").map((s) => parseFloat(s) * (s.trim().endsWith("ms") ? 0.001 : 1)));
  const moving = [];
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const s = getComputedStyle(el, pseudo);
      const t = Math.max(seconds(s.transitionDuration), s.animationName === "none" ? 0 : seconds(s.animationDuration));
      if (t > 0.01) moving.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)}${pseudo || ""}: ${t}s`);
    }
  }
  return {moving: moving.slice(0, 10), count: moving.length, smooth: getComputedStyle(document.documentElement).scrollBehavior};
}"""


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_is_respected(browser: Any, server: str, motion: str) -> None:
    """With ``prefers-reduced-motion: reduce`` no transition or animation lasts more than
    10 ms and scrolling jumps; the control shows that the page does animate otherwise."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(server + mn.page_url("xor.md"), wait_until="load")
        page.wait_for_load_state("networkidle")
        found = page.evaluate(MOTION)
    finally:
        context.close()
    if motion == "reduce":
        assert found["count"] == 0, found["moving"]
        assert found["smooth"] != "smooth"
    else:
        assert found["count"] > 0, "the control page has no transition: the check is blind"


def test_chapter_figures_have_descriptive_alt_text(site_dir: Path) -> None:
    """A figure's alt text says what it shows: a sentence of 12 words or more, not a name."""
    short = []
    for spec in CHAPTERS:
        html = (site_dir / spec.path / "index.html").read_text(encoding="utf-8")
        article = html.split("<article", 1)[-1].split("</article>", 1)[0]
        for img in re.findall(r"<img\b[^>]*>", article):
            alt = re.search(r'\balt="([^"]*)"', img)
            words = alt.group(1).split() if alt else []
            if len(words) < 12:
                short.append(f"{spec.slug}: {img[:120]}")
    assert not short, short
