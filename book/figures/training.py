r"""Training figures: an :class:`nnbook.MLP` learning XOR and the two moons.

Each figure shows the per-epoch loss recorded in :attr:`nnbook.MLPClassifier.history_` next to the decision
regions of the trained network: the colour is the predicted probability of class 1,
$\mathrm{softmax}(\hat y)_1$, and the black line is where it equals $1/2$.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from book.figures._build import rounded
from book.figures._registry import figure
from book.figures.style import COLORS, INK, decision_regions, new_figure, scatter_classes
from book.runs import moons_data, train_moons
from nnbook.datasets import xor
from nnbook.losses import cross_entropy
from nnbook.mlp import MLP, MLPClassifier

__all__ = [
    "HIDDEN_BOX",
    "INPUT_BOX",
    "SNAPSHOT_EPOCHS",
    "XOR_HIDDEN_RUN",
    "XOR_RUN",
    "moons_training",
    "train_xor",
    "xor_hidden_snapshots",
    "xor_hidden_training",
    "xor_training",
]

XOR_RUN: dict[str, Any] = {
    "sizes": [2, 4, 2],
    "activation": "tanh",
    "epochs": 300,
    "lr": 0.1,
    "batch_size": 4,
    "momentum": 0.9,
}
"""Network and training settings of the ``xor-training`` figure."""


def train_xor(seed: int = 0) -> MLPClassifier:
    """The MLP of :data:`XOR_RUN`, trained on :func:`nnbook.datasets.xor`."""
    run = dict(XOR_RUN)
    return MLPClassifier(run.pop("sizes"), seed=seed, **run).fit(*xor())


def _loss_panel(ax: Axes, history: dict[str, list[float]], log: bool = True) -> None:
    epochs = np.arange(1, len(history["loss"]) + 1)
    ax.plot(epochs, history["loss"], color=COLORS["blue"], label="training loss")
    if "val_loss" in history:
        ax.plot(epochs, history["val_loss"], color=COLORS["orange"], label="validation loss")
    if log:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy")
    ax.legend(loc="upper right")


@figure(
    "xor-training",
    "Left: the training loss of a 2-4-2 tanh network learning XOR falls by orders of magnitude "
    "over 300 epochs. Right: the regions it learned; the two class-0 points (0,0) and (1,1) lie "
    "in an orange diagonal band between two curved boundaries, and the two class-1 points "
    "(0,1) and (1,0) in the blue corners outside it.",
)
def xor_training() -> Figure:
    """Loss curve and decision regions of the MLP of :data:`XOR_RUN` (:func:`train_xor`)."""
    net = train_xor()
    X, y = xor()
    fig = new_figure(7.0, 3.2)
    left, right = fig.subplots(1, 2)
    _loss_panel(left, net.history_)
    left.set_title(
        f"final loss {net.history_['loss'][-1]:.2g}, accuracy {net.score(X, y):.0%}", fontsize=10
    )
    decision_regions(right, net, (-0.5, 1.5), (-0.5, 1.5))
    scatter_classes(right, X, y)
    right.set_aspect("equal")
    right.set_xlabel("$x_1$")
    right.set_ylabel("$x_2$")
    right.set_xticks([0, 1])
    right.set_yticks([0, 1])
    right.set_title("decision regions of the trained network", fontsize=10)
    return fig


@figure(
    "moons-training",
    "Left: training and validation loss of a 2-16-16-2 ReLU network on the two-moons data, "
    "both falling quickly and then levelling off over 200 epochs. Right: the learned decision boundary, a curve that winds "
    "between the two interleaved half-moons of blue and orange points.",
)
def moons_training() -> Figure:
    """Loss curves and decision regions of the chapter's two-moons run
    (:func:`book.runs.train_moons`), with its training points."""
    net = train_moons()
    (X, y), _ = moons_data()
    fig = new_figure(7.0, 3.2)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.25])
    _loss_panel(left, net.history_, log=False)
    h = net.history_
    left.set_title(
        f"accuracy: training {h['accuracy'][-1]:.0%}, validation {h['val_accuracy'][-1]:.0%}",
        fontsize=10,
    )
    decision_regions(right, net, (-1.5, 2.5), (-1.0, 1.5))
    scatter_classes(right, X, y, size=22, linewidths=0.6)
    right.set_aspect("equal")
    right.set_xlabel("$x_1$")
    right.set_ylabel("$x_2$")
    right.set_title("decision regions, training points", fontsize=10)
    return fig


XOR_HIDDEN_RUN: dict[str, Any] = {**XOR_RUN, "sizes": [2, 2, 2]}
"""The chapter's 2-2-2 tanh network on XOR (seed 0), the run the hidden-space widget replays."""
SNAPSHOT_EPOCHS = (*range(0, 40, 10), *range(40, 160, 4), *range(160, 301, 20))
"""The epochs the widget shows: dense where the hidden points move, sparse where they settle."""
INPUT_BOX = (-0.5, 1.5)
"""Both axes of the widget's input plane."""
HIDDEN_BOX = (-1.15, 1.15)
"""Both axes of the widget's hidden plane; tanh keeps the hidden points inside $(-1, 1)$."""


