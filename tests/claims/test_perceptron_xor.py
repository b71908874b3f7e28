"""Numerical checks of the claims made in the chapters *The perceptron* and *XOR*.

Each test names the claim it checks; the chapters' prose relies on these being true for every
input, not just the examples the pages print.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from nnbook import MLPClassifier, Perceptron
from nnbook.datasets import logic_gate, xor
from nnbook.gates import INPUTS, OR, XOR, Gate, GateNetwork
from nnbook.gradcheck import numerical_gradient, relative_error

# --- helpers: the chapter's formulas, written independently of nnbook.perceptron ----------


def augment(X: np.ndarray) -> np.ndarray:
    return np.hstack([X, np.ones((len(X), 1))])


def criterion(w_tilde: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """J(w) = -sum over M of y_n w·x_n, with M = {n : y_n w·x_n <= 0}."""
    m = y * (augment(X) @ w_tilde)
    return float(-np.sum(m[m <= 0]))


def gradient(w_tilde: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """grad J = -sum over M of y_n x_n."""
    Xt = augment(X)
    M = y * (Xt @ w_tilde) <= 0
    return -(y[M] @ Xt[M])


def random_problem(rng: np.random.Generator, n: int = 20, d: int = 3, separable: bool = False):
    """Continuous inputs (no exact ties) with random labels, or labels from a true separator."""
    X = rng.normal(size=(n, d))
    if not separable:
        return X, rng.choice([-1, 1], size=n), None
    u = rng.normal(size=d + 1)
    scores = augment(X) @ u
    keep = np.abs(scores) > 0.1 * np.abs(scores).max()  # a clear margin
    return X[keep], np.where(scores[keep] > 0, 1, -1), u


# --- chapter "The perceptron" -------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_gradient_of_criterion_matches_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng)
    for _ in range(5):
        w = rng.normal(size=X.shape[1] + 1)
        numeric = numerical_gradient(lambda v: criterion(v, X, y), w)
        assert relative_error(gradient(w, X, y), numeric) < 1e-8


@pytest.mark.parametrize(("seed", "lr"), [(0, 1.0), (1, 0.3), (2, 2.5)])
def test_perceptron_update_is_a_gradient_step_on_the_criterion(seed: int, lr: float) -> None:
    """fit with max_epochs=k returns w_k of w_{t+1} = w_t - lr * grad J(w_t), w_0 = 0."""
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng, n=30)
    # The first step is taken at the kink w = 0, where "<= 0" puts every point in M.
    first = Perceptron(lr=lr, max_epochs=1).fit(X, y)
    np.testing.assert_allclose(np.append(first.w_, first.b_), lr * (y @ augment(X)), rtol=1e-12)
    previous = np.append(first.w_, first.b_)
    for k in range(2, 8):
        p = Perceptron(lr=lr, max_epochs=k).fit(X, y)
        assert not p.converged_
        # Later iterates are generic: J is differentiable there, so use finite differences.
        step = previous - lr * numerical_gradient(lambda v: criterion(v, X, y), previous)
        current = np.append(p.w_, p.b_)
        np.testing.assert_allclose(current, step, rtol=1e-6, atol=1e-9)
        previous = current


def test_criterion_is_nonnegative_convex_and_zero_iff_no_strict_violation() -> None:
    rng = np.random.default_rng(3)
    X, y, _ = random_problem(rng)
    for _ in range(200):
        u, v = rng.normal(size=(2, X.shape[1] + 1))
        lam = rng.uniform()
        J_u, J_v = criterion(u, X, y), criterion(v, X, y)
        assert J_u >= 0
        assert criterion(lam * u + (1 - lam) * v, X, y) <= lam * J_u + (1 - lam) * J_v + 1e-12
        strictly_wrong = np.any(y * (augment(X) @ u) < 0)
        assert (J_u == 0) == (not strictly_wrong)


def test_zero_weights_give_zero_criterion_with_every_point_misclassified() -> None:
    X, y = logic_gate("AND")
    m = y * (augment(X) @ np.zeros(3))
    assert criterion(np.zeros(3), X, y) == 0
    assert np.sum(m <= 0) == len(X)  # "<=": all four are in M, so training moves
    assert np.sum(m < 0) == 0  # "<": M would be empty and training would stop at once


def test_criterion_method_matches_formula_and_never_returns_negative_zero() -> None:
    rng = np.random.default_rng(4)
    X, y, _ = random_problem(rng)
    p = Perceptron(max_epochs=3).fit(X, y)
    assert p.criterion(X, y) == pytest.approx(criterion(np.append(p.w_, p.b_), X, y), rel=1e-12)
    for gate in ("AND", "OR"):
        J = Perceptron().fit(*logic_gate(gate)).criterion(*logic_gate(gate))
        assert J == 0 and np.copysign(1.0, J) == 1.0


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND", "NOR"])
def test_learning_rate_only_scales_the_run_when_arithmetic_is_exact(gate: str) -> None:
    X, y = logic_gate(gate)
    ref = Perceptron(lr=1.0).fit(X, y)
    for lr in (2.0**-7, 0.5, 4.0, 100.0):
        p = Perceptron(lr=lr).fit(X, y)
        assert p.misclassified_ == ref.misclassified_
        np.testing.assert_array_equal(p.w_ / lr, ref.w_)
        assert p.b_ / lr == ref.b_


@pytest.mark.parametrize("seed", range(5))
def test_learning_rate_only_scales_the_run_on_continuous_data(seed: int) -> None:
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng, n=40, separable=True)
    ref = Perceptron(lr=1.0, max_epochs=10_000).fit(X, y)
    assert ref.converged_
    for lr in (0.01, 0.37, 13.0):
        p = Perceptron(lr=lr, max_epochs=10_000).fit(X, y)
        assert p.misclassified_ == ref.misclassified_
        np.testing.assert_allclose(np.append(p.w_, p.b_) / lr, np.append(ref.w_, ref.b_), rtol=1e-9)


def test_inexact_learning_rates_can_stop_on_a_point_at_rounding_distance() -> None:
    """The pitfall shown in the chapter: lr = 0.01 on AND ends with a point on the line."""
    X, y = logic_gate("AND")
    p = Perceptron(lr=0.01).fit(X, y)
    exact = Perceptron(lr=1.0).fit(X, y)
    assert p.converged_ and p.n_epochs_ != exact.n_epochs_
    assert np.abs(p.decision_function(X)).min() / 0.01 < 1e-12


def novikoff_setting(seed: int):  # type: ignore[no-untyped-def]
    """A separable problem with its unit separator u, margin gamma and radius R (augmented)."""
    X, y, u = random_problem(np.random.default_rng(seed), n=50, d=2, separable=True)
    Xt = augment(X)
    u = u / np.linalg.norm(u)
    return X, y, Xt, u, np.min(y * (Xt @ u)), np.linalg.norm(Xt, axis=1).max()


@pytest.mark.parametrize("seed", range(10))
def test_number_of_updates_respects_the_convergence_bound(seed: int) -> None:
    X, y, _, _, gamma, R = novikoff_setting(seed)
    p = Perceptron(max_epochs=100_000).fit(X, y)
    assert p.converged_
    assert p.n_epochs_ - 1 <= len(X) * (R / gamma) ** 2
    assert sum(p.misclassified_) <= len(X) * (R / gamma) ** 2


@pytest.mark.parametrize("gate", ["AND", "OR"])
def test_and_or_are_learned_with_equal_weights(gate: str) -> None:
    X, y = logic_gate(gate)
    p = Perceptron().fit(X, y)  # converges: tests/unit/test_perceptron.py
    assert p.w_[0] == p.w_[1] > 0  # the line is perpendicular to the diagonal x1 = x2


def iterates(X: np.ndarray, y: np.ndarray, lr: float = 1.0) -> list[np.ndarray]:
    """w_0 = 0, w_1, ..., w_T of one run: fit stopped after t updates returns w_t."""
    epochs = Perceptron(lr=lr, max_epochs=100_000).fit(X, y).n_epochs_
    runs = [Perceptron(lr=lr, max_epochs=t).fit(X, y) for t in range(1, epochs)]
    return [np.zeros(X.shape[1] + 1)] + [np.append(p.w_, p.b_) for p in runs]


def is_monotone(values: list) -> bool:
    steps = np.diff(values)
    return bool(np.all(steps <= 0) or np.all(steps >= 0))


def test_and_error_count_is_not_monotone_and_or_error_count_is() -> None:
    """The chapter: |M| goes up and down on AND, but happens to fall monotonically on OR."""
    and_history = Perceptron().fit(*logic_gate("AND")).misclassified_
    or_history = Perceptron().fit(*logic_gate("OR")).misclassified_
    assert any(b > a for a, b in itertools.pairwise(and_history))
    assert all(b <= a for a, b in itertools.pairwise(or_history))


@pytest.mark.parametrize("gate", ["AND", "OR"])
def test_criterion_along_the_run_starts_at_its_minimum_and_is_not_monotone(gate: str) -> None:
    """The update is a fixed-step subgradient step, not a descent method on J."""
    X, y = logic_gate(gate)
    ws = iterates(X, y)
    J = [criterion(w, X, y) for w in ws]
    assert [int(np.sum(y * (augment(X) @ w) <= 0)) for w in ws] == Perceptron().fit(
        X, y
    ).misclassified_
    assert J[0] == 0 == min(J)  # J(0) = 0 is a global minimum of J ...
    assert J[1] > J[0]  # ... so the first update raises J
    assert J[-1] == 0
    if gate == "AND":  # on AND, J goes down and then up again
        assert any(b < a for a, b in itertools.pairwise(J))
        assert not is_monotone(J[1:])


@pytest.mark.parametrize("seed", range(10))
def test_progress_is_measured_along_a_separator_not_by_the_criterion(seed: int) -> None:
    """Novikoff: u·w_t rises at every update, u·w_t >= gamma S_t and |w_t|^2 <= N R^2 S_t."""
    X, y, Xt, u, gamma, R = novikoff_setting(seed)
    ws = iterates(X, y)
    m = [int(np.sum(y * (Xt @ w) <= 0)) for w in ws]
    S = np.concatenate([[0], np.cumsum(m[:-1])])
    along = np.array([u @ w for w in ws])
    assert np.all(np.diff(along) > 0)
    assert np.all(along >= gamma * S - 1e-9)
    assert np.all([w @ w <= len(X) * R**2 * s + 1e-9 for w, s in zip(ws, S, strict=True)])


def test_predict_maps_a_zero_score_to_minus_one_unlike_np_sign() -> None:
    """The batch perceptron stays at w = 0 on XOR, where every score is exactly 0."""
    X, y = logic_gate("XOR")
    p = Perceptron(max_epochs=5).fit(X, y)
    scores = p.decision_function(X)
    assert np.all(scores == 0)
    np.testing.assert_array_equal(p.predict(X), -np.ones(4))
    np.testing.assert_array_equal(np.sign(scores), np.zeros(4))


@pytest.mark.parametrize(("seed", "lr"), [(0, 1.0), (1, 0.3), (2, 2.5), (3, 1.0), (4, 1.0)])
def test_batch_step_raises_the_total_margin_of_m_but_not_each_margin(seed: int, lr: float) -> None:
    """The chapter: a batch step changes the margin of n in M by lr |x~_n|^2 (its own pull)
    plus the other points' pulls; summed over M the change is lr |sum_M y_n x~_n|^2 >= 0."""
    rng = np.random.default_rng(seed)
    X, y, _ = random_problem(rng, n=30)
    Xt = augment(X)
    fallen = 0
    previous = np.zeros(Xt.shape[1])  # w_0
    for k in range(1, 10):
        p = Perceptron(lr=lr, max_epochs=k).fit(X, y)
        current = np.append(p.w_, p.b_)
        M = y * (Xt @ previous) <= 0
        change = y * (Xt @ current) - y * (Xt @ previous)
        pull = y[M] @ Xt[M]
        own = lr * np.sum(Xt[M] ** 2, axis=1)
        others = lr * (y[M] * (Xt[M] @ pull)) - own
        np.testing.assert_allclose(change[M], own + others, rtol=1e-9, atol=1e-9)
        assert np.isclose(change[M].sum(), lr * pull @ pull)
        fallen += int(np.sum(change[M] < 0))
        previous = current
    assert fallen > 0  # some misclassified point lost margin in a batch step


