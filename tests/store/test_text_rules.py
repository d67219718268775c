"""The one rule for text entering quorum (store/text_rules.py), applied when a record is made.

Single-line fields refuse line breaks; no field takes a control character (a multi-line
one keeps tab and newline), a noncharacter, a lone surrogate or a character that reorders
text; every field has a length limit; links are web addresses. Each refusal is a sentence
naming the field. What an archive already holds is not judged again: it opens, and
editing another field of the same record works.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.store.errors import ValidationError
from quorum.store.records import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Network,
    Organisation,
    Person,
    check_email,
    check_link,
    replace,
    web_link,
)
from quorum.store.store import Store
from quorum.store.text_rules import (
    LIMITS,
    TextRefused,
    as_stored,
    check,
    clean,
    has_refused,
    shorten,
    visible,
)

TZ = ZoneInfo("Europe/Stockholm")
START = datetime(2027, 3, 12, 9, tzinfo=TZ)


def _meeting(**fields: object) -> Meeting:
    return Meeting(
        "1", "1", fields.pop("title", "Nätverksträff"), START, START.replace(hour=12), **fields
    )  # type: ignore[arg-type]


def _refusal(make) -> TextRefused:
    with pytest.raises(TextRefused) as err:
        make()
    return err.value


# -- single-line fields --------------------------------------------------------------


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c"])
def test_a_single_line_field_refuses_every_line_break(brk: str) -> None:
    err = _refusal(lambda: Person("1", f"Eve{brk}Bcc: all@example.se", "eve@example.se"))
    assert err.field == "name"
    if brk not in "\x0b\x0c":  # vertical tab and form feed are control characters
        assert err.sentence("sv") == "Namnet ska stå på en rad: ta bort radbrytningarna."
        assert err.sentence("en") == "The name must be on one line: remove the line breaks."


def test_each_record_names_its_own_field() -> None:
    cases = [
        (lambda: _meeting(title="Möte\nDTSTART:2000"), "title", "Titeln"),
        (lambda: _meeting(place="Rum\x1b[2J"), "place", "Platsen"),
        (lambda: Organisation("1", "Skövde\u202ekommun"), "name", "Namnet"),
        (
            lambda: AgendaItem("a", "Punkt", presenter_text="Anna\tBerg"),
            "presenter_text",
            "Föredragandens namn",
        ),
        (
            lambda: Attendance(guest_name="Gäst", guest_org="Org\x00"),
            "guest_org",
            "Gästens organisation",
        ),
        (lambda: Network("1", "Nät", organiser="A\nB"), "organiser", "Huvudmannen"),
    ]
    for make, field, label in cases:
        err = _refusal(make)
        assert err.field == field
        assert err.sentence("sv").startswith(label), err.sentence("sv")


# -- characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\x1b", "styrtecken"),
        ("\x00", "styrtecken"),
        ("\x7f", "styrtecken"),
        ("\x9b", "styrtecken"),  # C1: CSI on some terminals
        ("\ud800", "inte är giltig text"),  # lone surrogate: cannot be written as UTF-8
        ("\ufffe", "inte är giltig text"),
        ("\ufdd0", "inte är giltig text"),
        ("\U0001ffff", "inte är giltig text"),
        ("\U0010ffff", "inte är giltig text"),
        ("\u202e", "osynligt tecken"),  # right-to-left override
        ("\u2066", "osynligt tecken"),  # left-to-right isolate
        ("\ufff9", "osynligt tecken"),
    ],
)
def test_refused_characters_in_any_field_give_a_sentence_with_the_code(
    char: str, kind: str
) -> None:
    for make in (
        lambda: _meeting(documents=f"Läs{char}detta"),  # multi-line
        lambda: Decision("d", f"Beslut {char}"),
        lambda: Person("1", f"Anna{char}", "anna@example.se"),
    ):
        err = _refusal(make)
        sentence = err.sentence("sv")
        assert kind in sentence and f"U+{ord(char):04X}" in sentence, sentence


def test_multi_line_fields_keep_tab_and_newline_and_unify_line_breaks() -> None:
    item = AgendaItem("a", "Punkt", notes="Rad 1\r\nRad 2\rRad 3\u2028Rad 4\n\tindrag")
    assert item.notes == "Rad 1\nRad 2\nRad 3\nRad 4\n\tindrag"


def test_a_tab_in_a_single_line_field_is_refused() -> None:
    err = _refusal(lambda: Person("1", "Anna\tBerg", "anna@example.se"))
    assert "U+0009" in err.sentence("en")


def test_invisible_characters_that_text_needs_are_kept_and_a_bom_is_removed() -> None:
    name = "Sara\u00adh \u200fشیرین\u200c‌ 👩\u200d👩\u200d👧"  # soft hyphen, RLM, ZWNJ, ZWJ
    assert Person("1", name, "s@example.se").name == name
    assert Person("1", "\ufeffAnna Berg", "anna@example.se").name == "Anna Berg"
    assert Decision("d", "Beslut\ufeff").text == "Beslut"


# -- lengths -------------------------------------------------------------------------


def test_a_2000_character_name_is_refused_with_the_limit() -> None:
    err = _refusal(lambda: Person("1", "A" * 2000, "a@example.se"))
    assert err.sentence("sv") == "Namnet får vara högst 200 tecken, men är 2\u00a0000."
    assert err.sentence("en") == "The name may be at most 200 characters long, but is 2,000."
    assert Person("1", "A" * 200, "a@example.se").name == "A" * 200


def test_every_field_with_a_rule_has_a_limit_and_a_label_in_both_languages() -> None:
    from quorum.store import records
    from quorum.store.i18n import t

    for cls in vars(records).values():
        for field in getattr(cls, "RULES", {}):
            for lang in ("sv", "en"):
                assert t(f"field.{field}", lang=lang) != f"field.{field}", (cls, field)
    assert all(rule.limit > 0 for rule in LIMITS.values())


# -- e-mail addresses and links ------------------------------------------------------


def test_an_address_of_more_than_254_characters_or_a_local_part_over_64_is_refused() -> None:
    long_domain = ".".join(["a" * 60] * 4) + ".se"
    err = _refusal(lambda: check_email(f"{'x' * 20}@{long_domain}"))
    assert "254" in err.sentence("en")
    with pytest.raises(ValidationError) as local:
        check_email("x" * 65 + "@example.se")
    assert "64" in local.value.sentence("en")
    assert check_email("x" * 64 + "@example.se")


def test_international_addresses_are_accepted_and_broken_domains_refused() -> None:
    assert check_email("åsa.öberg@skövde.se") == "åsa.öberg@skövde.se"
    assert check_email("info@xn--skvde-kua.se")
    for bad in ("a@-skövde.se", "a@skövde", "a b@example.se", "a@exa_mple.se", "a@@example.se"):
        with pytest.raises(ValidationError):
            check_email(bad)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "ftp://example.se/x",
    ],
)
def test_a_link_that_is_not_a_web_address_is_refused(link: str) -> None:
    err = _refusal(lambda: _meeting(online_link=link))
    assert err.field == "online_link"
    assert "https://" in err.sentence("sv")
    assert web_link(link) is None
    with pytest.raises(TextRefused):
        Network("1", "Nät", default_link=link)


def test_links_are_web_addresses_and_a_bare_address_gets_https() -> None:
    assert check_link("https://meet.example.se/rum?id=1") == "https://meet.example.se/rum?id=1"
    assert check_link("http://intra.example.se") == "http://intra.example.se"
    assert check_link("meet.example.se/rum") == "https://meet.example.se/rum"
    assert check_link("meet.example.se:8443/rum") == "https://meet.example.se:8443/rum"
    assert (
        _meeting(online_link="teams.example.se/l/1").online_link == "https://teams.example.se/l/1"
    )
    for bad in ("https://", "https:///rum", "https://meet.example.se/a b", 'https://x.se/"'):
        with pytest.raises(TextRefused):
            check_link(bad)


# -- what an archive holds is not judged again ----------------------------------------


def test_an_archive_with_text_the_rule_refuses_opens_and_other_fields_can_be_edited(
    tmp_path: Path,
) -> None:
    path = tmp_path / "quorum.json"
    hostile = "Eve\x1b]0;pwned\x07\nBcc: all@example.se"
    with Store.open(path) as store:
        network = store.add_network(name="Nätverket")
        with as_stored():  # as an older quorum could write it
            person = store.add_person(name=hostile, email="eve@example.se", title="T" * 2000)
            meeting = store.add_meeting(
                network_id=network.id,
                title="Möte\u202e",
                start=START,
                end=START.replace(hour=12),
                online_link="javascript:alert(1)",
            )
    with Store.open(path) as store:
        again = store.person(person.id)
        assert again.name == hostile and again.title == "T" * 2000
        edited = replace(again, phone="+46 70 123 45 67")  # another field: fine
        store.save_person(edited)
        assert store.meeting(meeting.id).online_link == "javascript:alert(1)"
        store.update_meeting(meeting.id, place="Stadshuset")
        with pytest.raises(TextRefused) as err:
            replace(again, name=again.name)  # the field itself: judged when it is edited
        assert err.value.field == "name"
    with Store.open(path, readonly=True) as store:
        assert store.person(person.id).phone == "+46 70 123 45 67"
        assert store.meeting(meeting.id).place == "Stadshuset"


def test_replace_judges_only_the_fields_it_changes() -> None:
    with as_stored():
        old = Person("1", "Anna\x1b[31m", "anna@example.se")
    assert replace(old, phone="123").name == "Anna\x1b[31m"
    with pytest.raises(TextRefused):
        replace(old, phone="1\n2")
    with pytest.raises(ValidationError):
        replace(old, email="inte en adress")


# -- from a file: removed and counted -------------------------------------------------


def test_text_from_a_file_is_cleaned_and_the_removed_characters_counted() -> None:
    assert clean("Anna\x1b[31m Berg\x00\ufeff") == ("Anna[31m Berg", 2)
    assert clean("Rad 1\r\nRad 2\u202e", multiline=True) == ("Rad 1\nRad 2", 1)
    assert clean("Anna\nBerg\tX") == ("Anna Berg X", 0)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaned_text_is_always_accepted(text: str) -> None:
    for multiline in (False, True):
        cleaned, _ = clean(text, multiline)
        rule = LIMITS["text"] if multiline else LIMITS["name"]
        cleaned = cleaned[: rule.limit]
        assert check(cleaned, rule, "text") == cleaned.replace("\ufeff", "")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_check_either_refuses_with_a_sentence_or_keeps_the_text(text: str) -> None:
    try:
        kept = check(text, LIMITS["text"], "notes")
    except TextRefused as err:
        assert err.sentence("sv") and err.sentence("en")
        assert err.sentence("sv") != err.key
    else:
        assert not has_refused(kept)


# -- printing to a terminal -----------------------------------------------------------


def test_visible_shows_every_control_sequence_as_an_escape() -> None:
    shown = visible("Eve\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\nnext\ud800")
    assert shown == "Eve\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eevil\\nnext\\ud800"
    assert shown.isprintable()
    assert visible("Rad 1\nRad 2\x1b", newlines=True) == "Rad 1\nRad 2\\x1b"
    assert visible("Åsa Öberg – 👩‍👩‍👧") == "Åsa Öberg – 👩‍👩‍👧"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_visible_text_is_printable_and_encodable(text: str) -> None:
    shown = visible(text)
    shown.encode("utf-8")  # never a lone surrogate
    assert all(c.isprintable() or c in " \u00a0" or not has_refused(c) for c in shown)
    assert not any(0 <= ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown)


def test_shorten_says_how_much_was_left_out() -> None:
    assert shorten("abc", 10) == ("abc", 0)
    assert shorten("x" * 50_000_000, 500) == ("x" * 500, 49_999_500)
