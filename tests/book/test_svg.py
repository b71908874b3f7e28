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
        assert a.attrib.get("transform") == b.attrib.get("transform")


def test_the_pixelated_hint_is_removed() -> None:
    before = _figure_svg()
    assert "image-rendering:pixelated" in before
    assert "image-rendering" not in compact(before)


def test_minus_zero_and_trailing_zeros() -> None:
    assert compact('<path d="M -0.001 1.500000 \nL 2.005000 3"/>') == '<path d="M0 1.5L2 3"/>'