def test_a_point_alone_in_m_gains_exactly_its_squared_length() -> None:
    """M = {n} (here: every epoch after the first of exercise 1.6's run) or the online rule:
    the margin of n rises by lr |x~_n|^2."""
    X, y = np.array([[0.0], [0.3]]), np.array([-1, 1])
    Xt = augment(X)
    previous, lone = np.zeros(2), 0
    for k in range(1, 30):
        p = Perceptron(lr=0.5, max_epochs=k).fit(X, y)
        current = np.append(p.w_, p.b_)
        M = np.flatnonzero(y * (Xt @ previous) <= 0)
        if len(M) == 1:
            (n,) = M
            gain = y[n] * Xt[n] @ (current - previous)
            assert np.isclose(gain, 0.5 * Xt[n] @ Xt[n]) and gain > 0
            lone += 1
        previous = current
    assert lone > 10
    rng = np.random.default_rng(0)
    X, y, _ = random_problem(rng)
    Xt = augment(X)
    w = rng.normal(size=Xt.shape[1])
    for n in np.flatnonzero(y * (Xt @ w) <= 0):  # the online rule corrects one point at a time
        w_new = w + 0.7 * y[n] * Xt[n]
        assert np.isclose(y[n] * Xt[n] @ (w_new - w), 0.7 * Xt[n] @ Xt[n])


