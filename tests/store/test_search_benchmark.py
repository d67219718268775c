"""Search speed on 1,000 meetings (run with -m benchmark)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from quorum.store.records import ActionItem, AgendaItem, Decision, Meeting
from quorum.store.search import SearchIndex

TZ = ZoneInfo("Europe/Stockholm")


def archive(n: int) -> list[Meeting]:
    out = []
    for k in range(n):
        start = datetime.combine(date(2020, 1, 3) + timedelta(weeks=k % 400), time(9), TZ)
        agenda = tuple(
            AgendaItem(
                f"i{j}",
                f"Punkt {j}: arbetsmarknad och studie- och yrkesvägledning",
                notes="Diskussion om praktik, PRAO och gymnasievalet i Skaraborg. " * 8,
                decisions=(Decision(f"d{j}", f"Nätverket beslutar om punkt {j} i möte {k}."),),
                actions=(ActionItem(f"a{j}", f"Åtgärd {j}: kontakta skolorna (möte {k})"),),
            )
            for j in range(12)
        )
        out.append(
            Meeting(str(k), "n1", f"Möte {k}", start, start + timedelta(hours=3), agenda=agenda)
        )
    return out


@pytest.mark.benchmark
def test_search_1000_meetings(benchmark) -> None:  # type: ignore[no-untyped-def]
    index = SearchIndex.build(archive(1000))
    hits = benchmark(index.search, "ÅTGÄRD skolorna 999")
    assert hits and hits[0].meeting_id == "999"
