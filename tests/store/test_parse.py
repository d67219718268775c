from datetime import date, time

import pytest

from quorum.store.errors import ValidationError
from quorum.store.parse import meeting_times, parse_date, parse_time

TODAY = date(2027, 3, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2027-03-12", date(2027, 3, 12)),
        ("20270312", date(2027, 3, 12)),
        ("30/4", date(2027, 4, 30)),
        ("12/3 2028", date(2028, 3, 12)),
        ("1/2", date(2028, 2, 1)),  # already past this year: next year's
        ("+2w", date(2027, 3, 15)),
        ("+2v", date(2027, 3, 15)),
        ("+3d", date(2027, 3, 4)),
        ("+1m", date(2027, 4, 1)),
    ],
)
def test_dates_as_swedes_type_them(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, key",
    [
        ("2027-02-30", "error.date_invalid"),
        ("31/4", "error.date_invalid"),
        ("tisdag", "error.date_format"),
        ("", "error.date_missing"),
    ],
)
def test_bad_dates(text, key):
    with pytest.raises(ValidationError) as info:
        parse_date(text, TODAY)
    assert info.value.key == key


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9", time(9)),
        ("9:00", time(9)),
        ("09.00", time(9)),
        ("0930", time(9, 30)),
        ("13:05", time(13, 5)),
    ],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9:75", "nio"])
def test_bad_times(text):
    with pytest.raises(ValidationError):
        parse_time(text)


def test_meeting_across_midnight_and_end_before_start():
    with pytest.raises(ValidationError) as info:
        meeting_times("2027-03-12", "13:00", "09:00", "Europe/Stockholm")
    assert info.value.key == "error.across_midnight"
    with pytest.raises(ValidationError) as info:
        meeting_times("2027-03-12", "9:00", "9.00", "Europe/Stockholm")
    assert info.value.key == "error.end_before_start"


def test_time_in_the_spring_forward_gap_is_refused():
    with pytest.raises(ValidationError) as info:
        meeting_times("2027-03-28", "2:30", "4:00", "Europe/Stockholm")
    assert info.value.key == "error.time_nonexistent"
