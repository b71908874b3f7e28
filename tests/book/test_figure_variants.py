"""Every static figure in each language and palette (issue 27): the dark palette's colours
(book/figures/_palette.py), the Korean labels (book/figures/_labels.py), the build's refusal to
draw a letter as a box, and the files in docs/figures."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from book.figures import _build
from book.figures._labels import LabelError, Labels, translate, with_hangul_in_math
from book.figures._palette import SLATE, dark, dark_png, dark_svg
from book.figures._registry import FigureSpec
from book.figures.style import BORDER, CARD, COLORS, CYCLE, INK, RC, context, new_figure
from book.paths import FIGURES, REPO
from book.site import figures as site_figures


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def _luminance(rgb: np.ndarray) -> float:
    linear = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _contrast(a: np.ndarray, b: np.ndarray) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- the dark palette -------------------------------------------------------------------------


def test_the_card_becomes_the_dark_page_and_the_ink_light() -> None:
    assert np.array_equal(np.round(dark(_rgb(CARD)) * 255), SLATE)
    slate = np.array(SLATE) / 255
    assert _contrast(dark(_rgb(INK)), slate) >= 7  # text: WCAG AAA
    assert _contrast(dark(_rgb(RC["axes.edgecolor"])), slate) >= 4.5
    assert _contrast(dark(_rgb(BORDER)), slate) < 2  # the card's edge: a hint, as on light


@pytest.mark.parametrize("colour", CYCLE)
def test_every_series_colour_reads_on_the_dark_card(colour: str) -> None:
    """Lines and points: at least 3:1 against the card (WCAG's non-text contrast), and the
    same hue, so a legend still names the colour it shows."""
    light, shown = _rgb(colour), dark(_rgb(colour))
    assert _contrast(shown, np.array(SLATE) / 255) >= 3

    def hue(rgb: np.ndarray) -> float:
        r, g, b = rgb
        return float(np.degrees(np.arctan2(np.sqrt(3) * (g - b), 2 * r - g - b)) % 360)

    assert abs((hue(shown) - hue(light) + 180) % 360 - 180) < 4


def test_the_series_stay_apart_in_the_dark() -> None:
    """Any two series differ in the dark at least 3/4 as much as in the light."""
    for i, a in enumerate(CYCLE):
        for b in CYCLE[i + 1 :]:
            apart = np.abs(dark(_rgb(a)) - dark(_rgb(b))).sum() / np.abs(_rgb(a) - _rgb(b)).sum()
            assert apart > 0.75, (a, b, apart)


def test_an_svg_and_its_embedded_image_are_mapped() -> None:
    from PIL import Image

    image = io.BytesIO()
    pixels = np.zeros((2, 3, 4), dtype=np.uint8)
    pixels[..., :3], pixels[..., 3] = 255, [[255, 128, 0], [255, 255, 255]]
    Image.fromarray(pixels, "RGBA").save(image, format="PNG")
    encoded = base64.b64encode(image.getvalue()).decode()
    svg = f'<path style="fill: #ffffff; stroke: {INK}"/><image xlink:href="data:image/png;base64,{encoded}"/>'
    mapped = dark_svg(svg)
    assert "#ffffff" not in mapped and INK.lower() not in mapped.lower()
    assert "#1e2029" in mapped
    png = base64.b64decode(re.search(r"base64,([^\"]+)", mapped)[1])  # type: ignore[index]
    out = np.asarray(Image.open(io.BytesIO(png)))
    assert out.shape == (2, 3, 4) and np.array_equal(out[..., 3], pixels[..., 3])
    assert np.array_equal(out[0, 0, :3], SLATE)
    assert dark_png(image.getvalue()) == dark_png(image.getvalue())  # reproducible


# --- the files --------------------------------------------------------------------------------

STATIC = sorted(p for p in FIGURES.glob("*.svg") if not re.search(r"-(ko|dark)$", p.stem))


@pytest.mark.parametrize("light", STATIC, ids=lambda p: p.stem)
def test_each_figure_has_its_four_files(light: Path) -> None:
    """The dark files draw nothing in the light palette's card, ink or grid colours; the
    Korean files draw other letters than the English ones (their labels)."""
    files = {v: light.with_name(f"{light.stem}{v}.svg") for v in ("-dark", "-ko", "-ko-dark")}
    assert all(f.is_file() for f in files.values()), files
    light_only = {c.lower() for c in (CARD, INK, BORDER, RC["grid.color"], RC["axes.edgecolor"])}
    for name in ("-dark", "-ko-dark"):
        colours = set(re.findall(r"#[0-9a-f]{6}", files[name].read_text(encoding="utf-8")))
        if light.stem != "logo":  # the logo sits on the header's indigo in either palette
            assert not colours & light_only, (name, colours & light_only)

    def glyphs(path: Path) -> set[str]:
        return set(re.findall(r'<path id="f\d+-[0-9a-f]+" d="([^"]*)"', path.read_text()))

    if glyphs(light) and light.stem != "logo":
        assert glyphs(files["-ko"]) - glyphs(light), f"{files['-ko'].name} draws no other letter"


# --- the labels -------------------------------------------------------------------------------

LABELS = Labels(
    {
        "common": {"epoch": "에포크"},
        "fig": {"learned in # updates": "갱신 #1번으로 학습", "# of #": "#2개 중 #1개"},
    }
)


def test_every_korean_label_is_drawn_by_its_figure() -> None:
    """What the figure build recorded (docs/figures/.manifest.json): every entry of
    translations/ko/figures.yml was used, each section names a figure (or is ``common``)."""
    records = json.loads((FIGURES / ".manifest.json").read_text(encoding="utf-8"))["figures"]
    table = yaml.safe_load((REPO / "translations" / "ko" / "figures.yml").read_text("utf-8"))
    assert set(table) - {"common"} <= set(records), set(table) - set(records)
    used = {label for record in records.values() for label in record["labels"]}
    entries = {f"ko: {key}" for section in table.values() for key in section}
    assert sorted(entries - used) == []


def test_a_label_takes_its_numbers_in_the_translations_order() -> None:
    assert LABELS.text("fig", "learned in 9 updates") == "갱신 9번으로 학습"
    assert LABELS.text("fig", "3 of 10") == "10개 중 3개"
    assert LABELS.text("fig", "epoch") == "에포크"
    assert LABELS.text("fig", "$x = 0.5$") == "$x = 0.5$"  # nothing to translate


def test_a_label_without_a_translation_names_its_figure_and_text() -> None:
    with pytest.raises(LabelError, match=r"figure 'fig' draws 'validation', which has no"):
        LABELS.text("fig", "validation")


def test_hangul_beside_a_formula_is_set_in_the_hangul_font() -> None:
    assert with_hangul_in_math("학습률 $\\eta$, 에포크 5") == (
        "$\\mathsf{학습률}$ $\\eta$, $\\mathsf{에포크}$ 5"
    )


def _figure(*texts: str) -> FigureSpec:
    def draw():  # type: ignore[no-untyped-def]
        fig = new_figure(3, 2)
        ax = fig.add_subplot()
        for i, text in enumerate(texts):
            ax.text(0.1, 0.2 * i, text)
        return fig

    return FigureSpec("fig", draw, "svg", "A figure drawn for a test of its labels.", "tests")


def test_an_entry_no_text_uses_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("book.figures._labels.labels", lambda language: LABELS)
    with context("ko"):
        fig = _figure("learned in 4 updates").draw()
        with pytest.raises(LabelError, match=r"draws no text that matches \['# of #'\]"):
            translate(fig, "fig", "ko")


def test_the_build_refuses_to_draw_a_letter_as_a_box(tmp_path: Path) -> None:
    for text in ("\ue000", "$x$ 가"):  # a letter no font has; Hangul where mathtext has none
        with context("ko"), pytest.raises(_build.MissingGlyphError):
            fig = _figure(text).draw()
            with _build._every_glyph_drawn():
                fig.savefig(io.BytesIO(), format="svg")


def test_a_korean_figure_draws_every_letter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("book.figures._labels.labels", lambda language: LABELS)
    files = [p.name for p in _build.save(_figure("learned in 12 updates", "3 of 4"), tmp_path)]
    assert files == ["fig.svg", "fig-dark.svg", "fig-ko.svg", "fig-ko-dark.svg"]
    assert (tmp_path / "fig-ko.svg").read_bytes() != (tmp_path / "fig.svg").read_bytes()
    assert COLORS  # the style is loaded


def test_a_self_closed_image_becomes_two_well_formed_ones() -> None:
    """Python-Markdown writes ``<img ... />``: its slash must not stay behind, between the
    attributes, in the light and dark images."""
    html = '<article class="md-typeset"><p><img alt="A" src="../figures/and-gate.svg" /></p>'
    out = site_figures.for_reader(html, "ko", printed=False)
    images = re.findall(r"<img[^>]*>", out)
    assert images == [
        '<img alt="A" src="../figures/and-gate-ko.svg#only-light" loading="lazy">',
        '<img alt="A" src="../figures/and-gate-ko-dark.svg#only-dark" loading="lazy">',
    ]