def test_first_batch_step_on_and_loses_one_one_and_on_xor_moves_nothing() -> None:
    X, y = logic_gate("AND")
    p = Perceptron(max_epochs=1).fit(X, y)
    w1 = np.append(p.w_, p.b_)
    np.testing.assert_array_equal(w1, [0.0, 0.0, -2.0])
    np.testing.assert_array_equal(y * (augment(X) @ w1), [2.0, 2.0, 2.0, -2.0])
    assert augment(X)[3] @ augment(X)[3] == 3.0  # the own pull of (1, 1), outweighed by -5
    X, y = logic_gate("XOR")
    p = Perceptron(max_epochs=1).fit(X, y)
    assert not np.any(p.w_) and p.b_ == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_a_lone_correction_never_widens_the_angle(seed: int) -> None:
    """Exercise 1.1: with w = beta y x~/|x~| + w_perp, the update adds |x~| to beta and keeps
    w_perp; the angle shrinks if w_perp != 0; if w_perp = 0 (beta < 0) the cosine is -1 before
    and sign(beta + |x~|) after."""
    rng = np.random.default_rng(seed)
    yx = rng.normal(size=4)
    length = np.linalg.norm(yx)

    def cos(w: np.ndarray) -> float:
        return float(w @ yx / (np.linalg.norm(w) * length))

    for w in rng.normal(scale=3.0, size=(200, 4)):
        assert cos(w + yx) > cos(w)
        beta = w @ yx / length
        assert np.isclose((w + yx) @ yx / length, beta + length)
    for factor in (-3.0, -1.5, -0.9, -0.2):  # w_perp = 0, beta = factor * |x~| < 0
        w = factor * yx
        assert np.isclose(cos(w), -1.0)
        assert np.isclose(cos(w + yx), np.sign(factor + 1.0))


