"""nnbook — neural networks from first principles, in NumPy.

The modules follow the chapters of the book:

- [`nnbook.perceptron`][nnbook.perceptron] and [`nnbook.gates`][nnbook.gates] — the perceptron, logic gates, XOR.
- [`nnbook.approximation`][nnbook.approximation] — universal approximation by a staircase of units.
- [`nnbook.activations`][nnbook.activations], [`nnbook.losses`][nnbook.losses], [`nnbook.layers`][nnbook.layers] — the pieces of a network.
- [`nnbook.parameters`][nnbook.parameters], [`nnbook.mlp`][nnbook.mlp] — the parameter vector θ; the multilayer perceptron and its training loop.
- [`nnbook.gradcheck`][nnbook.gradcheck] — finite-difference gradient checks.
- [`nnbook.datasets`][nnbook.datasets] — small generated datasets.
"""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from nnbook import (
    activations,
    approximation,
    datasets,
    gates,
    gradcheck,
    layers,
    losses,
    parameters,
)
from nnbook.exceptions import NotFittedError
from nnbook.mlp import MLP, MLPClassifier, MLPRegressor
from nnbook.perceptron import Perceptron

__all__ = [
    "MLP",
    "MLPClassifier",
    "MLPRegressor",
    "NotFittedError",
    "Perceptron",
    "activations",
    "approximation",
    "datasets",
    "gates",
    "gradcheck",
    "layers",
    "losses",
    "parameters",
]

try:  # one source, pyproject.toml: the installed package's metadata
    __version__ = _version("nnbook")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
