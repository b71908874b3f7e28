"""Input validation shared by the public functions: arrays, settings, the (input, target)
pairs of the losses and the data of a network.

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


def finite_float_array(x: ArrayLike, name: str) -> FloatArray:
    """:func:`as_float_array` followed by :func:`check_finite`."""
    arr = as_float_array(x, name)
    check_finite(arr, name)
    return arr


def check_finite(x: NDArray[Any], name: str) -> None:
    """Reject arrays holding NaN or ±inf."""
    if not np.isfinite(x).all():
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
    check_index_range(arr, name, n_classes)
    return arr.astype(np.intp)


def check_index_range(y: NDArray[Any], name: str, n_classes: int) -> None:
    """Require the values of ``y`` to lie in ``[0, n_classes)``."""
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(
            f"{name} must hold class indices in [0, {n_classes - 1}], got values in "
            f"[{y.min():g}, {y.max():g}]"
        )


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


def check_layer_sizes(sizes: Iterable[int]) -> list[int]:
    """Layer widths ``[n_0, ..., n_L]``: at least two positive integers."""
    widths = list(sizes)
    if len(widths) < 2 or any(
        isinstance(n, bool) or not isinstance(n, int | np.integer) or n <= 0 for n in widths
    ):
        raise ValueError(
            f"sizes must be at least two positive integers (inputs, ..., outputs), got {widths}"
        )
    return widths


def check_positive(value: float, name: str) -> None:
    """Require a strictly positive number."""
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")


# --- the (input, target) pairs of the losses: each returns them in the form the terms take ---


def loss_pair(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Input and target of the same shape, finite, non-empty; target cast to input's dtype."""
    x = finite_float_array(input, "input")
    check_nonempty(x, "input")
    t = as_float_array(target, "target")
    check_same_shape(x, t, "input", "target")
    check_finite(t, "target")
    return x, t.astype(x.dtype, copy=False)


def probability_pair(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """:func:`loss_pair` with both input and target in [0, 1]."""
    x, t = loss_pair(input, target)
    check_in_range(x, "input", 0.0, 1.0)
    check_in_range(t, "target", 0.0, 1.0)
    return x, t


def distribution_pair(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """:func:`loss_pair` with a non-negative target (a distribution)."""
    x, p = loss_pair(input, target)
    check_in_range(p, "target", 0.0, np.inf)
    return x, p


def class_target(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Logits (N, C) and a target given as indices (N,) or probabilities (N, C), as (N, C)."""
    x = finite_float_array(input, "input")
    check_ndim(x, "input", 2, "(N, C)")
    check_nonempty(x, "input")
    t = np.asarray(target)
    if t.ndim == 1 and t.dtype.kind in "iu":
        if t.shape[0] != x.shape[0]:
            raise ValueError(
                f"target of class indices must have shape ({x.shape[0]},) to match input "
                f"{x.shape}, got {t.shape}"
            )
        index = check_class_indices(t, "target", x.shape[1])
        return x, np.eye(x.shape[1], dtype=x.dtype)[index]  # one-hot rows
    if t.ndim == 1:
        raise TypeError(f"target of shape (N,) must hold integer class indices, got {t.dtype}")
    p = as_float_array(t, "target")
    check_same_shape(x, p, "input", "target")
    check_finite(p, "target")
    check_in_range(p, "target", 0.0, 1.0)
    return x, p.astype(x.dtype, copy=False)


def index_target(input: ArrayLike, target: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """:func:`class_target` that accepts class indices only."""
    t = np.asarray(target)
    if t.dtype.kind not in "iu":
        raise TypeError(f"target must hold integer class indices, got dtype {t.dtype}")
    return class_target(input, t)


# --- the data of a network (nnbook.MLP) --------------------------------------------------------


def network_inputs(X: ArrayLike, name: str, n_features: int, dtype: np.dtype[Any]) -> FloatArray:
    """Finite, non-empty inputs of shape ``(N, n_features)``, converted to ``dtype``."""
    X_ = as_float_array(X, name)
    check_ndim(X_, name, 2, f"(N, {n_features})")
    check_nonempty(X_, name)
    if X_.shape[1] != n_features:
        raise ValueError(
            f"{name} must have {n_features} features (shape (N, {n_features})), "
            f"got shape {X_.shape}"
        )
    check_finite(X_, name)
    return X_.astype(dtype, copy=False)


def check_rows(y: NDArray[Any], name: str, X: FloatArray, x_name: str) -> None:
    """Require one target per row of ``X``."""
    if y.shape[:1] != X.shape[:1]:
        raise ValueError(
            f"{name} must have one entry per row of {x_name} ({X.shape[0]}), got shape {y.shape}"
        )


def class_labels(y: ArrayLike, name: str, X: FloatArray, x_name: str, n_classes: int) -> Any:
    """Class labels ``(N,)`` in ``[0, n_classes)`` of any integer-valued dtype, as integers.

    Float labels such as ``0.0, 1.0`` (what ``np.loadtxt`` and pandas give) are accepted; a
    one-hot ``(N, C)`` array is rejected with the conversion that fixes it.
    """
    if n_classes < 2:
        raise ValueError(f"a classifier needs at least 2 output units, got n_L = {n_classes}")
    y_arr = np.asarray(y)
    check_rows(y_arr, name, X, x_name)
    if y_arr.ndim == 2 and y_arr.shape[1] == n_classes:
        raise ValueError(
            f"{name} must hold class labels of shape (N,), got shape {y_arr.shape}: for one-hot "
            f"rows pass {name}.argmax(axis=1)"
        )
    check_ndim(y_arr, name, 1, "(N,) of class labels")
    if y_arr.dtype.kind == "f":
        check_whole(y_arr, name)
        check_index_range(y_arr, name, n_classes)  # before the cast, which could overflow
        return y_arr.astype(np.intp)
    if y_arr.dtype.kind == "b":
        y_arr = y_arr.astype(np.intp)
    return check_class_indices(y_arr, name, n_classes)


def check_whole(y: NDArray[Any], name: str) -> None:
    """Require finite whole numbers (class labels stored as floats)."""
    whole = np.isfinite(y) & (y == np.round(y))
    if not whole.all():
        bad = y[~whole][0]
        raise ValueError(f"{name} must hold whole-number class labels, got {float(bad)!r}")


def regression_targets(
    y: ArrayLike, name: str, X: FloatArray, x_name: str, n_outputs: int
) -> FloatArray:
    """Finite targets ``(N, n_outputs)`` in ``X``'s dtype (``(N,)`` when ``n_outputs = 1``)."""
    y_arr = np.asarray(y)
    check_rows(y_arr, name, X, x_name)
    y_ = as_float_array(y_arr, name).astype(X.dtype, copy=False)
    check_finite(y_, name)
    if y_.ndim == 1 and n_outputs == 1:
        y_ = y_[:, None]
    if y_.shape != (X.shape[0], n_outputs):
        raise ValueError(f"{name} must have shape (N, {n_outputs}), got shape {y_.shape}")
    return y_
