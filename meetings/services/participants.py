"""The list of participants: who attends each meeting, grouped as UN lists group them.

Everything is loaded in a fixed number of queries (the linked group, the delegations with their
parties, names, delegates and meetings attended, the group's invitations) and returned as plain
data, so the HTML, Word, PDF, CSV and XLSX builders (meetings/lists/render.py) need no database.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from meetings import dates, languages
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.lists.texts import DEFAULT_HEADINGS, DEFAULT_ORDER, label
from meetings.models import (
    Delegate,
    DelegateFunction,
    Delegation,
    DelegationStatus,
    Gender,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    Party,
    PartyKind,
    Secretariat,
)
from meetings.services.audit import Actor, record
from meetings.services.invitations import party_order
from meetings.services.meetings import linked_group

STATUSES = ("provisional", "final")
FAMILY_NAME_STYLES = {"capitals": "In capitals (BERGER)", "small_caps": "In small capitals",
                      "as_registered": "As registered (Berger)"}
HEADING_MAX = 300
FUNCTION_ORDER = {DelegateFunction.HEAD: 0, DelegateFunction.ALTERNATE: 1}


# --- The secretariat's settings -----------------------------------------------------------------

def category_order(secretariat: Secretariat) -> list[InvitationCategory]:
    """The secretariat's order; categories it left out follow in the UN order."""
    chosen = (secretariat.participants_sections or {}).get("order") or []
    valid = {c.value for c in InvitationCategory}
    order = [InvitationCategory(v) for v in dict.fromkeys(chosen) if v in valid]
    return order + [c for c in DEFAULT_ORDER if c not in order]


def heading(secretariat: Secretariat, category: InvitationCategory, language: str) -> str:
    """The secretariat's own heading in the language, else the UN's, else the English one."""
    own = ((secretariat.participants_sections or {}).get("headings") or {}).get(category.value, {})
    return (own.get(language) or DEFAULT_HEADINGS[category].get(language)
            or own.get("en") or DEFAULT_HEADINGS[category]["en"])


def update_settings(secretariat: Secretariat, order: list[str],
                    headings: Mapping[str, Mapping[str, str]], family_name: str,
                    actor: Actor) -> None:
    """Keep only headings that differ from the UN's default, so a corrected default reaches all."""
    valid = {c.value for c in InvitationCategory}
    problems: dict[str, str] = {}
    if sorted(order) != sorted(valid):
        problems["order"] = _("Give every category exactly one place.")
    if family_name not in FAMILY_NAME_STYLES:
        problems["family_name"] = _("Choose how family names are set.")
    kept: dict[str, dict[str, str]] = {}
    for category, by_language in headings.items():
        if category not in valid:
            continue
        for language, text in by_language.items():
            text = " ".join((text or "").split())
            if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in text):
                problems[f"heading-{category}-{language}"] = _(
                    "Text only, without control characters.")
            elif len(text) > HEADING_MAX:
                problems[f"heading-{category}-{language}"] = _("At most %(most)s characters.",
                                                               most=HEADING_MAX)
            elif text and text != DEFAULT_HEADINGS[InvitationCategory(category)].get(language):
                kept.setdefault(category, {})[language] = text
    if problems:
        raise RuleBroken(problems)
    before = {"sections": secretariat.participants_sections,
              "family_name": secretariat.participants_family_name}
    secretariat.participants_sections = {"order": list(order), "headings": kept}
    secretariat.participants_family_name = family_name
    record(actor, "list of participants settings changed", secretariat,
           {"before": before, "after": {"sections": secretariat.participants_sections,
                                        "family_name": family_name}},
           secretariat_id=secretariat.id)


# --- The list ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    honorific: str
    given_name: str
    family_name: str
    # The name in the order of its script, each part with whether it is the family name.
    name_parts: tuple[tuple[str, bool], ...]
    position: str
    function: str
    gender: str
    meeting_ids: tuple[int, ...]

    @property
    def joiner(self) -> str:
        """Chinese, Japanese and Korean names are written without a space."""
        return "" if _is_cjk(self.given_name + self.family_name) else " "

    @property
    def name(self) -> str:
        return self.joiner.join(text for text, _ in self.name_parts)

    @property
    def line(self) -> str:
        return " ".join(p for p in (self.honorific, self.name) if p)


