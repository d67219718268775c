"""The minutes of a meeting (minnesanteckningar, or protokoll when formal).

Records in, text out: :func:`minutes_markdown`, :func:`minutes_html` and
:func:`minutes_text` render the same :class:`~exports.blocks.Document`.
"""

from __future__ import annotations

from collections import defaultdict

from quorum.exports.blocks import (
    Banner,
    Block,
    Bullets,
    Document,
    Fields,
    Heading,
    Inline,
    Para,
    Part,
    Signatures,
    Signer,
    Span,
    Table,
    Text,
    labelled,
    plain,
)
from quorum.exports.context import DocContext
from quorum.exports.render import render
from quorum.store.live import current_approvals
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    Attendance,
    ItemState,
    Presence,
    web_link,
)
from quorum.store.wording import by_formality

_GROUPS = (
    (Presence.PRESENT, "doc.present"),
    (Presence.REMOTE, "doc.remote"),
    (Presence.EXCUSED, "doc.excused"),
    (Presence.ABSENT, "doc.absent"),
)


def header_fields(ctx: DocContext, actual: bool = False) -> list[tuple[str, str]]:
    """Network, date, time and place: the lines both documents open with.

    The minutes (``actual``) show the times the meeting really began and ended.
    """
    m = ctx.meeting
    # The date beside the recorded times is the day they were recorded on; a meeting
    # held on another day than planned says so.
    day = ctx.held_day if actual else m.day
    when = ctx.long_date(day)
    if day != m.day:
        when = ctx.t("doc.held_not_planned", held=when, planned=ctx.long_date(m.day))
    rows = [
        (ctx.t("doc.network"), ctx.network.name),
        (ctx.t("doc.date"), when),
        (ctx.t("doc.time"), ctx.time_span(actual)),
        (ctx.t("doc.place"), ctx.user(m.place) or ctx.t("doc.not_set")),
    ]
    if link := web_link(m.online_link):  # never javascript: or file: from an old archive
        rows.append((ctx.t("doc.online"), ctx.user(link)))
    if m.host_org_id:
        rows.append((ctx.t("doc.host"), ctx.org_name(m.host_org_id) or ctx.t("doc.not_set")))
    return rows


def _roles(ctx: DocContext) -> list[tuple[str, str]]:
    m = ctx.meeting
    not_set = ctx.t("doc.not_set")
    adjusters = ", ".join(ctx.person_name(a) for a in m.adjuster_ids)
    return [
        (ctx.t("doc.chair"), ctx.person_name(m.chair_id) or not_set),
        (ctx.t("doc.secretary"), ctx.person_name(m.secretary_id) or not_set),
        (ctx.t("doc.adjusters", count=len(m.adjuster_ids)), adjusters or not_set),
    ]


def _attendee(ctx: DocContext, a: Attendance) -> tuple[str, str]:
    """(organisation, name) of one attendee; guests bring their own organisation."""
    if a.erased:  # a member erased from the roster: named by the placeholder only
        return "", a.guest_name
    if a.person_id is None:
        return a.guest_org, f"{a.guest_name} ({ctx.t('doc.guest')})"
    person = ctx.people.get(a.person_id)
    org = ctx.org_name(person.org_id) if person else ""
    return org, ctx.person_name(a.person_id)


def _is_guest(a: Attendance) -> bool:
    return a.person_id is None and not a.erased  # an erased member is no guest


def _groups(ctx: DocContext) -> list[tuple[str, list[tuple[str, str]]]]:
    """The attendance list as a protokoll keeps it: members present, remote, excused
    (and absent when shown), then the guests who took part in a group of their own. A
    guest who did not come is listed as any invitee is."""
    came = (Presence.PRESENT, Presence.REMOTE)
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for presence, key in _GROUPS:
        if presence is Presence.ABSENT and not ctx.show_absent:
            continue
        groups.append(
            (
                key,
                [
                    _attendee(ctx, a)
                    for a in ctx.meeting.attendance
                    if a.presence is presence and not (_is_guest(a) and presence in came)
                ],
            )
        )
        if presence is Presence.REMOTE:
            guests = [a for a in ctx.meeting.attendance if _is_guest(a) and a.presence in came]
            remote = f" ({ctx.t('doc.remote_short')})"
            groups.append(
                (
                    "doc.guests",
                    [
                        (
                            a.guest_org,
                            a.guest_name + (remote if a.presence is Presence.REMOTE else ""),
                        )
                        for a in guests
                    ],
                )
            )
    return groups


