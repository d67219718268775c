"""A large archive, quickly: copies of the demo's held meeting with full minutes.

Kept minimal on purpose; the benchmark generator (tests/bench/generate.py)
builds varied archives.
"""

from __future__ import annotations

from datetime import timedelta


def add_archive(store, count: int, template_id: str = "2") -> None:
    """Add ``count`` held meetings, a week apart going back, in one batch."""
    template = store.meeting(template_id)
    fields = {k: v for k, v in vars(template).items() if k not in ("id", "uid")}
    with store.batch():
        for n in range(1, count + 1):
            back = timedelta(weeks=n)
            store.add_meeting(
                **{**fields, "start": template.start - back, "end": template.end - back}
            )
