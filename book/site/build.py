"""One build of the book in one language: its context and its steps, in the order they run.

The English build runs first; the Korean one runs inside the English build's last steps (the
i18n plugin builds it from there), with the same configuration, and writes under ``ko/``. So
the site is rewritten once, by the English build's :meth:`Build.post_build`, when both are
written. Each step takes and returns plain data (paths, names, text, the nav list); errors
that stop the build are :class:`BuildError`, naming the file.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from book import (
    cache,
    exec_cache,
    exercises,
    i18n,
    mathml,
    minify,
    notebook_exec,
    notebooks,
)
from book.chapter import nav_pages, page_title
from book.site import content, generated, logs, markdown, nav, postbuild
from book.site.generated import EXERCISE_INDEX, GLOSSARY
from book.site.print_page import (
    AnchorIds,
    Edition,
    RenameIds,
    anchors_elsewhere,
    as_book,
    print_text,
    repair,
)

log = logging.getLogger("mkdocs.book")

ENGLISH_ONLY = ("reference.md", f"{notebooks.NOTEBOOK_DIR}/")
PRINT_CSS = "stylesheets/print.css"  # the print pages' own stylesheet, in docs/
INVENTORY = "objects.inv"  # mkdocstrings' index of the API, for other projects' docs
EXEC_LANGUAGES = ("python", "py")
Settings = MutableMapping[str, Any]  # a plugin's settings, or a fence's


class BuildError(RuntimeError):
    """What stops the build, naming the file and what is wrong."""


@dataclass
class Build:
    """One build: where it reads and writes, and what its steps found on the way."""

    config_file: Path
    docs: Path
    site: Path
    language: str = i18n.DEFAULT
    serving: bool = False  # `mkdocs serve`: docs/ is left alone until the server stops
    outer: Build | None = None  # the build this one runs inside (the Korean one's: English)
    stylesheets: list[str] = field(default_factory=list)
    print_page: Path | None = None  # where the print page goes, without suffix
    print_pages: list[Path] = field(default_factory=list)  # every build's (on the outermost)
    exercise_chapters: list[str] = field(default_factory=list)
    notebook_chapters: dict[str, str] = field(default_factory=dict)  # chapter -> stem
    notebooks: dict[str, str] = field(default_factory=dict)  # stem -> notebook, no outputs
    executed: dict[str, Path] = field(default_factory=dict)  # stem -> executed copy
    runner: exec_cache.Runner = field(default_factory=exec_cache.Runner)
    typeset: mathml.Typeset = field(default_factory=mathml.Typeset)
    anchors: AnchorIds | None = None
    undo: list[Callable[[], object]] = field(default_factory=list)  # the Korean build's changes
    error: type[Exception] = BuildError  # what the generator reports as a failed build
    sources: dict[str, str] = field(default_factory=dict)  # page URL -> its file in docs/
    written: set[str] = field(default_factory=set)  # notebooks whose copy this build wrote
    kernels: int = 0  # notebooks that needed a kernel

    def __post_init__(self) -> None:
        if self.outer is not None:  # one site: the outermost build rewrites every page
            self.sources = self.outer.sources

    @property
    def outermost(self) -> bool:
        return self.outer is None

    @property
    def english(self) -> bool:
        return self.language == i18n.DEFAULT

    @property
    def site_url(self) -> str:
        """The public address (``mkdocs serve`` has its own), for the notebooks' links."""
        if self.config_file.is_file():
            return notebooks.site_url_from_config(self.config_file)
        return notebooks.DEFAULT_SITE_URL

    @functools.cached_property
    def repo_url(self) -> str | None:
        """The repository (mkdocs.yml's ``repo_url``), for the "Open in Colab" links."""
        if self.config_file.is_file():
            return notebooks.repo_url_from_config(self.config_file)
        return None

    @property
    def cache(self) -> Path:
        return cache.cache_dir(str(self.config_file))

    # ---- configuration --------------------------------------------------------------------

    def configure(
        self,
        site_nav: list[Any],
        plugins: dict[str, Settings],
        fences: list[Settings],
        stylesheets: list[str],
    ) -> None:
        """Set this build up: its nav (changed in place), the plugins' settings (by plugin
        name), the Markdown fences, the site's stylesheets; and
        the generators' log (:func:`book.site.logs.quiet`)."""
        logs.quiet()
        self.stylesheets = [str(s) for s in stylesheets]
        before, print_site = list(site_nav), plugins.get("print-site")
        jupyter = plugins.get("mkdocs-jupyter")
        languages = i18n.LANGUAGES if "i18n" in plugins else (i18n.DEFAULT,)
        new = self._notebooks(site_nav, jupyter, languages) if jupyter is not None else site_nav
        new = self._exercises(new, languages)
        if not self.english:
            new = self._english_only(new)
            self.undo.append(lambda: site_nav.__setitem__(slice(None), before))
        if print_site is not None and print_site.get("enabled", True):
            self._print_page_settings(print_site)
        site_nav[:] = new
        for fence in fences:  # markdown-exec's, rendered around the cache's runner
            if fence.get("name") in EXEC_LANGUAGES:
                fence["format"] = self.runner.format

    def _notebooks(
        self, site_nav: list[Any], jupyter: Settings, languages: tuple[str, ...]
    ) -> list[Any]:
        """Generate and execute the companion notebooks, and the page that lists them (with the
        cover's PDF links, :func:`book.site.generated.notebook_pages`); the notebooks' own
        pages stay out of the nav (mkdocs.yml's ``not_in_nav``)."""
        jupyter["cache_dir"] = str(self.cache / "mkdocs-jupyter")
        # mkdocs-jupyter evicts, after a build, the pages the build did not use: the Korean
        # build uses none and must not empty the cache
        jupyter["cache"] = self.english
        self.notebook_chapters = generated.notebook_chapters(self.docs, nav_pages(site_nav))
        if not self.english:
            return site_nav  # the notebooks are English: the Korean pages link to them
        expected = notebooks.expected_notebooks(self.docs, self.site_url)
        if not self.serving:
            for path in notebooks.sync(self.docs, self.site_url, expected=expected):
                log.info("notebooks: updated %s", Path(path).relative_to(self.docs))
        pages = generated.notebook_sync(self.docs, self.notebook_chapters, languages, self.repo_url)
        for name in pages:
            log.info("generated pages: updated %s", name)
        self.notebooks = {path.stem: text for path, text in expected.items()}
        pages_dir = self.cache / "notebook-pages" / notebooks.NOTEBOOK_DIR
        self.executed = {path.stem: pages_dir / path.name for path in expected}
        return site_nav

    def _execute(self, stem: str, session: str | None) -> None:
        """The executed copy of the notebook ``stem``, whose chapter was just rendered: with
        what the chapter's blocks printed when the build ran them, if that is what a kernel
        would show (:func:`book.notebook_exec.reusable`), else run in a kernel (or taken from
        the store of earlier runs)."""
        text, copy = self.notebooks[stem], self.executed[stem]
        printed = notebook_exec.reusable(text, self.runner.printed.get(session or "", []))
        if printed is not None:
            out = notebook_exec.with_printed(text, printed)
        else:
            store = cache.open_store(self.cache / "notebook-outputs", cache.inputs_digest())
            cwd = self.docs / notebooks.NOTEBOOK_DIR
            try:
                out = notebook_exec.executed(text, store, cwd=cwd, name=f"{stem}.ipynb")
            except notebook_exec.NotebookError as error:
                raise self.error(str(error)) from None
            self.kernels += 1
        cache.write_if_changed(copy, out)
        self.written.add(stem)

    def _exercises(self, site_nav: list[Any], languages: tuple[str, ...]) -> list[Any]:
        """The chapters with exercises; the pages generated from them (and the glossary)
        written into docs/ when they changed; the "All exercises" entry after the last one."""
        order = nav_pages(site_nav) or [p.name for p in notebooks.chapter_paths(self.docs)]
        try:
            self.exercise_chapters = generated.exercise_chapters(self.docs, order)
        except exercises.ExerciseError as error:
            raise self.error(str(error)) from None
        if self.english:  # the first build: the Korean one reads them
            for name in generated.sync(self.docs, self.exercise_chapters, languages):
                log.info("generated pages: updated %s", name)
        chapters = self.exercise_chapters
        return nav.with_exercises(site_nav, EXERCISE_INDEX, "All exercises", chapters)

    def _english_only(self, site_nav: list[Any]) -> list[Any]:
        """The Korean build: no API reference or notebooks; a glossary last in its nav; the
        English site's API inventory and 404 page kept (the Korean build writes both at the
        site's root: one 404 page per site, ``overrides/404.html`` speaks both languages; it is
        rendered, as print-site takes its template context from it). Each is undone after the
        build."""
        for name in (INVENTORY, "404.html"):
            path = self.site / name
            if path.is_file():
                self.undo.append(functools.partial(path.write_bytes, path.read_bytes()))
        glossary = {i18n.ui_text(self.language)["glossary.nav"]: GLOSSARY}
        return [*nav.without(site_nav, ENGLISH_ONLY), glossary]

    # ---- before the pages -----------------------------------------------------------------

    def pre_build(self) -> None:
        """Figures up to date (the outermost build), and empty sessions for the code blocks."""
        if self.outermost and (self.docs / "figures" / ".manifest.json").is_file():
            try:
                draw_figures(self.docs / "figures")
            except BuildError as error:
                raise self.error(str(error)) from None
        exec_cache.forget_imports()
        store = cache.open_store(self.cache / "exec", cache.inputs_digest())
        self.runner.start_build(store)
        if self.outermost:
            self.typeset = mathml.Typeset.open(self.cache / "mathml")

    def dropped(self, name: str) -> bool:
        """Whether the file ``name`` of docs/ is left out of this build's site: the notebooks
        (their pages come from the executed copies), the English-only pages elsewhere."""
        if name.startswith(f"{notebooks.NOTEBOOK_DIR}/") and name.endswith(".ipynb"):
            return True
        return not self.english and name.startswith(ENGLISH_ONLY) and name.endswith(".md")

    def notebook_pages(self) -> dict[str, Path]:
        """The notebook pages, from the executed copies: page name -> copy."""
        prefix = notebooks.NOTEBOOK_DIR
        return {f"{prefix}/{stem}.ipynb": copy for stem, copy in self.executed.items()}

    # ---- pages ----------------------------------------------------------------------------

    def page_markdown(self, name: str, url: str, text: str, source: str | None) -> str:
        """A page's Markdown: its formulas checked, its executed blocks marked, the notebook
        box under a chapter's title."""
        self.sources[url] = name
        self.runner.page = f"docs/{name}"
        broken = markdown.lint_formulas(source, name) if source is not None else None
        if broken:
            raise self.error(broken)
        if name.endswith(".ipynb"):
            return text
        text = markdown.mark_exec_blocks(text)
        chapter = i18n.source_name(name)
        stem = self.notebook_chapters.get(chapter)
        if stem is None:
            return text
        box = markdown.notebook_box(url, stem, self.language, self.colab_url(chapter, stem))
        return markdown.with_notebook_box(text, box)

    def colab_url(self, chapter: str, stem: str) -> str | None:
        """Where Colab opens the notebook ``stem`` of ``chapter``, from the repository of
        mkdocs.yml's ``repo_url``: None when that is not on GitHub, or when the notebook needs
        a clone (:func:`book.notebooks.runs_without_clone`)."""
        if not notebooks.runs_without_clone(self.docs / chapter):
            return None
        return notebooks.colab_url(self.repo_url, stem)

    def edit_url(
        self, name: str, repo_url: str | None, edit_uri: str | None, default: str | None
    ) -> str | None:
        """Where the page ``name`` is edited: nowhere for a generated page, the chapter for
        a notebook's page, else ``default``."""
        if generated.is_generated(name):
            return None
        chapter = self._chapter_of(name)
        if chapter is None or not (repo_url and edit_uri):
            return default
        return f"{repo_url.rstrip('/')}/{edit_uri.strip('/')}/{chapter}"

    def _chapter_of(self, name: str) -> str | None:
        """The chapter the notebook page ``name`` comes from (None for any other page)."""
        if not name.endswith(".ipynb"):
            return None
        stem = Path(name).stem
        return next((md for md, s in self.notebook_chapters.items() if s == stem), None)

    def page_content(self, name: str, url: str, html: str) -> str:
        """A page's body: after a chapter's, its blocks have run and give its notebook its
        outputs; a notebook page is cleaned (:func:`book.site.content.notebook_page`) and
        says which chapter it comes from."""
        if not name.endswith(".ipynb"):
            stem = self.notebook_chapters.get(name)
            if stem in self.notebooks:
                self._execute(stem, notebooks.chapter_session(self.docs / name))
            return html
        if Path(name).stem in self.executed.keys() - self.written:
            raise self.error(f"{name}: its page came before its chapter's, which runs its code")
        chapter, box = self._chapter_of(name), None
        if chapter is not None:
            source = self.docs / chapter
            text = source.read_text(encoding="utf-8") if source.is_file() else ""
            title = page_title(text, chapter)
            stem = Path(name).stem
            colab = self.colab_url(chapter, stem)
            box = content.notebook_page_box(stem, notebooks.page_url(chapter), title, url, colab)
        return content.notebook_page(html, self.site_url, url, box)

    # ---- after the pages ------------------------------------------------------------------

    def post_build(self) -> None:
        """A code block that raised fails the build, whatever the generator makes of the
        error (but when serving: the traceback is on the page for its author). The Korean build
        undoes its changes; the outermost rewrites the whole site."""
        runner = self.runner
        log.info(
            "exec cache: %d blocks reused, %d run (%s)",
            runner.reused,
            runner.executed,
            self.language,
        )
        if self.written:
            reused = len(self.written) - self.kernels
            log.info("notebooks: %d with the outputs of the build, %d run", reused, self.kernels)
        if self.runner.failures and not self.serving:  # serving shows the traceback on the page
            raise self.error("code blocks raised:\n" + "\n".join(self.runner.failures))
        while self.undo:
            self.undo.pop()()
        if not self.outermost:
            return
        printed = self._print_pages()
        try:
            postbuild.rewrite_pages(self.site, self.typeset, printed, self.sources)
        except postbuild.PageError as error:
            raise self.error(str(error)) from None
        log.info("mathml: %d formulas typeset by pandoc, the others reused", self.typeset.save())
        self._notebook_downloads()
        scripts = [
            p.relative_to(self.site).as_posix() for p in (self.site / "javascripts").rglob("*.js")
        ]
        saved = minify.site(self.site, self.stylesheets, scripts)
        log.info("minify: %d bytes of comments and indentation left out", saved)
        pages = [self.site / notebooks.NOTEBOOK_DIR / stem / "index.html" for stem in self.executed]
        store = cache.open_store(self.cache / "notebook-css", cache.inputs_digest())
        made = postbuild.strip_notebook_css(sorted(pages), store)
        log.info("notebook css: %d pages stripped, %d reused", made, len(pages) - made)
        postbuild.readable_search_index(self.site)
        chars, cut = postbuild.math_font(self.site, self.cache / "mathfont")
        log.info("math font: %d characters, %s", chars, "subset" if cut else "reused")

    def _print_page_settings(self, print_site: Settings) -> None:
        """Where this build's print page goes (the outermost build makes each a book), and its
        title in this build's language (the Korean build writes at the site's root too: its
        print page goes under ``ko/``)."""
        kept = dict(print_site)
        self.undo.append(lambda: print_site.update(kept))
        base = print_site.get("print_page_basename", "print_page")
        if not self.english:
            print_site["print_page_basename"] = base = f"{self.language}/{base}"
        print_site["print_page_title"] = print_text(self.language)["print.title"]
        self.print_page = self.site / base
        (self.outer or self).print_pages.append(self.print_page)

    def _print_pages(self) -> set[Path]:
        """Each language's print page repaired and made a book (:mod:`book.site.print_page`)."""
        if self.anchors is not None:
            self.anchors.store.prune(self.anchors.used)
            reused = len(self.anchors.used) - self.anchors.renamed
            log.info("print page: ids of %d pages renamed, %d reused", self.anchors.renamed, reused)
        made, printed = set(), set(self.print_pages)
        for base in self.print_pages:
            places = (base / "index.html", base.with_suffix(".html"))
            path = next((p for p in places if p.is_file()), None)
            if path is None:
                continue
            language = postbuild.language_of(path, self.site)
            pages = sorted(p for p in self.site.rglob("index.html") if p.parent not in printed)
            # an anchor leads to its page in the print page's language, else in English (the
            # API reference has no other)
            languages = dict.fromkeys([language, i18n.DEFAULT])
            others = [
                p
                for lang in languages
                for p in pages
                if postbuild.language_of(p, self.site) == lang
            ]
            to_root = "../" * len(path.parent.relative_to(self.site).parts)
            html = repair(
                path.read_text(encoding="utf-8"), to_root, anchors_elsewhere(self.site, others)
            )
            try:
                html = as_book(html, language, self.edition(), f"{to_root}{PRINT_CSS}")
            except ValueError as error:
                raise self.error(f"{path.relative_to(self.site)}: {error}") from None
            path.write_text(html, encoding="utf-8")
            made.add(path)
        return made

    def edition(self) -> Edition:
        """What the print pages' covers say (:meth:`Edition.of` the published address)."""
        return Edition.of(self.site_url)

    def _notebook_downloads(self) -> None:
        """The download beside each notebook page: the notebook as committed, without outputs."""
        for stem, text in self.notebooks.items():
            target = self.site / notebooks.NOTEBOOK_DIR / stem / f"{stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def print_anchor_ids(self, rename: RenameIds) -> RenameIds:
        """print-site's id renaming (``rename``), through the cache when this build has a
        print page; the plugin's own function otherwise."""
        rename = getattr(rename, "__wrapped__", rename)
        if self.print_page is None:
            return rename
        if self.outer is not None and self.outer.anchors is not None:
            return self.outer.anchors  # one store for every language's print page
        version = metadata.version("mkdocs-print-site-plugin")
        store = cache.open_store(self.cache / "print-anchors", version)
        self.anchors = AnchorIds(rename, store)
        return self.anchors


def draw_figures(out: Path) -> None:
    """``python -m book.figures`` (incremental) in a child process: ``mkdocs serve`` lives for
    hours, and a call would draw with the code it imported at start-up, not the code saved."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "book.figures", "--out", str(out)]
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BuildError(
            f"python -m book.figures failed with exit code {proc.returncode}:\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    log.info("figures: up to date in %.1f s", time.perf_counter() - start)
