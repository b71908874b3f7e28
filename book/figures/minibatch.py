r"""Figures of the Training chapter's first two sections: minibatch noise and the learning rate.

Both use the chapter's two-moons run: 400 points (noise 0.2, seed 0) and a 2-16-16-2 ReLU
:class:`nnbook.MLPClassifier` trained with momentum 0. ``training-minibatch`` measures the
squared distance between a minibatch gradient $\hat g_S$ and the full gradient against the
batch size. ``training-learning-rate`` shows gradient descent on the chapter's quadratic
(eigenvalues 1 and 10, rotated by 30°) just below and just above $\eta = 2/\lambda_{\max}$,
next to the loss curves of the chapter's learning-rate sweep.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from book.figures._registry import figure
from book.figures.style import COLORS, INK, new_figure
from nnbook.datasets import two_moons
from nnbook.losses import cross_entropy
from nnbook.mlp import MLPClassifier

__all__ = ["SIZES", "SWEEP", "learning_rate", "minibatch", "moons", "quadratic_path"]


def moons() -> tuple[np.ndarray, np.ndarray]:
    """The chapter's two-moons data: 400 points, noise 0.2, seed 0."""
    return two_moons(n=400, noise=0.2, seed=0)


SIZES = [2, 16, 16, 2]
"""The chapter's network."""
SWEEP = (0.003, 0.03, 0.3, 1, 3, 10, 30)
"""The learning rates of the chapter's sweep (20 epochs, batch size 32)."""


def _noise_by_batch_size(sizes: list[int]) -> tuple[dict[int, float], float, int]:
    r"""Measured $\mathbb E \lVert \hat g_S - \nabla \mathcal L \rVert^2$ for each batch size,
    $V$, and $N$, at the chapter's network after five epochs."""
    X, y = moons()
    net = MLPClassifier(SIZES, epochs=5, lr=0.1, batch_size=32, seed=0).fit(X, y)

    def gradient(rows: np.ndarray) -> np.ndarray:
        out = net.forward(X[rows])
        return net.backward(cross_entropy.grad(out, y[rows])).theta.copy()

    N = len(X)
    G = np.array([gradient(np.array([n])) for n in range(N)])
    g = gradient(np.arange(N))
    V = float(np.mean(np.sum((G - g) ** 2, axis=1)))
    rng = np.random.default_rng(1)
    measured = {}
    for B in sizes:
        batches: list[np.ndarray] = []
        while len(batches) < 1000:  # full slices of fresh permutations, as fit cuts them
            order = rng.permutation(N)
            batches += [order[s : s + B] for s in range(0, N - B + 1, B)]
        measured[B] = float(np.mean([np.sum((G[b].mean(0) - g) ** 2) for b in batches]))
    return measured, V, N


@figure(
    "training-minibatch",
    "The measured mean squared distance between a minibatch gradient and the full gradient of "
    "a two-moons network, against the batch size B on log-log axes; the points follow the line "
    "V over B for small B and bend below it towards B = N, as the formula with the factor "
    "(N - B)/(N - 1) predicts",
)
def minibatch() -> Figure:
    """Minibatch noise against the batch size: measured, and the two formulas."""
    sizes = [1, 2, 4, 8, 16, 32, 64, 128, 200, 300, 380]
    measured, V, N = _noise_by_batch_size(sizes)
    fig = new_figure(4.2, 3.2)
    ax = fig.subplots()
    B = np.geomspace(1, 390, 200)
    ax.loglog(B, V / B, color=COLORS["grey"], linestyle="--", label="$V/B$ (with replacement)")
    ax.loglog(B, V / B * (N - B) / (N - 1), color=COLORS["blue"], label="$V/B \\cdot (N-B)/(N-1)$")
    ax.loglog(
        sizes, [measured[b] for b in sizes], "o", color=COLORS["vermillion"], label="measured"
    )
    ax.set_xlabel("batch size $B$")
    ax.set_ylabel(r"$\mathbb{E}\,\|\hat g_S - \nabla\mathcal{L}\|^2$")
    ax.set_title(f"minibatch noise, $N = {N}$", fontsize=10)
    ax.legend(loc="lower left")
    return fig


