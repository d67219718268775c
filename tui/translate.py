"""Bindings in the user's language, quorum's and Textual's own.

Textual reads ``Binding.description`` as a plain string, so quorum's screens declare
keys (``"key.help"``) and :func:`translate_bindings` swaps in the sentence of the
current language on the instance's own copy of the bindings map. Textual's widgets
describe their keys in English ("Cursor down", "Copy selected text"); :func:`describe`
finds those in the ``textual`` catalog by their English text, so the help, the footer
and the palette never show English in Swedish mode.
"""

from __future__ import annotations

import re
from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from quorum.store.i18n import knows, t


def textual_key(description: str) -> str:
    """The catalog key of a description of Textual's: "Cursor down" → textual.cursor_down."""
    slug = re.sub(r"\W+", "_", description.lower()).strip("_")
    return f"textual.{slug}"


def describe(description: str) -> str:
    """A binding's description in the current language: a quorum catalog key, one of
    Textual's English descriptions, or (already translated) text, which is kept."""
    if not description:
        return description
    if knows(description):
        return t(description)
    if knows(key := textual_key(description)):
        return t(key)
    return description


def declared_by_quorum(node: DOMNode, binding: Binding) -> bool:
    """Declared by quorum's own classes (not inherited from Textual's widgets, Screen or App)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("quorum.tui.") and any(
            getattr(b, "action", None) == binding.action for b in cls.__dict__.get("BINDINGS", [])
        ):
            return True
    return False


def translate_binding(binding: Binding) -> Binding:
    return replace(
        binding,
        description=describe(binding.description),
        tooltip=describe(binding.tooltip),
    )


def translate_bindings(node: DOMNode) -> None:
    mapping = node._bindings.key_to_bindings
    for key, bindings in mapping.items():
        mapping[key] = [translate_binding(b) for b in bindings]
