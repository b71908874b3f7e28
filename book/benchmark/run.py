r"""Train the same network with nnbook, scikit-learn, PyTorch and JAX (CPU); compare their speed.

Two workloads, every library with the same architecture, optimiser and data:

1. **Throughput** — MNIST-sized synthetic data: ``--samples`` (60,000) inputs of 784 float32
   features labelled by a random "teacher" network; a 784-256-128-10 ReLU network trained by
   SGD with momentum 0.9 in minibatches of 128. Each library builds one network and trains it
   for ``--steps`` (100) minibatches, on successive slices of the data, in each of
   ``--repeats`` (40) rounds (``--steps 0``: a whole epoch per round). Reported: training samples per second and the
   ratios of nnbook to each of the others; the fraction of the limit each library reaches
   (the time of the step's eight matrix products alone, timed on the same shapes in every
   round, divided by the library's step time); for nnbook, the share of a step spent in
   its eight matrix products, timed alone on the same shapes, and their GFLOP/s; and, from one
   more nnbook run per round, written out with nnbook's public API and timed phase by phase, the
   step's time by phase.
2. **Digits** — the book's digits chapter: 64-128-64-10, batch 32, learning rate 0.05.
   Every library evaluates the test set after every epoch. Reported: epochs and seconds until
   the test accuracy first reaches 97%, final accuracy, the total time and its ratios, and the
   fraction of the limit (the step's eight products alone, times the number of steps, divided
   by the total time).

The runs are interleaved in one process (nnbook, scikit-learn, PyTorch, JAX, numpy-minimal;
scikit-learn, PyTorch, JAX, numpy-minimal, nnbook; ...) so that a slow moment of the machine hurts all libraries alike, and only medians
and ratios are reported. Every timed run starts after ``--settle`` seconds of rest: the BLAS
and OpenMP worker threads of the run before keep spinning for a while after their last
product, and a library started at once shares the second core with them. A rest alone makes
the next run start cold (threads parked, clocks down), so after it the same library runs
``--warmup`` (20) untimed minibatch steps (workload 2: one untimed epoch), then the timed run. If ``OPENBLAS_*`` variables are set, the whole measurement runs a second time in a
subprocess with them unset; both runs go into the JSON file. PyTorch and JAX are optional:
each is skipped, with a note, when it is not installed. Install them into the project's
environment with ``pip install -e . --group bench`` (scikit-learn and JAX's CPU build, about
620 MB) and, for PyTorch, a CPU-only build such as ``pip install torch==2.13.0`` (a plain
``pip install torch`` may fetch a CUDA build of several GB).

Usage (``make bench`` runs the defaults)::

    python scripts/benchmark.py                      # full run, a few minutes
    python scripts/benchmark.py --repeats 9 --digits-repeats 3       # quicker
    python scripts/benchmark.py --steps 0 --repeats 15               # whole epochs
    python scripts/benchmark.py --libraries nnbook scikit-learn --output /tmp/bench.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

import nnbook
from book.benchmark import RESULTS
from book.benchmark.trainers import SESSIONS, TRAINERS, available, nnbook_network
from book.runs import DIGITS_BENCHMARK, DIGITS_NETWORK
from nnbook import MLP
from nnbook.datasets import load_digits
from nnbook.losses import cross_entropy

TARGET_ACCURACY = 0.97


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="PyTorch and JAX are optional, skipped with a note when not installed: "
        "`pip install -e . --group bench` installs scikit-learn and JAX (CPU, about 620 MB); "
        "for PyTorch install a CPU-only build, e.g. `pip install torch==2.13.0`.",
    )
    p.add_argument("--repeats", type=int, default=40, help="interleaved rounds of workload 1")
    p.add_argument(
        "--steps", type=int, default=100, help="minibatch steps per run of workload 1 (0: an epoch)"
    )
    p.add_argument("--samples", type=int, default=60_000, help="training samples, workload 1")
    p.add_argument("--features", type=int, default=784, help="inputs per sample, workload 1")
    p.add_argument("--hidden", type=int, nargs="+", default=[256, 128], help="hidden widths")
    p.add_argument("--batch-size", type=int, default=128, help="minibatch size, workload 1")
    p.add_argument("--lr", type=float, default=0.01, help="learning rate, workload 1")
    p.add_argument(
        "--settle",
        type=float,
        default=0.5,
        help="seconds of rest before every timed run, so that the worker threads of the library "
        "that ran before stop spinning (default 0.5)",
    )
    p.add_argument(
        "--warmup",
        type=int,
        default=20,
        help="untimed minibatch steps of the same library after the rest and before every "
        "timed run, so that the run does not start cold (default 20)",
    )
    p.add_argument("--digits-repeats", type=int, default=5, help="seeds of workload 2")
    p.add_argument(
        "--digits-epochs", type=int, default=DIGITS_BENCHMARK["epochs"], help="epochs of workload 2"
    )
    p.add_argument(
        "--libraries", nargs="+", default=list(SESSIONS), choices=list(SESSIONS), metavar="LIB"
    )
    p.add_argument("--output", type=Path, default=RESULTS, help="where the JSON results go")
    p.add_argument("--no-rerun", action="store_true", help="skip the run with OPENBLAS_* unset")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # internal: one run → JSON
    return p.parse_args(argv)


# --- workload 1: throughput ------------------------------------------------------------------


def teacher_data(n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` standard-normal float32 inputs labelled 0–9 by a random 64-unit ReLU network.

    Each logit is centred over the data before the argmax, so all ten classes occur.
    """
    X = np.random.default_rng(seed).standard_normal((n, d), dtype=np.float32)
    logits = MLP([d, 64, 10], seed=seed + 1, dtype=np.float32).forward(X)
    return X, (logits - logits.mean(axis=0)).argmax(axis=1).astype(np.int64)