# --- chapter "XOR and the multilayer perceptron" ------------------------------------------

XOR_SETTINGS = {"epochs": 300, "lr": 0.1, "batch_size": 4, "momentum": 0.9}
AND_NOT_NET = GateNetwork(
    (Gate("x1 AND NOT x2", (1.0, -1.0), -0.5), Gate("NOT x1 AND x2", (-1.0, 1.0), -0.5)), OR
)


def separable(X: np.ndarray, y: np.ndarray) -> bool:
    """Is there (w, b) with y_n (w·x_n + b) >= 1 for all n? (Equivalent to > 0 by scaling.)"""
    A = -(y[:, None] * augment(X))
    result = linprog(np.zeros(A.shape[1]), A_ub=A, b_ub=-np.ones(len(y)), bounds=(None, None))
    assert result.status in (0, 2), result.message  # 0: feasible, 2: infeasible
    return bool(result.status == 0)


def test_post_formula_computes_xnor_and_the_corrected_one_xor() -> None:
    a, b = INPUTS[:, 0], INPUTS[:, 1]
    xor_bits = a ^ b
    post = (a & b) | ((1 - a) & (1 - b))
    corrected = (a & (1 - b)) | ((1 - a) & b)
    np.testing.assert_array_equal(post, 1 - xor_bits)  # XNOR
    np.testing.assert_array_equal(corrected, xor_bits)
    np.testing.assert_array_equal(XOR(INPUTS), xor_bits)
    np.testing.assert_array_equal(AND_NOT_NET(INPUTS), xor_bits)


