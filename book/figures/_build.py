r"""Save every registered figure into the docs tree, redrawing only what changed.

A static figure is saved in every language and palette of the site (:attr:`FigureSpec.variants`:
``name.svg``, ``name-dark.svg``, ``name-ko.svg``, ``name-ko-dark.svg``); the built pages show the
reader's (:mod:`book.site.figures`).

A figure's *key* is a hash of everything its drawing can depend on: the source of the module
that draws it, every non-figure source file of ``nnbook``, the book's shared training runs
(:mod:`book.runs`), the style and private helper modules of :mod:`book.figures`, the figures'
translations (``translations/*/figures.yml``) and the matplotlib, NumPy, scikit-learn and
contourpy versions. Data files a figure declares (``@figure(..., data=[path])``) are hashed too.
``docs/figures/.manifest.json`` records, for each figure, its file, module, alt text, key, data
hashes, the SHA-256 of each file written and the translations its texts used. A figure is
redrawn when its key or a data file changed, or its file is missing or differs from the
manifest; when nothing is stale, no drawing module (and no matplotlib) is imported at all. A
figure that raises is reported after all the others have been drawn, and is tried again on the
next run.

Files are byte-for-byte reproducible: fixed seeds in the drawing code, a fixed SVG id salt
(``svg.hashsalt``), no date in SVG metadata and no software tag or timestamp in PNG files.
SVG files are compacted (:mod:`book.figures._svg`: coordinates to 1/100 pt, no padding).
The data of interactive figures (``ext="json"``) is written as compact JSON, no NaN allowed;
its numbers are rounded by the drawing code (:func:`rounded`).

Example (what ``scripts/build_figures.py`` calls)::

    from book.figures import build
    build("docs/figures")

A long-running process (``mkdocs serve``) should run the script in a subprocess instead:
modules already imported are not re-imported, so an in-process call would draw with the code
loaded at start-up.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

import nnbook
from book.cache import write_if_changed
from book.figures._labels import translate
from book.figures._palette import dark_png, dark_svg
from book.figures._registry import FIGURES, LANGUAGES, PALETTES, FigureSpec
from book.figures._svg import compact
from book.paths import REPO

__all__ = [
    "MANIFEST",
    "FigureBuildError",
    "build",
    "drawing_modules",
    "load_all",
    "rounded",
    "save",
]

MANIFEST = ".manifest.json"
"""The manifest's file name inside the output directory."""

_NNBOOK = Path(nnbook.__file__).resolve().parent
_FIGURES = Path(__file__).resolve().parent
_RUNS = REPO / "book" / "runs.py"  # the training runs the figures share
# Libraries whose version can change a figure (scikit-learn ships the digits data, contourpy
# traces the decision boundaries of the interactive figures).
_LIBRARIES = ("matplotlib", "numpy", "scikit-learn", "contourpy")
# Modules of book.figures that draw nothing: the style and every private module (registry,
# build, shared helpers). Every other module in the folder draws figures.
_SHARED_PUBLIC = {"style"}
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "svg": {"metadata": {"Date": None}},
    "png": {"metadata": {"Software": None}},
}


def drawing_modules() -> dict[str, Path]:
    """The modules of :mod:`book.figures` that register figures, by dotted name → source file."""
    return {
        f"book.figures.{p.stem}": p
        for p in sorted(_FIGURES.glob("*.py"))
        if not p.stem.startswith("_") and p.stem not in _SHARED_PUBLIC
    }


def _drawing_stems() -> set[str]:
    """File stems of the drawing modules."""
    return {p.stem for p in drawing_modules().values()}


def load_all() -> dict[str, FigureSpec]:
    """Import every drawing module so that all figures are registered; return the registry."""
    for module in drawing_modules():
        importlib.import_module(module)
    return FIGURES


def _shared_sources() -> list[Path]:
    """Source files every figure depends on: the nnbook core, the shared training runs, the
    style and private helpers."""
    core = sorted(_NNBOOK.glob("*.py"))
    helpers = [p for p in sorted(_FIGURES.glob("*.py")) if p.stem not in _drawing_stems()]
    labels = sorted((REPO / "translations").glob("*/figures.yml"))
    return [*core, _RUNS, *helpers, *labels]


def _module_keys() -> dict[str, str]:
    """The key of each drawing module: SHA-256 of its source plus all shared inputs."""
    shared = hashlib.sha256()
    for lib in _LIBRARIES:
        shared.update(f"{lib}=={_version(lib)}\n".encode())
    for path in _shared_sources():
        shared.update(path.name.encode() + b"\0" + path.read_bytes())
    keys = {}
    for module, path in drawing_modules().items():
        h = shared.copy()
        h.update(path.read_bytes())
        keys[module] = h.hexdigest()
    return keys


def _version(lib: str) -> str:
    try:
        return version(lib)
    except PackageNotFoundError:
        return "not installed"


