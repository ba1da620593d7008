"""Recording who changed what: every mutating service calls record()."""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import inspect

from meetings.extensions import db
from meetings.models import AuditEvent, User

log = logging.getLogger("meetings.audit")

# What the calendar files show; a change to anything else (an invitation, a delegation, a note)
# leaves every public calendar as it is (a delegate's own calendar also follows its delegation).
SHOWN_IN_CALENDARS = frozenset({"Meeting", "Sitting", "MeetingDocument", "MeetingLink",
                                "Secretariat"})


@dataclass(frozen=True)
class Actor:
    """Who acts: a staff member, a focal point through a private link, or a command."""

    label: str
    user: User | None = None

    @classmethod
    def staff(cls, user: User) -> Actor:
        return cls(label=f"{user.name} <{user.email}>", user=user)

    @classmethod
    def system(cls, what: str) -> Actor:
        return cls(label=what)


def plain(value: Any) -> Any:
    """A JSON-safe form of a column value for the audit record."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def pending_changes(obj: Any) -> dict[str, list[Any]]:
    """{column: [old, new]} for the columns changed on obj since it was loaded."""
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in {"updated_at", "version", "registration_closes_at"}:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if plain(old) != plain(new):
                changes[attr.key] = [plain(old), plain(new)]
    return changes


def snapshot(obj: Any) -> dict[str, Any]:
    """Every column of a new or removed object, for 'created' and 'deleted' records."""
    state = inspect(obj)
    return {
        attr.key: plain(getattr(obj, attr.key))
        for attr in state.mapper.column_attrs
        if attr.key not in {"id", "data"}
    }


def record(
    actor: Actor,
    action: str,
    obj: Any,
    changes: dict[str, Any] | None = None,
    *,
    meeting_id: int | None = None,
    secretariat_id: int | None = None,
) -> AuditEvent:
    """Add an audit event to the session; it commits, or rolls back, with the change itself."""
    if inspect(obj).identity is None:
        db.session.flush()
    event = AuditEvent(
        user=actor.user,
        actor=actor.label,
        object_type=type(obj).__name__,
        object_id=obj.id,
        action=action,
        changes=changes or {},
        meeting_id=meeting_id,
        secretariat_id=secretariat_id,
        shown_in_calendars=type(obj).__name__ in SHOWN_IN_CALENDARS,
    )
    db.session.add(event)
    log.info("%s %s %s#%s", actor.label, action, event.object_type, obj.id)
    return event
