"""Sending for real: a real SMTP server (aiosmtpd) on 127.0.0.1 receives the minutes."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from quorum.exports.mail_headers import mail_address
from quorum.exports.mail_minutes import minutes_mail, minutes_recipients
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.records import SmtpSettings
from quorum.store.sending import SendReport, password_from_env, send_message
from quorum.store.text_rules import as_stored
from tests.exports.conftest_docs import NOW, realistic_context

SENDER = mail_address("Lars Persson", "lars.persson@helsingborg.example.se")


class Inbox:
    """Collects what the server accepts; refuses addresses at refused.example.se."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.endswith("@refused.example.se"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    def text(value: bytes | str) -> str:
        return value.decode() if isinstance(value, bytes) else value

    ok = isinstance(data, LoginPassword) and (text(data.login), text(data.password)) == (
        "sekreterare",
        "hemligt",
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_require_tls=False
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def tls_contexts(cert: Path, key: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    return server_ctx, client_ctx


def check_received(inbox: Inbox, raw: bytes) -> None:
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.mail_from == "lars.persson@helsingborg.example.se"
    # Byte for byte what was prepared, less the draft marker.
    assert envelope.content.rstrip(b"\r\n") == raw.replace(b"X-Unsent: 1\r\n", b"").rstrip(b"\r\n")
    got = message_from_bytes(envelope.content, policy=default)
    sent = message_from_bytes(raw, policy=default)
    assert got["Subject"] == sent["Subject"]
    assert got["Message-ID"] == sent["Message-ID"]
    assert got["X-Unsent"] is None  # the draft marker is not sent
    assert [p.get_content_type() for p in got.walk()] == [p.get_content_type() for p in sent.walk()]
    got_body, sent_body = got.get_body(("plain",)), sent.get_body(("plain",))
    assert got_body is not None and sent_body is not None
    assert got_body.get_content() == sent_body.get_content()


def test_plain_smtp_delivers_to_every_recipient(server: tuple[Inbox, int]) -> None:
    inbox, port = server
    ctx = realistic_context()
    raw = minutes_mail(ctx, SENDER, NOW)
    seen: list[str] = []
    report = send_message(
        SmtpSettings("127.0.0.1", port, security="none"), None, raw, seen.append, lang="sv"
    )
    expected = [a.addr_spec for a in minutes_recipients(ctx)]
    assert report == SendReport(accepted=tuple(expected), refused={})
    assert sorted(inbox.envelopes[0].rcpt_tos) == sorted(expected)
    check_received(inbox, raw)
    assert seen[0] == f"Ansluter till 127.0.0.1:{port} …"
    assert seen[-1] == "Klart: 11 av 11 mottagare tog emot meddelandet."


def test_refused_recipients_are_reported(server: tuple[Inbox, int]) -> None:
    inbox, port = server
    raw = (
        b"From: a@example.se\r\nTo: ok@example.se, nej@refused.example.se\r\n"
        b"Cc: cc@example.se\r\nBcc: hemlig@example.se\r\nSubject: Test\r\n\r\nHej\r\n"
    )
    report = send_message(SmtpSettings("127.0.0.1", port, security="none"), None, raw)
    assert report.accepted == ("ok@example.se", "cc@example.se", "hemlig@example.se")
    assert list(report.refused) == ["nej@refused.example.se"]
    assert report.refused["nej@refused.example.se"].startswith("550")
    assert b"hemlig" not in inbox.envelopes[0].content  # Bcc is not shown to the others


def test_all_refused_is_a_report_not_a_crash(server: tuple[Inbox, int]) -> None:
    _, port = server
    raw = b"From: a@example.se\r\nTo: x@refused.example.se\r\nSubject: T\r\n\r\nHej\r\n"
    report = send_message(SmtpSettings("127.0.0.1", port, security="none"), None, raw)
    assert report.accepted == () and list(report.refused) == ["x@refused.example.se"]


def test_login(certificate: tuple[Path, Path]) -> None:
    server_ctx, client_ctx = tls_contexts(*certificate)
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_ctx,
        require_starttls=True,
        authenticator=authenticator,
    )
    controller.start()
    try:
        settings = SmtpSettings("127.0.0.1", port, security="starttls", user="sekreterare")
        raw = minutes_mail(realistic_context("en"), SENDER, NOW)
        assert send_message(settings, "hemligt", raw, ssl_context=client_ctx).refused == {}
        check_received(inbox, raw)
        with pytest.raises(QuorumError) as err:
            send_message(settings, "fel", raw, ssl_context=client_ctx)
        assert err.value.sentence("sv") == "E-postservern godtog inte inloggningen för sekreterare."
        with pytest.raises(QuorumError) as err:
            send_message(settings, None, raw, ssl_context=client_ctx)
        assert err.value.key == "send.error_password"
    finally:
        controller.stop()


def test_a_password_is_never_sent_in_clear_text(server: tuple[Inbox, int]) -> None:
    # The server would take AUTH without TLS (auth_require_tls=False): quorum must not.
    inbox, port = server
    with pytest.raises(ValidationError) as refused:
        SmtpSettings("127.0.0.1", port, security="none", user="sekreterare")
    assert refused.value.field == "security"
    assert "klartext" in refused.value.sentence("sv")
    with as_stored():  # settings saved before the rule: refused when sending
        settings = SmtpSettings("127.0.0.1", port, security="none", user="sekreterare")
    raw = minutes_mail(realistic_context("en"), SENDER, NOW)
    with pytest.raises(QuorumError) as err:
        send_message(settings, "hemligt", raw)
    assert err.value.key == "send.error_cleartext"
    assert "STARTTLS" in err.value.sentence("en")
    assert inbox.envelopes == []


def test_password_comes_from_the_environment() -> None:
    settings = SmtpSettings("smtp.example.se", user="u", password_env="QUORUM_TEST_PW")
    assert password_from_env(settings, {"QUORUM_TEST_PW": "x"}) == "x"
    assert password_from_env(settings, {}) is None


def test_starttls(certificate: tuple[Path, Path]) -> None:
    server_ctx, client_ctx = tls_contexts(*certificate)
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=server_ctx, require_starttls=True
    )
    controller.start()
    try:
        raw = minutes_mail(realistic_context(), SENDER, NOW)
        seen: list[str] = []
        settings = SmtpSettings("127.0.0.1", port, security="starttls")
        report = send_message(settings, None, raw, seen.append, lang="en", ssl_context=client_ctx)
        assert (
            len(report.accepted) == 11
        )  # the attendees told; the publication address gets its own mail
        assert "Starting encryption (STARTTLS) …" in seen
        check_received(inbox, raw)
        # Without trusting the certificate the send fails with a sentence.
        with pytest.raises(QuorumError) as err:
            send_message(settings, None, raw)
        assert err.value.key == "send.error_tls"
    finally:
        controller.stop()


