"""book.figures._svg.compact: smaller SVG, same drawing (same elements, coordinates to 0.01 pt,
glyph outlines to 1/GLYPH_UNIT of their grid)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from book.figures._svg import GLYPH_UNIT, compact, relative

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
PATH_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)")
SIZES = {"m": 2, "l": 2, "h": 1, "v": 1, "q": 4, "c": 6}


def absolute(data: str, scale: float = 1.0) -> tuple[str, list[float]]:
    """Path data read as an SVG renderer does (absolute or relative commands, a repeated
    command without its letter): the commands, each as its absolute upper-case letter with
    lines as ``L``, and every point's coordinates, times ``scale``."""
    tokens = PATH_TOKEN.findall(data)
    letters, values = [], []
    x = y = start_x = start_y = 0.0
    command, i = "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command in "Zz":
                letters.append("Z")
                x, y = start_x, start_y
                continue
        lower = command.lower()
        numbers = [float(t) for t in tokens[i : i + SIZES[lower]]]
        i += SIZES[lower]
        dx, dy = (x, y) if command.islower() else (0.0, 0.0)
        if lower == "h":
            points = [(numbers[0] + dx, y)]
        elif lower == "v":
            points = [(x, numbers[0] + dy)]
        else:
            points = [(a + dx, b + dy) for a, b in zip(numbers[::2], numbers[1::2], strict=True)]
        letters.append("L" if lower in "hv" else lower.upper())
        values += [v * scale for point in points for v in point]
        x, y = points[-1]
        if lower == "m":
            start_x, start_y = x, y
            command = "l" if command == "m" else "L"  # pairs after a move are lines
    return "".join(letters), values


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
        outline = a.attrib.get("transform", "").startswith("scale(") and "d" in a.attrib
        if "d" in a.attrib:  # a glyph's outline is on its grid, its scale that many times larger
            unit = GLYPH_UNIT if outline else 1
            (commands_a, va), (commands_b, vb) = (
                absolute(a.attrib["d"]),
                absolute(b.attrib["d"], unit),
            )
            assert commands_a == commands_b
            assert np.allclose(va, vb, atol=unit / 2 if outline else 0.005 + 1e-9)
        for name in ("x", "y", "width", "height"):
            if name in a.attrib:
                va, vb = NUMBER.findall(a.attrib[name]), NUMBER.findall(b.attrib[name])
                assert np.allclose(np.float64(va), np.float64(vb), atol=0.005 + 1e-9), name
        if a.attrib.get("transform", "").startswith("scale("):
            (scale_a,), (scale_b,) = (NUMBER.findall(e.attrib["transform"]) for e in (a, b))
            assert float(scale_b) == float(scale_a) * (GLYPH_UNIT if outline else 1)
        elif "translate(" in a.attrib.get("transform", ""):  # a glyph's or a text's place
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
    glyph = [
        {e.attrib["id"]: "scale(" in e.get("transform", "") for e in r.iter() if "id" in e.attrib}
        for r in (old, new)
    ]
    for id_a, id_b in zip(*uses, strict=True):
        scale = GLYPH_UNIT if glyph[1][id_b] else 1
        (ca, va), (cb, vb) = absolute(shapes[0][id_a]), absolute(shapes[1][id_b], scale)
        assert ca == cb and np.allclose(va, vb, atol=scale / 2 + 0.005), (id_a, id_b)
    assert "DejaVuSans" in before and "DejaVuSans" not in after and "<!--" not in after


def test_the_pixelated_hint_is_removed() -> None:
    before = _figure_svg()
    assert "image-rendering:pixelated" in before
    assert "image-rendering" not in compact(before)


def test_minus_zero_and_trailing_zeros() -> None:
    assert compact('<path d="M -0.001 1.500000 \nL 2.005000 3"/>') == '<path d="m0 1.5l2 1.5"/>'


@pytest.mark.parametrize(
    ("data", "written"),
    [
        ("M0 0 L1.5 0 L1.5 -2 L0.25 0.254 z", "m0 0h1.5v-2l-1.25 2.25z"),
        ("M1 1 L2 2 L3 3 L4 5", "m1 1l1 1 1 1 1 2"),  # the letter once for a run
        ("M0 0 Q1 1 2 0 Q3 -1 4 0 z M10 10 L11 10", "m0 0q1 1 2 0 1-1 2 0zm10 10h1"),
        ("M0 0 C1 2 3 4 5 6 z", "m0 0c1 2 3 4 5 6z"),
    ],
)
def test_relative_path_data(data: str, written: str) -> None:
    assert relative(data) == written
    commands, values = absolute(written)
    expected = absolute(data)
    assert commands == expected[0] and np.allclose(values, expected[1], atol=0.005 + 1e-9)


def test_a_glyph_outline_on_its_grid() -> None:
    """Rounded to GLYPH_UNIT, the same shape within half a unit, however long the outline."""
    rng = np.random.default_rng(0)
    points = rng.integers(-4000, 4000, size=(200, 2))
    data = "M" + " L".join(f"{x} {y}" for x, y in points) + " z"
    commands, values = absolute(relative(data, GLYPH_UNIT), GLYPH_UNIT)
    assert commands == "M" + "L" * 199 + "Z"
    assert np.abs(np.array(values) - points.ravel()).max() <= GLYPH_UNIT / 2


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
    assert compact(svg) == '<path d="m0 0"/><g style="fill: red"><use x="1"/></g>'
