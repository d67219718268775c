"""Sending a prepared message for real, over SMTP (plain smtplib, no UI).

It lives in store, beside the database, as the other place where quorum's data leaves
the process: exports stays pure (no network, no files) and the app and the CLI both send
through it. It needs only the network's :class:`SmtpSettings` and the bytes of an .eml.

The password is never stored: the caller passes it, usually from the
environment variable the network's :class:`SmtpSettings` names
(:func:`password_from_env`) or from a prompt. Progress is reported as
translated sentences through ``progress`` so the app and the CLI can show
them; failures raise :class:`QuorumError` with a sentence, never a traceback.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.policy import SMTP
from email.utils import getaddresses, parseaddr

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


def _recipients(msg: Message) -> list[str]:
    fields = [v for name in ("To", "Cc", "Bcc") for v in msg.get_all(name, [])]
    seen: dict[str, str] = {}
    for _, addr in getaddresses([str(f) for f in fields]):
        if addr and addr.casefold() not in seen:
            seen[addr.casefold()] = addr
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

    msg = message_from_bytes(message_bytes, policy=SMTP)
    recipients = _recipients(msg)
    if not recipients:
        raise QuorumError("send.error_no_recipients")
    sender = settings.sender or parseaddr(str(msg.get("From", "")))[1]
    if not sender:
        raise QuorumError("send.error_no_sender")
    # Send the bytes as they are (re-generating would refold headers), less two headers.
    data = _without_headers(message_bytes, {"x-unsent", "bcc"})
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
            say("send.sending", count=len(recipients))
            try:
                refused_raw = smtp.sendmail(sender, recipients, data)
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
