"""CITATION.cff is valid Citation File Format 1.2.0, agrees with pyproject.toml and the
changelog, and is the source of the site's BibTeX; the changelog keeps the shape the "Errata and
changes" page is made from (book/citation.py, book/changelog.py).

The schema is the standard's own (tests/book/data/README.md says where it comes from).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from book import changelog, citation
from book.paths import REPO

SCHEMA = json.loads((Path(__file__).parent / "data" / "cff-1.2.0-schema.json").read_text())
CFF = citation.load()
RELEASES = changelog.parse(changelog.CHANGELOG.read_text(encoding="utf-8"))


def errors(cff: dict[str, object]) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(cff)]


def test_citation_cff_is_valid_and_a_broken_one_is_not() -> None:
    assert errors(CFF) == []
    broken = {k: v for k, v in CFF.items() if k != "authors"}
    assert errors(broken) == ["'authors' is a required property"]
    assert errors({**CFF, "date-released": "7 December 2026"}) != []


def test_citation_cff_agrees_with_pyproject_the_site_and_the_changelog() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    project = dict(re.findall(r'^(version|license) = "([^"]+)"$', pyproject, re.MULTILINE))
    assert CFF["version"] == project["version"]
    assert CFF["license"] == project["license"]
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {CFF['url']}" in config and f"repo_url: {CFF['repository-code']}" in config
    newest = next(r for r in RELEASES if r.version is not None)
    assert (newest.version, newest.date) == (CFF["version"], CFF["date-released"])
    assert CFF["preferred-citation"]["type"] == "book"


def test_the_bibtex_is_made_from_citation_cff() -> None:
    entry = citation.bibtex(CFF)
    fields = dict(re.findall(r"^  (\w+)\s*= \{(.*)\},$", entry, re.MULTILINE))
    preferred = CFF["preferred-citation"]
    assert entry.startswith("@book{") and fields["url"] == preferred["url"]
    assert fields["title"].replace("{", "").replace("}", "") == preferred["title"]
    assert fields["author"] == "{" + preferred["authors"][0]["name"] + "}"
    assert fields["year"] == str(preferred["year"]) == CFF["date-released"][:4]
    assert fields["note"] == f"Version {CFF['version']}"
    changed = {**CFF, "version": "9.9.9"}
    assert "Version 9.9.9" in citation.bibtex(changed), "made from the file, not a copy"


def test_the_changes_page_lists_every_version_in_both_languages() -> None:
    versions = [r.version for r in RELEASES if r.version is not None]
    assert versions and versions[0] == CFF["version"]
    for language in ("en", "ko"):
        page = changelog.page_markdown(RELEASES, language)
        headings = re.findall(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d\d-\d\d)\)", page, re.MULTILINE)
        assert headings == [(r.version, r.date) for r in RELEASES if r.version is not None]
        no_errata = changelog.texts(language)["none"]
        assert page.count(no_errata) == sum(
            "Corrected" not in r.sections for r in RELEASES if r.version
        )


GOOD = """# Changelog

Free text.

## [Unreleased]

### Corrected

- **Training:** a sign was wrong;
  now right.

## [0.2.0] - 2027-01-02

### Added

- A thing.

## [0.1.0] - 2026-12-07

[Unreleased]: u
[0.2.0]: a
[0.1.0]: b
"""


def test_a_changelog_is_read_with_its_corrections() -> None:
    releases = changelog.parse(GOOD, "C.md")
    assert [(r.version, r.date) for r in releases] == [
        (None, None),
        ("0.2.0", "2027-01-02"),
        ("0.1.0", "2026-12-07"),
    ]
    assert releases[0].sections == {
        "Corrected": ["- **Training:** a sign was wrong;\n  now right."]
    }
    page = changelog.page_markdown(releases, "en")
    assert (
        "## Not yet released { #unreleased }\n\n### Corrected { #unreleased-corrected }\n\n- **Training:**"
        in page
    )
    assert page.count("No corrections to the text in this version.") == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("## [0.2.0] - 2027-01-02", "## [0.2.0]"), r"C.md:12: a version is '## \[X.Y.Z\]"),
        (("## [0.2.0] - 2027-01-02", "## [0.2.0] - 2027-13-02"), r"C.md:12: not a date"),
        (("### Added", "### Improved"), r"C.md:14: unknown section 'Improved'"),
        (("- A thing.", "A thing."), r"C.md:16: an entry is a '- ' bullet"),
        (("[0.1.0]: b\n", ""), r"C.md:18: \[0.1.0\] has no link reference"),
        (("2027-01-02", "2026-01-02"), r"C.md:18: 0.1.0 \(2026-12-07\) is not older than 0.2.0"),
        (("### Corrected", "### Fixed\n\n### Corrected"), r"C.md:9: ### Corrected repeated"),
    ],
)
def test_a_malformed_changelog_names_the_file_and_line(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(changelog.ChangelogError, match=message):
        changelog.parse(GOOD.replace(*change), "C.md")
