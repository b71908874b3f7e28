"""PyTorch's answers to the inputs of the parity test, written once and committed.

``python -m tests.unit.torch_reference`` (needs ``torch``; the test suite never does) computes,
with ``torch.nn.functional`` in float64, the value and gradient of every loss for every target
form and reduction, the losses at huge logits and at clamped probabilities, softmax and
log-softmax along every axis, and every activation and its derivative, kinks and extreme inputs
included. It writes inputs and answers to ``torch_reference.json`` beside this file (floats as
Python's shortest round-trip repr, so nothing is lost). ``test_against_torch.py`` reads that
file on every run and compares nnbook's answers to it.

Rerun it when a loss, an activation or a case is added: the test fails until the file covers
every ``LOSSES`` × form × reduction and every ``ACTIVATIONS`` entry.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from nnbook.activations import ACTIVATIONS
from nnbook.losses import LOSSES
from tests.unit.conftest import LOSS_FORMS, make_loss_case

REFERENCE = Path(__file__).with_name("torch_reference.json")

ACTIVATION_PARAMETERS = {"leaky_relu": {"alpha": 0.3}, "elu": {"alpha": 0.7}}
"""Non-default parameters each activation is also checked with."""

HUGE_LOGITS = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]])
HUGE_TARGETS = {
    "cross_entropy": np.array([0, 0]),
    "binary_cross_entropy_with_logits": np.array([[1.0, 0.0, 0.5], [1.0, 1.0, 0.0]]),
    "mse_loss": np.array([[1.0, 0.0, 0.5], [1.0, 1.0, 0.0]]),
}
CLAMPED_PROBABILITIES = np.array([0.0, 1.0, 0.0, 1.0, 1e-50]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])


def loss_inputs() -> list[dict[str, Any]]:
    """Every loss × target form (the unit tests' seeded cases), then the extreme cases."""
    cases = []
    for name, form in LOSS_FORMS:
        case = make_loss_case(name, form, np.random.default_rng(7))
        cases.append({"name": name, "form": form, "input": case.input, "target": case.target})
    for name, target in HUGE_TARGETS.items():
        cases.append({"name": name, "form": "huge logits", "input": HUGE_LOGITS, "target": target})
    p, t = CLAMPED_PROBABILITIES
    cases.append({"name": "binary_cross_entropy", "form": "0 and 1", "input": p, "target": t})
    return cases


def activation_inputs() -> np.ndarray:
    """Values of spread 3, the kink at 0 and ±50, where the naive sigmoid derivative rounds."""
    rng = np.random.default_rng(20241128)
    return np.concatenate([rng.normal(0, 3, 20), [0.0, -50.0, 50.0]])


def softmax_inputs() -> np.ndarray:
    return np.random.default_rng(20241128).normal(0, 5, (4, 6))


def _torch_loss(F: Any, torch: Any, case: dict[str, Any], reduction: str) -> dict[str, Any]:
    x = torch.tensor(case["input"], dtype=torch.float64, requires_grad=True)
    t = np.asarray(case["target"])
    tt = torch.tensor(t) if t.dtype.kind in "iu" else torch.tensor(t, dtype=torch.float64)
    with warnings.catch_warnings():  # kl_div's notice that 'mean' will change meaning
        warnings.simplefilter("ignore", UserWarning)
        value = getattr(F, case["name"])(x, tt, reduction=reduction)
    if reduction == "none":
        return {"value": value.detach().numpy().tolist(), "grad": None}
    value.backward()
    return {"value": value.item(), "grad": x.grad.numpy().tolist()}


def _torch_activations(F: Any, torch: Any) -> dict[str, Any]:
    functions = {
        "sigmoid": lambda z: torch.sigmoid(z),
        "tanh": lambda z: torch.tanh(z),
        "relu": lambda z: F.relu(z),
        "leaky_relu": lambda z, alpha=0.01: F.leaky_relu(z, negative_slope=alpha),
        "elu": lambda z, alpha=1.0: F.elu(z, alpha=alpha),
    }
    z = activation_inputs()
    out: dict[str, Any] = {}
    for name in sorted(ACTIVATIONS):
        runs = []
        for params in ({}, ACTIVATION_PARAMETERS.get(name, {})):
            zt = torch.tensor(z, requires_grad=True)
            y = functions[name](zt, **params)
            y.sum().backward()
            runs.append(
                {
                    "params": params,
                    "value": y.detach().numpy().tolist(),
                    "derivative": zt.grad.numpy().tolist(),
                }
            )
        out[name] = runs
    return out


def compute() -> dict[str, Any]:
    """Everything ``torch_reference.json`` holds, computed by PyTorch."""
    import torch  # only this script needs PyTorch

    F = torch.nn.functional

    losses = []
    for case in loss_inputs():
        answers = {r: _torch_loss(F, torch, case, r) for r in LOSSES[case["name"]].reductions}
        losses.append(
            {
                **case,
                "input": np.asarray(case["input"]).tolist(),
                "target": np.asarray(case["target"]).tolist(),
                "reductions": answers,
            }
        )
    z = torch.tensor(softmax_inputs())
    softmaxes = {
        str(axis): {
            "softmax": F.softmax(z, dim=axis).numpy().tolist(),
            "log_softmax": F.log_softmax(z, dim=axis).numpy().tolist(),
        }
        for axis in (0, 1, -1)
    }
    return {
        "torch": torch.__version__,
        "losses": losses,
        "softmax_input": softmax_inputs().tolist(),
        "softmax": softmaxes,
        "activation_input": activation_inputs().tolist(),
        "activations": _torch_activations(F, torch),
    }


def main() -> None:
    REFERENCE.write_text(json.dumps(compute(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {REFERENCE}")


if __name__ == "__main__":
    main()
