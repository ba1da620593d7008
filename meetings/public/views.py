"""Public pages: the meetings a secretariat has announced."""
from __future__ import annotations

import io

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, send_file
from sqlalchemy.orm import selectinload

from meetings.access import public_meeting
from meetings.extensions import db
from meetings.models import Meeting, MeetingDocument, MeetingStatus
from meetings.services.meetings import linked_group

bp = Blueprint("public", __name__)


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
    return render_template("public/meeting.html", meeting=meeting, group=group)


@bp.get("/meetings/<slug>/documents/<int:document_id>")
def document(slug: str, document_id: int):
    meeting = public_meeting(slug)
    doc = db.session.scalar(
        sa.select(MeetingDocument).where(
            MeetingDocument.id == document_id, MeetingDocument.meeting_id == meeting.id
        )
    )
    if doc is None or doc.file is None:
        abort(404)
    return send_file(io.BytesIO(doc.file.data), mimetype=doc.file.content_type,
                     download_name=doc.file.filename)
