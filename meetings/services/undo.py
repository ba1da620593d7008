"""Undoing a removal that sent nothing: the audit record holds what was removed, so it comes back.

Each undo is itself audited with the event it undoes, so an event is undone at most once.
"""
from __future__ import annotations

from datetime import date, time
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    MeetingDocument,
    Party,
    Sitting,
    SittingStatus,
    StoredFile,
)
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor, record

# The audit kinds recorded by an undo: each carries {"undoes": <event id>}.
UNDO_ACTIONS = ("invitation restored", "sitting restored", "document restored")
UNDOABLE = ("invitation removed", "sitting removed", "document removed")


def cancels(changes: dict[str, Any]) -> bool:
    status = changes.get("status")
    return isinstance(status, list) and len(status) == 2 and status[1] == "cancelled"


def undoable(event: AuditEvent) -> bool:
    """Whether the event removed something that nothing sent, so it can come back."""
    return event.action in UNDOABLE or (event.action == "sitting updated"
                                        and cancels(event.changes or {}))


def undone_events(meeting: Meeting) -> set[int]:
    """The meeting's events already undone (one query)."""
    rows = db.session.scalars(sa.select(AuditEvent.changes).where(
        AuditEvent.meeting_id == meeting.id, AuditEvent.action.in_(UNDO_ACTIONS)))
    return {c["undoes"] for c in rows if isinstance(c, dict) and isinstance(c.get("undoes"), int)}


def last_event(meeting: Meeting, object_type: str, object_id: int,
               action: str | None = None) -> int | None:
    """The latest audit event of an object, for the Undo offered right after its removal."""
    query = sa.select(AuditEvent.id).where(AuditEvent.meeting_id == meeting.id,
                                           AuditEvent.object_type == object_type,
                                           AuditEvent.object_id == object_id)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    return db.session.scalar(query.order_by(AuditEvent.id.desc()).limit(1))


def meeting_event(meeting: Meeting, event_id: int) -> AuditEvent | None:
    return db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.id == event_id, AuditEvent.meeting_id == meeting.id))


def undo(meeting: Meeting, event: AuditEvent, actor: Actor) -> str:
    """Put back what the event removed; returns what to tell the officer, or raises RuleBroken."""
    if event.id in undone_events(meeting):
        raise RuleBroken({"undo": _("This change has already been undone.")})
    changes: dict[str, Any] = dict(event.changes or {})
    if event.action == "invitation removed":
        return _invitation(meeting, event, changes, actor)
    if event.action == "sitting removed":
        return _sitting(meeting, event, changes, actor)
    if event.action == "sitting updated" and cancels(changes):
        return _uncancel(meeting, event, changes, actor)
    if event.action == "document removed":
        return _document(meeting, event, changes, actor)
    raise RuleBroken({"undo": _("This change cannot be undone here.")})


def _invitation(meeting: Meeting, event: AuditEvent, changes: dict[str, Any], actor: Actor) -> str:
    party = db.session.get(Party, changes.get("party_id") or 0)
    if party is None:
        raise RuleBroken({"undo": _("The party no longer exists.")})
    listed = db.session.scalar(sa.select(Invitation.id).where(
        Invitation.meeting_id == meeting.id, Invitation.party_id == party.id))
    if listed is not None:
        raise RuleBroken({"undo": _("%(party)s is on the list again already.",
                                    party=party.short_name())})
    invitation = Invitation(
        meeting=meeting, party=party, category=InvitationCategory(changes["category"]),
        addressee=changes.get("addressee") or party.short_name(),
        addressee_in_text=changes.get("addressee_in_text"),
        emails=list(changes.get("emails") or []), language=changes.get("language") or "en",
        status=InvitationStatus.LISTED,
    )
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation restored", invitation,
           {"undoes": event.id, "party_id": party.id, "category": invitation.category.value},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return _("%(party)s is back on the invitation list.", party=party.short_name())


def _sitting_values(changes: dict[str, Any]) -> dict[str, Any]:
    return {"day": date.fromisoformat(changes["day"]),
            "starts_at": time.fromisoformat(changes["starts_at"]),
            "ends_at": time.fromisoformat(changes["ends_at"]),
            "room": changes.get("room"), "title": changes.get("title"),
            "status": SittingStatus(changes.get("status") or "scheduled")}


def _sitting(meeting: Meeting, event: AuditEvent, changes: dict[str, Any], actor: Actor) -> str:
    values = _sitting_values(changes)
    problems = meeting_service.sitting_problems(meeting, values)
    if problems:
        raise RuleBroken({"undo": _("The sitting cannot come back:") + " "
                          + " ".join(problems.values())})
    sitting = Sitting(**values)
    meeting.sittings.append(sitting)
    db.session.flush()
    record(actor, "sitting restored", sitting, {"undoes": event.id, **changes},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return _("The sitting is back.")


def _uncancel(meeting: Meeting, event: AuditEvent, changes: dict[str, Any], actor: Actor) -> str:
    sitting = next((s for s in meeting.sittings if s.id == event.object_id), None)
    if sitting is None or sitting.status != SittingStatus.CANCELLED:
        raise RuleBroken({"undo": _("The sitting is no longer cancelled.")})
    before = SittingStatus((changes.get("status") or ["scheduled"])[0] or "scheduled")
    values = {"day": sitting.day, "starts_at": sitting.starts_at, "ends_at": sitting.ends_at,
              "room": sitting.room, "status": before}
    problems = meeting_service.sitting_problems(meeting, values, sitting)
    if problems:
        raise RuleBroken({"undo": _("The sitting cannot be held again:") + " "
                          + " ".join(problems.values())})
    sitting.status = before
    sitting.sequence += 1  # calendars that showed it cancelled show it again
    record(actor, "sitting restored", sitting,
           {"undoes": event.id, "status": [SittingStatus.CANCELLED.value, before.value]},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return _("The sitting is held again.")


def _document(meeting: Meeting, event: AuditEvent, changes: dict[str, Any], actor: Actor) -> str:
    file = db.session.get(StoredFile, changes["file_id"]) if changes.get("file_id") else None
    if not changes.get("url") and file is None:
        raise RuleBroken({"undo": _("The document's file is no longer kept.")})
    document = MeetingDocument(
        title=changes.get("title") or "Document", symbol=changes.get("symbol"),
        url=changes.get("url"), file=file, attached_to_note=bool(changes.get("attached_to_note")),
        position=max((d.position for d in meeting.documents), default=-1) + 1,
    )
    meeting.documents.append(document)
    db.session.flush()
    record(actor, "document restored", document,
           {"undoes": event.id, "title": document.title, "symbol": document.symbol,
            "url": document.url}, meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return _("The document “%(title)s” is back.", title=document.title)
