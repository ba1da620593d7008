"""How long private links and delegates' personal data live after a meeting, and how they end."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from meetings.extensions import db
from meetings.models import AuditEvent, Delegate, Delegation, Invitation, Meeting
from meetings.services.audit import Actor, plain, record
from meetings.timezones import venue_instant

# What erasure removes; names, functions and the meetings attended stay for the record.
ERASED_DELEGATE_FIELDS = ("email", "phone", "gender")
ERASED_FOCAL_FIELDS = ("focal_point_email", "focal_point_phone")
_ERASED_WORDS = ("email", "phone", "gender", "note verbale")


def _end_of(meetings: Iterable[Meeting]) -> Meeting | None:
    return max(meetings, key=lambda m: m.last_day, default=None)


def links_expire_at(meetings: Iterable[Meeting]) -> datetime | None:
    """The instant private links stop working: PRIVATE_LINKS_EXPIRE_DAYS after the last day,
    at midnight in the venue's zone."""
    last = _end_of(meetings)
    if last is None:
        return None
    days = current_app.config["PRIVATE_LINKS_EXPIRE_DAYS"]
    try:
        day = last.last_day + timedelta(days=days + 1)
    except OverflowError:
        return None
    return venue_instant(day, time.min, last.timezone)


def links_expired(meetings: Iterable[Meeting], now: datetime) -> bool:
    expires = links_expire_at(meetings)
    return expires is not None and now >= expires


def export_delegate(delegate: Delegate, actor: Actor) -> dict[str, Any]:
    """Everything the service holds about one delegate, for a request to see one's own data."""
    delegation = delegate.delegation
    invitation = delegation.invitation
    record(actor, "personal data exported", delegate, {"delegate": delegate.full_name},
           meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    return {
        "delegate": {
            "honorific": delegate.honorific, "given_name": delegate.given_name,
            "family_name": delegate.family_name, "job_title": delegate.job_title,
            "function": plain(delegate.function), "email": delegate.email,
            "phone": delegate.phone, "gender": plain(delegate.gender),
            "meetings": [{"slug": m.slug, "title": m.title, "first_day": m.first_day.isoformat(),
                          "last_day": m.last_day.isoformat()} for m in delegate.meetings],
        },
        "delegation": {
            "government": invitation.party.short_name(),
            "meeting": invitation.meeting.slug,
            "status": plain(delegation.status),
            "submitted_at": plain(delegation.submitted_at),
            "focal_point": {"name": delegation.focal_point_name,
                            "email": delegation.focal_point_email,
                            "phone": delegation.focal_point_phone},
            "entered_by_secretariat": delegation.entered_by_secretariat,
        },
        "versions": [
            {"number": v.number, "submitted_at": plain(v.submitted_at),
             "submitted_by": v.submitted_by,
             "as_submitted": _person_in(v.snapshot, delegate)}
            for v in delegation.versions],
    }


def _person_in(snapshot: dict[str, Any], delegate: Delegate) -> dict[str, Any] | None:
    return next((d for d in snapshot.get("delegates", []) if d.get("key") == str(delegate.id)),
                None)


def retention_ends_on(meeting: Meeting, days: int) -> date:
    return meeting.last_day + timedelta(days=days)


def erasable(meeting: Meeting, today: date, days: int | None = None) -> bool:
    days = current_app.config["PERSONAL_DATA_RETENTION_DAYS"] if days is None else days
    return today > retention_ends_on(meeting, days)


def erase_personal_data(meeting: Meeting, actor: Actor) -> dict[str, int]:
    """E-mail, telephone, gender and scanned notes of every delegation to the meeting go, also
    from the submitted versions and the audit trail; names and functions stay. No list of
    participants exists yet, so nothing else marks what was published."""
    delegations = db.session.scalars(
        sa.select(Delegation).join(Invitation).where(Invitation.meeting_id == meeting.id)).all()
    counts = {"delegations": 0, "delegates": 0, "scans": 0}
    for delegation in delegations:
        counts["delegations"] += 1
        for name in ERASED_FOCAL_FIELDS:
            setattr(delegation, name, None)
        for delegate in delegation.delegates:
            counts["delegates"] += 1
            for name in ERASED_DELEGATE_FIELDS:
                setattr(delegate, name, None)
        if delegation.note_file is not None:
            scan = delegation.note_file
            delegation.note_file = None
            db.session.flush()
            db.session.delete(scan)
            counts["scans"] += 1
        for version in delegation.versions:
            version.snapshot = _scrubbed_snapshot(version.snapshot)
            version.changes = _scrubbed_changes(version.changes)
        events = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.object_type == "Delegation", AuditEvent.object_id == delegation.id))
        for event in events:
            if "changes" in (event.changes or {}):
                event.changes = {**event.changes,
                                 "changes": _scrubbed_changes(event.changes["changes"])}
    record(actor, "personal data erased", meeting,
           {**counts, "kept": "names, functions, positions and meetings attended"},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return counts


def _scrubbed_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in snapshot.items() if k not in ERASED_FOCAL_FIELDS and k != "note"}
    kept["delegates"] = [{k: v for k, v in d.items() if k not in ERASED_DELEGATE_FIELDS}
                         for d in snapshot.get("delegates", [])]
    return kept


_ERASED_CHANGE = re.compile(r"\b(" + "|".join(_ERASED_WORDS) + r")\b")


def _scrubbed_changes(changes: list[str]) -> list[str]:
    """The lines of a change list that do not name an erased value."""
    return [c for c in changes if not _ERASED_CHANGE.search(c.split("“", 1)[0])]
