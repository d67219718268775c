"""The forms of a network's settings, one per section of the settings screen, and the
form that creates a network.

Each form shows the network's current values and, on save, returns the network with
the new ones (built with ``replace``, so the record's own rules run and a refused value
is shown beside its field); the screen writes it. Values typed as text are read by the
same parsers as ``quorum network set`` (:mod:`quorum.store.field_values`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from rich.text import Text
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from quorum.store.errors import ValidationError
from quorum.store.field_values import parse_count, parse_time_range, time_range_text
from quorum.store.i18n import t
from quorum.store.network_fields import blackouts_text, parse_blackouts
from quorum.store.records import (
    EasterBreak,
    Formality,
    InviteSender,
    Network,
    Organisation,
    Person,
    SmtpSettings,
    replace,
)
from quorum.store.signup import set_parent
from quorum.tui.dialogs import FormDialog, Row

__all__ = [
    "BreaksForm",
    "GeneralForm",
    "InviteForm",
    "MeetingsForm",
    "MembersChange",
    "MembersForm",
    "NewNetworkForm",
    "SmtpForm",
]

_NONE = "none"


def _day_example() -> str:
    """A meeting from 09.00 to 12.00, as the user's language writes it."""
    return time_range_text(time(9, 0), 180)


def _input(value: str, name: str, placeholder: str = "") -> Input:
    return Input(value, id=f"f-{name}", placeholder=placeholder, compact=True)


def _select(options: Sequence[tuple[str, Any]], value: Any, name: str) -> Select[Any]:
    return Select(options, value=value, allow_blank=False, id=f"f-{name}", compact=True)


def _weekdays() -> list[tuple[str, int]]:
    return [(t(f"weekday.{d}"), d) for d in range(7)]


def _week_choices(weeks: Sequence[int]) -> list[tuple[str, str]]:
    return [(t("plan.week", week=w), str(w)) for w in weeks] + [(t("netui.no_break"), _NONE)]


def _week(value: str) -> int | None:
    return None if value == _NONE else int(value)


class _NetworkForm(FormDialog[Network]):
    """A section's form: the network in, the network with the section's values out."""

    heading_key = ""

    def __init__(self, network: Network, hint: str = "") -> None:
        super().__init__(
            t(self.heading_key, name=network.name), self.build, hint=hint, width="wide"
        )
        self.add_class("-settings")  # labels that say what a setting is need room
        self.network = network

    def build(self, values: dict[str, Any]) -> Network:
        raise NotImplementedError


class GeneralForm(_NetworkForm):
    """Name, the organising body and its address, the coordinating network (for a
    sub-network), coordinator, publication, language."""

    heading_key = "netui.general_heading"

    def __init__(
        self, network: Network, people: Sequence[Person], networks: Sequence[Network] = ()
    ) -> None:
        self.people = [p for p in people if p.role_in(network.id) is not None]
        self.networks = list(networks)
        super().__init__(network)

    def rows(self) -> list[Row]:
        n = self.network
        coordinator = Select(
            [(Text(f"{p.name} <{p.email}>"), p.id) for p in self.people],
            value=n.coordinator_id
            if n.coordinator_id in {p.id for p in self.people}
            else Select.NULL,
            prompt=t("netui.nobody") if self.people else t("netui.no_people_yet"),
            id="f-coordinator_id",
            compact=True,
        )
        language = _select([(t("lang.sv"), "sv"), (t("lang.en"), "en")], n.language, "language")
        # A sub-network (a campus) is part of a coordinating network (store.signup).
        tops = [x for x in self.networks if x.id != n.id and x.parent_id is None]
        parent = Select(
            [(Text(x.name), x.id) for x in tops],
            value=n.parent_id if n.parent_id in {x.id for x in tops} else Select.NULL,
            prompt=t("flows.subnet.none"),
            id="f-parent_id",
            compact=True,
        )
        return [
            ("name", t("network.name"), _input(n.name, "name")),
            ("organiser", t("netui.organiser"), _input(n.organiser, "organiser")),
            (
                "organiser_email",
                t("netui.organiser_email"),
                _input(n.organiser_email, "organiser_email"),
            ),
            ("parent_id", t("flows.subnet.parent"), parent),
            ("coordinator_id", t("netui.coordinator"), coordinator),
            (
                "publication_email",
                t("network.publication_email"),
                _input(n.publication_email, "publication_email"),
            ),
            ("language", t("network.language"), language),
            ("tz", t("network.tz"), _input(n.tz, "tz")),
        ]

    def build(self, values: dict[str, Any]) -> Network:
        changed = replace(
            self.network,
            name=values["name"],
            organiser=values["organiser"],
            organiser_email=values["organiser_email"].strip(),
            coordinator_id=values["coordinator_id"],
            publication_email=values["publication_email"].strip(),
            language=values["language"],
            tz=values["tz"].strip(),
        )
        return set_parent(self.networks, changed, values["parent_id"])


