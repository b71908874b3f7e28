r"""Typeset the book's formulas at build time: TeX in, MathML out, no TeX engine for the reader.

Every browser the book supports (Chromium, Firefox, Safari) displays MathML natively and screen
readers read it, so the site sends the typeset formulas in the HTML and no JavaScript at all.

Where the formulas are, in the HTML of a built page:

- ``<span class="arithmatex">\(...\)</span>`` and ``<div class="arithmatex">\[...\]</div>``:
  pymdownx.arithmatex (generic mode) wraps the math of the chapters and of the docstrings of
  the API reference so;
- ``$...$`` and ``$$...$$`` left as text inside the rendered markdown cells of the notebook
  pages (``div.jp-RenderedMarkdown``, by mkdocs-jupyter).

The converter is pandoc's TeX reader (texmath) and MathML writer, run from the
``pypandoc-binary`` wheel: pip alone installs it, on every platform. Starting pandoc costs about
40 ms, so all formulas of a page go to one call (a pandoc JSON document of one ``Math`` node
per formula), and every result is kept in the build's :class:`Typeset`, which
:meth:`Typeset.open` reads from and :meth:`Typeset.save` writes to a :mod:`book.cache` store for
the next build. A formula pandoc cannot read, which it would otherwise print as raw TeX with a
warning, raises :class:`TexError` naming the formula and pandoc's message.

Usage::

    typeset = Typeset.open(Path(".cache/mathml"))  # what earlier builds converted
    html = render_page(html, typeset)  # every formula of a built page typeset, or TexError
    typeset.save()  # after the build: only if something new was converted
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from book import mathfont
from book.cache import Store, open_store

__all__ = [
    "Formula",
    "TexError",
    "Typeset",
    "as_text",
    "readable_tex",
    "render_page",
    "to_mathml",
]


@dataclass(frozen=True)
class Formula:
    """One formula: its TeX source (without delimiters) and whether it is displayed."""

    tex: str
    display: bool

    def __str__(self) -> str:
        return f"$${self.tex}$$" if self.display else f"${self.tex}$"


class TexError(ValueError):
    """Formulas pandoc could not convert: ``failures`` holds (formula, pandoc's message)."""

    def __init__(self, failures: Sequence[tuple[Formula, str]]) -> None:
        self.failures = list(failures)
        lines = [f"{len(self.failures)} formula(s) could not be typeset:"]
        for formula, message in self.failures:
            lines.append(f"  {formula}")
            lines += [f"      {line}" for line in message.strip().splitlines()]
        super().__init__("\n".join(lines))


@cache
def pandoc() -> str:
    """Path of the pandoc executable that the ``pypandoc-binary`` wheel ships."""
    try:
        import pypandoc
    except ImportError as err:  # pragma: no cover - the "book" dependency group installs it
        raise RuntimeError(
            'pandoc is missing: pip install pypandoc-binary (it is in the "book" dependency '
            "group: pip install -e . --group book)"
        ) from err
    return str(pypandoc.get_pandoc_path())


STORE = "formulas.json"  # in the store of this module's and pandoc's versions


def _digest() -> str:
    """This module's and pandoc's versions: a change to either converts every formula afresh."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(metadata.version("pypandoc-binary").encode())
    return digest.hexdigest()[:20]


@dataclass
class Typeset:
    """The conversions of a build (formula -> MathML), and the store they persist in."""

    store: Store | None = None
    done: dict[Formula, str] = field(default_factory=dict)
    loaded: int = 0  # len(done) when it was last loaded or saved

    @classmethod
    def open(cls, root: Path) -> Typeset:
        """The conversions that earlier builds stored under ``root`` (a :mod:`book.cache`
        store named by :func:`_digest`; the stores of other versions are removed)."""
        store = open_store(root, _digest())
        stored = json.loads(store.get(STORE) or "[]")
        done = {Formula(tex, display): mathml for tex, display, mathml in stored}
        return cls(store, done, len(done))

    def save(self) -> int:
        """Store every conversion if there are new ones; returns how many are new since the
        last load or save: the formulas pandoc typeset in between."""
        new = len(self.done) - self.loaded
        if self.store is not None and (new or self.store.get(STORE) is None):
            items = sorted([f.tex, f.display, mathml] for f, mathml in self.done.items())
            self.store.put(STORE, json.dumps(items, ensure_ascii=False))
        self.loaded = len(self.done)
        return new


_ITEM = re.compile(r'<div id="f(\d+)">\s*<p>(.*?)</p>\s*</div>', re.DOTALL)
_XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)
# pandoc wraps each formula in <semantics> with its TeX as an <annotation>, which no browser
# shows or reads aloud (screen readers read the MathML): about a fifth of a chapter's HTML.
_SEMANTICS = re.compile(r"<semantics>(.*)<annotation\b.*?</annotation></semantics>", re.DOTALL)
# Raw TeX left in the output: a control word outside the TeX annotation, or an error node.
_LEFTOVER = re.compile(r"\\[A-Za-z]+|<merror\b")
# TeX sets the cells of these environments in display style (a full-size \frac); MathML draws
# table cells in compact style unless the table says otherwise.
_DISPLAY_TABLE = re.compile(r"\\begin\{(?:aligned|alignedat|gathered|split|align\*?|gather\*?)\}")


# TeX's spacing that pandoc's MathML leaves to the browser, which does not add it:
# - a function name (\ln, \log, \operatorname{...}: pandoc writes the name and an invisible
#   function application) gets a thin space from an ordinary symbol on either side, none
#   before an opening bracket, as TeX puts between an Op atom and an Ord;
# - \hat, \tilde and \bar over one letter: the spacing accent (U+02C6, U+02DC, U+00AF: pandoc's
#   combining U+0302 and U+0303 are stretched by browsers, its U+203E is not in the font) at
#   its own width, over the point of the italic letter where TeX puts it (the font's top accent
#   attachment: for f it is 0.22 em right of the middle, and a centred hat hangs off its tail).
#   The letter is padded on the right so that the middle of its box is that point, and the
#   whole is padded back to the letter's width (mathfont.accent_points);
# - a prime (x', f'_l) follows its base: the font's U+2032 is drawn already raised, and a
#   browser would shrink and raise it once more as a superscript.
_FUNCTION = re.compile(r'<mrow><mi mathvariant="normal">[A-Za-z]+</mi><mo>&#8289;</mo></mrow>')
_ORD_BEFORE = re.compile(
    r'(?:</mi>|</mn>|</mover>|</mpadded>|</munder>|</msub>|</msup>|</msubsup>|form="postfix">[^<]*</mo>)$'
)
_ORD_AFTER = re.compile(r"<(?:mi|mn|mover|mpadded|msub|msup|msubsup|mfrac|msqrt)\b|<mrow><mi ")
_THIN = '<mspace width="0.1667em"></mspace>'
_SCRIPTED = ("<msub>", "<msup>", "<msubsup>")
_ACCENT = re.compile(r'<mover><mi>([^<])</mi><mo accent="true">([\u0302\u0303\u203e])</mo></mover>')
_SPACING_ACCENT = {"\u0302": "\u02c6", "\u0303": "\u02dc", "\u203e": "\u00af"}
_ONE = r"<m[ino]>[^<]*</m[ino]>"
# - a sized closing bracket with a script (\Bigr\rVert^2): pandoc makes the bracket itself the
#   script's base, where browsers do not size it; in an mrow of its own it takes its size.
_SIZED_BASE = re.compile(r"<(msup|msub|msubsup)>(<mo minsize=[^>]*>[^<]*</mo>)")
_PRIME = re.compile(rf"<msup>({_ONE})<mo>([\u2032-\u2034]+)</mo></msup>")
_SUB_PRIME = re.compile(rf"<msubsup>({_ONE})({_ONE})<mo>([\u2032-\u2034]+)</mo></msubsup>")


def _accent(m: re.Match[str]) -> str:
    letter, accent = (
        m.group(1),
        f'<mo accent="true" stretchy="false">{_SPACING_ACCENT[m.group(2)]}</mo>',
    )
    point = mathfont.accent_points().get(letter)
    if point is None:
        return f"<mover><mi>{letter}</mi>{accent}</mover>"
    width, attachment = point
    base = f'<mpadded width="{2 * attachment:.3f}em"><mi>{letter}</mi></mpadded>'
    return f'<mpadded width="{width:.3f}em"><mover>{base}{accent}</mover></mpadded>'


def _polish(mathml: str) -> str:
    """Add the spacing around function names and the accent widths TeX would give."""
    mathml = _ACCENT.sub(_accent, mathml)
    mathml = _SIZED_BASE.sub(r"<\1><mrow>\2</mrow>", mathml)
    prime = '<mo lspace="0" rspace="0">'
    mathml = _PRIME.sub(rf"<mrow>\1{prime}\2</mo></mrow>", mathml)
    mathml = _SUB_PRIME.sub(rf"<mrow><msub>\1\2</msub>{prime}\3</mo></mrow>", mathml)
    for m in reversed(list(_FUNCTION.finditer(mathml))):
        start, end = m.start(), m.end()
        for tag in _SCRIPTED:  # \log_2: the unit is the whole scripted element
            if mathml.endswith(tag, 0, start):
                start -= len(tag)
                close = mathml.find("</" + tag[1:], end)
                end = close + len(tag) + 1 if close >= 0 else end
                break
        after = _THIN if _ORD_AFTER.match(mathml, end) else ""
        before = _THIN if _ORD_BEFORE.search(mathml, 0, start) else ""
        mathml = mathml[:start] + before + mathml[start:end] + after + mathml[end:]
    return mathml


# What pandoc writes that changes nothing in MathML Core (a chapter is about half MathML, and the
# page budget counts every byte): display="inline" (the default); the one <mrow> that holds a
# whole formula (<math> lays out its children as an mrow does); the form of a bracket (its
# operator dictionary entry is the same, no space on either side, whatever its position); and a
# run of upright one-letter <mi> (\mathrm{softmax}), which is one <mi> of several letters, and
# mathvariant="normal" on such an <mi> (upright already).
_WHOLE_ROW = re.compile(r'^(<math(?: display="block")?>)<mrow>(.*)</mrow>(</math>)$', re.DOTALL)
_BRACKET_FORM = re.compile(r'(<mo stretchy="false") form="(?:prefix|postfix)">([()\[\]{}])</mo>')
_UPRIGHT_RUN = re.compile(r'(?:<mi mathvariant="normal">[^<]</mi>){2,}')
_UPRIGHT = re.compile(r'<mi mathvariant="normal">([^<])</mi>')
_UPRIGHT_WORD = re.compile(r'<mi mathvariant="normal">([^<]{2,})</mi>')


def _compact(mathml: str) -> str:
    """``mathml`` without what changes nothing in layout (see above)."""
    mathml = mathml.replace('<math display="inline">', "<math>", 1)
    whole = _WHOLE_ROW.match(mathml)
    if whole and _balanced_row(whole.group(2)):
        mathml = whole.group(1) + whole.group(2) + whole.group(3)
    mathml = _BRACKET_FORM.sub(r"\1>\2</mo>", mathml)
    mathml = _UPRIGHT_WORD.sub(r"<mi>\1</mi>", mathml)
    return _UPRIGHT_RUN.sub(lambda m: f"<mi>{''.join(_UPRIGHT.findall(m.group()))}</mi>", mathml)


def _balanced_row(inner: str) -> bool:
    """Whether ``<mrow>`` + ``inner`` + ``</mrow>`` is one element (not two rows side by side)."""
    depth = 0
    for tag in re.finditer(r"<(/?)mrow>", inner):
        depth += -1 if tag.group(1) else 1
        if depth < 0:
            return False
    return depth == 0


def _run_pandoc(formulas: Sequence[Formula]) -> tuple[list[str | None], str]:
    """One pandoc call: the MathML of each formula (None where it failed) and pandoc's stderr."""
    blocks = []
    for i, f in enumerate(formulas):
        kind = "DisplayMath" if f.display else "InlineMath"
        math = {"t": "Math", "c": [{"t": kind}, f.tex]}
        blocks.append({"t": "Div", "c": [[f"f{i}", [], []], [{"t": "Para", "c": [math]}]]})
    doc = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    proc = subprocess.run(
        [pandoc(), "--from=json", "--to=html5", "--mathml", "--wrap=none"],
        input=json.dumps(doc),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc failed ({proc.returncode}): {proc.stderr.strip()}")
    out: list[str | None] = [None] * len(formulas)
    for m in _ITEM.finditer(proc.stdout):
        body = m.group(2).strip()
        if body.startswith("<math") and not _LEFTOVER.search(_ANNOTATION.sub("", body)):
            formula = formulas[int(m.group(1))]
            if formula.display and _DISPLAY_TABLE.search(formula.tex):
                body = body.replace("<mtable>", '<mtable displaystyle="true">', 1)
            body = _SEMANTICS.sub(r"\1", body.replace(_XMLNS, ""))
            out[int(m.group(1))] = _compact(_polish(body))
    return out, proc.stderr


def to_mathml(formulas: Iterable[Formula], typeset: Typeset | None = None) -> dict[Formula, str]:
    """The MathML of every formula, converting in one pandoc call those not in ``typeset``
    (the build's conversions, which keep the new ones; None: convert every formula).

    Raises TexError listing every formula that failed, with pandoc's message for each.
    """
    done = typeset.done if typeset is not None else {}
    wanted = list(dict.fromkeys(formulas))
    todo = [f for f in wanted if f not in done]
    if todo:
        results, _ = _run_pandoc(todo)
        failures = []
        for formula, mathml in zip(todo, results, strict=True):
            if mathml is None:
                # Rare: convert it alone again to get pandoc's message for this formula.
                _, stderr = _run_pandoc([formula])
                failures.append((formula, stderr or "pandoc left it as raw TeX"))
            else:
                done[formula] = mathml
        if failures:
            raise TexError(failures)
    return {f: done[f] for f in wanted}


# --------------------------------------------------------------------------------------------
# Finding the formulas in a page
# --------------------------------------------------------------------------------------------

_ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)
_DELIMITED = re.compile(r"^\\([(\[])(.*)\\([)\]])$", re.DOTALL)
_CELL = re.compile(r'<div\b[^>]*\bclass="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)
# In a notebook cell: $$...$$ alone in a paragraph, $$...$$ elsewhere, then $...$.
_CELL_MATH = re.compile(
    r"<p>\s*\$\$(?P<para>.+?)\$\$\s*</p>"
    r"|\$\$(?P<display>.+?)\$\$"
    r"|(?<![\\$])\$(?P<inline>[^$\s](?:[^$]*?[^$\s\\])?)\$(?!\$)",
    re.DOTALL,
)


def _arithmatex_formula(content: str, tag: str) -> Formula:
    tex = htmllib.unescape(content).strip()
    m = _DELIMITED.match(tex)
    if m:
        return Formula(m.group(2).strip(), m.group(1) == "[")
    return Formula(tex, tag == "div")  # e.g. a bare \begin{align}...\end{align}


def _cell_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) of the content of every rendered markdown cell of a notebook page."""
    spans = []
    for m in _CELL.finditer(html):
        depth, pos = 1, m.end()
        for tag in _DIV_TAG.finditer(html, m.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                pos = tag.start()
                break
        spans.append((m.end(), pos))
    return spans


def _cell_matches(html: str) -> list[tuple[int, int, Formula, bool]]:
    """(start, end, formula, alone in its paragraph) of the $-math of notebook cells."""
    found = []
    for start, end in _cell_spans(html):
        cell = html[start:end]
        code = [(c.start(), c.end()) for c in _CODE.finditer(cell)]
        for m in _CELL_MATH.finditer(cell):
            if any(a <= m.start() < b for a, b in code):
                continue
            kind = m.lastgroup
            tex = htmllib.unescape(m.group(kind or "inline")).strip()
            found.append(
                (start + m.start(), start + m.end(), Formula(tex, kind != "inline"), kind == "para")
            )
    return found


def render_page(html: str, typeset: Typeset | None = None) -> str:
    """The page with every formula replaced by its MathML (one pandoc call for the page, for
    the formulas ``typeset`` has not converted yet).

    An arithmatex wrapper keeps its element and class (the stylesheet lets a wide display
    equation scroll inside it); a notebook's ``$$...$$`` paragraph becomes such a ``div``.
    An inline formula's ``span`` also takes in the characters written against the formula
    (``($x$)``, ``$n$부터``, ``$x$,``), which the stylesheet keeps on one line with it: a
    browser may otherwise break the line between a formula and its bracket or particle.
    Raises TexError if a formula cannot be converted.
    """
    edits: list[tuple[int, int, Formula, str]] = []  # (start, end, formula, wrapper tag)
    for m in _ARITHMATEX.finditer(html):
        if "<math" not in m.group(2):  # typeset already
            edits.append(
                (m.start(), m.end(), _arithmatex_formula(m.group(2), m.group(1)), m.group(1))
            )
    for start, end, formula, para in _cell_matches(html):
        edits.append((start, end, formula, "div" if para else ""))
    if not edits:
        return html
    mathml = to_mathml((f for _, _, f, _ in edits), typeset)
    parts, pos = [], 0
    for start, end, formula, tag in sorted(edits, key=lambda e: e[0]):
        if start < pos:  # nested in an edit already made (cannot happen with valid markup)
            continue
        body = mathml[formula]
        if tag == "span":
            left, right = _word_start(html, start, pos), _word_end(html, end)
            body = html[left:start] + body + html[end:right]
            start, end = left, right
        parts += [html[pos:start], f'<{tag} class="arithmatex">{body}</{tag}>' if tag else body]
        pos = end
    parts.append(html[pos:])
    return "".join(parts)


_INDEXED = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)
_TOKEN = re.compile(r"<(m[ion]|mtext)\b[^>]*>([^<]*)</\1>|<(mspace|msqrt)\b")
_SPACED = set("=+−<>≤≥≈≠∈×→↦⋅±")
_COMBINING = {"\u02c6": "\u0302", "\u02dc": "\u0303", "\u00af": "\u0304"}


def as_text(mathml: str) -> str:
    """What a reader would type for a typeset formula: its symbols in order, a space around
    relations and binary operators and where TeX puts one (``ln softmax(z)k = zk − …``), √ for
    a root, an accent combined with its letter (``ŷ``)."""
    out = []
    for m in _TOKEN.finditer(mathml):
        tag, text = m.group(1), htmllib.unescape(m.group(2) or "").strip("\u2061\u2062")
        if m.group(3) == "mspace":
            out.append(" ")
        elif m.group(3) == "msqrt":
            out.append("√")
        elif tag == "mo" and text in _SPACED:
            out.append(f" {text} ")
        else:
            out.append(_COMBINING.get(text, text))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def readable_tex(html: str) -> str:
    r"""``html`` (as the search index keeps a page's text) with every ``\(…\)`` and ``\[…\]``
    formula replaced by :func:`as_text` of its MathML: search previews show no TeX."""
    found = [
        (m, Formula(htmllib.unescape(m.group(1) or m.group(2)).strip(), m.group(2) is not None))
        for m in _INDEXED.finditer(html)
    ]
    if not found:
        return html
    mathml = to_mathml(f for _, f in found)
    parts, pos = [], 0
    for m, formula in found:
        parts += [html[pos : m.start()], htmllib.escape(as_text(mathml[formula]), quote=False)]
        pos = m.end()
    return "".join(parts) + html[pos:]


def _word_start(html: str, start: int, floor: int) -> int:
    """Where the text written against ``html[start]`` from the left begins (no space, no tag)."""
    while start > floor and not html[start - 1].isspace() and html[start - 1] not in "<>":
        start -= 1
    return start


def _word_end(html: str, end: int) -> int:
    """Where the text written against ``html[end - 1]`` from the right ends."""
    while end < len(html) and not html[end].isspace() and html[end] not in "<>":
        end += 1
    return end