def test_ssl(certificate: tuple[Path, Path]) -> None:
    server_ctx, client_ctx = tls_contexts(*certificate)
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=server_ctx)
    controller.start()
    try:
        raw = minutes_mail(realistic_context(), SENDER, NOW)
        settings = SmtpSettings("127.0.0.1", port, security="ssl")
        assert send_message(settings, None, raw, ssl_context=client_ctx).refused == {}
        check_received(inbox, raw)
    finally:
        controller.stop()


def test_no_server_is_a_sentence() -> None:
    port = free_port()
    raw = minutes_mail(realistic_context(), SENDER, NOW)
    with pytest.raises(QuorumError) as err:
        send_message(SmtpSettings("127.0.0.1", port, security="none"), None, raw, timeout=5)
    assert err.value.key == "send.error_connect"
    assert f"127.0.0.1:{port}" in err.value.sentence("en")


def test_message_without_recipients_or_sender() -> None:
    settings = SmtpSettings("127.0.0.1", 25, security="none")
    with pytest.raises(QuorumError) as err:
        send_message(settings, None, b"From: a@example.se\r\nSubject: T\r\n\r\nx\r\n")
    assert err.value.key == "send.error_no_recipients"
    with pytest.raises(QuorumError) as err:
        send_message(settings, None, b"To: a@example.se\r\nSubject: T\r\n\r\nx\r\n")
    assert err.value.key == "send.error_no_sender"
