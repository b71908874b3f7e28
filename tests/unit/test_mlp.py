"""Tests for :class:`nnbook.MLP`: layout, forward/backward, a network worked out by hand,
the training loop (SGD, momentum, shuffling, history, progress bar) and prediction.
"""

from __future__ import annotations

import copy
import io
import math

import numpy as np
import pytest

from nnbook import MLP
from nnbook._progress import ProgressBar
from nnbook.activations import sigmoid
from nnbook.datasets import two_moons, xor
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import cross_entropy, mse_loss

# --- layout and initialisation -------------------------------------------------------------


def test_params_are_w_then_b_per_layer_with_w_of_shape_n_in_by_n_out():
    net = MLP([4, 3, 2])
    assert [p.shape for p in net.params] == [(4, 3), (3,), (3, 2), (2,)]
    assert all(np.all(b == 0) for b in net.params[1::2])


@pytest.mark.parametrize(("activation", "gain"), [("relu", 2.0), ("tanh", 1.0)])
def test_initial_weight_scale_is_he_or_lecun(activation, gain):
    W = MLP([400, 300, 1], activation=activation, seed=1).params[0]
    assert W.std() == pytest.approx(math.sqrt(gain / 400), rel=0.03)
    assert abs(W.mean()) < 0.003


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_runs_through_params_forward_backward_and_training(dtype, rng):
    net = MLP([3, 4, 2], dtype=dtype)
    X = rng.standard_normal((5, 3))  # float64 data is converted to the network's dtype
    assert {p.dtype for p in net.params} == {np.dtype(dtype)}
    out = net.forward(X)
    assert out.dtype == dtype
    for dout in (np.ones_like(out), np.ones(out.shape)):  # dout of either precision
        assert {g.dtype for g in net.backward(dout)} == {np.dtype(dtype)}
    net.fit(X, rng.integers(0, 2, 5), epochs=2, batch_size=2, momentum=0.9, progress=False)
    assert {p.dtype for p in net.params} == {np.dtype(dtype)}


def test_same_seed_same_network_different_seed_different_network():
    a, b, c = MLP([2, 5, 2], seed=4), MLP([2, 5, 2], seed=4), MLP([2, 5, 2], seed=5)
    for p, q in zip(a.params, b.params, strict=True):
        np.testing.assert_array_equal(p, q)
    assert not np.array_equal(a.params[0], c.params[0])


# --- forward and backward --------------------------------------------------------------------


def test_output_layer_is_linear(rng):
    net = MLP([2, 3, 2], activation="relu")
    X = rng.standard_normal((4, 2))
    W1, b1, W2, b2 = net.params
    np.testing.assert_allclose(net.forward(X), np.maximum(X @ W1 + b1, 0) @ W2 + b2)


def test_backward_uses_the_latest_forward(rng):
    # (Without any forward pass it raises: test_errors.py.)
    net = MLP([2, 3, 1], activation="tanh")
    X1, X2 = rng.standard_normal((4, 2)), rng.standard_normal((4, 2))
    net.forward(X2)
    expected = net.backward(np.ones((4, 1)))
    net.forward(X1)
    net.forward(X2)
    for g, e in zip(net.backward(np.ones((4, 1))), expected, strict=True):
        np.testing.assert_array_equal(g, e)


def test_backward_does_not_modify_dout(rng):
    net = MLP([2, 3, 3, 2], activation="elu")
    net.forward(rng.standard_normal((4, 2)))
    dout = rng.standard_normal((4, 2))
    dout0 = dout.copy()
    net.backward(dout)
    np.testing.assert_array_equal(dout, dout0)


# --- a 2-2-1 network worked out by hand ------------------------------------------------------


