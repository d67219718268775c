"""Which characters the PDF's fonts can show, read from the fonts' own cmap tables.

PDF/A forbids a character drawn with no glyph (typst refuses to write such a file),
so the PDF renderer swaps every character its fonts cannot show for a visible
marker before typst sees it (:func:`shown`). What the fonts cover is read here
from the TrueType files quorum ships (``exports/fonts``), so no font library
is needed: a TrueType ``cmap`` table maps code points to glyphs, and its
format 4 (the Basic Multilingual Plane) and format 12 (all planes) subtables
are all a Unicode font carries.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = ["FONT_DIR", "FONT_FILES", "MISSING", "covered", "shown"]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# The file of each style the PDF uses, by (bold, italic): the styles differ (the
# oblique faces have no Arabic, for one), so text is checked against its own.
FONT_FILES = {
    (False, False): "DejaVuSans.ttf",
    (True, False): "DejaVuSans-Bold.ttf",
    (False, True): "DejaVuSans-Oblique.ttf",
    (True, True): "DejaVuSans-BoldOblique.ttf",
}
MISSING = "\u25a1"  # WHITE SQUARE: what a reader knows as "a character this font lacks"

# Characters that never need a glyph: line breaks and the invisible marks typst
# treats as formatting (zero-width space and joiners, soft hyphen, bidi marks).
_INVISIBLE = frozenset("\n\t\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


def _table(data: bytes, tag: bytes) -> bytes:
    (count,) = struct.unpack_from(">H", data, 4)
    for i in range(count):
        name, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if name == tag:
            return data[offset : offset + length]
    raise ValueError(f"no {tag!r} table")


def _format4(sub: bytes) -> Iterable[int]:
    (seg_x2,) = struct.unpack_from(">H", sub, 6)
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", sub, 14)
    starts = struct.unpack_from(f">{segs}H", sub, 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", sub, 16 + 2 * seg_x2)
    range_at = 16 + 3 * seg_x2
    offsets = struct.unpack_from(f">{segs}H", sub, range_at)
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + offsets[i] + 2 * (code - start)
                (glyph,) = struct.unpack_from(">H", sub, at)
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                yield code


def _format12(sub: bytes) -> Iterable[int]:
    (groups,) = struct.unpack_from(">I", sub, 12)
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", sub, 16 + 12 * i)
        for n, code in enumerate(range(start, end + 1)):
            if glyph + n:
                yield code


def _codes(path: Path) -> frozenset[int]:
    data = path.read_bytes()
    cmap = _table(data, b"cmap")
    (count,) = struct.unpack_from(">H", cmap, 2)
    best: tuple[int, int] | None = None  # (format, offset), the widest Unicode subtable
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        (fmt,) = struct.unpack_from(">H", cmap, offset)
        if unicode and fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, offset)
    if best is None:
        raise ValueError(f"{path.name}: no Unicode cmap")
    fmt, offset = best
    return frozenset(_format12(cmap[offset:]) if fmt == 12 else _format4(cmap[offset:]))


@cache
def covered(bold: bool = False, italic: bool = False) -> frozenset[int]:
    """The code points the PDF's font has a glyph for in this style."""
    return _codes(FONT_DIR / FONT_FILES[bold, italic]) | {ord(c) for c in _INVISIBLE}


def shown(text: str, bold: bool = False, italic: bool = False) -> str:
    """``text`` with each character the font cannot draw in this style replaced by
    :data:`MISSING`.

    A combining mark is kept only when the font has it; a variation selector
    (emoji presentation, say) is dropped with the character it modified.
    """
    cover = covered(bold, italic)
    if all(ord(c) in cover for c in text):
        return text  # the common case: nothing to look at twice
    out: list[str] = []
    for ch in text:
        if ord(ch) in cover:
            out.append(ch)
        elif 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:
            continue  # a variation selector has nothing to show on its own
        elif not (out and out[-1] == MISSING):
            out.append(MISSING)  # one marker for a run (an emoji with its joiners)
    return "".join(out)
