"""Tests for :class:`nnbook.MLP`, :class:`nnbook.MLPClassifier` and :class:`nnbook.MLPRegressor`:
layout, forward/backward, a network worked out by hand, the training loop (SGD, momentum,
shuffling, history, progress bar), the labels a classifier accepts, and prediction.
"""

from __future__ import annotations

import copy
import io
import math

import numpy as np
import pytest

from nnbook import MLP, MLPClassifier, MLPRegressor
from nnbook._progress import ProgressBar
from nnbook.activations import sigmoid
from nnbook.datasets import two_moons, xor
from nnbook.layers import activation_backward, activation_forward, affine_backward, affine_forward
from nnbook.losses import cross_entropy, mse_loss
from nnbook.parameters import Parameters

ESTIMATORS = [MLP, MLPClassifier, MLPRegressor]

# --- layout and initialisation -------------------------------------------------------------


def test_params_are_w_then_b_per_layer_with_w_of_shape_n_in_by_n_out():
    net = MLP([4, 3, 2])
    assert isinstance(net.params, Parameters)
    assert [p.shape for p in net.params] == [(4, 3), (3,), (3, 2), (2,)]
    assert {layer: W.shape for layer, W in net.W.items()} == {1: (4, 3), 2: (3, 2)}
    assert {layer: b.shape for layer, b in net.b.items()} == {1: (3,), 2: (2,)}
    assert all(np.all(b == 0) for b in net.b.values())
    assert net.W is net.params.W and net.b is net.params.b
    assert net.params.theta.size == (4 + 1) * 3 + (3 + 1) * 2


@pytest.mark.parametrize(("activation", "gain"), [("relu", 2.0), ("tanh", 1.0)])
def test_initial_weight_scale_is_he_or_lecun(activation, gain):
    W = MLP([400, 300, 1], activation=activation, seed=1).W[1]
    assert W.std() == pytest.approx(math.sqrt(gain / 400), rel=0.03)
    assert abs(W.mean()) < 0.003


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_runs_through_params_forward_backward_and_training(dtype, rng):
    net = MLPClassifier([3, 4, 2], epochs=2, batch_size=2, momentum=0.9, dtype=dtype)
    X = rng.standard_normal((5, 3))  # float64 data is converted to the network's dtype
    assert {p.dtype for p in net.params} == {net.params.theta.dtype} == {np.dtype(dtype)}
    out = net.forward(X)
    assert out.dtype == dtype
    for dout in (np.ones_like(out), np.ones(out.shape)):  # dout of either precision
        grad = net.backward(dout)
        assert {g.dtype for g in grad} == {grad.theta.dtype} == {np.dtype(dtype)}
    net.fit(X, rng.integers(0, 2, 5))
    assert {p.dtype for p in net.params} == {net.params.theta.dtype} == {np.dtype(dtype)}


def test_same_seed_same_network_different_seed_different_network():
    a, b, c = MLP([2, 5, 2], seed=4), MLP([2, 5, 2], seed=4), MLP([2, 5, 2], seed=5)
    for p, q in zip(a.params, b.params, strict=True):
        np.testing.assert_array_equal(p, q)
    assert not np.array_equal(a.W[1], c.W[1])
    # The task does not change the initial weights: same seed, same θ, whatever the class.
    for estimator in (MLPClassifier, MLPRegressor):
        np.testing.assert_array_equal(estimator([2, 5, 2], seed=4).params.theta, a.params.theta)


def test_repr_names_the_class_the_sizes_and_the_activation():
    assert repr(MLPClassifier([2, 8, 2], activation="tanh")) == (
        "MLPClassifier([2, 8, 2], activation='tanh')"
    )
    assert repr(MLPRegressor([1, 4, 1])) == "MLPRegressor([1, 4, 1], activation='relu')"
    assert repr(MLP([3, 2], activation=sigmoid)) == "MLP([3, 2], activation='sigmoid')"


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
    np.testing.assert_array_equal(net.backward(np.ones((4, 1))).theta, expected.theta)


