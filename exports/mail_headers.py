"""Address headers that survive Python 3.11's header folding.

``msg["To"] = [Address(...), ...]`` lets Python 3.11's folder split a list of
addresses with non-ASCII names so that a comma becomes an encoded word
(``=?utf-8?q?=2C?=``); mail readers then lose a recipient. :func:`address_list`
encodes and folds the list itself; store it with ``msg.set_raw("To", ...)``.
"""

from __future__ import annotations

from email.header import Header
from email.headerregistry import Address


def mail_address(name: str, email: str) -> Address:
    """An address with a one-line display name (a newline would start a header)."""
    username, _, domain = email.rpartition("@")
    return Address(display_name=" ".join(name.split()), username=username, domain=domain)


def _name_words(name: str) -> list[str]:
    """A display name as header words: atoms, one quoted string, or encoded words.

    A non-ASCII name becomes one encoded word when it fits (short enough for a
    78-character line); longer names are split into several, which RFC 2047
    readers join again (Python's own parser shows a space between them).
    """
    if not name:
        return []
    if not name.isascii():
        return Header(name, "utf-8").encode(maxlinelen=70).split()
    shown = str(Address(display_name=name, addr_spec="x@example.se")).rsplit(" <", 1)[0]
    return [shown] if shown.startswith('"') else shown.split()


def address_list(addresses: list[Address], width: int = 78) -> str:
    """An address-list header value: names RFC 2047 encoded, folded between words
    so no line passes ``width`` (then Python keeps it as it is)."""
    tokens: list[str] = []
    for i, a in enumerate(addresses):
        separator = "," if i < len(addresses) - 1 else ""
        tokens += [*_name_words(a.display_name), f"<{a.addr_spec}>{separator}"]
    lines = [""]
    for token in tokens:
        if lines[-1] and len(lines[-1]) + 1 + len(token) > width - 4:  # room for "To: "
            lines.append(token)
        else:
            lines[-1] = f"{lines[-1]} {token}" if lines[-1] else token
    return "\n ".join(lines)
