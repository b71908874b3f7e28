"""The errors nnbook raises beyond Python's own ``TypeError`` and ``ValueError``."""

from __future__ import annotations

__all__ = ["NotFittedError"]


class NotFittedError(ValueError, AttributeError):
    """An estimator was asked for what only ``fit`` learns (``predict`` before ``fit``).

    A ``ValueError`` and an ``AttributeError``, as scikit-learn's error of the same name.
    """

    def __init__(self, estimator: object) -> None:
        name = type(estimator).__name__
        super().__init__(
            f"This {name} instance is not fitted yet: call fit(X, y) before using this method"
        )
