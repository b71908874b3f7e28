"""Every page of the built site, opened in headless Chromium (marker ``browser``).

The site built once per session (root conftest.py) is served on 127.0.0.1 under the path of
``site_url`` (``/nnbook/``, as on GitHub Pages). Each page is visited once, in a fresh browser
context (empty cache, so the page weight counts everything the page needs), and the visit
records everything the per-page tests below assert on:

- no console error, page error, failed request, HTTP error, or request to another host;
- every formula typeset at build into MathML: no raw TeX in the article text, no TeX engine
  requested, the math font loaded, every radical sign and stretched fence drawn (drawn.py);
- every image loaded, with a non-empty ``alt``;
- executed blocks rendered, with output and without traceback;
- every internal link and anchor resolves;
- light and dark palettes readable (screenshots in ``test-artifacts/screenshots/``);
- no horizontal scrolling of the page at 375 px (code, equations, tables scroll in place);
- page weight (table in the terminal summary, JSON in ``test-artifacts/page-weight.json``).

Plus search and Material's instant navigation.

Chromium comes from the system (``sudo apt-get install chromium``); Playwright's own browser
download is not used. Without it the suite is skipped with a loud notice, except when the
``CI`` environment variable is set: then it fails.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from book import i18n, mathfont
from book import notebooks as mn
from book.chapter import Fence, find_fences
from book.exercises import anchor, find_exercises
from book.pdf import PDF_DIR
from nnbook.exercises import checkable, exercise_of
from tests.site import drawn
from tests.site.browsing import CHAPTERS, PAGE_IDS, PAGES, REPO, PageSpec
from tests.site.visit import FIGURE_FILE, MATH, SCREENSHOTS, WAIT_MATH, budget, local_file

pytestmark = pytest.mark.browser

# A TeX engine in the browser: the formulas are MathML typeset at build (book/mathml.py).
TEX_ENGINE = re.compile(r"mathjax|katex|temml", re.IGNORECASE)
MIN_CONTRAST = 4.5  # WCAG AA for body text


# --------------------------------------------------------------------------------------------
# Per-page tests
# --------------------------------------------------------------------------------------------

pages = pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)


def test_every_built_page_is_visited(site_dir: Path) -> None:
    built = set()
    for index in site_dir.rglob("index.html"):
        rel = index.parent.relative_to(site_dir).as_posix()
        built.add("" if rel == "." else rel + "/")
    known = {p.path for p in PAGES}
    assert built - known == set(), f"built pages the suite does not open: {built - known}"
    assert {p for p in known if p.endswith("/") or p == ""} - built == set()


@pages
def test_loads_cleanly_and_offline(spec: PageSpec, reports: Callable) -> None:
    r = reports(spec)
    assert r.status == 200, f"{r.url}: HTTP {r.status}"
    problems = (
        [f"console error: {m}" for m in r.console_errors]
        + [f"page error: {m}" for m in r.page_errors]
        + [f"failed request: {m}" for m in r.failed_requests]
        + [f"HTTP error: {m}" for m in r.http_errors]
        + [f"request to another host: {m}" for m in r.external_requests]
    )
    assert not problems, "\n".join(problems)


@pages
def test_math_is_typeset(spec: PageSpec, reports: Callable) -> None:
    """Every formula arrives as MathML typeset at build: no TeX engine, no raw TeX."""
    r = reports(spec)
    engine = [path for path in r.bytes_by_path if TEX_ENGINE.search(path)]
    assert not engine, f"a TeX engine was requested: {engine}"
    m = r.math
    assert not r.prose_tex, "raw TeX in the page text:\n" + "\n".join(r.prose_tex)
    assert not m["errors"], f"MathML error nodes: {m['errors']}"
    assert not m["untypeset"], f"formulas left untypeset: {m['untypeset']}"
    if spec.source is not None and spec.kind in ("chapter", "notebook"):
        text = spec.source.read_text(encoding="utf-8")
        if re.search(r"\$[^$\n]+\$", text):
            assert m["formulas"] > 0, "the source has math but no formula was typeset"
    if m["formulas"]:
        assert r.math_font, "the math font (assets/fonts/nnbook-math.woff2) did not load"


@pages
def test_radicals_and_fences_are_drawn(spec: PageSpec, reports: Callable) -> None:
    """What the math font draws, measured: every radical sign, every stretched fence
    (tests/site/drawn.py; test_drawn_math.py shows the check fails on a font without them)."""
    r = reports(spec)
    assert not r.undrawn, "\n".join(r.undrawn[:20])


def _edge_shading(png: bytes) -> tuple[float, float]:
    """How far the leftmost and rightmost pixel columns of a screenshot differ from its middle
    column (the background), in grey level (0 to 1), averaged down the columns."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    w, h = image.size
    mean = [sum(image.getpixel((x, y)) for y in range(h)) / h / 255 for x in (1, w // 2, w - 2)]
    return abs(mean[0] - mean[1]), abs(mean[2] - mean[1])


@pytest.mark.parametrize("spec", [c for c in CHAPTERS if c.language == "en"], ids=lambda s: s.slug)
def test_a_box_that_scrolls_shows_a_shadow_at_its_cut_edge(
    browser: Any, server: str, spec: PageSpec
) -> None:
    """At 375 px, each formula or table box that scrolls sideways by more than 24 px is drawn
    (its content hidden, so only the box's own drawing counts) with a shadow at the right edge,
    where it is cut, and none at the left."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(server + spec.path, wait_until="load")
        page.wait_for_load_state("networkidle")
        boxes = page.evaluate(drawn.SCROLLERS)
        wrong = []
        for i in boxes[:4]:
            box = page.locator(f'[data-nnbook-scroller="{i}"]')
            box.evaluate(
                "(e) => { e.style.color = 'transparent';"
                " [...e.children].forEach((c) => (c.style.visibility = 'hidden')); }"
            )
            box.evaluate("(e) => e.scrollIntoView({block: 'center'})")
            left, right = _edge_shading(box.screenshot())
            if not right > 0.02 > left:
                wrong.append(f"box {i}: shading {left:.3f} at the left, {right:.3f} at the right")
    finally:
        context.close()
    assert not wrong, "\n".join(wrong)


@pages
def test_accents_sit_where_tex_puts_them(spec: PageSpec, reports: Callable) -> None:
    """A hat, tilde or bar over an italic letter is centred on the letter's top accent
    attachment (for f, 0.46 em from its left edge, not over its tail at 0.25 em)."""
    points = mathfont.accent_points()
    wrong = [
        f"{a['accent']} over {a['letter']}: middle at {a['middle']:.2f} em, "
        f"the font's point at {points[a['letter']][1]:.2f} em"
        for a in reports(spec).accents
        if a["letter"] in points and abs(a["middle"] - points[a["letter"]][1]) > 0.03
    ]
    assert not wrong, "\n".join(wrong[:10])


@pages
def test_images_load_and_have_alt_text(spec: PageSpec, reports: Callable) -> None:
    r = reports(spec)
    broken = [i["src"] for i in r.images if not i["width"]]
    no_alt = [i["src"] for i in r.images if not (i["alt"] or "").strip()]
    assert not broken, f"images that did not load: {broken}"
    assert not no_alt, f"images without alt text: {no_alt}"


def top_level_blocks(spec: PageSpec) -> list[Fence]:
    fences = find_fences(spec.source.read_text(encoding="utf-8")) if spec.source else []
    return [f for f in fences if f.executed and not f.indent]


WITH_CODE = [p for p in CHAPTERS if top_level_blocks(p)]


@pytest.mark.parametrize("spec", WITH_CODE, ids=[p.slug for p in WITH_CODE])
def test_executed_blocks_show_their_output(spec: PageSpec, reports: Callable) -> None:
    expected = top_level_blocks(spec)
    r = reports(spec)
    blocks = r.exec_blocks
    assert len(blocks) == len(expected), (
        f"{len(expected)} blocks in the source, {len(blocks)} shown"
    )
    assert not [b["line"] for b in blocks if b["traceback"]], "a block shows a traceback"
    assert all(b["children"] for b in blocks), "an executed block rendered nothing"
    with_output = [b for b in blocks if (b["result"] or 0) > 0 or b["children"] > 1 or b["media"]]
    assert with_output, "no executed block on this page shows any output"


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if (k == "id" or (tag == "a" and k == "name")) and v:
                self.ids.add(v)


@functools.cache
def _static_ids(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return frozenset(parser.ids)


@pages
def test_internal_links_and_anchors_resolve(
    spec: PageSpec, reports: Callable, server: str, site_dir: Path
) -> None:
    r = reports(spec)
    own = local_file(site_dir, r.url)
    host = urlsplit(server).netloc
    broken = []
    for link in r.links:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or parts.netloc != host:
            continue
        target = local_file(site_dir, link)
        if (
            target is not None
            and target.parent.name == PDF_DIR
            and target.parent.parent == site_dir
        ):
            continue  # the PDFs are printed after the build (make pdf): tests/site/test_pdf.py
        if target is None or not target.exists():
            broken.append(f"{link}: no such page")
            continue
        anchor = unquote(parts.fragment)
        if not anchor:
            continue
        ids = r.ids if target == own else _static_ids(target)
        if anchor not in ids:
            broken.append(f"{link}: no anchor #{anchor}")
    assert not broken, "\n".join(broken)


def _luminance(css: str) -> float:
    nums = [float(x) for x in re.findall(r"[\d.]+", css)[:3]]
    lin = [
        (c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4)
        for c in nums
    ]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pages
def test_light_and_dark_palettes_are_readable(spec: PageSpec, reports: Callable) -> None:
    r = reports(spec)
    assert r.light["scheme"] == "default" and r.dark["scheme"] == "slate"
    assert _luminance(r.light["background"]) > 0.8, r.light
    assert _luminance(r.dark["background"]) < 0.1, r.dark
    for mode in (r.light, r.dark):
        ratio = _contrast(mode["text"], mode["background"])
        assert ratio >= MIN_CONTRAST, (
            f"{mode['scheme']}: text contrast {ratio:.1f} < {MIN_CONTRAST}"
        )
    for suffix in ("light", "dark"):
        assert (SCREENSHOTS / f"{spec.slug}-{suffix}.png").stat().st_size > 5_000


@pages
def test_no_horizontal_scroll_on_a_phone(spec: PageSpec, reports: Callable) -> None:
    m = reports(spec).mobile
    assert m["scrollWidth"] <= m["viewport"] + 1, (
        f"the page scrolls sideways at 375 px ({m['scrollWidth']} > {m['viewport']}): "
        + "; ".join(m["offenders"])
    )
    assert not m["offenders"], "elements wider than a 375 px screen:\n" + "\n".join(m["offenders"])


READING_PAGES = [p for p in PAGES if p.kind in ("chapter", "reference")]


@pytest.mark.parametrize("spec", READING_PAGES, ids=[p.slug for p in READING_PAGES])
def test_display_equations_fit_the_column_on_a_desktop(spec: PageSpec, reports: Callable) -> None:
    """At 1280 px no display equation scrolls; on a phone the long ones may (see the summary)."""
    wide = [f"{e['width']} > {e['column']} px: {e['text']}" for e in reports(spec).wide_math]
    assert not wide, "display equations wider than the column at 1280 px:\n" + "\n".join(wide)


@pages
def test_page_weight(spec: PageSpec, reports: Callable) -> None:
    r = reports(spec)
    heaviest = sorted(r.first_visit.items(), key=lambda kv: -kv[1])[:5]
    assert r.weight <= budget(spec), f"{r.weight:,} bytes > {budget(spec):,}; heaviest: {heaviest}"
    dark = r.dark_weight
    assert dark <= budget(spec), f"in the dark palette {dark:,} bytes > {budget(spec):,}"


@pages
def test_each_figure_in_the_pages_language_and_palette(spec: PageSpec, reports: Callable) -> None:
    """Light and dark: the palette shows the page language's figure drawn for it, loaded, and
    hides the other; the first (light) visit downloads no figure of another language or palette."""
    r = reports(spec)
    suffix = "" if spec.language == "en" else f"-{spec.language}"
    for palette in ("light", "dark"):
        figures = r.figures.get(palette, [])
        if spec.kind == "print":  # one image, the light one: the print page is not toggled
            assert all(
                re.search(rf"/[\w-]+?{suffix}\.(svg|png)$", f["src"]) and f["shown"]
                for f in figures
            ), figures
            break
        assert len(figures) % 2 == 0, figures
        for f in figures:
            drawn_for = "dark" if f["src"].endswith("#only-dark") else "light"
            tail = rf"{suffix}{'-dark' if drawn_for == 'dark' else ''}\.(svg|png)#only-{drawn_for}$"
            assert re.search(rf"/figures/[a-z0-9-]+?{tail}", f["src"]), f["src"]
            assert f["shown"] == (drawn_for == palette), (palette, f["src"])
            assert not f["shown"] or f["width"] > 0, f"did not load: {f['src']}"
    other = [
        p
        for p in r.first_visit
        if (m := FIGURE_FILE.search(p))
        and (
            m["dark"]
            or not m["stem"].endswith(suffix)
            or (not suffix and m["stem"].endswith("-ko"))
        )
    ]
    assert other == [], f"the light visit downloaded figures it does not show: {other}"


# --------------------------------------------------------------------------------------------
# Exercises: every solution opened by a click, in light and dark at 1280 px and on a phone
# --------------------------------------------------------------------------------------------

EXERCISE_PAGES = [
    c for c in CHAPTERS if c.source is not None and find_exercises(c.source.read_text("utf-8"), "")
]


@pytest.mark.parametrize("spec", EXERCISE_PAGES, ids=[c.slug for c in EXERCISE_PAGES])
def test_every_solution_opens_typeset(spec: PageSpec, reports: Callable) -> None:
    """Solutions and hints: closed by default; a click opens each; its math is MathML, nothing
    sticks out. The check line of each checkable exercise is drawn, the call in the page's
    language."""
    assert spec.source is not None
    expected = find_exercises(spec.source.read_text("utf-8"), spec.path)
    r = reports(spec)
    assert r.solutions_closed, "a solution is open before the reader opens it"
    assert set(r.solutions) == {"light 1280px", "dark 1280px", "dark 375px"}
    hints = [hint for ex in expected for hint in ex.hints]
    for kind, shown_by_view, texts in [
        ("solution", r.solutions, [ex.solution for ex in expected]),
        ("hint", r.hints, hints),
    ]:
        for view, shown in shown_by_view.items():
            assert len(shown) == len(texts), f"{view}: {len(shown)} {kind}s for {len(texts)}"
            assert all(s["open"] and s["text"] > 0 for s in shown), (view, shown)
            wide = [s for s in shown if s["width"] > r.viewports[view]]
            assert not wide, f"{view}: a {kind} sticks out: {wide}"
        for text, shown_box in zip(texts, shown_by_view["light 1280px"], strict=True):
            assert shown_box["formulas"] > 0 or "$" not in text, (
                f"a {kind}'s math is missing: {text[:80]}"
            )
    lang = spec.language
    title = "Check your answer" if lang == "en" else i18n.ui_text("ko")["exercises.check"]
    numbers = {ex.number for ex in expected}
    want = [(anchor(n), title, exercise_of(n).call(lang)) for n in checkable() if n in numbers]
    for view, lines in r.check_lines.items():
        drawn_lines = [(c["exercise"], c["title"], c["code"]) for c in lines if c["shown"]]
        assert drawn_lines == want, f"{view}: the check lines drawn are not the exercises'"
        assert all(c["right"] <= r.viewports[view] for c in lines), f"{view}: one sticks out"
    assert not r.solution_text["tex"] and not r.solution_text["math"]["untypeset"], r.solution_text


# --------------------------------------------------------------------------------------------
# Search and instant navigation
# --------------------------------------------------------------------------------------------

SEARCH_INDEX = "search/search_index.json"
SEARCHES = [("backpropagation", "backpropagation.md"), ("softmax", "losses.md"), ("XOR", "xor.md")]


@pytest.mark.parametrize(("term", "chapter"), SEARCHES, ids=[t for t, _ in SEARCHES])
def test_search_leads_to_the_chapter(browser: Any, server: str, term: str, chapter: str) -> None:
    source = REPO / "docs" / chapter
    assert term.lower() in source.read_text(encoding="utf-8").lower(), f"{chapter} lacks {term!r}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        index: list[str] = []
        page.on("request", lambda r: index.append(r.url) if SEARCH_INDEX in r.url else None)
        page.goto(server, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert not index, "the search index was fetched before search was used"
        page.locator("label.md-search__icon, input.md-search__input").first.click()
        page.keyboard.type(term, delay=10)  # Material listens to key events, not to fill()
        first = page.locator(".md-search-result__item a.md-search-result__link").first
        first.wait_for(timeout=15_000)
        href = first.evaluate("(a) => a.href")
    finally:
        context.close()
    assert len(index) == 1, index
    expected = urlsplit(server + mn.page_url(chapter)).path
    assert urlsplit(href).path == expected, f"first result for {term!r}: {href}, not {expected}"


def test_the_search_index_holds_formulas_as_text(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    tex = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]", re.DOTALL)  # arithmatex's delimiters
    found = [
        f"{doc['location']}: {m.group()[:80]}"
        for doc in index["docs"]
        for m in tex.finditer(doc["title"] + " " + doc["text"])
    ]
    assert not found, "\n".join(found[:10])
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert "softmax(z)" in texts and "√" in texts, "formulas vanished from the index"


def test_search_previews_show_no_tex(browser: Any, server: str) -> None:
    """What the reader sees under a search result: formulas as text, never TeX."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(server, wait_until="load")
        page.locator("label.md-search__icon, input.md-search__input").first.click()
        page.keyboard.type("log-softmax", delay=10)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_timeout(500)
        previews = page.locator(".md-search-result__list").inner_text()
    finally:
        context.close()
    assert "softmax" in previews.lower()
    assert not re.search(r"\\[A-Za-z]+|\\[()\[\]]", previews), previews[:1000]


def test_page_opened_from_a_search_result_highlights_the_term(browser: Any, server: str) -> None:
    """A result link carries ?h=term: that page fetches the index at once and marks the term."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(server + mn.page_url("losses.md") + "?h=softmax", wait_until="load")
        page.locator("article mark").first.wait_for(timeout=15_000)
        marked = page.locator("article mark").first.inner_text()
    finally:
        context.close()
    assert marked.lower() == "softmax"


def _article(html: str) -> str:
    return html.split("<article", 1)[-1].split("</article>", 1)[0]


def test_instant_navigation_shows_typeset_math(browser: Any, server: str, site_dir: Path) -> None:
    """Material swaps pages without reloading; the new page's formulas arrive as MathML."""
    counts = {
        c: _article((site_dir / c.path / "index.html").read_text("utf-8")).count("<math")
        for c in CHAPTERS
        if c.path and c.language == "en"
    }
    target = max(counts, key=lambda c: counts[c])
    assert counts[target] > 0, "no chapter page holds math"
    errors: list[str] = []
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("() => { window.__sameDocument = true; }")
        page.locator(f'nav.md-nav--primary a[href$="{target.path}"]').first.click()
        page.wait_for_url(server + target.path)
        page.wait_for_function(
            f"() => document.querySelectorAll('article math').length >= {counts[target]}"
        )
        font = page.evaluate(WAIT_MATH)
        math = page.evaluate(MATH)
        raw = page.evaluate(drawn.PROSE_TEX)
        same_document = page.evaluate("() => window.__sameDocument === true")
    finally:
        context.close()
    assert same_document, "navigation reloaded the page: instant navigation is off"
    assert not errors, errors
    assert not math["untypeset"], f"untypeset after instant navigation: {math['untypeset']}"
    assert not raw, raw
    assert math["formulas"] >= counts[target]
    assert font, "the math font did not load"
    assert not [u for u in requests if TEX_ENGINE.search(u)], "a TeX engine was requested"


def test_raw_tex_fails_the_math_checks(browser: Any, server: str) -> None:
    """The browser guard can fail: TeX that reached the page untypeset is reported. (A formula
    pandoc cannot read fails the build itself: tests/site/test_build.py.)"""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server, wait_until="load")
        page.evaluate(
            """() => {
                const span = document.createElement("span");
                span.className = "arithmatex";
                span.textContent = "\\\\(\\\\nosuchmacro{x} + 1\\\\)";
                document.querySelector("article").appendChild(span);
            }"""
        )
        math = page.evaluate(MATH)
        raw = page.evaluate(drawn.PROSE_TEX)
    finally:
        context.close()
    assert any("nosuchmacro" in r for r in raw), raw
    assert math["untypeset"], math
