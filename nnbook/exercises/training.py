"""The exercises of chapter 7, Training (``docs/training.md``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook.datasets import two_moons
from nnbook.exercises._core import (
    Function,
    Text,
    Trial,
    Value,
    exercise,
    not_checkable,
    numerical_jacobian,
)
from nnbook.losses import cross_entropy, mse_loss
from nnbook.mlp import MLPClassifier, MLPRegressor

# ----------------------------------------------------------------------------- 7.1


def _exact_epoch_noise(G: np.ndarray, B: int) -> float:
    """E |Σ_S ĝ_S − (N/B)∇L|² over every way of drawing N/B minibatches of B rows of ``G``
    with replacement, listed one by one (N^N ways, each equally likely)."""
    N = len(G)
    D = G - G.mean(axis=0)
    draws = np.indices((N,) * N).reshape(N, -1).T  # each row: N/B minibatches of B indices
    errors = D[draws].sum(axis=1) / B  # Σ_S ĝ_S − (N/B)∇L, for each way
    return float(np.mean(np.sum(errors**2, axis=1)))


@exercise(
    "7.1",
    Function(
        "my_epoch_noise",
        "N, B, V",
        Text(
            "E|sum of N/B minibatch gradients drawn with replacement − (N/B)∇L|²",
            "복원 추출한 미니배치 N/B개의 그래디언트 합과 (N/B)∇L 사이 거리 제곱의 기댓값",
        ),
    ),
    claims={
        "single": Text(
            "with B = N, one minibatch per epoch, it is (a)'s V/B",
            "B = N이면(에포크당 미니배치 하나) (a)의 V/B다",
        ),
        "V": Text("it is proportional to V", "V에 비례한다"),
        "value": Text(
            "it is the expectation, computed exactly by listing every draw",
            "모든 추출을 나열해 정확히 계산한 기댓값과 같다",
        ),
    },
)
def _epoch_noise(answer: Any, t: Trial) -> None:
    """The reader's formula against the exact expectation over all N^N draws from small sets
    of per-example gradients; at B = N against (a)'s V/B; and its dependence on V."""
    rng = np.random.default_rng(71)
    exact = Text("the exact expectation", "정확한 기댓값")
    one = Text("V/B", "V/B")
    for N, B in [(4, 1), (4, 2), (4, 4), (6, 2), (6, 3), (6, 6)]:
        G = rng.standard_normal((N, 3))
        V = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
        name, doubled = f"my_epoch_noise({N}, {B}, V)", f"my_epoch_noise({N}, {B}, 2V)"
        got = t.number(t.call(answer, N, B, V), name)
        if B == N:
            t.close("single", name, got, V / B, one, rtol=1e-9, atol=1e-12)
        t.close("value", name, got, _exact_epoch_noise(G, B), exact, rtol=1e-9, atol=1e-12)
        twice = t.number(t.call(answer, N, B, 2 * V), doubled)
        what = Text(f"twice {name}", f"{name}의 두 배")
        t.close("V", doubled, twice, 2 * got, what, rtol=1e-9, atol=1e-12)
    for N in (100, 400):
        name = f"my_epoch_noise({N}, {N}, 1.5)"
        got = t.number(t.call(answer, N, N, 1.5), name)
        t.close("single", name, got, 1.5 / N, one, rtol=1e-9, atol=1e-12)


# ----------------------------------------------------------------------------- 7.2, 7.6


def _limit(t: Trial, got: float, name: str, where: Text, radius: Callable[[float], float]) -> None:
    """Claims "converges" and "diverges" for the reader's limit ``got``: the spectral radius
    ``radius(x)`` of one step's linear map is below 1 at 0.98 ``got``, above 1 at 1.02 ``got``."""
    if got <= 0:
        t.fail(
            Text(
                f"{name} should be positive, got {got:g}", f"{name}이(가) 양수가 아닙니다: {got:g}"
            )
        )
    t.expect(
        "converges",
        radius(0.98 * got) < 1,
        Text(
            f"{where.en} diverges at 0.98 × {name}: your limit is too high",
            f"{where.ko} {name}의 0.98배에서 발산합니다. 한계가 너무 큽니다",
        ),
    )
    t.expect(
        "diverges",
        radius(1.02 * got) > 1,
        Text(
            f"{where.en} still converges at 1.02 × {name}: your limit is too low",
            f"{where.ko} {name}의 1.02배에서도 수렴합니다. 한계가 너무 작습니다",
        ),
    )


