"""Views of notes verbales: preview, issue, download, correct, and the wording per language."""
from __future__ import annotations

import io
import secrets
from datetime import date

import sqlalchemy as sa
from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from meetings import clock, i18n
from meetings.access import current_actor, require_role, staff_invitation, staff_meeting
from meetings.extensions import db
from meetings.languages import NAMES as LANGUAGE_NAMES
from meetings.models import Invitation, InvitationStatus, Note, OutboxMessage
from meetings.secretariat.blueprint import bp
from meetings.services import deadlines
from meetings.services import notes as note_service
from meetings.services.outbox import retry_now
from meetings.urls import public_base_url

LANGUAGES = list(LANGUAGE_NAMES)


def _language(invitation: Invitation) -> str:
    language = request.args.get("lang") or invitation.language
    return language if language in LANGUAGES else invitation.language


def _download(data: bytes, fmt: str, name: str, inline: bool = False):
    mimetype = note_service.FORMATS[fmt][1]
    return _private(send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=not inline,
                              download_name=f"{name}.{note_service.FORMATS[fmt][0]}"))


def _private(response):
    """An issued note carries a live private link: kept out of caches and Referer headers."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _issue_key() -> str:
    """Generated with the form: the same form posted twice issues once."""
    return secrets.token_urlsafe(24)


def _already_issued(already: note_service.AlreadyIssued) -> str:
    references = ", ".join(n.reference for n in already.notes[:10])
    if len(already.notes) > 10:
        return _("Already issued, nothing issued again: %(references)s and %(count)s more.",
                 references=references, count=len(already.notes) - 10)
    return _("Already issued, nothing issued again: %(references)s.", references=references)


@bp.get("/invitations/<int:invitation_id>/note")
@login_required
def note_preview(invitation_id: int):
    invitation = staff_invitation(invitation_id)
    language = _language(invitation)
    written, problems = None, []
    try:
        written = note_service.draft(invitation, language)
    except note_service.NoteProblem as problem:
        problems = problem.problems
    notes = db.session.scalars(sa.select(Note).where(Note.invitation_id == invitation.id)
                               .order_by(Note.id)).all()
    return render_template(
        "secretariat/note_preview.html", invitation=invitation, language=language,
        languages=LANGUAGE_NAMES, written=written, problems=problems, notes=notes,
        note_files=note_service.NOTE_FILES.get(invitation.meeting.secretariat.note_files,
                                               "Word (.docx)"),
        can_edit=current_user.role_in(invitation.meeting.secretariat).can_edit,
        issue_key=_issue_key(),
    ), 200 if written else 422


@bp.get("/invitations/<int:invitation_id>/note.<fmt>")
@login_required
def note_preview_file(invitation_id: int, fmt: str):
    invitation = staff_invitation(invitation_id)
    if fmt not in note_service.FORMATS:
        abort(404)
    try:
        written = note_service.draft(invitation, _language(invitation))
    except note_service.NoteProblem:
        return redirect(url_for(".note_preview", invitation_id=invitation_id))
    return _download(written.as_format(fmt), fmt, f"preview-{invitation.party.short_name()}")


@bp.post("/invitations/<int:invitation_id>/note/issue")
@login_required
def issue_note(invitation_id: int):
    invitation = staff_invitation(invitation_id, edit=True)
    expected = None
    if "issued_reference" in request.form:  # what the officer saw: issued meanwhile is refused
        expected = {invitation.id: request.form["issued_reference"] or None}
    try:
        issued = note_service.issue([invitation], current_actor(), base_url=public_base_url(),
                                    dated=_date_field(), send=bool(request.form.get("send")),
                                    key=request.form.get("issue_key") or None, expected=expected,
                                    numbering=note_service.single_numbering(
                                        invitation.meeting.secretariat))
    except note_service.AlreadyIssued as already:
        db.session.rollback()
        flash(_already_issued(already), "info")
        if already.notes:
            return redirect(url_for(".note", note_id=already.notes[-1].id))
        return redirect(url_for(".note_preview", invitation_id=invitation_id))
    except note_service.NoteProblem as problem:
        for line in problem.problems:
            flash(line, "error")
        return redirect(url_for(".note_preview", invitation_id=invitation_id))
    db.session.commit()
    flash(_("Note %(reference)s issued.", reference=issued[0].reference), "success")
    return redirect(url_for(".note", note_id=issued[0].id))


def _date_field() -> date | None:
    raw = request.form.get("dated")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _staff_note(note_id: int, edit: bool = False) -> Note:
    note = db.session.scalar(sa.select(Note).where(Note.id == note_id).options(
        selectinload(Note.invitation).selectinload(Invitation.party),
        selectinload(Note.secretariat), selectinload(Note.meeting)))
    if note is None:
        abort(404)
    require_role(note.secretariat, edit)
    return note


@bp.get("/notes/<int:note_id>")
@login_required
def note(note_id: int):
    note = _staff_note(note_id)
    messages = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.note_id == note.id)
                                  .order_by(OutboxMessage.id)).all()
    corrections = db.session.scalars(sa.select(Note).where(Note.corrects_id == note.id)).all()
    can_edit = current_user.role_in(note.secretariat).can_edit
    return _private(make_response(render_template(
        "secretariat/note.html", note=note, messages=messages, corrections=corrections,
        text=note_service.as_text(note, reveal=can_edit), can_edit=can_edit,
        note_files=note_service.NOTE_FILES.get(note.secretariat.note_files, "Word (.docx)"),
        issue_key=_issue_key())))


@bp.get("/notes/<int:note_id>.<fmt>")
@login_required
def note_file(note_id: int, fmt: str):
    note = _staff_note(note_id)
    if fmt not in note_service.FORMATS:
        abort(404)
    reveal = current_user.role_in(note.secretariat).can_edit
    return _download(note_service.as_format(note, fmt, reveal=reveal), fmt,
                     note_service.file_name(note, fmt).rsplit(".", 1)[0],
                     inline=request.args.get("inline") == "1")


@bp.post("/notes/<int:note_id>/messages/<int:message_id>/retry")
@login_required
def retry_message(note_id: int, message_id: int):
    """Send a note's e-mail again after the server refused it for good."""
    note = _staff_note(note_id, edit=True)
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.note_id != note.id:
        abort(404)
    retry_now(message)
    db.session.commit()
    flash(_("The e-mail is queued again."), "success")
    return redirect(url_for(".note", note_id=note_id))