def test_backward_returns_the_gradient_laid_out_like_the_parameters(rng):
    """``grad.W[l]``, ``grad.b[l]`` are views of ``grad.theta``, which is ∇_θ L in θ's layout."""
    net = MLP([3, 4, 3, 2], activation="tanh", seed=1)
    net.forward(rng.standard_normal((5, 3)))
    grad = net.backward(rng.standard_normal((5, 2)))
    assert isinstance(grad, Parameters) and grad is not net.params
    assert grad.sizes == net.sizes and grad.theta.shape == net.params.theta.shape
    assert [g.shape for g in grad] == [p.shape for p in net.params]
    np.testing.assert_array_equal(grad.theta, np.concatenate([g.ravel() for g in grad]))
    in_order = [grad.W[1], grad.b[1], grad.W[2], grad.b[2], grad.W[3], grad.b[3]]
    assert all(g is e for g, e in zip(list(grad), in_order, strict=True))
    assert all(np.shares_memory(g, grad.theta) for g in grad)
    assert not np.shares_memory(grad.theta, net.params.theta)


def test_backward_does_not_modify_dout(rng):
    net = MLP([2, 3, 3, 2], activation="elu")
    net.forward(rng.standard_normal((4, 2)))
    dout = rng.standard_normal((4, 2))
    dout0 = dout.copy()
    net.backward(dout)
    np.testing.assert_array_equal(dout, dout0)


# --- a 2-2-1 network worked out by hand ------------------------------------------------------


def hand_network(estimator=MLP, **settings):
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
    net = estimator([2, 2, 1], activation="sigmoid", **settings)
    net.W[1][...] = [[0.2, 0.5], [-0.1, 0.25]]  # written into the views of θ
    net.b[1][...] = [0.0, math.log(3) - 1]
    net.W[2][...] = [[2.0], [-1.0]]
    net.b[2][...] = 0.5
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
    grad = net.backward(mse_loss.grad(net.forward(X), y))
    dW1, db1, dW2, db2 = grad
    np.testing.assert_allclose(dW1, [[-1.0, 0.375], [-2.0, 0.75]], rtol=1e-15)
    np.testing.assert_allclose(db1, [-1.0, 0.375], rtol=1e-15)
    np.testing.assert_allclose(dW2, [[-1.0], [-1.5]], rtol=1e-15)
    np.testing.assert_allclose(db2, [-2.0], rtol=1e-15)
    # ∇_θ L in θ's order: vec dW1 (row by row), db1, vec dW2, db2.
    np.testing.assert_allclose(
        grad.theta, [-1.0, 0.375, -2.0, 0.75, -1.0, 0.375, -1.0, -1.5, -2.0], rtol=1e-15
    )


def test_hand_network_one_sgd_step():
    net, X, y = hand_network(MLPRegressor, epochs=1, lr=0.1, batch_size=1)
    net.fit(X, y[:, 0])
    W1, b1, W2, b2 = net.params
    # θ − 0.1·dθ with the gradients above.
    np.testing.assert_allclose(W1, [[0.3, 0.4625], [0.1, 0.175]], rtol=1e-14)
    np.testing.assert_allclose(b1, [0.1, math.log(3) - 1 - 0.0375], rtol=1e-14)
    np.testing.assert_allclose(W2, [[2.1], [-0.85]], rtol=1e-14)
    np.testing.assert_allclose(b2, [0.7], rtol=1e-14)
    assert net.history_ == {"loss": [pytest.approx(1.0, rel=1e-15)]}  # loss before the step
    assert float(mse_loss(net.forward(X), y)) < 1.0  # and the step went downhill


# --- training -------------------------------------------------------------------------------


