"""A tiny document model and its three renderings: Markdown, HTML and plain text.

The minutes and the notice are built once as :class:`Document` (parts of
blocks holding *raw* user text); each backend escapes for its own format, so
escaping lives in exactly one place per format.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from quorum.exports.text import md_block, md_escape, one_line, paragraphs


@dataclass(frozen=True)
class Span:
    """A run of single-line text; spans of an :data:`Inline` are joined by one space."""

    text: str
    strong: bool = False


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
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Banner:
    """A marking that must not be missed (UTKAST / DRAFT)."""

    text: str


Block = Heading | Fields | Text | Para | Bullets | Table | Banner


@dataclass(frozen=True)
class Part:
    blocks: tuple[Block, ...]
    page_break: bool = False  # printed on a new page


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    parts: tuple[Part, ...] = field(default_factory=tuple)


# --- Markdown -------------------------------------------------------------


def _spans(inline: Inline) -> list[tuple[str, bool]]:
    return [(one_line(s.text), s.strong) for s in inline if one_line(s.text)]


def _md_inline(inline: Inline) -> str:
    return " ".join(
        f"**{md_escape(text)}**" if strong else md_escape(text) for text, strong in _spans(inline)
    )


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {md_escape(one_line(block.text))}"
    if isinstance(block, Fields):
        return "\\\n".join(
            f"**{md_escape(label)}:** {md_escape(one_line(value))}" for label, value in block.rows
        )
    if isinstance(block, Text):
        return md_block(block.text)
    if isinstance(block, Para):
        return _md_inline(block.inline)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_inline(item)}" for item in block.items)
    if isinstance(block, Table):

        def row(cells: tuple[str, ...]) -> str:
            return "| " + " | ".join(md_escape(one_line(c)) for c in cells) + " |"

        lines = [row(block.headers), "|" + "|".join("---" for _ in block.headers) + "|"]
        lines += [row(r) for r in block.rows]
        return "\n".join(lines)
    return f"**{md_escape(block.text)}**"


def to_markdown(doc: Document) -> str:
    chunks = [_md_block(b) for part in doc.parts for b in part.blocks]
    return "\n\n".join(c for c in chunks if c) + "\n"


# --- plain text -----------------------------------------------------------


def _txt_inline(inline: Inline) -> str:
    return " ".join(text for text, _ in _spans(inline))


def _txt_block(block: Block) -> str:
    if isinstance(block, Heading):
        text = one_line(block.text)
        if block.level == 1:
            return f"{text}\n{'=' * len(text)}"
        if block.level == 2:
            return f"{text}\n{'-' * len(text)}"
        return text
    if isinstance(block, Fields):
        width = max(len(label) for label, _ in block.rows) + 1
        return "\n".join(f"{label + ':':<{width}} {one_line(value)}" for label, value in block.rows)
    if isinstance(block, Text):
        return "\n\n".join("\n".join(p) for p in paragraphs(block.text))
    if isinstance(block, Para):
        return _txt_inline(block.inline)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_txt_inline(item)}" for item in block.items)
    if isinstance(block, Table):
        cells = [[one_line(c) for c in row] for row in (block.headers, *block.rows)]
        widths = [max(len(row[i]) for row in cells) for i in range(len(block.headers))]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)
    return f"*** {one_line(block.text)} ***"


def to_text(doc: Document) -> str:
    chunks = [_txt_block(b) for part in doc.parts for b in part.blocks]
    return "\n\n".join(c for c in chunks if c) + "\n"


# --- HTML -----------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
  color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.decision { border-left: 4px solid #1a5fb4; padding-left: 0.6rem; }
.banner { border: 3px solid #b00020; color: #b00020; font-weight: bold; font-size: 1.2rem;
  padding: 0.5rem 1rem; text-align: center; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
thead th { background: #f0f0f0; }
@media (max-width: 30rem) {
  main { padding: 0.5rem; }
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: 0.4rem; }
}
@media print {
  main { max-width: none; padding: 0; }
  .page-break { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, .decision { border-left: 4px solid #1a5fb4; padding-left: 0.6rem; }
.banner { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


def _h(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def _html_inline(inline: Inline) -> str:
    return " ".join(
        f"<strong>{html.escape(text)}</strong>" if strong else html.escape(text)
        for text, strong in _spans(inline)
    )


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_h(block.text)}</h{block.level}>"
    if isinstance(block, Fields):
        rows = "".join(f"<dt>{_h(label)}</dt><dd>{_h(value)}</dd>" for label, value in block.rows)
        return f"<dl>{rows}</dl>"
    if isinstance(block, Text):
        # Lines kept by CSS (pre-wrap), so the text is exactly what was typed.
        return "\n".join(
            f'<p class="text">{html.escape(chr(10).join(p), quote=True)}</p>'
            for p in paragraphs(block.text)
        )
    if isinstance(block, Para):
        cls = f' class="{block.css}"' if block.css else ""
        return f"<p{cls}>{_html_inline(block.inline)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_html_inline(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{_h(c)}</th>' for c in block.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{_h(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        return (
            f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )
    return f'<p class="banner" role="note">{_h(block.text)}</p>'


def to_html(doc: Document) -> str:
    sections = []
    for part in doc.parts:
        cls = ' class="page-break"' if part.page_break else ""
        inner = "\n".join(_html_block(b) for b in part.blocks)
        sections.append(f"<section{cls}>\n{inner}\n</section>")
    body = "\n".join(sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(doc.title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
