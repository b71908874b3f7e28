"""Tests for :class:`nnbook.parameters.Parameters`: one vector θ and the views ``W[l]``, ``b[l]``
into it, laid out as θ = (vec W_1, b_1, ..., vec W_L, b_L), and how a network uses them.
"""

from __future__ import annotations

import copy
import itertools
import pickle

import numpy as np
import pytest

from nnbook import MLP, MLPClassifier
from nnbook.datasets import two_moons
from nnbook.parameters import Parameters

SIZES = [[2, 1], [3, 4, 2], [4, 5, 3, 2], [1, 2, 2, 2, 1]]


def parameter_count(sizes):
    """P = Σ_l (n_{l-1} + 1) n_l: each unit of layer l has n_{l-1} weights and a bias."""
    return sum((n_in + 1) * n_out for n_in, n_out in itertools.pairwise(sizes))


@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_shapes_and_the_number_of_parameters(sizes):
    p = Parameters(sizes)
    L = len(sizes) - 1
    assert p.sizes == sizes
    assert p.theta.shape == (parameter_count(sizes),)
    assert list(p.W) == list(p.b) == list(range(1, L + 1))  # keyed by the chapter's l
    for layer in range(1, L + 1):
        assert p.W[layer].shape == (sizes[layer - 1], sizes[layer])
        assert p.b[layer].shape == (sizes[layer],)
    assert sum(q.size for q in p) == p.theta.size
    assert np.all(p.theta == 0)  # zeros at first


def test_known_count_and_repr():
    p = Parameters([2, 3, 1])
    assert p.theta.size == (2 + 1) * 3 + (3 + 1) * 1 == 13
    assert repr(p) == "Parameters(sizes=[2, 3, 1], P=13, dtype=float64)"


@pytest.mark.parametrize("sizes", SIZES, ids=str)
def test_theta_is_vec_w1_b1_up_to_vec_wl_bl(sizes):
    """Writing 0, 1, 2, ... into θ fills W_1 row by row, then b_1, then W_2, ..."""
    p = Parameters(sizes)
    p.theta[:] = np.arange(p.theta.size)
    expected = np.concatenate([np.concatenate([p.W[k].ravel(), p.b[k]]) for k in p.W])
    np.testing.assert_array_equal(expected, np.arange(p.theta.size))
    start = 0
    for layer in p.W:
        n_in, n_out = p.W[layer].shape
        np.testing.assert_array_equal(
            p.W[layer], np.arange(start, start + n_in * n_out).reshape(n_in, n_out)
        )
        start += n_in * n_out
        np.testing.assert_array_equal(p.b[layer], np.arange(start, start + n_out))
        start += n_out
    assert start == p.theta.size


def test_iteration_gives_w1_b1_w2_b2_in_order():
    p = Parameters([4, 5, 3, 2])
    in_order = [p.W[1], p.b[1], p.W[2], p.b[2], p.W[3], p.b[3]]
    assert all(q is e for q, e in zip(list(p), in_order, strict=True))
    W1, b1, W2, b2, W3, b3 = p  # unpacking still works
    assert [q.shape for q in (W1, b1, W2, b2, W3, b3)] == [(4, 5), (5,), (5, 3), (3,), (3, 2), (2,)]


def test_w_and_b_are_views_of_theta_both_ways():
    p = Parameters([3, 4, 2])
    for q in p:
        assert q.base is p.theta or np.shares_memory(q, p.theta)
    # Writing a view changes θ ...
    p.W[2][1, 0] = 7.0
    p.b[1][...] = -1.0
    n_w1 = 3 * 4
    assert p.theta[n_w1 + 4 + 1 * 2 + 0] == 7.0
    np.testing.assert_array_equal(p.theta[n_w1 : n_w1 + 4], -1.0)
    # ... and writing θ changes the views, in place or through a slice.
    p.theta *= 2
    assert p.W[2][1, 0] == 14.0 and np.all(p.b[1] == -2.0)
    p.theta[:] = 0.5
    assert all(np.all(q == 0.5) for q in p)
    p.W[1] *= 4  # augmented assignment writes through too
    np.testing.assert_array_equal(p.theta[:n_w1], 2.0)


