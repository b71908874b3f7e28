"""What a release publishes: the wheel and the sdist, built as ``python -m build`` builds them,
accepted by ``twine check --strict``, holding the package alone, and working in a fresh virtual
environment where the package index is simulated by the built wheel: the notebooks' install cell
installs the book's version there (once), and the README's example prints what the README says.

The wheel and the sdist are built once per session (the ``dist`` fixture, about 9 s); the fresh
environment takes about 40 s, most of it installing NumPy and IPython (on two busy cores)."""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from book import notebooks
from book.paths import DOCS, REPO

VERSION = re.search(
    r'^version = "([^"]+)"$', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE
)
SDIST_FILES = ("README.md", "LICENSE", "pyproject.toml", "CHANGELOG.md", "CITATION.cff")
NOT_SHIPPED = ("book/", "hooks/", "tests/", "docs/", "scripts/")


@dataclass(frozen=True)
class Dist:
    """The built release: its folder, the wheel and the sdist."""

    folder: Path
    wheel: Path
    sdist: Path


def _run(*command: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``command``; a failure shows what it printed."""
    run = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, **kwargs
    )
    assert run.returncode == 0, f"{command}:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return run


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """The sdist, and the wheel built from it, as ``python -m build`` makes them."""
    folder = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", folder, REPO)
    (wheel,) = folder.glob("*.whl")
    (sdist,) = folder.glob("*.tar.gz")
    return Dist(folder, wheel, sdist)


def _package_files() -> set[str]:
    """What the wheel must hold of the repository: the package's modules and its py.typed."""
    files = {*REPO.glob("nnbook/**/*.py"), REPO / "nnbook" / "py.typed"}
    return {path.relative_to(REPO).as_posix() for path in files}


def _mkdocs_setting(key: str) -> str:
    found = re.search(rf"^{key}: (\S+)$", (REPO / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    assert found is not None, f"mkdocs.yml has no {key}"
    return found[1]


def test_the_wheel_and_the_sdist_hold_what_they_should(dist: Dist) -> None:
    """``twine check --strict`` passes; the wheel holds the package alone, with metadata that
    points to the site and the repository of mkdocs.yml; the sdist can rebuild it."""
    assert VERSION is not None
    _run(sys.executable, "-m", "twine", "check", "--strict", dist.wheel, dist.sdist)
    with zipfile.ZipFile(dist.wheel) as wheel:
        names = wheel.namelist()
        info = f"nnbook-{VERSION[1]}.dist-info/"
        meta = email.parser.Parser().parsestr(wheel.read(info + "METADATA").decode())
    assert {n for n in names if not n.startswith(info)} == _package_files()
    assert meta["Version"] == VERSION[1]
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL", []))
    assert urls["Homepage"] == _mkdocs_setting("site_url")
    assert urls["Source"] == _mkdocs_setting("repo_url")
    assert urls["Changelog"] == _mkdocs_setting("repo_url") + "/blob/main/CHANGELOG.md"
    python = {c for c in meta.get_all("Classifier", []) if c.startswith("Programming")}
    assert {f"Programming Language :: Python :: 3.{n}" for n in range(10, 14)} <= python
    with tarfile.open(dist.sdist) as sdist:
        top = f"nnbook-{VERSION[1]}/"
        inside = {name.removeprefix(top) for name in sdist.getnames()}
    assert {*SDIST_FILES, "PKG-INFO"} | _package_files() <= inside
    shipped = [n for n in [*names, *inside] if n.startswith(NOT_SHIPPED)]
    assert shipped == [], "the book's tooling, tests or pages are shipped"


def _readme_example() -> tuple[str, list[str]]:
    """The Python block of the README's "Using the package", and what its comments say it
    prints (``print(...)  # output``)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using the package\n", 1)[1]
    code = re.search(r"^```python\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert code is not None, "README.md: no python block under 'Using the package'"
    said = re.findall(r"^print\(.*\)  # (.+)$", code[1], re.MULTILINE)
    assert said, "README.md: the example says nothing of what it prints"
    return code[1], said


@dataclass(frozen=True)
class Venv:
    """A fresh virtual environment, and the environment variables its commands run with."""

    folder: Path
    env: dict[str, str]

    def bin(self, name: str) -> Path:
        return self.folder / ("Scripts" if sys.platform == "win32" else "bin") / name

    def run(self, *command: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
        """``command`` in a folder of its own (not the repository, whose nnbook/ it would
        import), with these variables added."""
        return _run(*command, cwd=self.folder, env={**self.env, **env})

    def python(self, code: str) -> str:
        return self.run(self.bin("python"), "-c", code).stdout


def _nnbook_dist_info(venv: Venv) -> Path:
    """The installed package's metadata folder (there must be one)."""
    purelib = Path(venv.python("import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    (found,) = purelib.glob("nnbook-*.dist-info")
    return found


def test_the_wheel_installs_and_runs_in_a_fresh_environment(dist: Dist, tmp_path: Path) -> None:
    """In a new virtual environment with NumPy and IPython, the package index simulated by the
    built wheel: nnbook is missing; the notebooks' install cell installs the book's version,
    and running it again installs nothing; the README's example prints what the README says."""
    assert VERSION is not None
    _run(sys.executable, "-m", "venv", tmp_path / "venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL"))}
    venv = Venv(tmp_path / "venv", {**env, "IPYTHONDIR": str(tmp_path / "ipython")})
    venv.run(venv.bin("python"), "-m", "pip", "install", "--quiet", "numpy", "ipython")
    missing = "import importlib.util; print(importlib.util.find_spec('nnbook'))"
    assert venv.python(missing).strip() == "None"

    notebook = nbformat.read(DOCS / notebooks.NOTEBOOK_DIR / "xor.ipynb", as_version=4)
    cell = next(c.source for c in notebook.cells if c.cell_type == "code")
    no_index = {"PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    venv.run(venv.bin("ipython"), "-c", cell, PIP_FIND_LINKS=str(dist.folder), **no_index)
    installed = _nnbook_dist_info(venv)
    assert installed.name == f"nnbook-{VERSION[1]}.dist-info"
    assert venv.python("import nnbook; print(nnbook.__version__)").strip() == VERSION[1]

    # again, with nothing to install from and reinstalls forced: any pip install would fail
    stamp = (installed / "RECORD").stat().st_mtime_ns
    empty = tmp_path / "empty"
    empty.mkdir()
    forced = {"PIP_FIND_LINKS": str(empty), "PIP_FORCE_REINSTALL": "1", **no_index}
    again = venv.run(venv.bin("ipython"), "-c", cell, **forced)
    assert again.stdout.strip() == again.stderr.strip() == ""
    assert (_nnbook_dist_info(venv) / "RECORD").stat().st_mtime_ns == stamp

    code, said = _readme_example()
    assert venv.python(code).splitlines() == said