def matmul_products(sizes: list[int], batch: int, seed: int = 0) -> list[tuple[Any, Any]]:
    r"""The operands of the eight (for three layers) matrix products of one nnbook step.

    Forward $A_{l-1} W_l$; backward $A_{l-1}^\top \delta_l$ and, above the first layer,
    $\delta_l W_l^\top$ — transposes as views, exactly as :mod:`nnbook.layers` forms them.
    """
    rng = np.random.default_rng(seed)
    A = [rng.standard_normal((batch, n), dtype=np.float32) for n in sizes[:-1]]
    W = [
        rng.standard_normal((m, n), dtype=np.float32) / m**0.5 for m, n in itertools.pairwise(sizes)
    ]
    D = [rng.standard_normal((batch, n), dtype=np.float32) for n in sizes[1:]]
    forward = list(zip(A, W, strict=True))
    weights = [(a.T, d) for a, d in zip(A, D, strict=True)]
    inputs = [(d, w.T) for d, w in zip(D[1:], W[1:], strict=True)]
    return forward + weights + inputs


def time_products(pairs: list[tuple[Any, Any]], rounds: int = 30) -> tuple[float, list[float]]:
    """Median seconds of all products in sequence, and of each product alone."""
    for a, b in pairs:  # warm up
        a @ b
    total: list[float] = []
    each: list[list[float]] = [[] for _ in pairs]
    for _ in range(rounds):
        start = time.perf_counter()
        for a, b in pairs:
            a @ b
        total.append(time.perf_counter() - start)
        for i, (a, b) in enumerate(pairs):
            tic = time.perf_counter()
            a @ b
            each[i].append(time.perf_counter() - tic)
    return float(np.median(total)), [float(np.median(t)) for t in each]


