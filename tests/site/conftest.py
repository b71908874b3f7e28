"""Fixtures of the site tests: one strict build per test session, the server and the browser.

- ``built_site``: ``mkdocs build --strict`` into a temporary directory, started in the
  background as soon as the tests are collected (tests/site/sitebuild.py) and shared by every
  xdist worker. ``NNBOOK_SITE_DIR=<dir>`` reuses an existing build (only for iterating on the
  browser tests: the build assertions are then skipped).
- ``server`` (the built site on 127.0.0.1, as GitHub Pages serves it) and ``browser``
  (headless Chromium through Playwright), shared by the browser and accessibility tests.
- ``reports(spec)``: the one visit of a page (tests/site/visit.py) that the per-page browser,
  accessibility and widget tests read; it adds the page's weight and audit to the summary and
  to ``test-artifacts/page-weight.json`` and ``accessibility.json``.

Under xdist, the tests of one page run on one worker, so that each page is opened once (the
scheduler is tests/conftest.py's).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from book.pdf import CHROMIUM, CHROMIUM_ARGS
from tests.site import sitebuild
from tests.site.browsing import PAGE_IDS, PageSpec, serve
from tests.site.sitebuild import SiteBuild
from tests.site.visit import PageReport, budget, visit

SITE_FIXTURES = {"built_site", "site_dir"}


def _shared(config: pytest.Config) -> Path:
    """A directory of this session shared by its xdist workers."""
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    return base.parent if hasattr(config, "workerinput") else base


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    needs_site = any(SITE_FIXTURES & set(getattr(item, "fixturenames", ())) for item in items)
    if needs_site and not os.environ.get("NNBOOK_SITE_DIR"):
        sitebuild.start(_shared(config) / "nnbook-site")


@pytest.fixture(scope="session")
def run_mkdocs_build() -> Callable[..., tuple[int, str, list[str]]]:
    """``run_mkdocs_build(site_dir, config_file=None, cwd=REPO, generator="mkdocs",
    verbose=False)`` -> ``(code, output, command)``."""
    return sitebuild.run_mkdocs_build


@pytest.fixture(scope="session")
def built_site(
    request: pytest.FixtureRequest, summary: Callable[[str, str, str], None]
) -> SiteBuild:
    reuse = os.environ.get("NNBOOK_SITE_DIR")
    if reuse:
        site = Path(reuse).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"NNBOOK_SITE_DIR={reuse} does not hold a built site (no index.html)")
        return SiteBuild(site, 0, "", 0.0, reused=True)
    build = sitebuild.wait(_shared(request.config) / "nnbook-site")
    summary(
        "site build",
        "",
        f"mkdocs build --strict: exit {build.returncode}, {len(build.warnings)} warning(s), "
        f"{build.seconds:.1f} s -> {build.site_dir}",
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


def _record(r: PageReport, summary: Callable[..., None], artifact: Callable[..., None]) -> None:
    slug, order = r.spec.slug, f"{PAGE_IDS.index(r.spec.slug):03d}"
    weight = "page weight (bytes a first visit downloads, empty cache: light, and dark)"
    summary(
        weight,
        "",
        f"{'page':<34} {'kind':<9} {'requests':>8} {'bytes':>11} {'dark':>11} {'budget':>11}",
    )
    summary(
        weight,
        order,
        f"{slug:<34} {r.spec.kind:<9} {len(r.first_visit):>8} {r.weight:>11,} "
        f"{r.dark_weight:>11,} {budget(r.spec):>11,}",
    )
    wide = "display equations wider than the column (at 1280 px / at 375 px)"
    summary(wide, order, f"{slug:<34} {len(r.wide_math):>3} / {len(r.wide_math_375px):>3}")
    audit = "accessibility (axe-core, WCAG 2.1 A/AA): violations of any impact"
    summary(audit, "", f"{'page':<34} view          nodes per rule (serious and critical fail)")
    for view, violations in r.axe.items():
        found = ", ".join(f"{v['impact']} {v['id']} x{len(v['nodes'])}" for v in violations)
        summary(audit, f"{order} {view}", f"{slug:<34} {view:<13} {found or 'none'}")
    artifact(
        "page-weight",
        slug,
        {
            "path": r.spec.path,
            "kind": r.spec.kind,
            "bytes": r.weight,
            "dark bytes": r.dark_weight,
            "requests": len(r.first_visit),
            "files": dict(sorted(r.first_visit.items(), key=lambda kv: -kv[1])),
            "seconds": round(r.seconds, 2),
        },
    )
    artifact("accessibility", slug, r.axe)


@pytest.fixture(scope="session")
def reports(
    browser: Any,
    server: str,
    site_dir: Path,
    summary: Callable[..., None],
    artifact: Callable[..., None],
) -> Callable[[PageSpec], PageReport]:
    """``reports(spec)``: the page's one visit, made the first time a test asks for it."""
    done: dict[str, PageReport] = {}

    def get(spec: PageSpec) -> PageReport:
        if spec.path not in done:
            done[spec.path] = visit(browser, server, site_dir, spec)
            _record(done[spec.path], summary, artifact)
        return done[spec.path]

    return get
