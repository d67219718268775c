"""Sending a prepared message for real, over SMTP (plain smtplib, no UI).

It lives in store, beside the database, as the other place where quorum's data leaves
the process: exports stays pure (no network, no files) and the app and the CLI both send
through it. It needs only the network's :class:`SmtpSettings` and the bytes of an .eml.

The password is never stored: the caller passes it, usually from the
environment variable the network's :class:`SmtpSettings` names
(:func:`password_from_env`) or from a prompt — and it is never sent in clear
text: a user name with security "none" is refused before connecting. Progress is
reported as translated sentences through ``progress`` so the app and the CLI can
show them; failures raise :class:`QuorumError` with a sentence, never a traceback.

Recipients are read from the message's address headers as structured addresses
(never a display string parsed again). A domain that is not ASCII goes into the
envelope as IDNA; a mailbox name that is not ASCII (or a message with UTF-8
headers, RFC 6532) needs the server's SMTPUTF8, and without it the send is refused
with a sentence naming the addresses, before anything is sent.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import Message
from email.parser import Parser
from email.policy import SMTP

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import SmtpSettings

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SendReport:
    accepted: tuple[str, ...] = ()
    refused: Mapping[str, str] = field(default_factory=dict)  # address -> the server's answer


def password_from_env(settings: SmtpSettings, environ: Mapping[str, str]) -> str | None:
    return environ.get(settings.password_env) or None


def _addresses(msg: Message, *names: str) -> list[Address]:
    """The addresses of the named headers, as the header registry parsed them."""
    found: list[Address] = []
    for name in names:
        for header in msg.get_all(name, []):
            found += [a for a in getattr(header, "addresses", ()) if a.username and a.domain]
    return found


def _envelope(address: Address) -> str:
    """The address as the SMTP envelope carries it: a domain that is not ASCII as IDNA."""
    domain = address.domain
    if not domain.isascii():
        # When IDNA cannot write it, SMTPUTF8 carries it as it is.
        with contextlib.suppress(UnicodeError):
            domain = domain.encode("idna").decode("ascii")
    return Address(username=address.username, domain=domain).addr_spec


def _recipients(msg: Message) -> list[str]:
    seen: dict[str, str] = {}
    for address in _addresses(msg, "To", "Cc", "Bcc"):
        envelope = _envelope(address)
        seen.setdefault(envelope.casefold(), envelope)
    return list(seen.values())


def _without_headers(raw: bytes, names: set[str]) -> bytes:
    """``raw`` with the named header fields (and their folded lines) removed."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    newline = b"\r\n" if sep == b"\r\n\r\n" else b"\n"
    kept: list[bytes] = []
    dropping = False
    for line in head.split(newline):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
        dropping = name in names
        if not dropping:
            kept.append(line)
    return newline.join(kept) + sep + body


def _connect(settings: SmtpSettings, context: ssl.SSLContext, timeout: float) -> smtplib.SMTP:
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
    return smtplib.SMTP(settings.host, settings.port, timeout=timeout)


def send_message(
    settings: SmtpSettings,
    password: str | None,
    message_bytes: bytes,
    progress: Progress | None = None,
    lang: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = 30.0,
) -> SendReport:
    """Send ``message_bytes`` (an .eml as made by ``exports``) to its To/Cc/Bcc.

    The draft marker ``X-Unsent`` and any ``Bcc`` header are removed before
    sending. ``ssl_context`` defaults to the system's trusted certificates.
    """

    def say(key: str, **params: object) -> None:
        if progress is not None:
            progress(t(key, lang=lang, **params))

    if settings.user and settings.security == "none":
        raise QuorumError("send.error_cleartext", host=settings.host, user=settings.user)
    # Headers may be UTF-8 (RFC 6532); the bytes parser would read them as ASCII.
    msg = Parser(policy=SMTP).parsestr(
        message_bytes.decode("utf-8", "surrogateescape"), headersonly=True
    )
    recipients = _recipients(msg)
    if not recipients:
        raise QuorumError("send.error_no_recipients")
    origin = _addresses(msg, "From")
    if settings.sender:
        username, _, domain = settings.sender.rpartition("@")
        origin = [Address(username=username, domain=domain)]
    sender = _envelope(origin[0]) if origin else ""
    if not sender:
        raise QuorumError("send.error_no_sender")
    # Send the bytes as they are (re-generating would refold headers), less two headers.
    data = _without_headers(message_bytes, {"x-unsent", "bcc"})
    head = data.split(b"\r\n\r\n", 1)[0]
    wide = [a for a in (sender, *recipients) if not a.isascii()]
    needs_utf8 = bool(wide) or not head.isascii()
    if settings.user and password is None:
        raise QuorumError("send.error_password", user=settings.user, env=settings.password_env)
    context = ssl_context or ssl.create_default_context()

    say("send.connecting", host=settings.host, port=settings.port)
    try:
        with _connect(settings, context, timeout) as smtp:
            if settings.security == "starttls":
                say("send.securing")
                smtp.starttls(context=context)
            if settings.user:
                say("send.login", user=settings.user)
                smtp.login(settings.user, password or "")
            options: list[str] = []
            if needs_utf8:
                smtp.ehlo_or_helo_if_needed()
                if not smtp.has_extn("smtputf8"):
                    raise QuorumError(
                        "send.error_smtputf8",
                        host=settings.host,
                        addresses=", ".join(wide) or sender,
                    )
                options = ["SMTPUTF8", "BODY=8BITMIME"]
            say("send.sending", count=len(recipients))
            try:
                refused_raw = smtp.sendmail(sender, recipients, data, mail_options=options)
            except smtplib.SMTPRecipientsRefused as err:
                refused_raw = err.recipients
    except smtplib.SMTPAuthenticationError:
        raise QuorumError("send.error_auth", user=settings.user) from None
    except (ssl.SSLError, smtplib.SMTPNotSupportedError) as err:
        raise QuorumError("send.error_tls", detail=str(err)) from None
    except smtplib.SMTPException as err:
        raise QuorumError("send.error_smtp", detail=str(err)) from None
    except OSError as err:
        raise QuorumError(
            "send.error_connect", host=settings.host, port=settings.port, detail=str(err)
        ) from None
    refused = {
        addr: f"{code} {reply.decode('utf-8', 'replace') if isinstance(reply, bytes) else reply}"
        for addr, (code, reply) in refused_raw.items()
    }
    accepted = tuple(r for r in recipients if r not in refused)
    say("send.done", accepted=len(accepted), count=len(recipients))
    return SendReport(accepted=accepted, refused=refused)
