"""Several calendar replies at once: each on its own, two to one meeting both land, and a
file that could not be read or parsed is reported without stopping the rest."""

from __future__ import annotations

from quorum.exports.ics import mark_sent
from quorum.exports.replies import import_replies
from quorum.store.records import Rsvp
from tests.exports.conftest import World
from tests.exports.test_reply import GOOGLE, OUTLOOK, _rsvp


def test_replies_to_one_meeting_all_land_and_bad_files_are_reported(world: World) -> None:
    march = mark_sent(world.march)
    files = [
        ("outlook.ics", OUTLOOK.format(seq=0).encode("utf-8")),
        ("saknas.ics", FileNotFoundError(2, "No such file or directory")),
        ("google.ics", GOOGLE.encode("utf-8")),
        ("skräp.ics", b"\x00\xffnot a calendar"),
    ]
    outcomes, changed = import_replies(files, [march], world.people, "en")
    assert [(o.file, o.applied) for o in outcomes] == [
        ("outlook.ics", True),
        ("saknas.ics", False),
        ("google.ics", True),
        ("skräp.ics", False),
    ]
    assert "No such file or directory" in outcomes[1].sentence
    assert list(changed) == [march.id]
    updated = changed[march.id]
    assert _rsvp(updated, "bjorn.lindstrom@lidkoping.example.se", world.people) is Rsvp.ACCEPTED
    assert _rsvp(updated, "marta.angstrom@skovde.example.se", world.people) is Rsvp.DECLINED


def test_no_files_is_one_sentence(world: World) -> None:
    outcomes, changed = import_replies([], [world.march], world.people, "en")
    assert len(outcomes) == 1 and not outcomes[0].applied and not changed
