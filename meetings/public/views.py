"""Public pages: the meetings a secretariat has announced."""
from __future__ import annotations

import sqlalchemy as sa
from flask import render_template
from sqlalchemy.orm import selectinload

from meetings import ical, urls
from meetings.access import meeting_document_file, public_meeting
from meetings.downloads import send_stored
from meetings.extensions import db
from meetings.models import Meeting, MeetingStatus
from meetings.public.blueprint import bp
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


@bp.get("/meetings/<slug>")
def meeting(slug: str):
    meeting = public_meeting(slug)
    group = [m for m in linked_group(meeting) if m.status != MeetingStatus.DRAFT]
    base = urls.public_base_url()
    feed = urls.meeting_calendar_url(meeting, base)
    links = {
        "download": feed,
        "subscribe": urls.webcal(feed),
        "series": urls.series_calendar_url(meeting, base),
        "google": ical.google_link(meeting, base),
        "google_subscribe": ical.google_subscribe_link(feed),
        "outlook": ical.outlook_link(meeting, base),
        "deadline": urls.deadline_calendar_url(meeting, base)
        if meeting.registration_deadline else None,
    }
    return render_template("public/meeting.html", meeting=meeting, group=group, links=links)


@bp.get("/meetings/<slug>/documents/<int:document_id>")
def document(slug: str, document_id: int):
    return send_stored(meeting_document_file(public_meeting(slug), document_id))
