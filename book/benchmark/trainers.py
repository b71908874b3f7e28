r"""The same training in each library (used by scripts/benchmark.py).

Every library builds a ReLU network with layer widths ``sizes`` and a softmax cross-entropy
output, and trains it on float32 inputs ``X`` and integer labels ``y`` in shuffled minibatches
of ``config["batch_size"]`` by SGD with learning rate ``config["lr"]`` and heavy-ball momentum
``config["momentum"]`` ($v \leftarrow \mu v + g$, $\theta \leftarrow \theta - \eta v$ in
all), without weight decay. Every library computes the same things: in each minibatch the
loss and the logits' argmax, summed over the epoch into its mean loss and accuracy (what
``MLPClassifier.fit`` records; scikit-learn records the loss but has no minibatch accuracy),
and, where asked, the loss and accuracy on a test set. Each library initialises its weights its own default way (nnbook:
He normal; scikit-learn: Glorot uniform; PyTorch: Kaiming uniform; the JAX loop, which has no
default: He normal): the benchmark compares the libraries as they are used. "numpy-minimal" is no library but a bare NumPy loop doing
nnbook's arithmetic and nothing else (He normal too): how close nnbook comes to it shows what
nnbook's clarity and checks cost.

- :data:`SESSIONS` (workload 1): ``session(sizes, config, seed)`` builds a network once and
  returns ``train(X, y)``, which trains it on one shuffled pass over ``(X, y)`` and returns the
  pass's mean loss and accuracy, and ``evaluate(X, y)``, the loss and accuracy on ``(X, y)``.
  Timing many such passes on one network keeps one-off costs (building the model, first-call
  set-up) out of the measurement.
- :data:`TRAINERS` (workload 2): ``train(X, y, sizes, config, seed, test)`` trains a fresh
  network for ``config["epochs"]`` epochs, momentum carried from epoch to epoch, evaluates it
  on ``test`` after every epoch (inside the timed region) and returns
  ``{"seconds": ..., "accuracy": [...]}``, the test accuracies.
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

from nnbook import MLPClassifier
from nnbook.losses import cross_entropy

Metrics = tuple[float, float | None]
"""Mean loss and accuracy (``None`` where a library does not give one)."""
Train = Callable[[np.ndarray, np.ndarray], Metrics]
Session = tuple[Train, Callable[[np.ndarray, np.ndarray], Metrics]]


def available(library: str) -> bool:
    """Whether ``library`` (a key of :data:`SESSIONS`) can be imported."""
    module = {"nnbook": "nnbook", "scikit-learn": "sklearn", "pytorch": "torch", "jax": "jax"}.get(
        library, "numpy"
    )
    return importlib.util.find_spec(module) is not None


# --- one network, trained pass after pass ------------------------------------------------------


def nnbook_network(sizes: list[int], config: dict[str, Any], seed: int) -> MLPClassifier:
    """The benchmark's network as nnbook builds it: ReLU, float32, the config's settings."""
    options = {k: config[k] for k in ("epochs", "lr", "batch_size", "momentum") if k in config}
    return MLPClassifier(sizes, activation="relu", seed=seed, dtype=np.float32, **options)


def nnbook_session(sizes: list[int], config: dict[str, Any], seed: int) -> Session:
    net = nnbook_network(sizes, {**config, "epochs": 1}, seed)

    def train(X: np.ndarray, y: np.ndarray) -> Metrics:
        net.fit(X, y)  # one epoch from the current weights (the velocity restarts at 0)
        return net.history_["loss"][-1], net.history_["accuracy"][-1]

    def evaluate(X: np.ndarray, y: np.ndarray) -> Metrics:
        logits = net.forward(X)
        return float(cross_entropy(logits, y)), float(np.mean(logits.argmax(axis=1) == y))

    return train, evaluate


def sklearn_session(sizes: list[int], config: dict[str, Any], seed: int) -> Session:
    from sklearn.metrics import log_loss
    from sklearn.neural_network import MLPClassifier as SklearnMLP

    net = SklearnMLP(
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

    def train(X: np.ndarray, y: np.ndarray) -> Metrics:  # partial_fit: an epoch, momentum kept
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            net.partial_fit(X, y, classes=classes)
        return float(net.loss_), None  # the epoch's mean minibatch loss; no accuracy

    def evaluate(X: np.ndarray, y: np.ndarray) -> Metrics:
        p = net.predict_proba(X)
        return float(log_loss(y, p, labels=classes)), float(np.mean(p.argmax(axis=1) == y))

    return train, evaluate


def torch_session(sizes: list[int], config: dict[str, Any], seed: int) -> Session:
    import torch

    torch.manual_seed(seed)
    layers: list[torch.nn.Module] = []
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
        layers += [torch.nn.Linear(n_in, n_out)] + ([torch.nn.ReLU()] if i < len(sizes) - 2 else [])
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=config["momentum"])

    def train(X: np.ndarray, y: np.ndarray) -> Metrics:
        X_, y_ = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
        total, correct = torch.zeros(()), torch.zeros((), dtype=torch.int64)
        for idx in torch.randperm(len(X_)).split(config["batch_size"]):
            optimizer.zero_grad()
            logits = net(X_[idx])
            loss = torch.nn.functional.cross_entropy(logits, y_[idx])
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(idx)
            correct += (logits.detach().argmax(dim=1) == y_[idx]).sum()
        return total.item() / len(X), correct.item() / len(X)

    def evaluate(X: np.ndarray, y: np.ndarray) -> Metrics:
        with torch.no_grad():
            logits = net(torch.from_numpy(X))
            loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(y.astype(np.int64)))
        return loss.item(), float(np.mean(logits.argmax(dim=1).numpy() == y))

    return train, evaluate


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

    # softmax cross-entropy, the mean over the minibatch; and how many rows the logits get right
    def loss(params: Params, X: jax.Array, y: jax.Array) -> tuple[jax.Array, jax.Array]:
        logits = forward(params, X)
        log_p = jax.nn.log_softmax(logits)
        correct = jnp.sum(jnp.argmax(logits, axis=1) == y)
        return -jnp.mean(jnp.take_along_axis(log_p, y[:, None], axis=1)), correct

    # one minibatch: rows idx of X, y (the arrays passed in are traced: jax.Array all)
    def step(
        params: Params,
        velocity: Params,
        X: jax.Array,
        y: jax.Array,
        idx: jax.Array,
        lr: jax.Array,
        momentum: jax.Array,
    ) -> tuple[Params, Params, jax.Array, jax.Array]:
        (value, correct), grads = jax.value_and_grad(loss, has_aux=True)(params, X[idx], y[idx])
        velocity = jax.tree.map(lambda v, g: momentum * v + g, velocity, grads)  # v ← μv + g
        params = jax.tree.map(lambda p, v: p - lr * v, params, velocity)  # θ ← θ − ηv
        return params, velocity, value * len(idx), correct

    return jax.jit(step, donate_argnums=(0, 1)), jax.jit(loss)


def jax_session(sizes: list[int], config: dict[str, Any], seed: int) -> Session:
    """The step compiled by ``jax.jit`` (XLA on the CPU), which fuses the elementwise work
    around the products. Each pass copies ``(X, y)`` into JAX arrays once, and the step
    gathers its minibatch's rows itself. He normal initial weights, as nnbook's. A pass over
    ``X`` of a shape not seen before (and its last, shorter minibatch) compiles afresh: the
    benchmark's untimed warm-up runs see every shape first."""
    import jax
    import jax.numpy as jnp

    step, loss = _jax_compiled()
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

    def train(X: np.ndarray, y: np.ndarray) -> Metrics:
        order = rng.permutation(len(X))
        params, velocity = state["params"], state["velocity"]
        X_, y_ = jnp.asarray(X), jnp.asarray(y.astype(np.int32))
        total, correct = [], []
        for start in range(0, len(X), batch):
            idx = order[start : start + batch]
            params, velocity, value, right = step(params, velocity, X_, y_, idx, lr, momentum)
            total.append(value)
            correct.append(right)
        state["params"], state["velocity"] = params, velocity
        # device_get waits for the last step
        return float(np.sum(jax.device_get(total))) / len(X), float(
            np.sum(jax.device_get(correct))
        ) / len(X)

    def evaluate(X: np.ndarray, y: np.ndarray) -> Metrics:
        value, correct = loss(state["params"], X, y.astype(np.int32))
        return float(value), float(correct) / len(X)

    return train, evaluate


