"""A figure's texts in the reader's language: ``translations/<language>/figures.yml``.

The drawing code writes English. For another language the build draws the figure, then
replaces every text it holds (titles, axis labels, legends, annotations, fixed tick labels) by
the table's entry for that figure or the table's ``common`` entries. A ``#`` in an English key
stands for a number the code computed (``learned in # updates``); ``#1``, ``#2``, … in the
translation put those numbers back, in the English order. Math (``$…$``) is matched as it is.
A text with a Latin letter outside math and no entry is an error that names the figure and the
text, as is an entry no text of its figure uses: the table and the drawings stay in step.

Examples:
    >>> labels = Labels({"common": {"epoch": "에포크"}, "f": {"learned in # updates": "#1번 갱신"}})
    >>> labels.text("f", "learned in 9 updates"), labels.text("f", "epoch"), labels.text("f", "$z$")
    ('9번 갱신', '에포크', '$z$')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from book.paths import REPO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["LabelError", "Labels", "labels", "translate"]

COMMON = "common"
_NUMBER = r"([−+-]?\d+(?:\.\d+)?)"
_MATH = re.compile(r"\$[^$]*\$")
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


class LabelError(ValueError):
    """A text of a figure without a translation, or a translation no text uses."""


class Labels:
    """The translation table of one language: figure name → English text → translation."""

    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        self.table = table
        self._patterns = {
            figure: [(english, _pattern(english), text) for english, text in entries.items()]
            for figure, entries in table.items()
        }

    def _entries(self, figure: str) -> Iterator[tuple[str, re.Pattern[str], str]]:
        yield from self._patterns.get(figure, [])
        yield from self._patterns.get(COMMON, [])

    def lookup(self, figure: str, text: str) -> tuple[str | None, str]:
        """The English key that ``text`` of ``figure`` matches (None for none) and ``text`` in
        the table's language (unchanged without Latin letters outside math). Raises LabelError
        when a text with words has no entry."""
        for key, pattern, translation in self._entries(figure):
            found = pattern.fullmatch(text)
            if found:
                return key, with_hangul_in_math(_filled(translation, found.groups()))
        if _LATIN.search(_MATH.sub("", text)):
            raise LabelError(f"figure {figure!r} draws {text!r}, which has no translation")
        return None, text

    def text(self, figure: str, text: str) -> str:
        """``text`` of ``figure`` in the table's language (see :meth:`lookup`)."""
        return self.lookup(figure, text)[1]


def _filled(translation: str, numbers: tuple[str, ...]) -> str:
    """``translation`` with ``#1``, ``#2``, … replaced by ``numbers`` in that order."""
    return re.sub(r"#(\d)", lambda m: numbers[int(m[1]) - 1], translation)


def with_hangul_in_math(text: str) -> str:
    r"""``text`` with its Hangul set as ``$\mathsf{…}$`` when it holds a formula: matplotlib sets
    a text with ``$`` in one font, without falling back to another for the glyphs it lacks,
    and the Korean figures draw ``\mathsf`` in NanumGothic (:data:`book.figures.style.KOREAN_RC`).

    >>> print(with_hangul_in_math("학습률 $\eta$"), with_hangul_in_math("학습률"))
    $\mathsf{학습률}$ $\eta$ 학습률
    """
    if "$" not in text:
        return text
    parts = text.split("$")  # even: outside a formula
    parts[::2] = [_HANGUL.sub(lambda m: f"$\\mathsf{{{m[0]}}}$", p) for p in parts[::2]]
    return "$".join(parts)


def _pattern(english: str) -> re.Pattern[str]:
    return re.compile(_NUMBER.join(re.escape(part) for part in english.split("#")))


@functools.cache
def labels(language: str) -> Labels:
    """The table of ``language`` (``translations/<language>/figures.yml``)."""
    import yaml

    path = REPO / "translations" / language / "figures.yml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise LabelError(f"{path}: expected figure names, each a mapping of English → translation")
    return Labels(table)


def translate(fig: Figure, name: str, language: str) -> list[str]:
    """Put every text of figure ``name`` in ``language``: its Text artists and fixed tick labels.
    Returns the table's keys it used (the build records them: a test finds unused ones).

    Raises LabelError for a text without a translation, or an entry of the figure's own that
    none of its texts uses."""
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter

    table, used = labels(language), set()

    def one(text: str) -> str:
        if not text:
            return text
        key, translated = table.lookup(name, text)
        used.add(key)
        return translated

    for artist in fig.findobj(Text):
        artist.set_text(one(artist.get_text()))
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatter = axis.get_major_formatter()
            if isinstance(formatter, FixedFormatter):
                formatter.seq = [one(text) for text in formatter.seq]
    unused = sorted(set(table.table.get(name, {})) - used)
    if unused:
        raise LabelError(f"figure {name!r} draws no text that matches {unused}")
    return sorted(key for key in used if key is not None)
