"""The figure build: registry, reproducible bytes, incremental runs, the CLI, docs references.

Drawing is kept to a few cheap figures so the file runs in a few seconds; the full build is
exercised by ``scripts/build_figures.py`` (and the MkDocs hook) instead.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import matplotlib as mpl
import pytest

from book.figures import FIGURES, FigureSpec, build, figure, load_all, rounded
from book.figures.__main__ import main as cli
from book.figures._build import MANIFEST, save
from book.figures.style import context, new_figure
from book.paths import REPO

DOCS = REPO / "docs"
SCRIPT = REPO / "scripts" / "build_figures.py"  # the command line, run as a reader runs it
# Cheap figures covering patches and text (diagram), fills and a learned perceptron (gate), and
# a trained MLP with filled contours (training).
SAMPLE = ["logo", "and-gate", "backprop-graph", "xor-training"]
IMAGE_LINK = re.compile(r"""(?:\]\(|src=["'])(?:\.\./|\./)*figures/([\w.-]+\.(?:svg|png))""")
# An interactive figure's data, figures/<name>.json, is named by its markup's data-widget.
WIDGET = re.compile(r'<figure class="nnbook-widget" data-widget="([\w-]+)"')
WIDGET_SCRIPTS = DOCS / "javascripts" / "widgets"


@pytest.fixture(scope="module")
def registry() -> dict[str, FigureSpec]:
    return load_all()


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )


# --- the registry ---------------------------------------------------------------------------


def test_agreed_figures_are_registered(registry: dict[str, FigureSpec]) -> None:
    agreed = [
        "logo",
        "perceptron-diagram",
        "perceptron-activation-diagram",
        "and-gate",
        "or-gate",
        "xor-not-separable",
        "xor-network",
        "xor-hidden-space",
        "wide-network",
        "staircase",
        "staircase-error",
        "staircase-sigmoid",
        "activation-functions",
        "vanishing-gradients",
        "backprop-graph",
        "loss-saturation",
        "softmax-logit",
        "xor-training",
        "moons-training",
    ]
    assert sorted(set(agreed) - registry.keys()) == []


def test_every_figure_has_alt_text_and_a_valid_file(registry: dict[str, FigureSpec]) -> None:
    for name, spec in registry.items():
        assert spec.name == name
        assert spec.ext in ("svg", "png", "json"), name
        assert len(spec.alt.split()) >= 8, f"{name}: alt text too short: {spec.alt!r}"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name
        assert spec.module.startswith("book.figures."), name
    files = [spec.file for spec in registry.values()]
    assert len(files) == len(set(files))


def test_every_drawing_function_has_a_docstring(registry: dict[str, FigureSpec]) -> None:
    undocumented = sorted(name for name, spec in registry.items() if not spec.draw.__doc__)
    assert undocumented == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "logo", "alt": "A second logo."}, "registered twice"),
        ({"name": "new-figure", "alt": "  "}, "alt must describe"),
        ({"name": "new-figure", "alt": "A figure.", "ext": "jpg"}, "ext must be one of"),
    ],
)
def test_figure_decorator_rejects_bad_registrations(
    registry: dict[str, FigureSpec], kwargs: dict[str, str], message: str
) -> None:
    before = dict(registry)
    with pytest.raises(ValueError, match=message):
        figure(**kwargs)(lambda: new_figure(1, 1))
    assert registry == before


def test_drawing_does_not_change_global_rcparams(registry: dict[str, FigureSpec]) -> None:
    before = dict(mpl.rcParams)
    fig = registry["logo"].draw()
    assert fig.get_size_inches().tolist() == [1.0, 1.0]
    assert dict(mpl.rcParams) == before


# --- reproducible bytes ---------------------------------------------------------------------


