"""The Korean edition (issue 15): each ``docs/<page>.ko.md`` is a twin of ``docs/<page>.md``.

mkdocs-static-i18n publishes them under ``ko/`` (hooks/i18n.py). What makes a twin, checked
here (the built pages are compared in ``tests/site/test_korean_site.py``):

- the same code, byte for byte (so the executed outputs are the same), in the same order;
- the same headings, levels and anchors (every Korean heading carries the English id);
- the same display formulas in order, the same inline formulas, the same link targets, the
  same figures (with Korean alt text) and the same admonitions and exercises;
- the glossary's terms (``translations/ko/glossary.yml``): no concept translated two ways;
- Korean prose: most letters outside code, math and links are Hangul;
- the interactive figures' labels (``translations/ko/widgets.yml``): one table per widget,
  each entry a text the widget shows, in the glossary's terms;
- the other texts the tooling and the hooks write on the Korean site (``translations/ko/ui.yml``):
  the code asks for every one of them and for no other, and writes no Korean of its own.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from book import bibliography, changelog, citation, i18n
from book import notebooks as mn
from book.chapter import find_fences
from book.exercises import find_exercises, index_markdown
from book.paths import REPO
from book.site import Build, generated, print_page
from book.site.generated import is_generated
from book.site.markdown import notebook_box
from book.site.print_page import Edition

DOCS = REPO / "docs"
GLOSSARY_FILE = REPO / "translations" / "ko" / "glossary.yml"
GLOSSARY = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))["terms"]
UI = i18n.ui_text("ko")
PAGES = sorted(  # the generated pages are made from twins (book/site/generated.py)
    p.name.replace(".ko.md", ".md") for p in DOCS.glob("*.ko.md") if not is_generated(p.name)
)

DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$")
LINK = re.compile(r"\]\((?P<url>[^)\s]+)[^)]*\)|\]\[(?P<ref>[\w.]+)\]")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
ADMONITION = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+(?:[ \t]+[\w-]+)*)'
                        r'(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$', re.MULTILINE)  # fmt: skip
EXERCISE_NUMBER = re.compile(r"^(?P<number>\d+\.\d+) .*?(?P<stars>★+)$")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")


def read(name: str, language: str = "en") -> str:
    """``docs/<name>`` in ``language`` (``perceptron.md``, ``perceptron.ko.md``)."""
    path = DOCS / (name if language == "en" else name.replace(".md", f".{language}.md"))
    return path.read_text(encoding="utf-8")


def fences(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_fences(text)]


def prose(text: str) -> str:
    """The text without code, math, link targets, HTML tags and attribute lists."""
    for block in fences(text):
        text = text.replace(block, "")
    text = DISPLAY_MATH.sub("", text)
    text = INLINE_MATH.sub("", text)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]", "]", text)
    text = re.sub(r"<[^>]+>|\{[^}\n]*\}", "", text)
    return text


def headings(text: str) -> list[tuple[int, str]]:
    """(level, id) of every heading, as MkDocs renders them (code set aside first: an
    ``exec="on"`` fence is markdown-exec's, which plain Markdown would misread)."""
    for block in fences(text):
        text = text.replace(block, "")
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "md_in_html", "admonition", "pymdownx.superfences"]
    )
    md.convert(text)

    def walk(tokens: list[dict[str, Any]]) -> list[tuple[int, str]]:
        out = []
        for t in tokens:
            out.append((t["level"], t["id"]))
            out += walk(t["children"])
        return out

    return walk(md.toc_tokens)  # type: ignore[attr-defined]


def admonitions(text: str) -> list[tuple[str, str]]:
    """(kind and classes, exercise number and stars or "") of every admonition, in order."""
    out = []
    for m in ADMONITION.finditer(text):
        number = (
            EXERCISE_NUMBER.match(m["title"] or "") if m["kind"].startswith("exercise") else None
        )
        out.append((m["kind"], f"{number['number']} {number['stars']}" if number else ""))
    return out


def test_every_page_but_the_api_reference_has_a_korean_twin() -> None:
    english = {p.name for p in mn.chapter_paths(DOCS) if not is_generated(p.name)} | {"index.md"}
    assert sorted(english - set(PAGES)) == []


pages = pytest.mark.parametrize("name", PAGES, ids=[p.removesuffix(".md") for p in PAGES])


def english_check_line(block: str) -> str:
    """A Korean exercise's check line as the English page has it: its title in English and the
    call without ``lang="ko"`` (book/exercises.py); any other block unchanged."""
    korean = f'```python title="{UI["exercises.check"]}"\n'
    if korean not in block:
        return block
    block = block.replace(korean, '```python title="Check your answer"\n')
    assert block.count(', lang="ko")') == 1, f"the check line calls check without lang: {block}"
    return block.replace(', lang="ko")', ")")


