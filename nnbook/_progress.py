"""A small text progress bar for ``MLP.fit`` (no dependency beyond the standard library)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar"]


class ProgressBar:
    """Draw ``label [#####.....] 5/10 1.2s loss=0.31`` on one terminal line, updated in place.

    Args:
        total: number of steps.
        label: text before the bar.
        enabled: draw nothing when False; None: draw only on an interactive terminal (not in a
            notebook's or a build's captured output, nor in a file).
        stream: where to draw (standard error by default, so printed results stay clean).
    """

    def __init__(
        self,
        total: int,
        label: str = "",
        enabled: bool | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self.total, self.label = total, label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.perf_counter()

    def update(self, step: int, info: str = "") -> None:
        """Show that ``step`` of ``total`` steps are done, with ``info`` after the bar."""
        if not self.enabled:
            return
        width = 24
        filled = width * step // max(self.total, 1)
        bar = "#" * filled + "." * (width - filled)
        elapsed = time.perf_counter() - self.start
        line = f"\r{self.label} [{bar}] {step}/{self.total} {elapsed:.1f}s {info}"
        self.stream.write(line)
        if step >= self.total:
            self.stream.write("\n")
        self.stream.flush()
