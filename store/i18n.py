"""One translation function, two catalogs.

Catalogs live in ``store/locale/<area>.py`` as two dicts, ``SV`` and ``EN``, so
each part of the app owns its strings and a test can check that every key
exists in both languages. Missing keys fall back to English, then to the key.
"""

from __future__ import annotations

import importlib
import locale
import os
import pkgutil
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("sv", "en")
_current = "en"
_catalogs: dict[str, dict[str, str]] | None = None


def catalog_modules() -> list[str]:
    import quorum.store.locale as pkg

    return sorted(m.name for m in pkgutil.iter_modules(pkg.__path__))


def _load() -> dict[str, dict[str, str]]:
    global _catalogs
    if _catalogs is None:
        merged: dict[str, dict[str, str]] = {"sv": {}, "en": {}}
        for name in catalog_modules():
            mod = importlib.import_module(f"quorum.store.locale.{name}")
            merged["sv"].update(mod.SV)
            merged["en"].update(mod.EN)
        _catalogs = merged
    return _catalogs


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def current_language() -> str:
    return _current


def language_from_environment() -> str:
    """Swedish when the user's locale says so, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "sv" if loc.lower().startswith("sv") else "en"


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """Translate ``key`` into ``lang`` (default: the current language)."""
    cats = _load()
    text = cats.get(lang or _current, {}).get(key) or cats["en"].get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


@dataclass(frozen=True)
class Notice:
    """A translatable sentence kept as a catalog key and its parameters, so a record
    (a proposed date's reason, a host's explanation) reads in whichever language it is
    shown in."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Notice:
        return cls(key, tuple(sorted(params.items())))

    def text(self, lang: str | None = None) -> str:
        # A parameter may itself be a Notice (a holiday's name, a weekday):
        # it is rendered in the same language.
        params = {k: v.text(lang) if isinstance(v, Notice) else v for k, v in self.params}
        return t(self.key, lang=lang, **params)
