"""Calendar feeds: built when what they show changed, served from the database.

Every change to a meeting, sitting, document or link is recorded in the audit log and marked as
shown in calendars, so the secretariat's latest such event tells whether a stored public file is
still current; a delegate's own file also follows its delegation's latest event. A submission
never makes a public calendar stale. A poll answered 304 is one statement and reads no file;
nothing is kept in an instance's memory, so several instances on one database agree.
"""
from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from icalendar import Calendar
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload, undefer

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    CalendarFeed,
    Delegate,
    Meeting,
    MeetingStatus,
    Secretariat,
)
from meetings.models.types import UTCDateTime
from meetings.services import tokens
from meetings.services.audit import Actor, record

# Audit ids are drawn when an event is written, not when it commits: an edit that commits just
# after a later one leaves the latest id where it was. The fingerprint also counts the changes
# within this many ids of the latest, so such a late commit still makes the copies stale.
LATE_COMMITS = 1000


def _latest_public_change(secretariat_id: int) -> sa.ScalarSelect:
    return (sa.select(sa.func.max(AuditEvent.id))
            .where(AuditEvent.secretariat_id == secretariat_id, AuditEvent.shown_in_calendars)
            .scalar_subquery())


def _recent_public_changes(secretariat_id: int) -> sa.ScalarSelect:
    return (sa.select(sa.func.count()).select_from(AuditEvent)
            .where(AuditEvent.secretariat_id == secretariat_id, AuditEvent.shown_in_calendars,
                   AuditEvent.id > _latest_public_change(secretariat_id) - LATE_COMMITS)
            .scalar_subquery())


def _latest_change_of(delegation_id: int) -> sa.ScalarSelect:
    return (sa.select(sa.func.max(AuditEvent.id))
            .where(AuditEvent.object_type == "Delegation", AuditEvent.object_id == delegation_id)
            .scalar_subquery())


@dataclass(frozen=True)
class Freshness:
    """What a poll needs to decide: the current fingerprint and the stored file's validators."""

    key: str
    current: str
    stored: str | None
    etag: str | None
    last_modified: datetime | None
    body: bytes | None = None  # the stored copy, when the poll asked for it

    @property
    def unchanged(self) -> bool:
        return self.stored == self.current


def freshness(key: str, secretariat_id: int, delegation_id: int | None = None) -> Freshness:
    """One statement: the fingerprint of what `key` shows, beside the stored file's validators.

    Public calendars follow the secretariat's changes shown in calendars; a delegate's calendar
    also follows its own delegation (names and meetings attended), and nothing else.
    """
    parts: list[sa.ColumnElement] = [_latest_public_change(secretariat_id),
                                     _recent_public_changes(secretariat_id)]
    if delegation_id is not None:
        parts.append(_latest_change_of(delegation_id))
    feed = sa.select(CalendarFeed.fingerprint, CalendarFeed.etag, CalendarFeed.last_modified) \
        .where(CalendarFeed.key == key).subquery()
    row = db.session.execute(
        sa.select(*parts, feed.c.fingerprint, feed.c.etag, feed.c.last_modified)
        .select_from(sa.select(sa.literal(1).label("one")).subquery())
        .outerjoin(feed, sa.true())
    ).one()
    latest, recent, *own = row[:len(parts)]
    current = ":".join([f"{latest or 0}.{recent}", *(str(value or 0) for value in own)])
    stored, etag, last_modified = row[len(parts):]
    return Freshness(key, current, stored, etag, last_modified)


# A poll of a public calendar in one statement, without building any expression per request
# (only the constants below are formatted into it):
# the object's id, its secretariat's latest change shown in calendars, and the stored validators;
# for a poll answered before Flask (meetings.public.stored_answers), also the stored body that
# would be sent, unless the client already holds it (its ETag is `:held`).
_OBJECTS = {  # table -> its secretariat, whether it has a deadline, which rows are public
    "meetings": ("o.secretariat_id", "o.registration_deadline IS NOT NULL",
                 "AND o.status <> 'draft'"),
    "secretariats": ("o.id", "1 = 1", ""),
}
BODIES = (None, "body", "body_gzip")


def _poll_statement(table: str, body: str | None) -> sa.TextualSelect:
    owner, extra, where = _OBJECTS[table]
    sent = f", CASE WHEN f.etag = :held THEN NULL ELSE f.{body} END AS body" if body else ""
    columns: list[sa.ColumnClause] = [sa.column("id", sa.Integer), sa.column("secretariat_id", sa.Integer),
               sa.column("extra", sa.Boolean), sa.column("current", sa.Integer),
               sa.column("recent", sa.Integer),
               sa.column("fingerprint", sa.String), sa.column("etag", sa.String),
               sa.column("last_modified", UTCDateTime)]
    if body:
        columns.append(sa.column("body", sa.LargeBinary))
    return sa.text(f"""
        SELECT o.id, {owner} AS secretariat_id, {extra} AS extra,
               (SELECT max(a.id) FROM audit_events a
                 WHERE a.secretariat_id = {owner} AND a.shown_in_calendars) AS current,
               (SELECT count(*) FROM audit_events r
                 WHERE r.secretariat_id = {owner} AND r.shown_in_calendars
                   AND r.id > (SELECT max(a.id) FROM audit_events a
                                WHERE a.secretariat_id = {owner} AND a.shown_in_calendars)
                              - {LATE_COMMITS}) AS recent,
               f.fingerprint, f.etag, f.last_modified{sent}
          FROM {table} o
          LEFT OUTER JOIN calendar_feeds f
            ON f.key = :prefix || CAST(o.id AS VARCHAR(20)) || :suffix
         WHERE o.slug = :slug {where}
    """).columns(*columns)  # noqa: S608


