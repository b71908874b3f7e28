r"""Universal approximation figures: staircases of step units and their sigmoid smoothing.

All curves are outputs of :func:`nnbook.approximation.staircase` networks approximating
:func:`target` on $[0, 3]$; errors are :func:`nnbook.approximation.sup_error`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._registry import figure
from book.figures.style import COLORS, INK, new_figure
from nnbook.activations import sigmoid
from nnbook.approximation import StaircaseNetwork, staircase, sup_error

__all__ = [
    "INTERVAL",
    "LIPSCHITZ",
    "WIDTHS",
    "staircase_error",
    "staircase_figure",
    "staircase_sigmoid",
    "target",
]

INTERVAL = (0.0, 3.0)
r"""The interval $[x_{\min}, x_{\max}]$ the figures approximate :func:`target` on."""
WIDTHS = (4, 16, 64)
"""The numbers of hidden units drawn in the ``staircase`` figure."""
LIPSCHITZ = 3.5
r"""A Lipschitz constant of :func:`target`: $|f'(x)| = |3\cos 3x + 0.5| \le 3.5$."""


def target(x: np.ndarray) -> np.ndarray:
    r"""The smooth function the figures approximate: $f(x) = \sin 3x + x/2$."""
    return np.sin(3 * x) + 0.5 * x


