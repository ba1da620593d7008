"""Groups of parties, built by hand or imported from CSV/XLSX by ISO code or by name."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import format_number
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from meetings.collation import un_sorted
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.languages import N_
from meetings.models import InvitationCategory, Party, PartyGroup, Secretariat
from meetings.services.audit import Actor, record
from meetings.services.parties import visible_to
from meetings.tabular import UnreadableTable, read_table

# A line longer than this is not a party's name; csv's own limit is 131 072 characters.
MAX_CELL = 1000
HEADER_WORDS = {"iso", "iso3", "iso 3", "code", "country", "countries", "name", "state", "states",
                "party", "parties", "pays", "pais", "país", "страна", "государство", "الدولة",
                "国家", "organization", "organisation", "member", "members"}


def normalized(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to match names."""
    text = text.replace("’", "'").replace("‘", "'").replace("ё", "е").replace("Ё", "Е")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"[.,;:\"“”«»]", " ", stripped.casefold())
    return re.sub(r"\s+", " ", stripped).strip()


ARTICLES = ("the ", "l'", "le ", "la ", "les ", "el ", "los ", "las ")


def _without_article(text: str) -> str:
    for article in ARTICLES:
        if text.startswith(article):
            return text[len(article):].strip()
    return text


class PartyIndex:
    """Every way a party may be written in a list: codes, names with and without article."""

    def __init__(self, parties: list[Party]):
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.parties = {p.id: p for p in parties}
        for party in parties:
            for code in (party.iso3, party.iso2):
                if code:
                    self.by_key[f"code:{code.upper()}"].add(party.id)
            for name in party.names:
                spellings = {name.short_name, name.with_article, name.formal_name, name.acronym}
                if name.article:
                    spellings.add(f"{name.short_name} ({name.article})")
                for spelling in filter(None, spellings):
                    self.by_key[f"name:{normalized(spelling)}"].add(party.id)

    @classmethod
    def load(cls, secretariat: Secretariat | None = None) -> PartyIndex:
        """The shared registry, plus the secretariat's own parties (never another's)."""
        owners = [secretariat.id] if secretariat is not None else []
        return cls(list(db.session.scalars(
            sa.select(Party).where(visible_to(owners)).options(selectinload(Party.names)))))

    def find(self, text: str) -> list[Party]:
        text = text.strip()
        ids: set[int] = set()
        if re.fullmatch(r"[A-Za-z]{2,3}", text):
            ids |= self.by_key.get(f"code:{text.upper()}", set())
        if not ids:
            ids |= self.by_key.get(f"name:{normalized(text)}", set())
        return [self.parties[i] for i in sorted(ids)]

    def nearest(self, text: str, limit: int = 3) -> list[Party]:
        """The parties whose name in any language is closest to a misspelt one ("Germny" →
        Germany), ignoring accents, case and a leading article. Names sharing the most letter
        pairs are compared with difflib, so a list of a thousand unknown lines stays quick."""
        wanted = _without_article(normalized(text))
        if not wanted or len(wanted) > 100:  # no guess for a paragraph
            return []
        if not hasattr(self, "_pairs"):
            self._spellings: dict[str, set[int]] = defaultdict(set)
            self._pairs: dict[str, list[str]] = defaultdict(list)
            self._nearest: dict[str, list[Party]] = {}
            for key, ids in self.by_key.items():
                if key.startswith("name:"):
                    self._spellings[_without_article(key[5:])] |= ids
            for spelling in self._spellings:
                for pair in _pairs(spelling):
                    self._pairs[pair].append(spelling)
        if wanted in self._nearest:
            return self._nearest[wanted][:limit]
        shared = Counter(s for pair in _pairs(wanted) for s in self._pairs.get(pair, ()))
        matcher = difflib.SequenceMatcher(b=wanted)
        scored = []
        for spelling, _count in shared.most_common(25):
            matcher.set_seq1(spelling)
            if matcher.real_quick_ratio() >= 0.7 and matcher.quick_ratio() >= 0.7:
                ratio = matcher.ratio()
                if ratio >= 0.7:
                    scored.append((-ratio, spelling))
        found: list[Party] = []
        for _ratio, spelling in sorted(scored):
            for party_id in sorted(self._spellings[spelling]):
                if self.parties[party_id] not in found:
                    found.append(self.parties[party_id])
        self._nearest[wanted] = found
        return found[:limit]


