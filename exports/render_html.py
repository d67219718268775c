"""A :class:`~quorum.exports.blocks.Document` as standalone HTML, and HTML's one escaper.

The page is self-contained (its style inline, no script, no external
resource), printable (parts marked ``page_break`` start a new page) and
accessible (a ``lang``, headings in order, table headers with ``scope``, a
chart described by its label). Every piece of text passes :func:`escape`
exactly once, attributes included.
"""

from __future__ import annotations

import html
from typing import assert_never

from quorum.exports.blocks import (
    Banner,
    Block,
    Bullets,
    Chart,
    Document,
    Entry,
    Fields,
    Heading,
    Inline,
    Para,
    Signatures,
    Span,
    Table,
    Text,
    signer_line,
)
from quorum.exports.text import clean, one_line, paragraphs

__all__ = ["escape", "render"]

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


# Style for blocks only some documents have: added when the document has them,
# so a page carries no rule it does not use.
_CSS_NUMERIC = "td.num { text-align: right; font-variant-numeric: tabular-nums; }"
_CSS_CHART = """
.bar { background: #e6e6e6; height: 1rem; min-width: 10rem; }
.bar span { display: block; height: 100%; background: #2a6f97; }
@media print { .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
""".strip()


_CSS_SIGNATURES = """
.signatures { display: flex; flex-wrap: wrap; gap: 1rem 3rem; margin-top: 2rem; }
.signatures h3 { margin: 0 0 0.5rem; font-size: 1rem; }
.signer { min-width: 14rem; margin-bottom: 1rem; }
.sign-line { border-bottom: 1px solid #1a1a1a; height: 2.5rem; }
.signatures p { margin: 0.2rem 0 0; }
@media print { .signatures { break-inside: avoid; page-break-inside: avoid; } }
""".strip()


def escape(text: str) -> str:
    """A single-line field as HTML text or attribute value."""
    return html.escape(one_line(text), quote=True)


def _escape_lines(lines: list[str]) -> str:
    return html.escape(clean("\n".join(lines)), quote=True)


def _span(span: Span) -> str:
    text = escape(span.text)
    if span.code:
        return f"<code>{text}</code>"
    if span.strong:
        return f"<strong>{text}</strong>"
    if span.emphasis:
        return f"<em>{text}</em>"
    return text


def _inline(inline: Inline) -> str:
    return " ".join(_span(s) for s in inline if one_line(s.text))


def _bullets(bullets: Bullets) -> str:
    items = []
    for item in bullets.items:
        if isinstance(item, Entry):
            items.append(f"<li>{_inline(item.inline)}{_bullets(item.children)}</li>")
        else:
            items.append(f"<li>{_inline(item)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _table(table: Table) -> str:
    def cell(index: int, text: str) -> str:
        return (
            f'<td class="num">{escape(text)}</td>'
            if index in table.numeric
            else f"<td>{escape(text)}</td>"
        )

    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.headers)
    body = "".join(
        "<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in table.rows
    )
    return (
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _chart(chart: Chart) -> str:
    top = max((value for _, value in chart.rows), default=0)
    rows = []
    for label, value in chart.rows:
        width = min(100, max(0, round(100 * value / top))) if top > 0 else 0
        rows.append(
            f"<tr><td>{escape(label)}</td>"
            '<td><div class="bar" role="presentation">'
            f'<span style="width: {width}%"></span></div></td>'
            f'<td class="num">{value}</td></tr>'
        )
    names, values = chart.headers
    return (
        f'<div class="table-wrap"><table aria-label="{escape(chart.label)}"><thead><tr>'
        f'<th scope="col">{escape(names)}</th><th scope="col"></th>'
        f'<th scope="col">{escape(values)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _signatures(block: Signatures) -> str:
    groups = []
    for heading, signers in block.groups:
        people = "".join(
            '<div class="signer">'
            + ("" if s.signed else '<div class="sign-line" role="presentation"></div>')
            + f"<p>{escape(signer_line(s))}</p></div>"
            for s in signers
        )
        groups.append(f"<div><h3>{escape(heading)}</h3>{people}</div>")
    return f'<div class="signatures">{"".join(groups)}</div>'


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Fields):
        rows = "".join(
            f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in block.rows
        )
        return f"<dl>{rows}</dl>"
    if isinstance(block, Text):
        # Lines kept by CSS (pre-wrap), so the text is exactly what was typed.
        return "\n".join(f'<p class="text">{_escape_lines(p)}</p>' for p in paragraphs(block.text))
    if isinstance(block, Para):
        cls = f' class="{escape(block.css)}"' if block.css else ""
        return f"<p{cls}>{_inline(block.inline)}</p>"
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _chart(block) if block.rows else ""
    if isinstance(block, Banner):
        text = escape(block.text)
        return f'<p class="banner" role="note">{text}</p>' if text else ""
    if isinstance(block, Signatures):
        return _signatures(block)
    assert_never(block)


def _style(doc: Document) -> str:
    blocks = [b for part in doc.parts for b in part.blocks]
    css = [_CSS]
    if any((isinstance(b, Table) and b.numeric) or isinstance(b, Chart) for b in blocks):
        css.append(_CSS_NUMERIC)
    if any(isinstance(b, Chart) for b in blocks):
        css.append(_CSS_CHART)
    if any(isinstance(b, Signatures) for b in blocks):
        css.append(_CSS_SIGNATURES)
    return "\n".join(css)


def render(doc: Document) -> str:
    sections = []
    for part in doc.parts:
        cls = ' class="page-break"' if part.page_break else ""
        inner = "\n".join(html for html in (_block(b) for b in part.blocks) if html)
        sections.append(f"<section{cls}>\n{inner}\n</section>")
    body = "\n".join(sections)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>\n{_style(doc)}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
