"""Dates in words, in the document's language: one month table for every export.

The month names live once in the ``docs`` catalog (``doc.month.1`` …
``doc.month.12``); the minutes, the notice, the invite text and the reply
sentences all say a date through :func:`long_date`.
"""

from __future__ import annotations

from datetime import date

from quorum.store.i18n import t

__all__ = ["long_date"]


def long_date(day: date, lang: str) -> str:
    """ "fredag 12 mars 2027" / "Friday 12 March 2027" (a datetime gives its date)."""
    return t(
        "doc.long_date",
        lang=lang,
        weekday=t(f"weekday.{day.weekday()}", lang=lang),
        day=day.day,
        month=t(f"doc.month.{day.month}", lang=lang),
        year=day.year,
    )
