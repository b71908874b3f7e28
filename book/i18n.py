"""The book's languages: English, the default, and Korean (``docs/<page>.ko.md``, issue 15).

mkdocs-static-i18n builds the English site, then the Korean one under ``ko/`` as a second
MkDocs build in the same process; the hooks ask :func:`current_language` which one is running.
Korean terms are fixed by ``translations/ko/glossary.yml``; the interactive figures' labels are
in ``translations/ko/widgets.yml`` (:func:`widget_text`, :func:`with_widget_text`).
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
from pathlib import Path
from typing import Any

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
GLOSSARY = TRANSLATIONS / "ko" / "glossary.yml"
"""The Korean terms, one per concept (checked on every Korean page by tests/book/test_korean.py)."""

__all__ = [
    "DEFAULT",
    "GLOSSARY",
    "LANGUAGES",
    "current_language",
    "glossary_markdown",
    "place",
    "source_name",
    "translation",
    "widget_text",
    "with_widget_text",
]

DEFAULT = "en"
LANGUAGES = (DEFAULT, "ko")
"""Every language the site is built in, the default first."""


def current_language(config: Any) -> str:
    """The language MkDocs is building now (the i18n plugin's), :data:`DEFAULT` without it."""
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or DEFAULT


def source_name(name: str) -> str:
    """The English page a file translates: ``perceptron.ko.md`` -> ``perceptron.md``."""
    path = Path(name)
    if path.suffix == ".md" and Path(path.stem).suffix.lstrip(".") in LANGUAGES:
        return path.with_name(Path(path.stem).stem + ".md").as_posix()
    return name


def translation(docs: Path, name: str, language: str) -> Path:
    """``docs/name`` in ``language`` if it is translated, else the English page."""
    if language != DEFAULT:
        translated = docs / Path(name).with_suffix(f".{language}.md")
        if translated.is_file():
            return translated
    return docs / name


def place(file: Any, config: Any, language: str) -> Any:
    """Put a page generated during the ``language`` build where the i18n plugin puts the pages
    it knows, under ``<language>/`` (a generated page is added after the plugin has run)."""
    if language != DEFAULT:
        file.dest_path = f"{language}/{file.dest_path}"
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_path))
        file.url = file._get_url(config.use_directory_urls)
    return file


def glossary_markdown(path: Path = GLOSSARY) -> str:
    """The Korean edition's glossary page (``ko/glossary/``), made from ``glossary.yml``."""
    import yaml

    terms = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
    out = [
        "# 용어집",
        "",
        "이 한국어판은 개념 하나에 용어 하나를 쓴다. 아래 표가 그 용어이며, 모든 한국어 페이지가 "
        "이 표를 따르는지 테스트가 검사한다. 오른쪽 열의 번역은 쓰지 않는다. 코드에 나오는 "
        "이름(함수, 클래스, 인수)은 영어 그대로 둔다.",
        "",
        "| English | 한국어 | 쓰지 않는 번역 |",
        "| --- | --- | --- |",
    ]
    out += [f"| {t['en']} | {t['ko']} | {', '.join(t.get('avoid', []))} |" for t in terms]
    out += ["", "## 용어를 고른 이유 { #why }", ""]
    out += [
        f"**{t['ko']}** ({t['en']}). {' '.join(t['why'].split())}\n" for t in terms if t.get("why")
    ]
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
