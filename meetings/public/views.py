"""Public pages: the meetings a secretariat has announced."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, current_app, render_template, request, session
from sqlalchemy.orm import selectinload

from meetings import clock, i18n, ical, languages, urls
from meetings.access import meeting_document_file, public_meeting
from meetings.downloads import send_stored
from meetings.extensions import db
from meetings.models import Meeting, MeetingStatus
from meetings.public.blueprint import bp
from meetings.services import feeds
from meetings.services.meetings import linked_group


@bp.get("/")
def index():
    upcoming = db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.status != MeetingStatus.DRAFT)
        .options(selectinload(Meeting.secretariat))
        .order_by(Meeting.first_day.desc())
    ).all()
    return render_template("public/index.html", meetings=upcoming)


def _may_share_a_page() -> bool:
    """Nobody signed in (or remembered) and nothing flashed: the page is the same for everyone."""
    return not session and current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in request.cookies


@bp.get("/meetings/<slug>")
def meeting(slug: str):
    """Stored and shared by anonymous visitors until what it shows changes (or the minute does,
    since registration opens and closes with the clock): deadline-day traffic renders it rarely."""
    language = languages.asked(request.args)  # the meeting's own texts in that language
    if not _may_share_a_page():
        return _meeting_page(slug, language)
    found = feeds.poll("meeting", slug, language, prefix=feeds.page_prefix(request.url_root),
                       moment=clock.minute(clock.now()))
    if found is None:
        abort(404)
    page = feeds.stored(found.freshness.key, found.freshness.current,
                        lambda: _meeting_page(slug, language).encode())
    body = page.body
    db.session.commit()  # kept for the next visitor, on every instance
    return Response(body, mimetype="text/html")


def _meeting_page(slug: str, language: str = languages.BASE) -> str:
    meeting = public_meeting(slug)
    group = [m for m in linked_group(meeting) if m.status != MeetingStatus.DRAFT]
    base = urls.public_base_url()
    feed = urls.meeting_calendar_url(meeting, base, language)
    links = {
        "download": feed,
        "subscribe": urls.webcal(feed),
        "series": urls.series_calendar_url(meeting, base, language),
        "google": ical.google_link(meeting, base),
        "google_subscribe": ical.google_subscribe_link(feed),
        "outlook": ical.outlook_link(meeting, base),
        "deadline": urls.deadline_calendar_url(meeting, base, language)
        if meeting.registration_deadline else None,
    }
    i18n.use(language)  # the page's own words (labels, buttons) in the language asked for
    others = [(code, languages.BY_CODE[code].own_name) for code in meeting.languages
              if code != language and code in languages.CODES]
    return render_template("public/meeting.html", meeting=meeting, group=group, links=links,
                           lang=language, others=others)


@bp.get("/meetings/<slug>/documents/<int:document_id>")
def document(slug: str, document_id: int):
    return send_stored(meeting_document_file(public_meeting(slug), document_id))
