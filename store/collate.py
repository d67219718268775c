"""Sorting names the Swedish way: å, ä, ö come after z, not among the a's and o's."""

from __future__ import annotations

import unicodedata

# å ä ö become the three ASCII characters right after "z", so they sort after
# it; other accented letters sort with their base letter (é as e, ü as y, as
# Swedish dictionaries do).
_SPECIAL = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def sort_key(text: str) -> str:
    """A key that orders names as a Swedish reader expects, case-insensitively."""
    folded = unicodedata.normalize("NFC", text.casefold()).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
