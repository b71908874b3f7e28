r"""The same training in each library (used by scripts/benchmark.py).

Every library builds a ReLU network with layer widths ``sizes`` and a softmax cross-entropy
output, and trains it on float32 inputs ``X`` and integer labels ``y`` in shuffled minibatches
of ``config["batch_size"]`` by SGD with learning rate ``config["lr"]`` and heavy-ball momentum
``config["momentum"]`` ($v \leftarrow \mu v + g$, $\theta \leftarrow \theta - \eta v$ in
all), without weight decay. Each library initialises its weights its own default way (nnbook:
He normal; scikit-learn: Glorot uniform; PyTorch: Kaiming uniform; the JAX loop, which has no
default: He normal): the benchmark compares the libraries as they are used. "numpy-minimal" is no library but a bare NumPy loop doing
nnbook's arithmetic and nothing else (He normal too): how close nnbook comes to it shows what
nnbook's clarity and checks cost.

- :data:`SESSIONS` (workload 1): ``session(sizes, config, seed)`` builds a network once and
  returns ``train(X, y)``, which trains it on one shuffled pass over ``(X, y)``. Timing many
  such passes on one network keeps one-off costs (building the model, first-call set-up) out
  of the measurement.
- :data:`TRAINERS` (workload 2): ``train(X, y, sizes, config, seed, test)`` trains a fresh
  network for ``config["epochs"]`` epochs, measures the accuracy on ``test`` after every epoch
  (inside the timed region) and returns ``{"seconds": ..., "accuracy": [...]}``.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from nnbook import MLP

Train = Callable[[np.ndarray, np.ndarray], None]


def available(library: str) -> bool:
    """Whether ``library`` (a key of :data:`SESSIONS`) can be imported."""
    module = {"nnbook": "nnbook", "scikit-learn": "sklearn", "pytorch": "torch", "jax": "jax"}.get(
        library, "numpy"
    )
    return importlib.util.find_spec(module) is not None


# --- one network, trained pass after pass ------------------------------------------------------


def nnbook_session(
    sizes: list[int], config: dict[str, Any], seed: int
) -> tuple[Train, Callable[..., float]]:
    net = MLP(sizes, activation="relu", seed=seed, dtype=np.float32)
    options = {k: config[k] for k in ("lr", "batch_size", "momentum")}

    def train(X: np.ndarray, y: np.ndarray) -> None:
        # fit continues from the current weights (velocity restarts at 0)
        net.fit(X, y, epochs=1, progress=False, **options)

    return train, net.score


def sklearn_session(
    sizes: list[int], config: dict[str, Any], seed: int
) -> tuple[Train, Callable[..., float]]:
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

    def train(X: np.ndarray, y: np.ndarray) -> None:  # partial_fit: one epoch, keeping the momentum
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            net.partial_fit(X, y, classes=classes)

    return train, net.score


def torch_session(
    sizes: list[int], config: dict[str, Any], seed: int
) -> tuple[Train, Callable[..., float]]:
    import torch

    torch.manual_seed(seed)
    layers: list[torch.nn.Module] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers += [torch.nn.Linear(n_in, n_out)] + ([torch.nn.ReLU()] if i < len(sizes) - 2 else [])
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=config["momentum"])

    def train(X: np.ndarray, y: np.ndarray) -> None:
        X_, y_ = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
        for idx in torch.randperm(len(X_)).split(config["batch_size"]):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(net(X_[idx]), y_[idx]).backward()
            optimizer.step()

    def accuracy(X: np.ndarray, y: np.ndarray) -> float:
        with torch.no_grad():
            predicted = net(torch.from_numpy(X)).argmax(dim=1).numpy()
        return float(np.mean(predicted == y))

    return train, accuracy


@functools.cache
def _jax_compiled() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """JAX's step and forward pass, compiled by ``jax.jit`` once per shape of their arguments.

    Built once per process, so that a new network of known shapes reuses the compiled code;
    the learning rate and the momentum are arguments (traced), not constants.
    """
    import jax
    import jax.numpy as jnp

    Params = list[tuple[jax.Array, jax.Array]]  # [(W, b) of each layer], or their velocities

    def forward(params: Params, X: jax.Array) -> jax.Array:
        A = X
        for W, b in params[:-1]:
            A = jax.nn.relu(A @ W + b)
        W, b = params[-1]
        return A @ W + b

    # softmax cross-entropy, the mean over the minibatch
    def loss(params: Params, X: jax.Array, y: jax.Array) -> jax.Array:
        log_p = jax.nn.log_softmax(forward(params, X))
        return -jnp.mean(jnp.take_along_axis(log_p, y[:, None], axis=1))

    # one minibatch: rows idx of X, y (the arrays passed in are traced: jax.Array all)
    def step(
        params: Params,
        velocity: Params,
        X: jax.Array,
        y: jax.Array,
        idx: jax.Array,
        lr: jax.Array,
        momentum: jax.Array,
    ) -> tuple[Params, Params]:
        grads = jax.grad(loss)(params, X[idx], y[idx])
        velocity = jax.tree.map(lambda v, g: momentum * v + g, velocity, grads)  # v ← μv + g
        params = jax.tree.map(lambda p, v: p - lr * v, params, velocity)  # θ ← θ − ηv
        return params, velocity

    return jax.jit(step, donate_argnums=(0, 1)), jax.jit(forward)


def jax_session(
    sizes: list[int], config: dict[str, Any], seed: int
) -> tuple[Train, Callable[..., float]]:
    """The step compiled by ``jax.jit`` (XLA on the CPU), which fuses the elementwise work
    around the products. Each pass copies ``(X, y)`` into JAX arrays once, and the step
    gathers its minibatch's rows itself. He normal initial weights, as nnbook's. A pass over
    ``X`` of a shape not seen before (and its last, shorter minibatch) compiles afresh: the
    benchmark's untimed warm-up runs see every shape first."""
    import jax
    import jax.numpy as jnp

    step, forward = _jax_compiled()
    rng = np.random.default_rng(seed)
    params = [
        (
            jnp.asarray((rng.standard_normal((m, n)) * np.sqrt(2 / m)).astype(np.float32)),
            jnp.zeros(n, dtype=jnp.float32),
        )
        for m, n in itertools.pairwise(sizes)
    ]
    state = {"params": params, "velocity": jax.tree.map(jnp.zeros_like, params)}
    lr = np.float32(config["lr"])
    momentum = np.float32(config["momentum"])
    batch = config["batch_size"]

    def train(X: np.ndarray, y: np.ndarray) -> None:
        order = rng.permutation(len(X))
        params, velocity = state["params"], state["velocity"]
        X_, y_ = jnp.asarray(X), jnp.asarray(y.astype(np.int32))
        for start in range(0, len(X), batch):
            idx = order[start : start + batch]
            params, velocity = step(params, velocity, X_, y_, idx, lr, momentum)
        state["params"], state["velocity"] = jax.block_until_ready((params, velocity))

    def accuracy(X: np.ndarray, y: np.ndarray) -> float:
        predicted = np.asarray(forward(state["params"], X)).argmax(axis=1)
        return float(np.mean(predicted == y))

    return train, accuracy