class MeetingsForm(_NetworkForm):
    """When and where the network meets, how often, and how minutes are kept."""

    heading_key = "netui.meetings_heading"

    def rows(self) -> list[Row]:
        n = self.network
        formality = _select(
            [(t(f"formality.{f.value}"), f.value) for f in Formality],
            n.formality.value,
            "formality",
        )
        return [
            ("weekday", t("network.weekday"), _select(_weekdays(), n.weekday, "weekday")),
            (
                "time",
                t("netui.time"),
                _input(time_range_text(n.start_time, n.length_minutes), "time", _day_example()),
            ),
            (
                "min_meetings",
                t("network.min_meetings"),
                _input(str(n.min_meetings), "min_meetings"),
            ),
            ("default_place", t("network.default_place"), _input(n.default_place, "default_place")),
            ("default_link", t("network.default_link"), _input(n.default_link, "default_link")),
            ("formality", t("netui.formality"), formality),
            (
                "year_start_month",
                t("network.year_start_month"),
                _select(
                    [(t(f"network.month.{m}"), m) for m in range(1, 13)],
                    n.year_start_month,
                    "year_start_month",
                ),
            ),
            (
                "public_omits_guests",
                t("network.public_names"),
                _select(
                    [
                        (t("network.public_keeps_guests"), False),
                        (t("network.public_omits_guests"), True),
                    ],
                    n.public_omits_guests,
                    "public_omits_guests",
                ),
            ),
        ]

    def build(self, values: dict[str, Any]) -> Network:
        start, minutes = parse_time_range(values["time"])
        return replace(
            self.network,
            weekday=values["weekday"],
            start_time=start,
            length_minutes=minutes,
            min_meetings=parse_count(values["min_meetings"], "min_meetings", 0, 52),
            default_place=" ".join(values["default_place"].split()),
            default_link=values["default_link"].strip(),
            formality=Formality(values["formality"]),
            year_start_month=values["year_start_month"],
            public_omits_guests=values["public_omits_guests"],
        )


@dataclass(frozen=True)
class MembersChange:
    """The members chosen, and the names of organisations to create and add."""

    network: Network
    new_names: tuple[str, ...]


class MembersForm(FormDialog[MembersChange]):
    """Which organisations are members and which take turns to host; new ones by name."""

    def __init__(self, network: Network, organisations: Sequence[Organisation]) -> None:
        super().__init__(
            t("netui.members_heading", name=network.name),
            self.build,
            hint=t("netui.members_hint"),
            width="wide",
        )
        self.add_class("-settings")
        self.network = network
        self.organisations = organisations

    def rows(self) -> list[Row]:
        n = self.network
        members = set(n.member_org_ids)
        listed: SelectionList[str] = SelectionList(
            *((Text(o.name), o.id, o.id in members) for o in self.organisations),
            id="f-member_org_ids",
        )
        hosts: SelectionList[str] = SelectionList(
            *(
                (Text(o.name), o.id, o.id not in n.rotation_opt_out)
                for o in self.organisations
                if o.id in members
            ),
            id="f-hosts",
        )
        rows: list[Row] = [
            ("new", t("netui.new_orgs"), _input("", "new", t("netui.new_orgs_placeholder")))
        ]
        if self.organisations:
            rows.append(("member_org_ids", t("network.members"), listed))
        if members:
            rows.append(("hosts", t("netui.hosts"), hosts))
        return rows

    def build(self, values: dict[str, Any]) -> MembersChange:
        chosen = tuple(values.get("member_org_ids", self.network.member_org_ids))
        hosting = set(values.get("hosts", ()))
        earlier = set(self.network.member_org_ids)
        opt_out = tuple(o for o in chosen if o in earlier and o not in hosting)
        names = tuple(
            dict.fromkeys(" ".join(n.split()) for n in values["new"].split(",") if n.strip())
        )
        known = {o.name.casefold(): o.id for o in self.organisations}
        for name in names:
            if known.get(name.casefold()) in chosen:
                raise ValidationError("netui.org_member_already", field="new", name=name)
        network = replace(self.network, member_org_ids=chosen, rotation_opt_out=opt_out)
        return MembersChange(network, names)


class InviteForm(_NetworkForm):
    """Who sends the invite, and the representation rule."""

    heading_key = "netui.invite_heading"

    def __init__(self, network: Network) -> None:
        super().__init__(network, hint=t("netui.invite_hint"))

    def rows(self) -> list[Row]:
        n = self.network
        sender = _select(
            [(t(f"netui.sender.{s.value}"), s.value) for s in InviteSender],
            n.invite_sender.value,
            "invite_sender",
        )
        industry = Checkbox(
            t("netui.require_industry"), n.require_industry, id="f-require_industry"
        )
        return [
            ("invite_sender", t("netui.invite_sender"), sender),
            ("require_industry", "", industry),
        ]

    def build(self, values: dict[str, Any]) -> Network:
        return replace(
            self.network,
            invite_sender=InviteSender(values["invite_sender"]),
            require_industry=bool(values["require_industry"]),
        )


