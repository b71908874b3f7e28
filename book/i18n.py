"""The book's languages: English, the default, and Korean (``docs/<page>.ko.md``, issue 15).

mkdocs-static-i18n builds the English site, then the Korean one under ``ko/`` as a second
MkDocs build in the same process (the hook, ``hooks/adapter.py``, asks it which is running).
Korean terms are fixed by ``translations/ko/glossary.yml``; the interactive figures' labels are
in ``translations/ko/widgets.yml`` (:func:`widget_text`, :func:`with_widget_text`); every other
Korean text the tooling and the build write (page titles, table headers, the notebook box) is in
``translations/ko/ui.yml`` (:func:`ui_text`).
"""

from __future__ import annotations

import functools
import html as htmllib
import json
import re
from pathlib import Path
from typing import Any

from book.paths import REPO, TRANSLATIONS

GLOSSARY = TRANSLATIONS / "ko" / "glossary.yml"
"""The Korean terms, one per concept (checked on every Korean page by tests/book/test_korean.py)."""

__all__ = [
    "DEFAULT",
    "GLOSSARY",
    "LANGUAGES",
    "MissingTextError",
    "UiText",
    "glossary_markdown",
    "localized",
    "source_name",
    "translation",
    "ui_text",
    "widget_text",
    "with_widget_text",
]

DEFAULT = "en"
LANGUAGES = (DEFAULT, "ko")
"""Every language the site is built in, the default first."""


def source_name(name: str) -> str:
    """The English page a file translates: ``perceptron.ko.md`` -> ``perceptron.md``."""
    path = Path(name)
    if path.suffix == ".md" and Path(path.stem).suffix.lstrip(".") in LANGUAGES:
        return path.with_name(Path(path.stem).stem + ".md").as_posix()
    return name


def localized(name: str, language: str) -> str:
    """``name`` in ``language``: ``exercises.md`` -> ``exercises.ko.md`` (the default: itself)."""
    return name if language == DEFAULT else name.replace(".md", f".{language}.md")


def translation(docs: Path, name: str, language: str) -> Path:
    """``docs/name`` in ``language`` if it is translated, else the English page."""
    if language != DEFAULT:
        translated = docs / Path(name).with_suffix(f".{language}.md")
        if translated.is_file():
            return translated
    return docs / name


class MissingTextError(KeyError):
    """A user-interface text that ``translations/<language>/ui.yml`` lacks."""

    def __str__(self) -> str:
        return str(self.args[0])


class UiText(dict[str, str]):
    """The texts of one ``ui.yml`` by name (``"exercises.kind.coding"``); a name it lacks
    raises :class:`MissingTextError` naming the file and the name."""

    def __init__(self, texts: dict[str, str], path: Path) -> None:
        super().__init__(texts)
        self.path = path

    def __missing__(self, key: str) -> str:
        where = self.path.relative_to(REPO) if self.path.is_relative_to(REPO) else self.path
        raise MissingTextError(f"{where} has no text {key!r}")


@functools.lru_cache(maxsize=8)
def _ui_file(path: Path, mtime_ns: int) -> dict[str, str]:
    """``path``'s texts, nested names joined by dots (read again when the file changes)."""
    import yaml

    texts: dict[str, str] = {}

    def walk(table: Any, prefix: str) -> None:
        if not isinstance(table, dict):
            raise ValueError(f"{path}: {prefix.rstrip('.') or 'the file'} is not a mapping")
        for name, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{name}.")
            elif isinstance(value, str) and value:
                texts[f"{prefix}{name}"] = value
            else:
                raise ValueError(f"{path}: {prefix}{name} is not a text: {value!r}")

    walk(yaml.safe_load(path.read_text(encoding="utf-8")), "")
    return texts


def ui_text(language: str) -> UiText:
    """The user-interface texts of the ``language`` edition, ``translations/<language>/ui.yml``,
    by name: ``ui_text("ko")["glossary.title"]``. The English ones are in the code, under the
    same names, next to where they are used."""
    path = TRANSLATIONS / language / "ui.yml"
    return UiText(_ui_file(path, path.stat().st_mtime_ns), path)


def glossary_markdown(path: Path = GLOSSARY) -> str:
    """The Korean edition's glossary page (``ko/glossary/``), made from ``glossary.yml``, in the
    words of ``ui.yml``."""
    import yaml

    glossary = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms, rules = glossary["terms"], glossary.get("rules", [])
    text = ui_text("ko")
    header = " | ".join(text[f"glossary.column.{c}"] for c in ("english", "korean", "avoid"))
    out = [f"# {text['glossary.title']}", "", text["glossary.intro"], ""]
    out += [f"| {header} |", "| --- | --- | --- |"]
    out += [f"| {t['en']} | {t['ko']} | {', '.join(t.get('avoid', []))} |" for t in terms]
    out += ["", f"## {text['glossary.why']} {{ #why }}", ""]
    out += [
        f"**{t['ko']}** ({t['en']}). {' '.join(t['why'].split())}\n" for t in terms if t.get("why")
    ]
    out += ["", f"## {text['glossary.rules']} {{ #rules }}", ""]
    out += [f"**{r['name']}**. {' '.join(r['text'].split())}\n" for r in rules]
    return "\n".join(out)


def widget_text(language: str, root: Path = TRANSLATIONS) -> dict[str, dict[str, str]]:
    """Every widget's labels in ``language``, English -> translated, the kit's (Play, Pause)
    included: ``root/<language>/widgets.yml``. English has none (the labels are English)."""
    if language == DEFAULT:
        return {}
    import yaml

    table = yaml.safe_load((root / language / "widgets.yml").read_text(encoding="utf-8"))
    return {name: {**table["kit"], **text} for name, text in table["widgets"].items()}


_WIDGET = re.compile(r'<figure class="nnbook-widget" data-widget="([^"]+)"')


def with_widget_text(html: str, texts: dict[str, dict[str, str]]) -> str:
    """The page with each widget's labels in its figure, ``data-text='{json}'``, where
    ``docs/javascripts/widgets.js`` looks them up. Raises ValueError naming a widget that
    ``texts`` has no labels for."""

    def add(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in texts:
            raise ValueError(f"widget {name!r} has no labels in translations/*/widgets.yml")
        table = json.dumps(texts[name], ensure_ascii=False, separators=(",", ":"))
        # single quotes around the attribute: JSON's double quotes stay unescaped (bytes)
        attribute = htmllib.escape(table, quote=False).replace("'", "&#39;")
        return f"{m.group(0)} data-text='{attribute}'"

    return _WIDGET.sub(add, html)
