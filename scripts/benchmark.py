"""Train the same network with nnbook, scikit-learn, PyTorch and a bare NumPy loop; compare speed.

A thin command line over :mod:`book.benchmark.run` (``--help`` for the options). ``make bench``
runs it; the results go to ``book/benchmark/results.json``, which the Performance page reads.
"""

import runpy

if __name__ == "__main__":
    runpy.run_module("book.benchmark.run", run_name="__main__")