def test_xor_inequalities_have_no_solution_while_the_other_gates_do() -> None:
    for gate in ("AND", "OR", "NAND", "NOR"):
        assert separable(*logic_gate(gate))
    X, y = logic_gate("XOR")
    assert not separable(X, y)
    # The certificate: coefficients lambda >= 0, not all zero, that combine the y_n x_n into 0
    # (for XOR, lambda = (1, 1, 1, 1): the plain sum of the y_n x_n is the zero vector).
    np.testing.assert_array_equal(np.ones(4) @ (y[:, None] * augment(X)), np.zeros(3))


def test_xor_margins_sum_to_zero_so_at_most_three_are_correct() -> None:
    X, y = logic_gate("XOR")
    W = np.random.default_rng(5).normal(scale=10.0, size=(10_000, 3))
    margins = y * (W @ augment(X).T)
    np.testing.assert_allclose(margins.sum(axis=1), 0.0, atol=1e-12)
    assert np.all((margins > 0).sum(axis=1) <= 3)


@pytest.mark.parametrize("lr", [0.01, 1.0, 7.0])
def test_batch_perceptron_never_leaves_zero_on_xor(lr: float) -> None:
    X, y = logic_gate("XOR")
    p = Perceptron(lr=lr, max_epochs=200).fit(X, y)
    assert not p.converged_ and p.n_epochs_ == 200
    assert np.all(p.w_ == 0) and p.b_ == 0
    assert set(p.misclassified_) == {4}


def online_perceptron(X_tilde, y, lr, epochs, rng):
    w = rng.normal(size=X_tilde.shape[1])
    errors, norms = [], []
    for _ in range(epochs):
        for n in rng.permutation(len(y)):
            if y[n] * (X_tilde[n] @ w) <= 0:
                w = w + lr * y[n] * X_tilde[n]
        errors.append(int(np.sum(y * (X_tilde @ w) <= 0)))
        norms.append(float(np.linalg.norm(w)))
    return errors, norms


@pytest.mark.parametrize("lr", [0.01, 0.1, 1.0, 10.0])
@pytest.mark.parametrize("seed", range(5))
def test_online_perceptron_never_solves_xor_and_stays_bounded(lr: float, seed: int) -> None:
    X, y = logic_gate("XOR")
    errors, norms = online_perceptron(augment(X), y, lr, 1000, np.random.default_rng(seed))
    assert min(errors) >= 1
    # No drift: the second half of training reaches no larger weights than the first half
    # allowed, up to one more update's worth.
    assert max(norms[500:]) <= max(norms[:500]) + lr * np.sqrt(3)


def test_gate_network_matrix_form_matches_the_gates() -> None:
    W1 = np.array([[1.0, -1.0], [-1.0, 1.0]])
    b1 = np.array([-0.5, -0.5])
    W2 = np.array([[1.0], [1.0]])
    b2 = np.array([-0.5])
    A1 = (INPUTS @ W1 + b1 > 0).astype(int)  # step(s) = 1 for s > 0, 0 for s <= 0
    np.testing.assert_array_equal(A1, AND_NOT_NET.hidden(INPUTS))
    np.testing.assert_array_equal((A1 @ W2 + b2 > 0)[:, 0].astype(int), INPUTS[:, 0] ^ INPUTS[:, 1])


