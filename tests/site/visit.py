"""One visit per page of the built site in headless Chromium, recording everything the
browser, accessibility and widget tests assert on (the ``reports`` fixture of conftest.py).

A visit opens the page once, in a fresh browser context (empty cache, so the page weight counts
everything the page needs), and goes through three views of it:

1. **light, 1280 px** — loading (console and page errors, failed and foreign requests, bytes:
   the page weight is what this view downloads), each figure in the page's language and palette,
   the math (typeset, font loaded, radicals, fences and accents drawn, no raw TeX), images,
   executed blocks, links and ids, every solution opened by a click, the interactive figures
   and axe-core's WCAG 2.1 A/AA audit with every box open; a screenshot;
2. **dark, 1280 px** (the palette toggle) — colours, the figures of the dark palette and a
   screenshot;
3. **dark, 375 px** — nothing wider than the phone, the solutions and figures still fit, a
   screenshot and the second axe audit; then, for a chapter, the widths of 200 % and 400 % zoom
   of a 1280 px window (640 and 320 CSS px), where no prose may scroll sideways.

The print page (the whole book) is audited in the first view only, with its boxes closed (their
contents are audited open on each chapter's page), and its solutions are not clicked open.

The screenshots of the light and dark views (``test-artifacts/screenshots/``) show the first
screen of a page; ``NNBOOK_FULL_SCREENSHOTS=1`` makes them show the whole page, for a review by
eye (about 1.6 s more for each of them, some 50 s more for ``make test``).
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.site import drawn
from tests.site.browsing import PREFIX, REPO, PageSpec

ARTIFACTS = REPO / "test-artifacts"
FULL_SCREENSHOTS = os.environ.get("NNBOOK_FULL_SCREENSHOTS") == "1"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_VIEWS = ("light 1280px", "dark 375px")


def axe_views(spec: PageSpec) -> tuple[str, ...]:
    """The views axe audits on the page: both, but one for the print page (light 1280 px; its
    chapters are audited on their own pages) and for a Korean page (dark 375 px, the harder one:
    its light 1280 px view is its English twin's, the same stylesheet on the same headings,
    boxes, code, formulas, figures and links, tests/book/test_korean.py). An audit of a view
    costs 4-10 s; the Korean pages' second views cost some 50 s of the suite."""
    if spec.kind == "print":
        return ("light 1280px",)
    return ("dark 375px",) if spec.language == "ko" else AXE_VIEWS


# Bytes a first visit of a page may download, everything included (the targets of issue 14).
CHAPTER_TARGET = 800_000  # the search index is fetched on first use (search-on-demand.js)
NOTEBOOK_TARGET = 1_200_000  # notebook pages (mkdocs-jupyter inlines its CSS)
OTHER_BUDGET = 4_000_000  # reference, print page, 404: only to catch explosions
ZOOMS = {"200%": (640, 450), "400%": (320, 225)}
FIGURE_FILE = re.compile(r"/figures/(?P<stem>(?!logo)[\w-]+?)(?P<dark>-dark)?\.(?P<ext>svg|png)$")
"""A generated figure's file in a URL path (not the logo, which the header shows in both)."""
"""The CSS viewport of a 1280 x 900 window zoomed to 200 % and 400 % (WCAG 1.4.10)."""

WAIT_MATH = """async () => {
  await document.fonts.ready;
  const math = document.querySelector("article math");
  if (!math) return null;
  return document.fonts.check("16px 'nnbook Math'", "\u2211");
}"""
"""Wait for the fonts; whether the math font is loaded (None on a page without formulas)."""

MATH = r"""() => {
  const root = document.querySelector("article") || document.body;
  return {
    errors: [...root.querySelectorAll("merror")].map((e) => e.textContent).slice(0, 10),
    untypeset: [...root.querySelectorAll(".arithmatex")]
      .filter((e) => !e.querySelector("math"))
      .map((e) => e.textContent.slice(0, 80)).slice(0, 10),
    arithmatex: root.querySelectorAll(".arithmatex").length,
    formulas: root.querySelectorAll("math").length,
  };
}"""

