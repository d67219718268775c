"""Replies we cannot take at their word: comments, mails from someone else, big files.

The comment is stored with the attendance, cleaned by the text rule and cut to its
length; a reply by mail (.eml) must come from the invitee it answers for, or it changes
nothing until the user confirms it; the sentence names whose answer changed and from
what; a file over 1 MB is refused before it is read.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from quorum.exports.ics_reply import UnverifiedReply, apply_reply, parse_reply
from quorum.exports.replies import import_replies
from quorum.store.records import Rsvp, replace
from quorum.tui.cli import main
from quorum.tui.reply_files import read_replies
from tests.exports.conftest import World
from tests.exports.test_reply import GOOGLE, THUNDERBIRD

GUEST = "gast@foretag.example.se"  # the ATTENDEE of THUNDERBIRD


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _with_comment(comment: str) -> bytes:
    # A COMMENT line as a client writes it: escaped, folded at 75 octets.
    escaped = comment.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    line = "COMMENT:" + escaped.replace("\n", "\\n")
    folded = "\n ".join(line[i : i + 70] for i in range(0, len(line), 70))
    return _crlf(THUNDERBIRD.replace("SEQUENCE:0", f"{folded}\nSEQUENCE:0"))


def _mail(sender: str, calendar: bytes) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address("Gäst", addr_spec=sender)
    msg["To"] = Address("Åsa Öberg", addr_spec="asa.oberg@skaraborg.example.se")
    msg["Subject"] = "Preliminärt: Nätverksträff"
    msg.set_content("Jag kanske kommer.")
    msg.add_attachment(
        calendar, maintype="text", subtype="calendar", params={"method": "REPLY"}, filename="x.ics"
    )
    return msg.as_bytes()


def _attendance(meeting, email: str, people):
    for a in meeting.attendance:
        person = people.get(a.person_id) if a.person_id else None
        if (person.email if person else a.guest_email) == email:
            return a
    raise AssertionError(email)


def test_the_comment_is_stored_with_the_attendance(world: World) -> None:
    reply = parse_reply(_crlf(GOOGLE))
    updated, sentence = apply_reply(world.march, world.people, reply, "sv", source="svar.ics")
    answer = _attendance(updated, "marta.angstrom@skovde.example.se", world.people)
    assert answer.rsvp is Rsvp.DECLINED
    assert answer.reply_comment == "Krockar med APT-konferensen"
    assert answer.reply_source == "svar.ics"
    assert answer.reply_from == "marta.angstrom@skovde.example.se"
    assert not answer.reply_unverified
    assert "Krockar med APT-konferensen" in sentence


def test_control_characters_in_a_comment_are_removed_and_counted(world: World) -> None:
    reply = parse_reply(_with_comment("Kommer\x1b]0;pwned\x07 kanske\x1b[2J"))
    assert reply.comment == "Kommer]0;pwned kanske[2J" and reply.removed == 3
    updated, sentence = apply_reply(world.march, world.people, reply, "en")
    assert _attendance(updated, GUEST, world.people).reply_comment == reply.comment
    assert "3 characters that cannot be saved were removed from the comment" in sentence


def test_a_long_comment_is_cut_to_the_limit_and_the_sentence_says_so(world: World) -> None:
    reply = parse_reply(_with_comment("x" * 12_000))
    assert len(reply.comment) == 10_000 and reply.cut == 2_000
    updated, sentence = apply_reply(world.march, world.people, reply, "sv")
    assert len(_attendance(updated, GUEST, world.people).reply_comment) == 10_000
    assert "2000" in sentence or "2 000" in sentence
    assert len(sentence) < 1_000  # the sentence quotes the start of the comment only


def test_the_sentence_names_the_answer_it_replaced(world: World) -> None:
    key = next(a.key for a in world.march.attendance if a.guest_email == GUEST)
    before = replace(
        world.march,
        attendance=tuple(
            replace(a, rsvp=Rsvp.ACCEPTED) if a.key == key else a for a in world.march.attendance
        ),
    )
    _, sentence = apply_reply(before, world.people, parse_reply(_crlf(THUNDERBIRD)), "sv")
    assert "Tidigare:" in sentence


def test_a_reply_by_mail_from_the_invitee_is_applied(world: World) -> None:
    reply = parse_reply(_mail(GUEST.upper(), _crlf(THUNDERBIRD)))
    assert reply.sender == GUEST.upper() and reply.verified
    updated, _ = apply_reply(world.march, world.people, reply, "sv", source="svar.eml")
    answer = _attendance(updated, GUEST, world.people)
    assert answer.rsvp is Rsvp.TENTATIVE and not answer.reply_unverified
    assert answer.reply_source == "svar.eml"


def test_a_reply_by_mail_from_someone_else_needs_a_confirmation(world: World) -> None:
    reply = parse_reply(_mail("eve@example.org", _crlf(THUNDERBIRD)))
    assert not reply.verified
    with pytest.raises(UnverifiedReply) as err:
        apply_reply(world.march, world.people, reply, "sv")
    sentence = err.value.sentence("sv")
    assert "eve@example.org" in sentence and GUEST in sentence and "Inget ändrades" in sentence
    updated, said = apply_reply(world.march, world.people, reply, "en", accept_unverified=True)
    answer = _attendance(updated, GUEST, world.people)
    assert answer.rsvp is Rsvp.TENTATIVE
    assert answer.reply_unverified and answer.reply_from == "eve@example.org"
    assert "unverified" in said


def test_a_mail_without_a_calendar_part_is_a_sentence() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = GUEST
    msg["Subject"] = "Hej"
    msg.set_content("Jag kommer!")
    from quorum.store.errors import QuorumError

    with pytest.raises(QuorumError) as err:
        parse_reply(msg.as_bytes())
    assert err.value.key == "reply.mail_without_calendar"


def test_import_several_where_one_is_unverified(world: World, tmp_path: Path) -> None:
    good = tmp_path / "ok.ics"
    good.write_bytes(_crlf(GOOGLE))
    forged = tmp_path / "forged.eml"
    forged.write_bytes(_mail("eve@example.org", _crlf(THUNDERBIRD)))
    files = read_replies([good, forged])
    outcomes, changed = import_replies(files, [world.march], world.people, "sv")
    assert [o.applied for o in outcomes] == [True, False]
    assert outcomes[1].unverified
    guest = _attendance(changed[world.march.id], GUEST, world.people)
    assert guest.rsvp is not Rsvp.TENTATIVE  # the forged answer changed nothing
    outcomes, changed = import_replies(
        read_replies([forged]), [world.march], world.people, "sv", accept_unverified=True
    )
    assert outcomes[0].applied
    assert _attendance(changed[world.march.id], GUEST, world.people).reply_unverified


def test_a_reply_file_over_a_megabyte_is_refused_unread(tmp_path: Path, world: World) -> None:
    big = tmp_path / "svar.ics"
    with big.open("wb") as fh:
        fh.write(_crlf(THUNDERBIRD))
        fh.truncate(50 * 1024 * 1024)
    [(name, data)] = read_replies([big])
    assert not isinstance(data, bytes)
    outcomes, changed = import_replies([(name, data)], [world.march], world.people, "en")
    assert not changed and "at most 1024 kB" in outcomes[0].sentence


def _cli_db(tmp_path: Path) -> tuple[Path, str, str]:
    """The demo database, and the UID and an invitee's address of its invited meeting."""
    from quorum.store.demo import build_demo
    from quorum.store.store import Store

    db = tmp_path / "demo.json"
    with Store.open(db) as store:
        build_demo(store)
        meeting = store.meeting("3")
        people = {p.id: p for p in store.people()}
        person = people[next(a.person_id for a in meeting.attendance if a.person_id)]
        return db, meeting.uid, person.email


