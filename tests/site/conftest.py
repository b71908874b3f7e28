"""Fixtures of the site tests: one strict build per test session, and loud summary sections.

- ``built_site``: ``mkdocs build --strict`` once into a temporary directory, shared by the
  build, API-reference and browser tests. ``NNBOOK_SITE_DIR=<dir>`` reuses an existing build
  (only for iterating on the browser tests: the build assertions are then skipped).
- ``server`` (the built site on 127.0.0.1, as GitHub Pages serves it) and ``browser``
  (headless Chromium through Playwright), shared by the browser and accessibility tests.
- ``terminal_report(title, lines)`` and ``browser_notice(message)``: sections printed in the
  terminal summary, so that a browser suite that could not run is impossible to miss.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.site.browsing import CHROMIUM, CHROMIUM_ARGS, serve

REPO = Path(__file__).resolve().parents[2]
WARNING_LINE = re.compile(r"^\s*(?:WARNING|ERROR)\s+-\s", re.MULTILINE)
BROWSER_NOTICE = pytest.StashKey[list[str]]()
REPORTS = pytest.StashKey[dict[str, list[str]]]()


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


def run_mkdocs_build(
    site_dir: Path, config_file: Path | None = None, cwd: Path = REPO, generator: str = "mkdocs"
) -> tuple[int, str, list[str]]:
    """``mkdocs build --strict`` (never ``-q``: quiet drops the warnings strict counts), or the
    same with ``generator="properdocs"``."""
    cmd = [sys.executable, "-m", generator, "build", "--strict", "--site-dir", str(site_dir)]
    if generator == "properdocs" and config_file is None:
        config_file = cwd / "mkdocs.yml"  # ProperDocs looks for properdocs.yml first
    if config_file is not None:
        cmd += ["--config-file", str(config_file)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1800
    )
    return proc.returncode, proc.stdout + proc.stderr, cmd


@pytest.fixture(scope="session", name="run_mkdocs_build")
def _run_mkdocs_build_fixture() -> Callable[..., tuple[int, str, list[str]]]:
    """``run_mkdocs_build(site_dir, config_file=None, cwd=REPO, generator="mkdocs")`` ->
    ``(code, output, command)``."""
    return run_mkdocs_build


@pytest.fixture(scope="session")
def built_site(
    tmp_path_factory: pytest.TempPathFactory, terminal_report: Callable[[str, list[str]], None]
) -> SiteBuild:
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


@pytest.fixture
def desktop_page(browser: Any) -> Iterator[Any]:
    """A page of its own fresh browser context, 1280 x 900 px, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[BROWSER_NOTICE] = []
    config.stash[REPORTS] = {}


@pytest.fixture(scope="session")
def browser_notice(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``browser_notice(message)``: repeat ``message`` loudly in the terminal summary."""
    return request.config.stash[BROWSER_NOTICE].append


@pytest.fixture(scope="session")
def terminal_report(request: pytest.FixtureRequest) -> Callable[[str, list[str]], None]:
    """``terminal_report(title, lines)``: print a section (e.g. a table) in the summary."""

    def add(title: str, lines: list[str]) -> None:
        request.config.stash[REPORTS][title] = lines

    return add


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
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


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(browser_notice: Callable[[str], None]) -> Iterator[Any]:
    how = (
        f"The browser suite (tests/site/test_browser.py, test_accessibility.py) was NOT run: {CHROMIUM} not found. "
        "Install Chromium with `sudo apt-get install chromium` and run `pytest -m browser`."
    )
    problem = None
    if not Path(CHROMIUM).exists():
        problem = how
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            problem = (
                "The browser suite was NOT run: the playwright package is missing "
                "(make test installs it)."
            )
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem + " (CI is set: a missing browser is a failure)")
        browser_notice(problem)
        pytest.skip(problem)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
