"""Importing people from a CSV file, the way Swedish offices write them.

Three steps, so a user sees what will happen before anything is written:

1. :func:`read_people_csv` turns the file's bytes into a :class:`CsvTable`:
   it finds the encoding (UTF-8 with or without BOM; UTF-16 with a BOM, which
   is Excel's "Unicode text"; else Windows-1252 as Excel in Sweden saves), the
   separator (``;``, ``,`` or tab) and which column is which from Swedish or
   English headings. A file that cannot be read at all raises
   :class:`QuorumError` with one sentence — so does a file that is partly UTF-8
   and partly not (lines pasted from two sources): read as Windows-1252 its
   UTF-8 names would be stored garbled, so the first line that is not UTF-8 is
   named instead.
2. :func:`plan_import` compares the table with what is stored and returns an
   :class:`ImportReport`: people to add, people to update (same e-mail), rows
   refused with their line number and reason, organisations to create. It is
   pure: records in, report out.
3. :func:`apply_import` writes the accepted rows in one ``store.batch()``, so
   either everything lands or nothing does.

Line numbers count as a spreadsheet does: the heading row is line 1.

Cells are text from a file: what the text rule (``store/text_rules.py``) refuses —
control characters, noncharacters, text-reordering marks — is removed and counted
in the report; a name, title or phone number past its length limit refuses the row.

Planning looks each address up in an index, so an import takes time in proportion
to its rows (5,000 people in about a second; ``python -m tests.bench.import_people``).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quorum.store.errors import QuorumError, ValidationError
from quorum.store.i18n import t
from quorum.store.records import (
    Membership,
    Network,
    Organisation,
    OrgKind,
    Person,
    Role,
    check_email,
    replace,
)
from quorum.store.text_rules import LIMITS, check, clean

if TYPE_CHECKING:
    from quorum.store.store import Store

__all__ = [
    "FORMULA_STARTS",
    "CsvTable",
    "ImportReport",
    "PersonRow",
    "PlannedAdd",
    "PlannedUpdate",
    "Refusal",
    "apply_import",
    "format_report",
    "guess_org_kind",
    "looks_like_formula",
    "norm_key",
    "plan_import",
    "read_people_csv",
]

# Fields a person row can carry, each with the headings that name it
# (compared after norm_key: case, spaces, hyphens and diacritics ignored).
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("namn", "name", "fulltnamn", "fullname", "namnpadeltagare"),
    "first_name": ("fornamn", "firstname", "givenname", "tilltalsnamn"),
    "last_name": ("efternamn", "lastname", "surname", "familyname"),
    "email": (
        "epost",
        "epostadress",
        "email",
        "emailaddress",
        "mail",
        "mailadress",
        "mejl",
        "mejladress",
    ),
    "org": ("organisation", "organization", "org", "organisationsnamn", "organizationname"),
    "title": ("titel", "title", "befattning", "yrkestitel", "jobtitle"),
    "phone": (
        "telefon",
        "telefonnummer",
        "telnr",
        "tel",
        "phone",
        "phonenumber",
        "mobil",
        "mobilnummer",
        "mobiltelefon",
        "mobile",
    ),
    "role": ("roll", "role", "rollinatverket", "networkrole"),
}
_HEADING_TO_FIELD = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

_ROLE_WORDS: dict[str, Role] = {
    "medlem": Role.MEMBER,
    "member": Role.MEMBER,
    "ledamot": Role.MEMBER,
    "ordforande": Role.CHAIR,
    "ordf": Role.CHAIR,
    "chair": Role.CHAIR,
    "chairperson": Role.CHAIR,
    "samordnare": Role.COORDINATOR,
    "processledare": Role.COORDINATOR,
    "coordinator": Role.COORDINATOR,
    "gast": Role.GUEST,
    "guest": Role.GUEST,
}

_SEP_LINE = re.compile(r"^\s*sep\s*=\s*([,;])\s*$", re.IGNORECASE)
_QUOTED = re.compile(r'"(?:[^"]|"")*"')


@functools.lru_cache(maxsize=1024)  # the same headings and role words, row after row
def norm_key(text: str) -> str:
    """Fold a heading or role word: case, diacritics, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-_.:/()'’]+", "", text)


def _norm_name(text: str) -> str:
    """Fold an organisation name for matching: case and spacing, not diacritics
    (Å and A are different letters in Swedish place names)."""
    return " ".join(text.casefold().split())


