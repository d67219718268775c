"""The standard agendas of a Swedish network meeting, in both languages.

Two weights, following the network's formality: minnesanteckningar keep a light
agenda (the secretary is the next host by rule, one person checks the notes);
a protokoll follows the conventional order of Swedish meeting practice (val av
sekreterare, val av justerare att jämte ordföranden justera protokollet,
fastställande av dagordning, föregående protokoll …). A new meeting can start from
either, or from a template saved from an earlier meeting of the network
(``Network.templates``); a network that keeps protokoll (``Network.formality``)
starts from the protokoll's. This module is the one place their wording lives.
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

# (sv, en, kind, minutes, followup)
_Row = tuple[str, str, ItemKind, int, bool]

_OPENING: _Row = ("Mötets öppnande", "Opening of the meeting", ItemKind.STANDING, 5, False)
_FOLLOWUP: _Row = (
    "Uppföljning av åtgärder",
    "Follow-up of action items",
    ItemKind.STANDING,
    15,
    True,
)
_OTHER: _Row = ("Övriga frågor", "Any other business", ItemKind.DISCUSSION, 10, False)
_NEXT: _Row = ("Nästa möte", "Next meeting", ItemKind.STANDING, 5, False)
_CLOSING: _Row = ("Mötets avslutande", "Closing of the meeting", ItemKind.STANDING, 5, False)

_INFORMAL: list[_Row] = [
    _OPENING,
    ("Val av justerare", "Election of a minutes checker", ItemKind.DECISION, 5, False),
    ("Godkännande av dagordningen", "Approval of the agenda", ItemKind.DECISION, 5, False),
    (
        "Föregående minnesanteckningar",
        "Minutes of the previous meeting",
        ItemKind.STANDING,
        5,
        False,
    ),
    _FOLLOWUP,
    (
        "Information från skolchefsnätverket",
        "News from the school heads' network",
        ItemKind.INFORMATION,
        15,
        False,
    ),
    ("Aktuella frågor", "Current matters", ItemKind.DISCUSSION, 60, False),
    _OTHER,
    _NEXT,
    _CLOSING,
]

_FORMAL: list[_Row] = [
    _OPENING,
    ("Val av sekreterare", "Election of a secretary", ItemKind.DECISION, 2, False),
    (
        "Val av justerare att jämte ordföranden justera protokollet",
        "Election of a minutes checker to approve the minutes together with the chair",
        ItemKind.DECISION,
        3,
        False,
    ),
    ("Fastställande av dagordning", "Adoption of the agenda", ItemKind.DECISION, 5, False),
    ("Föregående protokoll", "Minutes of the previous meeting", ItemKind.STANDING, 5, False),
    _FOLLOWUP,
    ("Rapporter och information", "Reports and information", ItemKind.INFORMATION, 15, False),
    ("Beslutsärenden", "Matters for decision", ItemKind.DECISION, 60, False),
    _OTHER,
    _NEXT,
    _CLOSING,
]

NEXT_MEETING_TITLES = {_NEXT[0], _NEXT[1]}

_NAMES = {
    ("sv", Formality.INFORMAL): "Standarddagordning",
    ("sv", Formality.FORMAL): "Standardföredragningslista (protokoll)",
    ("en", Formality.INFORMAL): "Standard agenda",
    ("en", Formality.FORMAL): "Standard agenda (formal minutes)",
}


def standard_template(lang: str, formality: Formality = Formality.INFORMAL) -> Template:
    """The standard agenda in ``lang`` for minnesanteckningar, or for a protokoll."""
    rows = _FORMAL if formality is Formality.FORMAL else _INFORMAL
    items = tuple(
        TemplateItem(title=sv if lang == "sv" else en, kind=kind, minutes=minutes, followup=f)
        for sv, en, kind, minutes, f in rows
    )
    return Template(name=_NAMES[(lang, formality)], items=items)


def protokoll_template(lang: str) -> Template:
    """The agenda of a meeting whose minutes are a protokoll."""
    return standard_template(lang, Formality.FORMAL)


def network_template(network: Network, lang: str) -> Template:
    """The network's first template, else the standard agenda in ``lang`` (the
    protokoll's when the network keeps protokoll)."""
    if network.templates:
        return network.templates[0]
    return standard_template(lang, network.formality)


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