def numpy_minimal_session(
    sizes: list[int], config: dict[str, Any], seed: int
) -> tuple[Train, Callable[..., float]]:
    """A bare NumPy training loop: a reference for nnbook, not a library.

    The same arithmetic as nnbook's step and nothing else: no input checks, no caches, no
    loss value or accuracy, the softmax gradient formed from the labels directly, and every
    array that can be reused overwritten in place. The ReLU overwrites its pre-activation
    ($A > 0$ exactly where $Z > 0$), which only works because the derivative of ReLU can be
    read off its output.
    """
    rng = np.random.default_rng(seed)
    W = [
        (rng.standard_normal((m, n)) * np.sqrt(2 / m)).astype(np.float32)
        for m, n in itertools.pairwise(sizes)
    ]
    b = [np.zeros(n, dtype=np.float32) for n in sizes[1:]]
    params = [p for pair in zip(W, b, strict=True) for p in pair]
    velocity = [np.zeros_like(p) for p in params]
    lr, momentum, batch = config["lr"], config["momentum"], config["batch_size"]

    def forward(X: np.ndarray) -> list[np.ndarray]:
        A = [X]
        for W_l, b_l in zip(W, b, strict=True):
            Z = A[-1] @ W_l
            Z += b_l
            A.append(np.maximum(Z, 0, out=Z) if len(A) < len(W) else Z)
        return A

    def train(X: np.ndarray, y: np.ndarray) -> None:
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch):
            idx = order[start : start + batch]
            A = forward(X[idx])
            delta = A.pop()  # logits → softmax → (softmax − one-hot) / N, all in place
            delta -= delta.max(axis=1, keepdims=True)
            np.exp(delta, out=delta)
            delta /= delta.sum(axis=1, keepdims=True)
            delta[np.arange(len(idx)), y[idx]] -= 1
            delta /= len(idx)
            grads: list[np.ndarray] = []
            for layer in reversed(range(len(W))):
                grads[:0] = [A[layer].T @ delta, delta.sum(axis=0)]
                if layer:
                    delta = delta @ W[layer].T
                    delta *= A[layer] > 0
            for p, v, g in zip(params, velocity, grads, strict=True):
                v *= momentum
                v += g
                p -= np.multiply(lr, v, out=g)

    def accuracy(X: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(forward(X)[-1].argmax(axis=1) == y))

    return train, accuracy


