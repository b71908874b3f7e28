"""Tests for :mod:`nnbook.gates`: fixed-weight gates and XOR as a two-layer network."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from nnbook.datasets import logic_gate, xor
from nnbook.gates import AND, GATES, INPUTS, NAND, NOR, OR, XOR

TRUTH = {  # the Boolean operations themselves, from Python's operators
    "AND": lambda a, b: a and b,
    "OR": lambda a, b: a or b,
    "NAND": lambda a, b: not (a and b),
    "NOR": lambda a, b: not (a or b),
    "XOR": lambda a, b: a != b,
}


def expected_table(name):
    return [[a, b, int(bool(TRUTH[name](a, b)))] for a, b in itertools.product([0, 1], [0, 1])]


@pytest.mark.parametrize("name", ["AND", "OR", "NAND", "NOR"])
def test_single_gate_truth_tables(name):
    assert GATES[name].truth_table().tolist() == expected_table(name)


def test_inputs_are_in_truth_table_order():
    assert INPUTS.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]


def test_xor_truth_table():
    # (That the source post's a·b + ā·b̄ is XNOR instead is a claim: tests/claims.)
    assert XOR.truth_table().tolist() == expected_table("XOR")


def test_xor_is_or_and_nand_through_its_hidden_layer():
    h = XOR.hidden(INPUTS)
    np.testing.assert_array_equal(h, np.column_stack([OR(INPUTS), NAND(INPUTS)]))
    # In the hidden space (OR, NAND) the four inputs land on (0,1), (1,1), (1,1), (1,0):
    assert h.tolist() == [[0, 1], [1, 1], [1, 1], [1, 0]]
    np.testing.assert_array_equal(XOR(INPUTS), AND(h))  # and there one line separates them


def test_gates_are_perceptrons_with_the_tabled_weights():
    for gate in (AND, OR, NAND, NOR):
        scores = INPUTS @ np.array(gate.w) + gate.bias
        np.testing.assert_array_equal(gate(INPUTS), (scores > 0).astype(int))
        assert np.all(np.abs(scores) >= 0.5)  # a margin of 1/2 from every input


def test_datasets_agree_with_the_gates():
    for name in ("AND", "OR", "NAND", "NOR", "XOR"):
        X, y = logic_gate(name, labels="01")
        assert np.column_stack([X, y]).tolist() == expected_table(name)
        _, y_pm = logic_gate(name)
        np.testing.assert_array_equal(y_pm, 2 * y - 1)
    X, y = xor()
    assert y.tolist() == [0, 1, 1, 0] and X.dtype == np.float64


def test_gates_accept_any_batch_of_pairs():
    X = np.array([[1, 1], [0, 0], [1, 1]])
    np.testing.assert_array_equal(AND(X), [1, 0, 1])
    np.testing.assert_array_equal(XOR(X.astype(np.float32)), [0, 0, 0])
