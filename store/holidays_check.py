"""Is a day a Swedish public holiday (or an eve everyone takes off)?

A meeting on such a day is allowed but earns a warning the user may accept.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

# Not holidays by law, but nobody comes to a network meeting on them.
_EVES = {
    "sv": {(12, 24): "Julafton", (12, 31): "Nyårsafton"},
    "en": {(12, 24): "Christmas Eve", (12, 31): "New Year's Eve"},
}
_MIDSUMMER_EVE = {"sv": "Midsommarafton", "en": "Midsummer Eve"}


@lru_cache(maxsize=32)
def _year(year: int, lang: str) -> dict[date, str]:
    language = "sv" if lang == "sv" else "en_US"
    return dict(holidays.country_holidays("SE", years=year, language=language))


def holiday_name(day: date, lang: str = "sv") -> str | None:
    """The holiday's name in ``lang`` if ``day`` is one, else None."""
    lang = "sv" if lang == "sv" else "en"
    if name := _year(day.year, lang).get(day):
        return name
    if name := _EVES[lang].get((day.month, day.day)):
        return name
    # Midsummer Eve: the Friday between 19 and 25 June.
    if day.month == 6 and 19 <= day.day <= 25 and day.weekday() == 4:
        return _MIDSUMMER_EVE[lang]
    return None
