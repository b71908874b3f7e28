"""The book's back matter, generated into ``docs/`` like the exercise index
(:mod:`book.site.generated` writes them): the Bibliography page, from
``docs/bibliography.yml`` and ``CITATION.cff`` (:mod:`book.bibliography`), and "Errata and
changes", from ``CHANGELOG.md`` (:mod:`book.changelog`), in every language.

Their sources are found beside ``docs``: the data file in it, the two others in its parent
(the repository's root); a page whose sources are missing is not made (a test's ``docs``).
"""

from __future__ import annotations

from pathlib import Path

from book import bibliography, changelog, citation, i18n

PAGES = (bibliography.PAGE, changelog.PAGE)
_FRONT = "---\ngenerated_from: {source}  # edit that, not this page\n---\n\n"


def pages(docs: Path, languages: tuple[str, ...]) -> dict[str, str]:
    """The back matter's pages whose sources exist: name in ``docs`` -> Markdown. Raises
    :class:`book.bibliography.BibliographyError`, :class:`book.citation.CitationError` or
    :class:`book.changelog.ChangelogError` naming the source that is malformed."""
    out = {}
    data, cff, log = (
        docs / "bibliography.yml",
        docs.parent / "CITATION.cff",
        docs.parent / "CHANGELOG.md",
    )
    if data.is_file() and cff.is_file():
        works, record = bibliography.load(data), citation.load(cff)
        front = _FRONT.format(source="docs/bibliography.yml and CITATION.cff")
        for language in languages:
            text = bibliography.page_markdown(works, record, language)
            out[i18n.localized(bibliography.PAGE, language)] = front + text
    if log.is_file():
        releases = changelog.parse(log.read_text(encoding="utf-8"), log.name)
        front = _FRONT.format(source="CHANGELOG.md")
        for language in languages:
            text = changelog.page_markdown(releases, language)
            out[i18n.localized(changelog.PAGE, language)] = front + text
    return out
