r"""Early stopping on an overfitting problem (chapter Training, "Validation and early stopping").

A 2-64-64-2 ReLU network is trained on 30 noisy two-moons points while 200 more points of the
same distribution watch as a validation set. Training runs its 300 epochs once without
``patience``; early stopping with ``patience=20`` stops 20 epochs after the lowest validation
loss and keeps that epoch's parameters. Training is deterministic, so the stopped run is the
first epochs of the full one: the figure draws the full run's curves and marks both epochs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from book.figures._registry import figure
from book.figures.style import COLORS, INK, decision_regions, new_figure, scatter_classes
from nnbook.datasets import two_moons
from nnbook.mlp import MLPClassifier

__all__ = ["STOPPING_DATA", "STOPPING_RUN", "early_stopping"]

STOPPING_RUN: dict[str, Any] = {
    "sizes": [2, 64, 64, 2],
    "activation": "relu",
    "epochs": 300,
    "lr": 0.02,
    "batch_size": 10,
    "momentum": 0.9,
    "seed": 0,
}
"""The network and settings of the chapter's early-stopping run (its ``val_`` blocks)."""
STOPPING_DATA = {"train": 30, "validation": 200, "noise": 0.3}
"""Two-moons points: training (seed 0) and validation (seed 1), with this noise."""
PATIENCE = 20


def _data() -> tuple[tuple[Any, Any], tuple[Any, Any]]:
    noise = STOPPING_DATA["noise"]
    return (
        two_moons(int(STOPPING_DATA["train"]), noise=noise, seed=0),
        two_moons(int(STOPPING_DATA["validation"]), noise=noise, seed=1),
    )


def _network(**settings: Any) -> MLPClassifier:
    run = {**STOPPING_RUN, **settings}
    return MLPClassifier(run.pop("sizes"), **run)


@figure(
    "training-early-stopping",
    "Top: over 300 epochs the training loss of a 2-64-64-2 ReLU network on 30 noisy two-moons "
    "points falls towards zero, while the validation loss on 200 other points falls, reaches "
    "its lowest value early and then climbs; a band marks the 20 epochs of patience after the "
    "lowest point, where early stopping stops. Bottom: the decision regions of the network "
    "early stopping keeps form a smooth curve between the moons; those after 300 epochs bend "
    "around single noisy training points.",
)
def early_stopping() -> Figure:
    """Loss curves of the full run, the epoch early stopping keeps, and both networks' regions."""
    train, validation = _data()
    full = _network().fit(*train, validation_data=validation)
    stopped = _network(patience=PATIENCE).fit(*train, validation_data=validation)
    best, stop = stopped.best_epoch_, len(stopped.history_["loss"])

    fig = new_figure(7.0, 5.9)
    panels = fig.subplot_mosaic([["loss", "loss"], ["best", "last"]], height_ratios=[1, 1.2])
    ax = panels["loss"]
    h = full.history_
    epochs = np.arange(1, len(h["loss"]) + 1)
    ax.axvspan(best, stop, color=COLORS["light"], zorder=0)
    ax.plot(epochs, h["loss"], color=COLORS["blue"], label="training loss")
    ax.plot(epochs, h["val_loss"], color=COLORS["vermillion"], label="validation loss")
    ax.axvline(best, color=INK, linewidth=1.0, linestyle="--")
    ax.annotate(
        f"lowest validation loss\n(epoch {best}: kept)",
        (best, h["val_loss"][best - 1]),
        xytext=(best + 150, 1.0),
        arrowprops={"arrowstyle": "->", "color": INK, "linewidth": 0.8},
        fontsize=9,
    )
    ax.annotate(
        f"stops at epoch {stop}\n({PATIENCE} epochs of patience)",
        (stop, h["val_loss"][stop - 1]),
        xytext=(stop + 40, 1.6),
        arrowprops={"arrowstyle": "->", "color": INK, "linewidth": 0.8},
        fontsize=9,
    )
    ax.set_yscale("log")
    ax.set_ylim(0.02, 3)
    ax.set_xlim(0, len(epochs))
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy")
    ax.legend(loc="lower left")
    for name, net, title in (
        ("best", stopped, f"kept by early stopping: epoch {best}"),
        ("last", full, f"without it: epoch {len(epochs)}"),
    ):
        panel = panels[name]
        decision_regions(panel, net, (-1.8, 2.8), (-1.3, 1.8), resolution=81)
        scatter_classes(panel, *train, size=22, linewidths=0.6)
        panel.set_aspect("equal")
        panel.set_xlabel("$x_1$")
        panel.set_ylabel("$x_2$")
        panel.set_title(f"{title}\nvalidation accuracy {net.score(*validation):.0%}")
    return fig
