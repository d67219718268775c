"""Internationalised addresses over real SMTP (aiosmtpd on 127.0.0.1).

A domain with å ä ö (``skövde.se``) is written as IDNA and goes to any server; a mailbox
name with them (``åsa@…``) needs RFC 6532 headers and the server's SMTPUTF8: with it the
mail is delivered, without it nothing is sent and the sentence names the addresses.
"""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes, message_from_string
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from quorum.exports.mail_headers import mail_address
from quorum.exports.mail_minutes import minutes_mail
from quorum.store.errors import QuorumError
from quorum.store.records import Attendance, Presence, SmtpSettings, replace
from quorum.store.sending import send_message
from tests.exports.conftest_docs import NOW, realistic_context
from tests.store.test_sending import Inbox, free_port

SENDER = mail_address("Lars Persson", "lars.persson@helsingborg.example.se")


def _controller(utf8: bool) -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=utf8)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def utf8_server() -> Iterator[tuple[Inbox, int]]:
    yield from _controller(True)


@pytest.fixture
def ascii_server() -> Iterator[tuple[Inbox, int]]:
    yield from _controller(False)


def _minutes_to(*guests: tuple[str, str]) -> bytes:
    ctx = realistic_context()
    extra = tuple(
        Attendance(guest_name=name, guest_email=email, presence=Presence.PRESENT)
        for name, email in guests
    )
    meeting = replace(ctx.meeting, attendance=ctx.meeting.attendance + extra)
    return minutes_mail(replace(ctx, meeting=meeting), SENDER, NOW)


def _settings(port: int) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", port, security="none")


def test_a_domain_with_swedish_letters_goes_as_idna_to_any_server(
    ascii_server: tuple[Inbox, int],
) -> None:
    inbox, port = ascii_server
    raw = _minutes_to(("Åsa Öberg", "asa.oberg@skövde.example.se"))
    assert raw.isascii()  # an ordinary RFC 5322 message
    header = message_from_bytes(raw, policy=default)["To"]
    assert "asa.oberg@xn--skvde-kua.example.se" in [a.addr_spec for a in header.addresses]
    report = send_message(_settings(port), None, raw)
    assert "asa.oberg@xn--skvde-kua.example.se" in report.accepted and not report.refused
    assert "asa.oberg@xn--skvde-kua.example.se" in inbox.envelopes[0].rcpt_tos


def test_a_mailbox_with_swedish_letters_is_sent_with_smtputf8(
    utf8_server: tuple[Inbox, int],
) -> None:
    inbox, port = utf8_server
    raw = _minutes_to(("Åsa Öberg", "åsa@skövde.example.se"))
    head = raw.split(b"\r\n\r\n")[0]
    assert "åsa@skövde.example.se".encode() in head  # RFC 6532: UTF-8 headers
    message = message_from_string(raw.decode("utf-8"), policy=default)
    assert "åsa@skövde.example.se" in [a.addr_spec for a in message["To"].addresses]
    report = send_message(_settings(port), None, raw)
    assert "åsa@xn--skvde-kua.example.se" in report.accepted and not report.refused
    assert "SMTPUTF8" in inbox.envelopes[0].mail_options
    assert "åsa@xn--skvde-kua.example.se" in inbox.envelopes[0].rcpt_tos


def test_without_smtputf8_nothing_is_sent_and_the_sentence_names_the_address(
    ascii_server: tuple[Inbox, int],
) -> None:
    inbox, port = ascii_server
    raw = _minutes_to(("Åsa Öberg", "åsa@skövde.example.se"))
    with pytest.raises(QuorumError) as err:
        send_message(_settings(port), None, raw)
    assert err.value.key == "send.error_smtputf8"
    sentence = err.value.sentence("sv")
    assert "åsa@xn--skvde-kua.example.se" in sentence and "SMTPUTF8" in sentence
    assert inbox.envelopes == []


def _recipients(raw: bytes) -> list[tuple[str, str]]:
    message: Any = message_from_bytes(raw, policy=default)
    return [(a.display_name, a.addr_spec) for a in message["To"].addresses]


def test_names_that_python_would_refold_lose_no_recipient(
    ascii_server: tuple[Inbox, int],
) -> None:
    _, port = ascii_server
    names = [
        ("A" * 90 + "; x: y", "long@example.se"),
        ("Åsa Öberg, rektor; Skövde: Teknik", "asa@example.se"),
        ('Per "Pelle" Håkansson', "per@example.se"),
        ("Ulf Norén (SYV), Ö:s kommun", "ulf@example.se"),
    ]
    raw = _minutes_to(*names)
    got = _recipients(raw)
    for name, email in names:
        assert (name, email) in got or any(
            addr == email and "".join(shown.split()) == "".join(name.split()) for shown, addr in got
        )
    report = send_message(_settings(port), None, raw)
    assert {email for _, email in names} <= set(report.accepted)
