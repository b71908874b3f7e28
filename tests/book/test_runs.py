"""The book's shared training runs (book/runs.py) are the ones its pages train.

The digits run is checked against docs/digits.md by tests/claims/test_digits.py.
"""

from __future__ import annotations

import re

import numpy as np

from book.paths import DOCS
from book.runs import moons_data, train_moons
from nnbook.datasets import two_moons
from nnbook.mlp import MLPClassifier


def page_block(page: str, containing: str) -> str:
    """The code of the Python block of ``docs/<page>`` that contains ``containing``."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^```python[^\n]*\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    found = [block for block in blocks if containing in block]
    assert len(found) == 1, f"docs/{page}: {len(found)} Python blocks contain {containing!r}"
    return found[0]


def test_the_backpropagation_page_trains_the_moons_run() -> None:
    namespace = {"two_moons": two_moons, "MLPClassifier": MLPClassifier}
    exec(page_block("backpropagation.md", "clf = MLPClassifier("), namespace)
    page, ours = namespace["clf"], train_moons()
    (X, y), (X_val, y_val) = moons_data()
    for name, ours_data in {"X_moons": X, "y_moons": y, "X_val": X_val, "y_val": y_val}.items():
        np.testing.assert_array_equal(namespace[name], ours_data, err_msg=name)
    assert page.sizes == ours.sizes and page.activation is ours.activation
    np.testing.assert_array_equal(ours.params.theta, page.params.theta)
    assert page.history_ == ours.history_


def test_a_moons_run_stopped_early_is_the_start_of_the_full_run() -> None:
    full, early = train_moons(), train_moons(epochs=10)
    assert early.history_["loss"] == full.history_["loss"][:10]
    narrow = train_moons(width=4)
    assert narrow.sizes == [2, 4, 4, 2] and len(narrow.history_["loss"]) == 200
