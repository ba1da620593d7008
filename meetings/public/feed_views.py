"""Calendar files over HTTP: text/calendar, ETag and Last-Modified, 304 for clients that poll."""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Response, abort, request
from icalendar import Calendar
from werkzeug.wrappers import Response as BaseResponse

from meetings import clock
from meetings.access import public_meeting
from meetings.extensions import db
from meetings.ical import (
    deadline_calendar,
    meeting_calendar,
    personal_calendar,
    secretariat_calendar,
    series_calendar,
)
from meetings.models import Meeting, MeetingStatus, Secretariat
from meetings.public.blueprint import bp
from meetings.services import feeds, retention
from meetings.services.meetings import linked_group
from meetings.urls import public_base_url


def _validators(response: BaseResponse, etag: str, last_modified, private: bool) -> None:
    if private:  # the address is the secret: kept out of caches and Referer headers
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
    else:
        response.headers["Cache-Control"] = "public, max-age=300"
    response.set_etag(etag)
    response.last_modified = last_modified


def _serve(key: str, secretariat_id: int, build: Callable[[], Calendar], filename: str, *,
           private: bool = False, delegation_id: int | None = None) -> BaseResponse:
    """A poll whose copy is current gets 304 from the validators alone; otherwise the stored
    file, rebuilt first when something it shows changed."""
    fresh = feeds.freshness(key, secretariat_id, delegation_id)
    if fresh.unchanged and fresh.etag and request.if_none_match.contains_weak(fresh.etag):
        response = Response(status=304)
        _validators(response, fresh.etag, fresh.last_modified, private)
        return response
    feed = feeds.cached(key, secretariat_id, build, delegation_id=delegation_id, known=fresh)
    body, etag, last_modified = feed.body, feed.etag, feed.last_modified
    db.session.commit()  # keep what was just built for the next poll, on every instance
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    _validators(response, etag, last_modified, private)
    return response.make_conditional(request)


def _public_meeting_row(slug: str) -> tuple[int, int]:
    """The id and secretariat of a meeting the public may see: all a poll needs to answer 304."""
    row = db.session.execute(sa.select(Meeting.id, Meeting.secretariat_id).where(
        Meeting.slug == slug, Meeting.status != MeetingStatus.DRAFT)).first()
    if row is None:
        abort(404)
    return row[0], row[1]


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    assert meeting is not None
    return meeting


@bp.get("/meetings/<slug>/calendar.ics")
def meeting_ics(slug: str):
    meeting_id, secretariat_id = _public_meeting_row(slug)

    def build() -> Calendar:
        meeting = _meeting(meeting_id)
        return meeting_calendar(meeting, public_base_url(), linked_group(meeting))

    return _serve(f"meeting:{meeting_id}", secretariat_id, build, f"{slug}.ics")


@bp.get("/meetings/<slug>/series.ics")
def series_ics(slug: str):
    meeting_id, secretariat_id = _public_meeting_row(slug)

    def build() -> Calendar:
        meeting = _meeting(meeting_id)
        group = [m for m in linked_group(meeting) if m.status != MeetingStatus.DRAFT]
        return series_calendar(meeting, group, public_base_url())

    return _serve(f"series:{meeting_id}", secretariat_id, build, f"{slug}-series.ics")


@bp.get("/meetings/<slug>/deadline.ics")
def deadline_ics(slug: str):
    meeting = public_meeting(slug, light=True)
    if meeting.registration_deadline is None:
        abort(404)
    return _serve(f"deadline:{meeting.id}", meeting.secretariat_id,
                  lambda: deadline_calendar(meeting, public_base_url()),
                  f"{meeting.slug}-deadline.ics")


@bp.get("/secretariats/<slug>/calendar.ics")
def secretariat_ics(slug: str):
    secretariat_id = db.session.scalar(sa.select(Secretariat.id).where(Secretariat.slug == slug))
    if secretariat_id is None:
        abort(404)

    def build() -> Calendar:
        secretariat = db.session.get(Secretariat, secretariat_id)
        assert secretariat is not None
        return secretariat_calendar(secretariat, feeds.public_meetings(secretariat),
                                    public_base_url())

    return _serve(f"secretariat:{secretariat_id}", secretariat_id, build, f"{slug}.ics")


@bp.get("/calendar/<secret>.ics")
def delegate_ics(secret: str):
    """A delegate's own meetings, behind a private link; anything unknown is a plain 404."""
    delegate = feeds.delegate_by_secret(secret)
    if delegate is None or retention.links_expired(delegate.meetings, clock.now()):
        abort(404)
    delegation = delegate.delegation
    secretariat_id = delegation.invitation.meeting.secretariat_id
    meetings = sorted(delegate.meetings, key=lambda m: m.first_day)
    return _serve(f"delegate:{delegate.id}", secretariat_id,
                  lambda: personal_calendar(delegate.full_name, meetings, public_base_url()),
                  "my-meetings.ics", private=True, delegation_id=delegation.id)
