"""nnbook — neural networks from first principles, in NumPy.

The modules follow the chapters of the book:

- :mod:`nnbook.perceptron` and :mod:`nnbook.gates` — the perceptron, logic gates, XOR.
- :mod:`nnbook.approximation` — universal approximation by a staircase of units.
- :mod:`nnbook.activations`, :mod:`nnbook.losses`, :mod:`nnbook.layers` — the pieces of a network.
- :mod:`nnbook.mlp` — the multilayer perceptron and its training loop.
- :mod:`nnbook.gradcheck` — finite-difference gradient checks.
- :mod:`nnbook.datasets` — small generated datasets.
"""

from nnbook import activations, approximation, datasets, gates, gradcheck, layers, losses
from nnbook.mlp import MLP
from nnbook.perceptron import Perceptron

__all__ = [
    "MLP",
    "Perceptron",
    "activations",
    "approximation",
    "datasets",
    "gates",
    "gradcheck",
    "layers",
    "losses",
]
__version__ = "0.1.0"