_POLL = {(table, body): _poll_statement(table, body) for table in _OBJECTS for body in BODIES}


@dataclass(frozen=True)
class Poll:
    """A public calendar's object (meeting or secretariat) as far as a poll needs it."""

    object_id: int
    secretariat_id: int
    has_deadline: bool
    freshness: Freshness


def language_suffix(language: str) -> str:
    """A calendar file per language: 'meeting:12' in English, 'meeting:12:fr' in French."""
    return "" if language == "en" else f":{language}"


def page_prefix(url_root: str) -> str:
    """Where a public page is stored: one copy per address it is reached at (scheme, host and
    the path the app is mounted at), since its links are those of that address."""
    return f"page:{hashlib.sha256(url_root.encode()).hexdigest()[:12]}:"


# Runs a poll's statement with its parameters and returns the one row (or None): by default on
# the request's ORM session; the stored answers run it on a pooled DBAPI connection of their own.
Run = Callable[[sa.TextualSelect, dict[str, Any]], Sequence[Any] | None]


def poll(kind: str, slug: str, language: str = "en", *, prefix: str | None = None,
         moment: str = "", body: str | None = None, held: str | None = None,
         run: Run | None = None) -> Poll | None:
    """`kind` is meeting, series, deadline (by a public meeting's slug) or secretariat.

    `prefix` stores something else about the same object (a public page); `moment` is added to
    the fingerprint of what also changes with the clock (registration open, then closed).
    With `body` ("body" or "body_gzip") the stored copy comes too, unless its ETag is `held`.
    """
    if "\x00" in slug:
        return None  # no slug holds one, and PostgreSQL refuses it in a string
    table = "secretariats" if kind == "secretariat" else "meetings"
    prefix = prefix or f"{kind}:"
    statement = _POLL[table, body]
    parameters = {"prefix": prefix, "slug": slug, "held": held,
                  "suffix": language_suffix(language)}
    row = (run(statement, parameters) if run is not None
           else db.session.connection().execute(statement, parameters).first())
    if row is None:
        return None
    object_id, secretariat_id, extra, current, recent, fingerprint, etag, last_modified = row[:8]
    if isinstance(last_modified, str):  # a DBAPI row from SQLite: as SQLAlchemy stored it
        last_modified = datetime.fromisoformat(last_modified)
    if last_modified is not None:  # stored as naive UTC
        last_modified = last_modified.replace(tzinfo=timezone.utc)
    fresh = Freshness(f"{prefix}{object_id}{language_suffix(language)}",
                      f"{current or 0}.{recent}{moment}", fingerprint, etag, last_modified,
                      bytes(row[8]) if body and row[8] is not None else None)
    return Poll(object_id, secretariat_id, bool(extra), fresh)


def cached(key: str, secretariat_id: int, build: Callable[[], Calendar], *,
           delegation_id: int | None = None, known: Freshness | None = None,
           compressed: bool = False) -> CalendarFeed:
    """The stored file for `key`, rebuilt first if something it shows changed since; loaded
    compressed for a client that accepts gzip."""
    current = (known or freshness(key, secretariat_id, delegation_id)).current
    return stored(key, current, lambda: build().to_ical(), compress=True,
                  load="body_gzip" if compressed else "body")


def stored(key: str, current: str, build: Callable[[], bytes], *, compress: bool = False,
           load: str = "body") -> CalendarFeed:
    """The stored body for `key` if it was built for `current`, else built and stored now (with
    its gzip copy when `compress`); two instances building it at once store it once. `load` is
    the body the caller sends, read with the row; the other stays in the database."""
    feed = db.session.get(CalendarFeed, key, options=[undefer(getattr(CalendarFeed, load))])
    if feed is not None and feed.fingerprint == current:
        return feed
    body = build()
    etag = hashlib.sha256(body).hexdigest()[:32]
    # mtime=0: the same file compresses to the same bytes on every instance.
    body_gzip = gzip.compress(body, compresslevel=6, mtime=0) if compress else None
    if feed is None:
        feed = CalendarFeed(key=key, fingerprint=current, etag=etag, body=body,
                            body_gzip=body_gzip, last_modified=datetime.now(timezone.utc))
        try:
            with db.session.begin_nested():
                db.session.add(feed)
        except IntegrityError:  # another instance stored it at the same moment
            stored = db.session.get(CalendarFeed, key, populate_existing=True,
                                    options=[undefer(getattr(CalendarFeed, load))])
            assert stored is not None  # the row that made our insert fail
            feed = stored
    else:
        feed.fingerprint, feed.body, feed.body_gzip, feed.etag = current, body, body_gzip, etag
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
