"""Python-Markdown extension: each exercise of a page gets the id its number gives it.

``!!! exercise coding "2.3 Title ★"`` renders as ``<div class="admonition exercise coding"
id="exercise-2-3">`` (:func:`book.exercises.anchor`): the exercise index and the chapters link
to it. As a Markdown extension (``markdown_extensions: [book.exercise_ids]`` in mkdocs.yml) the
id is in the page whatever the generator, and it is there before the generator collects the
page's anchors to check the links to them.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from book.exercises import anchor

_NUMBER = re.compile(r"(\d+\.\d+) ")


class ExerciseIds(Treeprocessor):
    """Sets the id of every ``div.admonition.exercise`` whose title starts with its number."""

    def run(self, root: Element) -> None:
        for div in root.iter("div"):
            if div.get("class", "").split()[:2] != ["admonition", "exercise"] or div.get("id"):
                continue
            title = div.find("p")
            if title is None or "admonition-title" not in title.get("class", "").split():
                continue
            number = _NUMBER.match(title.text or "")
            if number:
                div.set("id", anchor(number[1]))


class ExerciseIdsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # before the generator reads the page's anchors (MkDocs: priority 5, as toc)
        md.treeprocessors.register(ExerciseIds(md), "nnbook_exercise_ids", 6)


def makeExtension(**kwargs: Any) -> ExerciseIdsExtension:  # noqa: N802 (Python-Markdown's name)
    return ExerciseIdsExtension(**kwargs)
