"""The library's tests on every Python the package claims: ``nox`` (or ``make nox``).

Each session installs the package and the ``test`` dependency group into a fresh virtual
environment of that Python and runs the fast subset: the doctests, ``tests/unit`` and
``tests/claims``. The site, the figures and the notebooks need one Python only (``make test``).
"""

import nox

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
nox.options.sessions = ["tests"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    session.install("-e", ".", *nox.project.dependency_groups(nox.project.load_toml(), "test"))
    session.run("pytest", "nnbook", "tests/unit", "tests/claims", *session.posargs)