def hand_network():
    r"""Sigmoid hidden layer, linear output, chosen so every number is exact by hand.

    x = (1, 2).  W1 = [[0.2, 0.5], [−0.1, 0.25]], b1 = (0, ln 3 − 1)
      z1 = x W1 + b1 = (0.2 − 0.2 + 0, 0.5 + 0.5 + ln 3 − 1) = (0, ln 3)
      a1 = σ(z1) = (1/2, 1/(1 + 1/3)) = (0.5, 0.75)
      σ'(z1) = a1(1 − a1) = (0.25, 0.1875)
    W2 = [[2], [−1]], b2 = 0.5
      ŷ = 0.5·2 + 0.75·(−1) + 0.5 = 0.75;  target y = 1.75, so ŷ − y = −1
      L = mse (mean over 1 element) = (−1)² = 1
    Backward:
      dŷ = 2(ŷ − y)/1 = −2
      dW2 = a1ᵀ dŷ = (−1, −1.5)ᵀ,  db2 = −2
      da1 = dŷ W2ᵀ = −2·(2, −1) = (−4, 2)
      dz1 = da1 ⊙ σ'(z1) = (−1, 0.375)
      dW1 = xᵀ dz1 = [[−1, 0.375], [−2, 0.75]],  db1 = (−1, 0.375)
    One SGD step with lr = 0.1: θ ← θ − 0.1 dθ.
    """
    net = MLP([2, 2, 1], activation="sigmoid")
    net.params[:] = [
        np.array([[0.2, 0.5], [-0.1, 0.25]]),
        np.array([0.0, math.log(3) - 1]),
        np.array([[2.0], [-1.0]]),
        np.array([0.5]),
    ]
    return net, np.array([[1.0, 2.0]]), np.array([[1.75]])


def test_hand_network_intermediates():
    net, X, y = hand_network()
    W1, b1, W2, b2 = net.params
    z1, aff1 = affine_forward(X, W1, b1)
    np.testing.assert_allclose(z1, [[0.0, math.log(3)]], atol=1e-15)
    a1, act1 = activation_forward(z1, sigmoid)
    np.testing.assert_allclose(a1, [[0.5, 0.75]], rtol=1e-15)
    yhat, aff2 = affine_forward(a1, W2, b2)
    np.testing.assert_allclose(yhat, [[0.75]], rtol=1e-15)
    assert mse_loss(yhat, y) == pytest.approx(1.0, rel=1e-15)
    dyhat = mse_loss.grad(yhat, y)
    np.testing.assert_allclose(dyhat, [[-2.0]], rtol=1e-15)
    da1, dW2, db2 = affine_backward(dyhat, aff2)
    np.testing.assert_allclose(dW2, [[-1.0], [-1.5]], rtol=1e-15)
    np.testing.assert_allclose(db2, [-2.0])
    np.testing.assert_allclose(da1, [[-4.0, 2.0]])
    dz1 = activation_backward(da1, act1)
    np.testing.assert_allclose(dz1, [[-1.0, 0.375]], rtol=1e-15)
    _, dW1, db1 = affine_backward(dz1, aff1)
    np.testing.assert_allclose(dW1, [[-1.0, 0.375], [-2.0, 0.75]], rtol=1e-15)
    np.testing.assert_allclose(db1, [-1.0, 0.375], rtol=1e-15)


def test_hand_network_gradients_from_the_mlp():
    net, X, y = hand_network()
    np.testing.assert_allclose(net.forward(X), [[0.75]], rtol=1e-15)
    dW1, db1, dW2, db2 = net.backward(mse_loss.grad(net.forward(X), y))
    np.testing.assert_allclose(dW1, [[-1.0, 0.375], [-2.0, 0.75]], rtol=1e-15)
    np.testing.assert_allclose(db1, [-1.0, 0.375], rtol=1e-15)
    np.testing.assert_allclose(dW2, [[-1.0], [-1.5]], rtol=1e-15)
    np.testing.assert_allclose(db2, [-2.0], rtol=1e-15)


def test_hand_network_one_sgd_step():
    net, X, y = hand_network()
    net.fit(X, y[:, 0], epochs=1, lr=0.1, batch_size=1, progress=False)
    W1, b1, W2, b2 = net.params
    # θ − 0.1·dθ with the gradients above.
    np.testing.assert_allclose(W1, [[0.3, 0.4625], [0.1, 0.175]], rtol=1e-14)
    np.testing.assert_allclose(b1, [0.1, math.log(3) - 1 - 0.0375], rtol=1e-14)
    np.testing.assert_allclose(W2, [[2.1], [-0.85]], rtol=1e-14)
    np.testing.assert_allclose(b2, [0.7], rtol=1e-14)
    assert net.history == {"loss": [pytest.approx(1.0, rel=1e-15)]}  # loss before the step
    assert float(mse_loss(net.forward(X), y)) < 1.0  # and the step went downhill


# --- training -------------------------------------------------------------------------------


def test_momentum_update_is_v_mu_plus_g_then_step():
    X, y = two_moons(24, seed=1)
    net = MLP([2, 6, 2], activation="tanh", seed=2)
    ref = MLP([2, 6, 2], activation="tanh", seed=2)
    net.fit(X, y, epochs=5, lr=0.2, batch_size=24, momentum=0.9, progress=False)
    # Full batch: the shuffle only reorders the rows inside the mean.
    velocity = [np.zeros_like(p) for p in ref.params]
    for _ in range(5):
        grads = ref.backward(cross_entropy.grad(ref.forward(X), y))
        for p, v, g in zip(ref.params, velocity, grads, strict=True):
            v[...] = 0.9 * v + g
            p -= 0.2 * v
    for p, q in zip(net.params, ref.params, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-10, atol=1e-12)


