"""Calendar files over HTTP: text/calendar, ETag and Last-Modified, 304 for clients that poll."""
from __future__ import annotations

from collections.abc import Callable

from flask import Response, abort, request
from icalendar import Calendar
from werkzeug.wrappers import Response as BaseResponse

from meetings import clock, i18n, languages, names
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

GZIP_SUFFIX = "-gz"  # the compressed file is another representation: an ETag of its own
PUBLIC_CACHE = "public, max-age=300"
# The file's name in Content-Disposition, by calendar; the stored answers send the same.
FILENAMES = {"meeting": "{}.ics", "series": "{}-series.ics", "deadline": "{}-deadline.ics",
             "secretariat": "{}.ics"}


def _validators(response: BaseResponse, etag: str, last_modified, private: bool) -> None:
    if private:  # the address is the secret: kept out of caches and Referer headers
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
    else:
        response.headers["Cache-Control"] = PUBLIC_CACHE
    response.vary.add("Accept-Encoding")
    response.set_etag(etag)
    response.last_modified = last_modified


def _serve(key: str, secretariat_id: int, build: Callable[[], Calendar], filename: str, *,
           private: bool = False, delegation_id: int | None = None,
           fresh: feeds.Freshness | None = None) -> BaseResponse:
    """A poll whose copy is current gets 304 from the validators alone; otherwise the stored
    file, rebuilt first when something it shows changed, compressed for clients that accept it."""
    fresh = fresh or feeds.freshness(key, secretariat_id, delegation_id)
    compressed = request.accept_encodings["gzip"] > 0
    suffix = GZIP_SUFFIX if compressed else ""
    if fresh.unchanged and fresh.etag and (
            request.if_none_match.contains_weak(fresh.etag)
            or request.if_none_match.contains_weak(fresh.etag + GZIP_SUFFIX)):
        response = Response(status=304)
        _validators(response, fresh.etag + suffix, fresh.last_modified, private)
        return response
    feed = feeds.cached(key, secretariat_id, build, delegation_id=delegation_id, known=fresh,
                        compressed=compressed)
    etag, last_modified = feed.etag, feed.last_modified
    gzipped = feed.body_gzip if compressed else None  # None too for a file stored before it
    body = gzipped if gzipped is not None else feed.body
    db.session.commit()  # keep what was just built for the next poll, on every instance
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if gzipped is not None:
        response.headers["Content-Encoding"] = "gzip"
    _validators(response, etag + (suffix if gzipped is not None else ""), last_modified, private)
    return response.make_conditional(request)


def _language() -> str:
    return languages.asked(request.args)


def _polled(kind: str, slug: str) -> feeds.Poll:
    """A public meeting (never a draft) or a secretariat, with its calendar's freshness."""
    found = feeds.poll(kind, slug, _language())
    if found is None:
        abort(404)
    return found


def _meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    assert meeting is not None
    return meeting


def _public(kind: str, slug: str, build: Callable[[Meeting, str], Calendar]):
    found = _polled(kind, slug)
    if kind == "deadline" and not found.has_deadline:
        abort(404)
    return _serve(found.freshness.key, found.secretariat_id,
                  lambda: build(_meeting(found.object_id), _language()),
                  FILENAMES[kind].format(slug),
                  fresh=found.freshness)


@bp.get("/meetings/<slug>/calendar.ics")
def meeting_ics(slug: str):
    return _public("meeting", slug, lambda meeting, language: meeting_calendar(
        meeting, public_base_url(), linked_group(meeting), language=language))


@bp.get("/meetings/<slug>/series.ics")
def series_ics(slug: str):
    def build(meeting: Meeting, language: str) -> Calendar:
        group = [m for m in linked_group(meeting) if m.status != MeetingStatus.DRAFT]
        return series_calendar(meeting, group, public_base_url(), language=language)

    return _public("series", slug, build)


@bp.get("/meetings/<slug>/deadline.ics")
def deadline_ics(slug: str):
    return _public("deadline", slug, lambda meeting, language: deadline_calendar(
        meeting, public_base_url(), language=language))


@bp.get("/secretariats/<slug>/calendar.ics")
def secretariat_ics(slug: str):
    found = _polled("secretariat", slug)

    def build() -> Calendar:
        secretariat = db.session.get(Secretariat, found.object_id)
        assert secretariat is not None
        return secretariat_calendar(secretariat, feeds.public_meetings(secretariat),
                                    public_base_url(), language=_language())

    return _serve(found.freshness.key, found.secretariat_id, build,
                  FILENAMES["secretariat"].format(slug),
                  fresh=found.freshness)


@bp.get("/calendar/<secret>.ics")
def delegate_ics(secret: str):
    """A delegate's own meetings, behind a private link, in the invitation's language;
    anything unknown is a plain 404."""
    delegate = feeds.delegate_by_secret(secret)
    if delegate is None or retention.links_expired(delegate.meetings, clock.now()):
        abort(404)
    delegation = delegate.delegation
    secretariat_id = delegation.invitation.meeting.secretariat_id
    meetings = sorted(delegate.meetings, key=lambda m: m.first_day)
    language = delegation.invitation.language
    language = language if language in languages.CODES else languages.BASE

    def build() -> Calendar:
        with i18n.speaking(language):
            name = names.display_name(delegate, language)
        return personal_calendar(name, meetings, public_base_url(), language=language)

    return _serve(f"delegate:{delegate.id}{feeds.language_suffix(language)}", secretariat_id,
                  build, "my-meetings.ics", private=True, delegation_id=delegation.id)
