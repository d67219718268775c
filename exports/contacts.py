"""E-mail addresses and Swedish phone numbers in free text: found, and left out.

E-mail addresses and phone numbers (070-123 45 67, +46 70 123 45 67,
08-123 456 ...) are found anywhere in the text. The documents' context uses
:func:`redact` for a publication copy; the privacy check lists what is found.
"""

from __future__ import annotations

import re

from quorum.exports.text import clean
from quorum.store.i18n import t

__all__ = ["EMAIL", "PHONE", "emails_in", "phones_in", "redact"]

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# +46 or a leading 0, an area code, then digits with at most one space or hyphen
# between them; the digit count is checked afterwards (7–9 after the 0).
PHONE = re.compile(
    r"(?<![\w+])(?:\+46[ \-\u00a0]?(?:\(0\)[ \-\u00a0]?)?|0)[1-9](?:[ \-\u00a0]?\d){5,10}(?![\w])"
)


_SEPARATORS = " -\u00a0"


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+46"):
        national = digits[2:]
        if "(0)" in candidate:
            national = national[1:]
    else:
        national = digits[1:]
    return 7 <= len(national) <= 9


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Where phone numbers are; a run of digit groups too long for one number is
    cut back at a group boundary ("070-123 45 67 08-123 456" is two numbers)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while match := PHONE.search(text, pos):
        found = match.group(0)
        cuts = [len(found)] + [
            i
            for i in range(len(found) - 1, 0, -1)
            if found[i] in _SEPARATORS and found[i - 1].isdigit()
        ]
        length = next((n for n in cuts if _is_phone(found[:n])), 0)
        if length:
            spans.append((match.start(), match.start() + length))
            pos = match.start() + length
        else:
            pos = match.start() + 1
    return spans


def emails_in(text: str) -> list[str]:
    return EMAIL.findall(clean(text))


def phones_in(text: str) -> list[str]:
    text = clean(text)
    return [text[a:b] for a, b in _phone_spans(text)]


def redact(text: str, lang: str) -> str:
    """``text`` (cleaned) with every e-mail address and phone number replaced by a marker."""
    text = EMAIL.sub(t("privacy.email_removed", lang=lang), clean(text))
    marker = t("privacy.phone_removed", lang=lang)
    for start, end in reversed(_phone_spans(text)):
        text = text[:start] + marker + text[end:]
    return text
