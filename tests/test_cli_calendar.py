"""``quorum export invite|cancel|plan``, ``export mail invite`` and ``import reply``."""

from __future__ import annotations

import email
from email.policy import default

from icalendar import Calendar

from quorum.store.demo import build_demo
from quorum.store.records import MeetingStatus, Rsvp, replace
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.conftest import DEMO_TODAY
from tests.exports.ics_checks import check_structure, only_event


def demo_db(tmp_path):  # type: ignore[no-untyped-def]
    db = tmp_path / "q.json"
    with Store.open(db) as store:
        build_demo(store, DEMO_TODAY)
        upcoming = next(m for m in store.meetings() if m.status is MeetingStatus.INVITED)
    return db, upcoming


def test_export_invite_marks_it_sent_and_updates_raise_sequence(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, meeting = demo_db(tmp_path)
    target = tmp_path / "kallelse.ics"
    assert (
        main(["--lang", "sv", "export", "invite", meeting.id, "-o", str(target), "--db", str(db)])
        == 0
    )
    assert "(version 1)" in capsys.readouterr().err  # SEQUENCE 0, as people count
    data = target.read_bytes()
    check_structure(data)
    first = only_event(data)
    assert str(first["UID"]) == meeting.uid and first["SEQUENCE"] == 0

    with Store.open(db) as store:  # the meeting moves to another place
        m = store.meeting(meeting.id)
        store.save_meeting(replace(m, place="Rådhuset, Björkvik"))
        assert store.meeting(meeting.id).invite_outdated
    # -o never replaces a file unasked: refused with a sentence, nothing recorded as sent.
    assert main(["export", "invite", meeting.id, "-o", str(target), "--db", str(db)]) == 1
    assert "--force" in capsys.readouterr().err
    assert only_event(target.read_bytes())["SEQUENCE"] == 0
    with Store.open(db, readonly=True) as store:
        assert store.meeting(meeting.id).invite_outdated
    args = ["export", "invite", meeting.id, "-o", str(target), "--force", "--db", str(db)]
    assert main(args) == 0
    second = only_event(target.read_bytes())
    assert second["UID"] == first["UID"] and second["SEQUENCE"] == 1
    with Store.open(db, readonly=True) as store:
        stored = store.meeting(meeting.id)
        assert (stored.sequence, stored.sent_sequence, stored.invite_outdated) == (1, 1, False)


def test_export_invite_to_stdout_keeps_crlf(tmp_path, capsysbinary):  # type: ignore[no-untyped-def]
    db, meeting = demo_db(tmp_path)
    assert main(["export", "invite", meeting.id, "--db", str(db)]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"BEGIN:VCALENDAR\r\n")
    check_structure(out)


def test_export_cancel_writes_the_file_of_a_cancelled_meeting_and_changes_nothing(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, meeting = demo_db(tmp_path)
    target = tmp_path / "avbokning.ics"
    # Not cancelled yet: the export says how, writes nothing and leaves the meeting be.
    assert (
        main(["--lang", "sv", "export", "cancel", meeting.id, "-o", str(target), "--db", str(db)])
        == 1
    )
    err = capsys.readouterr().err
    assert f"quorum cancel {meeting.id}" in err and "Traceback" not in err
    assert not target.exists()
    with Store.open(db, readonly=True) as store:
        assert store.meeting(meeting.id).status is MeetingStatus.INVITED

    assert main(["cancel", meeting.id, "--db", str(db)]) == 0
    assert main(["export", "cancel", meeting.id, "-o", str(target), "--db", str(db)]) == 0
    cal = Calendar.from_ical(target.read_bytes())
    assert cal["METHOD"] == "CANCEL"
    event = only_event(target.read_bytes())
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    with Store.open(db, readonly=True) as store:
        assert store.meeting(meeting.id).status is MeetingStatus.CANCELLED
    # An invite for a cancelled meeting is refused with a sentence.
    assert main(["--lang", "en", "export", "invite", meeting.id, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "cancelled" in err and "Traceback" not in err


def test_export_cancel_never_cancels_by_itself(tmp_path, capsys):  # type: ignore[no-untyped-def]
    """Issue 12: a held meeting whose minutes were published was marked cancelled."""
    db, _ = demo_db(tmp_path)
    with Store.open(db) as store:
        published = next(m for m in store.meetings() if m.status is MeetingStatus.PUBLISHED)
        upcoming = next(m for m in store.meetings() if m.status is MeetingStatus.INVITED)
        before = store.snapshot()
    for meeting in (published, upcoming):
        target = tmp_path / f"avbokning-{meeting.id}.ics"
        code = main(["export", "cancel", meeting.id, "-o", str(target), "--db", str(db)])
        err = capsys.readouterr().err
        assert code == 1 and "is not cancelled" in err and "Traceback" not in err
        assert f"quorum cancel {meeting.id}" in err
        assert not target.exists()
    with Store.open(db, readonly=True) as store:
        assert store.snapshot() == before


def test_export_cancel_never_cancels_a_held_meeting(tmp_path, capsys):  # type: ignore[no-untyped-def]
    # The defect: export cancel on a published meeting marked it cancelled, unasked.
    db, _ = demo_db(tmp_path)
    with Store.open(db, readonly=True) as store:
        held = next(m for m in store.meetings() if m.status is MeetingStatus.PUBLISHED)
    assert main(["export", "cancel", held.id, "-o", str(tmp_path / "x.ics"), "--db", str(db)]) == 1
    assert main(["--lang", "sv", "cancel", held.id, "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "är redan genomfört" in err and "Traceback" not in err
    with Store.open(db, readonly=True) as store:
        assert store.meeting(held.id).status is MeetingStatus.PUBLISHED


def test_export_plan(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, _ = demo_db(tmp_path)
    target = tmp_path / "plan.ics"
    assert main(["export", "plan", "1", "--year", "2027", "-o", str(target), "--db", str(db)]) == 0
    data = target.read_bytes()
    check_structure(data)
    cal = Calendar.from_ical(data)
    assert cal["METHOD"] == "PUBLISH" and cal.walk("VEVENT")
    assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))


def test_export_mail_invite(tmp_path):  # type: ignore[no-untyped-def]
    db, meeting = demo_db(tmp_path)
    target = tmp_path / "kallelse.eml"
    assert main(["export", "mail", "invite", meeting.id, "-o", str(target), "--db", str(db)]) == 0
    msg = email.message_from_bytes(target.read_bytes(), policy=default)
    assert msg["X-Unsent"] == "1" and msg["To"].addresses
    kinds = [p.get_content_type() for p in msg.iter_parts()]
    assert kinds == ["text/plain", "text/calendar"]


def test_import_replies_applies_good_files_and_reports_bad_ones(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, meeting = demo_db(tmp_path)
    invite_file = tmp_path / "kallelse.ics"
    assert main(["export", "invite", meeting.id, "-o", str(invite_file), "--db", str(db)]) == 0
    cal = Calendar.from_ical(invite_file.read_bytes())
    cal["METHOD"] = "REPLY"
    event = cal.walk("VEVENT")[0]
    replier = event["ATTENDEE"][0]
    replier.params["PARTSTAT"] = "TENTATIVE"
    event["ATTENDEE"] = replier
    good = tmp_path / "svar.ics"
    good.write_bytes(cal.to_ical())
    bad = tmp_path / "trasig.ics"
    bad.write_bytes(b"inte en kalender")
    missing = tmp_path / "saknas.ics"
    capsys.readouterr()
    code = main(
        ["--lang", "sv", "import", "reply", str(good), str(bad), str(missing), "--db", str(db)]
    )
    assert code == 1
    out, err = capsys.readouterr()
    assert "kanske" in out
    assert "trasig.ics:" in err and "saknas.ics:" in err and "Traceback" not in err
    email_address = str(replier)[len("mailto:") :]
    with Store.open(db, readonly=True) as store:
        people = {p.id: p for p in store.people()}
        stored = store.meeting(meeting.id)
    rsvps = [
        a.rsvp
        for a in stored.attendance
        if (people[a.person_id].email if a.person_id in people else a.guest_email) == email_address
    ]
    assert rsvps == [Rsvp.TENTATIVE]


def test_export_plan_lists_the_meetings_with_their_hosts(tmp_path, capsys):
    from icalendar import Calendar

    from quorum.tui.cli import main

    db = tmp_path / "x.json"
    assert main(["demo", "--db", str(db)]) == 0
    out = tmp_path / "plan.ics"
    assert main(["export", "plan", "1", "--year", "2027", "-o", str(out), "--db", str(db)]) == 0
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events
    from quorum.store.store import Store

    with Store.open(db, readonly=True) as store:
        orgs = {o.id: o.name for o in store.organisations()}
        expected = {
            m.uid: orgs[m.host_org_id]
            for m in store.meetings("1")
            if m.start.year == 2027 and m.host_org_id
        }
    for event in events:
        host = expected[str(event["UID"])]
        assert host in str(event["SUMMARY"])
        assert host in str(event["DESCRIPTION"])


def test_quorum_cancel_repoints_the_secretary_before_it(tmp_path, capsys):  # type: ignore[no-untyped-def]
    """``quorum cancel`` goes through store.cancelling, as the meeting screen does: the
    secretary of the meeting before (the cancelled meeting's host) becomes the host after."""
    from quorum.store.rotation import contact_person

    db, _ = demo_db(tmp_path)
    with Store.open(db) as store:
        network = store.networks()[0]
        people = store.people()
        host_of_5 = contact_person(store.meeting("5").host_org_id, network.id, people)
        host_of_6 = contact_person(store.meeting("6").host_org_id, network.id, people)
        assert host_of_5 is not None and host_of_6 is not None
        store.update_meeting("3", secretary_id=host_of_5.id)
    assert main(["--lang", "en", "cancel", "5", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "is cancelled" in err and host_of_6.name in err
    with Store.open(db, readonly=True) as store:
        assert store.meeting("5").status is MeetingStatus.CANCELLED
        assert store.meeting("3").secretary_id == host_of_6.id
    assert main(["--lang", "en", "cancel", "5", "--db", str(db)]) == 0  # again: said, no change
    assert "already cancelled" in capsys.readouterr().err