def test_same_seed_same_training_run():
    X, y = two_moons(60, seed=0)
    runs = [
        MLP([2, 8, 2], seed=s).fit(X, y, epochs=4, batch_size=7, progress=False)
        for s in (11, 11, 12)
    ]
    assert runs[0].history == runs[1].history
    for p, q in zip(runs[0].params, runs[1].params, strict=True):
        np.testing.assert_array_equal(p, q)
    assert runs[0].history != runs[2].history


def test_history_loss_weights_a_short_last_batch_correctly():
    # With a vanishing learning rate the parameters stay put, so the epoch loss must equal
    # the loss over the whole set even though the batches are 3, 3, 3, 1.
    X, y = two_moons(10, seed=3)
    net = MLP([2, 4, 2], seed=0)
    logits = net.forward(X)
    before = float(cross_entropy(logits, y))
    accuracy = np.mean(logits.argmax(axis=1) == y)  # not fitted yet: score would mean R²
    net.fit(X, y, epochs=1, lr=1e-300, batch_size=3, progress=False)
    assert net.history["loss"][0] == pytest.approx(before, rel=1e-12)
    assert net.history["accuracy"][0] == pytest.approx(accuracy)


def test_history_keys_and_lengths():
    X, y = two_moons(40, seed=0)
    net = MLP([2, 4, 2]).fit(X, y, epochs=3, progress=False, validation_data=(X[:10], y[:10]))
    assert set(net.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 3 for v in net.history.values())
    reg = MLP([2, 4, 1]).fit(X, X[:, 0] * 0.5, epochs=2, progress=False)
    assert set(reg.history) == {"loss"} and len(reg.history["loss"]) == 2


def test_fit_learns_xor_and_moons():
    X, y = xor()
    net = MLP([2, 8, 2], activation="tanh", seed=0)
    assert net.fit(X, y, epochs=300, lr=0.1, batch_size=4, momentum=0.9, progress=False) is net
    assert net.score(X, y) == 1.0
    np.testing.assert_array_equal(net.predict(X), y)
    X, y = two_moons(200, noise=0.1, seed=0)
    net = MLP([2, 16, 2], activation="relu", seed=0)
    net.fit(X, y, epochs=60, lr=0.1, batch_size=16, momentum=0.9, progress=False)
    assert net.history["loss"][-1] < 0.5 * net.history["loss"][0]
    assert net.score(X, y) > 0.95


def test_predict_proba_and_score_agree_with_predict(rng):
    X, y = two_moons(50, seed=2)
    net = MLP([2, 5, 2], seed=1).fit(X, y, epochs=5, progress=False)
    proba = net.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(net.predict(X), proba.argmax(axis=1))
    assert net.score(X, y) == pytest.approx(np.mean(net.predict(X) == y))


def test_regression_fit_predict_score(rng):
    X = rng.uniform(-1, 1, (64, 2))
    y = X @ np.array([1.5, -2.0]) + 0.3
    net = MLP([2, 8, 1], activation="tanh", seed=0)
    net.fit(X, y, epochs=200, lr=0.05, batch_size=16, momentum=0.9, progress=False)
    assert net.classes_ is None
    assert net.predict(X).shape == (64, 1)
    residual = np.sum((y - net.predict(X)[:, 0]) ** 2)
    r2 = 1 - residual / np.sum((y - y.mean()) ** 2)
    assert net.score(X, y) == pytest.approx(r2)
    assert r2 > 0.99


# --- only fit changes a network ----------------------------------------------------------------


