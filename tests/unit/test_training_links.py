"""Every training setting of ``MLP`` and ``MLP.fit`` links to the section of the chapter that
derives it (*Training*, ``docs/training.md``, or *Initialisation and early stopping*,
``docs/initialisation.md``), and every such link lands on a heading of that chapter."""

from __future__ import annotations

import inspect
import re
import unicodedata
from pathlib import Path

import pytest

from nnbook.mlp import MLP

DOCS = Path(__file__).resolve().parents[2] / "docs"

DOCUMENTED = {
    (MLP, "Args"): ["epochs", "lr", "batch_size", "momentum", "patience", "seed"],
    (MLP, "Attributes"): ["params", "best_epoch_", "history_"],
    (MLP.fit, "Args"): ["validation_data"],
    (MLP.fit, "Raises"): ["FloatingPointError"],
}
"""(object, docstring section) -> the entries that must link to the chapter."""

LINK = re.compile(r"\((training|initialisation)\.md#([a-z0-9-]+)\)")
EXPLICIT_ID = re.compile(r"\{\s*#([\w-]+)\s*\}\s*$")


def entries(obj: object, section: str) -> dict[str, str]:
    """The entries of a Google-style docstring ``section`` of ``obj``: name -> its text."""
    lines = inspect.getdoc(obj).splitlines()  # type: ignore[union-attr]
    start = lines.index(f"{section}:") + 1
    found: dict[str, str] = {}
    name = None
    for line in lines[start:]:
        if line and not line.startswith(" "):  # the next section
            break
        head = re.match(r"^ {4}(\w+): ?(.*)$", line)
        if head:
            name = head.group(1)
            found[name] = head.group(2)
        elif name is not None:
            found[name] += " " + line.strip()
    return found


def slug(text: str) -> str:
    """A heading's id as Python-Markdown's toc extension makes it (its default ``slugify``):
    ASCII letters, digits, ``_`` and ``-`` kept, lowercased, runs of spaces and ``-`` -> ``-``.
    (The library's test group has no Markdown; a test below compares when it is installed.)"""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    kept = re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()
    return re.sub(r"[-\s]+", "-", kept)


def heading_ids(markdown: str) -> set[str]:
    """The ids of the headings of a chapter, as Python-Markdown's toc extension makes them:
    an explicit ``{ #id }`` or the slug of the heading's text. Code fences are skipped."""
    ids, fence = set(), None
    for line in markdown.splitlines():
        stripped = line.lstrip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if marker:
            if fence is None:
                fence = marker.group(1)
            elif stripped.startswith(fence):
                fence = None
            continue
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if fence is None and heading:
            text = heading.group(1)
            explicit = EXPLICIT_ID.search(text)
            ids.add(explicit.group(1) if explicit else slug(text))
    return ids


def test_slug_agrees_with_the_toc_extension() -> None:
    toc = pytest.importorskip("markdown.extensions.toc")
    for text in ("The learning rate", "Early stopping in `fit`", "From A to B: SGD, B = 1"):
        assert slug(text) == toc.slugify(text, "-")


CASES = [(obj, section, name) for (obj, section), names in DOCUMENTED.items() for name in names]


def test_heading_ids_follow_the_toc_extension() -> None:
    text = "# Training\n\n## The learning rate\n\n```python\n# not a heading\n```\n\n"
    text += "### Early stopping in `fit`\n\n## 모멘텀 { #momentum }\n"
    assert heading_ids(text) == {
        "training",
        "the-learning-rate",
        "early-stopping-in-fit",
        "momentum",
    }


@pytest.mark.parametrize(("obj", "section", "name"), CASES, ids=[c[2] for c in CASES])
def test_each_training_entry_links_to_a_section(obj: object, section: str, name: str) -> None:
    text = entries(obj, section).get(name)
    assert text is not None, f"{section} of {getattr(obj, '__qualname__', obj)} has no {name}"
    assert LINK.search(text), f"{name} does not link to a section of either chapter: {text!r}"


@pytest.mark.parametrize(("obj", "section", "name"), CASES, ids=[c[2] for c in CASES])
def test_each_link_lands_on_a_heading_of_the_chapter(obj: object, section: str, name: str) -> None:
    for page, anchor in LINK.findall(entries(obj, section)[name]):
        ids = heading_ids((DOCS / f"{page}.md").read_text(encoding="utf-8"))
        assert anchor in ids, f"{name} links to {page}.md#{anchor}, not a heading of the chapter"