def _attendance(ctx: DocContext) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("doc.attendance"))]
    no_org = ctx.t("doc.no_org")
    for key, listed in _groups(ctx):
        by_org: dict[str, list[str]] = defaultdict(list)
        for org, name in listed:
            by_org[org].append(name)
        if not by_org:
            continue
        orgs = sorted(by_org, key=lambda o: (o == "", o.casefold()))
        blocks.append(Heading(3, ctx.t(key)))
        blocks.append(
            Bullets(
                tuple(
                    labelled(org or no_org, ", ".join(sorted(by_org[org], key=str.casefold)))
                    for org in orgs
                )
            )
        )
    if len(blocks) == 1:
        blocks.append(Para(plain(ctx.t("doc.nobody"))))
    return blocks


def _due(ctx: DocContext, action: ActionItem) -> str:
    return action.due.isoformat() if action.due else ctx.t("doc.no_due")


def _action_line(ctx: DocContext, action: ActionItem) -> Inline:
    return (
        Span(f"{ctx.t('doc.action')}:", strong=True),
        Span(ctx.user(action.text)),
        Span(f"– {ctx.t('doc.owner')}:"),
        Span(ctx.user(ctx.owner(action)) or ctx.t("doc.no_owner")),
        Span(f"– {ctx.t('doc.due')}:"),
        Span(_due(ctx, action)),
    )


def followup_blocks(ctx: DocContext) -> list[Block]:
    """The follow-up item's list: the open action items of the earlier meetings as
    they are now (derived, never a copy, so an action marked done is gone)."""
    if not ctx.open_actions:
        return [Para(plain(ctx.t("doc.followup_none")))]
    lines = tuple(
        (
            *_action_line(ctx, action),
            Span(f"({ctx.t('doc.from_meeting')} {meeting.day.isoformat()})"),
        )
        for meeting, _, action in ctx.open_actions
    )
    return [Para((Span(ctx.t("doc.followup"), strong=True),)), Bullets(lines)]


def _items(ctx: DocContext) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("doc.items"))]
    for index, item in enumerate(ctx.meeting.agenda):
        blocks.append(Heading(3, f"{ctx.item_number(index)} {ctx.user(item.title)}"))
        presenter = ctx.person_name(item.presenter_id) or item.presenter_text
        if presenter:
            blocks.append(Para(labelled(ctx.t("doc.presenter"), ctx.user(presenter))))
        if item.followup:
            blocks += followup_blocks(ctx)
        if item.notes.strip():
            blocks.append(Text(ctx.user(item.notes)))
        blocks += [
            Para(labelled(ctx.t("doc.decision"), ctx.user(d.text)), css="decision")
            for d in item.decisions
        ]
        if item.actions:
            blocks.append(Bullets(tuple(_action_line(ctx, a) for a in item.actions)))
        if item.state is ItemState.DEFERRED:
            blocks.append(Para(plain(ctx.t("doc.deferred"))))
        elif not (item.notes.strip() or item.decisions or item.actions or item.followup):
            blocks.append(Para(plain(ctx.t("doc.item_empty"))))
    return blocks


def _action_table(ctx: DocContext) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("doc.actions"))]
    rows = tuple(
        (
            ctx.item_number(ctx.meeting.agenda.index(item)),
            ctx.user(action.text),
            ctx.user(ctx.owner(action)) or ctx.t("doc.no_owner"),
            _due(ctx, action),
            ctx.t("doc.action_done" if action.status is ActionStatus.DONE else "doc.action_open"),
        )
        for item, action in ctx.meeting.all_actions()
    )
    if not rows:
        return [*blocks, Para(plain(ctx.t("doc.no_actions")))]
    headers = ("doc.from_item", "doc.action", "doc.owner", "doc.due", "doc.status")
    return [*blocks, Table(tuple(ctx.t(h) for h in headers), rows)]


