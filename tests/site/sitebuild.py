"""The strict site build of a test session: started in the background as soon as the tests are
collected, so that it runs while the library's tests do, and shared by every pytest-xdist
worker (the first to collect starts it; the others wait for its result file).

``python -m tests.site.sitebuild SITE_DIR RESULT`` builds into ``SITE_DIR`` and writes the exit
code, the output and the seconds taken to ``RESULT`` (JSON) when it is done.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from book.paths import REPO

WARNING_LINE = re.compile(r"^\s*(?:WARNING|ERROR)\s+-\s", re.MULTILINE)
TIMEOUT = 1800


@dataclass
class SiteBuild:
    site_dir: Path
    returncode: int
    output: str
    seconds: float
    reused: bool = False
    command: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [ln.strip() for ln in self.output.splitlines() if WARNING_LINE.match(ln)]


def run_mkdocs_build(
    site_dir: Path,
    config_file: Path | None = None,
    cwd: Path = REPO,
    generator: str = "mkdocs",
    verbose: bool = False,
) -> tuple[int, str, list[str]]:
    """``mkdocs build --strict`` (never ``-q``: quiet drops the warnings strict counts), or the
    same with ``generator="properdocs"``; ``verbose``: with ``--verbose`` (every plugin's log)."""
    cmd = [sys.executable, "-m", generator, "build", "--strict", "--site-dir", str(site_dir)]
    cmd += ["--verbose"] if verbose else []
    if generator == "properdocs" and config_file is None:
        config_file = cwd / "mkdocs.yml"  # ProperDocs looks for properdocs.yml first
    if config_file is not None:
        cmd += ["--config-file", str(config_file)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT
    )
    return proc.returncode, proc.stdout + proc.stderr, cmd


def start(shared: Path) -> None:
    """Start the session's build into ``shared/site`` unless a worker already did."""
    shared.mkdir(parents=True, exist_ok=True)
    try:  # the first worker to create the marker starts the build
        (shared / "build.started").touch(exist_ok=False)
    except FileExistsError:
        return
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.site.sitebuild", str(shared / "site"), str(result(shared))],
        cwd=REPO,
        # os.environ, as every other build gets: the process's own environment may hold more
        # (once imported, readline sets COLUMNS=80 in it, not in os.environ), and a code
        # block's place in the cache depends on COLUMNS (what it prints may)
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    (shared / "build.started").write_text(str(child.pid), encoding="utf-8")


def result(shared: Path) -> Path:
    return shared / "build.json"


def wait(shared: Path) -> SiteBuild:
    """The build started by :func:`start`, once it has finished."""
    deadline = time.monotonic() + TIMEOUT + 60
    while not result(shared).is_file():
        if not (shared / "build.started").is_file():
            raise RuntimeError(f"no site build was started in {shared}")
        if time.monotonic() > deadline or not _running(shared / "build.started"):
            time.sleep(1)  # it may have written its result as it ended
            if result(shared).is_file():
                break
            raise RuntimeError(f"the site build in {shared} ended without a result")
        time.sleep(0.5)
    data = json.loads(result(shared).read_text(encoding="utf-8"))
    return SiteBuild(**{**data, "site_dir": Path(data["site_dir"])})


def _running(marker: Path) -> bool:
    """Whether the build process named in ``marker`` still runs (True while it starts)."""
    pid = marker.read_text(encoding="utf-8").strip()
    if not pid:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.is_file():  # Linux: a zombie (ended, not yet reaped by its parent) does not run
        return stat.read_text(encoding="ascii").rpartition(")")[2].split()[0] != "Z"
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def main(site_dir: str, out: str) -> None:
    start_time = time.perf_counter()
    code, output, cmd = run_mkdocs_build(Path(site_dir))
    build = SiteBuild(Path(site_dir), code, output, time.perf_counter() - start_time, command=cmd)
    tmp = Path(out).with_suffix(".tmp")
    tmp.write_text(json.dumps({**asdict(build), "site_dir": site_dir}), encoding="utf-8")
    os.replace(tmp, out)


if __name__ == "__main__":
    main(*sys.argv[1:])
