"""The math font the site serves: Latin Modern Math, cut at build to the glyphs the pages draw.

The whole font is 734 KB (about 350 KB as WOFF2), more than a chapter's page budget allows, so
every build subsets it to what the built pages need. A glyph is needed for two reasons:

- a character of a formula's MathML text (``<mi>x</mi>``, ``<mo>∑</mo>``);
- a glyph that MathML layout draws *on its own*, which no formula's text contains: the radical
  sign of ``<msqrt>`` and ``<mroot>`` (U+221A, taken from the font's MATH table), the italic
  letter a browser draws for a one-letter ``<mi>`` (``x`` is drawn as U+1D465: only the
  italics of the letters used, as the whole italic alphabets weigh 34 KB), and, so that a
  formula added later cannot lose them, the fences, bars, accents, arrows and over- and
  underbraces that MathML stretches or places (:data:`LAYOUT`).

The MATH table is kept, with every glyph variant and assembly it reaches from a kept glyph: the
taller radicals, brackets and big operators are drawn from those. A subset that once lost
U+221A drew every square root of the book without its sign; tests/site checks in the browser
that each ``<msqrt>`` is wider than its contents.

The GUST Font License asks a modified font to carry another name: the subset is "nnbook Math".
Subsetting takes about a second; the result is kept in a store of :mod:`book.cache`,
``.cache/mathfont/<digest>/`` (the digest of the source font, this module and fontTools), under
the hash of the characters.

Usage::

    chars = characters(html_of_every_page)  # the formulas' characters and LAYOUT
    write_subset(chars, site / "assets/fonts/nnbook-math.woff2", cache=Path(".cache/mathfont"))
"""

from __future__ import annotations

import hashlib
import html as htmllib
import io
import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from book.cache import Store, open_store, write_if_changed

__all__ = [
    "FAMILY",
    "LAYOUT",
    "LICENCE",
    "SOURCE",
    "accent_points",
    "characters",
    "subset",
    "write_subset",
]

SOURCE = Path(__file__).parent / "fonts" / "latinmodern-math.otf"
LICENCE = Path(__file__).parent / "fonts" / "GUST-FONT-LICENSE.txt"
FAMILY = "nnbook Math"
KEEP = 4


def _span(first: int, last: int) -> set[str]:
    return {chr(c) for c in range(first, last + 1)}


# What MathML layout draws without the character in the text (see the module's docstring).
LAYOUT: frozenset[str] = frozenset(
    set(" \u00a0")
    | _span(0x221A, 0x221C)  # radicals: square, cube, fourth root
    # fences and bars that stretch
    | set("()[]{}|/\\")
    | {"\u2016", "\u2223", "\u2225", "\u27e8", "\u27e9", "\u2308", "\u2309", "\u230a", "\u230b"}
    | {"\u27e6", "\u27e7", "\u2329", "\u232a"}
    # accents and over-/underlines, spacing and combining
    | set("^_~`\u00a8\u00af\u00b4\u02c6\u02c7\u02d8\u02d9\u02dc")
    | _span(0x0300, 0x030C)
    | {"\u0332", "\u20d6", "\u20d7", "\u20e1"}
    # over- and underbraces, brackets and parentheses
    | _span(0x23B4, 0x23B5)
    | _span(0x23DC, 0x23E1)
    # arrows, which stretch over and under formulas
    | _span(0x2190, 0x2199)
    | {"\u21a6", "\u21d0", "\u21d1", "\u21d2", "\u21d3", "\u21d4"}
    | _span(0x27F5, 0x27FC)
    # the operators that grow in display style
    | {"\u2211", "\u220f", "\u2210", "\u222b", "\u222c", "\u222d", "\u222e", "\u22c3", "\u22c2"}
)

# MathML Core draws a one-letter <mi> in math italic: the letter's italic code point.
_ITALIC = {chr(0x41 + i): 0x1D434 + i for i in range(26)}
_ITALIC |= {chr(0x61 + i): 0x1D44E + i for i in range(26)} | {"h": 0x210E}
_ITALIC |= {chr(0x391 + i): 0x1D6E2 + i for i in range(25)}
_ITALIC |= {chr(0x3B1 + i): 0x1D6FC + i for i in range(25)}
_ITALIC |= {"\u0131": 0x1D6A4, "\u0237": 0x1D6A5, "\u2207": 0x1D6FB, "\u2202": 0x1D715}
_ITALIC |= {"\u03f5": 0x1D716, "\u03d1": 0x1D717, "\u03f0": 0x1D718, "\u03d5": 0x1D719}
_ITALIC |= {"\u03f1": 0x1D71A, "\u03d6": 0x1D71B}
_ONE_LETTER = re.compile(r"<mi>([^<])</mi>")


