"""Checks every HTML document quorum writes must pass (imported by the document tests)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import html5lib

FORBIDDEN_TAGS = {"script", "link", "iframe", "img", "object", "embed", "base", "frame", "form"}


def local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def parse_strict(document: str) -> ET.Element:
    """Parse with html5lib in strict mode: any parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(document)
    assert not parser.errors, parser.errors
    return root


def assert_self_contained(document: str) -> ET.Element:
    """Valid, with a lang, no script, no external resource; returns the tree."""
    root = parse_strict(document)
    assert root.get("lang") in ("sv", "en")
    for el in root.iter():
        assert local(el.tag) not in FORBIDDEN_TAGS, el.tag
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), name
            if name.lower() in ("src", "href", "srcset", "action", "data"):
                raise AssertionError(f"external reference {name}={value}")
    for style in root.iter("style"):
        assert not re.search(r"url\(|@import", style.text or ""), "CSS loads a resource"
    return root


def body_text(root: ET.Element) -> str:
    body = root.find("body")
    assert body is not None
    return "".join(body.itertext())


def norm(text: str) -> str:
    return " ".join(text.split())