def test_zeros_like_is_a_new_zero_vector_of_the_same_network():
    p = Parameters([3, 4, 2], np.float32)
    p.theta[:] = 1.0
    z = p.zeros_like()
    assert isinstance(z, Parameters) and z.sizes == p.sizes
    assert z.theta.dtype == np.float32 and z.theta.shape == p.theta.shape
    assert np.all(z.theta == 0)
    assert not np.shares_memory(z.theta, p.theta)
    z.W[1][...] = 3.0
    assert np.all(p.W[1] == 1.0)  # independent of p
    assert all(np.shares_memory(q, z.theta) for q in z)  # its own views of its own θ


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_of_theta_and_its_views(dtype):
    p = Parameters([2, 3, 1], dtype)
    assert {q.dtype for q in p} == {p.theta.dtype} == {np.dtype(dtype)}


def test_invalid_sizes_are_rejected():
    with pytest.raises(ValueError, match=r"sizes must be at least two positive integers"):
        Parameters([3])


# --- the network's parameters are one θ ------------------------------------------------------


def test_the_networks_w_and_b_are_views_of_its_theta(rng):
    net = MLP([3, 4, 2], activation="tanh", seed=0)
    X = rng.standard_normal((5, 3))
    out = net.forward(X)
    net.W[2][...] *= 2  # doubling W_2 and b_2 doubles the linear output
    net.b[2][...] *= 2
    np.testing.assert_allclose(net.forward(X), 2 * out, rtol=1e-14)
    net.params.theta[:] = 0.0  # and zeroing θ zeroes every layer
    np.testing.assert_array_equal(net.forward(X), np.zeros((5, 2)))
    assert net.params.theta.size == (3 + 1) * 4 + (4 + 1) * 2


def test_fit_updates_theta_in_place_so_views_taken_before_fit_follow():
    X, y = two_moons(40, seed=0)
    net = MLPClassifier([2, 5, 2], epochs=2, seed=0)
    theta, W1, b2 = net.params.theta, net.W[1], net.b[2]
    W1_before = W1.copy()
    net.fit(X, y)
    assert net.params.theta is theta and net.W[1] is W1 and net.b[2] is b2
    assert not np.array_equal(W1, W1_before)  # the view taken before fit sees the new values
    assert np.shares_memory(W1, net.params.theta)


@pytest.mark.parametrize("duplicate", [copy.deepcopy, lambda net: pickle.loads(pickle.dumps(net))])
def test_a_copied_or_pickled_network_has_views_of_its_own_theta(duplicate) -> None:
    net = MLPClassifier([2, 3, 2], activation="tanh").fit(np.eye(2), np.array([0, 1]))
    twin = duplicate(net)
    assert twin.activation is net.activation and twin.score(np.eye(2), [0, 1]) == 1.0
    for layer in (1, 2):
        assert np.shares_memory(twin.W[layer], twin.params.theta)
        assert not np.shares_memory(twin.W[layer], net.params.theta)
    twin.W[1][...] = 0.0  # writing the copy's view writes the copy's θ, not the original's
    assert not twin.params.theta[:6].any() and net.params.theta[:6].any()


def test_backward_writes_into_out_the_gradient_it_would_return() -> None:
    X = two_moons(20, seed=0)[0]
    net = MLP([2, 5, 2], dtype=np.float32)
    dout = net.forward(X)  # any upstream gradient of the output's shape
    fresh = net.backward(dout)
    buffer = net.params.zeros_like()
    buffer.theta[:] = 7.0  # every entry is overwritten, none accumulated
    assert net.backward(dout, out=buffer) is buffer
    np.testing.assert_array_equal(buffer.theta, fresh.theta)
    for wrong in (Parameters([2, 4, 2], np.float32), Parameters([2, 5, 2], np.float64)):
        with pytest.raises(
            ValueError, match=r"out must be Parameters of sizes \[2, 5, 2\] and dtype float32"
        ):
            net.backward(dout, out=wrong)