def numpy_minimal_session(sizes: list[int], config: dict[str, Any], seed: int) -> Session:
    """A bare NumPy training loop: a reference for nnbook, not a library.

    The same arithmetic as nnbook's step and nothing else: no input checks, no caches, the
    loss read off the softmax at the labels, the softmax gradient formed from the labels
    directly, and every array that can be reused overwritten in place. The ReLU overwrites its pre-activation
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

    def train(X: np.ndarray, y: np.ndarray) -> Metrics:
        order = rng.permutation(len(X))
        total = correct = 0.0
        for start in range(0, len(X), batch):
            idx = order[start : start + batch]
            A = forward(X[idx])
            delta = A.pop()  # logits → softmax → (softmax − one-hot) / N, all in place
            correct += np.count_nonzero(delta.argmax(axis=1) == y[idx])
            delta -= delta.max(axis=1, keepdims=True)
            np.exp(delta, out=delta)
            delta /= delta.sum(axis=1, keepdims=True)
            rows = np.arange(len(idx)), y[idx]
            total -= float(np.log(delta[rows]).sum())
            delta[rows] -= 1
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
        return total / len(X), correct / len(X)

    def evaluate(X: np.ndarray, y: np.ndarray) -> Metrics:
        logits = forward(X)[-1]
        return float(cross_entropy(logits, y)), float(np.mean(logits.argmax(axis=1) == y))

    return train, evaluate


SESSIONS: dict[str, Callable[..., Session]] = {
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
    """nnbook trains all epochs in one ``fit`` (momentum carries over), the test set as its
    validation data: ``fit`` evaluates it after every epoch."""
    net = nnbook_network(sizes, config, seed)
    start = time.perf_counter()
    net.fit(X, y, validation_data=test)
    return {"seconds": time.perf_counter() - start, "accuracy": net.history_["val_accuracy"]}


def _epochs_with(session: Callable[..., Session]) -> Callable[..., Any]:
    def train(
        X: np.ndarray,
        y: np.ndarray,
        sizes: list[int],
        config: dict[str, Any],
        seed: int,
        test: tuple[np.ndarray, np.ndarray],
    ) -> dict[str, Any]:
        step, evaluate = session(sizes, config, seed)
        scores = []
        start = time.perf_counter()
        for _ in range(config["epochs"]):
            step(X, y)
            scores.append(evaluate(*test)[1])
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
