"""The pages the build writes into ``docs/`` from other sources, never edited by hand.

- ``exercises.md`` and its translations (``exercises.ko.md``): "All exercises", a table per
  chapter linking each exercise (:func:`book.exercises.index_markdown`);
- ``glossary.ko.md``: the Korean edition's glossary, made from ``translations/ko/glossary.yml``
  (:func:`book.i18n.glossary_markdown`);
- ``notebooks.md`` and its translations: "Notebooks", every companion notebook in reading order
  (:func:`notebook_index_markdown`), and ``.snippets/pdf-links.md`` (and translations): the
  cover's links to the book's PDFs, named by the book's version (:func:`pdf_links`), which the
  cover (``index.md``) includes; MkDocs leaves the dot directory out of the site;
- ``bibliography.md`` and ``changes.md`` and their translations: the back matter, from
  ``docs/bibliography.yml``, ``CITATION.cff`` and ``CHANGELOG.md`` (:mod:`book.site.backmatter`).

They are committed, like the notebooks, so that any generator finds them in ``docs/`` as
ordinary pages; each build rewrites those that changed, and a test fails while a committed one
is out of date. Each says in its front matter where it comes from.

Usage::

    python -m book.site.generated          # write those that changed
    python -m book.site.generated --check  # only list them (exit 1 if any)

    chapters = exercise_chapters(Path("docs"), ["index.md", "perceptron.md", ...])
    for name in sync(Path("docs"), chapters, languages=("en", "ko")):
        print("updated", name)
    notebook_sync(Path("docs"), {"perceptron.md": "perceptron"}, ("en", "ko"), repo_url=None)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from book import exercises, i18n, notebooks
from book.chapter import nav_pages, page_title
from book.paths import CONFIG, DOCS
from book.pdf import PDF_DIR, pdf_name
from book.site import backmatter
from book.site.markdown import relative_url

EXERCISE_INDEX = exercises.INDEX
GLOSSARY = "glossary.md"  # the Korean edition's: glossary.ko.md
NOTEBOOK_INDEX = notebooks.NOTEBOOK_INDEX
PDF_LINKS = ".snippets/pdf-links.md"  # the cover's (index.md): --8<-- "docs/.snippets/..."
_FRONT = "---\ngenerated_from: {source}  # edit that, not this page\n---\n\n"
_NOTEBOOK_TEXT = {
    "notebooks.title": "Notebooks",
    "notebooks.intro": "Every chapter that runs code has a companion Jupyter notebook, generated "
    "from the chapter: its text, and each block the page runs as a code cell, in the same order. "
    "Read one executed here, download it and run it where `nnbook` is installed, or open it in "
    "Colab, where its first cell installs the book's version of the package.",
    "notebooks.read": "read it executed",
    "notebooks.colab": "open in Colab",
    "notebooks.clone": "not on Colab: it needs a clone of the repository",
    "cover.pdf": "PDF",
    "cover.pdf_other": "PDF in Korean",
}
"""The English texts of the notebook index and the cover's PDF links; other languages': their
``ui.yml`` (:func:`book.i18n.ui_text`)."""
_OTHER_LANGUAGE = {"en": "ko", "ko": "en"}  # the cover's second PDF


def exercise_chapters(docs: Path, order: list[str]) -> list[str]:
    """The pages of ``order`` (names in ``docs``) that have exercises, in that order. Raises
    :class:`book.exercises.ExerciseError` for an exercise that breaks the markup."""
    found = []
    for name in order:
        path = docs / name
        if name == EXERCISE_INDEX or path.suffix != ".md" or not path.is_file():
            continue
        if exercises.find_exercises(path.read_text(encoding="utf-8"), name):
            found.append(name)
    return found


def pages(docs: Path, chapters: list[str], languages: tuple[str, ...]) -> dict[str, str]:
    """Every generated page: name in ``docs`` -> its Markdown."""
    out = {}
    if chapters:
        front = _FRONT.format(source="the chapters' exercises")
        for language in languages:
            index = exercises.index_markdown(docs, chapters, language)
            out[i18n.localized(EXERCISE_INDEX, language)] = front + index
    if "ko" in languages:
        front = _FRONT.format(source="translations/ko/glossary.yml")
        out[i18n.localized(GLOSSARY, "ko")] = front + i18n.glossary_markdown()
    return out | backmatter.pages(docs, languages)


def sync(
    docs: Path, chapters: list[str], languages: tuple[str, ...], check: bool = False
) -> list[str]:
    """Write (or with ``check``, only compare) the generated pages; returns those that changed."""
    return _write(docs, pages(docs, chapters, languages), check)


def _text(language: str) -> dict[str, str]:
    return _NOTEBOOK_TEXT if language == i18n.DEFAULT else i18n.ui_text(language)


def _page_url(name: str, language: str) -> str:
    """The URL of the page ``name`` (English) in ``language``: ``ko/notebooks/``."""
    url = notebooks.page_url(name)
    return url if language == i18n.DEFAULT else f"{language}/{url}"


def notebook_index_markdown(
    docs: Path, chapters: dict[str, str], language: str, repo_url: str | None
) -> str:
    """The "Notebooks" page in ``language``: an item per chapter of ``chapters`` (chapter -> its
    notebook's stem, in reading order) with its title (of its translation, where there is one),
    the executed notebook's page, the download and, for a notebook that needs no clone of the
    repository, Colab (:func:`book.notebooks.colab_url`). The links to the notebooks are raw:
    the Korean build has no notebook pages of its own, it links to the English ones."""
    text = _text(language)
    here = _page_url(NOTEBOOK_INDEX, language)
    out = [f"# {text['notebooks.title']}", "", text["notebooks.intro"], ""]
    for chapter, stem in chapters.items():
        source = i18n.translation(docs, chapter, language)
        title = page_title(source.read_text(encoding="utf-8"), chapter)
        page = relative_url(f"{notebooks.NOTEBOOK_DIR}/{stem}/", here)
        links = [
            f'<a href="{page}">{text["notebooks.read"]}</a>',
            f'<a href="{page}{stem}.ipynb" download>{stem}.ipynb</a>',
        ]
        colab = notebooks.colab_url(repo_url, stem)
        if colab is not None and notebooks.runs_without_clone(docs / chapter):
            links.append(f'<a href="{colab}">{text["notebooks.colab"]}</a>')
        elif colab is not None:
            links.append(text["notebooks.clone"])
        out.append(f"- **[{title}]({chapter})**: " + " · ".join(links))
    return "\n".join([*out, ""])


def pdf_links(language: str, version: str) -> str:
    """The cover's buttons to the book's PDFs, for its page in ``language``: that language's
    first, then the other's (raw links: the PDFs are not pages of the site)."""
    text, here = _text(language), _page_url("index.md", language)
    other = _OTHER_LANGUAGE[language]
    links = []
    for lang, label in ((language, "cover.pdf"), (other, "cover.pdf_other")):
        href = relative_url(f"{PDF_DIR}/{pdf_name(lang, version)}", here)
        links.append(f'<a class="md-button" href="{href}" hreflang="{lang}">{text[label]}</a>')
    note = "<!-- generated by book/site/generated.py (pdf_links): edit that, not this file -->"
    return "\n".join([note, *links, ""])


def notebook_pages(
    docs: Path, chapters: dict[str, str], languages: tuple[str, ...], repo_url: str | None
) -> dict[str, str]:
    """The notebook index (if there are notebooks) and the cover's PDF links in each of
    ``languages``: name -> text."""
    out = {}
    front = _FRONT.format(source="the chapters' notebooks")
    version = notebooks.book_version()
    for language in languages:
        if chapters:
            index = notebook_index_markdown(docs, chapters, language, repo_url)
            out[i18n.localized(NOTEBOOK_INDEX, language)] = front + index
        out[i18n.localized(PDF_LINKS, language)] = pdf_links(language, version)
    return out


def _write(docs: Path, generated: dict[str, str], check: bool) -> list[str]:
    """Write (or with ``check``, only compare) ``generated``; returns the names that changed."""
    changed = []
    for name, text in generated.items():
        path = docs / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed


def notebook_sync(
    docs: Path,
    chapters: dict[str, str],
    languages: tuple[str, ...],
    repo_url: str | None,
    check: bool = False,
) -> list[str]:
    """:func:`sync` for :func:`notebook_pages`."""
    return _write(docs, notebook_pages(docs, chapters, languages, repo_url), check)


def is_generated(name: str) -> bool:
    """Whether the page ``name`` (in any language) is one of these."""
    return i18n.source_name(name) in (EXERCISE_INDEX, GLOSSARY, NOTEBOOK_INDEX, *backmatter.PAGES)


def book_sync(check: bool = False, config: Path = CONFIG, docs: Path = DOCS) -> list[str]:
    """:func:`sync` and :func:`notebook_sync` for the book of ``config`` (its nav gives the
    chapters' order)."""
    settings = notebooks.book_config(config)
    order = nav_pages(settings.get("nav") or [])
    changed = sync(docs, exercise_chapters(docs, order), i18n.LANGUAGES, check=check)
    chapters = notebook_chapters(docs, order)
    repo_url = settings.get("repo_url")
    return changed + notebook_sync(docs, chapters, i18n.LANGUAGES, repo_url, check=check)


def notebook_chapters(docs: Path, order: list[str]) -> dict[str, str]:
    """The chapters of ``docs`` that have a notebook (chapter -> its stem): those of ``order``
    first, in that order, then the others by name."""
    with_code = notebooks.chapter_notebooks(docs)
    ordered = [p for p in order if p in with_code]
    ordered += sorted(p for p in with_code if p not in ordered)
    return {name: with_code[name] for name in ordered}


def main(argv: list[str] | None = None) -> int:
    """The command line: write the generated pages, or with ``--check`` list stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list those out of date")
    args = parser.parse_args(argv)
    changed = book_sync(check=args.check)
    for name in changed:
        print(f"{'stale' if args.check else 'wrote'}: docs/{name}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
