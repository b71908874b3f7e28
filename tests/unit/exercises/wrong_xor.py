"""Deliberately wrong answers to the exercises of chapter 2: each must fail a check."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnbook.gates import AND, NAND, NOR, OR, XOR, Gate, GateNetwork

# ---- 2.4: the two XNOR networks and the counting network's weights, each right on its own
XNOR_POST = GateNetwork((AND, NOR), OR)
XNOR_NEG = GateNetwork((OR, NAND), NAND)
COUNTING = (
    np.ones((3, 3)),
    -np.array([0.5, 1.5, 2.5]),
    np.array([[1.0], [-1.0], [1.0]]),
    np.array([-0.5]),
)
BOTH = Gate("both", (2.0, 2.0), -3.0)  # computes AND, but is not one of nnbook.gates


# ---- 2.7: the counting network for D bits, with the mistakes a reader makes
def _j(D: int) -> np.ndarray:
    return np.arange(1, D + 1)


def bias_off_by_half(D: int) -> tuple[Any, ...]:
    """Unit j at b = -j: it fires only for more than j bits set."""
    j = _j(D)
    return np.ones((D, D)), -j.astype(float), (-1.0) ** (j + 1), -0.5


def output_sums_all(D: int) -> tuple[Any, ...]:
    """Counts the bits but forgets to alternate the output weights."""
    j = _j(D)
    return np.ones((D, D)), 0.5 - j, np.ones(D), -0.5


def alternates_from_minus(D: int) -> tuple[Any, ...]:
    """Alternates the output weights, starting with the wrong sign."""
    j = _j(D)
    return np.ones((D, D)), 0.5 - j, (-1.0) ** j, -0.5


def output_bias_zero(D: int) -> tuple[Any, ...]:
    """Right outputs, but only because step(0) is 0: even counts score exactly 0."""
    j = _j(D)
    return np.ones((D, D)), 0.5 - j, (-1.0) ** (j + 1), 0.0


def output_as_row(D: int) -> tuple[Any, ...]:
    """W2 as a row (1, D) instead of a column."""
    j = _j(D)
    return np.ones((D, D)), 0.5 - j, ((-1.0) ** (j + 1))[None, :], -0.5


def only_three_bits(D: int) -> tuple[Any, ...]:
    """Exercise 2.4's network, whatever D is."""
    return COUNTING


WRONG: dict[str, list[object]] = {
    "2.1": [
        ((1, 1, -3 / 2), (1, 1, 2, -1 / 2)),  # the sign of v3
        ((1, 1, -1 / 2), (1, 1, -2, -1 / 2)),  # OR as the hidden unit
        ((1, 1, -3 / 2), (1, 1, -1, -1 / 2)),  # -x1 x2 instead of -2 x1 x2
        ((1, 1, -1), (1, 1, -2, -1 / 2)),  # AND that relies on step(0) = 0
        ((1, 1, -3 / 2), (1, 1, -2, 0)),  # output scores 0 at (0, 0) and (1, 1)
    ],
    "2.2": [
        [(1, 2)],  # the product that made XOR linear
        [(1, 2, 3)],  # the triple product alone
        [(1, 2), (1, 3), (2, 3)],  # all pairs, not the triple
        [],
    ],
    "2.3": [
        (2, {(-1, 1, 1, -1): (1, 1, 1, 1), (1, -1, -1, 1): (1, 1, 1, 1)}),  # counts failures
        (14, {(-1, 1, 1, -1): (1, 1, 1, 1)}),  # XNOR forgotten
        (14, {(-1, 1, 1, -1): (1, 1, 1, 1), (1, -1, -1, 1): (-1, -1, -1, -1)}),  # lambda negated
        (14, {(-1, 1, 1, -1): (1, 0, 0, 1), (1, -1, -1, 1): (1, 1, 1, 1)}),  # the negatives only
        (14, {(-1, 1, 1, -1): (0, 0, 0, 0), (1, -1, -1, 1): (1, 1, 1, 1)}),
        (
            13,
            {
                (-1, 1, 1, -1): (1, 1, 1, 1),
                (1, -1, -1, 1): (1, 1, 1, 1),
                (-1, -1, -1, 1): (1, 1, 1, 1),  # AND, separable
            },
        ),
    ],
    "2.4": [
        (GateNetwork((AND, NOR), AND), XNOR_NEG, COUNTING),  # AND on top: only (1, 1)
        (XNOR_POST, GateNetwork((OR, NAND), NOR), COUNTING),  # NOR for the negated AND
        (XNOR_POST, XNOR_POST, COUNTING),  # the second is not XOR with a new output gate
        (XNOR_POST, XOR, COUNTING),  # XOR itself
        (GateNetwork((BOTH, NOR), OR), XNOR_NEG, COUNTING),  # a gate of one's own
        (XNOR_POST, XNOR_NEG, (np.ones((3, 3)), -np.array([1.0, 2.0, 3.0]), *COUNTING[2:])),
        (XNOR_POST, XNOR_NEG, (*COUNTING[:2], np.ones((3, 1)), np.array([-0.5]))),
        (XNOR_POST, XNOR_NEG, (*COUNTING[:3], np.array([0.0]))),  # even counts score 0
        (
            XNOR_POST,
            XNOR_NEG,
            (np.ones((3, 2)), -np.array([0.5, 1.5]), np.array([[1.0], [-1.0]]), -0.5),
        ),  # two hidden units
    ],
    "2.5": [
        ([0, 0, 0, 0], True),  # the centre as the midpoint of class 0
        ([1, 0, 0, 0], True),
        ([1, 0, 0, 1], False),
        ([1, 1, 1, 0], False),
    ],
    "2.6": [
        (0.0, 2.770, True, 384),  # the largest entry of the column, not twice it
        (0.0, 5.540, False, 384),  # ReLU taken for odd
        (0.0, 5.540, True, 16),  # flips only
        (0.0, 5.540, True, 24),  # reorderings only
        (1.0, 5.540, True, 384),  # the probabilities taken to change
    ],
    "2.7": [
        bias_off_by_half,
        output_sums_all,
        alternates_from_minus,
        output_bias_zero,
        output_as_row,
        only_three_bits,
    ],
}