def _data_name(path: str) -> str:
    """A data file's name in the manifest: relative to the repository when inside it."""
    p = Path(path)
    return p.relative_to(REPO).as_posix() if p.is_relative_to(REPO) else p.as_posix()


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def rounded(values: Any, digits: int = 4) -> Any:
    """``values`` (array-like, nested) as nested lists of floats rounded to ``digits`` decimals.

    Python's :func:`round` is correctly rounded, so each number is written in its shortest
    form (``0.1235``, not ``0.12350000000000001``): the data of interactive figures stays small.
    """
    import numpy as np

    array = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(array)):
        raise ValueError("values must be finite to be saved as JSON")
    flat = [round(x, digits) + 0.0 for x in array.ravel().tolist()]  # + 0.0: no "-0.0"
    return np.reshape(np.array(flat, dtype=object), array.shape).tolist() if array.ndim else flat[0]


def save(spec: FigureSpec, out_dir: str | Path, labels: set[str] | None = None) -> list[Path]:
    """Draw ``spec`` and write each of its files (:attr:`FigureSpec.variants`) into ``out_dir``
    reproducibly; return their paths. ``labels``, if given, receives the keys of the
    translation tables its texts used (``"ko: epoch"``).

    A static figure is drawn once per language, its texts put in the language
    (:mod:`book.figures._labels`), and saved for the light palette; its dark file maps those
    colours (:mod:`book.figures._palette`). A file is only rewritten when its bytes change, so
    its modification time stays put and ``mkdocs serve`` does not rebuild for nothing.
    """
    out = Path(out_dir)
    if spec.ext == "json":
        text = json.dumps(spec.draw(), separators=(",", ":"), allow_nan=False)
        write_if_changed(out / spec.file, text)
        return [out / spec.file]
    import io

    from book.figures.style import context

    paths = []
    for language in LANGUAGES:
        buffer = io.BytesIO()
        with context(language), _every_glyph_drawn():
            fig = spec.draw()
            if language != LANGUAGES[0]:
                used = translate(fig, spec.name, language)
                if labels is not None:
                    labels.update(f"{language}: {key}" for key in used)
            fig.savefig(buffer, format=spec.ext, **_SAVE_OPTIONS[spec.ext])
        light = buffer.getvalue()
        if spec.ext == "svg":
            light = compact(light.decode("utf-8")).encode("utf-8")
        dark = (
            dark_svg(light.decode("utf-8")).encode("utf-8")
            if spec.ext == "svg"
            else dark_png(light)
        )
        for palette, data in zip(PALETTES, (light, dark), strict=True):
            path = out / spec.variants[language, palette]
            write_if_changed(path, data)
            paths.append(path)
    return paths


class MissingGlyphError(ValueError):
    """A text of a figure has a letter its fonts lack (matplotlib would draw a box)."""


@contextmanager
def _every_glyph_drawn() -> Iterator[None]:
    """Raise MissingGlyphError where matplotlib would draw a box for a letter: it warns about
    plain text and logs about formulas, and goes on."""
    missing: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: missing.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("matplotlib.mathtext")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")
            try:
                yield
            except UserWarning as warning:
                raise MissingGlyphError(str(warning)) from None
    finally:
        logger.removeHandler(handler)
    boxes = [message for message in missing if "glyph" in message]
    if boxes:
        raise MissingGlyphError(boxes[0])


