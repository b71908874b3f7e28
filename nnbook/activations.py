r"""Activation functions and their derivatives (chapter [Activation functions](activations.md)).

Each activation $f$ is a table entry with its value and its derivative side by side:
``f(z)`` computes $a = f(z)$ and ``f.derivative(z)`` computes $f'(z)$, both elementwise.
**Every derivative takes the pre-activation** $z$, never the output $a$.

| name | $f(z)$ | $f'(z)$ |
|---|---|---|
| ``sigmoid`` | $\sigma(z) = 1/(1+e^{-z})$ | $\sigma(z)\,(1-\sigma(z))$ |
| ``tanh`` | $\tanh z$ | $1-\tanh^2 z$ |
| ``relu`` | $\max(0, z)$ | $[z>0]$ |
| ``leaky_relu`` | $z$ if $z>0$ else $\alpha z$ | $1$ if $z>0$ else $\alpha$ |
| ``elu`` | $z$ if $z>0$ else $\alpha(e^z-1)$ | $1$ if $z>0$ else $\alpha e^z$ |

At the kink $z=0$ the derivatives of ReLU-like functions take the left value, as PyTorch does.

Examples:
    >>> import numpy as np
    >>> from nnbook.activations import relu, get
    >>> relu(np.array([-1.0, 2.0]))
    array([0., 2.])
    >>> get("sigmoid").derivative(np.array([0.0]))
    array([0.25])
"""

from __future__ import annotations

import copyreg
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from nnbook._checks import FloatArray, as_float_array, check_choice

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "activation",
    "elu",
    "get",
    "leaky_relu",
    "relu",
    "sigmoid",
    "tanh",
]


@dataclass(frozen=True)
class Activation:
    r"""An elementwise activation: its value ``f(z)`` and derivative ``f.derivative(z)``.

    Made from a name, the function $f$ and its derivative $f'$ (elementwise functions of the
    pre-activation ``z``) and a gain, in that order; call ``f(z)`` and ``f.derivative(z)``,
    which check their input, rather than the two stored functions. Those made by
    [`activation`][nnbook.activations.activation] have $f$'s docstring: the formulas of $f$
    and $f'$ (``help(relu)``).

    Attributes:
        name: the name it is looked up by.
        gain: the variance gain $\beta$ for weight initialisation, $\mathcal N(0, \beta/n_{l-1})$,
            chosen so that $\mathbb E[f(z)^2] = \mathbb E[z^2]/\beta$ for a symmetric $z$
            ([Initialisation](initialisation.md#initialisation)): 2 for ReLU, $2/(1 + \alpha^2)$
            for Leaky ReLU at its default $\alpha$, 2 for ELU (an approximation), 1 for tanh
            (exact only near $z = 0$); 1 for sigmoid, whose mean $\tfrac12$ no gain can correct.
    """

    name: str
    _f: Callable[..., FloatArray] = field(repr=False)
    _df: Callable[..., FloatArray] = field(repr=False)
    gain: float = 1.0

    def __call__(self, z: ArrayLike, **params: float) -> FloatArray:
        """Apply the activation elementwise: $a = f(z)$."""
        return self._f(as_float_array(z, "z"), **params)

    def derivative(self, z: ArrayLike, **params: float) -> FloatArray:
        """The elementwise derivative $f'(z)$ with respect to the pre-activation ``z``."""
        return self._df(as_float_array(z, "z"), **params)


def activation(
    derivative: Callable[..., FloatArray], gain: float = 1.0
) -> Callable[[Callable[..., FloatArray]], Activation]:
    """Make the function below, whose docstring gives $f$ and $f'$, the activation of that
    name with the derivative ``derivative``."""

    def make(f: Callable[..., FloatArray]) -> Activation:
        made = Activation(f.__name__, f, derivative, gain)
        object.__setattr__(made, "__doc__", f.__doc__)  # help() shows f's formulas
        return made

    return make


