"""Deliberately wrong answers to the exercises of chapter 8: each must fail a check."""

import numpy as np

# 8.1: r from the variance wanted


def limit_is_the_std(n_in, n_out):
    """r set to the standard deviation, not the limit: forgets the 1/3 of r²/3."""
    return np.sqrt(2 / n_in), np.sqrt(2 / (n_in + n_out))


def glorot_on_fan_out(n_in, n_out):
    """He's right, the compromise uses the fan-out alone."""
    return np.sqrt(6 / n_in), np.sqrt(6 / n_out)


def glorot_without_the_two(n_in, n_out):
    """The compromise's variance taken as 1/(n_in + n_out)."""
    return np.sqrt(6 / n_in), np.sqrt(3 / (n_in + n_out))


def he_on_fan_out(n_in, n_out):
    """He's backward rule, 2/n_out, instead of the forward one."""
    return np.sqrt(6 / n_out), np.sqrt(6 / (n_in + n_out))


def no_square_root(n_in, n_out):
    """r² returned instead of r."""
    return 6 / n_in, 6 / (n_in + n_out)


# 8.3: orthogonal weights


def qr_without_signs(n, rng):
    """The Q of the QR, signs left as numpy returns them."""
    return np.linalg.qr(rng.standard_normal((n, n)))[0]


def signs_on_rows(n, rng):
    """The signs applied to the rows of Q, not its columns."""
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return np.sign(np.diag(R))[:, None] * Q


def transposed_q(n, rng):
    """Q^T: orthogonal too, but not the Q of this draw."""
    Q, R = np.linalg.qr(rng.standard_normal((n, n)))
    return (Q * np.sign(np.diag(R))).T


def scaled_gaussian(n, rng):
    """LeCun's N(0, 1/n): the right mean square, but not orthogonal."""
    return rng.standard_normal((n, n)) / np.sqrt(n)


def qr_of_uniform(n, rng):
    """The QR of a uniform draw, not a standard normal one."""
    Q, R = np.linalg.qr(rng.random((n, n)))
    return Q * np.sign(np.diag(R))


# 8.4: stopping_point


def best_from_zero(val_loss, patience):
    """best_epoch_ counted from 0, as the index."""
    best = 0
    for e, loss in enumerate(val_loss):
        if loss < val_loss[best]:
            best = e
        elif e - best >= patience:
            return best, e + 1
    return best, len(val_loss)


def patience_plus_one(val_loss, patience):
    """Stops one epoch late: > instead of >=."""
    best = 0
    for e, loss in enumerate(val_loss):
        if loss < val_loss[best]:
            best = e
        elif e - best > patience:
            return best + 1, e + 1
    return best + 1, len(val_loss)


def ties_are_new_lowests(val_loss, patience):
    """<= instead of <: a loss equal to the lowest resets the patience."""
    best = 0
    for e, loss in enumerate(val_loss):
        if loss <= val_loss[best]:
            best = e
        elif e - best >= patience:
            return best + 1, e + 1
    return best + 1, len(val_loss)


def runs_past_the_end(val_loss, patience):
    """Epochs run taken as best_epoch_ + patience, even where the run ends first."""
    best = 0
    for e, loss in enumerate(val_loss):
        if loss < val_loss[best]:
            best = e
        elif e - best >= patience:
            break
    return best + 1, best + 1 + patience


def lowest_of_the_whole_run(val_loss, patience):
    """Peeks at the future: best_epoch_ is the lowest of the whole run."""
    best = int(np.argmin(val_loss))
    for e in range(len(val_loss)):
        lowest = int(np.argmin(val_loss[: e + 1]))
        if e - lowest >= patience:
            return best + 1, e + 1
    return best + 1, len(val_loss)


# 8.5: ridge regression


def _centred(X, y):
    return X - X.mean(axis=0), y - y.mean(axis=0)


def ridge_not_centred(X, y, decay):
    """The normal equations of X itself, then the intercept."""
    W = np.linalg.solve(X.T @ X + len(X) * decay / 2 * np.eye(X.shape[1]), X.T @ y)
    return W, y.mean(axis=0) - X.mean(axis=0) @ W


def ridge_with_decay_not_scaled(X, y, decay):
    """decay itself on the diagonal, not N decay / 2."""
    Xc, yc = _centred(X, y)
    W = np.linalg.solve(Xc.T @ Xc + decay * np.eye(X.shape[1]), Xc.T @ yc)
    return W, y.mean(axis=0) - X.mean(axis=0) @ W


def ridge_without_the_half(X, y, decay):
    """N decay on the diagonal: the gradient of decay/2 |W|² taken as 2 decay W."""
    Xc, yc = _centred(X, y)
    W = np.linalg.solve(Xc.T @ Xc + len(X) * decay * np.eye(X.shape[1]), Xc.T @ yc)
    return W, y.mean(axis=0) - X.mean(axis=0) @ W


def intercept_is_the_mean(X, y, decay):
    """The right W_1, and b_1 = ȳ: forgets the x̄ W_1."""
    Xc, yc = _centred(X, y)
    W = np.linalg.solve(Xc.T @ Xc + len(X) * decay / 2 * np.eye(X.shape[1]), Xc.T @ yc)
    return W, y.mean(axis=0)


def least_squares(X, y, decay):
    """No decay at all: least squares (the least-norm one when singular)."""
    Xc, yc = _centred(X, y)
    W = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    return W, y.mean(axis=0) - X.mean(axis=0) @ W


# 8.6: the half-life of a dead weight


def half_life_without_momentum(lr, decay, momentum):
    """(a)'s answer everywhere: momentum ignored."""
    return np.log(2) / (lr * decay)


def momentum_the_wrong_way(lr, decay, momentum):
    """Momentum taken to slow the forgetting down."""
    return np.log(2) / (lr * decay * (1 - momentum))


def e_folding_time(lr, decay, momentum):
    """The time to shrink by e, not by 2."""
    return (1 - momentum) / (lr * decay)


def log_base_ten(lr, decay, momentum):
    """log10(2) for ln(2)."""
    return (1 - momentum) * np.log10(2) / (lr * decay)


WRONG: dict[str, list[object]] = {
    "8.1": [
        limit_is_the_std,
        glorot_on_fan_out,
        glorot_without_the_two,
        he_on_fan_out,
        no_square_root,
    ],
    "8.2": [
        (1.41, 1.41, 1.41, 0.07, 0.10, 0.21),  # the scale of the rule in every ReLU network
        (0.0073, 1.41, 165.0, 0.07, 0.10, 0.21),  # c^50 for the standard deviation, not c^25
        (0.10, 1.41, 15.0, 0.10, 1.41, 15.0),  # tanh taken to compound like ReLU
        (0.10, 1.41, 15.0, 0.07, 1.0, 1.0),  # gain 1 keeps tanh's variance at 1
        (0.10, 1.41, 15.0, 0.001, 0.10, 0.21),  # tanh at c = 0.9 far below
        (0.10, 1.41, 15.0, 0.5, 0.10, 0.21),  # tanh at c = 0.9 above its bound
    ],
    "8.3": [qr_without_signs, signs_on_rows, transposed_q, scaled_gaussian, qr_of_uniform],
    "8.4": [
        best_from_zero,
        patience_plus_one,
        ties_are_new_lowests,
        runs_past_the_end,
        lowest_of_the_whole_run,
    ],
    "8.5": [
        ridge_not_centred,
        ridge_with_decay_not_scaled,
        ridge_without_the_half,
        intercept_is_the_mean,
        least_squares,
    ],
    "8.6": [half_life_without_momentum, momentum_the_wrong_way, e_folding_time, log_base_ten],
}
