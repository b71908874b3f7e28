r"""Small datasets the chapters train on, generated in code (no downloads).

- :func:`logic_gate` — the four points of a truth table, labels $\pm 1$ or $0/1$.
- :func:`xor` — XOR as a classification problem (labels 0/1).
- :func:`two_moons` — two interleaved half circles with noise, a 2-D toy problem.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from nnbook._checks import FloatArray, check_choice, check_positive
from nnbook.gates import GATES, INPUTS, XOR

__all__ = ["logic_gate", "two_moons", "xor"]


def logic_gate(name: str, labels: str = "pm1") -> tuple[FloatArray, NDArray[np.int_]]:
    """Inputs ``X`` (4, 2) and the gate's outputs as labels: ``"pm1"`` gives ±1, ``"01"`` 0/1.

    ``name`` is one of AND, OR, NAND, NOR, XOR.
    """
    check_choice(name, "name", [*GATES, "XOR"])
    check_choice(labels, "labels", ["pm1", "01"])
    out = (XOR if name == "XOR" else GATES[name])(INPUTS)
    return INPUTS.astype(np.float64), (2 * out - 1 if labels == "pm1" else out)


def xor() -> tuple[FloatArray, NDArray[np.int_]]:
    """The XOR problem: ``X`` (4, 2) of 0/1 inputs and class labels ``y`` (4,) in {0, 1}."""
    return logic_gate("XOR", labels="01")


def two_moons(
    n: int = 200, noise: float = 0.1, seed: int = 0
) -> tuple[FloatArray, NDArray[np.int_]]:
    r"""Two interleaving half circles: ``X`` (n, 2) and labels ``y`` (n,) in {0, 1}.

    Class 0 lies on $(\cos\theta, \sin\theta)$, class 1 on $(1 - \cos\theta, \tfrac12 - \sin\theta)$,
    $\theta \in [0, \pi]$, plus Gaussian noise of standard deviation ``noise``.
    """
    check_positive(n, "n")
    rng = np.random.default_rng(seed)
    theta = rng.uniform(0, np.pi, n)
    y = np.arange(n) % 2
    upper = np.column_stack([np.cos(theta), np.sin(theta)])
    lower = np.column_stack([1 - np.cos(theta), 0.5 - np.sin(theta)])
    X = np.where(y[:, None] == 0, upper, lower) + noise * rng.standard_normal((n, 2))
    return X, y
