"""Every citation in the chapters has an entry in the Bibliography and links to it, and every
entry is cited (docs/bibliography.yml, book/bibliography.py).

A citation is an author-year reference in the text, in either language: "(Novikoff, 1962)",
"Cybenko (1989)", "Glorot and Bengio (2010)", "LeCun et al. (1998)", "Glorot와 Bengio(2010)".
The chapters' own reference lists (their "References" section) and code are not citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from book import bibliography, citation
from book.paths import DOCS
from book.site import generated

_NAME = r"[A-Z][A-Za-zÀ-ÿ'’-]*[a-zà-ÿ][A-Za-zÀ-ÿ'’-]*"
_JOIN = r"(?:,?\s+and\s+|와\s+|과\s+|,\s+|\s+&\s+)"
CITATION = re.compile(
    rf"(?<![\w.])(?P<names>{_NAME}(?:{_JOIN}{_NAME})*(?:\s+et\s+al\.)?)"
    r"(?P<open>\s*\()?(?(open)|,\s+)(?P<year>(?:1[6-9]|20)\d\d)\b(?(open)\)?)"
)
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:\.\./)*bibliography\.md#(?P<key>[\w-]+)\)")
_CODE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[^\n]*$|`[^`\n]*`", re.MULTILINE | re.DOTALL)
_REFERENCES = re.compile(r"^## (References|참고 문헌)\b.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)

WORKS = {work.key: work for work in bibliography.load()}


@dataclass(frozen=True)
class Found:
    """A citation on a page: where, its text, and the entry it links to (None: no link)."""

    page: str
    line: int
    text: str
    key: str | None

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}: {' '.join(self.text.split())!r}"


def _blank(match: re.Match[str]) -> str:
    """The match's text as spaces, its line breaks kept: offsets stay where they were."""
    return re.sub(r"[^\n]", " ", match[0])


def find_citations(text: str, page: str) -> list[Found]:
    """The citations of a page's Markdown: the linked ones (with their key) and the others."""
    text = _REFERENCES.sub(_blank, _CODE.sub(_blank, text))
    found = []
    for m in LINK.finditer(text):
        found.append(Found(page, text.count("\n", 0, m.start()) + 1, m["text"], m["key"]))
    rest = LINK.sub(_blank, text)
    for m in CITATION.finditer(rest):
        found.append(Found(page, rest.count("\n", 0, m.start()) + 1, m[0], None))
    return found


def problems(found: list[Found]) -> list[str]:
    """What is wrong with ``found``: a citation not linked, or linked to no entry or to the
    wrong one (its link text lacks the entry's year, or names other authors)."""
    out = []
    for f in found:
        if f.key is None:
            out.append(f"{f}: not linked to its Bibliography entry")
        elif f.key not in WORKS:
            out.append(f"{f}: links to #{f.key}, which the Bibliography has not")
        else:
            work = WORKS[f.key]
            named = CITATION.search(f.text)
            if str(work.year) not in f.text or (named and work.family not in named["names"]):
                out.append(f"{f}: links to #{f.key}, another work")
    return out


def chapter_pages() -> list[str]:
    """Every page written by hand, in both languages (the generated ones are not)."""
    return sorted(p.name for p in DOCS.glob("*.md") if not generated.is_generated(p.name))


@pytest.fixture(scope="module")
def everything_cited() -> list[Found]:
    return [
        f
        for page in chapter_pages()
        for f in find_citations((DOCS / page).read_text(encoding="utf-8"), page)
    ]


def test_every_citation_links_to_its_entry(everything_cited: list[Found]) -> None:
    assert len(everything_cited) > 60, "the chapters cite dozens of works"
    assert problems(everything_cited) == []


def test_every_entry_is_cited_in_both_languages(everything_cited: list[Found]) -> None:
    for language, pages in (("en", lambda p: ".ko." not in p), ("ko", lambda p: ".ko." in p)):
        cited = {f.key for f in everything_cited if pages(f.page)}
        assert sorted(set(WORKS) - cited) == [], f"cited by no {language} page"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A proof (Smith, 2001) of it.", ["Smith, 2001"]),
        ("as Smith (2001) showed", ["Smith (2001)"]),
        (
            "Smith and Jones (2001) and Doe et al. (1999)",
            ["Smith and Jones (2001)", "Doe et al. (1999)"],
        ),
        ("Smith와 Jones(2001)가 보였다", ["Smith와 Jones(2001)"]),
        (
            "Leshno, Lin, Pinkus and\n    Schocken (1993)",
            ["Leshno, Lin, Pinkus and Schocken (1993)"],
        ),
        (
            "(Goldberg and Jerrum, 1995; Bartlett, Harvey, Liaw and Mehrabian, 2019)",
            ["Goldberg and Jerrum, 1995", "Bartlett, Harvey, Liaw and Mehrabian, 2019"],
        ),
        ("in 1958, XOR (a gate), `Smith (2001)` in code", []),
        ("## References\n\n- Smith, J. (2001). A book.\n\n## Next\n", []),
    ],
)
def test_citations_are_found_in_any_of_their_forms(text: str, expected: list[str]) -> None:
    assert [" ".join(f.text.split()) for f in find_citations(text, "x.md")] == expected


def test_a_made_up_citation_fails_linked_or_not() -> None:
    """The check can fail: "(Smith, 2001)" has no entry, and a link to a real entry must be
    to the work it names."""
    page = "Known ([Cybenko, 1989](bibliography.md#cybenko-1989)), made up (Smith, 2001).\n"
    assert problems(find_citations(page, "x.md")) == [
        "docs/x.md:1: 'Smith, 2001': not linked to its Bibliography entry"
    ]
    linked = "[Smith (2001)](bibliography.md#smith-2001) and [Smith (1989)](bibliography.md#cybenko-1989)"
    assert problems(find_citations(linked, "x.ko.md")) == [
        "docs/x.ko.md:1: 'Smith (2001)': links to #smith-2001, which the Bibliography has not",
        "docs/x.ko.md:1: 'Smith (1989)': links to #cybenko-1989, another work",
    ]


def test_the_page_lists_every_work_under_its_anchor_with_its_link() -> None:
    works = list(WORKS.values())
    for language in ("en", "ko"):
        page = bibliography.page_markdown(works, citation.load(), language)
        anchors = re.findall(r"^  \{ #([\w-]+) \}$", page, re.MULTILINE)
        assert anchors == sorted(anchors) == sorted(WORKS), language
        for work in works:
            if work.doi:
                assert f"(https://doi.org/{work.doi})" in page
            elif work.url:
                assert f"<{work.url}>" in page


def test_a_malformed_entry_names_the_file_and_the_entry(tmp_path: Path) -> None:
    data = tmp_path / "bibliography.yml"
    entry = "- authors: Cybenko, G.\n  year: 1989\n  title: T\n  venue: V\n"
    data.write_text(entry + "- authors: Cybenko G.\n  year: 1989\n  title: T\n  venue: V\n")
    with pytest.raises(bibliography.BibliographyError, match=r"bibliography.yml: entry 2: authors"):
        bibliography.load(data)
    data.write_text(entry + entry)
    with pytest.raises(
        bibliography.BibliographyError, match="entries 1 and 2 share the anchor cybenko-1989"
    ):
        bibliography.load(data)
    data.write_text(entry.replace("  venue: V\n", "  pages: 3\n"))
    with pytest.raises(
        bibliography.BibliographyError, match=r"entry 1: unknown \['pages'\], missing \['venue'\]"
    ):
        bibliography.load(data)
