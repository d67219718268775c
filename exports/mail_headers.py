"""Mail headers built from structured addresses, folded so that no name can break them.

Every address is an :class:`email.headerregistry.Address` (:func:`mail_address`) set on
an :class:`~email.message.EmailMessage` as an object, never as text that is parsed
again; a message is built under :func:`policy_for` its addresses. That policy is the
standard library's SMTP policy (CRLF line ends, RFC 2047 for non-ASCII) with one change:
address headers (From, To, Cc, Reply-To …) are written by :func:`fold_groups` instead of
Python's own folder, which — measured on Python 3.11.7 — turns the comma after a
non-ASCII name into an encoded word (``=?utf-8?q?=2C?=``) and drops the quotes around a
long name holding ``;`` or ``:`` when it folds the line: mail readers then lose
recipients. Here a display name is one quoted string (or RFC 2047 encoded words, when
it is not ASCII or would not fit on a line), a line is folded only between whole
tokens, and an address can never be cut.

A display name is one line (:func:`mail_address` joins whitespace), so no name can add
a header. A domain that is not ASCII (``skövde.se``) is written as IDNA (``xn--``); a
mailbox name that is not ASCII (``åsa@…``) cannot be written in an ASCII header at all:
such a message is built as RFC 6532 (UTF-8 headers, :func:`needs_utf8`) and sent with
SMTPUTF8 where the server offers it (``store/sending.py``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from datetime import datetime
from email.headerregistry import Address, Group
from email.policy import EmailPolicy
from typing import Any

from quorum.exports.text import one_line

__all__ = [
    "ADDRESS_HEADERS",
    "MailPolicy",
    "fold_groups",
    "mail_address",
    "message_id",
    "needs_utf8",
    "policy_for",
]

ADDRESS_HEADERS = frozenset({"from", "to", "cc", "bcc", "reply-to", "sender"})
_WIDTH = 78  # RFC 5322's recommended line length
_SPECIALS = set('()<>[]:;@\\,."')
_TOKEN = 70  # the longest token written as it is: a line holds it and "To: "
_WORD_BYTES = 45  # UTF-8 bytes per encoded word: 60 base64 characters, 72 in all


def mail_address(name: str, email: str) -> Address:
    """An address with a one-line display name (a newline would start a header)."""
    username, _, domain = email.rpartition("@")
    return Address(display_name=one_line(name), username=username, domain=domain)


def message_id(kind: str, key: str, now: datetime, sender: Address) -> str:
    """A Message-ID for a draft, the same for the same draft (renderers are pure): made
    from what it is (``kind``, ``key``) and when, at the sender's domain."""
    stamp = f"{key}\n{now.isoformat()}".encode("utf-8", "surrogatepass")
    try:
        domain = sender.domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = "quorum.invalid"
    return f"<{kind}.{hashlib.sha256(stamp).hexdigest()[:20]}@{domain}>"


def needs_utf8(addresses: Iterable[Address]) -> bool:
    """Whether an address's mailbox name is not ASCII: only RFC 6532 headers can carry it."""
    return any(not a.username.isascii() for a in addresses)


def _addr_spec(address: Address, utf8: bool) -> str:
    domain = address.domain
    if not utf8 and not domain.isascii():
        domain = domain.encode("idna").decode("ascii")
    # Address quotes a mailbox name that is not a dot-atom ("a..b"@x).
    return Address(username=address.username, domain=domain).addr_spec


def _encoded_words(name: str) -> list[str]:
    """``name`` as RFC 2047 encoded words, each whole characters and at most 72 long.

    A cut is put after a space where one is near, so readers that (wrongly) show a space
    between adjacent encoded words show it where the name has one.
    """
    words: list[str] = []
    chunk = ""
    for char in name:
        if len((chunk + char).encode("utf-8")) > _WORD_BYTES:
            cut = chunk.rfind(" ") + 1
            if cut <= len(chunk) // 2:
                cut = len(chunk)
            words.append(chunk[:cut])
            chunk = chunk[cut:]
        chunk += char
    words.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(w.encode('utf-8')).decode('ascii')}?=" for w in words]


def _name_tokens(name: str, utf8: bool) -> list[str]:
    """A display name as header tokens: atoms, one quoted string, or encoded words."""
    if not name:
        return []
    # "=?" could be read as the start of an encoded word even inside quotes.
    if (name.isascii() or utf8) and "=?" not in name:
        if not any(c in _SPECIALS for c in name):
            words = name.split()
            if all(len(w.encode("utf-8")) <= _TOKEN for w in words):
                return words
        quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if len(quoted.encode("utf-8")) <= _TOKEN:
            return [quoted]
    return _encoded_words(name)


def _address_tokens(address: Address, utf8: bool) -> list[str]:
    if not address.display_name:
        return [_addr_spec(address, utf8)]
    return [*_name_tokens(address.display_name, utf8), f"<{_addr_spec(address, utf8)}>"]


def fold_groups(groups: Iterable[Group], utf8: bool, indent: int, linesep: str) -> str:
    """An address header's value: whole tokens, lines folded between them.

    ``indent`` is the width of ``Name: `` before the value on the first line.
    """
    items: list[list[str]] = []
    for group in groups:
        if group.display_name is None:  # a plain address, not a group
            items += [_address_tokens(a, utf8) for a in group.addresses]
        else:
            members = [t for a in group.addresses for t in [*_address_tokens(a, utf8), ","]]
            if members:
                members.pop()
            items.append([*_name_tokens(group.display_name, utf8), ":", *members, ";"])
    tokens: list[str] = []
    for i, item in enumerate(items):
        tokens += item
        if i < len(items) - 1:
            tokens[-1] += ","
    lines: list[str] = []
    current = ""
    for token in tokens:
        room = _WIDTH - (1 if lines else indent)  # a folded line starts with a space
        if current and len(current) + 1 + len(token) > room:
            lines.append(current)
            current = token
        else:
            current = f"{current} {token}" if current else token
    lines.append(current)
    return f"{linesep} ".join(lines)


class MailPolicy(EmailPolicy):
    """The SMTP policy, with address headers folded by :func:`fold_groups` (and a
    Message-ID never folded)."""

    def _address_header(self, name: str, value: Any) -> str | None:
        if name.lower() == "message-id":  # one token: folded, some readers keep the space
            return f"{name}: {str(value).strip()}"
        groups = getattr(value, "groups", None)
        if name.lower() not in ADDRESS_HEADERS or groups is None:
            return None
        return f"{name}: {fold_groups(groups, self.utf8, len(name) + 2, self.linesep)}"

    def fold(self, name: str, value: Any) -> str:
        folded = self._address_header(name, value)
        return super().fold(name, value) if folded is None else folded + self.linesep

    def fold_binary(self, name: str, value: Any) -> bytes:
        folded = self._address_header(name, value)
        if folded is None:
            return super().fold_binary(name, value)
        return (folded + self.linesep).encode("utf-8" if self.utf8 else "ascii")


_POLICY = MailPolicy(linesep="\r\n")


def policy_for(addresses: Iterable[Address]) -> MailPolicy:
    """The policy of a message to and from ``addresses``: RFC 6532 only when one needs it."""
    return _POLICY.clone(utf8=True) if needs_utf8(addresses) else _POLICY
