"""The training benchmark: nnbook against scikit-learn, PyTorch and a bare NumPy loop.

- :mod:`book.benchmark.trainers` — the same training written for each library.
- :mod:`book.benchmark.run` — the measurement and its command line
  (``python scripts/benchmark.py``, or ``make bench``).
- :data:`RESULTS` — the committed results of the last run, which the Performance page and its
  figure read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["RESULTS", "load_results"]

RESULTS = Path(__file__).resolve().parent / "results.json"
"""The committed benchmark results, written by ``python scripts/benchmark.py``."""


def load_results(path: str | Path | None = None) -> dict[str, Any]:
    """The results of a benchmark run (default: the committed :data:`RESULTS`).

    Raises:
        FileNotFoundError: if ``path`` holds no results, saying how to make them.
    """
    path = RESULTS if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no benchmark results at {path}: run `python scripts/benchmark.py` to write them"
        )
    results: dict[str, Any] = json.loads(path.read_text())
    return results
