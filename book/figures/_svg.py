"""Smaller SVG files from matplotlib, drawn the same.

matplotlib writes every coordinate with six decimals of a point (1/72 inch), one path command
per line, and an RDF metadata block. :func:`compact` rounds the coordinates of paths and
placed elements to 1/100 pt (a fiftieth of a pixel on a 2× screen), writes path data relative
to the pen (:func:`relative`: short numbers, no repeated command letters), draws a glyph's
outline on a grid of ``GLYPH_UNIT`` (about 1/100 pt; Hangul outlines are long), drops the metadata and the whitespace between tags, writes the style of a
line's markers once, on their group, instead of on every marker, rounds a glyph's place in its
line of text to 1/100 of a font unit (text is scaled down 50 times or more) and a line of
text's place in the figure to 1/100 pt, names a font's glyphs ``f0-1a`` instead of
``DejaVuSans-1a``, and drops the ids nothing refers to, the groups left without attributes
and the comments (the text of each label, which the drawing does not use): about 20–30 % of a figure's bytes. Other transforms
keep their precision (glyph scales such as ``scale(0.015625)`` would not survive rounding).

An image drawn with ``interpolation="none"`` is embedded at its data's own resolution, and
matplotlib asks the browser to show its pixels as squares. The book uses that for smooth
fields (a classifier's probability over the plane, 121 × 121 values): the hint is removed so
the browser interpolates them, as ``interpolation="bilinear"`` would have at several times
the bytes. Pixel images (the digits) are PNG figures and are not touched.
"""

from __future__ import annotations

import re

__all__ = ["GLYPH_UNIT", "compact", "relative"]

_DECIMAL = re.compile(r"-?\d+\.\d+")
_PATH = re.compile(r'(\sd=")(M[^"]*)"')
_GLYPH = re.compile(
    r'(<path id="[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z]*)*-[0-9a-f]+" d=")(M[^"]*)" transform="scale\(([\d.]+)\)"'
)
GLYPH_UNIT = 16
"""A glyph outline's grid, in matplotlib's glyph units (1/64 of a font unit; text is scaled
down 50 times or more): 16 of them are about 1/100 pt on the page."""
_PLACED = re.compile(r'(\s(?:x|y|width|height)=")(-?\d+\.\d+)"')
_TOKEN = re.compile(r"[MLQCZz]|-?\d+(?:\.\d+)?(?:e-?\d+)?")
_POINTS = {"M": 1, "L": 1, "Q": 2, "C": 3}
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")
_PIXELATED = ' style="image-rendering:crisp-edges;image-rendering:pixelated"'
_USE_GROUP = re.compile(r"<g((?: [^>]*)?)>((?:<use [^>]*?/>)+)</g>")
_GLYPH_SHIFT = re.compile(r'(<use xlink:href="#[^"]*" transform="translate\()([^)]*)\)')
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r'#([^")\s]+)[")]')
_STYLE = re.compile(r' style="([^"]*)"')
_TEXT_PLACE = re.compile(r'(<g [^>]*transform="translate\()([^)]*)(\) scale\()')
_GLYPH_ID = re.compile(r'(id="|#)([A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z]*)*)-([0-9a-f]+)(?=[")])')
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_GROUP_TAG = re.compile(r"<g>|<g\s[^>]*>|</g>")


def _round(match: re.Match[str]) -> str:
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _path(match: re.Match[str]) -> str:
    return match.group(1) + relative(match.group(2)) + '"'


def _glyph(match: re.Match[str]) -> str:
    """A glyph's outline (its definition, which every use of the glyph refers to) in units of
    ``GLYPH_UNIT`` of matplotlib's, its own scale multiplied by as much."""
    scale = float(match[3]) * GLYPH_UNIT
    return f'{match[1]}{relative(match[2], GLYPH_UNIT)}" transform="scale({scale:g})"'


def _number(n: int, unit: float) -> str:
    """``n`` units as the shortest decimal: 150 hundredths → 1.5, -50 → -.5, 7 → .07."""
    text = (
        f"{abs(n) * unit:.2f}".rstrip("0").rstrip(".").removeprefix("0")
        if unit < 1
        else f"{abs(n)}"
    )
    return ("-" if n < 0 else "") + (text or "0")


