"""Optional: every loss (value and gradient, every reduction and target form) and every
activation against ``torch.nn.functional``. Skipped when PyTorch is not installed; the
suite's coverage does not rely on it.
"""

from __future__ import annotations

import numpy as np
import pytest

from nnbook.activations import ACTIVATIONS
from nnbook.losses import LOSSES, log_softmax, softmax

torch = pytest.importorskip("torch")
F = torch.nn.functional

pytestmark = pytest.mark.filterwarnings("ignore:reduction. 'mean'")  # torch's kl_div notice


def torch_value_and_grad(name, x, t, reduction):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    tt = torch.tensor(t) if t.dtype.kind in "iu" else torch.tensor(t, dtype=torch.float64)
    value = getattr(F, name)(xt, tt, reduction=reduction)
    if reduction == "none":
        return value.detach().numpy(), None
    value.backward()
    return value.detach().numpy(), xt.grad.numpy()


def test_loss_matches_torch(loss_case):
    name, x, t = loss_case.name, loss_case.input, loss_case.target
    for reduction in loss_case.loss.reductions:
        value, grad = torch_value_and_grad(name, x, t, reduction)
        np.testing.assert_allclose(loss_case.loss(x, t, reduction), value, rtol=1e-12, atol=1e-14)
        if grad is not None:
            np.testing.assert_allclose(
                loss_case.loss.grad(x, t, reduction), grad, rtol=1e-11, atol=1e-14
            )


@pytest.mark.parametrize("name", ["cross_entropy", "binary_cross_entropy_with_logits", "mse_loss"])
def test_huge_logits_match_torch(name):
    x = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]])
    t = (
        np.array([0, 0])
        if name == "cross_entropy"
        else np.array([[1.0, 0.0, 0.5], [1.0, 1.0, 0.0]])
    )
    for reduction in ("mean", "sum", "none"):
        value, grad = torch_value_and_grad(name, x, t, reduction)
        np.testing.assert_allclose(LOSSES[name](x, t, reduction), value, rtol=1e-12)
        if grad is not None:
            np.testing.assert_allclose(LOSSES[name].grad(x, t, reduction), grad, atol=1e-12)


def test_binary_cross_entropy_clamp_matches_torch_values():
    # Probabilities of exactly 0 and 1: both clamp log at −100. (Gradients there differ on
    # purpose: nnbook returns the derivative of the clamped function, 0; torch divides by a
    # clamped 1e-12.)
    p, t = np.array([0.0, 1.0, 0.0, 1.0, 1e-50]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    for reduction in ("mean", "sum", "none"):
        value, _ = torch_value_and_grad("binary_cross_entropy", p, t, reduction)
        np.testing.assert_allclose(LOSSES["binary_cross_entropy"](p, t, reduction), value)


def test_softmax_and_log_softmax_match_torch(rng):
    z = rng.normal(0, 5, (4, 6))
    for axis in (0, 1, -1):
        np.testing.assert_allclose(softmax(z, axis), F.softmax(torch.tensor(z), dim=axis).numpy())
        np.testing.assert_allclose(
            log_softmax(z, axis), F.log_softmax(torch.tensor(z), dim=axis).numpy(), rtol=1e-13
        )


TORCH_ACTIVATIONS = {
    "sigmoid": (torch.sigmoid, {}),
    "tanh": (torch.tanh, {}),
    "relu": (F.relu, {}),
    "leaky_relu": (lambda z, alpha=0.01: F.leaky_relu(z, negative_slope=alpha), {"alpha": 0.3}),
    "elu": (lambda z, alpha=1.0: F.elu(z, alpha=alpha), {"alpha": 0.7}),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_matches_torch_including_the_kink(name, rng):
    f, (torch_f, params) = ACTIVATIONS[name], TORCH_ACTIVATIONS[name]
    z = np.concatenate([rng.normal(0, 3, 20), [0.0, -50.0, 50.0]])  # 0: the kink convention
    for kwargs in ({}, params):
        zt = torch.tensor(z, requires_grad=True)
        torch_f(zt, **kwargs).sum().backward()
        np.testing.assert_allclose(f(z, **kwargs), torch_f(torch.tensor(z), **kwargs).numpy())
        # atol: at z = 50 torch's s(1 - s) rounds to 0; nnbook's e^{-|z|}/(1 + e^{-|z|})^2
        # keeps the true value 1.9e-22.
        np.testing.assert_allclose(
            f.derivative(z, **kwargs), zt.grad.numpy(), rtol=1e-12, atol=1e-20
        )
