"""The list of members and the year's dates, sent to the organising body.

Seed 002: the network "ansvarar för att förteckning på de personer som ingår i nätverket
samt att datum för nätverksträffarna skickas in till utbildning@skaraborg.se". One mail
(an .eml draft, or sent by SMTP): a short text with the dates inline, and both lists
attached as CSV — the roster (:mod:`exports.roster`, safe against spreadsheet formulas)
and the date list (:mod:`exports.datelist`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from quorum.exports.datelist import date_list_csv, date_list_text
from quorum.exports.filenames import slug
from quorum.exports.mail_headers import mail_address, message_id, policy_for
from quorum.exports.roster import roster_csv, roster_rows
from quorum.exports.text import one_line
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Meeting, Network, Organisation, Person, check_email

__all__ = ["MembersMail", "members_mail", "network_sender", "organiser_address"]


@dataclass(frozen=True)
class MembersMail:
    """What the mail is made from: the network's records and the year."""

    network: Network
    people: tuple[Person, ...]
    organisations: tuple[Organisation, ...]
    meetings: tuple[Meeting, ...]
    year: int


def network_sender(network: Network, people: Iterable[Person]) -> Address:
    """Who the mail is from: the SMTP sender, else the network's coordinator."""
    if network.smtp and network.smtp.sender:
        return mail_address("", network.smtp.sender)
    by_id = {p.id: p for p in people}
    coordinator = by_id.get(network.coordinator_id or "")
    if coordinator is None:
        raise QuorumError("flows.members.no_sender")
    return mail_address(coordinator.name, coordinator.email)


def organiser_address(network: Network, given: str = "") -> str:
    """The address to send to: ``given`` (checked), else the network's organiser's."""
    address = given.strip() or network.organiser_email
    if not address:
        raise QuorumError("flows.members.no_address", network=network.name)
    return check_email(address, "to")


def filename(records: MembersMail, lang: str | None = None) -> str:
    lang = lang or records.network.language
    word = t("flows.members.roster_file", lang=lang)
    return f"{records.year}-{slug(records.network.name)}-{word}.eml"


def members_mail(
    records: MembersMail, sender: Address, to: str, now: datetime, lang: str | None = None
) -> bytes:
    """The mail to the organising body ``to`` (an .eml draft that opens in any client)."""
    network, year = records.network, records.year
    lang = lang or network.language
    people, orgs, meetings = records.people, records.organisations, records.meetings
    members = roster_rows(network, people, orgs, lang)
    dates = date_list_text(network, meetings, orgs, people, year, lang)
    body = "\n".join(
        [
            t("flows.members.body", lang=lang, network=network.name, year=year),
            "",
            dates.rstrip(),
            "",
            t("flows.members.count", lang=lang, count=len(members)),
            "",
            t("flows.members.signoff", lang=lang),
            sender.display_name or sender.addr_spec,
        ]
    )
    recipient = mail_address(network.organiser or "", to)
    msg = EmailMessage(policy=policy_for([sender, recipient]))
    msg["From"] = sender
    msg["To"] = [recipient]
    msg["Subject"] = one_line(
        t("flows.members.subject", lang=lang, network=network.name, year=year)
    )
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id("members", f"{network.id}/{year}/{to}", now, sender)
    msg["X-Unsent"] = "1"
    msg.set_content(body + "\n", charset="utf-8")
    stem = f"{slug(network.name)}-{year}"
    for word, text in (
        ("flows.members.roster_file", roster_csv(network, people, orgs, lang)),
        ("flows.members.dates_file", date_list_csv(network, meetings, orgs, people, year, lang)),
    ):
        msg.add_attachment(
            text, subtype="csv", charset="utf-8", filename=f"{t(word, lang=lang)}-{stem}.csv"
        )
    # A boundary from the content, not random: the same draft twice is the same bytes.
    tag = hashlib.sha256(f"{network.id}:{year}:{to}".encode()).hexdigest()[:16]
    msg.set_boundary(f"=_quorum_{tag}_members")
    return msg.as_bytes()