def test_two_full_batch_epochs_of_momentum_by_the_formula():
    """v ← μv + g, θ ← θ − ηv from v = 0: after two steps θ = θ0 − η g0 − η(μ g0 + g1), with
    g0, g1 the full-batch gradients at θ0 and at θ1 = θ0 − η g0, taken by forward/backward."""
    X, y = two_moons(12, seed=1)
    lr, mu = 0.3, 0.9
    net = MLPClassifier([2, 5, 2], activation="tanh", epochs=2, lr=lr, batch_size=12, momentum=mu)
    by_hand = MLP([2, 5, 2], activation="tanh")  # same seed, same θ0
    theta0 = by_hand.params.theta.copy()
    g0 = by_hand.backward(cross_entropy.grad(by_hand.forward(X), y)).theta
    by_hand.params.theta[:] = theta0 - lr * g0  # θ1
    g1 = by_hand.backward(cross_entropy.grad(by_hand.forward(X), y)).theta
    expected = theta0 - lr * g0 - lr * (mu * g0 + g1)
    net.fit(X, y)  # one batch holds every sample: the shuffle only reorders the mean's terms
    np.testing.assert_allclose(net.params.theta, expected, rtol=1e-12, atol=1e-14)
    # Not plain SGD: without the μ g0 term θ would be elsewhere.
    assert not np.allclose(net.params.theta, theta0 - lr * g0 - lr * g1, rtol=1e-6, atol=0)


def test_momentum_update_is_v_mu_plus_g_then_step():
    X, y = two_moons(24, seed=1)
    net = MLPClassifier(
        [2, 6, 2], activation="tanh", epochs=5, lr=0.2, batch_size=24, momentum=0.9, seed=2
    )
    ref = MLP([2, 6, 2], activation="tanh", seed=2)
    net.fit(X, y)
    # Full batch: the shuffle only reorders the rows inside the mean.
    velocity = np.zeros_like(ref.params.theta)
    for _ in range(5):
        grad = ref.backward(cross_entropy.grad(ref.forward(X), y))
        velocity = 0.9 * velocity + grad.theta
        ref.params.theta -= 0.2 * velocity
    np.testing.assert_allclose(net.params.theta, ref.params.theta, rtol=1e-10, atol=1e-12)


def test_same_seed_same_training_run():
    X, y = two_moons(60, seed=0)
    runs = [
        MLPClassifier([2, 8, 2], epochs=4, batch_size=7, seed=s).fit(X, y) for s in (11, 11, 12)
    ]
    assert runs[0].history_ == runs[1].history_
    np.testing.assert_array_equal(runs[0].params.theta, runs[1].params.theta)
    assert runs[0].history_ != runs[2].history_


def test_history_loss_weights_a_short_last_batch_correctly():
    # With a vanishing learning rate the parameters stay put, so the epoch loss must equal
    # the loss over the whole set even though the batches are 3, 3, 3, 1.
    X, y = two_moons(10, seed=3)
    net = MLPClassifier([2, 4, 2], epochs=1, lr=1e-300, batch_size=3)
    logits = net.forward(X)
    before = float(cross_entropy(logits, y))
    accuracy = np.mean(logits.argmax(axis=1) == y)  # not fitted yet: score would raise
    net.fit(X, y)
    assert net.history_["loss"][0] == pytest.approx(before, rel=1e-12)
    assert net.history_["accuracy"][0] == pytest.approx(accuracy)


def test_history_keys_and_lengths():
    X, y = two_moons(40, seed=0)
    net = MLPClassifier([2, 4, 2], epochs=3).fit(X, y, validation_data=(X[:10], y[:10]))
    assert set(net.history_) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 3 for v in net.history_.values())
    assert set(MLPClassifier([2, 4, 2], epochs=1).fit(X, y).history_) == {"loss", "accuracy"}
    reg = MLPRegressor([2, 4, 1], epochs=2).fit(X, X[:, 0] * 0.5)
    assert set(reg.history_) == {"loss"} and len(reg.history_["loss"]) == 2
    reg.fit(X, X[:, 0] * 0.5, validation_data=(X[:10], X[:10, 0] * 0.5))
    assert set(reg.history_) == {"loss", "val_loss"}
    assert all(len(v) == 2 for v in reg.history_.values())


