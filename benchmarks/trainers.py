"""One training function per library, all doing the same work (used by scripts/benchmark.py).

Each ``train(X, y, sizes, config, seed, test=None)`` builds a ReLU network with layer widths
``sizes`` and a softmax cross-entropy output, trains it on float32 inputs ``X`` and integer
labels ``y`` for ``config["epochs"]`` epochs of shuffled minibatches of ``config["batch_size"]``
by SGD with learning rate ``config["lr"]`` and heavy-ball momentum ``config["momentum"]``
($v \\leftarrow \\mu v + g$, $\\theta \\leftarrow \\theta - \\eta v$ in all three), no weight
decay, and returns ``{"seconds": ..., "accuracy": [...]}``. With ``test = (X_test, y_test)``
the test accuracy is measured after every epoch, inside the timed region, in every library.

Each library initialises weights its own default way (nnbook: He normal; scikit-learn: Glorot
uniform; PyTorch: Kaiming uniform with its default gain): the benchmark compares libraries as
they are used.
"""

from __future__ import annotations

import importlib.util
import itertools
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook import MLP

Test = tuple[np.ndarray, np.ndarray] | None


def available(library: str) -> bool:
    """Whether ``library`` (a key of :data:`TRAINERS`) can be imported."""
    module = {"nnbook": "nnbook", "scikit-learn": "sklearn", "pytorch": "torch"}[library]
    return importlib.util.find_spec(module) is not None


def train_nnbook(X, y, sizes, config, seed, test: Test = None) -> dict[str, Any]:
    net = MLP(sizes, activation="relu", seed=seed, dtype=np.float32)
    start = time.perf_counter()
    net.fit(
        X,
        y,
        epochs=config["epochs"],
        lr=config["lr"],
        batch_size=config["batch_size"],
        momentum=config["momentum"],
        progress=False,
        validation_data=test,
    )
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "accuracy": net.history.get("val_accuracy", [])}


def train_sklearn(X, y, sizes, config, seed, test: Test = None) -> dict[str, Any]:
    from sklearn.neural_network import MLPClassifier

    net = MLPClassifier(
        hidden_layer_sizes=tuple(sizes[1:-1]),
        activation="relu",
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=config["lr"],
        momentum=config["momentum"],
        nesterovs_momentum=False,
        batch_size=config["batch_size"],
        alpha=0.0,
        shuffle=True,
        random_state=seed,
    )
    classes = np.arange(sizes[-1])
    accuracy = []
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(config["epochs"]):  # partial_fit: one epoch, keeping the momentum
            net.partial_fit(X, y, classes=classes)
            if test is not None:
                accuracy.append(float(np.mean(net.predict(test[0]) == test[1])))
    return {"seconds": time.perf_counter() - start, "accuracy": accuracy}


def train_torch(X, y, sizes, config, seed, test: Test = None) -> dict[str, Any]:
    import torch

    torch.manual_seed(seed)
    layers: list[torch.nn.Module] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers += [torch.nn.Linear(n_in, n_out)] + ([torch.nn.ReLU()] if i < len(sizes) - 2 else [])
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=config["momentum"])
    X_, y_ = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
    accuracy = []
    start = time.perf_counter()
    for _ in range(config["epochs"]):
        for idx in torch.randperm(len(X_)).split(config["batch_size"]):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(net(X_[idx]), y_[idx]).backward()
            optimizer.step()
        if test is not None:
            with torch.no_grad():
                predicted = net(torch.from_numpy(test[0])).argmax(dim=1).numpy()
            accuracy.append(float(np.mean(predicted == test[1])))
    return {"seconds": time.perf_counter() - start, "accuracy": accuracy}


TRAINERS: dict[str, Callable[..., dict[str, Any]]] = {
    "nnbook": train_nnbook,
    "scikit-learn": train_sklearn,
    "pytorch": train_torch,
}
"""The libraries in the order their runs interleave."""
