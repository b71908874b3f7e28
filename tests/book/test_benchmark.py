"""A smoke test of the benchmark (book.benchmark, run by scripts/benchmark.py) on tiny sizes (nothing here is timed or compared).

It checks that the script runs end to end, writes the JSON, skips a missing
library with a note, re-runs itself with ``OPENBLAS_*`` unset when such variables are set, and
that its bookkeeping (labels, products, the timed phases of a step, epochs to the target) is
right.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from book.benchmark import run
from book.benchmark.trainers import jax_session, numpy_minimal_session
from book.paths import REPO
from nnbook.datasets import load_digits

SCRIPT = REPO / "scripts" / "benchmark.py"  # run as a reader runs it
TINY = [
    "--repeats", "2", "--samples", "600", "--features", "20", "--hidden", "16", "8",
    "--batch-size", "64", "--steps", "5", "--digits-repeats", "2", "--digits-epochs", "3",
    "--settle", "0", "--warmup", "2",
]  # fmt: skip


@pytest.fixture(scope="module")
def bench():
    return run


def test_teacher_data_is_float32_deterministic_and_uses_every_class(bench) -> None:
    X, y = bench.teacher_data(2000, 30, seed=4)
    assert X.dtype == np.float32 and X.shape == (2000, 30) and y.shape == (2000,)
    assert set(np.unique(y)) == set(range(10))
    X2, y2 = bench.teacher_data(2000, 30, seed=4)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_matmul_products_are_the_eight_products_of_a_step(bench) -> None:
    sizes, batch = [20, 16, 8, 10], 5
    pairs = bench.matmul_products(sizes, batch)
    shapes = [(a.shape, b.shape) for a, b in pairs]
    assert shapes == [
        ((5, 20), (20, 16)), ((5, 16), (16, 8)), ((5, 8), (8, 10)),  # forward A W
        ((20, 5), (5, 16)), ((16, 5), (5, 8)), ((8, 5), (5, 10)),  # dW = A^T dZ
        ((5, 8), (8, 16)), ((5, 10), (10, 8)),  # dA = dZ W^T above the first layer
    ]  # fmt: skip
    assert all(a.dtype == b.dtype == np.float32 for a, b in pairs)


def test_step_phases_time_every_phase_of_a_step(bench) -> None:
    X, y = bench.teacher_data(256, 12)
    config = {"lr": 0.01, "batch_size": 64, "momentum": 0.9}
    train = bench.step_phases([12, 8, 10], config)
    phases = train(X, y)
    assert list(phases) == ["forward", "loss", "backward", "update", "rest"]
    assert all(phases[p] > 0 for p in ("forward", "loss", "backward", "update"))


def test_numpy_minimal_learns_the_digits() -> None:
    """The bare loop must do the real arithmetic, or the floor it sets would be a fake one."""
    X_train, X_test, y_train, y_test = load_digits()
    X_train, X_test = X_train.astype(np.float32), X_test.astype(np.float32)
    config = {"lr": 0.05, "batch_size": 32, "momentum": 0.9}
    train, evaluate = numpy_minimal_session([64, 32, 10], config, seed=0)
    before = evaluate(X_test, y_test)
    for _ in range(5):
        loss, accuracy = train(X_train, y_train)
    after = evaluate(X_test, y_test)
    assert before[1] < 0.3 and after[1] > 0.93 and after[0] < before[0]
    assert accuracy is not None and accuracy > 0.93 and 0 < loss < after[0] + 0.1


def test_jax_takes_the_same_steps_as_numpy_minimal() -> None:
    """Same initial weights, same shuffling, same arithmetic: the same accuracy after training."""
    pytest.importorskip("jax")
    X_train, X_test, y_train, y_test = load_digits()
    X_train, X_test = X_train.astype(np.float32), X_test.astype(np.float32)
    config = {"lr": 0.05, "batch_size": 32, "momentum": 0.9}
    scores = []
    for session in (jax_session, numpy_minimal_session):
        train, evaluate = session([64, 32, 10], config, seed=0)
        for _ in range(3):
            train(X_train, y_train)
        scores.append(evaluate(X_test, y_test))
    assert scores[0][1] > 0.93 and scores[0][1] == pytest.approx(scores[1][1], abs=0.01)
    assert scores[0][0] == pytest.approx(scores[1][0], rel=0.05)


def test_summarise_counts_epochs_and_seconds_to_the_target(bench) -> None:
    runs = [
        {"seconds": 3.0, "accuracy": [0.90, 0.97, 0.98]},
        {"seconds": 6.0, "accuracy": [0.50, 0.60, 0.96]},
        {"seconds": 3.0, "accuracy": [0.97, 0.99, 0.99]},
    ]
    s = bench.summarise(runs, epochs=3)
    assert s["reached_target"] == "2/3"
    assert s["median_epochs_to_target"] == 1.5  # epochs 2 and 1
    assert s["median_seconds_to_target"] == pytest.approx(1.5)  # 3·2/3 and 3·1/3
    assert s["median_final_accuracy"] == 0.98
    assert s["median_accuracy_per_epoch"] == pytest.approx([0.90, 0.97, 0.98])


def test_the_script_writes_results_and_skips_a_missing_library(
    bench, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(bench, "available", lambda lib: lib not in ("pytorch", "jax"))
    for name in [k for k in os.environ if k.startswith("OPENBLAS")]:
        monkeypatch.delenv(name)
    out = tmp_path / "results.json"
    assert bench.main([*TINY, "--output", str(out)]) == 0
    printed = capsys.readouterr()
    assert "pytorch is not installed: skipped" in printed.err
    assert "jax is not installed: skipped" in printed.err
    assert "nnbook / scikit-learn" in printed.out
    results = json.loads(out.read_text())
    assert results["skipped"] == ["pytorch", "jax"] and results["settle_seconds"] == 0
    assert results["warmup_steps"] == 2
    assert set(results["versions"]) >= {"nnbook", "numpy", "scikit-learn"}
    (run,) = results["runs"]  # nothing to unset: one run
    assert run["openblas_env"] == {}
    if Path("/proc/stat").is_file():
        assert 0 <= run["other_processes_cpu_share"] <= 1
    rates = run["throughput"]["samples_per_second"]
    assert set(rates) == {"nnbook", "scikit-learn", "numpy-minimal"}
    assert all(len(v) == 2 for v in rates.values())
    assert set(run["throughput"]["ratios"]) == {"nnbook / scikit-learn", "nnbook / numpy-minimal"}
    assert set(run["throughput"]["median_step_ms"]) == set(rates)
    assert run["throughput"]["samples_per_run"] == 320 and run["throughput"]["steps_per_run"] == 5
    step = run["throughput"]["nnbook_step"]
    assert step["matmul_ms"] > 0 and step["step_ms"] > 0 and len(step["products"]) == 8
    assert len(step["matmul_ms_per_round"]) == 2
    assert set(step["phases_ms"]) == {"forward", "loss", "backward", "update", "rest"}
    assert all(ms > 0 for ms in step["phases_ms"].values())
    assert len(run["digits"]["nnbook"]["median_accuracy_per_epoch"]) == 3


def test_openblas_variables_trigger_a_second_run_without_them(tmp_path) -> None:
    out = tmp_path / "results.json"
    env = {**os.environ, "OPENBLAS_VERBOSE": "0"}
    command = [sys.executable, str(SCRIPT), *TINY, "--libraries", "nnbook"]
    subprocess.run([*command, "--output", str(out)], env=env, check=True, capture_output=True)
    first, second = json.loads(out.read_text())["runs"]
    assert first["openblas_env"]["OPENBLAS_VERBOSE"] == "0"
    assert second["label"] == "OPENBLAS_* unset" and second["openblas_env"] == {}
    assert set(second["throughput"]["median_samples_per_second"]) == {"nnbook"}


def test_no_warmup_runs_too(bench, tmp_path) -> None:
    out = tmp_path / "results.json"
    argv = [*TINY, "--warmup", "0", "--libraries", "nnbook", "--output", str(out)]
    assert bench.main(argv) == 0
    assert json.loads(out.read_text())["warmup_steps"] == 0


def test_the_figures_read_the_benchmark_and_it_imports_none_of_them() -> None:
    """The benchmark writes its results and the figures read them: no import the other way."""
    from tests.book.test_imports import GRAPH

    assert "book.benchmark" in GRAPH["book.figures.digits"]
    imported = {
        t for m, targets in GRAPH.items() if m.startswith("book.benchmark") for t in targets
    }
    assert "book.runs" in imported  # the digits workload trains the chapter's run
    assert not {t for t in imported if t.startswith("book.figures")}
