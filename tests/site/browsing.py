"""What the browser tests share: the pages of the site, the server that serves them as GitHub
Pages would, and where Chromium is. The ``server`` and ``browser`` fixtures (conftest.py) are
built on it, once per test session."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from book import notebooks as mn

REPO = Path(__file__).resolve().parents[2]
# Found as .ci/run finds it: $NNBOOK_CHROMIUM, else `chromium` on PATH.
CHROMIUM = os.environ.get("NNBOOK_CHROMIUM") or shutil.which("chromium") or "chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
PREFIX = urlsplit(SITE_URL).path or "/"

# --------------------------------------------------------------------------------------------
# The pages, known at collection time from the sources
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSpec:
    path: str  # URL path relative to the site root: "", "xor/", "404.html"
    kind: str  # chapter | notebook | reference | print | 404
    source: Path | None = None

    @property
    def slug(self) -> str:
        s = self.path.strip("/").replace("/", "-").removesuffix(".html")
        return s or "index"


def page_specs() -> list[PageSpec]:
    docs = REPO / "docs"
    specs = []
    for md in mn.chapter_paths(docs):
        specs.append(PageSpec(mn.page_url(md.name), "chapter", md))
    specs.append(PageSpec("reference/", "reference", docs / "reference.md"))
    for nb in mn.expected_notebooks(docs):
        specs.append(PageSpec(f"{mn.NOTEBOOK_DIR}/{nb.stem}/", "notebook", nb))
    specs.append(PageSpec("print_page/", "print"))
    specs.append(PageSpec("404.html", "404"))
    return specs


PAGES = page_specs()
PAGE_IDS = [p.slug for p in PAGES]
CHAPTERS = [p for p in PAGES if p.kind == "chapter"]

# --------------------------------------------------------------------------------------------
# Server and browser
# --------------------------------------------------------------------------------------------


class Handler(SimpleHTTPRequestHandler):
    """Serve the site under PREFIX only, like a project site on GitHub Pages.

    sitemap.xml is served with the test server's address in place of ``site_url``, as the
    deployed site serves its own: Material's instant navigation only follows the links it
    finds in the sitemap, and compares host *and* port.
    """

    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith("/sitemap.xml"):
            local = Path(self.translate_path(self.path))
            if local.is_file():
                base = f"http://{self.headers.get('Host', '127.0.0.1')}{PREFIX}"
                body = local.read_text(encoding="utf-8").replace(SITE_URL, base).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + url_path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 under PREFIX; yields the site's root URL."""
    handler = functools.partial(Handler, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()
        httpd.server_close()
