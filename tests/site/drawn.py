r"""Checks of what Chromium *draws* for the book's mathematics, shared by the per-page visits
(test_browser.py) and the control page that proves they can fail (test_drawn_math.py).

Each is a JavaScript function for ``page.evaluate`` that returns a list of problems (empty when
all is well), measured on the laid-out page rather than read from the HTML:

- RADICALS: every ``<msqrt>``/``<mroot>`` is wider than its contents, on the left, by the
  radical sign (at least 0.3 em): a font without U+221A draws nothing there and the box shrinks
  to its contents (the book once showed √26 as "26").
- FENCES: every fence that ``\left``/``\right`` made stretchy is at least as tall as the tallest
  thing it encloses (85 %): without the font's MATH variants a bracket stays one line high
  around a fraction; and a sized pair (``\Bigl(…\Bigr)``) is drawn at one height.
- COPY_BUTTONS: no code block's copy button lies over the box its code scrolls in.
- ACCENTS (a measurement, not a check): for every accent over one letter (``\hat f``), the
  letter and where the accent's middle is drawn, in em from the letter's left edge; the test
  compares it with the font's top accent attachment, where TeX puts it.
- PROSE_TEX: the visible text outside code and formulas holds no TeX: no ``\command``, no
  ``$…$``, no ``$$``.
"""

from __future__ import annotations

__all__ = [
    "CELLS",
    "COPY_BUTTONS",
    "FENCES",
    "PROSE_TEX",
    "RADICALS",
]  # the checks that return problems

RADICALS = r"""() => {
  const problems = [];
  for (const e of document.querySelectorAll("article msqrt, article mroot")) {
    const kids = [...e.children];
    const base = e.localName === "mroot" ? kids.slice(0, 1) : kids;
    if (!base.length) continue;
    const box = e.getBoundingClientRect();
    const left = Math.min(...base.map((k) => k.getBoundingClientRect().left));
    const em = parseFloat(getComputedStyle(e).fontSize);
    if (left - box.left < 0.3 * em) {
      const math = e.closest("math");
      problems.push(`no radical sign drawn (${(left - box.left).toFixed(1)} px) in ` +
                    `"${(math ? math.textContent : e.textContent).trim().slice(0, 60)}"`);
    }
  }
  return problems;
}"""

FENCES = r"""() => {
  const problems = [];
  const fences = document.querySelectorAll(
    'article mo[stretchy="true"][form="prefix"]:not([maxsize])');
  for (const open of fences) {
    const row = open.parentElement;
    const inside = [...row.children].filter((c) => c !== open && c.localName !== "mo");
    if (!inside.length) continue;
    const tallest = Math.max(...inside.map((c) => c.getBoundingClientRect().height));
    const height = open.getBoundingClientRect().height;
    if (height < 0.85 * tallest) {
      problems.push(`fence "${open.textContent}" ${height.toFixed(1)} px around ` +
                    `${tallest.toFixed(1)} px in "${row.textContent.trim().slice(0, 60)}"`);
    }
  }
  for (const math of document.querySelectorAll("article math")) {  // \Bigl( ... \Bigr)
    const open = [];
    for (const mo of math.querySelectorAll("mo[minsize]")) {
      const form = mo.getAttribute("form");
      if (form === "prefix") open.push(mo);
      if (form !== "postfix" || !open.length) continue;
      const left = open.pop().getBoundingClientRect().height;
      const right = mo.getBoundingClientRect().height;
      if (left > 0 && Math.abs(left - right) > 1) {
        problems.push(`sized fences ${left.toFixed(1)} and ${right.toFixed(1)} px tall in ` +
                      `"${math.textContent.trim().slice(0, 60)}"`);
      }
    }
  }
  return problems;
}"""

PROSE_TEX = r"""() => {
  // the text of the page, read in place (a copy of it would download its lazy images)
  const root = document.querySelector("article") || document.body;
  const skip = "pre, code, script, style, textarea, math, .highlight, noscript, .jp-CodeCell";
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(skip)) parts.push(node.data);
  }
  const text = parts.join("").replace(/\s+/g, " ");
  const problems = [];
  const patterns = [/\\[A-Za-z]+/g, /\$\$/g, /(^|[^\\])\$[^$\s][^$]*?[^\s\\]\$/g];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      problems.push(`TeX in the text: "${text.slice(Math.max(0, m.index - 30), m.index + 60)}"`);
      if (problems.length >= 10) return problems;
    }
  }
  return problems;
}"""

ACCENTS = r"""() => [...document.querySelectorAll("article mover")].flatMap((over) => {
  const [base, accent] = over.children;
  const letter = base && (base.localName === "mi" ? base : base.querySelector(":scope > mi"));
  if (!letter || !accent || accent.localName !== "mo" || letter.textContent.length !== 1) return [];
  const em = parseFloat(getComputedStyle(letter).fontSize);
  const a = accent.getBoundingClientRect(), l = letter.getBoundingClientRect();
  if (l.width === 0) return [];  // not drawn (a widget's hidden text)
  return [{letter: letter.textContent, accent: accent.textContent,
           middle: ((a.left + a.right) / 2 - l.left) / em}];
})"""

COPY_BUTTONS = r"""() => [...document.querySelectorAll("article pre > .md-code__nav")].flatMap((nav) => {
  const code = nav.parentElement.querySelector(":scope > code");
  const b = nav.getBoundingClientRect();
  if (!code || b.width === 0) return [];
  const c = code.getBoundingClientRect();
  const right = c.left + code.clientLeft + code.clientWidth;  // where the scrolled text ends
  return b.left < right - 1 && b.top < c.bottom && b.bottom > c.top
    ? [`copy button over the code "${code.textContent.trim().slice(0, 50)}"`] : [];
})"""

CELLS = r"""() => [...document.querySelectorAll("article mtd")].flatMap((td) => {
  if (!td.checkVisibility() || !td.children.length) return [];
  const cell = td.getBoundingClientRect();
  const parts = [...td.children].map((k) => k.getBoundingClientRect());
  const over = Math.max(cell.left - Math.min(...parts.map((p) => p.left)),
                        Math.max(...parts.map((p) => p.right)) - cell.right);
  return over > 1 ? [`a column of "${td.closest("math").textContent.trim().slice(0, 50)}" is ` +
                     `${Math.round(over)} px narrower than what it holds: they overlap`] : [];
})"""
"""Every column of an aligned formula as wide as its content: a squeezed column (its content
wrapped where MathML draws nothing on a new line) draws the columns over each other."""

SCROLLERS = r"""() => [...document.querySelectorAll(
    "article :is(div.arithmatex, .md-typeset__scrollwrap, p, li, dd)")]
  .filter((e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 24)
  .map((e, i) => { e.dataset.nnbookScroller = i; return i; })"""
"""Marks each box that scrolls sideways (``data-nnbook-scroller``) and returns their numbers."""

OPEN_DETAILS = """() => document.querySelectorAll("article details:not([open])").forEach((d) => {
  d.open = true;
  d.dataset.nnbookOpened = "";
})"""
"""Open every closed box (solutions, hints): the checks look at what a reader who opens them sees."""

CLOSE_DETAILS = """() => document.querySelectorAll("details[data-nnbook-opened]").forEach((d) => {
  d.open = false;
  delete d.dataset.nnbookOpened;
})"""
