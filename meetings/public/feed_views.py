"""Calendar files over HTTP: text/calendar, ETag and Last-Modified, 304 for clients that poll."""
from __future__ import annotations

from flask import Response, abort, request
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
from meetings.models import CalendarFeed, MeetingStatus, Secretariat
from meetings.public.blueprint import bp
from meetings.services import feeds, retention
from meetings.services.meetings import linked_group
from meetings.urls import public_base_url


def _answer(feed: CalendarFeed, filename: str, private: bool = False) -> BaseResponse:
    body, etag, last_modified = feed.body, feed.etag, feed.last_modified
    db.session.commit()  # keep what was just built for the next poll, on every instance
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:  # the address is the secret: kept out of caches and Referer headers
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
    else:
        response.headers["Cache-Control"] = "public, max-age=300"
    response.set_etag(etag)
    response.last_modified = last_modified
    return response.make_conditional(request)


@bp.get("/meetings/<slug>/calendar.ics")
def meeting_ics(slug: str):
    meeting = public_meeting(slug, light=True)
    feed = feeds.cached(
        f"meeting:{meeting.id}", meeting.secretariat_id,
        lambda: meeting_calendar(meeting, public_base_url(), linked_group(meeting)))
    return _answer(feed, f"{meeting.slug}.ics")


@bp.get("/meetings/<slug>/series.ics")
def series_ics(slug: str):
    meeting = public_meeting(slug, light=True)

    def build():
        group = [m for m in linked_group(meeting) if m.status != MeetingStatus.DRAFT]
        return series_calendar(meeting, group, public_base_url())

    feed = feeds.cached(f"series:{meeting.id}", meeting.secretariat_id, build)
    return _answer(feed, f"{meeting.slug}-series.ics")


@bp.get("/meetings/<slug>/deadline.ics")
def deadline_ics(slug: str):
    meeting = public_meeting(slug, light=True)
    if meeting.registration_deadline is None:
        abort(404)
    feed = feeds.cached(f"deadline:{meeting.id}", meeting.secretariat_id,
                            lambda: deadline_calendar(meeting, public_base_url()))
    return _answer(feed, f"{meeting.slug}-deadline.ics")


@bp.get("/secretariats/<slug>/calendar.ics")
def secretariat_ics(slug: str):
    secretariat = db.session.scalar(db.select(Secretariat).where(Secretariat.slug == slug))
    if secretariat is None:
        abort(404)
    feed = feeds.cached(
        f"secretariat:{secretariat.id}", secretariat.id,
        lambda: secretariat_calendar(secretariat, feeds.public_meetings(secretariat),
                                     public_base_url()))
    return _answer(feed, f"{secretariat.slug}.ics")


@bp.get("/calendar/<secret>.ics")
def delegate_ics(secret: str):
    """A delegate's own meetings, behind a private link; anything unknown is a plain 404."""
    delegate = feeds.delegate_by_secret(secret)
    if delegate is None or retention.links_expired(delegate.meetings, clock.now()):
        abort(404)
    secretariat_id = delegate.delegation.invitation.meeting.secretariat_id
    meetings = sorted(delegate.meetings, key=lambda m: m.first_day)
    feed = feeds.cached(
        f"delegate:{delegate.id}", secretariat_id,
        lambda: personal_calendar(delegate.full_name, meetings, public_base_url()))
    return _answer(feed, "my-meetings.ics", private=True)
