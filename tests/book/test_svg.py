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


def _drawn(root: ET.Element) -> list[tuple[ET.Element, tuple[str, ...]]]:
    """Every element but the groups that only group, each with the styles of the groups that
    hold it (their clip paths and whether they move what they hold; the styles a group hands
    down are checked by ``_marker_styles``)."""
    out: list[tuple[ET.Element, tuple[str, ...]]] = []

    def walk(element: ET.Element, held: tuple[str, ...]) -> None:
        attrs = {k: v for k, v in element.attrib.items() if k != "id"}
        if element.tag != f"{SVG}g" or attrs:
            out.append((element, held))
        if element.tag == f"{SVG}g" and attrs:
            placed = "transform" in attrs
            held = (*held, f"{attrs.get('clip-path')} {placed}")
        for child in element:
            walk(child, held)

    walk(root, ())
    return out


def test_same_elements_and_coordinates_to_a_hundredth_of_a_point() -> None:
    before = _figure_svg()
    after = compact(before)
    assert len(after) < 0.9 * len(before)
    old, new = ET.fromstring(before.encode()), ET.fromstring(after.encode())
    old.remove(old.find(f"{SVG}metadata"))  # the RDF block is dropped on purpose
    # groups without attributes (after their unused ids are dropped) go: the rest stays, each
    # element under the same styled and placed groups
    old_elements, new_elements = _drawn(old), _drawn(new)
    assert [(e.tag, held) for e, held in new_elements] == [
        (e.tag, held) for e, held in old_elements
    ]
    assert all(g.attrib for g in new.iter(f"{SVG}g")), "a group without attributes is left"
    for (a, _), (b, _) in zip(old_elements, new_elements, strict=True):
        for name in ("d", "x", "y", "width", "height"):
            if name in a.attrib:
                va, vb = NUMBER.findall(a.attrib[name]), NUMBER.findall(b.attrib[name])
                assert len(va) == len(vb), name
                assert np.allclose(np.float64(va), np.float64(vb), atol=0.005 + 1e-9), name
                commands_a = re.sub(r"[^A-Za-z]", "", a.attrib[name])
                assert commands_a == re.sub(r"[^A-Za-z]", "", b.attrib[name])
        if "translate(" in a.attrib.get("transform", ""):  # a glyph's or a text's place
            va, vb = NUMBER.findall(a.attrib["transform"]), NUMBER.findall(b.attrib["transform"])
            assert np.allclose(np.float64(va), np.float64(vb), atol=0.005 + 1e-9)
            assert re.sub(r"translate\([^)]*\)", "", a.attrib["transform"]) == re.sub(
                r"translate\([^)]*\)", "", b.attrib["transform"]
            ), "only the translation is rounded"
        else:
            assert a.attrib.get("transform") == b.attrib.get("transform")
    # every glyph or marker drawn is the same shape, under its shorter name
    href = "{http://www.w3.org/1999/xlink}href"
    shapes = [
        {e.attrib["id"]: e.get("d", "") for e in r.iter() if "id" in e.attrib} for r in (old, new)
    ]
    uses = [[u.attrib[href][1:] for u in r.iter(f"{SVG}use")] for r in (old, new)]
    assert len(uses[0]) == len(uses[1]) > 5
    for id_a, id_b in zip(*uses, strict=True):
        va, vb = NUMBER.findall(shapes[0][id_a]), NUMBER.findall(shapes[1][id_b])
        assert np.allclose(np.float64(va), np.float64(vb), atol=0.005 + 1e-9), (id_a, id_b)
    assert "DejaVuSans" in before and "DejaVuSans" not in after and "<!--" not in after


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
    group = (
        '<g clip-path="url(#c)"><use x="1" style="fill: red"/><use x="2" style="fill: blue"/></g>'
    )
    assert compact(group) == group
    styled_group = '<g style="opacity: 0.5"><use x="1" style="fill: red"/></g>'
    assert compact(styled_group) == styled_group


def test_groups_that_only_group_are_dropped() -> None:
    svg = '<g><g id="line2d_1"><path d="M0 0"/></g><g style="fill: red"><g><use x="1"/></g></g></g>'
    assert compact(svg) == '<path d="M0 0"/><g style="fill: red"><use x="1"/></g>'
