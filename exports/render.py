"""Every document format by name: one renderer, one escaper each.

``md``, ``html`` and ``txt``: text formats, each a module with ``escape`` and
``render`` like the three below. PDF (``render_pdf``) is bytes and needs its page's
head, foot and metadata besides the document, so it is called through
``exports.meeting_export`` rather than listed here. The CLI's ``--format`` and the
export screen choose by these names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from quorum.exports import render_html, render_md, render_txt
from quorum.exports.blocks import Document

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["md", "html", "txt"]

FORMATS: dict[Format, Callable[[Document], str]] = {
    "md": render_md.render,
    "html": render_html.render,
    "txt": render_txt.render,
}


def render(doc: Document, fmt: Format) -> str:
    return FORMATS[fmt](doc)