@pytest.mark.parametrize("net", [AND_NOT_NET, XOR], ids=["and-not", "or-nand"])
def test_hidden_space_of_the_gate_networks_is_linearly_separable(net: GateNetwork) -> None:
    X, y = logic_gate("XOR")
    A = net.hidden(X)
    assert not separable(X, y) and separable(A, y)
    p = Perceptron().fit(A, y)
    assert p.converged_
    np.testing.assert_array_equal(p.predict(A), y)


def test_product_feature_makes_xor_exactly_linear() -> None:
    X, y = xor()
    phi = np.column_stack([np.ones(4), X[:, 0], X[:, 1], X[:, 0] * X[:, 1]])
    coef, *_ = np.linalg.lstsq(phi, y, rcond=None)
    np.testing.assert_allclose(coef, [0.0, 1.0, 1.0, -2.0], atol=1e-12)
    np.testing.assert_allclose(phi @ coef, y, atol=1e-12)


def hidden_tanh(net: MLPClassifier, X: np.ndarray) -> np.ndarray:
    return np.tanh(X @ net.W[1] + net.b[1])


def test_trained_mlp_solves_xor_with_a_separable_hidden_layer() -> None:
    X, y = xor()
    net = MLPClassifier([2, 2, 2], activation="tanh", seed=0, **XOR_SETTINGS).fit(X, y)
    assert net.score(X, y) == 1.0
    assert net.history_["loss"][-1] < 0.05 < net.history_["loss"][0]
    A1 = hidden_tanh(net, X)
    W2, b2 = net.W[2], net.b[2]
    score = A1 @ (W2[:, 1] - W2[:, 0]) + (b2[1] - b2[0])
    np.testing.assert_allclose(score, np.diff(net.forward(X), axis=1)[:, 0], rtol=1e-12)
    np.testing.assert_array_equal(score > 0, y == 1)
    assert Perceptron().fit(A1, 2 * y - 1).converged_
    # Its hidden units follow OR and NAND in sign, like the gate network rescaled to +-1.
    np.testing.assert_array_equal(np.sign(A1), 2 * XOR.hidden(X) - 1)
    # The two positive inputs land close together, far from both negative ones.
    pos, neg = A1[y == 1], A1[y == 0]
    assert np.linalg.norm(pos[0] - pos[1]) < 0.2 * np.linalg.norm(pos[:, None] - neg, axis=2).min()


def xor_runs(
    activation: str, width: int, seeds: range = range(10)
) -> list[MLPClassifier]:  # as the page
    X, y = xor()
    return [
        MLPClassifier([2, width, 2], activation=activation, seed=s, **XOR_SETTINGS).fit(X, y)
        for s in seeds
    ]


def test_width_helps_and_narrow_relu_networks_die() -> None:
    X, y = xor()
    wins = {
        (act, width): sum(net.score(X, y) == 1.0 for net in xor_runs(act, width))
        for act in ("tanh", "relu")
        for width in (2, 4, 8)
    }
    for act in ("tanh", "relu"):
        assert wins[act, 2] <= wins[act, 4] <= wins[act, 8]
        assert wins[act, 2] < wins[act, 8]
    assert wins["relu", 2] < wins["tanh", 2]
    failed = [net for net in xor_runs("relu", 2) if net.score(X, y) < 1.0]
    W_b = [(net.W[1], net.b[1]) for net in failed]
    dead = [np.any(np.all(X @ W + b <= 0, axis=0)) for W, b in W_b]
    assert sum(dead) > len(failed) / 2


def test_failed_tanh_runs_merge_two_inputs_of_different_classes() -> None:
    X, y = xor()
    failed = [net for net in xor_runs("tanh", 2) if net.score(X, y) < 1.0]
    assert failed
    for net in failed:
        A1 = hidden_tanh(net, X)
        gaps = [
            np.linalg.norm(A1[i] - A1[j])
            for i, j in itertools.combinations(range(4), 2)
            if y[i] != y[j]
        ]
        assert min(gaps) < 0.05