def _norm_email(text: str) -> str:
    return text.strip().casefold()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class CsvTable:
    """A decoded CSV file with its columns recognised.

    ``columns`` maps a field (name, first_name, last_name, email, org, title,
    phone, role) to its column index; ``rows`` holds each data row with its
    spreadsheet line number.
    """

    encoding: str  # "utf-8", "utf-8-sig", "utf-16" or "cp1252"
    delimiter: str
    header: tuple[str, ...]
    columns: dict[str, int]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    ignored_columns: tuple[str, ...] = ()

    def cell(self, cells: Sequence[str], field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is None or index >= len(cells):
            return ""
        value = cells[index].strip()
        # Undo the apostrophe a roster export puts before a would-be formula.
        if value.startswith("'") and looks_like_formula(value[1:]):
            value = value[1:]
        return value


# What makes Excel, LibreOffice or Google Sheets run a cell as a formula
# (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(cell: str) -> bool:
    """True when a spreadsheet could run ``cell``, or when it already looks
    neutralised (so that neutralising stays reversible: ``'=x`` becomes ``''=x``)."""
    if cell.lstrip(" ").startswith(FORMULA_STARTS) or cell.startswith("\n"):
        return True
    return cell.startswith("'") and looks_like_formula(cell[1:])


# A well-formed UTF-8 sequence of two to four bytes: a Windows-1252 text hardly ever
# holds one ("Ã¥" is how "å" in UTF-8 looks read as Windows-1252).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16, BOM
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise QuorumError("import.error.undecodable") from None
    # A NUL byte means UTF-16 without a BOM or a binary file (an .xlsx renamed):
    # Windows-1252 would "decode" it into nonsense, so refuse it here.
    if b"\x00" in data:
        raise QuorumError("import.error.undecodable")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data[3 if bom else 0 :].decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as err:
        if bom or _UTF8_SEQUENCE.search(data):
            # Partly UTF-8: whatever we chose, some names would be stored garbled.
            line = data.count(b"\n", 0, err.start + (3 if bom else 0)) + 1
            raise QuorumError("import.error.mixed_encoding", line=line) from None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise QuorumError("import.error.undecodable") from None


def _guess_delimiter(header_line: str) -> str:
    # Count outside quotes: a heading like "Organisation, ort" must not win.
    bare = _QUOTED.sub("", header_line)
    counts = {sep: bare.count(sep) for sep in (";", ",", "\t")}
    best = max(counts.values())
    return next(sep for sep in (";", ",", "\t") if counts[sep] == best) if best else ","


def read_people_csv(data: bytes) -> CsvTable:
    """Decode and parse a people CSV; raise :class:`QuorumError` if it cannot be used."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise QuorumError("import.error.empty")
    text, encoding = _decode(data)
    del data  # one copy of a 100,000-row file at a time: rows are made as they are read
    # Excel may start a file with "sep=;"; Excel hides that line, so the
    # heading after it is still line 1 for the user.
    delimiter = ""
    first_line = next(iter(io.StringIO(text)), "").rstrip("\r\n")
    if m := _SEP_LINE.match(first_line):
        delimiter = m[1]
        parts = re.split(r"\r\n|\r|\n", text, maxsplit=1)
        text = parts[1] if len(parts) > 1 else ""
    first = next((ln for ln in io.StringIO(text) if ln.strip()), "")
    if not first.strip():
        raise QuorumError("import.error.empty")
    delimiter = delimiter or _guess_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbered: list[tuple[int, tuple[str, ...]]] = []
    try:
        for n, record in enumerate(reader, start=1):
            cells = tuple(c.strip() for c in record)
            if any(cells):
                numbered.append((n, cells))
    except csv.Error as err:
        raise QuorumError("import.error.malformed", detail=str(err)) from None
    del text
    if not numbered:
        raise QuorumError("import.error.empty")
    header_line, header = numbered[0]
    # Lines are counted from the heading, wherever it stands.
    offset = header_line - 1
    rows = tuple((n - offset, r) for n, r in numbered[1:]) if offset else tuple(numbered[1:])
    del numbered

    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(header):
        name = _HEADING_TO_FIELD.get(norm_key(heading))
        if name is None:
            if heading:
                ignored.append(heading)
            continue
        if name in columns:
            raise QuorumError(
                "import.error.duplicate_column", column=heading, first=header[columns[name]]
            )
        columns[name] = index
    has_name = "name" in columns or "first_name" in columns or "last_name" in columns
    missing = [f for f, ok in (("name", has_name), ("email", "email" in columns)) if not ok]
    if missing:
        key = "both" if len(missing) == 2 else missing[0]
        found = ", ".join(h for h in header if h) or "–"
        raise QuorumError(f"import.error.missing_column_{key}", found=found)
    if not rows:
        raise QuorumError("import.error.no_rows")
    return CsvTable(encoding, delimiter, header, columns, rows, tuple(ignored))


# ---------------------------------------------------------------- planning


@dataclass(frozen=True)
class PersonRow:
    """One data row, cleaned: the values as the file gives them."""

    line: int
    name: str
    email: str
    org_name: str = ""
    title: str = ""
    phone: str = ""
    role: Role | None = None  # None: the file says nothing
    removed: int = 0  # characters the text rule removed from the row's cells


@dataclass(frozen=True)
class PlannedAdd:
    row: PersonRow

    @property
    def line(self) -> int:
        return self.row.line


@dataclass(frozen=True)
class PlannedUpdate:
    """An existing person the row matches by e-mail, and what would change.

    ``changes`` names fields (name, org, title, phone, role, active,
    membership): an empty tuple means the row matches what is stored.
    """

    row: PersonRow
    person: Person
    changes: tuple[str, ...]

    @property
    def line(self) -> int:
        return self.row.line


@dataclass(frozen=True)
class Refusal:
    """A row that cannot be imported: its line and a sentence key saying why (or the
    refusal of a record's own rule, which says it in any language)."""

    line: int
    key: str
    params: tuple[tuple[str, Any], ...] = ()
    error: QuorumError | None = None

    def sentence(self, lang: str | None = None) -> str:
        if self.error is not None:
            return self.error.sentence(lang)
        return t(self.key, lang=lang, **dict(self.params))


@dataclass(frozen=True)
class ImportReport:
    """What an import would do. Nothing has been written when you hold one."""

    network_id: str
    encoding: str
    delimiter: str
    to_add: tuple[PlannedAdd, ...] = ()
    to_update: tuple[PlannedUpdate, ...] = ()
    unchanged: tuple[PlannedUpdate, ...] = ()
    refused: tuple[Refusal, ...] = ()
    orgs_to_create: tuple[tuple[str, OrgKind], ...] = ()
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no row is refused: the whole file can go in."""
        return not self.refused

    @property
    def accepted(self) -> int:
        return len(self.to_add) + len(self.to_update)

    @property
    def removed(self) -> tuple[tuple[int, int], ...]:
        """(line, characters removed) of every accepted row the text rule cleaned."""
        rows = [a.row for a in self.to_add] + [u.row for u in self.to_update + self.unchanged]
        return tuple(sorted((r.line, r.removed) for r in rows if r.removed))


def guess_org_kind(name: str) -> OrgKind:
    """A first guess from a Swedish organisation name; the user can change it."""
    low = name.casefold()
    if "universitet" in low or "högskola" in low or "university" in low:
        return OrgKind.UNIVERSITY
    if "kommun" in low or "municipality" in low:
        return OrgKind.MUNICIPALITY
    if re.search(r"\b(AB|HB|KB|Aktiebolag|Ltd|Inc|GmbH|Oy|AS|ASA)\b", name):
        return OrgKind.COMPANY
    if "skola" in low or "skolan" in low or "gymnasi" in low or "school" in low:
        return OrgKind.SCHOOL
    return OrgKind.OTHER


def _parse_row(table: CsvTable, line: int, raw: tuple[str, ...]) -> PersonRow | Refusal:
    removed = 0
    cells_list = []
    for cell in raw:  # text from a file: what the text rule refuses goes, counted
        cleaned, count = clean(cell)
        cells_list.append(cleaned)
        removed += count
    cells = tuple(cells_list)
    name = table.cell(cells, "name")
    if not name:
        name = f"{table.cell(cells, 'first_name')} {table.cell(cells, 'last_name')}"
    name = " ".join(name.split())
    if not name:
        return Refusal(line, "import.refused.name_missing")
    email = table.cell(cells, "email")
    if email.casefold().startswith("mailto:"):
        email = email[len("mailto:") :]
    if not email:
        return Refusal(line, "import.refused.email_missing", (("name", name),))
    try:
        email = check_email(email)
    except ValidationError:
        return Refusal(line, "import.refused.email_invalid", (("value", email),))
    role: Role | None = None
    role_text = table.cell(cells, "role")
    if role_text:
        role = _ROLE_WORDS.get(norm_key(role_text))
        if role is None:
            return Refusal(line, "import.refused.role_unknown", (("value", role_text),))
    row = PersonRow(
        line=line,
        name=name,
        email=email,
        org_name=" ".join(table.cell(cells, "org").split()),
        title=table.cell(cells, "title"),
        phone=table.cell(cells, "phone"),
        role=role,
        removed=removed,
    )
    for value, kind, field_name in (
        (row.name, "name", "name"),
        (row.org_name, "name", "org_name"),
        (row.title, "title", "title"),
        (row.phone, "short", "phone"),
    ):
        if len(value) > LIMITS[kind].limit:  # cleaned already: only the length is left
            try:
                check(value, LIMITS[kind], field_name)
            except ValidationError as err:  # the row is refused, saying which field
                return Refusal(line, err.key, error=err)
    return row


def _match(email: str, network_id: str, by_email: dict[str, list[Person]]) -> Person | None:
    """The stored person with this e-mail: a member of the network first."""
    same = by_email.get(email, [])
    for p in same:
        if p.role_in(network_id) is not None:
            return p
    return same[0] if same else None


def _changes(person: Person, row: PersonRow, network_id: str, org_id: str | None) -> list[str]:
    """Which stored values the row would change. Empty cells keep what is stored."""
    changes = []
    if row.name != person.name:
        changes.append("name")
    if row.org_name and org_id != person.org_id:
        changes.append("org")
    if row.title and row.title != person.title:
        changes.append("title")
    if row.phone and row.phone != person.phone:
        changes.append("phone")
    current = person.role_in(network_id)
    if current is None:
        changes.append("membership")
    elif row.role is not None and row.role != current:
        changes.append("role")
    if not person.active:
        changes.append("active")
    return changes


def plan_import(
    table: CsvTable,
    network_id: str,
    existing_people: Iterable[Person],
    existing_orgs: Iterable[Organisation],
) -> ImportReport:
    """Decide, row by row, what importing ``table`` into the network would do.

    Pass every stored person (not only the network's): someone already in
    another network is updated and joins this one rather than duplicated.
    """
    by_email: dict[str, list[Person]] = {}  # looked up per row: indexed once
    for p in existing_people:
        by_email.setdefault(_norm_email(p.email), []).append(p)
    org_ids = {_norm_name(o.name): o.id for o in existing_orgs}
    adds: list[PlannedAdd] = []
    updates: list[PlannedUpdate] = []
    unchanged: list[PlannedUpdate] = []
    refused: list[Refusal] = []
    new_orgs: dict[str, str] = {}
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        parsed = _parse_row(table, line, cells)
        if isinstance(parsed, Refusal):
            refused.append(parsed)
            continue
        key = _norm_email(parsed.email)
        if key in seen:
            refused.append(
                Refusal(
                    line,
                    "import.refused.email_duplicate",
                    (("email", parsed.email), ("first", seen[key])),
                )
            )
            continue
        seen[key] = line
        org_id = None
        if parsed.org_name:
            org_key = _norm_name(parsed.org_name)
            org_id = org_ids.get(org_key)
            if org_id is None:
                new_orgs.setdefault(org_key, parsed.org_name)
                org_id = f"new:{org_key}"
        person = _match(key, network_id, by_email)
        if person is None:
            adds.append(PlannedAdd(parsed))
            continue
        planned = PlannedUpdate(parsed, person, tuple(_changes(person, parsed, network_id, org_id)))
        (updates if planned.changes else unchanged).append(planned)
    return ImportReport(
        network_id=network_id,
        encoding=table.encoding,
        delimiter=table.delimiter,
        to_add=tuple(adds),
        to_update=tuple(updates),
        unchanged=tuple(unchanged),
        refused=tuple(refused),
        orgs_to_create=tuple((name, guess_org_kind(name)) for name in new_orgs.values()),
        ignored_columns=table.ignored_columns,
    )


# ---------------------------------------------------------------- reporting


def _describe(row: PersonRow, lang: str | None) -> str:
    parts = [f"{row.name} <{row.email}>"]
    if row.org_name:
        parts.append(row.org_name)
    text = ", ".join(parts)
    if row.role is not None:
        text += f" ({t(f'role.{row.role.value}', lang=lang)})"
    return text


def done_sentence(report: ImportReport, lang: str | None = None) -> str:
    """ "Importen är klar: 3 nya personer, 1 uppdaterad." """
    return t(
        "import.report.written",
        lang=lang,
        added=t("import.added", lang=lang, count=len(report.to_add)),
        updated=t("import.updated", lang=lang, count=len(report.to_update)),
    )


def format_report(report: ImportReport, lang: str | None = None) -> list[str]:
    """The report as lines for a terminal or a dialog, in ``lang``."""
    sep_key = {";": "semicolon", "\t": "tab"}.get(report.delimiter, "comma")
    sep = t(f"import.sep.{sep_key}", lang=lang)
    out = [t("import.report.file", lang=lang, encoding=_encoding_label(report.encoding), sep=sep)]
    if report.ignored_columns:
        out.append(
            t("import.report.ignored_columns", lang=lang, columns=", ".join(report.ignored_columns))
        )
    out.append(t("import.report.add", lang=lang, count=len(report.to_add)))
    for a in report.to_add:
        out.append(
            "  " + t("import.report.line", lang=lang, line=a.line, text=_describe(a.row, lang))
        )
    out.append(t("import.report.update", lang=lang, count=len(report.to_update)))
    for u in report.to_update:
        what = ", ".join(t(f"import.change.{c}", lang=lang) for c in u.changes)
        text = f"{_describe(u.row, lang)}: {what}"
        out.append("  " + t("import.report.line", lang=lang, line=u.line, text=text))
    if report.unchanged:
        out.append(t("import.report.unchanged", lang=lang, count=len(report.unchanged)))
    if report.orgs_to_create:
        names = ", ".join(
            f"{name} ({t(f'orgkind.{kind.value}', lang=lang)})"
            for name, kind in report.orgs_to_create
        )
        out.append(t("import.report.orgs", lang=lang, names=names))
    if report.removed:
        lines = ", ".join(str(line) for line, _ in report.removed)
        count = sum(n for _, n in report.removed)
        out.append(t("import.report.removed", lang=lang, count=count, lines=lines))
    out.append(t("import.report.refused", lang=lang, count=len(report.refused)))
    for r in report.refused:
        out.append("  " + t("import.report.line", lang=lang, line=r.line, text=r.sentence(lang)))
    return out


def _encoding_label(encoding: str) -> str:
    labels = {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 (BOM)",
        "utf-16": "UTF-16",
        "cp1252": "Windows-1252",
    }
    return labels.get(encoding, encoding)


# ---------------------------------------------------------------- writing


def _apply_row(person: Person, row: PersonRow, network_id: str, org_id: str | None) -> Person:
    """The stored person with the row's values; empty cells keep what is stored."""
    memberships = person.memberships
    current = person.role_in(network_id)
    if current is None:
        memberships += (Membership(network_id, row.role or Role.MEMBER),)
    elif row.role is not None and row.role != current:
        memberships = tuple(
            Membership(network_id, row.role) if m.network_id == network_id else m
            for m in memberships
        )
    return replace(
        person,
        name=row.name,
        org_id=org_id if row.org_name else person.org_id,
        title=row.title or person.title,
        phone=row.phone or person.phone,
        memberships=memberships,
        active=True,
    )


def apply_import(store: Store, report: ImportReport, skip_invalid: bool = False) -> ImportReport:
    """Write the report's accepted rows in one batch: all of them or none.

    Refuses (``QuorumError``, nothing written) when a row was refused and
    ``skip_invalid`` is false. Updates are applied to the person as stored
    now, so an edit made since the plan is not lost. New organisations are
    created, and every organisation of an imported person becomes a member
    organisation of the network. Returns the report it applied.
    """
    if report.refused and not skip_invalid:
        raise QuorumError("import.error.refused_rows", count=len(report.refused))
    network: Network = store.network(report.network_id)
    with store.batch():
        org_ids = {_norm_name(o.name): o.id for o in store.organisations()}
        for name, kind in report.orgs_to_create:
            if _norm_name(name) not in org_ids:
                org_ids[_norm_name(name)] = store.add_organisation(name=name, kind=kind).id
        used_orgs: list[str] = []

        def org_for(row: PersonRow) -> str | None:
            if not row.org_name:
                return None
            org_id = org_ids[_norm_name(row.org_name)]
            used_orgs.append(org_id)
            return org_id

        for add in report.to_add:
            row = add.row
            store.add_person(
                name=row.name,
                email=row.email,
                org_id=org_for(row),
                title=row.title,
                phone=row.phone,
                memberships=(Membership(report.network_id, row.role or Role.MEMBER),),
                active=True,
            )
        for update in report.to_update:
            current = store.person(update.person.id)
            store.save_person(
                _apply_row(current, update.row, report.network_id, org_for(update.row))
            )
        missing = [o for o in dict.fromkeys(used_orgs) if o not in network.member_org_ids]
        if missing:
            store.save_network(
                replace(network, member_org_ids=network.member_org_ids + tuple(missing))
            )
    return report
