"""The invitation .eml draft, read back with Python's email package."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from hypothesis import given, settings

from quorum.exports.ics import invite
from quorum.exports.mail import invite_mail
from quorum.store.errors import QuorumError
from quorum.store.records import Attendance, replace
from quorum.store.text_rules import as_stored
from tests.exports.conftest import NOW, World
from tests.exports.hostile import FIELDS, valid_names, world_with
from tests.exports.ics_checks import check_structure, only_event, read_with_vobject


def _draft(world: World, tmp_path: Path, meeting=None, lang=None) -> EmailMessage:
    meeting = meeting or world.march
    ics = invite(meeting, world.network, world.people, None, NOW, lang=lang)
    data = invite_mail(meeting, world.network, world.people, None, ics, NOW, lang=lang)
    path = tmp_path / "kallelse.eml"
    path.write_bytes(data)
    message = email.message_from_bytes(path.read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    return message


def test_headers(world: World, tmp_path: Path) -> None:
    msg = _draft(world, tmp_path)
    assert (
        msg["Subject"] == "Kallelse: 2027-03-12 Gymnasienätverket Skaraborg-exempel – Nätverksträff"
    )
    [sender] = msg["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (
        "Åsa Öberg",
        "asa.oberg@skaraborg.example.se",
    )
    to = {a.addr_spec: a.display_name for a in msg["To"].addresses}
    assert to == {
        "asa.oberg@skaraborg.example.se": "Åsa Öberg",
        "bjorn.lindstrom@lidkoping.example.se": "Lindström, Björn",
        "marta.angstrom@skovde.example.se": "Märta Ängström",
        "per.jonsson@his.example.se": 'Jönsson; Per "PJ"',
        "gast@foretag.example.se": "Gäst Gästsson",
    }
    assert msg["X-Unsent"] == "1"
    assert msg["Date"].datetime == NOW
    assert msg["MIME-Version"] == "1.0"


def test_parts_text_and_calendar(world: World, tmp_path: Path) -> None:
    msg = _draft(world, tmp_path)
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/calendar"]
    body = parts[0].get_content()
    assert "Välkomna till mötet i Gymnasienätverket Skaraborg-exempel: Nätverksträff." in body
    assert "Tid: fredag 12 mars 2027 kl. 09.00–12.00" in body
    assert "Plats: Stadshuset, sal 3; Skövde" in body
    assert "Delta på distans: https://meet.example.se/j/123?pwd=a,b" in body
    assert "3. 09.30 Gemensam antagning 2028: förslag, synpunkter; beslut" in body
    calendar = parts[1]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"
    ics = calendar.get_payload(decode=True)
    assert ics == invite(world.march, world.network, world.people, None, NOW)  # byte for byte
    check_structure(ics)
    assert str(only_event(ics)["UID"]) == world.march.uid
    read_with_vobject(ics)


def test_the_file_uses_crlf_and_is_deterministic(world: World) -> None:
    ics = invite(world.march, world.network, world.people, None, NOW)
    data = invite_mail(world.march, world.network, world.people, None, ics, NOW)
    assert data == invite_mail(world.march, world.network, world.people, None, ics, NOW)
    assert data.count(b"\n") == data.count(b"\r\n")
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))  # RFC 5322 §2.1.1
    assert data.isascii()  # 7-bit transport safe: names are encoded words


def test_english_draft(world: World, tmp_path: Path) -> None:
    msg = _draft(world, tmp_path, lang="en")
    assert msg["Subject"].startswith("Invitation: 2027-03-12 Gymnasienätverket")
    assert "Agenda" in next(msg.iter_parts()).get_content()


def test_hostile_names_cannot_inject_headers(world: World, tmp_path: Path) -> None:
    people = dict(world.people)
    with as_stored():  # refused at entry now (store/text_rules.py); an old archive may hold it
        people["2"] = replace(people["2"], name="Evil\r\nBcc: all@example.se")
        network = replace(world.network, name="Nät\nX-Injected: yes")
        meeting = replace(world.march, title="Träff\r\nSubject: fake")
    ics = invite(meeting, network, people, None, NOW)
    data = invite_mail(meeting, network, people, None, ics, NOW)
    msg = email.message_from_bytes(data, policy=default)
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert len(msg.get_all("Subject")) == 1
    assert "Evil Bcc: all@example.se" in [a.display_name for a in msg["To"].addresses]


def test_no_recipient_is_an_error(world: World) -> None:
    meeting = replace(world.march, attendance=(Attendance(guest_name="Utan Adress"),))
    with pytest.raises(QuorumError) as err:
        invite_mail(meeting, world.network, world.people, None, b"", NOW)
    assert err.value.key == "error.ics_no_attendees"


@settings(max_examples=80, deadline=None)
@given(FIELDS.filter(valid_names))
def test_any_text_gives_a_draft_that_parses(texts: dict[str, str]) -> None:
    w = world_with(texts)
    ics = invite(w.march, w.network, w.people, None, NOW)
    data = invite_mail(w.march, w.network, w.people, None, ics, NOW)
    assert data.isascii() and data.count(b"\n") == data.count(b"\r\n")
    msg = email.message_from_bytes(data, policy=default)
    assert sorted(k for k in msg if k != "MIME-Version") == [
        "Content-Type",
        "Date",
        "From",
        "Message-ID",
        "Subject",
        "To",
        "X-Unsent",
    ]
    assert len(msg["To"].addresses) == 6
    [text, calendar] = msg.iter_parts()
    assert calendar.get_payload(decode=True) == ics
    assert text.get_content_type() == "text/plain"
    assert text.get_content()  # decodes: the body survives any title, place or name


def test_every_invitee_survives_header_folding(demo_store):
    """Many non-ASCII names: Python's folding must not eat a comma (and a recipient)."""
    import email
    from datetime import datetime
    from email.policy import default
    from zoneinfo import ZoneInfo

    from quorum.exports.ics import invite
    from quorum.exports.mail import invite_mail
    from quorum.store.records import Attendance, replace

    meeting = demo_store.meeting("3")
    names = ["Åsa Öberg-Lindqvist", "Lindström, Björn", "Ärla Ünal", "Örjan Å", "Dahl Lena"]
    guests = tuple(
        Attendance(guest_name=f"{names[i % 5]} {i}", guest_email=f"g{i}@example.org")
        for i in range(40)
    )
    meeting = replace(meeting, attendance=meeting.attendance + guests)
    network = demo_store.network(meeting.network_id)
    people = {p.id: p for p in demo_store.people()}
    now = datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Stockholm"))
    ics = invite(meeting, network, people, None, now)
    raw = invite_mail(meeting, network, people, None, ics, now)
    msg = email.message_from_bytes(raw, policy=default)
    got = {a.addr_spec for a in msg["To"].addresses}
    expected = {people[a.person_id].email for a in meeting.attendance if a.person_id}
    expected |= {a.guest_email for a in meeting.attendance if a.guest_email}
    assert got == expected
