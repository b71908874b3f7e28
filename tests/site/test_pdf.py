"""The book as PDF (book/pdf.py), read back as a reader's viewer reads it: each language's print
page of the session's build printed by Chromium into the site's ``pdf/``, as ``make pdf`` does,
then opened with pypdf (its structure) and PDFium (its text).

One test per language (one print each, some 20 s): the cover names the version; every chapter's
title is in the text and in the outline; every font is embedded, the math font's subset among
them; no TeX is left unset; the Korean book is set in Hangul; every page after the cover carries
its number; each chapter's solutions follow it, one per exercise; the figures are numbered
through the book; every link inside the book leads to a place in it; the cover's PDF button
finds the file.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from book import i18n
from book.chapter import nav_pages, page_title
from book.exercises import find_exercises
from book.notebooks import book_config
from book.paths import CONFIG, DOCS
from book.pdf import PDF_DIR, pdf_name, print_page_url, print_pdf
from book.site.print_page import Edition, print_text

pypdf = pytest.importorskip("pypdf")
pdfium = pytest.importorskip("pypdfium2")

TEX = re.compile(
    r"\\(?:frac|sum|sqrt|math\w+|text|left|right|begin|end|partial|nabla|cdot|lVert|top)\b"
    r"|\$\$|\\\(|\\\["
)
HANGUL = re.compile("[가-힣]")
CODE = re.compile(r"`[^`\n]+`|^```.*?^```", re.MULTILINE | re.DOTALL)
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def page_texts(path: Path) -> list[str]:
    """Each page's text as PDFium, the PDF engine of Chromium's viewer, reads it (pypdf takes
    half a minute for what PDFium reads in a second)."""
    document = pdfium.PdfDocument(path)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def printed_pages(language: str) -> list[Path]:
    """The sources of the pages the print page holds: the nav's, but print-site's exclusions,
    in the language's translation."""
    config = book_config(CONFIG)
    settings = next(p["print-site"] for p in config["plugins"] if "print-site" in p)
    pages = [
        name
        for name in nav_pages(config["nav"])
        if not any(fnmatch.fnmatch(name, pattern) for pattern in settings["exclude"])
    ]
    return [i18n.translation(DOCS, name, language) for name in pages]


def quoting(sources: list[Path]) -> Iterator[str]:
    """The code of the printed pages' sources (spans and blocks), where TeX may be quoted; and
    the Korean glossary's, whose page the build writes."""
    for path in [*sources, i18n.GLOSSARY]:
        yield from CODE.findall(path.read_text(encoding="utf-8"))


def outline_titles(outline: list[Any]) -> Iterator[str]:
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield item.title


def fonts_of(page: Any) -> Iterator[Any]:
    resources = page.get("/Resources") or {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()


def embedded(font: Any) -> bool:
    """Whether the font's glyphs are in the file: a Type 3 font draws them itself."""
    if font.get("/Subtype") == "/Type3":
        return True
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor.get_object() for k in FONT_FILES)


def font_name(font: Any) -> str:
    descriptor = font.get("/FontDescriptor")
    name = descriptor.get_object().get("/FontName") if descriptor is not None else None
    return str(name or font.get("/BaseFont"))


def internal_links(reader: Any) -> Iterator[str]:
    """The destination of each link that stays inside the PDF."""
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            if "/Dest" in link:
                yield str(link["/Dest"])
            elif link.get("/A", {}).get("/S") == "/GoTo":
                yield str(link["/A"]["/D"])


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_pdf_is_the_book(
    language: str, browser: Any, server: str, site_dir: Path, summary: Any
) -> None:
    out = print_pdf(
        browser, print_page_url(server, language), site_dir / PDF_DIR / pdf_name(language)
    )
    reader = pypdf.PdfReader(out)
    texts = page_texts(out)
    flat = " ".join(" ".join(texts).split())
    summary(
        "the book as PDF",
        language,
        f"{language}: {len(reader.pages)} pages, {out.stat().st_size:,} bytes",
    )

    # the cover: the version and its date
    edition = Edition.of(server)
    line = print_text(language)["print.edition"].format(version=edition.version, date=edition.date)
    assert line in " ".join(texts[0].split()), texts[0]
    # every chapter, in the text and as a bookmark
    sources = printed_pages(language)
    titles = [page_title(p.read_text(encoding="utf-8"), p.name) for p in sources]
    assert len(titles) >= 10, titles
    bare = "".join(flat.split())  # pypdf spaces Hangul out unevenly
    missing = [t for t in titles if "".join(t.split()) not in bare]
    assert not missing, f"chapter titles not in the PDF: {missing}"
    bookmarks = " | ".join(outline_titles(reader.outline))
    assert all(t in bookmarks for t in titles), bookmarks
    # every font embedded, the math font among them
    fonts = {font_name(f): embedded(f) for page in reader.pages for f in fonts_of(page)}
    assert all(fonts.values()), f"fonts not embedded: {[n for n, e in fonts.items() if not e]}"
    assert any("nnbookMath" in name for name in fonts), sorted(fonts)
    # formulas typeset, not TeX (but where the text quotes TeX as code); the book in its language
    quoted = Counter(m.group(0) for text in quoting(sources) for m in TEX.finditer(text))
    tex = Counter(m.group(0) for m in TEX.finditer(flat)) - quoted
    assert not tex, f"raw TeX in the PDF: {tex}"
    hangul = len(HANGUL.findall(flat))
    assert (hangul > 20_000) if language == "ko" else (hangul == 0), hangul
    # every page but the cover numbered at its foot
    unnumbered = [i + 1 for i, t in enumerate(texts[1:], 1) if str(i + 1) not in t.split()]
    assert not unnumbered, f"pages without their number: {unnumbered[:10]}"
    # one solution per exercise, each after its chapter's exercises, linked both ways
    exercises = sum(len(find_exercises(p.read_text(encoding="utf-8"), p.name)) for p in sources)
    solution = print_text(language)["print.solution"].split("{")[0].strip()
    titles_of_solutions = re.findall(rf"{re.escape(solution)} (\d+\.\d+)", flat)
    assert exercises > 50 and len(set(titles_of_solutions)) == exercises
    destinations = set(reader.named_destinations)
    assert {f"/solution-{n.replace('.', '-')}" for n in titles_of_solutions} <= destinations
    # the figures numbered 1, 2, ... through the book
    figure = print_text(language)["print.figure"].split("{")[0].strip()
    numbers = [int(n) for n in re.findall(rf"{re.escape(figure)} ?(\d+)\.", flat)]
    assert len(numbers) > 20 and numbers == list(range(1, len(numbers) + 1)), numbers
    # every link inside the book leads somewhere in it
    links = list(internal_links(reader))
    assert len(links) > 100
    nowhere = sorted({d for d in links if d not in destinations})
    assert not nowhere, f"links to no place in the PDF: {nowhere[:10]}"
    # the cover of the site (either language) points at this file
    for cover in (site_dir / "index.html", site_dir / "ko" / "index.html"):
        hrefs = re.findall(rf'href="([^"]*\.pdf)" hreflang="{language}"', cover.read_text("utf-8"))
        assert hrefs and all((cover.parent / h).resolve() == out.resolve() for h in hrefs)