def _evaluate(net: StaircaseNetwork, x: np.ndarray) -> np.ndarray:
    """The network's output on ``x``, in chunks so wide networks stay small in memory."""
    return np.concatenate([net(chunk) for chunk in np.array_split(x, max(1, len(x) // 2000))])


def _sup_error(n: int) -> float:
    """The sup error of the ``n``-unit staircase of :func:`target` on :data:`INTERVAL`."""
    a, b = INTERVAL
    net = staircase(target, a, b, n)
    return sup_error(target, lambda x: _evaluate(net, x), a, b)


def _bound(n: np.ndarray | int) -> np.ndarray:
    a, b = INTERVAL
    return LIPSCHITZ * (b - a) / (2 * np.asarray(n, dtype=float))


SMOOTH_POINTS = 301
"""Points a smooth curve is drawn through; a staircase is drawn exactly, by its corners."""


def _plot_target(ax: Axes) -> None:
    x = np.linspace(*INTERVAL, SMOOTH_POINTS)
    ax.plot(x, target(x), color=COLORS["grey"], lw=3.2, alpha=0.55, label="$f(x)$")


def _plot_steps(ax: Axes, n: int, **style: Any) -> None:
    """The ``n``-unit step staircase of ``target``, exactly: a level per cell, a jump each."""
    curve = _step_curve(staircase(target, *INTERVAL, n), n)
    ax.plot(curve["x"], curve["y"], **style)


@figure(
    "staircase",
    "Three panels approximating the smooth curve f(x) = sin 3x + x/2 on [0, 3] by a network of "
    "step units: with 4, 16 and 64 units the staircase follows the curve ever more closely, "
    "and the largest gap, printed above each panel, shrinks.",
)
def staircase_figure() -> Figure:
    r"""$f$ and its $n$-unit staircase approximation for $n$ in :data:`WIDTHS`."""
    fig = new_figure(7.0, 2.9)
    axes = fig.subplots(1, len(WIDTHS), sharey=True)
    for ax, n in zip(axes, WIDTHS, strict=True):
        _plot_target(ax)
        _plot_steps(ax, n, color=COLORS["blue"], lw=1.5, label=r"$\hat f(x)$")
        err = _sup_error(n)
        ax.set_title(f"$n = {n}$ units, sup error {err:.3f}", fontsize=10)
        ax.set_xlabel("$x$")
    axes[0].legend(loc="upper left")
    return fig


@figure(
    "staircase-error",
    "Log-log plot of the largest error of the staircase network against its number of units, "
    "from 2 to 1024: the measured errors fall on a line of slope -1, just under the bound "
    "Lip times (x_max - x_min) over 2n.",
)
def staircase_error() -> Figure:
    r"""Sup error of the staircase against the width $n$ (log–log).

    The dashed line is the bound $\mathrm{Lip}\,(x_{\max} - x_{\min})/2n$.
    """
    ns = 2 ** np.arange(1, 11)
    errors = [_sup_error(int(n)) for n in ns]
    fig = new_figure(4.6, 3.4)
    ax = fig.add_subplot()
    ax.loglog(
        ns,
        _bound(ns),
        "--",
        color=COLORS["grey"],
        label=r"bound $\mathrm{Lip}\,(x_{\max} - x_{\min})/2n$",
    )
    ax.loglog(
        ns, errors, "o-", color=COLORS["blue"], label=r"measured $\max_x\, |f(x) - \hat f(x)|$"
    )
    ax.set_xscale("log", base=2)
    ax.set_xlabel("number of hidden units $n$")
    ax.set_ylabel("sup error")
    ax.legend(loc="lower left")
    ax.grid(True, which="major")
    return fig


def _units(ax: Axes, steepness: list[float]) -> None:
    s = np.linspace(-3, 3, SMOOTH_POINTS)
    ax.plot(s, (s >= 0).astype(float), color=INK, lw=2, label=r"$\mathrm{step}(s)$")
    for k, color in zip(
        steepness, (COLORS["orange"], COLORS["green"], COLORS["purple"]), strict=False
    ):
        ax.plot(s, sigmoid(k * s), color=color, label=rf"$\sigma({k:g}\,s)$")
    ax.set_xlabel("$s$")
    ax.set_title("one unit: $\\sigma(\\kappa s)$ tends to the step", fontsize=10)
    ax.legend(loc="upper left")


def _smoothed(ax: Axes, n: int, scales: list[float], color_of: Callable[[int], str]) -> None:
    a, b = INTERVAL
    dx = (b - a) / n
    x = np.linspace(a, b, 4 * SMOOTH_POINTS)  # κ = 8/Δx turns within Δx/8: a few points each
    _plot_target(ax)
    _plot_steps(ax, n, color=INK, lw=1.0, label="step units")
    for i, c in enumerate(scales):
        net = staircase(target, a, b, n, steepness=c / dx)
        ax.plot(x, net(x), color=color_of(i), lw=1.6, label=rf"$\kappa = {c:g}/\Delta x$")
    ax.set_xlabel("$x$")
    ax.set_title(rf"$n = {n}$ units of width $\Delta x = {dx:g}$", fontsize=10)
    ax.legend(loc="upper left", fontsize=8.5)


@figure(
    "staircase-sigmoid",
    "Left: the step function and sigmoids of growing steepness, which approach the step. "
    "Right: a 16-unit staircase approximation of f with step units and with sigmoid units of "
    "two steepnesses; the sigmoid units round off the corners of the staircase.",
)
def staircase_sigmoid() -> Figure:
    r"""Sigmoid units $\sigma(\kappa s)$ instead of steps: one unit, and the 16-unit network."""
    fig = new_figure(7.0, 3.0)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.4])
    _units(left, [1, 3, 10])
    colors = (COLORS["orange"], COLORS["green"])
    _smoothed(right, 16, [2, 8], lambda i: colors[i])
    return fig


STAIRCASE_WIDTHS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64)
"""The numbers of units the staircase explorer offers (its slider)."""
STAIRCASE_STEEPNESS = (1, 4, 16)
r"""The steepnesses $\kappa\,\Delta x$ of sigmoid units the staircase explorer offers."""
EXPLORER_POINTS = 97
"""The curves of the staircase explorer are sampled at this many evenly spaced points."""


def _step_curve(net: StaircaseNetwork, n: int) -> dict[str, list[float]]:
    """The exact graph of a step-unit staircase: a level per cell, a jump at each threshold."""
    a, b = INTERVAL
    dx = (b - a) / n
    levels = net(a + dx * (np.arange(n) + 0.5))
    x = np.repeat(a + dx * np.arange(n + 1), 2)[1:-1]
    return {"x": rounded(x), "y": rounded(np.repeat(levels, 2), 3)}


@figure(
    "staircase-explorer",
    "Data of the staircase explorer: f(x) = sin 3x + x/2 on [0, 3], its staircase "
    "approximations with 1 to 64 step or sigmoid units, and their sup errors and bounds.",
    ext="json",
)
def staircase_explorer() -> dict[str, object]:
    r"""The curves and errors the staircase explorer draws, for every $n$ and unit kind.

    ``step[i]`` is the exact graph of the ``n[i]``-unit step staircase (``x``, ``y``: its
    corners), its sup error and the bound $\mathrm{Lip}\,(b-a)/2n$; ``sigmoid[i][j]`` is the
    output on the grid ``x`` of the same network with sigmoid units of steepness
    $\kappa = $ ``steepness[j]``$/\Delta x$, and its sup error.
    """
    a, b = INTERVAL
    x = np.linspace(a, b, EXPLORER_POINTS)
    step, smooth = [], []
    for n in STAIRCASE_WIDTHS:
        net = staircase(target, a, b, n)
        step.append(
            {**_step_curve(net, n), "error": rounded(_sup_error(n)), "bound": rounded(_bound(n))}
        )
        nets = [staircase(target, a, b, n, steepness=k * n / (b - a)) for k in STAIRCASE_STEEPNESS]
        smooth.append(
            [{"y": rounded(s(x), 2), "error": rounded(sup_error(target, s, a, b))} for s in nets]
        )
    return {
        "x": [a, b, EXPLORER_POINTS],
        "target": rounded(target(x), 3),
        "n": list(STAIRCASE_WIDTHS),
        "steepness": list(STAIRCASE_STEEPNESS),
        "lipschitz": LIPSCHITZ,
        "step": step,
        "sigmoid": smooth,
    }
