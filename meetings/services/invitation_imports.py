"""Importing an invitation list from a CSV or XLSX file: read and match every line for a
preview, then, once the officer has confirmed and chosen, invite or update."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import format_number
from flask_babel import gettext as _

from meetings import languages
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.inputs import column_text_problem, text_problem
from meetings.models import (
    Invitation,
    InvitationCategory,
    Meeting,
    Party,
    PartyName,
    StoredFile,
)
from meetings.models.types import utcnow
from meetings.services.audit import Actor, record
from meetings.services.groups import PartyIndex
from meetings.services.invitations import invite, update_invitation
from meetings.tabular import CSV_MIME, FORMULA_STARTS, XLSX_MIME, UnreadableTable, read_table

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 1000
MAX_EMAILS = 20
# The columns an import reads, as the README documents them.
COLUMNS = ("party_code", "party", "category", "language", "emails", "addressee",
           "addressee_in_text")
ALIASES = {"code": "party_code", "iso3": "party_code", "iso": "party_code", "iso_code":
           "party_code", "name": "party", "country": "party", "state": "party",
           "email": "emails", "e-mail": "emails", "e-mails": "emails", "e_mail": "emails",
           "e_mails": "emails"}
# Columns of the invitation export that an import does not read: a file exported and edited
# comes back in as it is.
EXPORT_ONLY = ("status", "reference", "delegation_status", "issued_at")
UPLOAD_PREFIX = "invitation-import "  # the stored file of a preview not yet confirmed


@dataclass
class ImportLine:
    """One line of the file and what confirming would do with it."""

    number: int
    text: str
    state: str  # new, listed, unknown, ambiguous, invalid, repeated
    party: Party | None = None
    candidates: list[Party] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    problem: str | None = None
    invitation: Invitation | None = None
    changes: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"line {self.number}: “{self.text}”"


@dataclass
class ImportPlan:
    lines: list[ImportLine]
    columns: list[str]
    ignored_columns: list[str]

    def count(self, state: str) -> int:
        return sum(1 for line in self.lines if line.state == state)


@dataclass
class ImportResult:
    created: list[Invitation] = field(default_factory=list)
    updated: list[Invitation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def _column(header: str) -> str:
    key = re.sub(r"\s+", "_", header.strip().strip("\ufeff").casefold())
    return ALIASES.get(key, key)


def _cell(value: str) -> str:
    """A cell as typed, without the apostrophe an export puts before a formula-like text."""
    value = value.strip()
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


CATEGORY_WORDS = {**{c.value: c for c in InvitationCategory},
                  **{c.label.casefold(): c for c in InvitationCategory}}
LANGUAGE_WORDS = {**{code: code for code in languages.CODES},
                  **{name.casefold(): code for code, name in languages.NAMES.items()}}


def _values(cells: dict[str, str]) -> tuple[dict, str | None]:
    """The invitation's values a line gives, or the reason it cannot be imported."""
    values: dict = {}
    raw = cells.get("category", "")
    if raw:
        category = CATEGORY_WORDS.get(raw.casefold().replace(" ", "_")) or \
            CATEGORY_WORDS.get(raw.casefold())
        if category is None:
            return values, (f"unknown category “{raw[:60]}” (one of: "
                            f"{', '.join(c.value for c in InvitationCategory)})")
        values["category"] = category
    raw = cells.get("language", "")
    if raw:
        language = LANGUAGE_WORDS.get(raw.casefold())
        if language is None:
            return values, (f"unknown language “{raw[:60]}” (one of: "
                            f"{', '.join(languages.CODES)})")
        values["language"] = language
    raw = cells.get("emails", "")
    if raw:
        addresses = [a for a in re.split(r"[\s,;]+", raw) if a]
        if len(addresses) > MAX_EMAILS:
            return values, f"{len(addresses)} e-mail addresses; at most {MAX_EMAILS}"
        cleaned = []
        for address in addresses:
            try:
                cleaned.append(validate_email(address, check_deliverability=False).normalized)
            except EmailNotValidError:
                return values, f"“{address[:100]}” is not an e-mail address"
        values["emails"] = cleaned
    for name in ("addressee", "addressee_in_text"):
        if cells.get(name):
            values[name] = cells[name]
    return values, None


