"""Fixtures of the library's tests: a seeded generator, the gate inputs, every loss case."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from nnbook.losses import LOSSES, Loss


@pytest.fixture
def rng() -> np.random.Generator:
    """A fresh seeded generator per test, so every test sees the same numbers on every run."""
    return np.random.default_rng(20241128)


@pytest.fixture
def gate_inputs() -> np.ndarray:
    """The four truth-table inputs (a, b) as float64."""
    return np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


# --- loss test cases: every loss with every target form it accepts -----------------------------

TARGET_FORMS: dict[str, tuple[str, ...]] = {
    "mse_loss": ("values",),
    "l1_loss": ("values",),
    "binary_cross_entropy": ("soft labels", "hard labels"),
    "binary_cross_entropy_with_logits": ("soft labels", "hard labels"),
    "cross_entropy": ("indices", "probabilities"),
    "nll_loss": ("indices",),
    "kl_div": ("distribution", "distribution with zeros"),
}
"""Per loss, the target forms its ``torch.nn.functional`` namesake accepts."""


@dataclass(frozen=True)
class LossCase:
    """One loss with an input and a target of one form, for value and gradient tests."""

    name: str
    form: str
    input: np.ndarray
    target: np.ndarray

    @property
    def loss(self) -> Loss:
        return LOSSES[self.name]


def _distribution(rng: np.random.Generator, n: int, c: int, zeros: bool) -> np.ndarray:
    p = rng.dirichlet(np.ones(c), size=n)
    if zeros:  # one class per row gets probability 0 (0 log 0 = 0 in kl_div)
        p[np.arange(n), rng.integers(0, c, n)] = 0.0
        p /= p.sum(axis=1, keepdims=True)
    return p


def make_loss_case(
    name: str,
    form: str,
    rng: np.random.Generator,
    n: int = 4,
    c: int = 3,
    dtype: type = np.float64,
) -> LossCase:
    """Input (n, c) and a target of ``form`` for loss ``name``, away from kinks and clamps."""
    if name in ("mse_loss", "l1_loss"):
        x = rng.standard_normal((n, c))
        t = x + rng.choice([-1, 1], (n, c)) * rng.uniform(0.1, 1.0, (n, c))  # |x − t| ≥ 0.1
    elif name in ("binary_cross_entropy", "binary_cross_entropy_with_logits"):
        x = (
            rng.uniform(0.05, 0.95, (n, c))
            if name == "binary_cross_entropy"
            else rng.normal(0, 2, (n, c))
        )
        t = rng.uniform(0, 1, (n, c)) if form == "soft labels" else rng.integers(0, 2, (n, c)) * 1.0
    elif name in ("cross_entropy", "nll_loss"):
        z = rng.normal(0, 2, (n, c))
        x = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True)) if name == "nll_loss" else z
        t = rng.integers(0, c, n) if form == "indices" else _distribution(rng, n, c, False)
    elif name == "kl_div":
        z = rng.normal(0, 2, (n, c))
        x = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))  # input = log q
        t = _distribution(rng, n, c, zeros=form == "distribution with zeros")
    else:  # a new loss must get a case here before the suite can pass
        raise KeyError(f"no test case for loss {name!r}")
    t = t if t.dtype.kind in "iu" else t.astype(dtype)
    return LossCase(name, form, x.astype(dtype), t)


LOSS_FORMS = [(name, form) for name in LOSSES for form in TARGET_FORMS[name]]


@pytest.fixture(params=LOSS_FORMS, ids=[f"{n}-{f.replace(' ', '_')}" for n, f in LOSS_FORMS])
def loss_case(request: pytest.FixtureRequest) -> LossCase:
    """Every loss × every target form, float64, seeded."""
    name, form = request.param
    return make_loss_case(name, form, np.random.default_rng(7))