@pages
def test_code_is_the_same(name: str) -> None:
    """Byte for byte, but for the check lines, which show the Korean call on the Korean page."""
    en, ko = fences(read(name)), [english_check_line(b) for b in fences(read(name, "ko"))]
    assert len(ko) == len(en), f"{len(en)} code blocks in English, {len(ko)} in Korean"
    for i, (a, b) in enumerate(zip(en, ko, strict=True)):
        assert a == b, f"code block {i + 1} differs:\n{a}\n---\n{b}"


@pages
def test_same_headings_and_anchors(name: str) -> None:
    assert headings(read(name, "ko")) == headings(read(name))


TEXT_IN_MATH = re.compile(r"\\text\{[^{}]*\}")


def words_in_math_blanked(text: str) -> str:
    r"""``text`` with the words inside its formulas (``\text{...}``) left out: the Korean
    page writes them in Korean."""
    return TEXT_IN_MATH.sub(r"\\text{}", text)


@pages
def test_same_formulas(name: str) -> None:
    r"""The same formulas in the same order, but for their words (``\text{...}``)."""
    en, ko = read(name), read(name, "ko")
    for block in fences(en):
        en, ko = en.replace(block, ""), ko.replace(block, "")
    en, ko = words_in_math_blanked(en), words_in_math_blanked(ko)
    assert DISPLAY_MATH.findall(ko) == DISPLAY_MATH.findall(en)
    en_inline = set(INLINE_MATH.findall(DISPLAY_MATH.sub("", en)))
    ko_inline = set(INLINE_MATH.findall(DISPLAY_MATH.sub("", ko)))
    assert ko_inline == en_inline, (
        f"only in English: {sorted(en_inline - ko_inline)}; "
        f"only in Korean: {sorted(ko_inline - en_inline)}"
    )


@pages
def test_same_links_and_figures(name: str) -> None:
    en, ko = read(name), read(name, "ko")
    targets = [{m["url"] or m["ref"] for m in LINK.finditer(t)} for t in (en, ko)]
    assert targets[1] == targets[0], f"links differ: {targets[0] ^ targets[1]}"
    images = [[(m["src"], m["alt"]) for m in IMAGE.finditer(t)] for t in (en, ko)]
    assert [src for src, _ in images[1]] == [src for src, _ in images[0]]
    for src, alt in images[1]:
        assert len(HANGUL.findall(alt)) >= 10, f"{src}: the alt text is not translated: {alt!r}"


@pages
def test_same_admonitions_and_exercises(name: str) -> None:
    en, ko = read(name), read(name, "ko")
    assert admonitions(ko) == admonitions(en)
    assert ko.count(f'??? solution "{UI["exercises.solution"]}"') == en.count(
        '??? solution "Solution"'
    )


@pages
def test_same_exercises_and_checked_solutions(name: str) -> None:
    def summary(language: str) -> list[tuple[str, str, int, bool, bool]]:
        found = find_exercises(read(name, language), name)
        return [(e.number, e.kind, e.stars, bool(e.solution), e.checked) for e in found]

    assert summary("ko") == summary("en")


RULES = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))["rules"]


def flat_prose(name: str) -> str:
    """The Korean page's prose with every run of whitespace, line breaks included, one space
    (a term the source wraps across two lines is one term on the page)."""
    return " ".join(prose(read(name, "ko")).split())


@pages
def test_glossary_terms_only(name: str) -> None:
    text = flat_prose(name)
    wrong = [
        f"{avoid} (use {term['ko']} for {term['en']})"
        for term in GLOSSARY
        for avoid in term.get("avoid", [])
        if avoid in text
    ]
    assert not wrong, wrong


def test_a_term_split_across_lines_is_found() -> None:
    assert "꺾이는 점" in " ".join(prose("꺾이는\n점이 있다").split())


@pages
def test_a_gloss_only_once_after_its_term(name: str) -> None:
    """ "기울기 소실" may explain 그래디언트 소실 once on a page, just after the term."""
    text = flat_prose(name)
    for term in (t for t in GLOSSARY if "gloss" in t):
        if term["gloss"] in text:
            assert text.count(term["gloss"]) == 1, term["gloss"]
            before = text[: text.find(term["gloss"])]
            assert term["ko"] in before[-(len(term["ko"]) + 40) :], term["gloss"]


