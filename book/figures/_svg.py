"""Smaller SVG files from matplotlib, drawn the same.

matplotlib writes every coordinate with six decimals of a point (1/72 inch), one path command
per line, and an RDF metadata block. :func:`compact` rounds the coordinates of paths and
placed elements to 1/100 pt (a fiftieth of a pixel on a 2× screen), writes path data without
the line breaks, drops the metadata and the whitespace between tags: about 10–20 % of a
figure's bytes. Transforms keep their precision (glyph scales such as ``scale(0.015625)``
would not survive rounding).

An image drawn with ``interpolation="none"`` is embedded at its data's own resolution, and
matplotlib asks the browser to show its pixels as squares. The book uses that for smooth
fields (a classifier's probability over the plane, 121 × 121 values): the hint is removed so
the browser interpolates them, as ``interpolation="bilinear"`` would have at several times
the bytes. Pixel images (the digits) are PNG figures and are not touched.
"""

from __future__ import annotations

import re

__all__ = ["compact"]

_DECIMAL = re.compile(r"-?\d+\.\d+")
_PATH = re.compile(r'(\sd=")([^"]*)"')
_PLACED = re.compile(r'(\s(?:x|y|width|height)=")(-?\d+\.\d+)"')
_COMMAND_SPACE = re.compile(r" ?([MLQCZz]) ")
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")
_PIXELATED = ' style="image-rendering:crisp-edges;image-rendering:pixelated"'


def _round(match: re.Match[str]) -> str:
    text = f"{float(match.group(0)):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _path(match: re.Match[str]) -> str:
    data = _DECIMAL.sub(_round, " ".join(match.group(2).split()))
    return match.group(1) + _COMMAND_SPACE.sub(r"\1", data) + '"'


def compact(svg: str) -> str:
    """``svg`` (as matplotlib writes it) with rounded coordinates and no padding."""
    svg = _METADATA.sub("", svg)
    svg = _PATH.sub(_path, svg)
    svg = _PLACED.sub(lambda m: f'{m.group(1)}{_DECIMAL.sub(_round, m.group(2))}"', svg)
    svg = svg.replace(_PIXELATED, "")
    return _BETWEEN_TAGS.sub("><", svg)
