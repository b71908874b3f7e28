r"""Momentum figures: gradient descent and the heavy ball in an ill-conditioned valley.

The valley is the loss of the linear model ``MLPRegressor([1, 1])``, $\hat y = x w + b$, with
squared error on the Training chapter's fixed data (:func:`valley_data`, the data of its
Momentum section): a quadratic in $\theta = (w, b)$ whose Hessian
$H = 2\,[[\mathbb E x^2, \mathbb E x], [\mathbb E x, 1]]$ has a condition number of about 100.
Every path is :meth:`nnbook.MLP.fit` itself: the parameters after $t$ steps are those of a
fresh network set to :data:`THETA0` and fitted for ``epochs=t`` with full batches, and the loss
after $t$ steps is the loss ``fit`` records in ``history_`` at the start of epoch $t + 1$.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._registry import figure
from book.figures.style import COLORS, INK, new_figure
from nnbook.losses import mse_loss
from nnbook.mlp import MLPRegressor

__all__ = [
    "BOX",
    "LR_SCALES",
    "MOMENTA",
    "STEPS",
    "THETA0",
    "best_settings",
    "descent_explorer",
    "ellipse",
    "fitted",
    "significant",
    "training_descent",
    "valley",
    "valley_data",
]

N = 50
"""Examples in the valley's data."""
THETA0 = (-1.0, 1.5)
r"""The start $\theta_0 = (w, b)$ of every path."""
STEPS = 40
"""Steps (full-batch epochs) each path of the explorer takes."""
BOX = ((-1.5, 4.0), (-3.0, 2.5))
"""The plane the explorer draws, $w$ then $b$; a path that leaves it is cut there."""
LR_SCALES = (0.25, 0.5, 1.0, "gd", 2.5, 3.0, "hb", 3.6)
r"""The explorer's learning rates as $\eta\lambda_{\max}$; ``"gd"`` and ``"hb"`` are the best
$\eta$ of gradient descent and of the heavy ball (:func:`best_settings`)."""
MOMENTA = (0.0, 0.3, 0.5, "hb", 0.8, 0.9, 0.95)
r"""The explorer's momenta $\mu$; ``"hb"`` is the heavy ball's best (:func:`best_settings`)."""
LEVELS = 9
"""Level sets the explorer draws."""


def valley_data() -> tuple[np.ndarray, np.ndarray]:
    """The chapter's data: 50 inputs around 1 with a spread of 0.2, targets $2x - 1$ plus noise."""
    rng = np.random.default_rng(2)
    X = 1 + 0.2 * rng.standard_normal((N, 1))
    y = 2 * X[:, 0] - 1 + 0.1 * rng.standard_normal(N)
    return X, y


@cache
def valley() -> dict[str, Any]:
    r"""The valley's Hessian ``H``, its eigenvalues ``lam`` (ascending) and eigenvectors ``Q``
    (columns), the minimiser ``best`` $= \theta^*$ and the loss there, ``floor``."""
    X, y = valley_data()
    A = np.column_stack([X[:, 0], np.ones(N)])
    H = 2 * A.T @ A / N
    best = np.linalg.solve(H, 2 * A.T @ y / N)
    lam, Q = np.linalg.eigh(H)
    floor = float(mse_loss(A @ best, y))
    return {"H": H, "lam": lam, "Q": Q, "best": best, "floor": floor}


