"""Data in and out of a meeting: the invitation list, delegations and delegates as CSV or XLSX,
and an invitation list imported from a file after a preview."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeTimedSerializer

from meetings.access import current_actor, staff_meeting
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.inputs import plain_name
from meetings.models import InvitationCategory, Meeting, StoredFile
from meetings.secretariat.blueprint import bp
from meetings.secretariat.data_forms import ConfirmImportForm, ImportForm
from meetings.secretariat.invitations import _add_forms, _render_list
from meetings.services import exports
from meetings.services import invitation_imports as imports
from meetings.tabular import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes

FORMATS = {"csv": CSV_MIME, "xlsx": XLSX_MIME}


def _download(meeting: Meeting, what: str, table: exports.Table):
    fmt = request.args.get("format", "csv")
    if fmt not in FORMATS:
        abort(404)
    columns, rows = table
    data = csv_bytes(columns, rows) if fmt == "csv" else \
        xlsx_bytes(columns, rows, title=what.capitalize())
    response = current_app.response_class(data, mimetype=FORMATS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{meeting.slug}-{what}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/meetings/<slug>/invitations/export")
@login_required
def export_invitations(slug: str):
    meeting = staff_meeting(slug)
    return _download(meeting, "invitations", exports.invitations_table(meeting))


@bp.get("/meetings/<slug>/delegations/export")
@login_required
def export_delegations(slug: str):
    """Focal points' addresses and telephones: officers only, and the export is audited."""
    meeting = staff_meeting(slug, True)
    table = exports.delegations_table(meeting)
    response = _download(meeting, "delegations", table)
    exports.record_export(meeting, "delegations", request.args.get("format", "csv"),
                          len(table[1]), current_actor())
    db.session.commit()
    return response


@bp.get("/meetings/<slug>/delegates/export")
@login_required
def export_delegates(slug: str):
    """Personal data of every delegate: officers only, and the export is audited."""
    meeting = staff_meeting(slug, True)
    table = exports.delegates_table(meeting)
    response = _download(meeting, "delegates", table)
    exports.record_export(meeting, "delegates", request.args.get("format", "csv"),
                          len(table[1]), current_actor())
    db.session.commit()
    return response


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="invitation-import")


def _kept(meeting: Meeting, token: str | None) -> tuple[StoredFile, InvitationCategory] | None:
    """The file of this officer's preview of this meeting, while it is fresh; else None."""
    try:
        meeting_id, user_id, file_id, category = _signer().loads(
            token or "", max_age=current_app.config["KEPT_UPLOAD_MAX_AGE"])
    except (BadSignature, ValueError, TypeError):
        return None
    stored = db.session.get(StoredFile, file_id)
    if meeting_id != meeting.id or user_id != current_user.id or stored is None or \
            not stored.filename.startswith(imports.UPLOAD_PREFIX):
        return None
    return stored, InvitationCategory(category)


def _page(meeting: Meeting, status: int, **extra):
    return _render_list(meeting, *_add_forms(meeting), status, **extra)


@bp.post("/meetings/<slug>/invitations/import")
@login_required
def import_invitations(slug: str):
    """Read the file and show what importing it would do; nothing is invited yet."""
    meeting = staff_meeting(slug, True)
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.upload.data
        try:
            if not upload or not upload.filename:
                raise RuleBroken({"upload": "Choose a CSV or XLSX file."})
            name = plain_name(upload.filename)[:200] or "list"
            data = upload.read(imports.MAX_BYTES + 1)
            plan = imports.read_plan(meeting, data, name)
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            imports.forget_uploads(current_app.config["KEPT_UPLOAD_MAX_AGE"])
            stored = imports.keep_upload(name, data)
            db.session.commit()
            token = _signer().dumps([meeting.id, current_user.id, stored.id, form.category.data])
            return _page(meeting, 200, import_plan=plan, import_token=token,
                         import_name=name,
                         import_category=InvitationCategory(form.category.data))
    return _page(meeting, 422, import_form=form)


@bp.post("/meetings/<slug>/invitations/import/confirm")
@login_required
def confirm_import(slug: str):
    """Apply the preview as the officer chose, line by line; or drop it."""
    meeting = staff_meeting(slug, True)
    form = ConfirmImportForm()
    kept = _kept(meeting, form.token.data) if form.validate_on_submit() else None
    if kept is None:
        form = ImportForm(formdata=None)
        form.form_errors.append("This preview has expired or was already confirmed: "
                                "choose the file again.")
        return _page(meeting, 400, import_form=form)
    stored, category = kept
    name = imports.original_name(stored)
    if request.form.get("action") == "cancel":
        db.session.delete(stored)
        db.session.commit()
        flash(_("Import of “%(name)s” cancelled: nothing was changed.", name=name), "info")
        return redirect(url_for(".invitations", slug=slug))
    try:
        plan = imports.read_plan(meeting, stored.data, name)
    except RuleBroken:  # the file was read once; only a changed registry could refuse it now
        abort(409)
    choices = {line.number: request.form.get(f"line-{line.number}", "") for line in plan.lines}
    result = imports.apply_plan(meeting, plan, choices, category, current_actor(), name)
    db.session.delete(stored)
    db.session.commit()
    message = _("%(created)s invited, %(updated)s updated from “%(name)s”.",
                created=len(result.created), updated=len(result.updated), name=name)
    if result.skipped:
        message += " " + _("%(count)s already on the list left as they were.",
                           count=len(result.skipped))
    if result.left_out:
        message += " " + ngettext("%(num)d line left out (recorded in the audit log).",
                                  "%(num)d lines left out (recorded in the audit log).",
                                  len(result.left_out))
    flash(message, "success" if not result.left_out else "info")
    return redirect(url_for(".invitations", slug=slug))
