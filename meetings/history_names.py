"""The names a page of audit events needs, looked up in a few bulk queries, never one per event."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetings.extensions import db
from meetings.models import AuditEvent, Delegate, Delegation, Invitation, Meeting, Party, Sitting

# Delegation changes recorded before meetings were named: "meetings “[6]” → “[6, 7]”".
OLD_MEETING_IDS = re.compile(r"meetings “\[?([\d, ]*)\]?” → “\[?([\d, ]*)\]?”")


@dataclass
class Names:
    """Every name the sentences of a page of events need, loaded at once."""

    parties: dict[int, str] = field(default_factory=dict)  # party id -> short name
    invitation_party: dict[int, int] = field(default_factory=dict)
    delegation_party: dict[int, int] = field(default_factory=dict)
    delegate_party: dict[int, int] = field(default_factory=dict)
    meetings_by_id: dict[int, str] = field(default_factory=dict)
    meetings_by_slug: dict[str, str] = field(default_factory=dict)
    sittings: dict[int, dict[str, Any]] = field(default_factory=dict)
    language: str = "en"

    @classmethod
    def load(cls, events: Sequence[AuditEvent], language: str = "en") -> Names:
        names = cls(language=language)
        ids: dict[str, set[int]] = {}
        party_ids: set[int] = set()
        meeting_ids: set[int] = set()
        slugs: set[str] = set()
        for event in events:
            ids.setdefault(event.object_type, set()).add(event.object_id)
            changes = event.changes or {}
            if isinstance(changes.get("party_id"), int):
                party_ids.add(changes["party_id"])
            if isinstance(changes.get("other"), str):
                slugs.add(changes["other"])
            if event.meeting_id:
                meeting_ids.add(event.meeting_id)
            for text in changes.get("changes") or []:
                for match in OLD_MEETING_IDS.finditer(str(text)):
                    meeting_ids.update(int(n) for n in re.findall(r"\d+", match.group(0)))
        if ids.get("Invitation"):
            rows = db.session.execute(sa.select(Invitation.id, Invitation.party_id)
                                      .where(Invitation.id.in_(ids["Invitation"])))
            names.invitation_party = {i: p for i, p in rows}
        if ids.get("Delegation"):
            rows = db.session.execute(
                sa.select(Delegation.id, Invitation.party_id)
                .join(Invitation, Delegation.invitation_id == Invitation.id)
                .where(Delegation.id.in_(ids["Delegation"])))
            names.delegation_party = {i: p for i, p in rows}
        if ids.get("Delegate"):
            rows = db.session.execute(
                sa.select(Delegate.id, Invitation.party_id)
                .join(Delegation, Delegate.delegation_id == Delegation.id)
                .join(Invitation, Delegation.invitation_id == Invitation.id)
                .where(Delegate.id.in_(ids["Delegate"])))
            names.delegate_party = {i: p for i, p in rows}
        if ids.get("Sitting"):
            for sitting in db.session.scalars(sa.select(Sitting)
                                              .where(Sitting.id.in_(ids["Sitting"]))):
                names.sittings[sitting.id] = {"day": sitting.day.isoformat(),
                                              "starts_at": sitting.starts_at.isoformat(),
                                              "ends_at": sitting.ends_at.isoformat()}
        party_ids |= set(names.invitation_party.values()) | set(names.delegation_party.values()) \
            | set(names.delegate_party.values())
        if party_ids:
            for party in db.session.scalars(sa.select(Party).where(Party.id.in_(party_ids))
                                            .options(selectinload(Party.names))):
                names.parties[party.id] = party.short_name(language)
        meeting_ids |= ids.get("Meeting", set())
        if meeting_ids or slugs:
            for meeting_id, slug, title, short in db.session.execute(
                    sa.select(Meeting.id, Meeting.slug, Meeting.title, Meeting.short_title)
                    .where(sa.or_(Meeting.id.in_(meeting_ids), Meeting.slug.in_(slugs)))):
                names.meetings_by_id[meeting_id] = short or title
                names.meetings_by_slug[slug] = short or title
        return names

    def party(self, party_id: int | None) -> str | None:
        return self.parties.get(party_id) if party_id is not None else None
