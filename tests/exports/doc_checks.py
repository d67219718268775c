"""Reading a rendered document back as a reader sees it (imported by the document tests).

Markdown is rendered by a CommonMark parser (markdown-it-py, tables on) and
read back with html5lib, so no user text may have become emphasis, a link,
code, a list, a heading or raw HTML: only the tags the renderer writes may be
there. Text is compared with whitespace runs folded, as a reader sees it.
"""

from __future__ import annotations

import html5lib
from markdown_it import MarkdownIt

from quorum.exports.text import one_line
from tests.exports.html_checks import body_text, local, norm


def markdown_as_text(markdown: str, allowed_tags: set[str]) -> str:
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    root = parser.parse(f"<!DOCTYPE html><title>t</title>{rendered}")
    tags = {local(el.tag) for el in root.iter()}
    assert tags <= allowed_tags, tags - allowed_tags
    return body_text(root)


def contains_all(haystack: str, needles: list[str]) -> None:
    folded = norm(haystack)
    for needle in needles:
        assert norm(one_line(needle)) in folded, needle
