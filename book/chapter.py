"""A chapter's Markdown structure: its fenced code blocks, which of them run, and its title.

One reading of a chapter shared by the notebooks (:mod:`book.notebooks`), the exercises
(:mod:`book.exercises`), the Korean twin checks and the tests, so that all of them agree with
markdown-exec on what "an executed block" is: a fence whose language is ``python`` or ``py``
with an ``exec`` attribute that is not off.

Usage::

    for fence in find_fences(Path("docs/xor.md").read_text(encoding="utf-8")):
        print(fence.line, fence.language, fence.executed, fence.session)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

EXEC_LANGUAGES = frozenset({"python", "py"})

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
_ATTR = re.compile(r"""(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'}]+))""")
_FALSE = frozenset({"", "no", "off", "false", "0"})


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
    indent: str
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
    """Every fenced code block of ``text``, in order (nested fences are not descended into)."""
    fences: list[Fence] = []
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i].rstrip("\r\n"))
        if not m:
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"]
        if fence[0] == "`" and "`" in info:  # not a fence: an inline code span
            i += 1
            continue
        close = re.compile(
            rf"^[ \t]{{0,{len(indent.expandtabs(4)) + 3}}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$"
        )
        j = i + 1
        while j < len(lines) and not close.match(lines[j].rstrip("\r\n")):
            j += 1
        body = lines[i + 1 : j]
        code = "".join(_strip_indent(ln, indent) for ln in body)
        if code and not code.endswith("\n"):
            code += "\n"
        language, attrs = parse_attrs(info)
        end = offsets[min(j + 1, len(lines))]
        fences.append(Fence(offsets[i], end, i + 1, indent, language, attrs, code))
        i = j + 1
    return fences


def _strip_indent(line: str, indent: str) -> str:
    """Remove up to ``len(indent)`` leading blanks (the fence's own indentation)."""
    k = 0
    while k < len(indent) and k < len(line) and line[k] in " \t":
        k += 1
    return line[k:]


def find_exec_blocks(text: str) -> list[ExecBlock]:
    """The executed Python blocks of a page, in page order."""
    return [
        ExecBlock(f.start, f.end, f.line, f.language, f.attrs, f.code)
        for f in find_fences(text)
        if f.executed
    ]


FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
ATTR_LIST = re.compile(
    r"[ \t]*\{:?[ \t]*(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
    r"(?:[ \t]+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*[ \t]*\}"
)


def page_title(text: str, fallback: str) -> str:
    body = FRONT_MATTER.sub("", text)
    for fence in find_fences(body):  # ignore "# comments" inside code blocks
        body = (
            body[: fence.start]
            + "\n" * body[fence.start : fence.end].count("\n")
            + body[fence.end :]
        )
    m = H1.search(body)
    return ATTR_LIST.sub("", m["title"]).strip() if m else fallback


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