def _text_problem(cells: dict[str, str]) -> str | None:
    """Cells that cannot be stored, or are too long to be what their column says."""
    for name, value in cells.items():
        if not value:
            continue
        if name == "party_code":
            problem = text_problem(value, 3, True) or \
                (None if value.isalpha() else "a party code has two or three letters")
        elif name == "party":
            problem = column_text_problem(PartyName.short_name, value)
        elif name in ("addressee", "addressee_in_text"):
            problem = column_text_problem(getattr(Invitation, name), value)
        else:  # category, language, emails (which may hold line breaks between addresses)
            problem = text_problem(value, 6000, name != "emails")
        if problem:
            return f"{name}: {problem}"
    return None


def _header(row: list[str]) -> list[str]:
    columns = [_column(cell) for cell in row]
    unknown = [cell for cell, column in zip(row, columns, strict=True)
               if cell.strip() and column not in COLUMNS and column not in EXPORT_ONLY]
    if unknown or not {"party", "party_code"} & set(columns):
        shown = ", ".join(f"“{cell[:40]}”" for cell in unknown[:5])
        raise RuleBroken({"upload": (
            (_("Unknown columns: %(columns)s.", columns=shown) + " " if unknown else "") +
            _("The first line must name the columns: party (a name in any language) or "
              "party_code (ISO code), and any of category, language, emails, addressee, "
              "addressee_in_text."))})
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if repeated:
        raise RuleBroken({"upload": _("The column %(column)s is named twice.",
                                      column=repeated[0])})
    return columns


