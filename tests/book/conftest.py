"""Fixtures of the tests of the book's tooling."""

from __future__ import annotations

import pytest

from book import notebooks
from book.paths import DOCS
from book.site import generated

STALE_NOTEBOOKS = pytest.StashKey[list[str]]()
STALE_PAGES = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    # At collection, before anything builds the site: the build regenerates the notebooks in
    # docs/, which would hide committed notebooks that are out of date.
    url = notebooks.site_url_from_config()
    config.stash[STALE_NOTEBOOKS] = notebooks.sync(DOCS, url, check=True)
    config.stash[STALE_PAGES] = generated.book_sync(check=True)


@pytest.fixture(scope="session")
def stale_notebooks_at_start(request: pytest.FixtureRequest) -> list[str]:
    """Notebooks that were out of date with their chapter when the test session started."""
    return request.config.stash[STALE_NOTEBOOKS]


@pytest.fixture(scope="session")
def stale_pages_at_start(request: pytest.FixtureRequest) -> list[str]:
    """Generated pages (book/site/generated.py) out of date when the test session started."""
    return request.config.stash[STALE_PAGES]
