r"""Digits figures: a 64-128-64-10 :class:`nnbook.MLP` on real handwritten digits, and the benchmark.

The four digits figures share one trained network (:func:`book.runs.train_digits`, cached):
its learning curves on the training and validation sets up to where early stopping ended the
run, with the epoch it kept marked, its confusion matrix on the test set,
the test digits it gets wrong, and the input weights of some first-layer units drawn as 8×8
images. The ``benchmark`` figure reads the committed results of the benchmark
(:data:`book.benchmark.RESULTS`); the benchmark imports nothing of the figures.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from book.benchmark import RESULTS, load_results
from book.figures._registry import figure
from book.figures.style import COLORS, CYCLE, INK, label_panels, new_figure
from book.runs import train_digits

__all__ = [
    "benchmark",
    "digits_confusion",
    "digits_first_layer",
    "digits_learning_curves",
    "digits_misclassified",
    "draw_benchmark",
]


def _image(ax: Any, pixels: np.ndarray, **kwargs: Any) -> None:
    ax.imshow(pixels.reshape(8, 8), interpolation="nearest", **kwargs)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)


@figure(
    "digits-learning-curves",
    "Two panels over the epochs of one run, which stops five epochs after its lowest validation "
    "loss: on a logarithmic scale the training loss keeps falling while the validation loss, "
    "lowest at the epoch marked by a vertical line, does not go below that value again; the "
    "training accuracy climbs towards 100 percent while the validation accuracy stays at or "
    "above the dotted 97 percent line from the marked epoch on.",
)
def digits_learning_curves() -> Figure:
    """Loss and accuracy per epoch, on the training set (averaged during the epoch) and the
    validation set, up to the epoch where early stopping ended the run; a vertical line marks
    the epoch of the lowest validation loss, whose parameters the network keeps."""
    net, _ = train_digits()
    h = net.history_
    epochs = np.arange(1, len(h["loss"]) + 1)
    fig = new_figure(7.0, 2.9)
    axes = fig.subplots(1, 2)
    for ax, key, label in (
        (axes[0], "loss", "cross-entropy loss"),
        (axes[1], "accuracy", "accuracy"),
    ):
        ax.axvline(net.best_epoch_, color=COLORS["grey"], linestyle="--", linewidth=1)
        ax.plot(epochs, h[key], color=COLORS["blue"], label="training")
        ax.plot(epochs, h[f"val_{key}"], color=COLORS["vermillion"], label="validation")
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
        ax.set_xlim(0.5, len(epochs) + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].text(
        net.best_epoch_ + 0.3,
        0.97,
        f"kept: epoch {net.best_epoch_}\n(stopped after {len(epochs)})",
        transform=axes[0].get_xaxis_transform(),
        ha="left",
        va="top",
        fontsize=8,
        color=COLORS["grey"],
    )
    axes[0].set_yscale("log")
    axes[1].axhline(0.97, color=COLORS["grey"], linestyle=":", linewidth=1)
    axes[1].set_ylim(0.85, 1.005)
    axes[1].legend(loc="lower right")
    label_panels(list(axes))
    return fig


@figure(
    "digits-confusion",
    "A ten by ten confusion matrix of the test digits: nearly all counts lie on the diagonal, "
    "with a few confusions off it, each annotated with its count.",
)
def digits_confusion() -> Figure:
    """Counts of test digits by true class (rows) and predicted class (columns)."""
    net, (_, X_test, _, y_test) = train_digits()
    counts = np.zeros((10, 10), dtype=int)
    np.add.at(counts, (y_test, net.predict(X_test)), 1)
    fig = new_figure(4.6, 4.2)
    ax = fig.add_subplot()
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=counts.max() * 1.3)
    for (i, j), n in np.ndenumerate(counts):
        if n:
            weight = "bold" if i != j else "normal"
            colour = COLORS["vermillion"] if i != j else INK
            ax.text(j, i, str(n), ha="center", va="center", fontsize=8, color=colour, weight=weight)
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    ax.grid(False)
    return fig


@figure(
    "digits-misclassified",
    "The test digits the network gets wrong, each an 8 by 8 grey image titled with its true "
    "label and the network's prediction; many are badly written or ambiguous.",
    ext="png",
)
def digits_misclassified() -> Figure:
    """Every misclassified test digit, titled ``true → predicted``."""
    net, (_, X_test, _, y_test) = train_digits()
    predicted = net.predict(X_test)
    wrong = np.flatnonzero(predicted != y_test)
    cols = min(max(len(wrong), 1), 8)
    rows = max(-(-len(wrong) // cols), 1)
    fig = new_figure(1.0 * cols + 0.3, 1.15 * rows + 0.2)
    for k, i in enumerate(wrong):
        ax = fig.add_subplot(rows, cols, k + 1)
        _image(ax, X_test[i], cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{y_test[i]} → {predicted[i]}", fontsize=9)
    return fig


@figure(
    "digits-first-layer",
    "Eight first-layer units in two rows: on top each unit's 64 input weights as an 8 by 8 "
    "image, positive in blue and negative in red; below, the average of the 20 training digits "
    "that excite the unit most, which shows the strokes it responds to.",
    ext="png",
)
def digits_first_layer() -> Figure:
    r"""For the 8 first-layer units with the largest weight norms: the weights $W_1[:, j]$ as an
    image, and the mean of the 20 training digits with the largest activation $a_j = \max(0, z_j)$."""
    net, (X_train, *_) = train_digits()
    W1, b1 = net.W[1], net.b[1]
    units = np.argsort(-np.linalg.norm(W1, axis=0))[:8]
    limit = float(np.abs(W1[:, units]).max())
    Z = X_train @ W1[:, units] + b1[units]
    fig = new_figure(7.4, 2.45)
    axes = fig.subplots(2, len(units))
    for k, j in enumerate(units):
        _image(axes[0, k], W1[:, j], cmap="RdBu", vmin=-limit, vmax=limit)
        axes[0, k].set_title(f"unit {j}", fontsize=9)
        top = np.argsort(-Z[:, k])[:20]
        _image(axes[1, k], X_train[top].mean(axis=0), cmap="gray_r", vmin=0, vmax=1)
    axes[0, 0].set_ylabel("weights", fontsize=9)
    axes[1, 0].set_ylabel("top 20 digits", fontsize=9)
    return fig


# --- the benchmark ----------------------------------------------------------------------


def draw_benchmark(results: dict[str, Any]) -> Figure:
    """Median training throughput per library and run, with a tick for every round, the limit
    set by the step's eight matrix products alone (dashed) and each library's fraction of it
    above its bar (a), and median test accuracy on the digits per epoch (b), from the results
    of :mod:`book.benchmark`."""
    runs = results["runs"]
    libraries = list(runs[0]["throughput"]["median_samples_per_second"])
    fig = new_figure(7.6, 3.2)
    ax_rate, ax_acc = fig.subplots(1, 2, width_ratios=[1.1, 1])
    width = 0.8 / len(runs)
    for r, run in enumerate(runs):
        rates = run["throughput"]["median_samples_per_second"]
        x = np.arange(len(libraries)) + (r - (len(runs) - 1) / 2) * width
        values = [rates[lib] / 1e3 for lib in libraries]
        ax_rate.bar(x, values, width * 0.9, color=CYCLE[r], label=run["label"])
        for xi, value in zip(x, values, strict=True):  # the median, low in the bar
            ax_rate.text(xi, 4, f"{value:.0f}", ha="center", va="bottom", color="white")
        limit = run["throughput"]["limit"]
        for xi, lib in zip(x, libraries, strict=True):  # every round, to show the spread
            each = np.asarray(run["throughput"]["samples_per_second"][lib]) / 1e3
            ax_rate.plot(np.full(len(each), xi), each, "_", color="black", markersize=14, mew=1)
            fraction = limit["fraction_of_limit"][lib]
            ax_rate.text(xi, each.max() * 1.02, f"{fraction:.0%}", ha="center", va="bottom")
        ceiling = limit["samples_per_second"] / 1e3
        colour = CYCLE[r] if len(runs) > 1 else INK
        ax_rate.axhline(ceiling, color=colour, linestyle="--", linewidth=1)
        ax_rate.text(
            len(libraries) - 0.5,
            ceiling * 0.98,
            f"the limit: the eight products alone, {ceiling:.0f}\n% above a bar: its fraction of it",
            ha="right",
            va="top",
            color=colour,
            fontsize=8,
        )
    ax_rate.set_xticks(np.arange(len(libraries)), [lib.replace("-", "-\n") for lib in libraries])
    ax_rate.set_ylabel("training samples per second (thousands)")
    ax_rate.margins(y=0.15)
    if len(runs) > 1:
        ax_rate.legend(loc="lower right", fontsize=8)
    digits = runs[0]["digits"]
    for lib, colour in zip(libraries, CYCLE, strict=False):
        curve = digits[lib]["median_accuracy_per_epoch"]
        ax_acc.plot(np.arange(1, len(curve) + 1), curve, color=colour, label=lib)
    ax_acc.axhline(digits["target_accuracy"], color=COLORS["grey"], linestyle=":", linewidth=1)
    ax_acc.set_ylim(0.85, 1.0)
    ax_acc.set_xlabel("epoch")
    ax_acc.set_ylabel("digits: median test accuracy")
    ax_acc.legend(loc="lower right")
    label_panels([ax_rate, ax_acc])
    return fig


@figure(
    "benchmark",
    "Two panels from the committed benchmark results: bars of the median training samples per "
    "second of each library (nnbook, scikit-learn, PyTorch and JAX where installed, and a bare "
    "NumPy loop) on MNIST-sized data with a black tick for each round, a dashed line at the "
    "rate the step's eight matrix products alone would allow, and above each "
    "bar the percentage of that limit the library reaches; and each library's median test "
    "accuracy on the digits per epoch, all rising past the 97 percent line.",
    data=[RESULTS],
)
def benchmark() -> Figure:
    """:func:`draw_benchmark` of the committed results."""
    return draw_benchmark(load_results())