@dataclass
class PartyEntry:
    party_id: int
    name: str
    is_state: bool
    category: InvitationCategory
    submitted: bool  # at least one of its delegations is submitted, not yet confirmed
    delegates: list[Person] = field(default_factory=list)
    order: tuple = ()  # its place within its section (invitations.party_order)


@dataclass
class Section:
    category: InvitationCategory
    heading: str
    parties: list[PartyEntry]


@dataclass
class Counts:
    states: int = 0
    organizations: int = 0
    delegates: int = 0
    women: int = 0
    men: int = 0

    @property
    def genders_given(self) -> bool:
        return bool(self.women or self.men)


@dataclass
class MeetingList:
    meeting_id: int
    slug: str
    title: str
    dates: str
    sections: list[Section]
    counts: Counts


@dataclass
class ParticipantsList:
    symbol: str
    status: str
    language: str
    secretariat: str
    family_name_style: str
    is_group: bool
    include_submitted: bool
    meetings: list[MeetingList]
    total: Counts
    warnings: list[str]

    @property
    def direction(self) -> str:
        return languages.direction(self.language)

    @property
    def title(self) -> str:
        return label("title", self.language)

    @property
    def status_label(self) -> str:
        return label(self.status, self.language)

    def label(self, key: str) -> str:
        return label(key, self.language)


def build(meeting: Meeting, *, language: str = "en", group: bool = False, symbol: str = "",
          status: str = "provisional", include_submitted: bool = False) -> ParticipantsList:
    """The list for one meeting (everyone of its linked group who attends it), or for the group:
    one part per meeting, each delegate under the meetings they attend only."""
    if status not in STATUSES:
        raise RuleBroken({"status": _("Provisional or final.")})
    if language not in languages.CODES:
        raise RuleBroken({"language": _("Not a language the service knows.")})
    secretariat = meeting.secretariat
    meetings = linked_group(meeting)
    shown = meetings if group else [meeting]
    ids = [m.id for m in meetings]
    wanted = [DelegationStatus.CONFIRMED] + ([DelegationStatus.SUBMITTED] if include_submitted
                                             else [])
    delegations = list(db.session.scalars(
        sa.select(Delegation).join(Invitation)
        .where(Invitation.meeting_id.in_(ids), Invitation.status != InvitationStatus.WITHDRAWN,
               Delegation.status.in_(wanted))
        .options(selectinload(Delegation.invitation).selectinload(Invitation.party)
                 .selectinload(Party.names),
                 selectinload(Delegation.delegates).selectinload(Delegate.meetings))
        .order_by(Delegation.id)))
    # The capacity in which a party attends a meeting is its invitation to that meeting.
    categories = {(m_id, p_id): category for m_id, p_id, category in db.session.execute(
        sa.select(Invitation.meeting_id, Invitation.party_id, Invitation.category)
        .where(Invitation.meeting_id.in_(ids), Invitation.status != InvitationStatus.WITHDRAWN))}
    warnings: list[str] = []
    order = category_order(secretariat)
    style = secretariat.participants_family_name or "capitals"
    parts = [_meeting_list(m, delegations, categories, order, secretariat, language, style,
                           warnings) for m in shown]
    total = _total(parts)
    return ParticipantsList(
        symbol=symbol.strip(), status=status, language=language,
        secretariat=(secretariat.localized or {}).get(language, {}).get("name")
        or secretariat.name, family_name_style=style, is_group=group,
        include_submitted=include_submitted, meetings=parts, total=total,
        warnings=sorted(set(warnings)))


