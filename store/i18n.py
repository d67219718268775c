"""One translation function, two catalogs.

Catalogs live in ``store/locale/<area>.py`` as two dicts, ``SV`` and ``EN``, so
each part of the app owns its strings and a test can check that every key
exists in both languages with the same placeholders.

**Counts.** A sentence with a number of something is written once per plural
form, as two keys with the suffixes ``_one`` and ``_other``, and asked for by
the bare key with a ``count``::

    "yearplan.created_one": "{count} möte skapades.",
    "yearplan.created_other": "{count} möten skapades.",

    t("yearplan.created", count=3)  # "3 möten skapades."

Swedish and English both use ``one`` for exactly 1 and ``other`` for every
other number, 0 included (Unicode CLDR plural rules). A sentence with two
counts is built from pieces, each its own plural key.

**Strict mode** (``QUORUM_STRICT_I18N=1``, set by the test suite): a missing key,
a placeholder without its parameter, or a number put into a sentence that needs
plural forms raises :class:`TranslationError` instead of showing the user a
half-formatted sentence. Outside strict mode the user gets the best text there
is (the English sentence, then the key) and never a traceback.
"""

from __future__ import annotations

import importlib
import locale
import os
import pkgutil
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("sv", "en")
PLURAL_FORMS = ("one", "other")
_current = "en"
_catalogs: dict[str, dict[str, str]] | None = None
_strict = os.environ.get("QUORUM_STRICT_I18N", "") == "1"

# Numbers that name something rather than count it: "v. {week}", "möten {year}",
# "punkt {number}", "rad {line}", "process {pid}". A word after them does not
# agree with them, so they need no plural forms.
LABEL_NUMBERS = frozenset(
    {
        "year",
        "week",
        "day",
        "number",
        "n",
        "line",
        "first",
        "pid",
        "port",
        "sequence",
        "sent",
        "got",
        "current",
        "found",
        "supported",
        "version",
    }
)
# Words that do not change with the number before them: units and prepositions.
_INVARIABLE = frozenset(
    {
        "min",
        "av",
        "of",
        "till",
        "to",
        "kl.",
        "at",
        "på",
        "in",
        "i",
        "per",
        "a",
        "här",
        "here",
        "närvarande",
    }
)


class TranslationError(Exception):
    """A catalog sentence could not be given its parameters (strict mode only)."""


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


def set_strict(strict: bool) -> None:
    """Raise on every translation fault (the test suite's setting)."""
    global _strict
    _strict = strict


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


def plural_form(count: int) -> str:
    """The CLDR plural category of ``count`` in Swedish and in English."""
    return "one" if count == 1 else "other"


def is_plural(key: str) -> bool:
    """Does ``key`` have plural forms (``key_one`` and ``key_other``)?"""
    return f"{key}_other" in _load()["en"]


def knows(key: str) -> bool:
    """Is ``key`` a catalog key (plain or with plural forms)?"""
    return key in _load()["en"] or is_plural(key)


def placeholders(text: str) -> set[str]:
    """The parameter names a catalog sentence uses."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def unagreeing_counts(text: str, params: dict[str, Any]) -> list[str]:
    """The numeric parameters of ``text`` followed by a word that should agree with
    them ("{count} möten") — in a sentence without plural forms, a grammar fault."""
    found = []
    for name, value in params.items():
        if isinstance(value, bool) or not isinstance(value, int) or name in LABEL_NUMBERS:
            continue
        for match in re.finditer(r"\{" + re.escape(name) + r"\}\s+([^\W\d_][\w.]*)", text):
            if match.group(1).lower() not in _INVARIABLE:
                found.append(name)
                break
    return found


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """Translate ``key`` into ``lang`` (default: the current language).

    A key with plural forms is chosen by its ``count`` parameter.
    """
    cats = _load()
    language = lang or _current
    if "count" in params and is_plural(key):
        count = params["count"]
        key = f"{key}_{plural_form(count if isinstance(count, int) else 2)}"
    elif _strict and is_plural(key):
        raise TranslationError(f"{key} has plural forms: give it count=")
    text = cats.get(language, {}).get(key) or cats["en"].get(key)
    if text is None:
        if _strict:
            raise TranslationError(f"no catalog has the key {key!r}")
        return key
    plural = key.endswith(("_one", "_other"))
    if _strict and not plural and (missing := unagreeing_counts(text, params)):
        raise TranslationError(f"{key}: {missing} need plural forms ({text!r})")
    if params or _strict:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            if _strict:
                raise TranslationError(f"{key}: cannot format {text!r}: {exc!r}") from exc
            return text
    return text


def join_list(items: Iterable[str], lang: str | None = None) -> str:
    """ "a, b och c" / "a, b and c" (no serial comma in either)."""
    words = list(items)
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {t('list.and', lang=lang)} {words[-1]}"


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
