"""The API reference documents exactly the public API: ``__all__`` and ``objects.inv`` agree.

The list of modules comes from the ``nnbook`` package itself (every submodule whose name does
not start with an underscore), so a new module cannot be forgotten in ``docs/reference.md``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import zlib
from pathlib import Path
from types import ModuleType

import pytest

import nnbook
from book.paths import REPO

REFERENCE = REPO / "docs" / "reference.md"


def public_modules() -> list[str]:
    names = []
    for info in pkgutil.iter_modules(nnbook.__path__):
        if not info.name.startswith("_"):
            names.append(f"nnbook.{info.name}")
    return sorted(names)


MODULES = public_modules()


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def read_inventory(path: Path) -> dict[str, tuple[str, str]]:
    """Parse a Sphinx ``objects.inv`` (version 2): name -> (domain:role, uri)."""
    data = path.read_bytes()
    lines = data.split(b"\n", 4)
    assert lines[0].startswith(b"# Sphinx inventory version 2"), lines[0]
    assert b"zlib" in lines[3], lines[3]
    body = zlib.decompress(lines[4]).decode("utf-8")
    entries = {}
    pattern = re.compile(r"^(?P<name>.+?)\s+(?P<role>\S+:\S+)\s+(?P<prio>-?\d+)\s+(?P<uri>\S*)\s+")
    for line in body.splitlines():
        m = pattern.match(line + " ")
        if m:
            entries[m["name"]] = (m["role"], m["uri"])
    return entries


@pytest.fixture(scope="module")
def inventory(site_dir: Path) -> dict[str, tuple[str, str]]:
    return read_inventory(site_dir / "objects.inv")


def test_there_are_public_modules() -> None:
    assert len(MODULES) >= 5, MODULES


def test_reference_page_documents_every_public_module() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    directives = re.findall(r"^:::\s+(\S+)\s*$", text, re.MULTILINE)
    missing = [m for m in MODULES if m not in directives]
    assert not missing, f"add to docs/reference.md: {', '.join('::: ' + m for m in missing)}"
    unknown = [d for d in directives if d not in MODULES]
    assert not unknown, f"docs/reference.md documents modules that are not public: {unknown}"
    assert len(directives) == len(set(directives)), "a module is documented twice"


@pytest.mark.parametrize("name", MODULES)
def test_public_module_declares_all(name: str) -> None:
    module = _module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__: declare its public names"
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), f"{name}.__all__ has duplicates"
    for attr in exported:
        assert hasattr(module, attr), f"{name}.__all__ lists {attr!r}, which does not exist"


@pytest.mark.parametrize("name", MODULES)
def test_all_names_are_in_the_inventory(name: str, inventory: dict) -> None:
    module = _module(name)
    missing = [
        f"{name}.{n}" for n in getattr(module, "__all__", []) if f"{name}.{n}" not in inventory
    ]
    assert not missing, f"in __all__ but not in the built API reference: {missing}"


@pytest.mark.parametrize("name", MODULES)
def test_inventory_lists_only_names_in_all(name: str, inventory: dict) -> None:
    """Objects rendered at module level (not methods, not aliases of names imported from
    another module, whose entries point at the other module's anchor) are exactly __all__."""
    module = _module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    exported = set(module.__all__)
    prefix = name + "."
    documented = {
        key[len(prefix) :]
        for key, (role, uri) in inventory.items()
        if key.startswith(prefix)
        and "." not in key[len(prefix) :]
        and role != "py:module"
        and (uri.endswith("#$") or uri.endswith("#" + key))
    }
    extra = sorted(documented - exported)
    assert not extra, f"documented but not in {name}.__all__: {extra}"


def test_top_level_names_are_documented(inventory: dict) -> None:
    """Every name of ``nnbook.__all__`` is a public module or an object documented under the
    module that defines it (``nnbook.MLP`` is documented as ``nnbook.mlp.MLP``)."""
    problems = []
    for attr in nnbook.__all__:
        obj = getattr(nnbook, attr)
        if isinstance(obj, ModuleType):
            if obj.__name__ not in MODULES:
                problems.append(f"nnbook.{attr}: module {obj.__name__} is not public")
            continue
        home = getattr(obj, "__module__", "")
        if f"{home}.{attr}" not in inventory:
            problems.append(f"nnbook.{attr}: {home}.{attr} is not in the API reference")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", MODULES)
def test_doctest_examples_use_the_examples_section(name: str) -> None:
    """Google style: ``Examples:`` (plural) holds doctests. griffe reads ``Example:`` as an
    admonition, and the ``>>>`` lines then render as three nested block quotes."""
    source = Path(_module(name).__file__ or "").read_text(encoding="utf-8")
    bad = [
        source[: m.start()].count("\n") + 1
        for m in re.finditer(r"^[ \t]*Example:[ \t]*\n[ \t]+>>>", source, re.MULTILINE)
    ]
    assert not bad, f"{name}: write 'Examples:' instead of 'Example:' (lines {bad})"


@pytest.mark.parametrize("name", MODULES)
def test_docstrings_cross_reference_in_markdown(name: str) -> None:
    """mkdocstrings renders Markdown: a Sphinx role such as ``:func:`x``` shows up literally on
    the page; ``[`x`][nnbook.module.x]`` is the link."""
    source = Path(_module(name).__file__ or "").read_text(encoding="utf-8")
    roles = re.findall(r":(?:func|mod|class|data|meth|attr):`[^`]+`", source)
    assert not roles, f"{name}: write [`x`][nnbook.module.x] instead of {roles}"


def test_reference_renders_docstring_math(site_dir: Path) -> None:
    """Docstrings write ``$...$``; arithmatex marks it and the build typesets it as MathML."""
    sources = [Path(_module(m).__file__ or "").read_text(encoding="utf-8") for m in MODULES]
    assert any(re.search(r"\$[^$\n]+\$", s) for s in sources), "no docstring holds math"
    html = (site_dir / "reference" / "index.html").read_text(encoding="utf-8")
    assert 'class="arithmatex"' in html
    assert "<math" in html
