"""The standard agenda of a Swedish network meeting, in both languages.

A new meeting can start from it, or from a template saved from an earlier
meeting of the network (``Network.templates``).
"""

from __future__ import annotations

from quorum.store.records import (
    AgendaItem,
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

NEXT_MEETING_TITLES = {"Nästa möte", "Next meeting"}


def standard_template(lang: str) -> Template:
    name = "Standarddagordning" if lang == "sv" else "Standard agenda"
    items = tuple(
        TemplateItem(title=sv if lang == "sv" else en, kind=kind, minutes=minutes, followup=f)
        for sv, en, kind, minutes, f in _STANDARD
    )
    return Template(name=name, items=items)


def network_template(network: Network, lang: str) -> Template:
    """The network's first template, else the standard agenda in ``lang``."""
    return network.templates[0] if network.templates else standard_template(lang)


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
