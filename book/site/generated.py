"""The pages the build writes into ``docs/`` from other sources, never edited by hand.

- ``exercises.md`` and its translations (``exercises.ko.md``): "All exercises", a table per
  chapter linking each exercise (:func:`book.exercises.index_markdown`);
- ``glossary.ko.md``: the Korean edition's glossary, made from ``translations/ko/glossary.yml``
  (:func:`book.i18n.glossary_markdown`).

They are committed, like the notebooks, so that any generator finds them in ``docs/`` as
ordinary pages; each build rewrites those that changed, and a test fails while a committed one
is out of date. Each says in its front matter where it comes from.

Usage::

    python -m book.site.generated          # write those that changed
    python -m book.site.generated --check  # only list them (exit 1 if any)

    chapters = exercise_chapters(Path("docs"), ["index.md", "perceptron.md", ...])
    for name in sync(Path("docs"), chapters, languages=("en", "ko")):
        print("updated", name)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from book import exercises, i18n
from book.chapter import nav_pages
from book.paths import CONFIG, DOCS

EXERCISE_INDEX = exercises.INDEX
GLOSSARY = "glossary.md"  # the Korean edition's: glossary.ko.md
_FRONT = "---\ngenerated_from: {source}  # edit that, not this page\n---\n\n"


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


def localized(name: str, language: str) -> str:
    """``name`` in ``language``: ``exercises.md`` -> ``exercises.ko.md`` (the default: itself)."""
    return name if language == i18n.DEFAULT else name.replace(".md", f".{language}.md")


def pages(docs: Path, chapters: list[str], languages: tuple[str, ...]) -> dict[str, str]:
    """Every generated page: name in ``docs`` -> its Markdown."""
    out = {}
    if chapters:
        front = _FRONT.format(source="the chapters' exercises")
        for language in languages:
            index = exercises.index_markdown(docs, chapters, language)
            out[localized(EXERCISE_INDEX, language)] = front + index
    if "ko" in languages:
        front = _FRONT.format(source="translations/ko/glossary.yml")
        out[localized(GLOSSARY, "ko")] = front + i18n.glossary_markdown()
    return out


def sync(
    docs: Path, chapters: list[str], languages: tuple[str, ...], check: bool = False
) -> list[str]:
    """Write (or with ``check``, only compare) the generated pages; returns those that changed."""
    changed = []
    for name, text in pages(docs, chapters, languages).items():
        path = docs / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    return changed


def is_generated(name: str) -> bool:
    """Whether the page ``name`` (in any language) is one of these."""
    return i18n.source_name(name) in (EXERCISE_INDEX, GLOSSARY)


def book_sync(check: bool = False, config: Path = CONFIG, docs: Path = DOCS) -> list[str]:
    """:func:`sync` for the book of ``config`` (its nav gives the chapters' order)."""
    from mkdocs.utils.yaml import yaml_load  # MkDocs' loader: mkdocs.yml has !ENV tags

    nav = yaml_load(config.read_text(encoding="utf-8")).get("nav") or []
    return sync(docs, exercise_chapters(docs, nav_pages(nav)), i18n.LANGUAGES, check=check)


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
