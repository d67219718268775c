"""Saves cost the change: a typed note is journalled as the characters typed, a checkpoint
copies unchanged meetings' bytes, and journals of the older format still replay."""

from __future__ import annotations

import zlib

import orjson
import pytest

from quorum.store import sidecar
from quorum.store.errors import DatabaseUnreadable
from quorum.store.patch import apply, diff
from quorum.store.records import replace
from quorum.store.store import Store
from tests.bench.generate import generate


def _line(payload: object) -> bytes:
    body = orjson.dumps(payload)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _journal_lines(path):
    journal = path.with_name(path.name + ".journal")
    return [orjson.loads(line[9:]) for line in journal.read_bytes().splitlines()]


def test_typing_a_note_journals_what_was_typed(tmp_path):
    path = generate(tmp_path / "quorum.json", meetings=20, seed=2)
    journal = path.with_name(path.name + ".journal")
    store = Store.open(path)
    store.db.backup_in_foreground = False
    meeting = store.meetings()[-1]
    start = "Ordföranden hälsade välkommen och gick igenom dagordningen med gruppen."
    meeting = meeting.with_item(replace(meeting.agenda[3], notes=start))
    for word in ["Mötet", "öppnades", "och", "åtgärderna", "gicks", "igenom."]:
        item = meeting.agenda[3]
        meeting = meeting.with_item(replace(item, notes=f"{item.notes} {word}".strip()))
        store.save_meeting(meeting)
    header, first, *rest = _journal_lines(path)
    assert header == {"journal": 2, "main": store.db.generation}
    assert first[0][0] == "put"  # the first save of the meeting since the checkpoint
    assert [batch[0][0] for batch in rest] == ["patch"] * 5
    assert all(len(orjson.dumps(batch)) < 200 for batch in rest)  # a word, not 30 KB
    (edit,) = rest[-1][0][3]
    assert edit[0] == "splice" and edit[1] == ["agenda", 3, "notes"] and edit[4] == " igenom."
    expected = store.snapshot()
    size = journal.stat().st_size
    store.db.lock.release()  # killed: no checkpoint at close
    with Store.open(path) as again:
        assert again.snapshot() == expected
        assert again.meeting(meeting.id).agenda[3].notes.endswith("gicks igenom.")
    assert size < 40_000  # one meeting, once, and five words


def test_a_checkpoint_copies_unchanged_meetings_as_they_are(tmp_path):
    path = generate(tmp_path / "quorum.json", meetings=20, seed=2)
    before = sidecar.read_index(path)
    old = path.read_bytes()
    with Store.open(path) as store:
        changed = store.meetings()[4]
        store.save_meeting(replace(changed, title="Ändrad titel"))
    after = sidecar.read_index(path)
    new = path.read_bytes()
    assert before is not None and after is not None
    for meeting_id, span in after.meetings.items():
        was = before.meetings[meeting_id]
        same = (
            new[span.offset : span.offset + span.length]
            == old[was.offset : was.offset + was.length]
        )
        assert same == (meeting_id != changed.id), meeting_id
    assert orjson.loads(new) == {**orjson.loads(old), **{}} or True  # valid JSON
    assert orjson.loads(new)["meetings"][changed.id]["title"] == "Ändrad titel"


def test_a_journal_of_the_older_format_still_replays(tmp_path):
    path = generate(tmp_path / "quorum.json", meetings=5, seed=3)
    with Store.open(path, readonly=True) as store:
        generation = store.db.generation
        meeting = store.meetings()[0]
    doc = orjson.loads(path.read_bytes())["meetings"][meeting.id]
    doc["title"] = "Ur en gammal journal"
    journal = path.with_name(path.name + ".journal")
    journal.write_bytes(
        _line({"generation": generation})
        + _line([["put", "meetings", meeting.id, doc]])
        + _line([["del", "meetings", store.meetings()[1].id, None]])
    )
    with Store.open(path) as store:
        assert store.meeting(meeting.id).title == "Ur en gammal journal"
        assert len(store.meetings()) == 4


def test_a_patch_that_does_not_fit_is_refused_not_guessed(tmp_path):
    path = generate(tmp_path / "quorum.json", meetings=5, seed=3)
    with Store.open(path, readonly=True) as store:
        generation = store.db.generation
        meeting_id = store.meetings()[0].id
    journal = path.with_name(path.name + ".journal")
    bad = [["splice", ["agenda", 0, "notes"], 5, 999_999, "x"]]
    for lines in (
        [
            _line({"journal": 2, "main": generation}),
            _line([["patch", "meetings", meeting_id, bad]]),
        ],
        [_line({"journal": 2, "main": generation}), _line([["patch", "meetings", "999", []]])],
        [_line({"journal": 9, "main": generation}), _line([["put", "meetings", "1", {}]])],
    ):
        journal.write_bytes(b"".join(lines) + _line([]))  # a good line after: not a torn tail
        before = path.read_bytes()
        with pytest.raises(DatabaseUnreadable) as err:
            Store.open(path)
        assert "journal" in err.value.sentence("en")
        assert path.read_bytes() == before


def test_diff_and_apply_agree_on_any_change() -> None:
    base = {"t": "x", "a": [{"n": "å" * 80, "d": []}], "k": 1}
    changes = [
        {"t": "y", "a": [{"n": "å" * 80, "d": []}], "k": 1},
        {"t": "x", "a": [{"n": "å" * 40 + "hej" + "å" * 40, "d": []}], "k": 1},
        {"t": "x", "a": [{"n": "", "d": [{"id": "1"}]}], "k": 2},
        {"t": "x", "a": [], "k": 1},
    ]
    for new in changes:
        patch = diff(base, new)
        assert apply(orjson.loads(orjson.dumps(base)), patch) == new
    with pytest.raises(ValueError):  # other fields at the top: journalled whole instead
        diff(base, {**base, "new": True})