def _meeting_list(meeting: Meeting, delegations: list[Delegation],
                  categories: Mapping[tuple[int, int], InvitationCategory],
                  order: list[InvitationCategory], secretariat: Secretariat, language: str,
                  style: str, warnings: list[str]) -> MeetingList:
    entries: dict[int, PartyEntry] = {}
    for delegation in delegations:
        attending = [d for d in delegation.delegates if any(m.id == meeting.id for m in d.meetings)]
        if not attending:
            continue
        party = delegation.invitation.party
        entry = entries.get(party.id)
        if entry is None:
            category = categories.get((meeting.id, party.id), delegation.invitation.category)
            name = _party_name(party, language, warnings)
            entry = entries[party.id] = PartyEntry(
                party_id=party.id, name=name, is_state=party.kind == PartyKind.STATE,
                category=category, submitted=False,
                order=party_order(delegation.invitation, name, language,
                                  secretariat.european_union_place))
        entry.submitted = entry.submitted or delegation.status == DelegationStatus.SUBMITTED
        ranked = sorted(attending, key=lambda d: (FUNCTION_ORDER.get(d.function, 2),
                                                  d.sort_order, d.id))
        entry.delegates.extend(_person(d, style) for d in ranked)
    sections = []
    for category in order:
        parties = sorted((e for e in entries.values() if e.category == category),
                         key=lambda e: e.order)
        if parties:
            sections.append(Section(category, heading(secretariat, category, language), parties))
    counts = Counts()
    for entry in entries.values():
        if entry.is_state:
            counts.states += 1
        else:
            counts.organizations += 1
        counts.delegates += len(entry.delegates)
        counts.women += sum(p.gender == Gender.FEMALE.value for p in entry.delegates)
        counts.men += sum(p.gender == Gender.MALE.value for p in entry.delegates)
    return MeetingList(meeting.id, meeting.slug, meeting.text_in(language, "title"),
                       dates.day_range(meeting.first_day, meeting.last_day, language),
                       sections, counts)


def _total(parts: list[MeetingList]) -> Counts:
    """Across the meetings shown, each party and each person once."""
    if len(parts) == 1:
        return parts[0].counts
    states: set[int] = set()
    organizations: set[int] = set()
    people: dict[tuple, str] = {}
    for part in parts:
        for section in part.sections:
            for entry in section.parties:
                (states if entry.is_state else organizations).add(entry.party_id)
                for person in entry.delegates:
                    people[(entry.party_id, person.given_name, person.family_name)] = person.gender
    genders = list(people.values())
    return Counts(len(states), len(organizations), len(people),
                  genders.count(Gender.FEMALE.value), genders.count(Gender.MALE.value))


def _party_name(party: Party, language: str, warnings: list[str]) -> str:
    name = party.name_in(language)
    if name is None:
        warnings.append(f"{party.short_name('en')} has no name in "
                        f"{languages.name(language)}: shown in English.")
    return party.short_name(language)


def _person(delegate: Delegate, style: str) -> Person:
    given = delegate.given_name or ""
    family = delegate.family_name or ""
    shown_family = family.upper() if style == "capitals" else family
    if _is_cjk(given + family):  # Chinese, Japanese, Korean: the family name comes first
        parts = [(shown_family, True), (given, False)]
    else:
        parts = [(given, False), (shown_family, True)]
    return Person(
        honorific=delegate.honorific or "", given_name=given, family_name=family,
        name_parts=tuple((text, is_family) for text, is_family in parts if text),
        position=delegate.job_title or "", function=delegate.function.value,
        gender=delegate.gender.value if delegate.gender else "",
        meeting_ids=tuple(sorted(m.id for m in delegate.meetings)))


def _is_cjk(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))
               for ch in text)


def rows(participants: ParticipantsList) -> tuple[list[str], list[list[Any]]]:
    """One row per delegate and meeting, for CSV and XLSX."""
    columns = ["meeting", "category", "party", "status", "honorific", "given name",
               "family name", "position", "function", "gender"]
    out: list[list[Any]] = []
    for part in participants.meetings:
        for section in part.sections:
            for entry in section.parties:
                for person in entry.delegates:
                    out.append([part.slug, section.heading, entry.name,
                                "submitted" if entry.submitted else "confirmed",
                                person.honorific, person.given_name, person.family_name,
                                person.position, person.function, person.gender])
    return columns, out