def _segment(w: np.ndarray, b: float, box: tuple[float, float]) -> list[float] | None:
    r"""The piece ``[x0, y0, x1, y1]`` of the line $w^\top x + b = 0$ inside the square ``box``².

    ``None`` if the line misses the square.
    """
    lo, hi = box
    ends = []
    for k in (0, 1):  # where the line crosses the edges x_k = lo and x_k = hi
        if w[1 - k] != 0:
            for edge in (lo, hi):
                other = -(b + w[k] * edge) / w[1 - k]
                if lo <= other <= hi:
                    ends.append((edge, other) if k == 0 else (other, edge))
    if len(ends) < 2:
        return None
    pairs = [(p, q) for p in ends for q in ends]
    p, q = max(pairs, key=lambda pq: np.hypot(pq[0][0] - pq[1][0], pq[0][1] - pq[1][1]))
    return [*p, *q]


@figure(
    "xor-hidden-training",
    "Data of the XOR hidden-space widget: a 2-2-2 tanh network trained on XOR, at chosen "
    "epochs: its hidden units' lines in the input plane, the four points in the hidden plane, "
    "the output unit's line there, the training loss and the accuracy.",
    ext="json",
)
def xor_hidden_training() -> dict[str, object]:
    r"""Snapshots of the chapter's 2-2-2 $\tanh$ network (:data:`XOR_HIDDEN_RUN`) learning XOR.

    The snapshot at epoch $e$ is a fresh ``MLPClassifier`` trained for $e$ epochs, which is exactly the
    first $e$ epochs of the chapter's 300-epoch run (same seed, same shuffling, momentum from
    zero). For each snapshot: ``hidden``, the four rows of $A_1 = \tanh(X W_1 + b_1)$;
    ``units``, the lines $x W_{1,:j} + b_{1,j} = 0$ of the two hidden units clipped to
    :data:`INPUT_BOX`; ``output``, the line $s = 0$ in the hidden plane clipped to
    :data:`HIDDEN_BOX`, where $s = a (W_{2,:1} - W_{2,:0}) + (b_{2,1} - b_{2,0})$ is the
    score of class 1 against class 0; ``loss``, the cross-entropy of the snapshot's network
    on the four points; ``accuracy``, the fraction of them it classifies correctly.
    """
    X, y = xor()
    run = dict(XOR_HIDDEN_RUN)
    sizes = run.pop("sizes")
    del run["epochs"]
    snaps: dict[str, list[Any]] = {
        k: [] for k in ("hidden", "units", "output", "score", "loss", "accuracy")
    }
    for epochs in SNAPSHOT_EPOCHS:
        if epochs:
            net: MLP = MLPClassifier(sizes, epochs=epochs, seed=0, **run).fit(X, y)
        else:  # epoch 0: the network as initialised
            net = MLP(sizes, activation=run["activation"], seed=0)
        W1, b1, W2, b2 = net.params
        v, c = W2[:, 1] - W2[:, 0], b2[1] - b2[0]
        logits = net.forward(X)
        snaps["hidden"].append(rounded(np.tanh(X @ W1 + b1), 3))
        units = [_segment(W1[:, j], b1[j], INPUT_BOX) for j in (0, 1)]
        output = _segment(v, c, HIDDEN_BOX)
        snaps["units"].append([None if u is None else rounded(u, 3) for u in units])
        snaps["output"].append(None if output is None else rounded(output, 3))
        snaps["score"].append(rounded([*v, c], 3))
        snaps["loss"].append(rounded(cross_entropy(logits, y), 4))
        snaps["accuracy"].append(rounded(np.mean(logits.argmax(axis=1) == y), 2))
    return {
        "epochs": list(SNAPSHOT_EPOCHS),
        "X": X.astype(int).tolist(),
        "y": y.tolist(),
        "input_box": list(INPUT_BOX),
        "hidden_box": list(HIDDEN_BOX),
        **snaps,
    }


@figure(
    "xor-hidden-snapshots",
    "Four snapshots of a 2-2-2 tanh network learning XOR, each showing the four inputs in the "
    "plane of the two hidden units with the output unit's line: at epoch 0 the classes are "
    "mixed, by epoch 100 the two class-1 points have moved together away from the class-0 "
    "points, and one line separates the classes.",
)
def xor_hidden_snapshots() -> Figure:
    """The hidden plane of :func:`xor_hidden_training` at four of its epochs."""
    data = xor_hidden_training()
    shown = (0, 60, 100, 300)
    y = np.array(data["y"])
    fig = new_figure(7.0, 2.3)
    axes = fig.subplots(1, len(shown), sharey=True)
    for ax, epoch in zip(axes, shown, strict=True):
        i = data["epochs"].index(epoch)
        x0, y0, x1, y1 = data["output"][i]
        ax.plot([x0, x1], [y0, y1], color=INK, lw=1.5)
        scatter_classes(ax, np.array(data["hidden"][i]), y, size=45)
        ax.set_xlim(*HIDDEN_BOX)
        ax.set_ylim(*HIDDEN_BOX)
        ax.set_aspect("equal")
        ax.set_xticks([-1, 0, 1])
        ax.set_yticks([-1, 0, 1])
        ax.set_xlabel("$a_1$")
        ax.set_title(
            f"epoch {epoch}: loss {data['loss'][i]:.2f}\naccuracy {data['accuracy'][i]:.0%}",
            fontsize=9,
        )
    axes[0].set_ylabel("$a_2$")
    return fig