def best_settings() -> dict[str, float]:
    r"""``gd_lr`` $= 2/(\lambda_{\min} + \lambda_{\max})$; ``hb_lr``
    $= 4/(\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}})^2$ and ``hb_mu``
    $= ((\sqrt\kappa - 1)/(\sqrt\kappa + 1))^2$."""
    lmin, lmax = valley()["lam"]
    kappa = lmax / lmin
    return {
        "gd_lr": float(2 / (lmin + lmax)),
        "hb_lr": float(4 / (np.sqrt(lmax) + np.sqrt(lmin)) ** 2),
        "hb_mu": float(((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2),
    }


def _grid() -> tuple[list[float], list[float]]:
    """The explorer's learning rates and momenta."""
    best, lmax = best_settings(), float(valley()["lam"][1])
    lrs = [best[f"{s}_lr"] if isinstance(s, str) else s / lmax for s in LR_SCALES]
    mus = [best[f"{m}_mu"] if isinstance(m, str) else m for m in MOMENTA]
    return lrs, mus


def fitted(lr: float, momentum: float, epochs: int) -> MLPRegressor:
    """A fresh ``MLPRegressor([1, 1])`` set to :data:`THETA0` and fitted for ``epochs`` full-batch
    epochs on :func:`valley_data`."""
    net = MLPRegressor([1, 1], epochs=epochs, lr=lr, batch_size=N, momentum=momentum)
    net.params.theta[:] = THETA0
    return net.fit(*valley_data())


def _inside(theta: np.ndarray) -> bool:
    (w0, w1), (b0, b1) = BOX
    return bool(w0 <= theta[0] <= w1 and b0 <= theta[1] <= b1)


def _path(lr: float, momentum: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    r"""$\theta_0, \dots$ and $\mathcal L(\theta_0), \dots$ of ``fit``, up to ``steps`` steps or to
    the first point outside :data:`BOX` (included)."""
    thetas = [np.array(THETA0)]
    for t in range(1, steps + 1):
        thetas.append(fitted(lr, momentum, t).params.theta.copy())
        if not _inside(thetas[-1]):
            break
    losses = fitted(lr, momentum, len(thetas)).history_["loss"]  # L(θ_0), ..., L(θ_len-1)
    return np.array(thetas), np.array(losses)


def significant(values: Any, digits: int = 3) -> list[float]:
    """``values`` as a list of floats rounded to ``digits`` significant digits."""
    return [float(f"{v:.{digits - 1}e}") for v in np.asarray(values, dtype=float).ravel()]


def ellipse(level: float, points: int = 73) -> np.ndarray:
    r"""The level set $\tfrac12 e^\top H e = $ ``level`` around $\theta^*$, ``points`` × 2."""
    v = valley()
    angle = np.linspace(0, 2 * np.pi, points)
    unit = np.column_stack([np.cos(angle), np.sin(angle)])  # e = Q diag(√(2 level/λ)) (cos, sin)
    return np.asarray(v["best"] + (unit * np.sqrt(2 * level / v["lam"])) @ v["Q"].T)


def _levels() -> np.ndarray:
    """Loss gaps of the drawn level sets: geometric, the start's level the largest."""
    v = valley()
    e0 = np.array(THETA0) - v["best"]
    return np.asarray(0.5 * e0 @ v["H"] @ e0 * np.geomspace(1e-3, 1, LEVELS))


@figure(
    "descent-explorer",
    "Data of the descent explorer: the level sets of a linear model's squared error in the "
    "plane of its weight and bias, and for every learning rate and momentum on a grid the "
    "parameters and the loss after each of 40 full-batch steps of MLPRegressor.fit.",
    ext="json",
)
def descent_explorer() -> dict[str, object]:
    r"""What the descent explorer draws, for every setting of its sliders.

    ``lr`` and ``momentum`` are the grids (:data:`LR_SCALES` times $1/\lambda_{\max}$, and
    :data:`MOMENTA`); ``runs[i][j]`` is the path of ``lr[i]``, ``momentum[j]``: ``w`` and ``b``,
    the parameters after $0, 1, \dots$ steps, and ``gap``, $\mathcal L(\theta_t) -
    \mathcal L(\theta^*)$ (3 significant digits), both cut after the first point outside
    ``box``. ``levels`` are closed polylines ``[w, b]`` of the level sets at the gaps
    ``level_gaps``; ``lam`` the Hessian's eigenvalues, ``best`` $\theta^*$, ``theta0`` the start.
    """
    v = valley()
    lrs, mus = _grid()
    runs = []
    for lr in lrs:
        row = []
        for mu in mus:
            thetas, losses = _path(lr, mu, STEPS)
            row.append(
                {
                    "w": rounded(thetas[:, 0], 3),
                    "b": rounded(thetas[:, 1], 3),
                    "gap": significant(losses - v["floor"]),
                }
            )
        runs.append(row)
    levels = [ellipse(c) for c in _levels()]
    return {
        "steps": STEPS,
        "lr": rounded(lrs, 4),
        "momentum": rounded(mus, 4),
        "lam": rounded(v["lam"], 4),
        "best": rounded(v["best"], 4),
        "theta0": list(THETA0),
        "box": [list(BOX[0]), list(BOX[1])],
        "level_gaps": significant(_levels()),
        "levels": [[rounded(e[:, 0], 3), rounded(e[:, 1], 3)] for e in levels],
        "settings": {k: round(x, 4) for k, x in best_settings().items()},
        "runs": runs,
    }


@figure(
    "training-descent",
    "Left: the elliptic level sets of a linear model's squared error in the plane of its "
    "weight w and bias b, a long narrow valley, with 40 steps of gradient descent and of the "
    "heavy ball from the same start, each with its best learning rate. Gradient descent "
    "zigzags across the valley and is still far from the minimum; the heavy ball swings "
    "around it a few times and settles on it. Right: the loss above its minimum against the "
    "step, on a log scale: a slow straight decline for gradient descent, a steep one for the "
    "heavy ball.",
)
def training_descent() -> Figure:
    r"""The explorer's first view: 40 steps of ``fit`` at $(\eta_\mathrm{GD}, 0)$ and at
    $(\eta_\mathrm{HB}, \mu_\mathrm{HB})$, in the valley and as loss gaps."""
    v, best = valley(), best_settings()
    fig = new_figure(7.0, 3.3)
    left, right = fig.subplots(1, 2, width_ratios=[1.25, 1])
    for c in _levels():
        e = ellipse(c)
        left.plot(e[:, 0], e[:, 1], color=COLORS["grey"], lw=0.6, alpha=0.6)
    runs = [
        ("gradient descent", best["gd_lr"], 0.0, COLORS["vermillion"]),
        ("heavy ball", best["hb_lr"], best["hb_mu"], COLORS["blue"]),
    ]
    for name, lr, mu, color in runs:
        thetas, losses = _path(lr, mu, STEPS)
        left.plot(thetas[:, 0], thetas[:, 1], "o-", color=color, ms=2.5, lw=1.1, label=name)
        steps = np.arange(len(losses))
        label = rf"{name}, $\eta$ = {lr:.3f}" + (rf", $\mu$ = {mu:.3f}" if mu else "")
        right.semilogy(steps, losses - v["floor"], color=color, label=label)
    left.plot(*v["best"], marker="*", color=INK, ms=10, ls="none", label=r"minimum $\theta^*$")
    left.plot(*THETA0, marker="s", color=INK, ms=5, ls="none", label=r"start $\theta_0$")
    left.set_xlim(*BOX[0])
    left.set_ylim(*BOX[1])
    left.set_aspect("equal")
    left.set_xlabel("weight $w$")
    left.set_ylabel("bias $b$")
    left.legend(loc="lower left", fontsize=8)
    kappa = v["lam"][1] / v["lam"][0]
    left.set_title(rf"the valley of $\hat y = xw + b$, $\kappa$ = {kappa:.0f}", fontsize=10)
    right.set_xlabel("step $t$")
    right.set_ylabel(r"$\mathcal{L}(\theta_t) - \mathcal{L}(\theta^*)$")
    right.legend(loc="lower left", fontsize=8)
    right.set_title("loss above the minimum", fontsize=10)
    return fig
