"""The Korean edition as built and as read (issue 15).

The sources are compared in ``tests/book/test_korean.py``; here the built pages: every Korean
page says ``lang="ko"`` and is the twin of its English page (the same executed blocks with the
same code and outputs, the same sections); the header's language switch keeps the reader on
the same page both ways, also after Material's instant navigation; Korean search finds the
Korean pages. The Korean pages also run through every check of ``test_browser.py``,
``test_accessibility.py`` and ``test_widgets.py`` (they are in ``browsing.PAGES``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.site.browsing import CHAPTERS, PageSpec

pytestmark = pytest.mark.browser

KOREAN = [c for c in CHAPTERS if c.language == "ko"]
TWINS = [(next(e for e in CHAPTERS if f"ko/{e.path}" == k.path), k) for k in KOREAN]
IDS = [k.slug for k in KOREAN]


class _Page(HTMLParser):
    """The text of each executed block (``div.nnbook-exec``) and the h2/h3 of the article."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.headings: list[str] = []
        self.lang = ""
        self._depth = 0  # open divs inside the current block

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag in ("h2", "h3") and not self._depth:
            self.headings.append(f"{tag}#{a.get('id')}")
        if tag == "div":
            if self._depth:
                self._depth += 1
            elif "nnbook-exec" in (a.get("class") or "").split():
                self.blocks.append("")
                self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.blocks[-1] += data


def parse(site_dir: Path, spec: PageSpec) -> _Page:
    page = _Page()
    article = (site_dir / spec.path / "index.html").read_text(encoding="utf-8")
    page.feed(article.split("<article", 1)[-1].split("</article>", 1)[0])
    page.lang = re.search(r'<html lang="([^"]+)"', article)[1]  # type: ignore[index]
    return page


def test_every_chapter_has_a_korean_twin() -> None:
    english = {c.path for c in CHAPTERS if c.language == "en"}
    assert {f"ko/{p}" for p in english} == {k.path for k in KOREAN}


@pytest.mark.parametrize(("english", "korean"), TWINS, ids=IDS)
def test_twins_run_the_same_code_with_the_same_output(
    english: PageSpec, korean: PageSpec, site_dir: Path
) -> None:
    en, ko = parse(site_dir, english), parse(site_dir, korean)
    assert (en.lang, ko.lang) == ("en", "ko")
    assert len(ko.blocks) == len(en.blocks), "not the same number of executed blocks"
    for i, (a, b) in enumerate(zip(en.blocks, ko.blocks, strict=True)):
        assert a == b, f"executed block {i + 1}: code or output differs"
    assert ko.headings == en.headings, "not the same sections (h2/h3 and their ids)"


def _switch(page: Any, language: str) -> None:
    """Choose ``language`` in the header's language list, as a reader does."""
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__link[hreflang='{language}']").click()


def test_the_language_switch_keeps_the_page(desktop_page: Any, server: str) -> None:
    page = desktop_page
    page.goto(server + "xor/#notation", wait_until="load")
    page.wait_for_load_state("networkidle")
    _switch(page, "ko")
    page.wait_for_url(re.compile(r"/ko/xor/"), timeout=15_000)
    assert page.evaluate("document.documentElement.lang") == "ko"
    # instant navigation to another chapter, then back to English: still the same page
    page.locator("a.md-nav__link[href$='/ko/losses/']").first.click()
    page.wait_for_url(re.compile(r"/ko/losses/"), timeout=15_000)
    _switch(page, "en")
    page.wait_for_url(re.compile(r"/nnbook/losses/"), timeout=15_000)
    assert "/ko/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize(
    ("term", "expected"),
    [("퍼셉트론", "ko/perceptron/"), ("역전파", "ko/backpropagation/"), ("가중치", "ko/")],
)
def test_korean_search_finds_korean_pages(
    desktop_page: Any, server: str, term: str, expected: str
) -> None:
    page = desktop_page
    page.goto(server + "ko/", wait_until="load")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.keyboard.type(term, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=20_000)
    hrefs = results.evaluate_all("(links) => links.map((a) => a.href)")
    assert any(expected in h for h in hrefs), hrefs[:10]
    assert all("/ko/" in h for h in hrefs), f"results in another language: {hrefs}"


def test_the_glossary_page_lists_every_term(site_dir: Path) -> None:
    import yaml

    from book.i18n import GLOSSARY

    html = (site_dir / "ko" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in html
    for term in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]:
        assert f"<td>{term['ko']}</td>" in html, term