SESSIONS: dict[str, Callable[..., tuple[Train, Callable[..., float]]]] = {
    "nnbook": nnbook_session,
    "scikit-learn": sklearn_session,
    "pytorch": torch_session,
    "jax": jax_session,
    "numpy-minimal": numpy_minimal_session,
}
"""The libraries (and the NumPy floor), in the order their runs interleave."""


# --- a fresh network trained for some epochs, tested after each --------------------------------


def train_nnbook(
    X: np.ndarray,
    y: np.ndarray,
    sizes: list[int],
    config: dict[str, Any],
    seed: int,
    test: tuple[np.ndarray, np.ndarray],
) -> dict[str, Any]:
    """nnbook trains all epochs in one ``fit`` (momentum carries over) with validation data."""
    net = MLP(sizes, activation="relu", seed=seed, dtype=np.float32)
    options = {k: config[k] for k in ("epochs", "lr", "batch_size", "momentum")}
    start = time.perf_counter()
    net.fit(X, y, progress=False, validation_data=test, **options)
    return {"seconds": time.perf_counter() - start, "accuracy": net.history["val_accuracy"]}


def _epochs_with(session: Callable[..., tuple[Train, Callable[..., float]]]) -> Callable[..., Any]:
    def train(
        X: np.ndarray,
        y: np.ndarray,
        sizes: list[int],
        config: dict[str, Any],
        seed: int,
        test: tuple[np.ndarray, np.ndarray],
    ) -> dict[str, Any]:
        step, accuracy = session(sizes, config, seed)
        scores = []
        start = time.perf_counter()
        for _ in range(config["epochs"]):
            step(X, y)
            scores.append(accuracy(*test))
        return {"seconds": time.perf_counter() - start, "accuracy": scores}

    return train


TRAINERS: dict[str, Callable[..., dict[str, Any]]] = {
    "nnbook": train_nnbook,
    "scikit-learn": _epochs_with(sklearn_session),
    "pytorch": _epochs_with(torch_session),
    "jax": _epochs_with(jax_session),
    "numpy-minimal": _epochs_with(numpy_minimal_session),
}
"""Workload 2's trainers, same keys as :data:`SESSIONS`."""
