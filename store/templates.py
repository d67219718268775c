"""The standard agenda of a Swedish network meeting, in both languages, and the
protokoll's.

A new meeting can start from one of them, or from a template saved from an
earlier meeting of the network (``Network.templates``). A network whose minutes
are protokoll (``Network.formality``) starts from the protokoll's agenda: the
standard one with the items a protokoll needs first — the election of the
adjusters who approve it with the chair, the adoption of the agenda, the
previous protokoll. Their wording lives here and nowhere else.
"""

from __future__ import annotations

from quorum.store.records import (
    AgendaItem,
    Formality,
    ItemKind,
    Network,
    Template,
    TemplateItem,
    new_item_id,
)

_STANDARD = [
    # (sv, en, kind, minutes, followup)
    ("Mötets öppnande", "Opening of the meeting", ItemKind.STANDING, 5, False),
    (
        "Val av sekreterare och justerare",
        "Election of secretary and adjusters",
        ItemKind.DECISION,
        5,
        False,
    ),
    ("Godkännande av dagordning", "Approval of the agenda", ItemKind.DECISION, 5, False),
    (
        "Föregående minnesanteckningar",
        "Minutes of the previous meeting",
        ItemKind.STANDING,
        5,
        False,
    ),
    ("Uppföljning av åtgärder", "Follow-up of action items", ItemKind.STANDING, 15, True),
    (
        "Information från skolchefsnätverket",
        "News from the school heads' network",
        ItemKind.INFORMATION,
        15,
        False,
    ),
    ("Aktuella frågor", "Current matters", ItemKind.DISCUSSION, 60, False),
    ("Övriga frågor", "Any other business", ItemKind.DISCUSSION, 10, False),
    ("Nästa möte", "Next meeting", ItemKind.STANDING, 5, False),
    ("Mötets avslutande", "Closing of the meeting", ItemKind.STANDING, 5, False),
]

# A protokoll opens with these, then goes on as the standard agenda does from its
# follow-up of action items.
_PROTOKOLL_OPENING = [
    ("Mötets öppnande", "Opening of the meeting", ItemKind.STANDING, 5, False),
    (
        "Val av justerare att jämte ordföranden justera protokollet",
        "Election of an adjuster to approve the minutes together with the chair",
        ItemKind.DECISION,
        5,
        False,
    ),
    ("Fastställande av dagordning", "Adoption of the agenda", ItemKind.DECISION, 5, False),
    ("Föregående protokoll", "Minutes of the previous meeting", ItemKind.STANDING, 5, False),
]
_PROTOKOLL = _PROTOKOLL_OPENING + [row for row in _STANDARD if row[4]] + _STANDARD[5:]

NEXT_MEETING_TITLES = {"Nästa möte", "Next meeting"}


def _template(name: str, rows: list[tuple[str, str, ItemKind, int, bool]], lang: str) -> Template:
    items = tuple(
        TemplateItem(title=sv if lang == "sv" else en, kind=kind, minutes=minutes, followup=f)
        for sv, en, kind, minutes, f in rows
    )
    return Template(name=name, items=items)


def standard_template(lang: str) -> Template:
    return _template("Standarddagordning" if lang == "sv" else "Standard agenda", _STANDARD, lang)


def protokoll_template(lang: str) -> Template:
    """The agenda of a meeting whose minutes are a protokoll."""
    name = "Dagordning för protokoll" if lang == "sv" else "Agenda for formal minutes"
    return _template(name, _PROTOKOLL, lang)


def network_template(network: Network, lang: str) -> Template:
    """The network's first template, else the standard agenda in ``lang`` (the
    protokoll's when the network keeps protokoll)."""
    if network.templates:
        return network.templates[0]
    if network.formality is Formality.FORMAL:
        return protokoll_template(lang)
    return standard_template(lang)


def agenda_from_template(template: Template) -> tuple[AgendaItem, ...]:
    return tuple(
        AgendaItem(
            id=new_item_id(),
            title=t.title,
            kind=t.kind,
            minutes=t.minutes,
            description=t.description,
            followup=t.followup,
        )
        for t in template.items
    )


def template_from_agenda(name: str, agenda: tuple[AgendaItem, ...]) -> Template:
    """Save a meeting's agenda (titles, kinds, times; no minutes) as a template."""
    return Template(
        name=name,
        items=tuple(
            TemplateItem(
                title=i.title,
                kind=i.kind,
                minutes=i.minutes,
                description=i.description,
                followup=i.followup,
            )
            for i in agenda
        ),
    )
