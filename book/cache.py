"""What the build keeps between runs, in ``.cache/`` beside ``mkdocs.yml`` (ignored by git).

One way to keep things, for every cache of the book (executed blocks, notebook outputs, the
notebook pages' CSS, the print page's ids, the math font's subsets):

- :class:`Store`: text (or bytes) under a key, one small file each, written atomically; a store
  that cannot be written only costs time;
- :func:`open_store`: the store ``root/<digest>``, the stores of other digests removed;
- :func:`inputs_digest`: the digest of everything besides a page that executed code depends on
  (every file of ``nnbook/`` and ``book/``, the versions of Python and of the tools);
- :func:`write_if_changed`: a file written only when its bytes change (``mkdocs serve`` watches
  ``docs/`` and would rebuild forever otherwise), atomically too.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from book.paths import REPO

SOURCE_DIRS = ("nnbook", "book")
TOOLS = ("numpy", "scikit-learn", "matplotlib", "markdown-exec")
FORMAT = "1"  # bump when what is stored, or how a block is run, changes


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def source_files(root: Path = REPO, dirs: Iterable[str] = SOURCE_DIRS) -> list[Path]:
    """Every file under ``root/<dir>`` for each of ``dirs``, bytecode caches excepted."""
    files = []
    for d in dirs:
        for path in (root / d).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.append(path)
    return sorted(files)


def inputs_digest(
    root: Path = REPO, dirs: Iterable[str] = SOURCE_DIRS, tools: Iterable[str] = TOOLS
) -> str:
    """Hash of everything besides the page's code that a block's output depends on."""
    h = hashlib.sha256(f"exec-cache {FORMAT}\n".encode())
    h.update(f"python {sys.version} {platform.machine()}\n".encode())
    for tool in tools:
        h.update(f"{tool} {_version(tool)}\n".encode())
    for path in source_files(root, dirs):
        h.update(f"{path.relative_to(root).as_posix()} {path.stat().st_size}\n".encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


class Store:
    """Outputs on disk, one small text file per key, in a directory per inputs digest."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> str | None:
        try:
            return (self.directory / key).read_text(encoding="utf-8")
        except OSError:
            return None

    def get_bytes(self, key: str) -> bytes | None:
        """The bytes stored under ``key``, or ``None``."""
        try:
            return (self.directory / key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, output: str | bytes) -> None:
        """Store ``output`` (text as UTF-8) under ``key``."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _replace(self.directory / key, output)
        except OSError:  # a cache that cannot be written only costs time
            pass

    def prune(self, keep: Iterable[str]) -> None:
        """Remove every stored output but those under the keys ``keep``."""
        kept = set(keep)
        for old in self.directory.glob("*") if self.directory.is_dir() else []:
            if old.name not in kept:
                old.unlink(missing_ok=True)


def cache_dir(config_file: str | None) -> Path:
    """The book's caches: ``.cache/`` beside ``mkdocs.yml`` (``config_file``), ignored by git."""
    return Path(config_file or ".").resolve().parent / ".cache"


def open_store(root: Path, digest: str) -> Store:
    """The store ``root/<digest>``; the directories of other digests are removed."""
    if root.is_dir():
        for old in root.iterdir():
            if old.is_dir() and old.name != digest:
                shutil.rmtree(old, ignore_errors=True)
    return Store(root / digest)


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write ``data`` (text as UTF-8) to ``path`` unless it holds it already; whether it wrote."""
    raw = data.encode() if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, raw)
    return True


def _replace(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to a hidden temporary file beside ``path``, then rename it
    to ``path``: a reader sees the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data.encode() if isinstance(data, str) else data)
    os.replace(tmp, path)
