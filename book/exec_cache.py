"""Cache of the chapters' executed code: a block runs again only when what it depends on changed.

markdown-exec runs every ``python exec="on"`` block on every build and has no cache of its own.
This module is the runner behind the book's ``python`` fences instead (the build,
:mod:`book.site.build`, installs :meth:`Runner.format`; markdown-exec's public
``base_format`` still renders every block, so a stored output goes through exactly the
rendering a fresh one does).

What a block prints depends on, and is stored under a key made of:

- its own code and the code of every block run before it in the same session during this
  build, in order (the session's state is built by that code);
- every file under ``nnbook/`` and ``book/`` (the library, the tooling the pages import such as
  ``book.benchmark``, and the data they read, ``book/benchmark/results.json``);
- the versions of Python and of the tools that run it (numpy, scikit-learn, which ships the
  digits, matplotlib, markdown-exec), the working directory and the console width.

A hit returns the stored output without running anything. A miss runs the block; if the
session's live state is not the state after exactly the earlier blocks (they were hits, or the
code changed), the session is first rebuilt in fresh globals by replaying those blocks in
order. A block that raises is never stored, nor is any later block of its session in the same
build; markdown-exec logs the error as a warning, so ``mkdocs build --strict`` still fails.

The store is ``.cache/exec/<inputs digest>/<key>`` beside ``mkdocs.yml`` (``.cache/`` is
ignored by git, so a fresh clone, and CI, starts empty). Directories of other digests are
removed when a build starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import linecache
import os
import re
import sys
import traceback
from collections.abc import Iterable, Sequence
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from markdown_exec import ExecutionError, base_format, code_block

from book.cache import SOURCE_DIRS, Store
from book.paths import REPO


def block_key(session: str | None, codes: Sequence[str], extra: dict[str, Any]) -> str:
    """Key of a block: its session, the session's code so far (its own last) and its options."""
    payload = {
        "session": session,
        "codes": list(codes),
        "extra": {k: str(v) for k, v in sorted(extra.items())},
        "cwd": os.getcwd(),
        "columns": os.environ.get("COLUMNS"),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _write(buffer: StringIO, *texts: object, end: str = "\n", **_: Any) -> None:
    buffer.write(" ".join(str(text) for text in texts) + end)


class _NoTerminal(io.TextIOBase):
    """Standard error as a block sees it: what it writes reaches the build's own standard
    error, which it does not take for a terminal (``MLP.fit`` draws no progress bar into the
    console of ``mkdocs serve``)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False


def _exec_block(code: str, filename: str, exec_globals: dict[str, Any], extra: dict) -> str:
    """Run one block as markdown-exec's Python runner does; return what it printed."""
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    module_name = re.sub(r"[^a-zA-Z\d]+", "_", filename)
    exec_globals["__name__"] = module_name
    sys.modules[module_name] = ModuleType(module_name)
    buffer = StringIO()
    exec_globals["print"] = lambda *texts, **kwargs: _write(buffer, *texts, **kwargs)
    try:
        # dont_inherit: the blocks must not see this module's `from __future__` imports
        with contextlib.redirect_stderr(_NoTerminal(sys.stderr)):
            exec(compile(code, filename, "exec", dont_inherit=True), exec_globals)
    except Exception as error:
        trace = "".join(traceback.TracebackException.from_exception(error).format())
        raise ExecutionError(code_block("python", trace, **extra)) from error
    return buffer.getvalue()


class Runner:
    """Runs the ``python`` blocks of a build, through the store when one is given.

    Attributes ``executed`` and ``reused`` count the blocks of the current build that ran
    (replays included) and that were read from the store; ``failures`` says which raised
    (``page``: the page being rendered, which the build sets); ``printed`` holds each
    session's blocks and what they printed, in order.
    """

    def __init__(self, store: Store | None = None) -> None:
        self.start_build(store)

    def start_build(self, store: Store | None) -> None:
        """Forget every session: a build starts from empty sessions, as a fresh process does."""
        self.store = store
        self._history: dict[str, list[str]] = {}  # session -> code run so far, hits included
        self._live: dict[str, list[str] | None] = {}  # session -> code its globals have seen
        self._globals: dict[str, dict[str, Any]] = {}
        self._tainted: set[str] = set()  # sessions in which a block raised this build
        self._anonymous = 0
        self.executed = 0
        self.reused = 0
        self.page = ""
        self.failures: list[str] = []
        self.printed: dict[str, list[tuple[str, str]]] = {}  # session -> (code, output)

    def _run(self, code: str, filename: str, env: dict[str, Any], extra: dict) -> str:
        self.executed += 1
        try:
            return _exec_block(code, filename, env, extra)
        except ExecutionError as error:
            lines = [line for line in str(error).splitlines() if line.strip("` ")]
            self.failures.append(f"{self.page}: {filename}: {lines[-1] if lines else 'raised'}")
            raise

    def _session_globals(self, session: str, before: list[str]) -> dict[str, Any]:
        """The session's globals holding the state after exactly the blocks ``before``."""
        if session in self._tainted or self._live.get(session) == before:
            return self._globals.setdefault(session, {})
        env: dict[str, Any] = {}
        self._globals[session], self._live[session] = env, None
        for n, code in enumerate(before, start=1):
            try:
                self._run(code, f"<code block: session {session}; n{n}>", env, {})
            except ExecutionError as error:
                self._tainted.add(session)
                raise ExecutionError(
                    f"replaying block {n} of session {session!r} (cached) raised:\n\n{error}"
                ) from error
        self._live[session] = list(before)
        return env

    def format(
        self,
        source: str,
        language: str,
        css_class: str,
        options: dict[str, Any],
        md: Any,
        **kwargs: Any,
    ) -> str:
        """A superfences formatter: markdown-exec's rendering around :meth:`run`."""
        return base_format(language=language, run=self.run, code=source, md=md, **options)

    def run(
        self,
        code: str,
        returncode: int | None = None,
        session: str | None = None,
        id: str | None = None,
        **extra: str,
    ) -> str:
        """The ``run`` given to markdown-exec's ``base_format``: the block's printed output."""
        if not session:  # no session: fresh globals, the block alone
            self._anonymous += 1
            key = block_key(None, [code], extra)
            stored = self.store.get(key) if self.store else None
            if stored is not None:
                self.reused += 1
                return stored
            output = self._run(code, f"<code block: n{self._anonymous}>", {}, extra)
            if self.store:
                self.store.put(key, output)
            return output

        history = self._history.setdefault(session, [])
        before = list(history)
        history.append(code)
        # after a block of the session raised, nothing of it is read or stored this build
        store = None if session in self._tainted else self.store
        key = block_key(session, history, extra)
        stored = store.get(key) if store else None
        if stored is not None:
            self.reused += 1
            self.printed.setdefault(session, []).append((code, stored))
            return stored
        env = self._session_globals(session, before)
        filename = f"<code block: session {session}; n{len(history)}>"
        try:
            output = self._run(code, filename, env, extra)
        except ExecutionError:
            self._tainted.add(session)
            raise
        finally:  # a raising block leaves its session in a state no key describes
            self._live[session] = None if session in self._tainted else list(history)
        if store:
            store.put(key, output)
        self.printed.setdefault(session, []).append((code, output))
        return output


def forget_imports(dirs: Iterable[str] = SOURCE_DIRS, root: Path = REPO) -> None:
    """Drop the modules of ``nnbook``/``book`` from ``sys.modules`` so that blocks import the
    code on disk: ``mkdocs serve`` lives for hours, and a stored output must never come from
    code imported before the edit that its key records."""
    roots = [(root / d).resolve() for d in dirs]
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not file or module is sys.modules[__name__]:
            continue
        path = Path(file).resolve()
        if any(path.is_relative_to(r) for r in roots):
            del sys.modules[name]