def throughput(args: argparse.Namespace, libraries: list[str]) -> dict[str, Any]:
    """Samples per second of each library: rounds of short runs of ``--steps`` minibatches.

    Each library builds one network and trains it in every round on the round's slice of
    ``steps × batch`` samples (successive rounds take successive slices of the data). The
    order of the libraries rotates from round to round, so none always runs first.
    """
    X, y = teacher_data(args.samples, args.features)
    sizes = [args.features, *args.hidden, 10]
    config = {"lr": args.lr, "batch_size": args.batch_size, "momentum": 0.9}
    n = min(args.steps * args.batch_size, args.samples) if args.steps else args.samples
    train = {lib: SESSIONS[lib](sizes, config, seed=0)[0] for lib in libraries}
    phases = step_phases(sizes, config) if "nnbook" in libraries else None
    if phases is not None:
        phases(X[:n], y[:n])  # its warm-up
    for lib in libraries:  # warm-up: thread pools, lazy initialisation, caches
        train[lib](X[:n], y[:n])
    pairs = matmul_products(sizes, args.batch_size)
    warm = args.warmup * args.batch_size  # the samples of the untimed steps before each run
    seconds: dict[str, list[float]] = {lib: [] for lib in libraries}
    matmul_seconds: list[float] = []
    phase_rounds: list[dict[str, float]] = []
    for r in range(args.repeats):
        lo = (r * n) % (args.samples - n + 1)
        shift = r % len(libraries)
        for lib in libraries[shift:] + libraries[:shift]:
            time.sleep(args.settle)
            if warm:
                train[lib](X[:warm], y[:warm])
            start = time.perf_counter()
            train[lib](X[lo : lo + n], y[lo : lo + n])
            seconds[lib].append(time.perf_counter() - start)
        time.sleep(args.settle)
        matmul_seconds.append(time_products(pairs, rounds=5)[0])
        if phases is not None:  # nnbook once more, its phases timed
            time.sleep(args.settle)
            if warm:
                phases(X[:warm], y[:warm])
            phase_rounds.append(phases(X[lo : lo + n], y[lo : lo + n]))
        line = "  ".join(f"{lib} {n / np.median(seconds[lib]):>8.0f}/s" for lib in libraries)
        print(
            f"  throughput round {r + 1}/{args.repeats}, medians so far: {line}",
            file=sys.stderr,
            flush=True,
        )
    rate = {lib: [n / s for s in seconds[lib]] for lib in libraries}
    median = {lib: float(np.median(v)) for lib, v in rate.items()}
    others = [lib for lib in libraries if lib != "nnbook"] if "nnbook" in libraries else []
    steps = -(-n // args.batch_size)
    result = {
        "sizes": sizes,
        **config,
        "samples": args.samples,
        "samples_per_run": n,
        "steps_per_run": steps,
        "samples_per_second": rate,
        "median_samples_per_second": median,
        "median_step_ms": {lib: 1e3 * float(np.median(v)) / steps for lib, v in seconds.items()},
        "ratios": {f"nnbook / {lib}": median["nnbook"] / median[lib] for lib in others},
        "median_ratio_within_rounds": {
            f"nnbook / {lib}": float(np.median(np.divide(rate["nnbook"], rate[lib])))
            for lib in others
        },
    }
    matmul = float(np.median(matmul_seconds))
    result["limit"] = {  # the eight products alone, timed in every round on the same shapes
        "matmul_ms": 1e3 * matmul,
        "samples_per_second": args.batch_size / matmul,
        "fraction_of_limit": {
            lib: matmul / (float(np.median(v)) / steps) for lib, v in seconds.items()
        },
    }
    if "nnbook" in libraries:
        step = float(np.median(seconds["nnbook"])) / steps
        result["nnbook_step"] = step_breakdown(pairs, step, matmul_seconds)
        result["nnbook_step"]["phases_ms"] = {
            phase: float(np.median([r[phase] for r in phase_rounds])) for phase in phase_rounds[0]
        }
    return result


def step_phases(sizes: list[int], config: dict[str, Any]) -> Callable[..., dict[str, float]]:
    r"""nnbook's step written out with its public API, each phase timed: ``net.forward`` (which
    also checks its input, as ``fit`` does once per call), the loss's ``value_and_grad``,
    ``net.backward`` and the momentum update of $\theta$ — the loop of ``MLPClassifier.fit``.

    Each call trains one pass and returns milliseconds per step in each phase; "rest" is the
    remainder of the step: gathering the minibatch and the loop's bookkeeping.
    """
    net = nnbook_network(sizes, config, seed=0)
    rng = np.random.default_rng(0)
    batch = config["batch_size"]
    velocity, grad = np.zeros_like(net.params.theta), net.params.zeros_like()

    def train(X: np.ndarray, y: np.ndarray) -> dict[str, float]:
        nonlocal velocity
        logs: dict[str, float] = {"forward": 0.0, "loss": 0.0, "backward": 0.0, "update": 0.0}
        start = time.perf_counter()
        order = rng.permutation(len(X))
        for first in range(0, len(X), batch):
            idx = order[first : first + batch]
            t0 = time.perf_counter()
            out = net.forward(X[idx])
            t1 = time.perf_counter()
            _, dout = cross_entropy.value_and_grad(out, y[idx])
            t2 = time.perf_counter()
            g = net.backward(dout, out=grad).theta
            t3 = time.perf_counter()
            velocity *= config["momentum"]  # as fit: v ← μ v + g, θ ← θ − η v
            velocity += g
            net.params.theta -= config["lr"] * velocity
            t4 = time.perf_counter()
            for phase, (a, b) in zip(logs, itertools.pairwise((t0, t1, t2, t3, t4)), strict=True):
                logs[phase] += b - a
        total = time.perf_counter() - start
        steps = -(-len(X) // batch)
        ms = {phase: 1e3 * seconds / steps for phase, seconds in logs.items()}
        return {**ms, "rest": 1e3 * total / steps - sum(ms.values())}

    return train


def step_breakdown(
    pairs: list[tuple[Any, Any]], step: float, matmul_rounds: list[float]
) -> dict[str, Any]:
    """How much of nnbook's step its matrix products take, and at what GFLOP/s."""
    _, each = time_products(pairs)
    flops = [2 * a.shape[0] * a.shape[1] * b.shape[1] for a, b in pairs]
    matmul = float(np.median(matmul_rounds))
    return {
        "step_ms": 1e3 * step,
        "matmul_ms": 1e3 * matmul,
        "matmul_ms_per_round": [1e3 * t for t in matmul_rounds],  # the machine's state per round
        "matmul_share": matmul / step,
        "gflop_per_step": sum(flops) / 1e9,
        "gflops_whole_step": sum(flops) / step / 1e9,
        "gflops_matmuls_alone": sum(flops) / matmul / 1e9,
        "products": [
            {
                "shape": f"({a.shape[0]}, {a.shape[1]}) @ ({b.shape[0]}, {b.shape[1]})",
                "gflops": f / t / 1e9,
            }
            for (a, b), f, t in zip(pairs, flops, each, strict=True)
        ],
    }


# --- workload 2: digits ----------------------------------------------------------------------


def digits(args: argparse.Namespace, libraries: list[str]) -> dict[str, Any]:
    """Workload 2: the digits chapter's network and steps (:data:`book.runs.DIGITS_BENCHMARK`),
    for a fixed ``--digits-epochs`` (the chapter itself stops early), on all the training images
    of ``load_digits`` (no validation set)."""
    X_train, X_test, y_train, y_test = load_digits()
    X_train, X_test = X_train.astype(np.float32), X_test.astype(np.float32)
    sizes = DIGITS_NETWORK["sizes"]
    config = {**DIGITS_BENCHMARK, "epochs": args.digits_epochs}
    runs: dict[str, list[dict[str, Any]]] = {lib: [] for lib in libraries}
    warm_up = {lib: SESSIONS[lib](sizes, config, seed=0) for lib in libraries}
    pairs = matmul_products(sizes, config["batch_size"])
    matmul_seconds: list[float] = []
    for seed in range(args.digits_repeats):
        for lib in libraries:
            time.sleep(args.settle)
            if args.warmup:  # one untimed epoch and test of the same library on the same shapes
                train, evaluate = warm_up[lib]
                train(X_train, y_train)
                evaluate(X_test, y_test)
            run = TRAINERS[lib](X_train, y_train, sizes, config, seed, (X_test, y_test))
            runs[lib].append(run)
        time.sleep(args.settle)
        matmul_seconds.append(time_products(pairs, rounds=5)[0])
        print(f"  digits seed {seed + 1}/{args.digits_repeats}", file=sys.stderr, flush=True)
    summaries = {lib: summarise(r, config["epochs"]) for lib, r in runs.items()}
    total = {lib: s["median_seconds_total"] for lib, s in summaries.items()}
    steps = config["epochs"] * -(-len(X_train) // config["batch_size"])
    matmul = float(np.median(matmul_seconds))
    others = [lib for lib in libraries if lib != "nnbook"] if "nnbook" in libraries else []
    return {
        "sizes": sizes,
        **config,
        "target_accuracy": TARGET_ACCURACY,
        **summaries,
        "ratios": {f"nnbook / {lib}": total[lib] / total["nnbook"] for lib in others},
        "limit": {  # one step's eight products alone, timed after every seed
            "matmul_ms": 1e3 * matmul,
            "steps": steps,
            "fraction_of_limit": {lib: matmul * steps / t for lib, t in total.items()},
        },
    }


def summarise(runs: list[dict[str, Any]], epochs: int) -> dict[str, Any]:
    """Medians over seeds of epochs and seconds to the target accuracy, and final accuracy.

    Seconds to the target are the run's time (training plus the per-epoch test evaluation)
    times the fraction of epochs it took; runs that never reach it count as not reaching it.
    """
    reached = [
        next((i + 1 for i, a in enumerate(r["accuracy"]) if a >= TARGET_ACCURACY), None)
        for r in runs
    ]
    hits = [
        (e, r["seconds"] * e / epochs) for e, r in zip(reached, runs, strict=True) if e is not None
    ]
    curves = np.array([r["accuracy"] for r in runs])
    return {
        "reached_target": f"{len(hits)}/{len(runs)}",
        "median_epochs_to_target": float(np.median([e for e, _ in hits])) if hits else None,
        "median_seconds_to_target": float(np.median([s for _, s in hits])) if hits else None,
        "median_final_accuracy": float(np.median(curves[:, -1])),
        "median_seconds_total": float(np.median([r["seconds"] for r in runs])),
        "median_accuracy_per_epoch": np.median(curves, axis=0).tolist(),
    }


# --- environment, the re-run, the report ----------------------------------------------------


def openblas_env() -> dict[str, str]:
    return {k: v for k, v in sorted(os.environ.items()) if k.startswith("OPENBLAS")}


def describe_machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        names = [
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return {
        "cpu": cpu,
        "logical_cpus": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def versions(libraries: list[str]) -> dict[str, str]:
    from importlib.metadata import version

    found = {
        "nnbook": nnbook.__version__,
        "numpy": np.__version__,
        "scikit-learn": version("scikit-learn"),
    }
    if "pytorch" in libraries:
        import torch

        found["pytorch"] = torch.__version__
    if "jax" in libraries:
        import jax

        found["jax"] = jax.__version__
    return found


def blas_info() -> list[dict[str, Any]]:
    from threadpoolctl import threadpool_info

    keys = ("internal_api", "version", "num_threads", "architecture", "prefix")
    return [{k: pool.get(k) for k in keys} for pool in threadpool_info()]


def cpu_seconds() -> tuple[float, float] | None:
    """(CPU seconds used by all processes, seconds elapsed × CPUs) from /proc/stat, if any."""
    try:
        fields = [float(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


def measure(args: argparse.Namespace, libraries: list[str], label: str) -> dict[str, Any]:
    """One complete measurement, and how much of the machine other processes used meanwhile."""
    print(f"[{label}] OPENBLAS_* = {openblas_env() or 'none set'}", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]
    if load_before > 1.0:
        print(
            f"warning: the machine is busy (load average {load_before:.1f}): "
            "the medians will be noisy",
            file=sys.stderr,
        )
    machine_before, own_before = cpu_seconds(), sum(os.times()[:4])
    run: dict[str, Any] = {
        "label": label,
        "openblas_env": openblas_env(),
        "throughput": throughput(args, libraries),
        "digits": digits(args, libraries),
    }
    machine_after, own_after = cpu_seconds(), sum(os.times()[:4])
    if machine_before is not None and machine_after is not None:
        busy = machine_after[0] - machine_before[0]
        available = machine_after[1] - machine_before[1]
        others = max(busy - (own_after - own_before), 0.0) / available
        run["other_processes_cpu_share"] = others
        print(f"[{label}] other processes used {others:.0%} of the CPUs", file=sys.stderr)
    run["blas"] = blas_info()
    if "pytorch" in libraries:
        import torch

        run["pytorch_threads"] = torch.get_num_threads()
    run["load_average_1min"] = [load_before, os.getloadavg()[0]]
    return run


def rerun_without_openblas_env(argv: list[str]) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS")}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.json"
        command = [sys.executable, "-m", "book.benchmark.run", *argv, "--child", str(out)]
        subprocess.run(command, env=env, check=True)
        return json.loads(out.read_text())


def print_table(results: dict[str, Any]) -> None:
    for run in results["runs"]:
        t, d = run["throughput"], run["digits"]
        print(f"\n{run['label']} (OPENBLAS_* = {run['openblas_env'] or 'none set'})")
        print(
            f"{'library':<14}{'samples/s':>12}{'digits: epochs to 97%':>24}{'seconds':>10}{'final acc':>11}"
        )
        for lib, rate in t["median_samples_per_second"].items():
            s = d[lib]
            epochs = (
                "never"
                if s["median_epochs_to_target"] is None
                else f"{s['median_epochs_to_target']:g} ({s['reached_target']})"
            )
            secs = (
                "-"
                if s["median_seconds_to_target"] is None
                else f"{s['median_seconds_to_target']:.2f}"
            )
            print(
                f"{lib:<14}{rate:>12,.0f}{epochs:>24}{secs:>10}{s['median_final_accuracy']:>11.3f}"
            )
        for name, ratio in d["ratios"].items():
            print(f"digits total time {name}: {ratio:.2f}x")
        print(
            "digits, fraction of the limit: "
            + ", ".join(f"{lib} {f:.0%}" for lib, f in d["limit"]["fraction_of_limit"].items())
        )
        for name, ratio in t["ratios"].items():
            within = t["median_ratio_within_rounds"][name]
            print(
                f"throughput {name}: {ratio:.2f}x (median of the rounds' own ratios {within:.2f}x)"
            )
        limit = t["limit"]
        print(
            f"the eight matrix products alone: {limit['matmul_ms']:.2f} ms per step, "
            f"{limit['samples_per_second']:,.0f} samples/s (the limit); fraction of it reached: "
            + ", ".join(f"{lib} {f:.0%}" for lib, f in limit["fraction_of_limit"].items())
        )
        if "numpy-minimal" in t["median_step_ms"] and "nnbook_step" in t:
            floor = t["median_step_ms"]["numpy-minimal"]
            print(
                f"numpy-minimal step {floor:.2f} ms: matrix products alone are "
                f"{100 * t['nnbook_step']['matmul_ms'] / floor:.0f}% of it"
            )
        if "nnbook_step" in t:
            b = t["nnbook_step"]
            print(
                f"nnbook step {b['step_ms']:.2f} ms, matrix products alone {b['matmul_ms']:.2f} ms "
                f"({100 * b['matmul_share']:.0f}% of the step), {b['gflops_matmuls_alone']:.0f} GFLOP/s in products, "
                f"{b['gflops_whole_step']:.0f} GFLOP/s over the whole step"
            )
            print(
                "nnbook step by phase (ms, the step written out with the public API): "
                + ", ".join(f"{k} {v:.3f}" for k, v in b["phases_ms"].items())
            )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    libraries = [lib for lib in args.libraries if available(lib)]
    skipped = [lib for lib in args.libraries if lib not in libraries]
    for lib in skipped:
        print(f"{lib} is not installed: skipped", file=sys.stderr)
    label = "environment as-is" if openblas_env() else "environment as-is (no OPENBLAS_* set)"
    if args.child is not None:
        args.child.write_text(json.dumps(measure(args, libraries, "OPENBLAS_* unset")))
        return 0
    started = time.perf_counter()
    runs = [measure(args, libraries, label)]
    if openblas_env() and not args.no_rerun:
        runs.append(rerun_without_openblas_env(argv))
    results = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": describe_machine(),
        "versions": versions(libraries),
        "skipped": skipped,
        "command": "python scripts/benchmark.py " + " ".join(argv),
        "settle_seconds": args.settle,
        "warmup_steps": args.warmup,
        "wall_seconds": time.perf_counter() - started,
        "runs": runs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1) + "\n")
    print_table(results)
    print(f"\nresults: {args.output}")
    if args.output.resolve() == RESULTS:
        print("the figure: `make figures` redraws it from these results")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
