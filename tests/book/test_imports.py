"""The repository's own imports point one way: no circle between files, none between packages.

The graph is read from the source with :mod:`ast` (every ``import``, at the top of a file or
inside a function): ``from a import b`` depends on the module ``a.b`` when there is one, else on
``a``. A package is a folder; an import between two modules of different folders is an edge
between the folders. ``nnbook`` imports nothing of the repository but itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from book.paths import REPO

ROOTS = ("nnbook", "book", "hooks", "scripts", "tests")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for root in ROOTS for p in sorted((REPO / root).rglob("*.py"))}


def package_of(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def imported_names(module: str) -> Iterator[str]:
    """Every name ``module`` imports, relative imports resolved, most specific first."""
    package = package_of(module).split(".")
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def dependencies(module: str) -> set[str]:
    """The repository's modules that ``module`` imports (the longest known prefix of a name)."""
    found = set()
    for name in imported_names(module):
        parts = name.split(".")
        known = (".".join(parts[:k]) for k in range(len(parts), 0, -1))
        target = next((m for m in known if m in MODULES), None)
        if target is not None and target != module:
            found.add(target)
    return found


GRAPH = {m: dependencies(m) for m in MODULES}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_circle_between_files() -> None:
    assert circles(GRAPH) == []


def test_no_circle_between_packages() -> None:
    packages: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        for target in targets:
            if package_of(module) != package_of(target):
                packages.setdefault(package_of(module), set()).add(package_of(target))
    assert circles(packages) == []


def test_the_library_imports_only_itself() -> None:
    outside = {
        f"{m} -> {t}"
        for m, targets in GRAPH.items()
        if m.startswith("nnbook")
        for t in targets
        if not t.startswith("nnbook")
    }
    assert outside == set()


def test_the_check_sees_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []
    assert "book.chapter" in GRAPH["book.exercises"]  # the graph is read, not empty