def relative(data: str, unit: float = 0.01) -> str:
    """Path data (absolute ``M L Q C z`` commands, as matplotlib writes them) rounded to
    multiples of ``unit`` and written relative to the pen: ``m`` ``l`` ``h`` ``v`` ``q`` ``c``
    ``z``, a command letter only when it changes, no space before a minus sign. With ``unit``
    1/100 the numbers are the coordinates; with a whole ``unit`` they count units (the caller
    scales them back). The arithmetic is exact, in units: each point is the rounded point; the
    digits are fewer, as each point is near the last."""
    tokens = _TOKEN.findall(data)
    out: list[str] = []
    pen = start = (0, 0)
    last, i = "", 0
    while i < len(tokens):
        command = tokens[i]
        i += 1
        if command in "Zz":
            out.append("z")
            pen, last = start, "z"
            continue
        values = [round(float(t) / unit) for t in tokens[i : i + 2 * _POINTS[command]]]
        i += len(values)
        points = list(zip(values[::2], values[1::2], strict=True))
        moves = [n - pen[k % 2] for k, n in enumerate(values)]
        letter = command.lower()
        if letter == "l" and moves[1] == 0:
            letter, moves = "h", moves[:1]
        elif letter == "l" and moves[0] == 0:
            letter, moves = "v", moves[1:]
        text = "".join(
            (" " if k and n >= 0 else "") + _number(n, unit) for k, n in enumerate(moves)
        )
        repeated = letter == last and letter != "m"
        out.append((text if text.startswith("-") else " " + text) if repeated else letter + text)
        pen, last = points[-1], letter
        if command == "M":
            start = pen
    return "".join(out)


def _shared_style(match: re.Match[str]) -> str:
    """A group of ``<use>`` elements of one style (a line's markers) with the style written
    once, on the group, which they inherit."""
    attrs, uses = match.groups()
    styles = set(_STYLE.findall(uses))
    if len(styles) != 1 or _STYLE.search(attrs) or uses.count("<use ") != uses.count(" style="):
        return match.group(0)
    return f'<g{attrs} style="{styles.pop()}">{_STYLE.sub("", uses)}</g>'


def _unreferenced_ids(svg: str) -> str:
    """Drop the ids matplotlib gives every group (``line2d_5``) that nothing refers to."""
    referenced = set(_REFERENCE.findall(svg))
    return _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", svg)


def _short_glyph_ids(svg: str) -> str:
    """Glyph ids (``DejaVuSans-Oblique-78``: a font's name and the glyph's number) with the
    font named ``f0``, ``f1``, ... in the order the file first uses each."""
    fonts: dict[str, str] = {}

    def short(match: re.Match[str]) -> str:
        where, font, glyph = match.groups()
        return f"{where}{fonts.setdefault(font, f'f{len(fonts)}')}-{glyph}"

    return _GLYPH_ID.sub(short, svg)


def _bare_groups_dropped(svg: str) -> str:
    """The file without the groups that have no attributes (they change nothing they hold)."""
    out: list[str] = []
    bare: list[bool] = []  # per open group: whether it has no attributes
    pos = 0
    for tag in _GROUP_TAG.finditer(svg):
        out.append(svg[pos : tag.start()])
        pos = tag.end()
        if tag[0] == "</g>":
            if not bare.pop():
                out.append(tag[0])
        else:
            bare.append(tag[0] == "<g>")
            if not bare[-1]:
                out.append(tag[0])
    return "".join(out) + svg[pos:]


def compact(svg: str) -> str:
    """``svg`` (as matplotlib writes it) with rounded coordinates and no padding."""
    svg = _COMMENT.sub("", _METADATA.sub("", svg))
    svg = _PATH.sub(_path, _GLYPH.sub(_glyph, svg))
    svg = _PLACED.sub(lambda m: f'{m.group(1)}{_DECIMAL.sub(_round, m.group(2))}"', svg)
    # a glyph's place in its text, in font units the text's transform scales down 50 times or more
    svg = _GLYPH_SHIFT.sub(lambda m: f"{m.group(1)}{_DECIMAL.sub(_round, m.group(2))})", svg)
    # a line of text's place in the figure, in points, before the scale to font units
    svg = _TEXT_PLACE.sub(lambda m: f"{m[1]}{_DECIMAL.sub(_round, m[2])}{m[3]}", svg)
    svg = _short_glyph_ids(svg.replace(_PIXELATED, ""))
    svg = _bare_groups_dropped(_unreferenced_ids(svg))
    return _USE_GROUP.sub(_shared_style, _BETWEEN_TAGS.sub("><", svg))
