"""The cover (docs/index.md, index.ko.md) and the "Notebooks" page, as built and as read.

The generic checks of every page (``test_browser.py``: figures in the page's language and
palette and loaded, nothing wider than a phone, colours; ``test_accessibility.py``) run on
both covers and both notebook pages too (they are in ``browsing.PAGES``). Here what only they
must do: the cover maps every chapter in reading order, each card with its figure shown and
loaded in either palette, in one column on a phone; it offers the ways in; the notebooks are
reached from one page, not from the nav.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from book import notebooks as mn
from book.chapter import nav_pages
from book.site import generated
from tests.site.browsing import PAGES, REPO, PageSpec

pytestmark = pytest.mark.browser

COVERS = [p for p in PAGES if p.kind == "cover"]
NOTEBOOK_LISTS = [p for p in PAGES if p.kind == "notebooks"]
CARD = re.compile(r"<li>(?P<card>.*?)</li>", re.DOTALL)
TITLE = re.compile(r'<a class="nnbook-cover__title" href="(?P<href>[^"]*)"')
NAV_LINK = re.compile(r'<a href="([^"]*)" class="md-nav__link[" ]')
IMAGE = re.compile(r'<img alt="(?P<alt>[^"]*)"[^>]*? src="(?P<src>[^"]*)"')


CARD_LEFTS = """() => [...document.querySelectorAll(".nnbook-cover__chapters > li")]
  .map((li) => Math.round(li.getBoundingClientRect().left))"""


def reading_order() -> list[str]:
    """The chapters of the nav, in its order: its pages but the cover and the generated ones."""
    config = mn.book_config(REPO / "mkdocs.yml")
    chapters = {p.name for p in mn.chapter_paths(REPO / "docs")} - {"index.md"}
    return [p for p in nav_pages(config["nav"]) if p in chapters and not generated.is_generated(p)]


def article(site_dir: Path, spec: PageSpec) -> str:
    html = (site_dir / spec.path / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize("spec", COVERS, ids=[c.slug for c in COVERS])
def test_the_cover_maps_every_chapter_in_reading_order(spec: PageSpec, site_dir: Path) -> None:
    html = article(site_dir, spec)
    cards = [m["card"] for m in CARD.finditer(html[html.index("nnbook-cover__chapters") :])]
    titles = [TITLE.search(card) for card in cards]
    assert all(titles), "a card without its chapter's link"
    hrefs = [m["href"] for m in titles if m]
    assert hrefs == [mn.page_url(p) for p in reading_order()]
    suffix = "" if spec.language == "en" else f"-{spec.language}"
    for card in cards:
        images = IMAGE.findall(card)
        assert [src.rsplit("#", 1)[-1] for _, src in images] == ["only-light", "only-dark"], card
        assert all(len(alt.split()) >= 5 for alt, _ in images), f"no real alt text: {images}"
        assert re.search(rf"(^|/)figures/[\w-]+?{suffix}\.(svg|png)#only-light$", images[0][1])
    assert html.count("<h1") == 1, "one h1 on the cover"
    assert "nnbook-notebook" not in html, "the cover has no notebook box"


@pytest.mark.parametrize("spec", COVERS, ids=[c.slug for c in COVERS])
def test_the_cover_offers_the_ways_in(spec: PageSpec, site_dir: Path) -> None:
    html = article(site_dir, spec)
    ways = html[html.index("nnbook-cover__ways") : html.index("nnbook-cover__chapters")]
    hrefs = re.findall(r'href="([^"]*)"', ways)
    up = "" if spec.language == "en" else "../"
    version = mn.book_version()
    assert "introduction/" in hrefs and "notebooks/" in hrefs
    assert f"{up}reference/#api-reference" in hrefs
    pdfs = [h for h in hrefs if h.startswith(f"{up}pdf/")]
    assert pdfs == [
        f"{up}pdf/nnbook-{version}-{spec.language}.pdf",
        f"{up}pdf/nnbook-{version}-{'ko' if spec.language == 'en' else 'en'}.pdf",
    ]
    assert "pip install nnbook" in ways


@pytest.mark.parametrize("spec", COVERS, ids=[c.slug for c in COVERS])
def test_the_cover_shows_each_cards_figure_loaded_in_either_palette(
    spec: PageSpec, reports: Callable
) -> None:
    r = reports(spec)
    for palette in ("light", "dark"):
        shown = [f for f in r.figures[palette] if f["shown"]]
        assert len(shown) == len(reading_order()), (palette, shown)
        assert all(f["src"].endswith(f"#only-{palette}") and f["width"] > 0 for f in shown), shown
    assert r.mobile["scrollWidth"] <= r.mobile["viewport"] + 1, r.mobile


@pytest.mark.parametrize("spec", COVERS, ids=[c.slug for c in COVERS])
def test_the_chapter_cards_are_one_column_on_a_phone(
    spec: PageSpec, browser: Any, server: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(server + spec.path, wait_until="load")
        lefts = CARD_LEFTS
        assert len(set(page.evaluate(lefts))) >= 2, "several cards to a row on a desktop"
        page.set_viewport_size({"width": 375, "height": 812})
        assert len(set(page.evaluate(lefts))) == 1, "one column at 375 px"
    finally:
        context.close()


@pytest.mark.parametrize("spec", NOTEBOOK_LISTS, ids=[c.slug for c in NOTEBOOK_LISTS])
def test_the_notebooks_are_listed_on_one_page_and_not_in_the_nav(
    spec: PageSpec, site_dir: Path
) -> None:
    """Every notebook in reading order, each page and download there; the nav of any page
    holds the list, not the notebooks."""
    html = article(site_dir, spec)
    with_code = mn.chapter_notebooks(REPO / "docs")
    stems = [with_code[p] for p in reading_order() if p in with_code]
    up = "" if spec.language == "en" else "../../notebooks/"
    listed = re.findall(r'<a href="([^"]*)" download>', html)
    assert listed == [f"{up}{stem}/{stem}.ipynb" for stem in stems]
    for stem in stems:
        assert (site_dir / "notebooks" / stem / "index.html").is_file(), f"{stem}: no page"
        assert (site_dir / "notebooks" / stem / f"{stem}.ipynb").is_file(), f"{stem}: no download"
    chapter = site_dir / spec.path.replace("notebooks/", "introduction/") / "index.html"
    nav = [link[1] for link in NAV_LINK.finditer(chapter.read_text(encoding="utf-8"))]
    assert nav and not [h for h in nav if re.search(r"notebooks/[\w-]+/", h)], nav
    assert "../notebooks/" in nav, "the list is in the nav"