@pages
@pytest.mark.parametrize("rule", [r for r in RULES if "avoid" in r], ids=lambda r: r["name"])
def test_writing_rules(name: str, rule: dict[str, str]) -> None:
    """XOR and OR take the particles of 엑스오어 and 오어, person names stay as the references
    write them, thousands take commas (glossary.yml, ``rules``)."""
    found = [m[0] for m in re.finditer(rule["avoid"], flat_prose(name))]
    assert not found, f"{rule['name']}: {found}"


ENGLISH_WORDS = re.compile(r"\\text\{[^{}]*(?:[A-Za-z] |\s[A-Za-z])[^{}]*\}")


@pages
def test_formulas_say_their_words_in_korean(name: str) -> None:
    r"""``\text{for every }``, ``\text{ odd}``: words, as their spaces show, are Korean on a
    Korean page; a label without spaces (``u_\text{mid}``, ``\text{rms}``) stays."""
    korean = read(name, "ko")
    for block in fences(korean):
        korean = korean.replace(block, "")
    assert ENGLISH_WORDS.findall(korean) == []


def test_the_rules_catch_what_they_forbid() -> None:
    caught = {
        "XOR, OR, AND, NAND": ["XOR을 푼다", "XOR과 OR", "OR은", "AND이 참"],
        "사람 이름": ["로젠블랫은", "노비코프(Novikoff)"],
        "수": ["20 001개"],
    }
    allowed = {
        "XOR, OR, AND, NAND": ["XOR를 푼다", "XOR와 OR", "OR는", "AND가 참", "XOR인 문제"],
        "사람 이름": ["Rosenblatt의", "Novikoff(1962)"],
        "수": ["20,001개", "층 2개, 128개"],
    }
    for rule in (r for r in RULES if "avoid" in r):
        assert all(re.search(rule["avoid"], t) for t in caught[rule["name"]]), rule["name"]
        assert not any(re.search(rule["avoid"], t) for t in allowed[rule["name"]]), rule["name"]
    assert ENGLISH_WORDS.findall(r"$\text{for every } x, \text{ odd}, u_\text{mid}$") == [
        r"\text{for every }",
        r"\text{ odd}",
    ]


@pages
def test_prose_is_korean(name: str) -> None:
    text = prose(read(name, "ko"))
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    assert hangul > 2 * latin, f"{hangul} Hangul letters, {latin} Latin letters"


HEADING = re.compile(r"^#+ (?P<text>.*?) \{ ?#(?P<id>[\w-]+?)(?:_\d+)? ?\}$", re.MULTILINE)


def test_a_section_has_one_korean_name_in_every_chapter() -> None:
    """Sections that recur (Pitfalls, Exercises, ...) are named the same on every page."""
    names: dict[str, set[str]] = {}
    for name in PAGES:
        for m in HEADING.finditer(read(name, "ko")):
            names.setdefault(m["id"], set()).add(m["text"])
    assert {k: v for k, v in names.items() if len(v) > 1} == {}


def test_glossary_fixes_one_term_per_concept() -> None:
    english = [t["en"] for t in GLOSSARY]
    korean = [t["ko"] for t in GLOSSARY]
    assert [k for k, n in Counter(english).items() if n > 1] == []
    assert [k for k, n in Counter(korean).items() if n > 1] == []
    avoided = {a for t in GLOSSARY for a in t.get("avoid", [])}
    assert avoided.isdisjoint(korean), avoided & set(korean)
    gradient = next(t for t in GLOSSARY if t["en"] == "gradient")
    assert gradient["ko"] in ("기울기", "그래디언트") and gradient.get("why"), "say why"


# --------------------------------------------------------------------------------------------
# The interactive figures' labels (translations/ko/widgets.yml)
# --------------------------------------------------------------------------------------------

WIDGET_TEXT = i18n.widget_text("ko")
WIDGET_SOURCES = DOCS / "javascripts" / "widgets"


def test_every_widget_on_a_korean_page_has_its_labels() -> None:
    used = {m for name in PAGES for m in re.findall(r'data-widget="([^"]+)"', read(name, "ko"))}
    assert used and used == set(WIDGET_TEXT), (used, set(WIDGET_TEXT))
    assert {p.stem for p in WIDGET_SOURCES.glob("*.js")} == used


