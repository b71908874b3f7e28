"""Input validation shared by the public functions.

Every check raises ``TypeError`` or ``ValueError`` with a message that names the argument,
states what was expected and shows what was received. Nothing here uses ``assert``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.floating[Any]]


def as_float_array(x: ArrayLike, name: str) -> FloatArray:
    """Return ``x`` as a floating array, keeping float32/float64; integers and bools become float64.

    Raises:
        TypeError: if ``x`` is not numeric (strings, objects, complex numbers).
    """
    arr = np.asarray(x)
    if arr.dtype.kind == "f":
        return arr
    if arr.dtype.kind in "biu":
        return arr.astype(np.float64)
    raise TypeError(f"{name} must be a real numeric array, got an array of dtype {arr.dtype}")


def check_finite(x: NDArray[Any], name: str) -> None:
    """Reject arrays holding NaN or ±inf.

    A NaN or an infinity anywhere makes the sum NaN or infinite, so a finite sum clears the
    whole array in one pass without a boolean copy of it; only a non-finite sum (bad values,
    or finite ones whose sum overflows) needs the elementwise test.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # the sum may overflow or be inf − inf
        if np.isfinite(x.sum()):
            return
    if not np.all(np.isfinite(x)):
        bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or inf value(s)")


def check_nonempty(x: NDArray[Any], name: str) -> None:
    """Reject empty arrays (an empty batch has no mean)."""
    if x.size == 0:
        raise ValueError(f"{name} must not be empty, got an array of shape {x.shape}")


def check_ndim(x: NDArray[Any], name: str, ndim: int, meaning: str) -> None:
    """Require ``x.ndim == ndim``; ``meaning`` describes the shape, e.g. ``"(N, D)"``."""
    if x.ndim != ndim:
        raise ValueError(f"{name} must have shape {meaning}, got shape {x.shape}")


def check_same_shape(a: NDArray[Any], b: NDArray[Any], name_a: str, name_b: str) -> None:
    """Require equal shapes: no silent broadcasting between prediction and target."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {name_a} {a.shape} "
            f"and {name_b} {b.shape}"
        )


def check_in_range(x: NDArray[Any], name: str, low: float, high: float) -> None:
    """Require ``low <= x <= high`` elementwise (e.g. probabilities in [0, 1])."""
    if x.size and (np.min(x) < low or np.max(x) > high):
        raise ValueError(
            f"{name} must lie in [{low:g}, {high:g}], got values in [{np.min(x):g}, {np.max(x):g}]"
        )


def check_class_indices(y: ArrayLike, name: str, n_classes: int) -> NDArray[np.intp]:
    """Return ``y`` as integer class indices in ``[0, n_classes)``."""
    arr = np.asarray(y)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer class indices, got dtype {arr.dtype}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        raise ValueError(
            f"{name} must hold class indices in [0, {n_classes - 1}], got values in "
            f"[{arr.min()}, {arr.max()}]"
        )
    return arr.astype(np.intp)


def check_choice(value: Any, name: str, choices: Iterable[str]) -> None:
    """Require ``value`` to be one of ``choices``, listing the valid ones otherwise."""
    valid = list(choices)
    if value not in valid:
        raise ValueError(f"{name} must be one of {valid}, got {value!r}")


def check_positive_int(value: Any, name: str) -> None:
    """Require a count (epochs, batch size, samples): an integer ``>= 1``; ``True`` is no count."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(
            f"{name} must be a positive integer, got {value!r} of type {type(value).__name__}"
        )
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")


def check_positive(value: float, name: str) -> None:
    """Require a strictly positive number."""
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
