"""The one document model every quorum document is built in.

Minutes, notice, decisions register, year summary and the export preview are
built as a :class:`Document`: parts of blocks that hold *raw* user text. Text
is never escaped here; each format's renderer (``render_md``, ``render_html``,
``render_txt``) escapes it once, with its own escaper, when it writes the
block. A new format is one more renderer module with its own ``escape`` and a
case for each block kind below (``render_pdf`` is the fourth);
:func:`typing.assert_never` at the end of every renderer's dispatch makes
mypy name the block kinds a renderer forgot.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A run of single-line text; spans of an :data:`Inline` are joined by one space."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False  # shown as typed, in a fixed-width face (an UID, a file name)


Inline = tuple[Span, ...]


def plain(text: str) -> Inline:
    return (Span(text),)


def labelled(label: str, text: str) -> Inline:
    return (Span(f"{label}:", strong=True), Span(text))


@dataclass(frozen=True)
class Heading:
    level: int  # 1 title, 2 part, 3 item
    text: str


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, str], ...]  # (label, single-line value)


@dataclass(frozen=True)
class Text:
    """Multi-line user text (notes, descriptions): line breaks are kept."""

    text: str


@dataclass(frozen=True)
class Para:
    inline: Inline
    css: str = ""  # an HTML class, e.g. "decision"


@dataclass(frozen=True)
class Entry:
    """A list entry with a list of its own under it."""

    inline: Inline
    children: Bullets


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline | Entry, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns of numbers, aligned right


@dataclass(frozen=True)
class Chart:
    """One bar per row, scaled to the largest value (attendance per meeting)."""

    label: str  # what the chart shows, for those who cannot see it
    headers: tuple[str, str]  # the rows' label column, the value column
    rows: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Banner:
    """A marking that must not be missed (UTKAST / DRAFT)."""

    text: str


@dataclass(frozen=True)
class Signer:
    name: str
    role: str = ""  # "ordförande", "justerare"
    signed: str = ""  # "justerat 2027-03-20" when approved in quorum; empty: a line to sign on


@dataclass(frozen=True)
class Signatures:
    """The signature block of a protokoll: "Vid protokollet" (the secretary) and
    "Justeras" (the chair and the adjusters), each heading with its signers."""

    groups: tuple[tuple[str, tuple[Signer, ...]], ...]


def signer_name(signer: Signer) -> str:
    """``Jonas Justerare, justerare``."""
    return ", ".join(part for part in (signer.name, signer.role) if part)


def signer_line(signer: Signer) -> str:
    """``Jonas Justerare, justerare – justerat 2027-03-20``: one signer as one line."""
    name = signer_name(signer)
    return f"{name} – {signer.signed}" if signer.signed else name


Block = Heading | Fields | Text | Para | Bullets | Table | Chart | Banner | Signatures


@dataclass(frozen=True)
class Part:
    blocks: tuple[Block, ...]
    page_break: bool = False  # printed on a new page


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    parts: tuple[Part, ...] = field(default_factory=tuple)


BAR_WIDTH = 20  # characters of a bar drawn in text (Markdown, plain text)


def text_bar(value: int, top: int) -> str:
    """A bar of block characters, for the formats that draw with text."""
    filled = min(BAR_WIDTH, max(0, round(BAR_WIDTH * value / top))) if top > 0 else 0
    return "█" * filled + "░" * (BAR_WIDTH - filled)