def test_fit_learns_xor_and_moons():
    X, y = xor()
    net = MLPClassifier(
        [2, 8, 2], activation="tanh", epochs=300, lr=0.1, batch_size=4, momentum=0.9
    )
    assert net.fit(X, y) is net
    assert net.score(X, y) == 1.0
    np.testing.assert_array_equal(net.predict(X), y)
    X, y = two_moons(200, noise=0.1, seed=0)
    net = MLPClassifier(
        [2, 16, 2], activation="relu", epochs=60, lr=0.1, batch_size=16, momentum=0.9
    )
    net.fit(X, y)
    assert net.history_["loss"][-1] < 0.5 * net.history_["loss"][0]
    assert net.score(X, y) > 0.95


def test_predict_proba_and_score_agree_with_predict(rng):
    X, y = two_moons(50, seed=2)
    net = MLPClassifier([2, 5, 2], epochs=5, seed=1).fit(X, y)
    proba = net.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(net.predict(X), proba.argmax(axis=1))
    assert net.score(X, y) == pytest.approx(np.mean(net.predict(X) == y))
    np.testing.assert_array_equal(net.classes_, [0, 1])


def test_regression_fit_predict_score(rng):
    X = rng.uniform(-1, 1, (64, 2))
    y = X @ np.array([1.5, -2.0]) + 0.3
    net = MLPRegressor(
        [2, 8, 1], activation="tanh", epochs=200, lr=0.05, batch_size=16, momentum=0.9
    )
    net.fit(X, y)
    assert not hasattr(net, "classes_") and not hasattr(net, "predict_proba")
    assert net.predict(X).shape == (64, 1)
    np.testing.assert_array_equal(net.predict(X), net.forward(X))  # the outputs Z_L themselves
    residual = np.sum((y - net.predict(X)[:, 0]) ** 2)
    r2 = 1 - residual / np.sum((y - y.mean()) ** 2)
    assert net.score(X, y) == pytest.approx(r2)
    assert net.score(X, y[:, None]) == net.score(X, y)  # (N,) or (N, 1) when n_L = 1
    assert r2 > 0.99


# --- the labels a classifier accepts ---------------------------------------------------------

LABEL_DTYPES = [np.int8, np.int64, np.uint8, np.bool_, np.float32, np.float64]


@pytest.mark.parametrize("dtype", LABEL_DTYPES, ids=lambda d: np.dtype(d).name)
def test_labels_of_any_integer_valued_dtype_train_the_same_network(dtype):
    """0/1 labels as int8, uint8, bool, float32 0.0/1.0 (what np.loadtxt and pandas give)...
    are the same labels: the same fitted θ, history and predictions as plain ints."""
    X, y = two_moons(40, seed=3)
    settings = {"epochs": 3, "batch_size": 8, "momentum": 0.5, "seed": 1}
    reference = MLPClassifier([2, 6, 2], **settings).fit(X, y.astype(int))
    labels = y.astype(dtype)
    assert labels.dtype == dtype and set(np.unique(labels).tolist()) == {0, 1}
    net = MLPClassifier([2, 6, 2], **settings).fit(X, labels, validation_data=(X, labels))
    np.testing.assert_array_equal(net.params.theta, reference.params.theta)
    assert {k: net.history_[k] for k in reference.history_} == reference.history_
    assert net.score(X, labels) == reference.score(X, y)
    assert net.predict(X).dtype.kind == "i"


def test_float_labels_of_more_classes_are_labels_too():
    X, _ = two_moons(30, seed=0)
    y3 = (np.arange(30) % 3).astype(np.int64)
    reference = MLPClassifier([2, 4, 3], epochs=2).fit(X, y3)
    net = MLPClassifier([2, 4, 3], epochs=2).fit(X, y3.astype(np.float64))
    np.testing.assert_array_equal(net.params.theta, reference.params.theta)
    np.testing.assert_array_equal(net.classes_, [0, 1, 2])


# --- only fit changes a network ----------------------------------------------------------------


def same_value(a, b) -> bool:
    """Equal by value, arrays included (dtype too), recursing into lists, tuples and dicts."""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, np.random.Generator):
        return a.bit_generator.state == b.bit_generator.state
    if isinstance(a, Parameters):
        return isinstance(b, Parameters) and same_value(vars(a), vars(b))
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
    clf = MLPClassifier([2, 6, 2], epochs=3, seed=1).fit(X, y)
    reg = MLPRegressor([2, 6, 1], epochs=3, seed=1).fit(X, X[:, 0] - X[:, 1])
    return X, y, clf, reg


