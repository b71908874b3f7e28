"""Every loss (value and gradient, every reduction and target form), softmax, log-softmax and
every activation against ``torch.nn.functional``, on every run.

PyTorch is not installed here: its answers were computed once by ``python -m
tests.unit.torch_reference`` and committed in ``torch_reference.json`` with the inputs they
belong to. A loss, form, reduction or activation the file does not cover fails
``test_the_reference_covers_the_library``: rerun the script where PyTorch is installed.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from nnbook.activations import ACTIVATIONS
from nnbook.losses import LOSSES, log_softmax, softmax
from tests.unit.conftest import LOSS_FORMS
from tests.unit.torch_reference import ACTIVATION_PARAMETERS, REFERENCE

TORCH: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
LOSS_CASES = TORCH["losses"]


def test_the_reference_covers_the_library() -> None:
    covered = {(c["name"], c["form"], r) for c in LOSS_CASES for r in c["reductions"]}
    wanted = {(n, f, r) for n, f in LOSS_FORMS for r in LOSSES[n].reductions}
    assert wanted <= covered, f"not in {REFERENCE.name}: {sorted(wanted - covered)}"
    assert set(TORCH["activations"]) == set(ACTIVATIONS)
    for name, runs in TORCH["activations"].items():
        assert [r["params"] for r in runs] == [{}, ACTIVATION_PARAMETERS.get(name, {})]


@pytest.mark.parametrize("case", LOSS_CASES, ids=[f"{c['name']}-{c['form']}" for c in LOSS_CASES])
def test_loss_matches_torch(case: dict[str, Any]) -> None:
    loss = LOSSES[case["name"]]
    x = np.asarray(case["input"], dtype=np.float64)
    target = np.asarray(case["target"])
    if target.dtype.kind == "f":
        target = target.astype(np.float64)
    # At huge logits and clamped probabilities the values agree to rounding, and only the
    # values are compared for the clamps: nnbook's gradient there is the derivative of the
    # clamped function, 0, where PyTorch divides by a clamped 1e-12 (tests/claims/test_losses.py).
    extreme = case["form"] in ("huge logits", "0 and 1")
    for reduction, torch_answer in case["reductions"].items():
        value = loss(x, target, reduction)
        np.testing.assert_allclose(
            value, torch_answer["value"], rtol=1e-12, atol=0 if extreme else 1e-14
        )
        if torch_answer["grad"] is not None and case["form"] != "0 and 1":
            np.testing.assert_allclose(
                loss.grad(x, target, reduction),
                torch_answer["grad"],
                rtol=1e-11,
                atol=1e-12 if extreme else 1e-14,
            )


@pytest.mark.parametrize("axis", ["0", "1", "-1"])
def test_softmax_and_log_softmax_match_torch(axis: str) -> None:
    z = np.asarray(TORCH["softmax_input"])
    torch_answer = TORCH["softmax"][axis]
    np.testing.assert_allclose(softmax(z, int(axis)), torch_answer["softmax"], rtol=1e-14)
    np.testing.assert_allclose(log_softmax(z, int(axis)), torch_answer["log_softmax"], rtol=1e-13)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_matches_torch_including_the_kink(name: str) -> None:
    f, z = ACTIVATIONS[name], np.asarray(TORCH["activation_input"])
    assert z[-3:].tolist() == [0.0, -50.0, 50.0]  # the kink convention and the far tails
    for run in TORCH["activations"][name]:
        np.testing.assert_allclose(f(z, **run["params"]), run["value"], rtol=1e-15)
        # atol: at z = 50 torch's s(1 - s) rounds to 0; nnbook's e^{-|z|}/(1 + e^{-|z|})^2
        # keeps the true value 1.9e-22.
        np.testing.assert_allclose(
            f.derivative(z, **run["params"]), run["derivative"], rtol=1e-12, atol=1e-20
        )