def _read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    try:
        records = json.loads((out / MANIFEST).read_text())["figures"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return records if isinstance(records, dict) else {}


def _write_manifest(out: Path, records: dict[str, dict[str, Any]]) -> None:
    text = json.dumps({"figures": dict(sorted(records.items()))}, indent=1, sort_keys=True) + "\n"
    write_if_changed(out / MANIFEST, text)


def _is_fresh(record: dict[str, Any], keys: dict[str, str], out: Path) -> bool:
    """Same key, every output file as recorded, and every data file as recorded."""
    data, files = record.get("data", {}), record.get("files", {})
    return (
        keys.get(record.get("module", "")) == record.get("key")
        and isinstance(files, dict)
        and record.get("file") in files
        and all(sha is not None and _sha256(out / file) == sha for file, sha in files.items())
        and isinstance(data, dict)
        and all(_sha256(REPO / name) == sha for name, sha in data.items())
    )


def _modules_to_load(
    records: dict[str, dict[str, Any]],
    keys: dict[str, str],
    out: Path,
    force: bool,
    names: set[str] | None,
) -> set[str]:
    """Drawing modules that must be imported: new, changed, or with a stale figure."""
    if force or (names is not None and not names <= records.keys()):
        return set(keys)
    recorded = {r.get("module") for r in records.values()}
    stale = {r["module"] for n, r in records.items() if not _is_fresh(r, keys, out)}
    wanted = keys.keys() if names is None else {records[n]["module"] for n in names}
    return {m for m in wanted if m in keys and (m not in recorded or m in stale)}


def _progress(stream: TextIO | None, text: str) -> None:
    if stream is not None:
        stream.write(text)
        stream.flush()


def build(
    out_dir: str | Path,
    force: bool = False,
    names: Iterable[str] | None = None,
    progress: bool = True,
    stream: TextIO | None = None,
) -> list[str]:
    """Bring the figures in ``out_dir`` up to date and return the files (re)drawn.

    Args:
        out_dir: the output folder, e.g. ``"docs/figures"`` (created if missing).
        force: redraw every selected figure even if it is up to date.
        names: only these figures (default: all registered figures).
        progress: print one line per figure with its time, and a summary.
        stream: where progress goes (standard error by default).

    Raises:
        ValueError: if ``names`` holds a figure name that no module registers.
        FigureBuildError: if some figures raised while drawing (all others are still drawn
            and recorded; the failed ones stay stale and are retried on the next run).
    """
    start = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stream = (stream or sys.stderr) if progress else None
    wanted = None if names is None else set(names)
    records = _read_manifest(out)
    keys = _module_keys()
    for module in sorted(_modules_to_load(records, keys, out, force, wanted)):
        importlib.import_module(module)
    if wanted is not None:
        unknown = sorted(wanted - FIGURES.keys() - records.keys())
        if unknown:
            raise ValueError(f"names must be registered figures, got unknown {unknown}")
    loaded = {m for m in keys if m in sys.modules}
    todo = [
        spec
        for spec in FIGURES.values()
        if spec.module in loaded
        and (wanted is None or spec.name in wanted)
        and (force or spec.name not in records or not _is_fresh(records[spec.name], keys, out))
    ]
    drawn, failed = _draw(todo, records, keys, out, stream)
    _remove_unregistered(records, loaded, keys, out)
    _write_manifest(out, records)
    elapsed = time.perf_counter() - start
    if todo:
        _progress(stream, f"drew {len(drawn)} figure(s) into {out} in {elapsed:.1f} s\n")
    else:
        _progress(stream, f"{len(records)} figures in {out} are up to date ({elapsed:.2f} s)\n")
    if failed:
        details = "\n".join(f"  {name}: {type(e).__name__}: {e}" for name, e in failed.items())
        raise FigureBuildError(f"{len(failed)} figure(s) failed to draw:\n{details}")
    return drawn


class FigureBuildError(RuntimeError):
    """Some figures raised while drawing; the others were drawn and recorded."""


def _draw(
    todo: list[FigureSpec],
    records: dict[str, dict[str, Any]],
    keys: dict[str, str],
    out: Path,
    stream: TextIO | None,
) -> tuple[list[str], dict[str, Exception]]:
    """Draw and save each figure, updating its manifest record; collect failures."""
    drawn: list[str] = []
    failed: dict[str, Exception] = {}
    for i, spec in enumerate(todo, 1):
        tic = time.perf_counter()
        _progress(stream, f"[{i:>2}/{len(todo)}] {spec.file:<36}")
        labels: set[str] = set()
        try:
            paths = save(spec, out, labels)
        except Exception as error:  # reported at the end, after the other figures
            failed[spec.name] = error
            # a record without a file hash is stale: the next run tries again
            records[spec.name] = {"file": spec.file, "module": spec.module, "alt": spec.alt}
            _progress(stream, f"FAILED: {type(error).__name__}: {error}\n")
            continue
        for old in set(_files(records.get(spec.name, {}))) - {p.name for p in paths}:
            _unlink(out, old)
        records[spec.name] = {
            "file": spec.file,
            "module": spec.module,
            "alt": spec.alt,
            "key": keys[spec.module],
            "files": {p.name: _sha256(p) for p in paths},
            "labels": sorted(labels),
            "data": {_data_name(f): _sha256(Path(f)) for f in spec.data},
        }
        drawn.append(spec.file)
        _progress(stream, f"{time.perf_counter() - tic:6.2f} s\n")
    return drawn, failed


def _remove_unregistered(
    records: dict[str, dict[str, Any]], loaded: set[str], keys: dict[str, str], out: Path
) -> None:
    """Delete files the manifest recorded whose figure no longer exists (never other files)."""
    for name, record in list(records.items()):
        module = record.get("module", "")
        gone = module not in keys or (module in loaded and name not in FIGURES)
        if gone:
            for file in _files(record):
                _unlink(out, file)
            del records[name]


def _files(record: dict[str, Any]) -> list[str]:
    """The files a manifest record names (its main file and every variant)."""
    files = record.get("files")
    return [record.get("file", ""), *(files if isinstance(files, dict) else {})]


def _unlink(out: Path, file: str) -> None:
    """Delete ``out/file`` if ``file`` is a plain file name (never a path leaving ``out``)."""
    if file and Path(file).name == file and (out / file).is_file():
        (out / file).unlink()