@pytest.mark.parametrize("widget", sorted(WIDGET_TEXT))
def test_widget_labels_are_korean_glossary_terms_of_texts_the_widget_shows(widget: str) -> None:
    """Every entry translates a text of the widget (its script, the kit's, or the data it
    draws, e.g. the activations' names): no stale entries; in Hangul; no avoided term."""
    shown = "\n".join(
        [
            (WIDGET_SOURCES / f"{widget}.js").read_text(encoding="utf-8"),
            (DOCS / "javascripts" / "widgets.js").read_text(encoding="utf-8"),
            (DOCS / "figures" / f"{widget}.json").read_text(encoding="utf-8"),
        ]
    )
    for english, korean in WIDGET_TEXT[widget].items():
        assert f'"{english}"' in shown, f"{english!r} is not a text of {widget}"
        assert HANGUL.search(korean), f"{english!r} -> {korean!r}: no Hangul"
        wrong = [a for t in GLOSSARY for a in t.get("avoid", []) if a in korean]
        assert not wrong, f"{korean!r} uses {wrong}"


def test_widget_labels_go_into_the_korean_pages_figures() -> None:
    html = '<figure class="nnbook-widget" data-widget="moons-boundary">\n<div>'
    out = i18n.with_widget_text(html, WIDGET_TEXT)
    attribute = re.search(r"data-text='([^']*)'", out)
    assert attribute is not None
    assert json.loads(htmllib.unescape(attribute[1])) == WIDGET_TEXT["moons-boundary"]
    assert WIDGET_TEXT["moons-boundary"]["Play"] == "재생"  # the kit's own labels too
    with pytest.raises(ValueError, match="'no-such-widget' has no labels"):
        i18n.with_widget_text(html.replace("moons-boundary", "no-such-widget"), WIDGET_TEXT)


# --------------------------------------------------------------------------------------------
# The other Korean texts of the site (translations/ko/ui.yml)
# --------------------------------------------------------------------------------------------

UI_FILE = REPO / "translations" / "ko" / "ui.yml"
UI_CODE = [
    "book/i18n.py",
    "book/exercises.py",
    "book/site/build.py",
    "book/site/markdown.py",
    "book/site/generated.py",
    "book/bibliography.py",
    "book/changelog.py",
    "book/site/print_page.py",
]
"""The code that writes them (and takes every Korean word of it from ui.yml)."""
EVERY_CHANGE = [
    changelog.Release(None, None, 1, {"Fixed": ["- f"]}),
    changelog.Release("1.0.0", "2027-01-01", 2, {s: ["- e"] for s in changelog.SECTIONS}),
    changelog.Release("0.1.0", "2026-12-07", 3, {}),
]
"""Releases with every section of the changelog, unreleased changes and none corrected."""
PRINT_PAGE = (
    '<div id="print-site-page"><section class="print-page" id="x" heading-number="1">'
    '<h1 id="x-t">T<a class="headerlink" href="#x-t">¶</a></h1><p><img alt="A" src="../figures/a.svg"></p>'
    '<div class="admonition exercise" id="exercise-1-1"><details class="solution"><summary>S</summary>'
    "<p>Done.</p></details></div></section></div>"
)
"""A print page with a chapter, a figure and a solved exercise."""
NOTEBOOK_ROWS = {"perceptron.md": "perceptron", "performance.md": "performance"}
"""A notebook that opens in Colab and one that needs a clone of the repository."""


def korean_texts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """What the tooling and the hooks write from ui.yml on the Korean site, by where."""
    build = Build(tmp_path / "mkdocs.yml", DOCS, tmp_path / "site", language="ko")
    nav: list[Any] = [{"Perceptron": "perceptron.md"}]
    print_site: dict[str, Any] = {"enabled": True}
    build.configure(nav, plugins={"print-site": print_site}, fences=[], stylesheets=[])
    # the titles of a solution, a hint and the check line, if find_exercises takes them so
    ui = i18n.ui_text("ko")
    title, hint, check = (ui[f"exercises.{n}"] for n in ("solution", "hint", "check"))
    exercise = (
        f'!!! exercise coding "1.1 A ★"\n    Do.\n\n    ```python title="{check}"\n'
        f'    check("1.1", f)\n    ```\n\n    ??? hint "{hint} 1"\n        Try.\n\n'
        f'    ??? solution "{title}"\n        Done.\n'
    )
    found = find_exercises(exercise, "x.md")[0]
    solved = found.solution == "Done.\n"
    return {
        "glossary page": i18n.glossary_markdown(),
        "glossary nav entry": next(iter(nav[-1])),
        "exercise index": index_markdown(DOCS, PAGES, "ko"),
        "solution title": title if solved else "",
        "hint title": hint if found.hints == ("Try.\n",) else "",
        "check title": check if found.check_call == 'check("1.1", f)' else "",
        "notebook box": notebook_box("ko/perceptron/", "perceptron", "ko", "https://colab/x"),
        "notebook index": generated.notebook_index_markdown(
            DOCS, NOTEBOOK_ROWS, "ko", "https://github.com/nnbook/nnbook"
        ),
        "cover's pdf links": generated.pdf_links("ko", "1.0"),
        "bibliography page": bibliography.page_markdown([], citation.load(), "ko"),
        "changes page": changelog.page_markdown(EVERY_CHANGE, "ko"),
        "print page's title": print_site["print_page_title"],
        "print page": print_page.as_book(PRINT_PAGE, "ko", Edition("1.0", "2027-01-01", "u"), "s"),
    }