IMAGES = """async () => {
  // a widget's static figure: hidden and never downloaded while the widget works (its images
  // are checked without JavaScript, on the print page and when a widget fails: test_widgets)
  // and a figure of the other palette (hidden by the stylesheet, and never downloaded)
  const imgs = [...document.images].filter(
    (i) => !i.closest(".nnbook-widget__static") && getComputedStyle(i).display !== "none"
  );
  imgs.forEach((i) => { i.loading = "eager"; });
  const settle = (i) => i.complete ? null : new Promise((r) => {
    i.addEventListener("load", r); i.addEventListener("error", r); setTimeout(r, 10000);
  });
  await Promise.all(imgs.map(settle));
  return imgs.map((i) => ({
    src: i.currentSrc || i.src, alt: i.getAttribute("alt"), width: i.naturalWidth,
  }));
}"""

FIGURES = """async () => {
  // every generated figure of the content but a widget's static one: its file, whether the
  // palette shows it and, once a shown one is loaded, its width
  const imgs = [...document.querySelectorAll("article img")].filter(
    (i) => i.getAttribute("src").includes("figures/") && !i.closest(".nnbook-widget__static")
  );
  const shown = imgs.filter((i) => getComputedStyle(i).display !== "none");
  shown.forEach((i) => { i.loading = "eager"; });
  await Promise.all(shown.map((i) => i.decode().catch(() => null)));
  return imgs.map((i) => ({
    src: i.getAttribute("src"), shown: shown.includes(i), width: i.naturalWidth,
  }));
}"""

EXEC = """() => [...document.querySelectorAll(".nnbook-exec")].map((d) => {
  const result = d.querySelector(".result");
  return {
    line: d.dataset.line,
    children: d.children.length,
    result: result ? result.textContent.trim().length : null,
    media: d.querySelectorAll("img, svg:not(.md-icon svg), table").length,
    traceback: d.textContent.includes("Traceback (most recent call last)"),
  };
})"""

LINKS = """() => ({
  links: [...new Set([...document.querySelectorAll("a[href]")].map((a) => a.href))],
  ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name")),
})"""

COLORS = """() => {
  const body = getComputedStyle(document.body);
  const p = document.querySelector("article p, article li, .md-typeset") || document.body;
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    background: body.backgroundColor,
    text: getComputedStyle(p).color,
  };
}"""

OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (["auto", "scroll", "hidden", "clip"].includes(s.overflowX)) {
        const r = p.getBoundingClientRect();
        if (r.right <= vw + 1 && r.left >= -1) return true;
      }
    }
    return false;
  };
  const article = document.querySelector("article") || document.body;
  const offenders = [];
  for (const el of article.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > vw + 1 || r.left < -1) && !scrolls(el)) {
      offenders.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ` +
                     `right=${Math.round(r.right)} "${(el.textContent || "").trim().slice(0, 50)}"`);
    }
  }
  return {viewport: vw, scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 10)};
}"""


WIDE_MATH = """() => [...document.querySelectorAll('article math[display="block"]')].map((m) => {
  const column = m.closest("div.arithmatex") || m.parentElement;
  const ann = m.querySelector("annotation");
  const text = (ann ? ann.textContent : m.textContent).trim().slice(0, 60);
  return {width: Math.round(m.getBoundingClientRect().width), column: column.clientWidth, text};
}).filter((e) => e.width > e.column + 1)"""
"""Display equations wider than the text column (they would scroll inside their box)."""


RUN_AXE = """async ([tags, seen, structure = true]) => {
  const found = (result) => result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
  const others = !structure ? {violations: []} : await axe.run(document, {
    runOnly: {type: "tag", values: tags}, rules: {"color-contrast": {enabled: false}},
    resultTypes: ["violations"],
  });
  if (seen === null) return found(others);
  const contrast = await axe.run({exclude: [["math"], ...seen.map((s) => [s])]}, {
    runOnly: {type: "rule", values: ["color-contrast"]}, resultTypes: ["violations"],
  });
  return [...found(others), ...found(contrast)];
}"""
"""axe-core's violations of ``tags`` on the page as it is drawn now: every rule on the whole
page (``structure`` false: color-contrast alone), but color-contrast outside formulas (half the audit's time went into the thousands of
MathML tokens; :data:`MATH_CONTRAST` measures them) and outside the selectors ``seen``
(:func:`seen`); ``seen`` null: no color-contrast at all."""

CODE = ".highlight, .jp-InputArea"
"""Highlighted code: the chapters' and the API reference's (Pygments) and the notebooks'
(Jupyter's). axe's color-contrast leaves it out, and :data:`CODE_CONTRAST` measures it."""


def seen(spec: PageSpec) -> list[str] | None:
    """What the page's axe color-contrast run leaves out: the code (:data:`CODE`), and on the
    print page everything. Its chapters are audited on their own pages, drawn by the same
    stylesheet, and its own part, the table of contents, is links in the colour of every page's
    navigation: axe's color-contrast costs about 10 s on a page of 64,000 elements even for one
    node (it lays out the whole page first), 35-40 s in all."""
    return None if spec.kind == "print" else CODE.split(", ")


_COLOUR = r"""
  const rgba = (s) => {
    const m = s.match(/[\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]))
    .concat([1]);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const l = c.slice(0, 3).map((v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  const contrast = (color, bg) => {
    const [a, b] = [luminance(over(color, bg)), luminance(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
"""
"""WCAG's contrast ratio of a colour drawn over the backgrounds behind an element, in JavaScript."""

MATH_CONTRAST = (
    "() => {"
    + _COLOUR
    + r"""
  const problems = [];
  for (const math of document.querySelectorAll("math")) {
    if (!math.getClientRects().length) continue;  // not drawn: in a closed box
    const style = getComputedStyle(math);
    const odd = [...math.querySelectorAll("*")].filter((e) => {
      const s = getComputedStyle(e);
      return s.color !== style.color || rgba(s.backgroundColor)[3] > 0 || s.opacity !== "1";
    });
    const ratio = contrast(rgba(style.color), background(math));
    if (odd.length || ratio < 4.5 || style.opacity !== "1") {
      problems.push(`${math.textContent.trim().slice(0, 40)}: contrast ${ratio.toFixed(2)}, ` +
                    `${odd.length} part(s) coloured otherwise`);
    }
  }
  return problems.slice(0, 10);
}"""
)
"""Every drawn formula in one colour, with at least 4.5:1 contrast on what is behind it (WCAG
1.4.3 for normal text): the check axe's color-contrast makes, for the MathML it leaves out."""

CODE_CONTRAST = (
    "() => {"
    + _COLOUR
    + r"""
  const pairs = new Map();  // "colour|background" -> an example
  for (const block of document.querySelectorAll("""
    + repr(CODE)
    + r""")) {
    for (const el of [block, ...block.querySelectorAll("*")]) {
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
      if (!text.trim() || !el.getClientRects().length) continue;  // no text, or not drawn
      const color = getComputedStyle(el).color, bg = background(el);
      const key = `${color}|${bg.join(",")}`;
      if (!pairs.has(key)) pairs.set(key, {text: text.trim().slice(0, 30), color, bg});
    }
  }
  const problems = [...pairs.values()]
    .map((p) => ({...p, ratio: contrast(rgba(p.color), p.bg)}))
    .filter((p) => p.ratio < 4.5)
    .map((p) => `${p.text}: ${p.color} on rgb(${p.bg.slice(0, 3)}), contrast ${p.ratio.toFixed(2)}`);
  return {pairs: pairs.size, problems: problems.slice(0, 10)};
}"""
)
"""Every colour of drawn code against what is behind it, at least 4.5:1: the check axe's
color-contrast makes, once per pair of colours instead of once per token (a chapter's code is
thousands of tokens in a dozen colours: axe took 2-3 s a view for it, this takes a few ms)."""

WIDGETS_READY = """() => [...document.querySelectorAll(".nnbook-widget")]
  .every((w) => w.dataset.state !== "loading")"""
"""The interactive figures are audited and measured as drawn (javascripts/widgets.js)."""

WIDGETS = """() => [...document.querySelectorAll('.nnbook-widget')].map((w) => ({
  name: w.dataset.widget,
  state: w.dataset.state,
  controls: w.querySelectorAll('input, select, button').length,
  svgs: w.querySelectorAll('.nnbook-widget__panels > svg').length,
  labelled: [...w.querySelectorAll('input, select')].every((c) => c.labels.length > 0),
  named: [...w.querySelectorAll('svg[role=img]')].every((s) => s.getAttribute('aria-label')),
  images: [...w.querySelectorAll('img')].filter((i) => i.getClientRects().length).length,
}))"""

WIDGET_SIZES = """() => [...document.querySelectorAll('.nnbook-widget')].map((w) => ({
  name: w.dataset.widget, widget: w.scrollWidth, box: w.clientWidth,
  page: document.documentElement.scrollWidth, view: innerWidth,
  scheme: document.body.dataset.mdColorScheme,
}))"""

SOLUTIONS_CLOSED = """() => [...document.querySelectorAll("details.solution, details.hint")]
  .every((d) => !d.open)"""

OPEN_SOLUTIONS = """(kind) => {
  const all = [...document.querySelectorAll(`article .admonition.exercise details.${kind}`)];
  all.forEach((d) => { if (!d.open) d.querySelector("summary").click(); });
  return all.map((d) => ({
    open: d.open,
    text: d.innerText.trim().length,
    width: Math.round(d.getBoundingClientRect().right),
    formulas: d.querySelectorAll("math").length,
  }));
}"""
"""Click every solution (or hint: the argument is the class) open, as a reader does; what
each shows."""

CLOSE_SOLUTIONS = """() => document.querySelectorAll("article details.solution[open], article details.hint[open]")
  .forEach((d) => d.querySelector("summary").click())"""

CHECK_LINES = """() => [...document.querySelectorAll("article .admonition.exercise > .highlight")]
  .filter((box) => box.querySelector(".filename")).map((box) => ({
    exercise: box.closest(".admonition.exercise").id,
    title: box.querySelector(".filename").innerText.trim(),
    code: box.querySelector("code").innerText.trim(),
    shown: box.getBoundingClientRect().height > 0,
    right: Math.round(box.getBoundingClientRect().right),
  }))"""
"""The check line of each checkable exercise as drawn: its title and code."""

SIDEWAYS = """() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  prose: [...document.querySelectorAll("article p")]
    .filter((p) => p.scrollWidth > p.clientWidth + 1 && !p.querySelector("math, code"))
    .map((p) => p.textContent.trim().slice(0, 60)),
})"""
"""How far the page scrolls sideways, and the paragraphs of plain prose wider than their box
(a paragraph holding a formula or code may scroll on its own, as on a phone)."""

VIEWPORT = "() => document.documentElement.clientWidth"

HIDE_HEADER = ".md-header, .md-tabs { visibility: hidden; }"
"""For a picture of one element: the sticky header would cover it (not on the page)."""


def budget(spec: PageSpec) -> int:
    """The most bytes a first visit of the page may download (the target, for a chapter)."""
    return {"chapter": CHAPTER_TARGET, "notebook": NOTEBOOK_TARGET}.get(spec.kind, OTHER_BUDGET)


@dataclass
class PageReport:
    spec: PageSpec
    url: str
    status: int = 0
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    bytes_by_path: dict[str, int] = field(default_factory=dict)
    first_visit: dict[str, int] = field(default_factory=dict)  # bytes_by_path after view 1
    figures: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by palette
    math_font: bool | None = None
    math: dict[str, Any] = field(default_factory=dict)
    prose_tex: list[str] = field(default_factory=list)
    undrawn: list[str] = field(default_factory=list)
    accents: list[dict[str, Any]] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    exec_blocks: list[dict[str, Any]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    light: dict[str, Any] = field(default_factory=dict)
    dark: dict[str, Any] = field(default_factory=dict)
    mobile: dict[str, Any] = field(default_factory=dict)
    wide_math: list[dict[str, Any]] = field(default_factory=list)
    wide_math_375px: list[dict[str, Any]] = field(default_factory=list)
    solutions_closed: bool = True
    solutions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by view
    hints: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by view
    check_lines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by view
    solution_text: dict[str, Any] = field(default_factory=dict)  # math and TeX, boxes open
    viewports: dict[str, int] = field(default_factory=dict)
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by view
    math_contrast: dict[str, list[str]] = field(default_factory=dict)  # by view
    code_contrast: dict[str, dict[str, Any]] = field(default_factory=dict)  # by view
    widgets: list[dict[str, Any]] = field(default_factory=list)
    widget_sizes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by view
    zoom: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def weight(self) -> int:
        """Bytes of a first visit in the light palette: everything the first view downloaded."""
        return sum(self.first_visit.values())

    @property
    def dark_weight(self) -> int:
        """Bytes of a first visit in the dark palette: the light visit's, each figure drawn for
        the light palette swapped for its dark file (the same figures; their sizes on disk)."""
        swap = 0
        for path, size in self.first_visit.items():
            figure = FIGURE_FILE.search(path)
            if figure and not figure["dark"]:
                dark = REPO / "docs" / "figures" / f"{figure['stem']}-dark.{figure['ext']}"
                swap += dark.stat().st_size - size
        return self.weight + swap


def local_file(site_dir: Path, url: str) -> Path | None:
    """The file of the site a same-host URL points to (None if outside the site)."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(PREFIX):
        return None
    target = site_dir / path[len(PREFIX) :]
    if target.is_dir():
        target = target / "index.html"
    return target


def _listen(page: Any, report: PageReport, site_dir: Path, host: str) -> None:
    def on_console(msg: Any) -> None:
        if msg.type == "error":
            report.console_errors.append(msg.text)

    def on_request(req: Any) -> None:
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            report.external_requests.append(req.url)

    def on_response(resp: Any) -> None:
        if resp.status >= 400:
            report.http_errors.append(f"{resp.status} {resp.url}")
        elif 200 <= resp.status < 300:
            local = local_file(site_dir, resp.url)
            if local is not None and local.is_file():
                report.bytes_by_path[urlsplit(resp.url).path] = local.stat().st_size

    page.on("console", on_console)
    page.on("pageerror", lambda err: report.page_errors.append(str(err)))
    page.on("requestfailed", lambda r: report.failed_requests.append(f"{r.url} {r.failure}"))
    page.on("request", on_request)
    page.on("response", on_response)


def _audit(page: Any, report: PageReport, view: str) -> None:
    """axe on the page in ``view``. Colour is audited in every view (it is what the palettes
    change); the other rules (names, roles, structure, which neither palette nor width changes,
    as Material keeps every element of both layouts in the page) in the page's first view only.
    The second run cost 2-4 s a page, some 40 s of the suite, and had found nothing: on
    2026-12-07 neither view had a violation of any impact on any of the 39 pages."""
    if page.evaluate("() => typeof axe === 'undefined'"):
        page.add_script_tag(content=AXE)
    first = view == axe_views(report.spec)[0]
    report.axe[view] = page.evaluate(RUN_AXE, [WCAG_21_AA, seen(report.spec), first])
    report.math_contrast[view] = page.evaluate(MATH_CONTRAST)
    report.code_contrast[view] = page.evaluate(CODE_CONTRAST)


def _figures(page: Any, report: PageReport, view: str) -> None:
    """The interactive figures in this view: their sizes and a screenshot of each (but on the
    print page, whose figures are their chapters', pictured there)."""
    sizes = page.evaluate(WIDGET_SIZES)
    report.widget_sizes[view] = sizes
    for i, size in enumerate([] if report.spec.kind == "print" else sizes):
        widget = page.locator(".nnbook-widget").nth(i)
        widget.scroll_into_view_if_needed()
        widget.screenshot(
            path=SCREENSHOTS
            / f"widget-{report.spec.slug}-{size['name']}-{view.replace(' ', '-')}.png",
            style=HIDE_HEADER,
        )


def _solutions(page: Any, report: PageReport, view: str) -> None:
    """Click every solution open, record what it shows and a picture of the last in the two
    audited views (light 1280 px, dark 375 px); close them."""
    if not page.locator("details.solution").count():
        return
    report.solutions[view] = page.evaluate(OPEN_SOLUTIONS, "solution")
    report.hints[view] = page.evaluate(OPEN_SOLUTIONS, "hint")
    report.check_lines[view] = page.evaluate(CHECK_LINES)
    report.viewports[view] = page.evaluate(VIEWPORT)
    if view in AXE_VIEWS:
        page.locator("details.solution").last.screenshot(
            path=SCREENSHOTS / f"{report.spec.slug}-solution-{view.replace(' ', '-')}.png",
            style=HIDE_HEADER,
        )
    if view == "light 1280px":
        report.solution_text = {"math": page.evaluate(MATH), "tex": page.evaluate(drawn.PROSE_TEX)}
    page.evaluate(CLOSE_SOLUTIONS)


def visit(browser: Any, server: str, site_dir: Path, spec: PageSpec) -> PageReport:
    start = time.perf_counter()
    report = PageReport(spec, server + spec.path)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light", service_workers="block"
    )
    page = context.new_page()
    _listen(page, report, site_dir, urlsplit(server).netloc)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    book = spec.kind == "print"
    full = FULL_SCREENSHOTS and not book  # the whole book in one PNG would be enormous
    try:
        response = page.goto(report.url, wait_until="load", timeout=60_000)
        report.status = response.status if response else 0
        page.wait_for_load_state("networkidle", timeout=30_000)
        report.math_font = page.evaluate(WAIT_MATH)
        report.images = page.evaluate(IMAGES)
        report.math = page.evaluate(MATH)
        page.wait_for_function(WIDGETS_READY, timeout=30_000)
        report.widgets = page.evaluate(WIDGETS)

        # 1. light, 1280 px
        report.solutions_closed = page.evaluate(SOLUTIONS_CLOSED)
        if book:  # the whole book: its boxes are opened and audited on their chapters' pages
            _audit(page, report, "light 1280px")
        else:
            _solutions(page, report, "light 1280px")
        page.evaluate(drawn.OPEN_DETAILS)
        report.prose_tex = page.evaluate(drawn.PROSE_TEX)
        report.undrawn = page.evaluate(drawn.RADICALS) + page.evaluate(drawn.FENCES)
        report.accents = page.evaluate(drawn.ACCENTS)
        report.undrawn += page.evaluate(drawn.COPY_BUTTONS) + page.evaluate(drawn.CELLS)
        if not book and "light 1280px" in axe_views(spec):
            _audit(page, report, "light 1280px")
        page.evaluate(drawn.CLOSE_DETAILS)
        report.exec_blocks = page.evaluate(EXEC)
        report.wide_math = page.evaluate(WIDE_MATH)
        found = page.evaluate(LINKS)
        report.links, report.ids = found["links"], set(found["ids"])
        report.light = page.evaluate(COLORS)
        _figures(page, report, "light 1280px")
        page.screenshot(path=SCREENSHOTS / f"{spec.slug}-light.png", full_page=full)
        report.figures["light"] = page.evaluate(FIGURES)
        page.wait_for_load_state("networkidle", timeout=30_000)
        report.first_visit = dict(report.bytes_by_path)

        # 2. dark, 1280 px
        page.locator("form[data-md-component=palette] label:not([hidden])").first.click()
        page.wait_for_function(
            "(s) => document.body.getAttribute('data-md-color-scheme') !== s",
            arg=report.light["scheme"],
            timeout=5_000,
        )
        report.dark = page.evaluate(COLORS)
        report.figures["dark"] = page.evaluate(FIGURES)
        if not book:
            _solutions(page, report, "dark 1280px")
        _figures(page, report, "dark 1280px")
        page.screenshot(path=SCREENSHOTS / f"{spec.slug}-dark.png", full_page=full)

        # 3. dark, 375 px
        page.set_viewport_size({"width": 375, "height": 812})
        page.wait_for_timeout(150)
        report.mobile = page.evaluate(OVERFLOW)
        if not book:
            _solutions(page, report, "dark 375px")
        page.evaluate(drawn.OPEN_DETAILS)
        report.undrawn += page.evaluate(drawn.COPY_BUTTONS) + page.evaluate(drawn.CELLS)
        if "dark 375px" in axe_views(spec):
            _audit(page, report, "dark 375px")
        page.evaluate(drawn.CLOSE_DETAILS)
        report.wide_math_375px = page.evaluate(WIDE_MATH)
        _figures(page, report, "dark 375px")
        page.screenshot(path=SCREENSHOTS / f"{spec.slug}-375px.png")
        if spec.kind == "chapter":
            for zoom, (width, height) in ZOOMS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(100)
                report.zoom[zoom] = page.evaluate(SIDEWAYS)
        page.wait_for_load_state("networkidle", timeout=30_000)
    finally:
        context.close()
    report.seconds = time.perf_counter() - start
    return report
