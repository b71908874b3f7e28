"""A chapter's Markdown structure: its fenced code blocks, which of them run, its admonitions
and its title.

One reading of a chapter shared by the notebooks (:mod:`book.notebooks`), the exercises
(:mod:`book.exercises`), the Korean twin checks and the tests, so that all of them agree with
markdown-exec on what "an executed block" is: a fence whose language is ``python`` or ``py``
with an ``exec`` attribute that is not off.

The reading is markdown-it's (CommonMark), with YAML front matter and the admonitions of
Python-Markdown (``!!! note "Title"``) and pymdownx.details (``??? note``, ``???+ note``).
Offsets are characters of the text, lines 1-based.

Usage::

    for fence in find_fences(Path("docs/xor.md").read_text(encoding="utf-8")):
        print(fence.line, fence.language, fence.executed, fence.session)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

EXEC_LANGUAGES = frozenset({"python", "py"})

_ATTR = re.compile(r"""(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'}]+))""")
_FALSE = frozenset({"", "no", "off", "false", "0"})
_NEWLINE = re.compile(r"\r\n?|\n")  # the line breaks markdown-it reads
_ADMONITION = re.compile(  # its first line: !!! kind more-classes "Title"
    r"(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<classes>[\w-]+(?:[ \t]+[\w-]+)*)"
    r'(?:[ \t]+"(?P<title>.*?)")?[ \t]*$'
)
_BODY_INDENT = 4  # an admonition's body is indented by four more columns than its first line


@dataclass(frozen=True)
class ExecBlock:
    """One executed fenced code block of a markdown page."""

    start: int  # character offset of the opening fence line
    end: int  # character offset just after the closing fence line
    line: int  # 1-based line number of the opening fence
    language: str
    attrs: dict[str, str] = field(hash=False)
    code: str = ""  # the block's source, de-indented, ending with a newline

    @property
    def session(self) -> str | None:
        return self.attrs.get("session")


@dataclass(frozen=True)
class Fence:
    """Any fenced code block (executed or not)."""

    start: int
    end: int
    line: int
    indent: str  # the blanks before the opening fence on its line
    language: str
    attrs: dict[str, str] = field(hash=False)
    code: str = ""

    @property
    def session(self) -> str | None:
        return self.attrs.get("session")

    @property
    def executed(self) -> bool:
        value = self.attrs.get("exec")
        return (
            self.language in EXEC_LANGUAGES
            and value is not None
            and value.strip().lower() not in _FALSE
        )


@dataclass(frozen=True)
class Admonition:
    """An admonition ``!!! kind more-classes "Title"`` (or ``???``/``???+``, collapsible)."""

    start: int  # character offset of its first line
    end: int  # character offset just after its last non-blank line
    line: int  # 1-based line number of its first line
    indent: str  # the blanks before its marker; its body is indented four more columns
    body_start: int  # character offset of the line after its first line
    classes: tuple[str, ...]  # ("exercise", "derivation")
    title: str | None  # None when the first line has no quoted title
    children: tuple[Admonition, ...]  # the admonitions directly in its body


def _admonition_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it block rule for an admonition, read the way Python-Markdown reads one: its
    body is every following line indented four columns more than it, or blank.

    (mdit-py-plugins' ``admon`` plugin ends an admonition at two blank lines in a row, which
    the chapters' code blocks inside solutions hold.)"""
    if state.is_code_block(start_line):
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    head = _ADMONITION.match(state.src[first : state.eMarks[start_line]])
    if not head:
        return False
    if silent:
        return True
    body_indent = state.sCount[start_line] + _BODY_INDENT
    last = start_line + 1  # just after the last non-blank line of the body
    for line in range(start_line + 1, end_line):
        if not state.isEmpty(line):
            if state.sCount[line] < body_indent:
                break
            last = line + 1
    token = state.push("admonition_open", "div", 1)
    token.markup = head["marker"]
    token.map = [start_line, last]
    token.meta = {"classes": tuple(head["classes"].split()), "title": head["title"]}
    outer = state.blkIndent, state.lineMax, state.parentType
    state.blkIndent, state.lineMax, state.parentType = body_indent, last, "admonition"
    state.md.block.tokenize(state, start_line + 1, last)
    state.blkIndent, state.lineMax, state.parentType = outer
    state.push("admonition_close", "div", -1)
    state.line = last
    return True


_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin).disable(["inline", "text_join"])
_MARKDOWN.block.ruler.before(
    "fence",
    "admonition",
    _admonition_rule,
    {"alt": ["paragraph", "reference", "blockquote", "list"]},
)


@functools.lru_cache(maxsize=8)
def parse(text: str) -> tuple[Token, ...]:
    """The block tokens of a page, as markdown-it reads it with the book's extensions.

    The functions below read a page one after the other (the notebooks read each chapter five
    times), so the last few pages read are kept: the tokens are shared, never to be changed."""
    return tuple(_MARKDOWN.parse(text))


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts, as markdown-it counts lines, then ``len(text)``: a
    token's ``map`` ``[a, b]`` covers ``text[starts[a] : starts[b]]``."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text)), len(text)]


def _lines(token: Token) -> tuple[int, int]:
    """The lines ``[first, last)`` that a block token covers (markdown-it maps each one)."""
    assert token.map is not None
    first, last = token.map
    return first, last


def _leading_blanks(line: str) -> str:
    """The spaces and tabs that ``line`` starts with."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def parse_attrs(info: str) -> tuple[str, dict[str, str]]:
    """Split a fence info string ``python exec="on" session="xor"`` into language and attrs."""
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):  # ```{.python exec="on"}
        info = info[1:-1].strip()
    language, _, rest = info.partition(" ")
    language = language.lstrip(".").lower()
    attrs = {}
    for m in _ATTR.finditer(rest):
        value = next(v for v in (m["dq"], m["sq"], m["bare"]) if v is not None)
        attrs[m["key"]] = value
    return language, attrs


def find_fences(text: str) -> list[Fence]:
    """Every fenced code block of ``text``, in order (fences inside a fence are its text)."""
    starts = line_starts(text)
    fences = []
    for token in parse(text):
        if token.type != "fence":
            continue
        first, last = _lines(token)
        code = token.content
        if code and not code.endswith("\n"):  # a fence left open at the end of the text
            code += "\n"
        language, attrs = parse_attrs(token.info)
        indent = _leading_blanks(text[starts[first] : starts[first + 1]])
        fences.append(Fence(starts[first], starts[last], first + 1, indent, language, attrs, code))
    return fences


def find_exec_blocks(text: str) -> list[ExecBlock]:
    """The executed Python blocks of a page, in page order."""
    return [
        ExecBlock(f.start, f.end, f.line, f.language, f.attrs, f.code)
        for f in find_fences(text)
        if f.executed
    ]


def find_admonitions(text: str) -> list[Admonition]:
    """The admonitions of ``text`` that are not inside another one, in page order; each holds
    those directly inside it."""
    starts = line_starts(text)
    opened: list[Token] = []
    found: list[list[Admonition]] = [[]]  # per open admonition (and the page): what it holds
    for token in parse(text):
        if token.type == "admonition_open":
            opened.append(token)
            found.append([])
        elif token.type == "admonition_close":
            head, children = opened.pop(), found.pop()
            first, last = _lines(head)
            found[-1].append(
                Admonition(
                    start=starts[first],
                    end=starts[last],
                    line=first + 1,
                    indent=_leading_blanks(text[starts[first] : starts[first + 1]]),
                    body_start=starts[first + 1],
                    classes=head.meta["classes"],
                    title=head.meta["title"],
                    children=tuple(children),
                )
            )
    return found[0]


ATTR_LIST = re.compile(
    r"[ \t]*\{:?[ \t]*(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
    r"(?:[ \t]+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*[ \t]*\}"
)


def _title(tokens: tuple[Token, ...]) -> tuple[Token, Token] | None:
    """The first ``h1`` heading of a page: its opening token and its inline content."""
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return token, tokens[i + 1]
    return None


def page_title(text: str, fallback: str) -> str:
    """The page's title: the text of its first ``h1``, without an attribute list."""
    title = _title(parse(text))
    return ATTR_LIST.sub("", title[1].content).strip() if title else fallback


def head_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the page's front matter and title heading, in page order (what
    a notebook leaves out: it has a title cell of its own)."""
    tokens = parse(text)
    title = _title(tokens)
    heads = [t for t in tokens if t.type == "front_matter"] + ([title[0]] if title else [])
    starts = line_starts(text)
    return [(starts[first], starts[last]) for first, last in map(_lines, heads)]


def nav_pages(nav: list[Any]) -> list[str]:
    """The page files of a MkDocs ``nav`` (nested sections flattened), in order."""
    pages: list[str] = []
    for item in nav:
        for value in item.values() if isinstance(item, dict) else [item]:
            if isinstance(value, str):
                pages.append(value)
            elif isinstance(value, list):
                pages.extend(nav_pages(value))
    return pages
