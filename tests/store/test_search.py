"""Search: Swedish-aware, case-insensitive, all words, snippets with spans."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.store.records import ActionItem, AgendaItem, Decision, Meeting, replace
from quorum.store.search import SearchIndex, fold, terms

TZ = ZoneInfo("Europe/Stockholm")


def meeting(
    mid: str,
    day: date,
    agenda: tuple[AgendaItem, ...],
    net: str = "n1",
    title: str = "Nätverksträff",
) -> Meeting:
    start = datetime.combine(day, time(9), TZ)
    return Meeting(mid, net, title, start, start + timedelta(hours=3), agenda=agenda)


M1 = meeting(
    "1",
    date(2026, 2, 20),
    (
        AgendaItem(
            "a1",
            "Budget 2026",
            notes="Skövde presenterade budgeten för PRAO.",
            decisions=(Decision("d1", "Nätverket godkänner budgeten."),),
        ),
        AgendaItem(
            "a2",
            "Övrigt",
            actions=(ActionItem("x1", "Åtgärd: boka lokal i Skara", owner_name="Anna Öberg"),),
        ),
    ),
)
M2 = meeting(
    "2",
    date(2026, 4, 17),
    (
        AgendaItem(
            "b1", "Uppföljning av åtgärder", description="Genomgång av ÅTGÄRDER från förra mötet"
        ),
        AgendaItem(
            "b2", "Arbetsmarknad", notes="Många ansökningar till gymnasiet i år; atgard stavat fel."
        ),
    ),
)
M3 = meeting(
    "3",
    date(2025, 11, 14),
    (AgendaItem("c1", "Studiebesök", notes="Besök på Volvo i Skövde."),),
    net="n2",
    title="Styrgrupp Skövde",
)


def index() -> SearchIndex:
    return SearchIndex.build([M1, M2, M3])


def highlighted(hit) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.snippet[s:e] for s, e in hit.spans]


def test_case_insensitive_and_aring_distinct() -> None:
    hits = index().search("ÅTGÄRD")
    found = {(h.meeting_id, h.field, h.item_id) for h in hits}
    assert ("1", "action", "a2") in found
    assert ("2", "item", "b1") in found
    assert ("2", "description", "b1") in found
    # "atgard" (without å ä) is in M2's notes, and "ÅTGÄRD" does not match it.
    assert ("2", "notes", "b2") not in found
    assert [(h.meeting_id, h.field) for h in index().search("atgard")] == [("2", "notes")]
    # ö and o are different letters too.
    assert index().search("oberg") == []
    assert [h.ref_id for h in index().search("öBERG")] == ["x1"]


def test_newest_first_and_highlight_spans() -> None:
    hits = index().search("skövde")
    assert [h.meeting_id for h in hits] == ["1", "3", "3"]
    assert [h.day for h in hits] == [date(2026, 2, 20), date(2025, 11, 14), date(2025, 11, 14)]
    assert hits[1].field == "title" and hits[1].item_id is None
    for h in hits:
        assert [s.casefold() for s in highlighted(h)] == ["skövde"]
    assert hits[0].snippet == "Skövde presenterade budgeten för PRAO."
    assert hits[0].field_label("sv") == "anteckningar"
    assert hits[0].field_label("en") == "notes"
    assert hits[0].item_title == "Budget 2026"


def test_all_words_must_match_in_one_field() -> None:
    hits = index().search("budgeten godkänner")
    assert [(h.meeting_id, h.field, h.ref_id) for h in hits] == [("1", "decision", "d1")]
    assert highlighted(hits[0]) == ["godkänner", "budgeten"]
    assert index().search("budgeten volvo") == []
    # A quoted phrase is one word.
    assert len(index().search('"boka lokal"')) == 1
    assert index().search('"lokal boka"') == []


def test_network_filter_limit_and_empty_query() -> None:
    assert {h.network_id for h in index().search("skövde", network_id="n2")} == {"n2"}
    assert len(index().search("skövde", limit=1)) == 1
    assert index().search("") == [] and index().search("   ") == []


def test_update_and_remove_keep_the_index_fresh() -> None:
    idx = index()
    assert idx.search("sjukfrånvaro") == []
    changed = M2.with_item(replace(M2.item("b2"), notes="Sjukfrånvaron ökar."))
    idx.update(changed)
    assert [h.meeting_id for h in idx.search("sjukfrånvaro")] == ["2"]
    assert idx.search("ansökningar") == []
    idx.update(meeting("4", date(2027, 1, 22), (AgendaItem("z", "Sjukfrånvaro igen"),)))
    assert [h.meeting_id for h in idx.search("sjukfrånvaro")] == ["4", "2"]
    idx.remove("4")
    idx.remove("nope")
    assert [h.meeting_id for h in idx.search("sjukfrånvaro")] == ["2"]
    assert len(idx) == 3


def test_decomposed_input_matches_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Åtgärd")
    assert fold(nfd) == "åtgärd"
    assert terms(nfd) == ["åtgärd"]
    m = meeting("9", date(2026, 1, 1), (AgendaItem("q", unicodedata.normalize("NFD", "Översyn")),))
    hits = SearchIndex.build([m]).search("ÖVERSYN")
    assert highlighted(hits[0]) == ["Översyn"]


def test_long_text_snippet_is_cut_around_the_match() -> None:
    notes = "inledning " * 30 + "Här står nyckelordet mitt i texten " + "avslutning " * 30
    m = meeting("9", date(2026, 1, 1), (AgendaItem("q", "Punkt", notes=notes),))
    (hit,) = SearchIndex.build([m]).search("nyckelordet")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 140
    assert highlighted(hit) == ["nyckelordet"]


def test_fold_keeps_length() -> None:
    for text in ("Straße", "İstanbul", "ÅÄÖ åäö", "ǅ"):
        assert len(fold(text)) == len(unicodedata.normalize("NFC", text))


_text = st.text(
    alphabet=st.sampled_from(list("abcåäöABCÅÄÖ xyz.,-ßéÉ\n")), min_size=1, max_size=200
)


@settings(max_examples=150, deadline=None)
@given(text=_text, data=st.data())
def test_any_substring_is_found_and_highlighted(text: str, data: st.DataObject) -> None:
    if not text.strip():
        return
    lo = data.draw(st.integers(0, len(text) - 1))
    hi = data.draw(st.integers(lo + 1, len(text)))
    needle = text[lo:hi]
    if not needle.strip() or '"' in needle:
        return
    m = meeting("1", date(2026, 1, 1), (AgendaItem("i", "Punkt", notes=text),))
    shouted = "".join(c.upper() if len(c.upper()) == 1 else c for c in needle.strip())
    phrase = f'"{shouted}"'
    hits = [h for h in SearchIndex.build([m]).search(phrase) if h.field == "notes"]
    assert len(hits) == 1
    want = fold(needle.strip()).replace("\n", " ")  # snippets are one line
    marked = highlighted(hits[0])
    assert marked, hits[0]
    # Every highlight covers the word (merged overlaps may cover more).
    assert all(want in fold(s) or fold(s) in want for s in marked)
