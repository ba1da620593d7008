"""Calendar feeds: built when their secretariat's data changed, served from the database.

Every change to a meeting, sitting, document, link or delegation is recorded in the audit log,
so the latest audit event of the secretariat tells whether a stored file is still current:
a poll costs two indexed queries and never rebuilds an unchanged file.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa
from icalendar import Calendar
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    CalendarFeed,
    Delegate,
    Meeting,
    MeetingStatus,
    Secretariat,
)
from meetings.services import tokens
from meetings.services.audit import Actor, record


def fingerprint(secretariat_id: int) -> str:
    latest = db.session.scalar(
        sa.select(sa.func.max(AuditEvent.id)).where(AuditEvent.secretariat_id == secretariat_id))
    return str(latest or 0)


def cached(key: str, secretariat_id: int, build: Callable[[], Calendar]) -> CalendarFeed:
    """The stored file for `key`, rebuilt first if the secretariat changed anything since."""
    current = fingerprint(secretariat_id)
    feed = db.session.get(CalendarFeed, key)
    if feed is not None and feed.fingerprint == current:
        return feed
    body = build().to_ical()
    etag = hashlib.sha256(body).hexdigest()[:32]
    if feed is None:
        feed = CalendarFeed(key=key, fingerprint=current, etag=etag, body=body,
                            last_modified=datetime.now(timezone.utc))
        try:
            with db.session.begin_nested():
                db.session.add(feed)
        except IntegrityError:  # another instance stored it at the same moment
            stored = db.session.get(CalendarFeed, key, populate_existing=True)
            assert stored is not None  # the row that made our insert fail
            feed = stored
    else:
        feed.fingerprint, feed.body, feed.etag = current, body, etag
        feed.last_modified = datetime.now(timezone.utc)
    return feed


def public_meetings(secretariat: Secretariat) -> list[Meeting]:
    return list(db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.secretariat_id == secretariat.id, Meeting.status != MeetingStatus.DRAFT)
        .options(selectinload(Meeting.sittings), selectinload(Meeting.documents),
                 selectinload(Meeting.secretariat))
        .order_by(Meeting.first_day)
    ))


def issue_delegate_link(delegate: Delegate, actor: Actor) -> str:
    """The delegate's private calendar link (the same each time it is shown)."""
    from meetings.services.private_links import calendar_secret

    secret = calendar_secret(delegate)
    invitation = delegate.delegation.invitation
    record(actor, "delegate calendar link shown", delegate, {"delegate": delegate.full_name},
           meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    return secret


def revoke_delegate_link(delegate: Delegate, actor: Actor) -> None:
    """The current link stops working; the next one shown is a different one."""
    delegate.calendar_epoch += 1
    delegate.calendar_token_hash = None
    invitation = delegate.delegation.invitation
    record(actor, "delegate calendar link revoked", delegate, {"delegate": delegate.full_name},
           meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)


def delegate_by_secret(secret: str) -> Delegate | None:
    if not tokens.well_formed(secret):
        return None
    return db.session.scalar(
        sa.select(Delegate).where(Delegate.calendar_token_hash == tokens.digest(secret))
        .options(selectinload(Delegate.meetings).selectinload(Meeting.sittings),
                 selectinload(Delegate.meetings).selectinload(Meeting.documents))
    )