@bp.post("/notes/<int:note_id>/correct")
@login_required
def correct_note(note_id: int):
    note = _staff_note(note_id, edit=True)
    expected = None
    if note.invitation is not None and "issued_reference" in request.form:
        expected = {note.invitation.id: request.form["issued_reference"] or None}
    try:
        corrected = note_service.correct(note, current_actor(), base_url=public_base_url(), dated=_date_field(),
                                         send=bool(request.form.get("send")),
                                         key=request.form.get("issue_key") or None,
                                         expected=expected)
    except note_service.AlreadyIssued as already:
        db.session.rollback()
        flash(_already_issued(already), "info")
        return redirect(url_for(".note", note_id=already.notes[-1].id if already.notes
                                else note_id))
    except note_service.NoteProblem as problem:
        for line in problem.problems:
            flash(line, "error")
        return redirect(url_for(".note", note_id=note_id))
    db.session.commit()
    flash(_("Correction %(correction)s issued; it refers to %(note)s. The private link of the "
            "first note no longer works.", correction=corrected.reference, note=note.reference),
          "success")
    return redirect(url_for(".note", note_id=corrected.id))


@bp.get("/meetings/<slug>/notes")
@login_required
def meeting_notes(slug: str):
    meeting = staff_meeting(slug)
    notes = note_service.meeting_notes(meeting)
    listed = db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id,
                                    Invitation.status == InvitationStatus.LISTED)
        .options(selectinload(Invitation.party))).all()
    waiting = len(listed)
    no_address = sorted(i.party.short_name() for i in note_service.without_address(list(listed)))
    sent = {note_id: (status, error) for note_id, status, error in db.session.execute(
        sa.select(OutboxMessage.note_id, OutboxMessage.status, OutboxMessage.last_error)
        .join(Note, Note.id == OutboxMessage.note_id).where(Note.meeting_id == meeting.id)
        .order_by(OutboxMessage.id))}
    opens = meeting.registration_opens_on if deadlines.registration(
        meeting, clock.now()).window == deadlines.Window.NOT_YET else None
    return render_template("secretariat/notes.html", meeting=meeting, notes=notes,
                           waiting=waiting, sent=sent, languages=LANGUAGE_NAMES,
                           no_address=no_address, registration_opens=opens,
                           numberings=note_service.NUMBERINGS,
                           can_edit=current_user.role_in(meeting.secretariat).can_edit,
                           issue_key=_issue_key())


