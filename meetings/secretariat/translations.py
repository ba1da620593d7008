"""Views of translations: a meeting's texts, and its secretariat's, per language, side by side
with their source; and the files that go to a translation service and come back."""
from __future__ import annotations

import io

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from meetings import i18n, languages
from meetings.access import administered_secretariat, current_actor, staff_meeting
from meetings.extensions import db
from meetings.models import Invitation, Meeting, Role
from meetings.secretariat.blueprint import bp
from meetings.services import translation_files as files
from meetings.services import translations as service
from meetings.tabular import CSV_MIME, XLSX_MIME

TEXTS = (selectinload(Meeting.documents), selectinload(Meeting.sittings))  # what has texts
EXPORT_FORMATS = {"xliff": ("xlf", files.XLIFF_MIME), "csv": ("csv", CSV_MIME),
                  "xlsx": ("xlsx", XLSX_MIME)}


@bp.app_template_global()
def translation_summary(meeting: Meeting) -> service.Summary:
    """The meeting page's completeness markers, from what the page has already loaded."""
    return service.meeting_summary(meeting)


def _language(language: str) -> str:
    if language not in languages.CODES:
        abort(404)
    return language


def _preview_invitation(meeting: Meeting, language: str) -> Invitation | None:
    """An invitation whose note preview shows this language: one in it if any, else the first."""
    return db.session.scalar(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id)
        .order_by((Invitation.language != language), Invitation.id).limit(1))


def _page(meeting: Meeting, language: str, fields: list, values: dict, problems: dict,
          report: service.ImportReport | None = None, status: int = 200):
    return render_template(
        "secretariat/translations/meeting.html", meeting=meeting, language=language,
        fields=fields, values=values, problems=problems, report=report,
        completeness=service.completeness(fields, language),
        secretariat_completeness=service.completeness(
            service.secretariat_fields(meeting.secretariat, language), language),
        preview=_preview_invitation(meeting, language), names=languages.NAMES,
        can_edit=current_user.role_in(meeting.secretariat).can_edit,
        is_admin=current_user.role_in(meeting.secretariat) == Role.ADMIN,
    ), status


@bp.route("/meetings/<slug>/translations/<language>", methods=["GET", "POST"])
@login_required
def meeting_translations(slug: str, language: str):
    meeting = staff_meeting(slug, request.method == "POST", *TEXTS)
    language = _language(language)
    fields = service.meeting_fields(meeting, language)
    if request.method == "GET":
        return _page(meeting, language, fields, {f.id: f.target for f in fields}, {})
    values = {f.id: request.form.get(f.id, "") for f in fields if f.id in request.form}
    problems = service.problems_of(fields, values)
    if problems:
        shown = {f.id: values.get(f.id, f.target) for f in fields}
        return _page(meeting, language, fields, shown, problems, status=422)
    changed = service.apply(fields, values, current_actor(), meeting_id=meeting.id)
    db.session.commit()
    flash(_("%(count)s %(language)s text(s) saved.", count=changed,
            language=i18n.language_name(language)) if changed
          else _("Nothing changed."), "success")
    return redirect(url_for(".meeting_translations", slug=slug, language=language))


@bp.get("/meetings/<slug>/translations/<language>/export")
@login_required
def export_translations(slug: str, language: str):
    meeting = staff_meeting(slug, False, *TEXTS)
    language = _language(language)
    fmt = request.args.get("format", "xliff")
    if fmt not in EXPORT_FORMATS:
        fmt = "xliff"
    fields = service.exported(service.meeting_fields(meeting, language),
                              everything=request.args.get("all") == "1")
    if fmt == "xliff":
        data = files.xliff_bytes(fields, service.BASE, language, f"meetings/{meeting.slug}")
    else:
        data = files.sheet_bytes(fields, fmt, f"{meeting.slug}-{language}")
    extension, mimetype = EXPORT_FORMATS[fmt]
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                         download_name=f"{meeting.slug}-{language}.{extension}")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/meetings/<slug>/translations/<language>/import")
@login_required
def import_translations(slug: str, language: str):
    meeting = staff_meeting(slug, True, *TEXTS)
    language = _language(language)
    fields = service.meeting_fields(meeting, language)
    upload = request.files.get("file")
    current = {f.id: f.target for f in fields}
    if upload is None or not upload.filename:
        return _page(meeting, language, fields, current, {"file": "Choose a file to import."},
                     status=422)
    try:
        incoming = files.read_any(upload.read(files.MAX_BYTES + 1), upload.filename)
    except service.FileProblem as problem:
        return _page(meeting, language, fields, current, {"file": str(problem)}, status=422)
    report = service.import_texts(fields, incoming, language, current_actor(),
                                  meeting_id=meeting.id)
    db.session.commit()
    fields = service.meeting_fields(meeting, language)
    return _page(meeting, language, fields, {f.id: f.target for f in fields}, {}, report=report,
                 status=422 if report.problems and not report.applied else 200)


@bp.route("/secretariats/<slug>/translations/<language>", methods=["GET", "POST"])
@login_required
def secretariat_translations(slug: str, language: str):
    secretariat = administered_secretariat(slug)
    language = _language(language)
    fields = service.secretariat_fields(secretariat, language)
    values = {f.id: f.target for f in fields}
    problems: dict[str, str] = {}
    if request.method == "POST":
        values = {f.id: request.form.get(f.id, "") for f in fields if f.id in request.form}
        problems = service.problems_of(fields, values)
        if not problems:
            changed = service.apply(fields, values, current_actor(),
                                    secretariat_id=secretariat.id)
            db.session.commit()
            flash(_("%(count)s %(language)s text(s) saved.", count=changed,
                    language=i18n.language_name(language)) if changed
                  else _("Nothing changed."), "success")
            return redirect(url_for(".secretariat_translations", slug=slug, language=language))
        values = {f.id: values.get(f.id, f.target) for f in fields}
    return render_template(
        "secretariat/translations/secretariat.html", secretariat=secretariat, language=language,
        fields=fields, values=values, problems=problems, names=languages.NAMES, can_edit=True,
        completeness=service.completeness(fields, language),
    ), 422 if problems else 200