def test_same_bytes_in_this_process_and_in_a_fresh_one(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    assert sorted(build(here, names=SAMPLE, progress=False)) == sorted(f"{n}.svg" for n in SAMPLE)
    subprocess.run(
        [sys.executable, str(SCRIPT), "--quiet", "--out", str(there), *SAMPLE],
        cwd=REPO,
        check=True,
    )
    files = sorted(p.name for p in here.glob("*.svg"))
    assert len(files) == 4 * len(SAMPLE)  # each language and palette
    assert files == sorted(p.name for p in there.glob("*.svg"))
    for file in files:
        first, second = (here / file).read_bytes(), (there / file).read_bytes()
        assert first == second, f"{file} differs between two runs"
        assert b"<dc:date>" not in first


def test_png_has_no_timestamp_or_software_tag(tmp_path: Path) -> None:
    def draw():  # type: ignore[no-untyped-def]
        with context():
            fig = new_figure(2, 1.5)
            fig.add_subplot().plot([0, 1], [1, 0])
        return fig

    spec = FigureSpec("png-check", draw, "png", "A test image.", "tests")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = [path.read_bytes() for path in save(spec, tmp_path / "a")]
    assert [path.name for path in save(spec, tmp_path / "b")] == list(spec.variants.values())
    for data in files:
        assert data.startswith(b"\x89PNG")
        assert b"tIME" not in data
        assert b"Software" not in data
    assert files == [(tmp_path / "b" / name).read_bytes() for name in spec.variants.values()]


# --- incremental builds ---------------------------------------------------------------------


def test_second_run_draws_nothing_and_a_changed_input_is_redrawn(tmp_path: Path) -> None:
    names = ["logo", "and-gate"]
    names_svg = [f"{n}.svg" for n in names]
    assert sorted(build(tmp_path, names=names, progress=False)) == ["and-gate.svg", "logo.svg"]
    mtime = (tmp_path / "logo.svg").stat().st_mtime_ns
    assert build(tmp_path, names=names, progress=False) == []
    assert (tmp_path / "logo.svg").stat().st_mtime_ns == mtime
    # a damaged output file is redrawn
    (tmp_path / "and-gate.svg").write_text("not a figure")
    assert build(tmp_path, names=names, progress=False) == ["and-gate.svg"]
    # a changed key (what editing the drawing code or nnbook does) redraws that figure
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["figures"]["logo"]["key"] = "0" * 64
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    assert build(tmp_path, names=names, progress=False) == ["logo.svg"]
    assert sorted(build(tmp_path, names=names, force=True, progress=False)) == sorted(names_svg)


def test_the_training_runs_are_an_input_of_every_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a run of book/runs.py redraws the figures: the file is part of every key."""
    from book.figures import _build

    real = _build._module_keys()
    runs = tmp_path / "runs.py"
    runs.write_bytes((REPO / "book" / "runs.py").read_bytes())
    monkeypatch.setattr(_build, "_RUNS", runs)
    assert _build._module_keys() == real  # the copy stands for the real file
    runs.write_text(runs.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    edited = _build._module_keys()
    assert all(edited[module] != key for module, key in real.items())


def test_manifest_records_file_module_alt_and_hash(tmp_path: Path) -> None:
    build(tmp_path, names=["logo"], progress=False)
    record = json.loads((tmp_path / MANIFEST).read_text())["figures"]["logo"]
    assert record["file"] == "logo.svg"
    assert record["module"] == "book.figures.diagrams"
    assert record["alt"] == FIGURES["logo"].alt
    assert len(record["key"]) == 64
    assert sorted(record["files"]) == [
        "logo-dark.svg",
        "logo-ko-dark.svg",
        "logo-ko.svg",
        "logo.svg",
    ]
    for file, sha in record["files"].items():
        assert sha == hashlib.sha256((tmp_path / file).read_bytes()).hexdigest()


def test_up_to_date_run_draws_nothing_and_imports_no_matplotlib(tmp_path: Path) -> None:
    build(tmp_path, names=["logo"], progress=False)
    code = (
        "import sys\n"
        "from book.figures import build\n"
        f"drawn = build({str(tmp_path)!r}, names=['logo'], progress=False)\n"
        "print(drawn, 'matplotlib' in sys.modules)"
    )
    drawn, imported = run_python(code).stdout.split()
    assert (drawn, imported) == ("[]", "False")


def test_figures_no_longer_registered_are_deleted_but_other_files_kept(tmp_path: Path) -> None:
    build(tmp_path, names=["logo"], progress=False)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    retired = {"retired.svg": "stale", "retired-ko-dark.svg": "stale"}
    manifest["figures"]["retired"] = {
        **manifest["figures"]["logo"], "file": "retired.svg", "files": retired
    }  # fmt: skip
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    for file in retired:
        (tmp_path / file).write_text("<svg/>")
    (tmp_path / "notes.txt").write_text("not ours")
    build(tmp_path, names=["logo"], progress=False)
    assert not any((tmp_path / file).exists() for file in retired)
    assert (tmp_path / "logo-ko-dark.svg").exists()
    assert (tmp_path / "notes.txt").exists()
    assert "retired" not in json.loads((tmp_path / MANIFEST).read_text())["figures"]


def test_unknown_names_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown \['no-such-figure'\]"):
        build(tmp_path, names=["logo", "no-such-figure"], progress=False)


def test_progress_shows_a_counter_and_time_per_figure(tmp_path: Path) -> None:
    import io

    stream = io.StringIO()
    build(tmp_path, names=["logo"], stream=stream)
    lines = stream.getvalue().splitlines()
    assert re.fullmatch(r"\[ 1/1\] logo\.svg\s+\d+\.\d\d s", lines[0])
    assert lines[-1].startswith("drew 1 figure(s)")


# --- the command line -----------------------------------------------------------------------


def test_list_prints_name_file_and_alt_of_every_figure(
    registry: dict[str, FigureSpec], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["--list"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sorted(r[0] for r in rows) == sorted(registry)
    for name, file, alt in rows:
        assert (file, alt) == (registry[name].file, registry[name].alt)


def test_cli_reports_unknown_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--quiet", "--out", str(tmp_path), "nope"]) == 2
    assert "nope" in capsys.readouterr().err


# --- the docs use every figure, and only figures the build makes ------------------------------


def referenced_figures() -> dict[str, list[str]]:
    """Figure files referenced by the chapters (image links) and by mkdocs.yml (logo, favicon)."""
    refs: dict[str, list[str]] = {}
    sources = [*sorted(DOCS.rglob("*.md")), REPO / "mkdocs.yml"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for file in IMAGE_LINK.findall(text) + [f"{w}.json" for w in WIDGET.findall(text)]:
            refs.setdefault(file, []).append(str(path.relative_to(REPO)))
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for file in re.findall(r"^\s*(?:logo|favicon):\s*figures/([\w.-]+)", yml, flags=re.M):
        refs.setdefault(file, []).append("mkdocs.yml")
    return refs


def test_every_image_the_docs_reference_is_built(registry: dict[str, FigureSpec]) -> None:
    built = {spec.file for spec in registry.values()}
    missing = {f: pages for f, pages in referenced_figures().items() if f not in built}
    assert missing == {}, f"referenced but not produced by scripts/build_figures.py: {missing}"


def test_every_built_figure_is_referenced_in_the_docs(registry: dict[str, FigureSpec]) -> None:
    unused = sorted({spec.file for spec in registry.values()} - referenced_figures().keys())
    assert unused == [], f"figures no chapter (or mkdocs.yml) references: {unused}"


def test_every_widget_has_its_data_and_its_script() -> None:
    widgets = {f[: -len(".json")] for f in referenced_figures() if f.endswith(".json")}
    scripts = {p.stem for p in WIDGET_SCRIPTS.glob("*.js")}
    assert widgets == scripts, "a widget in the docs without its script, or a script unused"


def test_widget_data_is_compact_json_without_nan(tmp_path: Path) -> None:
    def data() -> dict[str, object]:
        return {"y": rounded([0.123456, -1e-9, 2.0]), "word": "ok"}

    spec = FigureSpec("test-widget", data, "json", "The data of a test widget.")
    assert save(spec, tmp_path)[0].read_text() == '{"y":[0.1235,0.0,2.0],"word":"ok"}'
    with pytest.raises(ValueError, match="finite"):
        rounded([1.0, float("nan")])


def test_a_changed_data_file_redraws_the_figure(
    registry: dict[str, FigureSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    results = tmp_path / "results.json"
    results.write_text('{"a": 1}')
    spec = dataclasses.replace(registry["logo"], data=(str(results),))
    monkeypatch.setitem(FIGURES, "logo", spec)
    out = tmp_path / "out"
    assert build(out, names=["logo"], progress=False) == ["logo.svg"]
    record = json.loads((out / MANIFEST).read_text())["figures"]["logo"]
    assert list(record["data"]) == [results.as_posix()]
    assert build(out, names=["logo"], progress=False) == []
    results.write_text('{"a": 2}')
    assert build(out, names=["logo"], progress=False) == ["logo.svg"]


# --- what the alt texts claim ---------------------------------------------------------------


def test_xor_training_alt_text_describes_the_trained_network() -> None:
    from book.figures.training import train_xor

    net = train_xor()
    # the class-0 points sit in a diagonal band through the centre, class 1 in the corners
    points = [[0, 0], [0.5, 0.5], [1, 1], [0, 1], [1, 0]]
    assert net.predict(points).tolist() == [0, 0, 0, 1, 1]
    assert (
        "class-0 points (0,0) and (1,1) lie in an orange diagonal band"
        in FIGURES["xor-training"].alt
    )


def test_hidden_space_merges_the_two_positive_points() -> None:
    from nnbook.gates import INPUTS, XOR

    hidden = XOR.hidden(INPUTS)
    assert hidden[1].tolist() == hidden[2].tolist()
    assert len({tuple(h) for h in hidden.tolist()}) == 3
