"""What a whole test session reports, gathered from every pytest-xdist worker (``make test`` runs
the suite on every core; ``pytest`` alone runs it in one process, with the same output).

Fixtures, for any test or fixture:

- ``summary(title, key, line)``: a line of a section of the terminal summary (a table: the
  lines of all workers, sorted by ``key``; the key ``""`` is the header);
- ``artifact(name, key, value)``: an entry of ``test-artifacts/<name>.json`` (one object, the
  entries of all workers, sorted by key), written when the session ends;
- ``browser_notice(message)``: a loud red section, so that a browser suite that could not run
  is impossible to miss.

With ``--dist loadgroup`` (``make test``), the tests of one page of the site (those whose
parameter id is the page's, e.g. ``[ko-losses]`` or ``[losses-200%]``) are one unit of work,
sent to one worker, so that the page is opened once (tests/site/visit.py); every other test is
a unit of its own. (pytest-xdist's own ``xdist_group`` marks are lost under pytest 9.2, whose
node ids no longer read the attribute xdist rewrites.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from book.paths import REPO
from tests.site.browsing import PAGE_IDS

ARTIFACTS = REPO / "test-artifacts"
STATE = pytest.StashKey[dict[str, Any]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[STATE] = {"sections": {}, "artifacts": {}, "notices": []}


def _state(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.config.stash[STATE]


@pytest.fixture(scope="session")
def summary(request: pytest.FixtureRequest) -> Callable[[str, str, str], None]:
    """``summary(title, key, line)``: a line of the section ``title`` of the terminal summary."""
    sections = _state(request)["sections"]
    return lambda title, key, line: sections.setdefault(title, {}).__setitem__(key, line)


@pytest.fixture(scope="session")
def artifact(request: pytest.FixtureRequest) -> Callable[[str, str, Any], None]:
    """``artifact(name, key, value)``: ``test-artifacts/<name>.json`` holds ``value`` at ``key``."""
    artifacts = _state(request)["artifacts"]
    return lambda name, key, value: artifacts.setdefault(name, {}).__setitem__(key, value)


@pytest.fixture(scope="session")
def browser_notice(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``browser_notice(message)``: repeat ``message`` loudly in the terminal summary."""
    return _state(request)["notices"].append


def _merge(state: dict[str, Any], other: dict[str, Any]) -> None:
    for kind in ("sections", "artifacts"):
        for name, entries in other.get(kind, {}).items():
            state[kind].setdefault(name, {}).update(entries)
    state["notices"] += other.get("notices", [])


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    state = config.stash[STATE]
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: its part goes to the controller
        workeroutput["nnbook"] = json.dumps(state)
        return
    for name, entries in state["artifacts"].items():
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        text = json.dumps(dict(sorted(entries.items())), indent=1, sort_keys=True) + "\n"
        (ARTIFACTS / f"{name}.json").write_text(text, encoding="utf-8")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """The controller of xdist workers: gather what a worker reported."""
    _merge(node.config.stash[STATE], json.loads(node.workeroutput.get("nnbook", "{}")))


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    state = config.stash[STATE]
    for title, lines in state["sections"].items():
        terminalreporter.section(title, sep="-")
        for _, line in sorted(lines.items()):
            terminalreporter.write_line(line)
    if state["notices"]:
        terminalreporter.section("BROWSER SUITE NOT RUN", sep="!", red=True, bold=True)
        for line in dict.fromkeys(state["notices"]):
            terminalreporter.write_line(line, red=True, bold=True)


def page_of(nodeid: str) -> str | None:
    """The page a test's parameter id names (``...[ko-losses-200%]`` -> ``ko-losses``)."""
    if not nodeid.endswith("]"):
        return None
    param = nodeid.rpartition("[")[2][:-1]
    pages = [p for p in PAGE_IDS if param == p or param.startswith(p + "-")]
    return max(pages, key=len, default=None)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``--dist loadgroup``: one unit of work per page of the site (see above)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # In collection order (the library first, the site last: pyproject's testpaths), not the
    # biggest units first, which sent the pages first and left both workers waiting for the
    # site build while a thousand library tests waited behind them.
    config.option.loadscopereorder = False

    class ByPage(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            page = page_of(nodeid)
            return f"page {page}" if page else nodeid

    return ByPage(config, log)