def _pairs(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


@dataclass
class LineProblem:
    line: int
    text: str
    problem: str
    candidates: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        """In English, as the group's history records it."""
        extra = f" ({', '.join(self.candidates)})" if self.candidates else ""
        return f"line {self.line}: “{self.text}” {self.problem}{extra}"

    def shown(self) -> str:
        """As the officer's page says it, in the workspace's language."""
        extra = f" ({', '.join(self.candidates)})" if self.candidates else ""
        return _("line %(line)s: “%(text)s” %(problem)s", line=self.line, text=self.text,
                 problem=_(self.problem)) + extra


@dataclass
class MatchReport:
    matched: list[tuple[int, Party]] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    header: int | None = None
    repeated: list[int] = field(default_factory=list)

    @property
    def parties(self) -> list[Party]:
        seen: dict[int, Party] = {}
        for _line, party in self.matched:
            seen.setdefault(party.id, party)
        return list(seen.values())


def match_lines(lines: list[tuple[int, str]], index: PartyIndex | None = None,
                secretariat: Secretariat | None = None) -> MatchReport:
    """Match each (line number, text); unknown and ambiguous lines are reported by number."""
    index = index or PartyIndex.load(secretariat)
    report = MatchReport()
    seen: set[int] = set()
    for number, text in lines:
        found = index.find(text)
        if not found and report.header is None and not report.matched and not report.problems \
                and normalized(text) in HEADER_WORDS:
            report.header = number
            continue
        if not found:
            report.problems.append(LineProblem(number, text, N_("matches no State or organization")))
        elif len(found) > 1:
            report.problems.append(LineProblem(
                number, text, N_("matches more than one party"),
                [f"{p.short_name()}{f' [{p.iso3}]' if p.iso3 else ''}" for p in found],
            ))
        else:
            if found[0].id in seen:
                report.repeated.append(number)
            seen.add(found[0].id)
            report.matched.append((number, found[0]))
    return report


def _checked(number: int, cell: str, field: str) -> tuple[int, str]:
    """A line that cannot be a party's name is refused before it reaches a query or the log."""
    if len(cell) > MAX_CELL:
        raise RuleBroken({field: _("Line %(line)s has %(count)s characters; a party's name has "
                                   "at most %(most)s.", line=number,
                                   count=format_number(len(cell)),
                                   most=format_number(MAX_CELL))})
    if any(unicodedata.category(c) == "Cc" for c in cell):
        raise RuleBroken({field: _("Line %(line)s holds control characters; send a CSV (text) "
                                   "or an XLSX file.", line=number)})
    return number, cell


def lines_from_text(text: str) -> list[tuple[int, str]]:
    return [_checked(n, line.strip(), "lines")
            for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _first_cell(cells) -> str | None:
    for cell in cells:
        if cell is not None and str(cell).strip():
            return str(cell).strip()
    return None


def lines_from_upload(filename: str, data: bytes) -> list[tuple[int, str]]:
    """(line number, first non-empty cell) of each row of a CSV or XLSX file."""
    try:
        rows = read_table(data, filename)
    except UnreadableTable as error:
        raise RuleBroken({"upload": str(error)}) from error
    found = []
    for number, cells in rows:
        cell = _first_cell(cells)
        if cell:
            found.append(_checked(number, cell, "upload"))
    return found


def create_group(secretariat: Secretariat, name: str, actor: Actor, *, as_of: date | None = None,
                 note: str | None = None,
                 default_category: InvitationCategory = InvitationCategory.STATE_PARTY
                 ) -> PartyGroup:
    clash = db.session.scalar(sa.select(PartyGroup.id).where(
        PartyGroup.secretariat_id == secretariat.id, PartyGroup.name == name))
    if clash is not None:
        raise RuleBroken({"name": _("The secretariat already has a group with this name.")})
    group = PartyGroup(secretariat=secretariat, name=name, as_of=as_of, note=note,
                       default_category=default_category)
    db.session.add(group)
    db.session.flush()
    record(actor, "group created", group, {"name": name, "as_of": as_of.isoformat() if as_of
                                            else None}, secretariat_id=secretariat.id)
    return group


def add_members(group: PartyGroup, parties: list[Party], actor: Actor,
                skipped: list[LineProblem] | None = None) -> list[Party]:
    """Add parties not yet in the group; returns those added. Skipped lines go into the record."""
    if any(p.secretariat_id not in (None, group.secretariat_id) for p in parties):
        raise RuleBroken({"lines": _("A party of another secretariat cannot join this group.")})
    present = {p.id for p in group.parties}
    added = [p for p in parties if p.id not in present]
    group.parties.extend(added)
    changes: dict = {"added": [p.short_name() for p in added]}
    if skipped:
        changes["lines not added"] = [str(problem) for problem in skipped]
    if added or skipped:
        record(actor, "group members added", group, changes,
               secretariat_id=group.secretariat_id)
    return added


def remove_member(group: PartyGroup, party: Party, actor: Actor) -> None:
    group.parties.remove(party)
    record(actor, "group member removed", group, {"removed": party.short_name()},
           secretariat_id=group.secretariat_id)


def members_in_un_order(group: PartyGroup, language: str = "en") -> list[Party]:
    return un_sorted(group.parties, lambda p: p.short_name(language), language)
