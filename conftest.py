"""Root pytest configuration: the book's executed code, the site build, the browser notice.

1. **Sybil** collects the executed Python blocks of ``docs/*.md`` (fences like
   ```` ```python exec="on" session="<page>" ... ````), the same blocks markdown-exec runs during
   ``mkdocs build``. Sybil's stock Markdown parser compares the whole info string to
   ``python`` and would skip them, so the block finder of ``scripts/make_notebooks.py`` (which
   also builds the companion notebooks) lexes them. One namespace per page, blocks in page
   order, current directory = repository root (as during ``mkdocs build``), whatever directory
   pytest was started from.
2. **built_site**: a session fixture that runs ``mkdocs build --strict`` once into a temporary
   directory; shared by tests/test_site_build.py, tests/test_api_reference.py and
   tests/test_site_browser.py. ``NNBOOK_SITE_DIR=<dir>`` reuses an existing build (only for
   iterating on the browser tests: the build assertions are then skipped).
3. A loud terminal-summary section when the browser suite could not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import make_notebooks  # scripts/ is on pytest's pythonpath
import pytest
from sybil import Lexeme, Region, Sybil
from sybil.evaluators.python import PythonEvaluator

REPO = Path(__file__).resolve().parent


# ------------------------------------------------------------------------------------------
# 1. Sybil: executed blocks of the chapters
# ------------------------------------------------------------------------------------------

_evaluate = PythonEvaluator()


def parse_exec_blocks(document):  # type: ignore[no-untyped-def]
    """Sybil parser: one region per executed Python block, in page order."""
    for block in make_notebooks.find_exec_blocks(document.text):
        yield Region(
            block.start,
            block.end,
            parsed=Lexeme(block.code, offset=0, line_offset=0),
            evaluator=_evaluate,
        )


_saved: list[tuple[str, str | None]] = []


def _setup(namespace: dict[str, object]) -> None:
    # markdown-exec runs the blocks from the directory holding mkdocs.yml, with a module name
    # registered in sys.modules (dataclasses and pickle look the module up); do the same.
    _saved.append((os.getcwd(), os.environ.get("MPLBACKEND")))
    os.chdir(REPO)
    os.environ["MPLBACKEND"] = "Agg"
    name = f"nnbook_docs_page_{len(_saved)}"
    sys.modules[name] = ModuleType(name)
    namespace["__name__"] = name


def _teardown(namespace: dict[str, object]) -> None:
    cwd, backend = _saved.pop()
    os.chdir(cwd)
    if backend is None:
        os.environ.pop("MPLBACKEND", None)
    else:
        os.environ["MPLBACKEND"] = backend
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    sys.modules.pop(str(namespace.get("__name__")), None)


pytest_collect_file = Sybil(
    parsers=[parse_exec_blocks],
    patterns=["*.md"],
    path="docs",
    setup=_setup,
    teardown=_teardown,
    name="docs",
).pytest()


# ------------------------------------------------------------------------------------------
# 2. One strict build per test session
# ------------------------------------------------------------------------------------------

WARNING_LINE = re.compile(r"^\s*(?:WARNING|ERROR)\s+-\s", re.MULTILINE)


@dataclass
class SiteBuild:
    site_dir: Path
    returncode: int
    output: str
    seconds: float
    reused: bool = False
    command: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [ln.strip() for ln in self.output.splitlines() if WARNING_LINE.match(ln)]

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.warnings


def run_mkdocs_build(
    site_dir: Path, config_file: Path | None = None, cwd: Path = REPO
) -> tuple[int, str, list[str]]:
    """``mkdocs build --strict`` (never ``-q``: quiet drops the warnings strict counts)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config_file is not None:
        cmd += ["--config-file", str(config_file)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1800
    )
    return proc.returncode, proc.stdout + proc.stderr, cmd


@pytest.fixture(scope="session", name="run_mkdocs_build")
def _run_mkdocs_build_fixture():  # type: ignore[no-untyped-def]
    """``run_mkdocs_build(site_dir, config_file=None, cwd=REPO) -> (code, output, command)``."""
    return run_mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, terminal_report) -> SiteBuild:  # type: ignore[no-untyped-def]
    reuse = os.environ.get("NNBOOK_SITE_DIR")
    if reuse:
        site = Path(reuse).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"NNBOOK_SITE_DIR={reuse} does not hold a built site (no index.html)")
        return SiteBuild(site, 0, "", 0.0, reused=True)
    site = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    code, output, cmd = run_mkdocs_build(site)
    build = SiteBuild(site, code, output, time.perf_counter() - start, command=cmd)
    terminal_report(
        "site build",
        [
            f"mkdocs build --strict: exit {code}, {len(build.warnings)} warning(s), "
            f"{build.seconds:.1f} s -> {site}"
        ],
    )
    return build


@pytest.fixture(scope="session")
def site_dir(built_site: SiteBuild) -> Path:
    """The built site; fails (rather than testing a half-built site) if the build failed."""
    if built_site.returncode != 0:
        tail = "\n".join(built_site.output.splitlines()[-40:])
        pytest.fail(f"mkdocs build --strict failed (exit {built_site.returncode}):\n{tail}")
    return built_site.site_dir


# ------------------------------------------------------------------------------------------
# 3. Make a skipped browser suite impossible to miss
# ------------------------------------------------------------------------------------------

BROWSER_NOTICE = pytest.StashKey[list[str]]()
REPORTS = pytest.StashKey[dict[str, list[str]]]()


STALE_NOTEBOOKS = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[BROWSER_NOTICE] = []
    config.stash[REPORTS] = {}
    # Before anything builds the site: the build regenerates the notebooks in docs/, which
    # would hide committed notebooks that are out of date.
    config.stash[STALE_NOTEBOOKS] = make_notebooks.sync(
        REPO / "docs", make_notebooks.site_url_from_config(), check=True
    )


@pytest.fixture(scope="session")
def stale_notebooks_at_start(request: pytest.FixtureRequest) -> list[str]:
    """Notebooks that were out of date with their chapter when the test session started."""
    return request.config.stash[STALE_NOTEBOOKS]


@pytest.fixture(scope="session")
def browser_notice(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``browser_notice(message)``: repeat ``message`` loudly in the terminal summary."""
    return request.config.stash[BROWSER_NOTICE].append


@pytest.fixture(scope="session")
def terminal_report(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``terminal_report(title, lines)``: print a section (e.g. a table) in the summary."""

    def add(title: str, lines: list[str]) -> None:
        request.config.stash[REPORTS][title] = lines

    return add


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    for title, lines in config.stash.get(REPORTS, {}).items():
        terminalreporter.section(title, sep="-")
        for line in lines:
            terminalreporter.write_line(line)
    notices = config.stash.get(BROWSER_NOTICE, [])
    if notices:
        terminalreporter.section("BROWSER SUITE NOT RUN", sep="!", red=True, bold=True)
        for line in dict.fromkeys(notices):
            terminalreporter.write_line(line, red=True, bold=True)