def quadratic_path(eta: float, steps: int) -> np.ndarray:
    r"""The iterates $\theta_0 = (1, 1), \dots, \theta_{\text{steps}}$ of gradient descent on the
    chapter's quadratic $\tfrac12 \theta^\top H \theta$, eigenvalues 1 and 10 rotated by 30°."""
    angle = np.pi / 6
    Q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    H = Q @ np.diag([1.0, 10.0]) @ Q.T
    path = [np.array([1.0, 1.0])]
    for _ in range(steps):
        path.append(path[-1] - eta * (H @ path[-1]))
    return np.array(path)


@figure(
    "training-learning-rate",
    "Left and middle: contours of the quadratic with eigenvalues 1 and 10 and 16 steps of "
    "gradient descent from (1, 1): at learning rate 0.19 the path zigzags across the narrow valley and "
    "closes in on the minimum, at 0.21 the zigzag widens at every step. Right: the training loss "
    "per epoch of the two-moons network for learning rates from 0.003 to 30, on a log scale: the "
    "smallest learns slowly, 0.3 and 1 learn fastest, and from 3 up the loss jumps in the first "
    "epoch and stays above ln 2",
)
def learning_rate() -> Figure:
    """Gradient descent on a quadratic below and above the limit, and the chapter's lr sweep."""
    fig = new_figure(7.6, 3.0)
    quad_a, quad_b, right = fig.subplots(1, 3, width_ratios=[1, 1, 1.55])
    angle = np.pi / 6
    Q = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    H = Q @ np.diag([1.0, 10.0]) @ Q.T
    grid = np.linspace(-2, 2, 61)
    xx, yy = np.meshgrid(grid, grid)
    pts = np.stack([xx, yy], axis=-1)
    loss = 0.5 * np.einsum("...i,ij,...j->...", pts, H, pts)
    for ax, eta, color in ((quad_a, 0.19, COLORS["blue"]), (quad_b, 0.21, COLORS["vermillion"])):
        ax.contour(xx, yy, loss, levels=[0.1, 0.5, 1.5, 3, 6, 10], colors=COLORS["grey"],
                   linewidths=0.6)  # fmt: skip
        path = quadratic_path(eta, 16)
        ax.plot(path[:, 0], path[:, 1], "o-", color=color, markersize=2.5, linewidth=1.0)
        ax.plot([0], [0], "+", color=INK, markersize=9)
        ax.set_xlim(-2, 2)
        ax.set_ylim(-2, 2)
        ax.set_aspect("equal")
        ax.set_xticks([-2, 0, 2])
        ax.set_yticks([-2, 0, 2])
        ax.set_xlabel(r"$\theta_1$")
        ax.set_title(rf"$\eta = {eta}$, 16 steps", fontsize=10)
    quad_a.set_ylabel(r"$\theta_2$")

    X, y = moons()
    colors = [COLORS[c] for c in ("sky", "blue", "green", "orange", "purple", "vermillion")]
    colors.append(INK)
    for eta, color in zip(SWEEP, colors, strict=True):
        net = MLPClassifier(SIZES, epochs=20, lr=eta, batch_size=32, seed=0).fit(X, y)
        right.semilogy(
            np.arange(1, 21), net.history_["loss"], color=color, label=rf"$\eta = {eta}$"
        )
    right.axhline(np.log(2), color=COLORS["grey"], linestyle=":", linewidth=1)
    right.text(20, np.log(2) * 1.15, r"$\ln 2$", ha="right", va="bottom", fontsize=9)
    right.set_ylim(0.05, 1e3)
    right.set_xlabel("epoch")
    right.set_ylabel("training loss (cross-entropy)")
    right.set_title("learning-rate sweep, $B = 32$", fontsize=10)
    right.legend(loc="upper right", ncol=2, fontsize=8)
    return fig
