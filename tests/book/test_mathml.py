"""book.mathml (TeX to MathML with pandoc) and book.notebook_css (unused notebook CSS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from book import mathfont, mathml, notebook_css
from book.mathml import Formula


def test_one_call_converts_inline_and_display_math() -> None:
    out = mathml.to_mathml(
        [Formula(r"\frac{1}{2}", False), Formula(r"\begin{aligned} a &= b \end{aligned}", True)]
    )
    inline, display = out.values()
    assert inline.startswith("<math>") and "<mfrac>" in inline  # inline is MathML's default
    assert display.startswith('<math display="block">')
    assert '<mtable displaystyle="true">' in display, "aligned cells must be in display style"
    assert "xmlns" not in inline


@pytest.mark.parametrize("tex", [r"\nosuchmacro{x} + 1", r"\frac{1}{"])
def test_a_formula_pandoc_cannot_read_raises_with_its_message(tex: str) -> None:
    with pytest.raises(mathml.TexError) as err:
        mathml.to_mathml([Formula("x^2", False), Formula(tex, False)])
    assert [f.tex for f, _ in err.value.failures] == [tex]
    assert tex in str(err.value) and "Could not convert TeX math" in str(err.value)


def test_tex_spacing_around_function_names_primes_and_hats() -> None:
    (ln,) = mathml.to_mathml([Formula(r"y\ln\hat y + \ln(1-y)", False)]).values()
    thin = '<mspace width="0.1667em"></mspace>'
    # thin space on both sides of the first \ln, none before the bracket of the second
    assert ln.count(thin) == 2
    assert '<mo accent="true" stretchy="false">\u02c6</mo>' in ln
    (prime,) = mathml.to_mathml([Formula(r"f_l'(x')", False)]).values()
    assert "<msup>" not in prime and "<msubsup>" not in prime
    assert prime.count('<mo lspace="0" rspace="0">\u2032</mo>') == 2


def test_an_accent_over_a_letter_sits_on_the_fonts_accent_point() -> None:
    r"""\hat f: f (0.49 em wide) is padded to twice its accent point (0.464 em), so the hat is
    centred there, and the whole is padded back to f's width; \bar takes the font's macron."""
    (f_hat, w_bar) = mathml.to_mathml(
        [Formula(r"\hat f", False), Formula(r"\bar w", False)]
    ).values()
    width, point = mathfont.accent_points()["f"]
    assert (width, point) == (0.49, 0.464)
    assert (
        f'<mpadded width="{width:.3f}em"><mover><mpadded width="{2 * point:.3f}em"><mi>f</mi>'
        in f_hat
    )
    assert '<mo accent="true" stretchy="false">\u00af</mo>' in w_bar and "\u203e" not in w_bar


def test_render_page_replaces_arithmatex_and_notebook_math() -> None:
    page = (
        '<p>a <span class="arithmatex">\\(x &lt; y\\)</span></p>'
        '<div class="arithmatex">\\[x^2\\]</div>'
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput">'
        "<p>cell $z_1$ and <code>$not math$</code></p><p>$$\nw\n$$</p></div>"
        "<p>price $5 outside a cell$</p>"
    )
    html = mathml.render_page(page)
    assert html.count("<math") == 4
    assert "<mo>&lt;</mo>" in html
    assert '<div class="arithmatex"><math display="block">' in html  # both display formulas
    assert html.count('<div class="arithmatex"><math display="block">') == 2
    assert "<code>$not math$</code>" in html and "price $5 outside a cell$" in html
    assert "\\(" not in html and "$$" not in html


def test_notebook_css_keeps_only_rules_that_can_match() -> None:
    page = (
        "<style>@charset 'UTF-8';.jupyter-wrapper{--x:1}.jp-Cell{a:1}.jp-Menu{b:2}"
        ".jp-Cell:not(.jp-mod-x){c:3}@media print{.bp3-popover{d:4}.jp-Cell{e:5}}"
        "@keyframes spin{from{f:6}}.jupyter-wrapper :root{--r:7}</style>"
        '<div class="jupyter-wrapper"><div class="jp-Cell">x</div></div>'
    )
    css = notebook_css.strip_unused(page).split("</style>")[0]
    assert ".jp-Menu" not in css and ".bp3-popover" not in css and ":root" not in css
    for kept in ("@charset", "--x:1", ".jp-Cell{a:1}", ":not(.jp-mod-x)", "@media print{.jp-Cell"):
        assert kept in css, kept
    assert "@keyframes spin{from{f:6}}" in css


def test_notebook_css_drops_custom_properties_nothing_reads() -> None:
    page = (
        "<style>.jupyter-wrapper{--x:1;--y:2;--z:3}.jp-Cell{color:var(--x)}</style>"
        '<div class="jupyter-wrapper"><div class="jp-Cell">x</div></div>'
    )
    css = notebook_css.strip_unused(page, ".md-typeset{color:var(--z)}").split("</style>")[0]
    assert "--x:1" in css and "--z:3" in css and "--y" not in css
    unknown = notebook_css.strip_unused(page, None)  # a stylesheet could not be read: keep all
    assert "--y:2" in unknown


def test_a_sized_bracket_with_a_script_is_sized_in_a_row_of_its_own() -> None:
    (norm,) = mathml.to_mathml([Formula(r"\Bigl\lVert y \Bigr\rVert^2", True)]).values()
    assert '<msup><mrow><mo minsize="180%" maxsize="180%" stretchy="true" form="postfix">' in norm


def test_what_changes_nothing_in_layout_is_left_out() -> None:
    (f,) = mathml.to_mathml([Formula(r"\ln \mathrm{softmax}(z) = (a)", False)]).values()
    assert f.startswith("<math><mrow><mi>ln</mi>") and f.endswith(")</mo></math>")  # no outer row
    assert "<mi>softmax</mi>" in f and "mathvariant" not in f
    assert f.count('<mo stretchy="false">(</mo>') == 2 and "form=" not in f
    (g,) = mathml.to_mathml([Formula(r"(a)(b) \left(\frac{a}{b}\right)", False)]).values()
    assert g.count('form="prefix"') == 1  # a stretchy bracket keeps its form


def test_render_page_leaves_typeset_formulas_alone() -> None:
    html = '<p>See <span class="arithmatex">\\(J\\)</span>, <div class="arithmatex">\\[x^2\\]</div></p>'
    once = mathml.render_page(html)
    assert "<math" in once and mathml.render_page(once) == once


def test_an_inline_formula_keeps_its_brackets_and_particles_on_its_line() -> None:
    x, y = '<span class="arithmatex">\\(x\\)</span>', '<span class="arithmatex">\\(y\\)</span>'
    page = f"<p>완만한 것({x})은 {y}부터, <em>e</em>({x}) and {y}</p><p>{x}{y}.</p>"
    html = mathml.render_page(page)
    mx, my = (mathml.to_mathml([f])[f] for f in (Formula("x", False), Formula("y", False)))
    assert html == (
        f'<p>완만한 <span class="arithmatex">것({mx})은</span> '
        f'<span class="arithmatex">{my}부터,</span> '
        f'<em>e</em><span class="arithmatex">({mx})</span> and <span class="arithmatex">{my}</span>'
        f'</p><p><span class="arithmatex">{mx}</span><span class="arithmatex">{my}.</span></p>'
    )


def test_conversions_are_kept_on_disk_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sigmoid, relu = (
        Formula(r"\sigma(z) = \frac{1}{1 + e^{-z}}", True),
        Formula(r"\max(0, z)", False),
    )
    (tmp_path / "older-version").mkdir()
    typeset = mathml.Typeset.open(tmp_path)
    mathml_of_sigmoid = mathml.to_mathml([sigmoid], typeset)[sigmoid]
    assert typeset.save() == 1
    assert [p.name for p in tmp_path.iterdir()] == [typeset.store.directory.name]

    # the next build, which must not start pandoc for a stored formula
    run_pandoc = mathml._run_pandoc
    monkeypatch.setattr(mathml, "_run_pandoc", lambda formulas: pytest.fail(f"ran {formulas}"))
    typeset = mathml.Typeset.open(tmp_path)
    assert mathml.to_mathml([sigmoid], typeset) == {sigmoid: mathml_of_sigmoid}
    assert typeset.save() == 0
    monkeypatch.setattr(mathml, "_run_pandoc", run_pandoc)
    assert "<mn>0</mn>" in mathml.to_mathml([relu], typeset)[relu]
    assert typeset.save() == 1
    assert set(mathml.Typeset.open(tmp_path).done) == {sigmoid, relu}


def test_the_font_cut_is_the_same_bytes_every_time() -> None:
    """A fresh clone's build serves the same font as any other build: the cut keeps the
    source's date instead of the time it was made."""
    import time

    from book import mathfont

    first = mathfont.subset("x+1")
    time.sleep(1.1)  # the font's timestamp counts seconds
    assert mathfont.subset("x+1") == first