def test_ui_yml_has_every_text_the_code_asks_for_and_no_other(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The code runs with a ui.yml whose texts are their own names: a name it asks for that is
    missing raises (MissingTextError), and each name must come out somewhere."""

    def marked(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
        return {
            name: marked(value, f"{prefix}{name}.")
            if isinstance(value, dict)
            else f"⟦{prefix}{name}⟧"
            for name, value in table.items()
        }

    (tmp_path / "ko").mkdir()
    raw = yaml.safe_load(UI_FILE.read_text(encoding="utf-8"))
    text = yaml.safe_dump(marked(raw), allow_unicode=True)
    (tmp_path / "ko" / "ui.yml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    out = "\n".join(korean_texts(monkeypatch, tmp_path).values())
    used = set(re.findall(r"⟦([\w.]+)⟧", out))
    assert sorted(set(UI) - used) == [], "in ui.yml but used nowhere"
    assert used == set(UI)


def test_the_korean_sites_generated_texts_come_from_ui_yml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    texts = korean_texts(monkeypatch, tmp_path)
    glossary, index, box = texts["glossary page"], texts["exercise index"], texts["notebook box"]
    assert glossary.startswith(f"# {UI['glossary.title']}\n\n{UI['glossary.intro']}\n\n")
    assert (
        "| " + " | ".join(UI[f"glossary.column.{c}"] for c in ("english", "korean", "avoid")) + " |"
        in glossary
    )
    assert f"\n## {UI['glossary.why']} {{ #why }}\n" in glossary
    assert texts["glossary nav entry"] == UI["glossary.nav"]
    intro = f"# {UI['exercises.title']}\n\n{UI['exercises.intro']}\n\n{UI['exercises.legend']}\n"
    assert index.startswith(intro)
    columns = ("exercise", "kind", "difficulty", "check")
    assert "| " + " | ".join(UI[f"exercises.column.{c}"] for c in columns) + " |" in index
    kinds = set(re.findall(r"^\| \[[^|]*\) \| ([^|]+) \| ★+ \| ✓? \|$", index, re.MULTILINE))
    assert kinds == {
        UI[f"exercises.kind.{k}"] for k in ("derivation", "coding", "predict", "extension")
    }
    assert texts["solution title"] == UI["exercises.solution"]
    assert texts["hint title"] == UI["exercises.hint"]
    assert texts["check title"] == UI["exercises.check"]
    assert box.startswith(
        f'!!! example nnbook-notebook "{UI["notebook.title"]}"\n    {UI["notebook.intro"]}\n'
    )
    assert UI["notebook.download"].format(stem="perceptron") in box and UI["notebook.read"] in box
    for name in UI_CODE:  # no Korean word left in the code: one home for them
        assert not HANGUL.search((REPO / name).read_text(encoding="utf-8")), name


def test_a_missing_or_malformed_ui_text_names_the_file_and_the_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = r"^translations/ko/ui.yml has no text 'no.such'$"
    with pytest.raises(i18n.MissingTextError, match=missing):
        UI["no.such"]
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko" / "ui.yml").write_text("notebook:\n  title: 3\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    with pytest.raises(ValueError, match=r"ko/ui.yml: notebook.title is not a text: 3$"):
        i18n.ui_text("ko")


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_the_other_korean_texts_follow_the_glossary_and_the_rules() -> None:
    """The labels of figures and widgets, the tooling's texts and the sidebar's titles."""
    tables = {
        f: yaml.safe_load((REPO / "translations" / "ko" / f).read_text(encoding="utf-8"))
        for f in ("figures.yml", "widgets.yml", "ui.yml")
    }
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    tables["mkdocs.yml"] = [line for line in yml.splitlines() if HANGUL.search(line)]
    for where, table in tables.items():
        text = " ".join(" ".join(_strings(table)).split())
        avoided = [a for t in GLOSSARY for a in t.get("avoid", []) if a in text]
        broken = [m[0] for r in RULES if "avoid" in r for m in re.finditer(r["avoid"], text)]
        assert avoided == broken == [], where