def same_value(a, b) -> bool:
    """Equal by value, arrays included (dtype too), recursing into lists, tuples and dicts."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, np.random.Generator):
        return a.bit_generator.state == b.bit_generator.state
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return type(a) is type(b) and len(a) == len(b) and all(map(same_value, a, b))
    return a == b


def assert_unchanged(net, before):
    after = vars(net)
    assert after.keys() == before.keys()
    changed = [key for key in before if not same_value(before[key], after[key])]
    assert not changed, f"attributes changed: {changed}"


def fitted_classifier_and_regressor():
    X, y = two_moons(40, seed=5)
    clf = MLP([2, 6, 2], seed=1).fit(X, y, epochs=3, progress=False)
    reg = MLP([2, 6, 1], seed=1).fit(X, X[:, 0] - X[:, 1], epochs=3, progress=False)
    return X, y, clf, reg


def test_predict_and_score_leave_every_attribute_unchanged():
    X, y, clf, reg = fitted_classifier_and_regressor()
    for net, target, other_kind in ((clf, y, np.eye(2)[y]), (reg, X[:, 0], y)):
        assert net._caches is not None  # a fitted network holds the last batch's cache
        before = copy.deepcopy(vars(net))
        net.predict(X[:7])
        net.predict_proba(X[:7])
        net.score(X, target)
        with pytest.raises(ValueError, match="y must hold"):
            net.score(X, other_kind)  # the bug this guards against: it reset classes_
        assert_unchanged(net, before)
    np.testing.assert_array_equal(clf.classes_, [0, 1])
    assert clf.predict(X).dtype.kind == "i"  # labels, not logits


def test_a_rejected_fit_leaves_the_network_unchanged():
    X, y, clf, reg = fitted_classifier_and_regressor()
    for net in (clf, reg, MLP([2, 6, 2])):
        before = copy.deepcopy(vars(net))
        for bad in (
            {"epochs": 0},
            {"momentum": 1.0},
            {"validation_data": (X, y if net is reg else y * 1.0)},  # the other kind
            {"validation_data": (X[:, :1], X[:, 0] if net is reg else y)},  # 1 feature, not 2
        ):
            with pytest.raises(ValueError):
                net.fit(X, X[:, 0] if net is reg else y, progress=False, **bad)
            assert_unchanged(net, before)


def test_forward_changes_only_the_cache(rng):
    _, _, clf, _ = fitted_classifier_and_regressor()
    before = copy.deepcopy(vars(clf))
    X = rng.standard_normal((3, 2))
    out = clf.forward(X)
    assert clf._caches[-1][0].X.shape == (3, 6)  # now the cache of this forward pass
    before["_caches"] = clf._caches
    assert_unchanged(clf, before)
    np.testing.assert_array_equal(out.argmax(axis=1), clf.predict(X))  # the same network


def test_fit_continues_from_the_current_parameters():
    X, y = two_moons(40, seed=0)
    net = MLP([2, 6, 2], seed=0).fit(X, y, epochs=10, progress=False)
    last = net.history["loss"][-1]
    net.fit(X, y, epochs=1, progress=False)
    assert (
        net.history["loss"][0]
        < 0.9 * MLP([2, 6, 2], seed=0).fit(X, y, epochs=1, progress=False).history["loss"][0]
    )
    assert net.history["loss"][0] == pytest.approx(last, rel=0.2)


def test_fit_does_not_modify_data():
    X, y = two_moons(30, seed=0)
    X0, y0 = X.copy(), y.copy()
    MLP([2, 4, 2]).fit(X, y, epochs=2, progress=False, validation_data=(X, y))
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


# --- the progress bar -----------------------------------------------------------------------


def test_progress_bar_can_be_turned_off(capsys):
    X, y = xor()
    MLP([2, 3, 2]).fit(X, y, epochs=3, progress=False)
    assert capsys.readouterr().err == ""
    MLP([2, 3, 2]).fit(X, y, epochs=3, progress=True)
    err = capsys.readouterr().err
    assert "training" in err and "3/3" in err and "loss=" in err and err.endswith("\n")


def test_progress_bar_draws_in_place():
    stream = io.StringIO()
    bar = ProgressBar(4, "work", enabled=True, stream=stream)
    bar.update(2, "x=1")
    assert stream.getvalue().startswith("\rwork [############............] 2/4")
    assert not stream.getvalue().endswith("\n")
    bar.update(4)
    assert "[########################] 4/4" in stream.getvalue()
    assert stream.getvalue().endswith("\n")
    silent = io.StringIO()
    ProgressBar(4, enabled=False, stream=silent).update(4)
    assert silent.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_by_default_the_bar_draws_only_on_a_terminal(capsys):
    """A notebook's, a build's or a pipe's output (no terminal) stays clean without
    ``progress=False``; an interactive terminal gets the bar."""
    for stream, drawn in ((io.StringIO(), False), (_Terminal(), True)):
        ProgressBar(2, "work", stream=stream).update(2)
        assert (stream.getvalue() != "") == drawn
    X, y = xor()
    MLP([2, 3, 2]).fit(X, y, epochs=3)  # pytest captures standard error: not a terminal
    assert capsys.readouterr().err == ""