def read_plan(meeting: Meeting, data: bytes, filename: str = "") -> ImportPlan:
    """What importing this file would do; nothing is written."""
    if not data:
        raise RuleBroken({"upload": _("The file is empty.")})
    if len(data) > MAX_BYTES:
        raise RuleBroken({"upload": _("The file is larger than %(most)s MB, the most an "
                                      "invitation list may have.", most=MAX_BYTES // 1_048_576)})
    try:
        rows = read_table(data, filename, header=(*COLUMNS, *ALIASES))
    except UnreadableTable as error:
        raise RuleBroken({"upload": str(error)}) from error
    rows = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not rows:
        raise RuleBroken({"upload": _("The file holds no line.")})
    columns = _header(rows[0][1])
    body = rows[1:]
    if not body:
        raise RuleBroken({"upload": _("The file names its columns but holds no party.")})
    if len(body) > MAX_LINES:
        raise RuleBroken({"upload": _("The file has %(count)s lines; import at most %(most)s at "
                                      "once.", count=format_number(len(body)),
                                      most=format_number(MAX_LINES))})
    index = PartyIndex.load(meeting.secretariat)
    listed = {i.party_id: i for i in db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id))}
    seen: dict[int, int] = {}
    lines = []
    for number, row in body:
        cells = {column: _cell(value) for column, value in zip(columns, row, strict=False)
                 if column in COLUMNS}
        lines.append(_line(number, cells, index, listed, seen))
    return ImportPlan(lines, [c for c in columns if c in COLUMNS],
                      [c for c in columns if c in EXPORT_ONLY])


def _line(number: int, cells: dict[str, str], index: PartyIndex,
          listed: dict[int, Invitation], seen: dict[int, int]) -> ImportLine:
    code, name = cells.get("party_code", ""), cells.get("party", "")
    text = "".join(c if c.isprintable() else "\ufffd" for c in
                   " · ".join(filter(None, (code, name)))[:300]) or "(no party)"
    line = ImportLine(number, text, "invalid")
    problem = _text_problem(cells)
    if problem:
        line.text = text[:80] + ("…" if len(text) > 80 else "")
        line.problem = problem
        return line
    if not code and not name:
        line.problem = "no party named"
        return line
    line.values, line.problem = _values(cells)
    if line.problem:
        return line
    found = index.find(code) if code else []
    if not found and name:
        found = index.find(name)
    if not found:
        line.state, line.candidates = "unknown", index.nearest(name or code)
    elif len(found) > 1:
        line.state, line.candidates = "ambiguous", found
    else:
        line.party = found[0]
        line.state = _matched(line, found[0], listed, seen)
    return line


def _matched(line: ImportLine, party: Party, listed: dict[int, Invitation],
             seen: dict[int, int]) -> str:
    if party.id in seen:
        line.problem = f"the same party as line {seen[party.id]}"
        return "repeated"
    seen[party.id] = line.number
    invitation = listed.get(party.id)
    if invitation is None:
        return "new"
    line.invitation = invitation
    line.changes = {k: [_shown(getattr(invitation, k)), _shown(v)] for k, v in line.values.items()
                    if getattr(invitation, k) != v}
    return "listed"


def _shown(value) -> str:
    if isinstance(value, InvitationCategory):
        return value.label
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def apply_plan(meeting: Meeting, plan: ImportPlan, choices: dict[int, str],
               default_category: InvitationCategory, actor: Actor,
               filename: str = "") -> ImportResult:
    """Invite, update or leave out each line as the officer chose; one audit record tells the
    whole import, the lines left out with their reasons included.
    `choices`: line number → "update" for a listed party, or a party's id for an unknown or
    ambiguous line (one of those the preview offered)."""
    result = ImportResult()
    listed = set(db.session.scalars(
        sa.select(Invitation.party_id).where(Invitation.meeting_id == meeting.id)))
    taken = listed | {line.party.id for line in plan.lines if line.party is not None}
    for line in plan.lines:
        choice = choices.get(line.number, "")
        party = line.party
        if line.state in ("unknown", "ambiguous"):
            party = next((p for p in line.candidates if str(p.id) == choice), None)
            if party is None:
                result.left_out.append(f"{line.label}: {line.state}, no party chosen")
                continue
            if party.id in taken:
                result.left_out.append(f"{line.label}: {party.short_name()} is already "
                                       "in the file or on the list")
                continue
            taken.add(party.id)
            line.party, line.state = party, "new"
        if line.state == "new" and party is not None:
            values = dict(line.values)
            category = values.pop("category", default_category)
            in_text = values.pop("addressee_in_text", None)
            invitation = invite(meeting, party, category, actor, **values)
            if in_text:  # invite() does not take it: a second, audited step
                update_invitation(invitation, {"addressee_in_text": in_text}, actor)
            result.created.append(invitation)
        elif line.state == "listed" and line.invitation is not None:
            if choice == "update" and line.changes:
                update_invitation(line.invitation, line.values, actor)
                result.updated.append(line.invitation)
            else:
                result.skipped.append(f"{line.label}: already on the list, left as it was")
        else:
            result.left_out.append(f"{line.label}: {line.problem or line.state}")
    if result.created or result.updated or result.skipped or result.left_out:
        record(actor, "invitation list imported", meeting, {
            "file": filename[:200],
            "invited": [i.party.short_name() for i in result.created],
            "updated": [i.party.short_name() for i in result.updated],
            "already listed": result.skipped,
            "lines left out": result.left_out,
        }, meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return result


def keep_upload(filename: str, data: bytes) -> StoredFile:
    """The file between preview and confirmation, kept in the database (every instance sees
    it, nothing lives in the session cookie); forgotten on confirmation or after a day."""
    kind = XLSX_MIME if data.startswith(b"PK\x03\x04") else CSV_MIME
    stored = StoredFile(filename=(UPLOAD_PREFIX + filename)[:255], content_type=kind,
                        size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data)
    db.session.add(stored)
    db.session.flush()
    return stored


def forget_uploads(max_age_seconds: int) -> int:
    """Delete the files of previews nobody confirmed within max_age_seconds."""
    result = db.session.execute(sa.delete(StoredFile).where(
        StoredFile.filename.startswith(UPLOAD_PREFIX, autoescape=True),
        StoredFile.created_at < utcnow() - timedelta(seconds=max_age_seconds)))
    return int(getattr(result, "rowcount", 0) or 0)


def original_name(stored: StoredFile) -> str:
    return stored.filename.removeprefix(UPLOAD_PREFIX)
