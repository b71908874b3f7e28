r"""Small datasets the chapters train on, generated in code (no downloads).

- [`logic_gate`][nnbook.datasets.logic_gate] — the four points of a truth table, labels $\pm 1$ or $0/1$.
- [`xor`][nnbook.datasets.xor] — XOR as a classification problem (labels 0/1).
- [`two_moons`][nnbook.datasets.two_moons] — two interleaved half circles with noise, a 2-D toy problem.
- [`load_digits`][nnbook.datasets.load_digits] — 1,797 real 8×8 handwritten digits shipped inside scikit-learn.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from nnbook._checks import FloatArray, check_choice, check_positive_int
from nnbook.gates import GATES, INPUTS, XOR

__all__ = ["load_digits", "logic_gate", "two_moons", "xor"]


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
    check_positive_int(n, "n")
    rng = np.random.default_rng(seed)
    theta = rng.uniform(0, np.pi, n)
    y = np.arange(n) % 2
    upper = np.column_stack([np.cos(theta), np.sin(theta)])
    lower = np.column_stack([1 - np.cos(theta), 0.5 - np.sin(theta)])
    X = np.where(y[:, None] == 0, upper, lower) + noise * rng.standard_normal((n, 2))
    return X, y


def load_digits(
    test_size: float = 0.25, seed: int = 0
) -> tuple[FloatArray, FloatArray, NDArray[np.int_], NDArray[np.int_]]:
    r"""Real handwritten digits: ``X_train, X_test, y_train, y_test`` (chapter [Handwritten digits](digits.md)).

    The 1,797 images of 8×8 pixels come with scikit-learn (no download). Each image is
    flattened to 64 inputs and its grey levels $0, \dots, 16$ are scaled to $x / 16 \in [0, 1]$;
    labels are the digits 0–9. The split is stratified (every digit keeps its share in both
    parts) and fixed by ``seed``.

    Args:
        test_size: the fraction of images held out for testing, in $(0, 1)$.
        seed: seeds the split.

    Raises:
        ImportError: if scikit-learn is not installed.
    """
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must lie in (0, 1), got {test_size!r}")
    try:
        from sklearn import datasets
        from sklearn.model_selection import train_test_split
    except ImportError as error:
        raise ImportError(
            "load_digits needs scikit-learn, which ships the digits: "
            "pip install 'nnbook[digits]' (or pip install scikit-learn)"
        ) from error
    digits = datasets.load_digits()
    X, y = digits.data / 16.0, digits.target.astype(np.int_)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, stratify=y, random_state=seed
    )
    return X_train, X_test, y_train, y_test
