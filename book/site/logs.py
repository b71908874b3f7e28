"""What the generator's log shows: every warning that means something, and little else.

Two warnings of mkdocs-static-i18n are expected and handled, so they are filtered (every other
warning still fails ``mkdocs build --strict``): that Material's contextual language switcher
does not work with instant navigation (``javascripts/language.js`` keeps the reader on the
same page instead), and that it cannot place the notebook pages, which live outside
``docs/`` (the build adds them after the plugin, to the English site only). Plugins that
report every notebook converted, cached or evicted and every step of the second language's
build (40 lines a build that say nothing is wrong) are heard only in a verbose build (``-v``).
"""

from __future__ import annotations

import logging

EXPECTED = (
    "language switcher contextual link is not compatible with theme.features = navigation.instant",
    "Unhandled file case - notebooks/",
)
# The generators' loggers: MkDocs names its plugins' mkdocs.*, ProperDocs properdocs.*.
GENERATORS = ("mkdocs", "properdocs")
_I18N = tuple(
    f"{generator}.plugins.mkdocs_static_i18n{part}"
    for generator in GENERATORS
    for part in (".reconfigure", "")
)
_CHATTY = tuple(
    f"{generator}.{name}"
    for generator in GENERATORS
    for name in ("plugins.mkdocs_jupyter", "mkdocs-jupyter", "plugins.mkdocs_static_i18n")
)


class Expected(logging.Filter):
    """Drops the expected warnings."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(text in record.getMessage() for text in EXPECTED)


class QuietPlugins(logging.Filter):
    """Drops the chatty plugins' information, unless the build is verbose; their warnings and
    errors, and everything else, pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or not record.name.startswith(_CHATTY):
            return True
        return any(logging.getLogger(g).isEnabledFor(logging.DEBUG) for g in GENERATORS)


def quiet() -> None:
    """Install both filters (once: a second call adds nothing)."""
    for name in _I18N:
        logger = logging.getLogger(name)
        if not any(isinstance(f, Expected) for f in logger.filters):
            logger.addFilter(Expected())
    for generator in GENERATORS:  # on the generator's handlers: they see every plugin's record
        for handler in logging.getLogger(generator).handlers:
            if not any(isinstance(f, QuietPlugins) for f in handler.filters):
                handler.addFilter(QuietPlugins())