def _sigmoid_derivative(z: FloatArray) -> FloatArray:
    # σ(z)(1 − σ(z)) = e^{−|z|} / (1 + e^{−|z|})², which avoids the cancellation in 1 − σ(z).
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


@activation(_sigmoid_derivative)
def sigmoid(z: FloatArray) -> FloatArray:
    r"""The logistic sigmoid, from $\mathbb R$ onto $(0, 1)$:

    $$ \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad \sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big). $$

    Computed from $e^{-|z|}$, which never overflows.
    """
    # exp(-|z|) never overflows; the two branches are the same function.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _tanh_derivative(z: FloatArray) -> FloatArray:
    return 1 - np.tanh(z) ** 2


@activation(_tanh_derivative)
def tanh(z: FloatArray) -> FloatArray:
    r"""The hyperbolic tangent, from $\mathbb R$ onto $(-1, 1)$, a rescaled sigmoid:

    $$ \tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1, \qquad
    \tanh' z = 1 - \tanh^2 z. $$
    """
    return np.tanh(z)


def _relu_derivative(z: FloatArray) -> FloatArray:
    return (z > 0).astype(z.dtype)


@activation(_relu_derivative, gain=2.0)
def relu(z: FloatArray) -> FloatArray:
    r"""The rectified linear unit:

    $$ \mathrm{ReLU}(z) = \max(0, z), \qquad \mathrm{ReLU}'(z) = [z > 0], $$

    the left derivative, 0, at the kink $z = 0$ (as PyTorch).
    """
    return np.maximum(z, 0)


def _leaky_relu_derivative(z: FloatArray, alpha: float = 0.01) -> FloatArray:
    return np.where(z > 0, 1, alpha).astype(z.dtype)


@activation(_leaky_relu_derivative, gain=2 / (1 + 0.01**2))
def leaky_relu(z: FloatArray, alpha: float = 0.01) -> FloatArray:
    r"""ReLU with a slope $\alpha$ for negative inputs (``alpha``, 0.01 by default):

    $$ f(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}, \qquad
    f'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0. \end{cases} $$

    Its gain is $\beta = 2/(1 + \alpha^2)$ at the default $\alpha = 0.01$: for a symmetric $z$,
    $\mathbb E[f(z)^2] = \tfrac12 (1 + \alpha^2)\, \mathbb E[z^2]$.
    """
    return np.where(z > 0, z, alpha * z).astype(z.dtype)


def _elu_derivative(z: FloatArray, alpha: float = 1.0) -> FloatArray:
    return np.where(z > 0, 1, alpha * np.exp(np.minimum(z, 0))).astype(z.dtype)


@activation(_elu_derivative, gain=2.0)
def elu(z: FloatArray, alpha: float = 1.0) -> FloatArray:
    r"""The exponential linear unit (``alpha``, 1 by default):

    $$ f(z) = \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}, \qquad
    f'(z) = \begin{cases} 1 & z > 0 \\ \alpha e^{z} & z \le 0. \end{cases} $$
    """
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0))).astype(z.dtype)


ACTIVATIONS: dict[str, Activation] = {f.name: f for f in (sigmoid, tanh, relu, leaky_relu, elu)}


def get(name: str | Activation) -> Activation:
    """Look an activation up by name (an [`Activation`][nnbook.activations.Activation] passes through unchanged).

    Raises:
        ValueError: for an unknown name, listing the valid ones.
    """
    if isinstance(name, Activation):
        return name
    check_choice(name, "activation", ACTIVATIONS)
    return ACTIVATIONS[name]


def _by_name(f: Activation) -> str | tuple[Any, ...]:
    """Pickle and copy the table's entries by name (their functions are not module attributes)."""
    return (get, (f.name,)) if ACTIVATIONS.get(f.name) is f else f.__reduce_ex__(4)


copyreg.pickle(Activation, _by_name)