@bp.post("/meetings/<slug>/notes/issue")
@login_required
def issue_all_notes(slug: str):
    """One request issues a note to every listed invitation that has none yet."""
    meeting = staff_meeting(slug, True)
    invitations = db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id,
                                    Invitation.status == InvitationStatus.LISTED)
        .options(selectinload(Invitation.party), selectinload(Invitation.meeting))
        .order_by(Invitation.id)
    ).all()
    key = request.form.get("issue_key") or None
    missing = note_service.without_address(list(invitations))
    if request.form.get("send") and missing and not note_service.issued_by_key(
            key, meeting.secretariat_id):
        names = ", ".join(sorted(i.party.short_name() for i in missing))
        flash(ngettext("No note was issued: %(num)d invitation has no e-mail address: %(names)s. "
                       "Add the addresses, or issue without e-mailing.",
                       "No note was issued: %(num)d invitations have no e-mail address: "
                       "%(names)s. Add the addresses, or issue without e-mailing.",
                       len(missing), names=names), "error")
        return redirect(url_for(".meeting_notes", slug=slug))
    try:
        earlier = note_service.issued_by_key(key, meeting.secretariat_id)
        if earlier:
            raise note_service.AlreadyIssued(earlier)
        numbering = request.form.get("numbering") or meeting.secretariat.numbering
        if numbering not in note_service.NUMBERINGS:
            numbering = meeting.secretariat.numbering
        issued = note_service.issue(list(invitations), current_actor(), base_url=public_base_url(),
                                    dated=_date_field(), send=bool(request.form.get("send")),
                                    key=key, only_listed=True, numbering=numbering)
    except note_service.AlreadyIssued as already:
        db.session.rollback()
        flash(_already_issued(already), "info")
        return redirect(url_for(".meeting_notes", slug=slug))
    except note_service.NoteProblem as problem:
        for line in problem.problems[:30]:
            flash(line, "error")
        if len(problem.problems) > 30:
            flash(_("… and %(count)s more.", count=len(problem.problems) - 30), "error")
        flash(_("No note was issued: correct the points above first."), "error")
        return redirect(url_for(".meeting_notes", slug=slug))
    meanwhile = [i.reference for i in invitations if i.status == InvitationStatus.ISSUED
                 and i.reference not in {n.reference for n in issued}]
    db.session.commit()
    if issued and issued[0].numbering == "circular":
        flash(ngettext("Circular note %(reference)s issued in %(num)d language to the "
                       "%(addressees)s addressees of the list.",
                       "Circular note %(reference)s issued in %(num)d languages to the "
                       "%(addressees)s addressees of the list.", len(issued),
                       reference=issued[0].reference,
                       addressees=len(invitations) - len(meanwhile)), "success")
    elif issued and issued[0].numbering == "category_mark":
        marked = ", ".join(dict.fromkeys(n.reference for n in issued))
        flash(ngettext("%(num)d copy issued under one number: %(marked)s.",
                       "%(num)d copies issued under one number: %(marked)s.", len(issued),
                       marked=marked), "success")
    elif issued:
        flash(ngettext("%(num)d note issued, %(first)s to %(last)s.",
                       "%(num)d notes issued, %(first)s to %(last)s.", len(issued),
                       first=issued[0].reference, last=issued[-1].reference), "success")
    if meanwhile:
        flash(ngettext("%(num)d invitation had just been issued by another request, nothing "
                       "issued again: %(references)s.",
                       "%(num)d invitations had just been issued by another request, nothing "
                       "issued again: %(references)s.", len(meanwhile),
                       references=", ".join(r or "" for r in meanwhile[:10])
                       + (" …" if len(meanwhile) > 10 else "")), "info")
    elif not issued:
        flash(_("Every invitation already has its note."), "info")
    return redirect(url_for(".meeting_notes", slug=slug))


@bp.get("/meetings/<slug>/notes.zip")
@login_required
def notes_zip(slug: str):
    meeting = staff_meeting(slug)
    fmt = request.args.get("format", "docx")
    if fmt not in note_service.FORMATS:
        abort(404)
    notes = note_service.meeting_notes(meeting, with_file=fmt)
    reveal = current_user.role_in(meeting.secretariat).can_edit
    return _private(send_file(io.BytesIO(note_service.bundle(notes, fmt, reveal=reveal)),
                              mimetype="application/zip", as_attachment=True,
                              download_name=f"notes-{meeting.slug}-{fmt}.zip"))


@bp.route("/meetings/<slug>/templates/<language>", methods=["GET", "POST"])
@login_required
def note_template(slug: str, language: str):
    meeting = staff_meeting(slug, request.method == "POST")
    if language not in LANGUAGES:
        abort(404)
    problem, body, current = None, None, None
    try:
        current = note_service.effective_template(meeting, language)
        body = current.body
    except note_service.NoteProblem:
        body = ""
    if request.method == "POST":
        body = request.form.get("body", "")
        problem = note_service.template_problem(meeting, language, body)
        if problem is None:
            note_service.save_template(meeting, language, body, current_actor())
            db.session.commit()
            flash(_("The %(language)s wording of this meeting's notes is saved; it is to be "
                    "reviewed.", language=i18n.language_name(language)), "success")
            return redirect(url_for(".note_template", slug=slug, language=language))
    return render_template("secretariat/note_template.html", meeting=meeting, language=language,
                           languages=LANGUAGE_NAMES, body=body, current=current,
                           problem=problem), 422 if problem else 200


@bp.post("/meetings/<slug>/templates/<language>/review")
@login_required
def review_note_template(slug: str, language: str):
    meeting = staff_meeting(slug, True)
    if language not in LANGUAGES:
        abort(404)
    try:
        note_service.mark_reviewed(meeting, language, current_actor())
    except note_service.NoteProblem as problem:
        flash(problem.problems[0], "error")
    else:
        db.session.commit()
        flash(_("The %(language)s wording is marked as reviewed by you.",
                language=i18n.language_name(language)), "success")
    return redirect(url_for(".note_template", slug=slug, language=language))