def _hessian(gradient: Callable[[np.ndarray], np.ndarray], theta: np.ndarray) -> np.ndarray:
    """The Hessian of a quadratic loss: the Jacobian of its ``gradient`` at ``theta`` by
    central differences of step 1 (exact up to rounding for a quadratic), symmetrised."""
    J = numerical_jacobian(gradient, theta, h=1.0)
    return (J + J.T) / 2


def _regressor_gradient(X: np.ndarray, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """θ ↦ the gradient of the mean squared error of ``MLPRegressor([d, 1])`` on ``(X, y)``,
    by nnbook's forward and backward: the gradient ``fit`` steps along."""
    net = MLPRegressor([X.shape[1], 1])

    def gradient(theta: np.ndarray) -> np.ndarray:
        net.params.theta[:] = theta
        out = net.forward(X)
        return net.backward(mse_loss.grad(out, y[:, None])).theta.copy()

    return gradient


@exercise(
    "7.2",
    Function(
        "my_lr_limit",
        "X",
        Text(
            "2/λ_max for MLPRegressor([d, 1]) on inputs X (N, d)",
            "입력 X (N, d)에서 MLPRegressor([d, 1])의 2/λ_max",
        ),
    ),
    claims={
        "converges": Text(
            "full-batch gradient descent converges at 0.98 times your limit",
            "전체 배치 경사 하강법이 이 한계의 0.98배에서 수렴한다",
        ),
        "diverges": Text(
            "full-batch gradient descent diverges at 1.02 times your limit",
            "전체 배치 경사 하강법이 이 한계의 1.02배에서 발산한다",
        ),
    },
)
def _lr_limit(answer: Any, t: Trial) -> None:
    """On three data sets (one like the exercise's, one far from 0, one with a single input),
    one full-batch step of gradient descent multiplies the error by I − ηH, with H measured
    from nnbook's gradient; its spectral radius must be below 1 at 0.98 times the reader's
    limit and above 1 at 1.02 times it."""
    rng = np.random.default_rng(72)
    shapes = [((50, 2), [1.0, 0.5], [1.0, 0.0]), ((20, 3), [2.0, 1.0, 0.3], [3.0, -2.0, 1.0])]
    shapes.append(((30, 1), [0.2], [1.0]))
    for shape, scale, centre in shapes:
        X = rng.standard_normal(shape) * scale + centre
        y = rng.standard_normal(shape[0])
        got = t.number(t.call(answer, X.copy()), "my_lr_limit(X)")
        H = _hessian(_regressor_gradient(X, y), rng.standard_normal(shape[1] + 1))
        lam = np.linalg.eigvalsh(H)

        def radius(lr: float, lam: np.ndarray = lam) -> float:
            return float(np.max(np.abs(1 - lr * lam)))

        where = Text(
            f"on inputs X of shape {shape}, gradient descent",
            f"모양이 {shape}인 입력 X에서 경사 하강법이",
        )
        _limit(t, got, "my_lr_limit(X)", where, radius)


# ----------------------------------------------------------------------------- 7.3


def _warmup_reference(
    sizes: list[int], X: np.ndarray, y: np.ndarray, lr: float, warmup: int, epochs: int, seed: int
) -> np.ndarray:
    """The parameters after ``epochs`` full-batch steps at η_t = lr · min(1, t/warmup)."""
    net = MLPClassifier(sizes, seed=seed)
    for step in range(1, epochs + 1):
        out = net.forward(X)
        grad = net.backward(cross_entropy.grad(out, y)).theta
        net.params.theta -= lr * min(1.0, step / warmup) * grad
    return net.params.theta.copy()


@exercise(
    "7.3",
    Function(
        "my_warmup_train",
        "sizes, X, y, lr, warmup, epochs, seed",
        Text(
            "(net, losses): MLPClassifier(sizes, seed=seed) after the warm-up loop, the losses",
            "(net, losses): 워밍업 루프로 학습한 MLPClassifier(sizes, seed=seed)와 손실 목록",
        ),
    ),
    claims={
        "fit": Text(
            "with warmup=1 (a constant rate) it trains as fit does",
            "warmup=1(일정한 학습률)이면 fit과 똑같이 학습한다",
        ),
        "losses": Text(
            "it returns each epoch's loss, as fit's history_ records it",
            "fit의 history_처럼 에포크마다 손실을 돌려준다",
        ),
        "first": Text("the first step uses the rate η/W", "첫걸음의 학습률이 η/W다"),
        "schedule": Text(
            "the steps after it follow η min(1, t/W)", "그다음 걸음들이 η min(1, t/W)를 따른다"
        ),
    },
)
def _warmup(answer: Any, t: Trial) -> None:
    """On 40 two-moons points and a 2-8-2 network: at warmup=1 the parameters and losses
    against ``fit`` with full batches, then one step and ten steps of a 4-step warm-up against
    the schedule's own loop (row order only changes rounding with full batches)."""
    X, y = two_moons(n=40, noise=0.2, seed=7)
    sizes, lr, seed = [2, 8, 2], 0.5, 3

    def run(warmup: int, epochs: int) -> tuple[np.ndarray, Any]:
        out = t.call(answer, list(sizes), X.copy(), y.copy(), lr, warmup, epochs, seed)
        if not (isinstance(out, tuple) and len(out) == 2 and hasattr(out[0], "params")):
            t.fail(
                Text(
                    "it should return a tuple (net, losses), net the trained MLPClassifier",
                    "(net, losses) 튜플을 돌려줘야 합니다. net은 학습한 MLPClassifier입니다",
                )
            )
        return t.array(out[0].params.theta, "net.params.theta"), out[1]

    fit = MLPClassifier(sizes, epochs=8, lr=lr, batch_size=len(X), seed=seed).fit(X, y)
    theta, losses = run(1, 8)
    fitted = Text("fit's", "fit의 값")
    t.close("fit", "net.params.theta", theta, fit.params.theta, fitted, rtol=1e-9, atol=1e-12)
    losses = t.array(losses, "losses", (8,))
    t.close("losses", "losses", losses, fit.history_["loss"], fitted, rtol=1e-9, atol=1e-12)
    for key, epochs in (("first", 1), ("schedule", 10)):
        theta = run(4, epochs)[0]
        want = _warmup_reference(sizes, X, y, lr, 4, epochs, seed)
        schedule = Text(
            f"the schedule's after {epochs} epoch{'s' * (epochs > 1)} with warmup=4",
            f"warmup=4로 {epochs} 에포크 학습한 스케줄의 값",
        )
        t.close(key, "net.params.theta", theta, want, schedule, rtol=1e-9, atol=1e-12)


# ----------------------------------------------------------------------------- 7.4

not_checkable(
    "7.4",
    Text(
        "a proof of a condition the statement gives, then runs of fit whose outcome it also "
        "gives: compare your argument with the solution's",
        "문제에 주어진 조건을 증명하고, 결과가 이미 주어진 fit 실행으로 확인하는 문제다. 자신의 "
        "논증을 풀이의 논증과 비교하라",
    ),
)

# ----------------------------------------------------------------------------- 7.5


@exercise(
    "7.5",
    Value(
        Text(
            "a tuple (H, kappa, steps, mu): the 2×2 Hessian in (w, b), its condition number, "
            "the steps to θ*, the momentum",
            "튜플 (H, kappa, steps, mu): (w, b)에 대한 2×2 헤세 행렬, 그 조건수, θ*까지의 걸음 "
            "수, 모멘텀",
        )
    ),
    claims={
        "H": Text("H is the Hessian", "H가 헤세 행렬이다"),
        "kappa": Text("kappa is its condition number", "kappa가 그 조건수다"),
        "steps": Text(
            "steps is the number of steps of gradient descent at 2/(λ_min + λ_max) to θ*",
            "steps가 2/(λ_min + λ_max)의 경사 하강법이 θ*에 닿는 걸음 수다",
        ),
        "mu": Text(
            "mu is the momentum of the heavy ball's formula",
            "mu가 무거운 공의 식이 주는 모멘텀이다",
        ),
    },
)
def _standardised(answer: Any, t: Trial) -> None:
    """On a valley of its own (inputs around 3, spread 0.5), standardised: the Hessian from
    nnbook's gradient (a wrong entry is only said to be too high or too low), its condition
    number, the steps of gradient descent to θ* (within
    1e-9 of the start's distance) and the heavy ball's momentum from that κ."""
    if isinstance(answer, dict):
        answer = tuple(answer.get(k) for k in ("H", "kappa", "steps", "mu"))
    H_got, kappa, steps, mu = t.parts(answer, 4, "(H, kappa, steps, mu)")
    rng = np.random.default_rng(75)
    x = 3 + 0.5 * rng.standard_normal(50)
    y = 1.5 * x - 2 + 0.1 * rng.standard_normal(50)
    X = ((x - x.mean()) / x.std())[:, None]
    gradient = _regressor_gradient(X, y)
    H = _hessian(gradient, np.array([0.3, -0.7]))
    lam_min, lam_max = np.linalg.eigvalsh(H)
    best = np.linalg.lstsq(np.column_stack([X[:, 0], np.ones(50)]), y, rcond=None)[0]
    theta, count = np.array([-1.0, 1.5]), 0
    while np.linalg.norm(theta - best) > 1e-9 * np.linalg.norm([-1.0, 1.5] - best) and count < 100:
        theta, count = theta - 2 / (lam_min + lam_max) * gradient(theta), count + 1
    root = np.sqrt(lam_max / lam_min)
    H_got = t.array(H_got, "H", (2, 2))
    hessian = Text("the Hessian", "헤세 행렬")
    t.close("H", "H", H_got, H, hessian, rtol=0.0, atol=1e-6, hide_difference=True)
    t.near("kappa", kappa, lam_max / lam_min, 1e-6, name="kappa")
    t.near("steps", steps, count, 1e-9, name="steps")
    t.near("mu", mu, ((root - 1) / (root + 1)) ** 2, 1e-6, name="mu")


# ----------------------------------------------------------------------------- 7.6


def _nesterov_radius(x: float, mu: float) -> float:
    """The spectral radius of one Nesterov step on L = θ²/2 (λ = 1, η = x), as the statement
    writes it: v ← μv + ∇L(θ − ημv), θ ← θ − ηv, on the state (θ, v)."""

    def step(theta: float, v: float) -> tuple[float, float]:
        v = mu * v + (theta - x * mu * v)
        return theta - x * v, v

    M = np.array([step(1.0, 0.0), step(0.0, 1.0)]).T
    return float(np.max(np.abs(np.linalg.eigvals(M))))


@exercise(
    "7.6",
    Function(
        "my_nesterov_limit",
        "mu",
        Text(
            "the largest ηλ for which Nesterov's iteration converges",
            "Nesterov 반복이 수렴하는 가장 큰 ηλ",
        ),
    ),
    claims={
        "converges": Text(
            "Nesterov's iteration converges at 0.98 times your limit",
            "Nesterov 반복이 이 한계의 0.98배에서 수렴한다",
        ),
        "diverges": Text(
            "Nesterov's iteration diverges at 1.02 times your limit",
            "Nesterov 반복이 이 한계의 1.02배에서 발산한다",
        ),
    },
)
def _nesterov_limit(answer: Any, t: Trial) -> None:
    """For five momenta, Nesterov's step on a one-dimensional quadratic (built from the
    statement's update, not from the recurrence of (a)) must converge at 0.98 times the
    reader's ηλ and diverge at 1.02 times it."""
    for mu in (0.0, 0.3, 0.6, 0.9, 0.99):
        name = f"my_nesterov_limit({mu})"
        got = t.number(t.call(answer, mu), name)
        where = Text(f"with μ = {mu}, Nesterov's iteration", f"μ = {mu}일 때 Nesterov 반복이")

        def radius(x: float, mu: float = mu) -> float:
            return _nesterov_radius(x, mu)

        _limit(t, got, name, where, radius)