def _next_meeting(ctx: DocContext) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("doc.next_meeting"))]
    nxt = ctx.next_meeting
    if nxt is None:
        return [*blocks, Para(plain(ctx.t("doc.next_none")))]
    line = ctx.t(
        "doc.next_line",
        date=ctx.long_date(nxt.day),
        time=ctx.clock(nxt.start),
        host=ctx.org_name(nxt.host_org_id) or ctx.t("doc.not_set"),
    )
    return [*blocks, Para(plain(line))]


def _approval(ctx: DocContext) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("doc.approval"))]
    lines = tuple(
        plain(
            ctx.t("doc.reopened_by", name=a.name, date=a.on.isoformat(), reason=ctx.user(a.reason))
            if a.reopened
            else ctx.t("doc.approved_by", name=a.name, date=a.on.isoformat())
        )
        for a in ctx.meeting.approvals
    )
    if lines:
        blocks.append(Bullets(lines))
    if not ctx.approved():
        names = ", ".join(ctx.person_name(a) for a in ctx.meeting.adjuster_ids)
        blocks.append(Banner(ctx.t(by_formality("doc.draft_note", ctx.meeting.formality))))
        blocks.append(Fields(((ctx.t("doc.to_approve"), names or ctx.t("doc.not_set")),)))
    blocks.append(_signatures(ctx))
    return blocks


def _approved_on(ctx: DocContext) -> dict[str, str]:
    """When each person approved the minutes now in force (casefolded name -> date)."""
    return {a.name.casefold(): a.on.isoformat() for a in current_approvals(ctx.meeting)}


def _signatures(ctx: DocContext) -> Signatures:
    """ "Vid protokollet" (the secretary) and "Justeras" (the chair and the adjusters):
    a line to sign on for each, or the date they approved the minutes in quorum."""
    m = ctx.meeting
    approved = _approved_on(ctx)

    def signer(person_id: str | None, role: str) -> Signer:
        name = ctx.person_name(person_id) if person_id else ""
        on = approved.get(name.casefold()) if name else None
        signed = ctx.t("doc.signed_on", date=on) if on else ""
        return Signer(name or ctx.t("doc.not_set"), ctx.t(role), signed)

    adjusters = [a for a in m.adjuster_ids if a != m.chair_id]
    chair_role = "doc.role_chair_adjuster" if m.chair_id in m.adjuster_ids else "doc.role_chair"
    return Signatures(
        (
            (ctx.t("doc.sign_secretary"), (signer(m.secretary_id, "doc.role_secretary"),)),
            (
                ctx.t("doc.sign_adjusters"),
                (
                    signer(m.chair_id, chair_role),
                    *(signer(a, "doc.role_adjuster") for a in adjusters),
                ),
            ),
        )
    )


def _approved_line(ctx: DocContext) -> list[Block]:
    """Informal minutes say who approved them and when, in one line."""
    given = current_approvals(ctx.meeting)
    if not given or not ctx.approved():
        return []
    names = ", ".join(a.name for a in given)
    on = max(a.on for a in given).isoformat()
    return [Para(plain(ctx.t("doc.informal_approved", names=names, date=on)))]


def minutes_document(ctx: DocContext) -> Document:
    title = f"{ctx.doc_title()}: {ctx.user(ctx.meeting.title)}"
    head: list[Block] = []
    if ctx.formal and not ctx.approved():
        head.append(Banner(ctx.t("doc.draft")))
    head += [Heading(1, title), Fields(tuple(header_fields(ctx, actual=True) + _roles(ctx)))]
    last = _action_table(ctx) + _next_meeting(ctx)
    if not ctx.formal:
        last += _approved_line(ctx)
    parts = [
        Part(tuple(head + _attendance(ctx))),
        Part(tuple(_items(ctx))),
        Part(tuple(last), page_break=True),
    ]
    if ctx.formal:
        parts.append(Part(tuple(_approval(ctx)), page_break=True))
    return Document(lang=ctx.lang, title=title, parts=tuple(parts))


def minutes_markdown(ctx: DocContext) -> str:
    return render(minutes_document(ctx), "md")


def minutes_html(ctx: DocContext) -> str:
    return render(minutes_document(ctx), "html")


def minutes_text(ctx: DocContext) -> str:
    return render(minutes_document(ctx), "txt")
