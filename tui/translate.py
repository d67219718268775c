"""Bindings whose descriptions are i18n keys, translated when a node is made.

Textual reads ``Binding.description`` as a plain string, so screens declare
keys (``"key.help"``) and :func:`translate_bindings` swaps in the sentence of
the current language on the instance's own copy of the bindings map.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from quorum.store.i18n import t


def translate_bindings(node: DOMNode) -> None:
    mapping = node._bindings.key_to_bindings
    for key, bindings in mapping.items():
        mapping[key] = [
            replace(
                b,
                description=t(b.description) if b.description else b.description,
                tooltip=t(b.tooltip) if b.tooltip else b.tooltip,
            )
            for b in bindings
        ]
