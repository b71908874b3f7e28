"""book.highlight.slim drops only the token spans that draw like plain code."""

from book.highlight import slim


def test_plain_token_spans_go_and_their_text_stays() -> None:
    html = (
        '<code><span class="k">def</span><span class="w"> </span><span class="nf">f</span>'
        '<span class="p">(</span><span class="n">x</span><span class="p">):</span></code>'
    )
    assert slim(html) == ('<code><span class="k">def</span> <span class="nf">f</span>(x):</code>')


def test_other_classes_and_nested_markup_are_kept() -> None:
    kept = '<span class="nb">len</span><span class="n"><b>x</b></span><span class="no">N</span>'
    assert slim(kept) == kept
