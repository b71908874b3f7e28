"""book.figures._svg.compact: smaller SVG, same drawing (same elements, coordinates to 0.01 pt)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from book.figures._svg import compact

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _figure_svg() -> str:
    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 50)
    ax.plot(x, np.sin(7 * x), label="sin")
    ax.scatter(x[::5], x[::5] ** 2)
    ax.imshow(np.outer(x, x), extent=(0, 1, 0, 1), interpolation="none")
    ax.set_title("a title")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()


def test_same_elements_and_coordinates_to_a_hundredth_of_a_point() -> None:
    before = _figure_svg()
    after = compact(before)
    assert len(after) < 0.9 * len(before)
    old, new = ET.fromstring(before.encode()), ET.fromstring(after.encode())
    old.remove(old.find(f"{SVG}metadata"))  # the RDF block is dropped on purpose
    old_elements = list(old.iter())
    assert [e.tag for e in new.iter()] == [e.tag for e in old_elements]
    for a, b in zip(old_elements, new.iter(), strict=True):
        for name in ("d", "x", "y", "width", "height"):
            if name in a.attrib:
                va, vb = NUMBER.findall(a.attrib[name]), NUMBER.findall(b.attrib[name])
                assert len(va) == len(vb), name
                assert np.allclose(np.float64(va), np.float64(vb), atol=0.005 + 1e-9), name
                commands_a = re.sub(r"[^A-Za-z]", "", a.attrib[name])
                assert commands_a == re.sub(r"[^A-Za-z]", "", b.attrib[name])
        if a.tag == f"{SVG}use" and "transform" in a.attrib:  # a glyph's place in its text
            va, vb = NUMBER.findall(a.attrib["transform"]), NUMBER.findall(b.attrib["transform"])
            assert np.allclose(np.float64(va), np.float64(vb), atol=0.005 + 1e-9)
        else:
            assert a.attrib.get("transform") == b.attrib.get("transform")


def test_the_pixelated_hint_is_removed() -> None:
    before = _figure_svg()
    assert "image-rendering:pixelated" in before
    assert "image-rendering" not in compact(before)


def test_minus_zero_and_trailing_zeros() -> None:
    assert compact('<path d="M -0.001 1.500000 \nL 2.005000 3"/>') == '<path d="M0 1.5L2 3"/>'


def _marker_styles(svg: str) -> list[str | None]:
    """Each ``<use>``'s style: its own, else the nearest enclosing group's (what it inherits)."""
    styles: list[str | None] = []

    def walk(element: ET.Element, inherited: str | None) -> None:
        own = element.attrib.get("style", inherited)
        if element.tag == f"{SVG}use":
            styles.append(own)
        for child in element:
            walk(
                child, own if element.tag == f"{SVG}g" or element.tag == f"{SVG}use" else inherited
            )

    walk(ET.fromstring(svg.encode()), None)
    return styles


def test_markers_of_one_line_share_one_style_on_their_group() -> None:
    """A scatter's markers all carry the same style in matplotlib's file: compact writes it
    once, on their group, and every marker still draws in it."""
    before = _figure_svg()
    after = compact(before)
    assert _marker_styles(after) == _marker_styles(before)
    assert sum(style is not None for style in _marker_styles(before)) >= 10  # the scatter
    assert after.count(' style="') < before.count(' style="') - 5


def test_markers_of_different_styles_keep_their_own() -> None:
    group = '<g><use x="1" style="fill: red"/><use x="2" style="fill: blue"/></g>'
    assert compact(group) == group
    styled_group = '<g style="opacity: 0.5"><use x="1" style="fill: red"/></g>'
    assert compact(styled_group) == styled_group
