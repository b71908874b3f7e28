r"""Logic gates as perceptrons, and XOR as a two-layer network of them (chapter [XOR and the multilayer perceptron](xor.md)).

A gate is a fixed-weight perceptron on inputs $x_1, x_2 \in \{0, 1\}$ with a step output
$\operatorname{step}(s) = [s > 0]$ (0 at $s = 0$):

| gate | $w$ | bias | fires when |
|---|---|---|---|
| AND | $(1, 1)$ | $-1.5$ | both inputs are 1 |
| OR | $(1, 1)$ | $-0.5$ | at least one is 1 |
| NAND | $(-1, -1)$ | $1.5$ | not both |
| NOR | $(-1, -1)$ | $0.5$ | neither |

XOR is not linearly separable, so no single gate computes it; two layers do:
$x_1 \oplus x_2 = x_1\bar x_2 + \bar x_1 x_2 = \mathrm{AND}(\mathrm{OR}(x_1, x_2), \mathrm{NAND}(x_1, x_2))$.

Examples:
    >>> from nnbook.gates import XOR
    >>> XOR.truth_table().tolist()
    [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnbook._checks import as_float_array

__all__ = ["AND", "GATES", "INPUTS", "NAND", "NOR", "OR", "XOR", "Gate", "GateNetwork"]

IntArray = NDArray[np.int_]

INPUTS: IntArray = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
"""The four input pairs $(x_1, x_2)$ in truth-table order."""


def _binary_inputs(X: ArrayLike) -> NDArray[np.float64]:
    X_ = as_float_array(X, "X")
    if X_.ndim != 2 or X_.shape[1] != 2:
        raise ValueError(f"X must have shape (N, 2) of input pairs (x1, x2), got {X_.shape}")
    if not np.all(np.isin(X_, (0.0, 1.0))):
        bad = sorted(set(np.unique(X_).tolist()) - {0.0, 1.0})
        raise ValueError(f"X must hold logic values 0 and 1 only, got {bad}")
    return X_.astype(np.float64)


def _table(X: IntArray, out: IntArray) -> IntArray:
    return np.column_stack([X, out])


@dataclass(frozen=True)
class Gate:
    r"""A perceptron with fixed weights: $\mathrm{gate}(x_1, x_2) = \operatorname{step}(w_1 x_1 + w_2 x_2 + \text{bias})$."""

    name: str
    w: tuple[float, float]
    bias: float

    def __call__(self, X: ArrayLike) -> IntArray:
        """Outputs (0 or 1) for input pairs ``X`` of shape ``(N, 2)``."""
        return (_binary_inputs(X) @ np.array(self.w) + self.bias > 0).astype(int)

    def truth_table(self) -> IntArray:
        """Rows ``(x1, x2, output)`` for the four inputs."""
        return _table(INPUTS, self(INPUTS))


AND = Gate("AND", (1.0, 1.0), -1.5)
OR = Gate("OR", (1.0, 1.0), -0.5)
NAND = Gate("NAND", (-1.0, -1.0), 1.5)
NOR = Gate("NOR", (-1.0, -1.0), 0.5)
GATES: dict[str, Gate] = {g.name: g for g in (AND, OR, NAND, NOR)}


@dataclass(frozen=True)
class GateNetwork:
    r"""Two layers of gates: hidden gates map $(x_1, x_2)$ to $a = (a_1, a_2)$; the output gate reads $a$."""

    hidden_gates: tuple[Gate, Gate]
    output_gate: Gate

    def hidden(self, X: ArrayLike) -> IntArray:
        r"""The hidden representation $a = (g_1(x_1, x_2), g_2(x_1, x_2))$, shape ``(N, 2)``."""
        return np.column_stack([g(X) for g in self.hidden_gates])

    def __call__(self, X: ArrayLike) -> IntArray:
        """Outputs (0 or 1) for input pairs ``X`` of shape ``(N, 2)``."""
        return self.output_gate(self.hidden(X))

    def truth_table(self) -> IntArray:
        """Rows ``(x1, x2, output)`` for the four inputs."""
        return _table(INPUTS, self(INPUTS))


XOR = GateNetwork((OR, NAND), AND)
"""$x_1 \\oplus x_2 = \\mathrm{AND}(\\mathrm{OR}(x_1, x_2), \\mathrm{NAND}(x_1, x_2))$."""
