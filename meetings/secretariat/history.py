"""A meeting's history as sentences, paged, exportable; and undoing a removal from it."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from meetings import history as readable
from meetings.access import current_actor, staff_meeting
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import AuditEvent, Meeting
from meetings.secretariat.blueprint import bp
from meetings.services import undo as undo_service
from meetings.tabular import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes

PAGE_SIZE = 50
# What the officer can narrow the history to: the object types behind each kind.
KINDS = {
    "invitations": (_l("Invitations and notes"), ("Invitation", "NoteTemplate")),
    "delegations": (_l("Delegations"), ("Delegation", "Delegate")),
    "schedule": (_l("Sittings and documents"), ("Sitting", "MeetingDocument")),
    "meeting": (_l("The meeting and its links"), ("Meeting", "MeetingLink")),
}


def _events(meeting: Meeting, kind: str | None) -> sa.Select:
    query = sa.select(AuditEvent).where(AuditEvent.meeting_id == meeting.id)
    if kind in KINDS:
        query = query.where(AuditEvent.object_type.in_(KINDS[kind][1]))
    return query


def latest_entries(meeting: Meeting, count: int = 5) -> list[readable.Entry]:
    """The meeting page's short excerpt of the latest changes."""
    events = db.session.scalars(_events(meeting, None).order_by(
        AuditEvent.at.desc(), AuditEvent.id.desc()).limit(count)).all()
    return readable.describe_all(events)


@bp.get("/meetings/<slug>/history")
@login_required
def meeting_history(slug: str):
    meeting = staff_meeting(slug)
    kind = request.args.get("kind") if request.args.get("kind") in KINDS else None
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    query = _events(meeting, kind)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    events = db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                                .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    entries = readable.describe_all(events)
    can_edit = current_user.role_in(meeting.secretariat).can_edit
    undone = undo_service.undone_events(meeting) if can_edit else set()
    undoable = {e.event.id for e in entries
                if can_edit and undo_service.undoable(e.event) and e.event.id not in undone}
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template(
        "secretariat/history.html", meeting=meeting, days=readable.by_day(entries,
                                                                          meeting.timezone),
        undoable=undoable, page=page, pages=pages, total=total, kind=kind, kinds=KINDS,
    )


def _export(slug: str) -> tuple[Meeting, list[str], list[list]]:
    meeting = staff_meeting(slug)
    events = db.session.scalars(_events(meeting, None).order_by(AuditEvent.at, AuditEvent.id)
                                ).all()
    return meeting, list(readable.EXPORT_COLUMNS), readable.export_rows(
        readable.describe_all(events), meeting.timezone)


@bp.get("/meetings/<slug>/history.csv")
@login_required
def meeting_history_csv(slug: str):
    meeting, columns, rows = _export(slug)
    return _download(csv_bytes(columns, rows), CSV_MIME, f"history-{meeting.slug}.csv")


@bp.get("/meetings/<slug>/history.xlsx")
@login_required
def meeting_history_xlsx(slug: str):
    meeting, columns, rows = _export(slug)
    return _download(xlsx_bytes(columns, rows, title="History"), XLSX_MIME,
                     f"history-{meeting.slug}.xlsx")


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/meetings/<slug>/history/<int:event_id>/undo")
@login_required
def undo_event(slug: str, event_id: int):
    """Put back what a removal took away, when nothing was sent about it."""
    meeting = staff_meeting(slug, True)
    event = undo_service.meeting_event(meeting, event_id)
    back = request.form.get("back") or ""
    target = back if back.startswith("/secretariat/") and "//" not in back \
        else url_for(".meeting_history", slug=slug)
    if event is None or not undo_service.undoable(event):
        flash(_("This change cannot be undone."), "error")
        return redirect(target)
    try:
        message = undo_service.undo(meeting, event, current_actor())
    except RuleBroken as broken:
        db.session.rollback()
        flash(" ".join(str(p) for p in broken.problems.values()), "error")
        return redirect(target)
    db.session.commit()
    flash(message, "success")
    return redirect(target)
