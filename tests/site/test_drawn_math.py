"""The drawn-math checks (drawn.py) can fail: a control page fails them, its twin passes.

The control page holds, typeset by the book's own pipeline (book/mathml.py, book/mathfont.py),
a square root and a fraction between stretchy brackets, and, as a broken proof once showed it, a
formula split by a list item so that its TeX is left as text, and an aligned formula in a box
narrower than it. Served with the subset the build makes and the site's no-wrap rule for
columns, the formulas pass; served with a subset that lacks the radical sign and the MATH table,
without that rule, and with the broken list, every check reports it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from fontTools.ttLib import TTFont

from book import mathfont, mathml
from tests.site import drawn
from tests.site.browsing import serve

pytestmark = pytest.mark.browser

FORMULAS = [mathml.Formula(r"\sqrt{26}", False), mathml.Formula(r"\left(\frac{a}{b}\right)", True)]
ALIGNED = mathml.Formula(
    r"\begin{aligned}\text{without the skip:}\quad \lVert x\rVert &\le s^M \lVert G\rVert\end{aligned}",
    True,
)
NARROW = '<div style="width: 120px; overflow-x: auto">{}</div>'
NO_WRAP = "mtd { white-space: nowrap; }"  # the site's rule (docs/stylesheets/extra.css)
BROKEN_PROOF = (
    r"<ul><li>Slow growth: $\lVert \tilde w_{t+1}\rVert^2 = \lVert \tilde w_t\rVert^2</li>"
    r"<li>2\sum_{\mathcal M} y_n \tilde w_t^\top \tilde x_n$.</li></ul>"
)
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@font-face {{ font-family: "nnbook Math"; src: url("{font}") format("woff2"); }}
math {{ font-family: "nnbook Math", math; font-size: 1.1em; }}
{cells}
</style></head><body><article><p>The root {sqrt} and the bracket</p>{display}{extra}</article>
</body></html>"""


def without_radical_and_math_table(font: bytes) -> bytes:
    chars = set(mathfont.LAYOUT) - {"\u221a", "\u221b", "\u221c"} | set("0123456789ab")
    cut = TTFont(io.BytesIO(mathfont.subset(chars)))
    del cut["MATH"]
    out = io.BytesIO()
    cut.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def control_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("control")
    typeset = mathml.to_mathml([*FORMULAS, ALIGNED])
    sqrt, display = (typeset[f] for f in FORMULAS)
    aligned = NARROW.format(typeset[ALIGNED])
    good = mathfont.subset(mathfont.characters(typeset.values()))
    (site / "good.woff2").write_bytes(good)
    (site / "broken.woff2").write_bytes(without_radical_and_math_table(good))
    for name, font, cells, extra in (
        ("good", "good.woff2", NO_WRAP, aligned),
        ("broken", "broken.woff2", "", aligned + BROKEN_PROOF),
    ):
        html = PAGE.format(font=font, cells=cells, sqrt=sqrt, display=display, extra=extra)
        (site / f"{name}.html").write_text(html, encoding="utf-8")
    with serve(site) as url:
        yield url


def checks(browser: Any, url: str) -> dict[str, list[str]]:
    page = browser.new_page()
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return {name: page.evaluate(getattr(drawn, name)) for name in drawn.__all__}
    finally:
        page.close()


def test_the_control_page_passes_with_the_fonts_the_build_makes(
    browser: Any, control_site: str
) -> None:
    assert checks(browser, control_site + "good.html") == {n: [] for n in drawn.__all__}


def test_the_control_page_fails_with_a_font_without_radical_and_a_broken_formula(
    browser: Any, control_site: str
) -> None:
    found = checks(browser, control_site + "broken.html")
    assert len(found["RADICALS"]) == 1 and "no radical sign" in found["RADICALS"][0]
    assert len(found["FENCES"]) == 1 and "fence" in found["FENCES"][0]
    assert any("\\lVert" in p for p in found["PROSE_TEX"]), found["PROSE_TEX"]
    assert found["CELLS"] and "overlap" in found["CELLS"][0], found["CELLS"]