@cache
def accent_points(source: Path = SOURCE) -> dict[str, tuple[float, float]]:
    """For each letter a browser draws in math italic: its advance width and the point where
    an accent goes over it (the MATH table's top accent attachment), in em."""
    from fontTools.ttLib import TTFont

    font = TTFont(source, lazy=True)
    em = font["head"].unitsPerEm
    info = font["MATH"].table.MathGlyphInfo.MathTopAccentAttachment
    points = dict(zip(info.TopAccentCoverage.glyphs, info.TopAccentAttachment, strict=True))
    cmap, widths = font.getBestCmap(), font["hmtx"]
    found = {}
    for letter, code in _ITALIC.items():
        glyph = cmap.get(code)
        if glyph in points:
            found[letter] = (widths[glyph][0] / em, points[glyph].Value / em)
    return found


_MATH = re.compile(r"<math\b[^>]*>(.*?)</math>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def characters(pages: Iterable[str]) -> frozenset[str]:
    """The characters of every formula's MathML text in ``pages`` (HTML), the math italic
    letter a browser draws for each one-letter ``<mi>``, and :data:`LAYOUT`."""
    found = set(LAYOUT)
    for html in pages:
        for m in _MATH.finditer(html):
            found.update(htmllib.unescape(_TAG.sub("", m.group(1))))
            for letter in _ONE_LETTER.findall(m.group(1)):
                if letter in _ITALIC:
                    found.add(chr(_ITALIC[letter]))
    found -= set("\n\r\t")
    return frozenset(found)


def subset(chars: Iterable[str], source: Path = SOURCE) -> bytes:
    """The WOFF2 font of the glyphs of ``chars`` in ``source``, the MATH table kept, named
    :data:`FAMILY`."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    options = ftsubset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.desubroutinize = True
    options.flavor = "woff2"
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a browser reads
    font = TTFont(source, recalcTimestamp=False)  # the source's date: the same bytes every build
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in set(chars)))
    subsetter.subset(font)
    _rename(font)
    out = io.BytesIO()
    ftsubset.save_font(font, out, options)
    return out.getvalue()


def _rename(font: object) -> None:
    """Give the subset its own name (the GUST Font License's condition for a modified font)."""
    names = font["name"]  # type: ignore[index]
    postscript = FAMILY.replace(" ", "")
    for record in names.names:
        if record.nameID in (1, 4, 16, 21):  # family, full name, typographic family
            record.string = FAMILY
        elif record.nameID == 3:  # unique id
            record.string = f"{postscript};subset"
        elif record.nameID == 6:  # PostScript name
            record.string = postscript


def _digest(source: Path) -> str:
    """The store's digest: what a subset depends on besides its characters."""
    h = hashlib.sha256(source.read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(metadata.version("fonttools").encode())
    return h.hexdigest()[:20]


def _key(chars: frozenset[str]) -> str:
    """The name of the subset of ``chars`` in the store."""
    return hashlib.sha256("".join(sorted(chars)).encode()).hexdigest()[:20] + ".woff2"


_RECENT = "recent"  # the store's list of the subsets used last, latest first


def _keep_recent(store: Store, key: str) -> None:
    """Record ``key`` as the subset used last; remove all but the :data:`KEEP` used last."""
    earlier = (store.get(_RECENT) or "").split()
    recent = [key, *[k for k in earlier if k != key]][:KEEP]
    store.put(_RECENT, "\n".join(recent))
    store.prune([_RECENT, *recent])


def write_subset(chars: Iterable[str], out: Path, cache: Path, source: Path = SOURCE) -> bool:
    """Write the subset of ``chars`` to ``out``, from the store in ``cache`` if an earlier build
    made it. Returns whether it was made afresh. The store keeps the :data:`KEEP` subsets used
    last (each build of the two languages writes one: the English pages', then the whole
    site's)."""
    chars = frozenset(chars)
    store = open_store(cache, _digest(source))
    key = _key(chars)
    font = store.get_bytes(key)
    made = font is None
    if font is None:
        font = subset(chars, source)
        store.put(key, font)
    _keep_recent(store, key)
    write_if_changed(out, font)
    return made
