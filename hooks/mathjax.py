"""MkDocs hook: serve MathJax 3 from the site itself (no CDN, no request to another host).

MathJax 3.2.2 comes from the ``django-static-mathjax`` package (import name ``mathjax``), a
repackaging of the official npm release. ``on_files`` adds its files to the build as generated
files under ``assets/mathjax/``, so they are copied by ``mkdocs build`` and served by
``mkdocs serve`` alike:

- ``startup.js``, which loads the components listed in ``docs/javascripts/mathjax.js``:
  ``core.js``, ``input/tex.js``, ``output/chtml.js`` (+ ``output/chtml/fonts/tex.js``) and
  ``a11y/assistive-mml.js`` (hidden MathML for screen readers);
- ``output/chtml/fonts/woff-v2/*.woff``: the fonts, loaded on demand;
- ``input/tex/extensions/*.js``: TeX packages it may autoload (``\\cancel``, ``\\boldsymbol``...).

The all-in-one ``tex-mml-chtml.js`` (1.17 MB) is not used: 426 kB of it is the right-click
menu, and with it every chapter went over its 2 MB page budget. The components above weigh
about 0.77 MB.

The configuration lives in ``docs/javascripts/mathjax.js`` and must load before the library
(see ``extra_javascript`` in mkdocs.yml).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

DEST = "assets/mathjax"
PATTERNS = (
    "startup.js",
    "core.js",
    "input/tex.js",
    "output/chtml.js",
    "output/chtml/fonts/tex.js",
    "output/chtml/fonts/woff-v2/*.woff",
    "input/tex/extensions/*.js",
    "a11y/assistive-mml.js",
)


def mathjax_root() -> Path:
    """Directory of the MathJax ES5 build inside the ``mathjax`` package."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise PluginError(
            "MathJax is not installed: pip install django-static-mathjax "
            '(it is part of the "docs" extra: pip install -e ".[docs]")'
        )
    root = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"
    if not (root / "startup.js").is_file():
        raise PluginError(f"startup.js not found under {root}")
    return root


def mathjax_files() -> list[tuple[str, Path]]:
    """(site path, source path) of every MathJax file the site serves."""
    root = mathjax_root()
    out = []
    for pattern in PATTERNS:
        for src in sorted(root.glob(pattern)):
            out.append((f"{DEST}/{src.relative_to(root).as_posix()}", src))
    return out


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    for uri, src in mathjax_files():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(src)))
    return files
