"""Where one document (or one small table) lies in the main file: offset, length, CRC-32.

Its own module because both the archive's reader and writer (``store/archive.py``)
and the sidecar (``store/sidecar.py``, read for the first frame) use it.
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    offset: int
    length: int
    crc: int