class BreaksForm(_NetworkForm):
    """School breaks from the presets, the afton days, and the network's own periods."""

    heading_key = "netui.breaks_heading"

    def __init__(self, network: Network) -> None:
        super().__init__(network, hint=t("netui.breaks_hint"))

    def rows(self) -> list[Row]:
        b = self.network.breaks
        sportlov = _select(
            _week_choices((7, 8, 9, 10, 11, 6, 12)),
            _NONE if b.sportlov_week is None else str(b.sportlov_week),
            "sportlov_week",
        )
        hostlov = _select(
            _week_choices((44, 43, 45)),
            _NONE if b.hostlov_week is None else str(b.hostlov_week),
            "hostlov_week",
        )
        pasklov = _select(
            [(t(f"netui.pasklov.{e.value}"), e.value) for e in EasterBreak],
            b.pasklov.value,
            "pasklov",
        )
        own = self.network.blackouts
        periods = TextArea(
            "\n".join(blackouts_text([p]) for p in own), id="f-blackouts", soft_wrap=False
        )
        return [
            ("sportlov_week", t("netui.sportlov"), sportlov),
            ("pasklov", t("netui.pasklov"), pasklov),
            ("hostlov_week", t("netui.hostlov"), hostlov),
            ("jullov", "", Checkbox(t("netui.jullov"), b.jullov, id="f-jullov")),
            ("sommarlov", "", Checkbox(t("netui.sommarlov"), b.sommarlov, id="f-sommarlov")),
            (
                "allow_afton_days",
                "",
                Checkbox(
                    t("netui.allow_afton_days"),
                    self.network.allow_afton_days,
                    id="f-allow_afton_days",
                ),
            ),
            ("blackouts", t("netui.own_periods"), periods),
        ]

    def build(self, values: dict[str, Any]) -> Network:
        breaks = replace(
            self.network.breaks,
            sportlov_week=_week(values["sportlov_week"]),
            hostlov_week=_week(values["hostlov_week"]),
            pasklov=EasterBreak(values["pasklov"]),
            jullov=bool(values["jullov"]),
            sommarlov=bool(values["sommarlov"]),
        )
        text = "; ".join(line for line in values["blackouts"].splitlines() if line.strip())
        return replace(
            self.network,
            breaks=breaks,
            allow_afton_days=bool(values["allow_afton_days"]),
            blackouts=parse_blackouts(text),
        )


class SmtpForm(_NetworkForm):
    """The mail server the network sends through; the password is never stored."""

    heading_key = "netui.smtp_heading"

    def __init__(self, network: Network) -> None:
        super().__init__(network, hint=t("netui.smtp_hint"))

    def rows(self) -> list[Row]:
        s = self.network.smtp
        security = _select(
            [(t(f"netui.security.{v}"), v) for v in ("starttls", "ssl", "none")],
            s.security if s else "starttls",
            "security",
        )
        password_env = s.password_env if s else "QUORUM_SMTP_PASSWORD"
        return [
            (
                "host",
                t("netui.smtp_host"),
                _input(s.host if s else "", "host", t("netui.smtp_host_placeholder")),
            ),
            ("port", t("netui.smtp_port"), _input(str(s.port if s else 587), "port")),
            ("security", t("netui.smtp_security"), security),
            ("user", t("netui.smtp_user"), _input(s.user if s else "", "user")),
            ("sender", t("netui.smtp_sender"), _input(s.sender if s else "", "sender")),
            ("password_env", t("netui.smtp_password_env"), _input(password_env, "password_env")),
        ]

    def build(self, values: dict[str, Any]) -> Network:
        host = values["host"].strip()
        if not host:
            return replace(self.network, smtp=None)  # no server: mail drafts only
        smtp = SmtpSettings(
            host=host,
            port=parse_count(values["port"], "port", 1, 65535),
            security=values["security"],
            user=values["user"].strip(),
            sender=values["sender"].strip(),
            password_env=values["password_env"].strip() or "QUORUM_SMTP_PASSWORD",
        )
        return replace(self.network, smtp=smtp)


class NewNetworkForm(FormDialog[Network]):
    """A new network: its name and organising body, when it meets and how often.
    ``create`` writes it and returns it with its id."""

    def __init__(self, create: Callable[[dict[str, Any]], Network]) -> None:
        super().__init__(
            t("netui.new_heading"),
            self._build,
            hint=t("netui.new_hint"),
            save_label=t("netui.create"),
            width="wide",
        )
        self.add_class("-settings")
        self.create = create

    def rows(self) -> list[Row]:
        return [
            ("name", t("network.name"), _input("", "name", t("netui.name_placeholder"))),
            ("organiser", t("netui.organiser"), _input("", "organiser")),
            ("weekday", t("network.weekday"), _select(_weekdays(), 4, "weekday")),
            ("time", t("netui.time"), _input(_day_example(), "time")),
            ("min_meetings", t("network.min_meetings"), _input("4", "min_meetings")),
        ]

    def _build(self, values: dict[str, Any]) -> Network:
        start, minutes = parse_time_range(values["time"])
        fields = {
            "name": values["name"],
            "organiser": values["organiser"],
            "weekday": values["weekday"],
            "start_time": start,
            "length_minutes": minutes,
            "min_meetings": parse_count(values["min_meetings"], "min_meetings", 0, 52),
        }
        Network(id="new", **fields)  # the record's rules, shown beside the fields
        return self.create(fields)
