"""The book as PDF, one per language: each print page printed by headless Chromium.

``python -m book.pdf [SITE]`` (``make pdf``, which builds the site first) serves the built site
on 127.0.0.1, opens each language's print page (``print_page/``, ``ko/print_page/``: the whole
book with its cover, contents and numbers, :mod:`book.site.print_page`) and prints it to
``SITE/pdf/nnbook-<version>-<language>.pdf``: A4 with the margins and page numbers of
``docs/stylesheets/print.css``, every font it draws embedded (the math font's subset included),
the chapters as the PDF's outline, and the links inside the book as links inside the PDF.

Chromium is ``$NNBOOK_CHROMIUM``, else ``chromium`` on the PATH (Debian's package; Playwright's
own download is never used). A figure that does not load stops the print, naming the file.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any

from book import i18n
from book.paths import REPO

CHROMIUM = os.environ.get("NNBOOK_CHROMIUM") or shutil.which("chromium") or "chromium"
"""Where Chromium is: ``$NNBOOK_CHROMIUM``, else ``chromium`` on the PATH (as ``.ci/run``
finds it)."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PRINT_PAGE = "print_page/"
PDF_DIR = "pdf"

# Every image loaded (a lazy one too) and every font, before printing: the sources of the
# images that failed.
_READY = """async () => {
  const images = [...document.images];
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map((image) => image.complete ? null : new Promise((done) => {
    image.addEventListener("load", done);
    image.addEventListener("error", done);
  })));
  await document.fonts.ready;
  return images.filter((image) => !image.naturalWidth).map((image) => image.src);
}"""


class PdfError(RuntimeError):
    """What stops a print: no Chromium, no print page, a figure that did not load."""


def pdf_name(language: str, version: str | None = None) -> str:
    """``nnbook-<version>-<language>.pdf`` (the installed package's version)."""
    return f"nnbook-{version or metadata.version('nnbook')}-{language}.pdf"


def print_page_url(base: str, language: str) -> str:
    """The print page of ``language`` under the site's address ``base`` (ending in ``/``)."""
    return base + ("" if language == i18n.DEFAULT else f"{language}/") + PRINT_PAGE


def print_pdf(browser: Any, url: str, out: Path) -> Path:
    """The page at ``url`` printed to ``out`` by ``browser`` (Playwright's Chromium)."""
    page = browser.new_page()
    try:
        response = page.goto(url, wait_until="load")
        if response is None or not response.ok:
            raise PdfError(f"{url}: no print page there (build the site with its print page)")
        broken = page.evaluate(_READY)
        if broken:
            raise PdfError(f"{url}: images did not load: {', '.join(broken)}")
        out.parent.mkdir(parents=True, exist_ok=True)
        # the page's own @page rules (size, margins, numbers); tagged, for screen readers and
        # for the outline (the chapters as bookmarks), at three times the size (18 MB, not 5)
        page.pdf(
            path=str(out),
            prefer_css_page_size=True,
            print_background=True,
            outline=True,
            tagged=True,
        )
    finally:
        page.close()
    return out


class QuietHandler(SimpleHTTPRequestHandler):
    """Files of a directory, served without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(site: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """The directory ``site`` served on 127.0.0.1 by ``handler`` while the block runs: the
    server's address."""
    serve = functools.partial(handler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), serve)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def print_book(site: Path, out: Path | None = None) -> list[Path]:
    """Every language's PDF of the built ``site``, into ``out`` (``site/pdf``)."""
    if not Path(CHROMIUM).exists():
        raise PdfError(
            f"Chromium not found ({CHROMIUM}): install it (`sudo apt-get install chromium` on "
            "Debian or Ubuntu) or set NNBOOK_CHROMIUM to its path"
        )
    from playwright.sync_api import sync_playwright

    out = out or site / PDF_DIR
    made = []
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for language in i18n.LANGUAGES:
                start = time.perf_counter()
                path = print_pdf(browser, print_page_url(base, language), out / pdf_name(language))
                size = path.stat().st_size
                print(f"pdf: {path} ({size:,} bytes, {time.perf_counter() - start:.1f} s)")
                made.append(path)
        finally:
            browser.close()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m book.pdf", description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site", help="the built site")
    parser.add_argument("--out", type=Path, help="where the PDFs go (default: SITE/pdf)")
    args = parser.parse_args(argv)
    try:
        print_book(args.site, args.out)
    except PdfError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