def _reply_for(uid: str, email: str, comment: str = "") -> bytes:
    text = THUNDERBIRD.replace("c0ffee0001@quorum", uid).replace(GUEST, email)
    if comment:
        text = text.replace("SEQUENCE:0", f"COMMENT:{comment}\nSEQUENCE:0")
    return _crlf(text)


def test_cli_refuses_a_big_file_and_an_unverified_mail_then_accepts_it_when_told(
    tmp_path: Path, capsys
) -> None:
    db, uid, email = _cli_db(tmp_path)
    big = tmp_path / "stor.ics"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert main(["--lang", "sv", "import", "reply", str(big), "--db", str(db)]) == 1
    assert "högst 1024 kB" in capsys.readouterr().err
    forged = tmp_path / "svar.eml"
    forged.write_bytes(_mail("eve@example.org", _reply_for(uid, email)))
    assert main(["import", "reply", str(forged), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "eve@example.org" in err and "--accept-unverified" in err
    args = ["import", "reply", str(forged), "--accept-unverified", "--db", str(db)]
    assert main(args) == 0
    assert "unverified" in capsys.readouterr().out
    from quorum.store.store import Store

    with Store.open(db, readonly=True) as store:
        meeting = store.find_meeting("3")
        people = {p.id: p for p in store.people()}
        answer = _attendance(meeting, email, people)
    assert answer.rsvp is Rsvp.TENTATIVE and answer.reply_unverified
    assert answer.reply_source == "svar.eml"


def test_cli_prints_a_comment_with_its_control_sequences_visible(tmp_path: Path, capsys) -> None:
    db, uid, email = _cli_db(tmp_path)
    reply = tmp_path / "svar.ics"
    # A terminal would clear the screen and retitle the window: shown, never acted on.
    reply.write_bytes(_reply_for(uid, email, "Hej\u202e \u009b2J" + "y" * 5000))
    assert main(["--lang", "en", "import", "reply", str(reply), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\u009b" not in out and "\x1b" not in out
    assert "2 characters that cannot be saved were removed" in out
    assert len(out) < 2_000