def test_predict_and_score_leave_every_attribute_unchanged():
    X, y, clf, reg = fitted_classifier_and_regressor()
    for net, target, bad_target in ((clf, y, np.eye(2)[y]), (reg, X[:, 0], np.eye(2)[y])):
        assert net._caches is not None  # a fitted network holds the last batch's cache
        before = copy.deepcopy(vars(net))
        net.predict(X[:7])
        if net is clf:
            net.predict_proba(X[:7])
            np.testing.assert_array_equal(net.classes_, [0, 1])
        net.score(X, target)
        with pytest.raises(ValueError, match="y must h"):
            net.score(X, bad_target)  # one-hot rows, or two outputs for one
        assert_unchanged(net, before)
    assert clf.predict(X).dtype.kind == "i"  # labels, not logits


def test_a_rejected_fit_leaves_the_network_unchanged():
    X, y, clf, reg = fitted_classifier_and_regressor()
    for net in (clf, reg, MLPClassifier([2, 6, 2])):
        target = X[:, 0] if net is reg else y
        before = copy.deepcopy(vars(net))
        for bad in (
            {"validation_data": (X, np.eye(2)[y])},  # one-hot rows / two columns for one output
            {"validation_data": (X[:, :1], target)},  # 1 feature, not 2
            {"validation_data": (X, target[:5])},  # 5 targets for 40 rows
        ):
            with pytest.raises(ValueError):
                net.fit(X, target, **bad)
            assert_unchanged(net, before)
        for setting, value in (("epochs", 0), ("momentum", 1.0), ("lr", -1.0)):
            # A setting changed after the constructor is checked again by fit, before anything.
            setattr(net, setting, value)
            with pytest.raises(ValueError, match=setting):
                net.fit(X, target)
            setattr(net, setting, before[setting])
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
    net = MLPClassifier([2, 6, 2], epochs=1, seed=0)
    for _ in range(10):
        net.fit(X, y)
    last = net.history_["loss"][-1]
    net.fit(X, y)
    fresh = MLPClassifier([2, 6, 2], epochs=1, seed=0).fit(X, y)
    assert net.history_["loss"][0] < 0.9 * fresh.history_["loss"][0]
    assert net.history_["loss"][0] == pytest.approx(last, rel=0.2)


def test_fit_does_not_modify_data():
    X, y = two_moons(30, seed=0)
    X0, y0 = X.copy(), y.copy()
    MLPClassifier([2, 4, 2], epochs=2).fit(X, y, validation_data=(X, y))
    MLPRegressor([2, 4, 1], epochs=2).fit(X, X[:, 0], validation_data=(X, X[:, 0]))
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


# --- the progress bar -----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("progress", "drawn"), [(None, True), (True, True), (False, False)])
def test_progress_setting_on_a_terminal(progress, drawn, monkeypatch):
    """On an interactive terminal the bar is drawn unless the setting turns it off."""
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    X, y = xor()
    MLPClassifier([2, 3, 2], epochs=3, progress=progress).fit(X, y)
    err = terminal.getvalue()
    assert (err != "") == drawn
    if drawn:
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


def test_by_default_the_bar_draws_only_on_a_terminal(capsys):
    """A notebook's, a build's or a pipe's output (no terminal) stays clean without turning
    the bar off; an interactive terminal gets the bar."""
    for stream, drawn in ((io.StringIO(), False), (_Terminal(), True)):
        ProgressBar(2, "work", stream=stream).update(2)
        assert (stream.getvalue() != "") == drawn
    X, y = xor()
    MLPClassifier([2, 3, 2], epochs=3).fit(X, y)  # pytest captures standard error: not a terminal
    MLPRegressor([2, 3, 1], epochs=3).fit(X, y * 1.0)
    assert capsys.readouterr().err == ""
    MLPClassifier([2, 3, 2], epochs=3, progress=True).fit(X, y)
    assert "3/3" in capsys.readouterr().err
