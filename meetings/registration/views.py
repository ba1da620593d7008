"""The page a Permanent Mission opens from the note verbale: its delegation, and nobody else's."""
from __future__ import annotations


from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm.exc import StaleDataError

from meetings import clock
from meetings.registration.blueprint import bp
from meetings.errors import Conflict, TooManyAttempts
from meetings.deadline import Deadline
from meetings.downloads import send_stored
from meetings.extensions import db
from meetings.models import DelegateFunction, Gender, Invitation, InvitationStatus, StoredFile
from meetings.registration.texts import RTL, texts_for
from meetings.services import deadlines
from meetings.services import delegations as service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.files import SCANS, UploadRejected, checked_file
from meetings.services.meetings import linked_group
from meetings.services.outbox import enqueue
from meetings.urls import delegate_calendar_url, registration_url, webcal

MAX_ROWS = 60


def _invitation(secret: str) -> Invitation:
    """Load and authorise in one place: the link's hash, or the same plain page for anything else."""
    try:
        invitation = private_links.invitation_by_secret(secret, request.remote_addr or "?", clock.now())
    except TooManyAttempts:
        db.session.commit()
        abort(429)
    if invitation is None or invitation.status == InvitationStatus.WITHDRAWN:
        db.session.commit()  # keep the count of wrong guesses
        abort(404)
    return invitation


def _pending(serializer: URLSafeSerializer, token: str | None) -> StoredFile | None:
    """A note uploaded with a form that was rejected for something else, kept for the next try."""
    if not token:
        return None
    try:
        file_id = serializer.loads(token)
    except BadSignature:
        return None
    return db.session.get(StoredFile, file_id)


def parse(form) -> dict:  # noqa: ANN001
    values = {f: form.get(f, "").strip() for f in service.FOCAL_FIELDS}
    rows = min(max(form.get("rows", type=int) or 0, 0), MAX_ROWS)
    functions = {f.value for f in DelegateFunction}
    genders = {g.value for g in Gender}
    delegates = []
    for index in range(rows):
        prefix = f"delegates-{index}-"
        row = {"key": form.get(prefix + "key", ""),
               **{f: form.get(prefix + f, "").strip() for f in service.DELEGATE_FIELDS},
               "meetings": [int(x) for x in form.getlist(prefix + "meetings") if x.isdigit()]}
        row["function"] = row["function"] if row["function"] in functions else "expert"
        row["gender"] = row["gender"] if row["gender"] in genders else ""
        delegates.append(row)
    values["delegates"] = delegates
    return values


def move_rows(values: dict, action: str, group) -> bool:  # noqa: ANN001
    """Add, remove or move a row without JavaScript; True when the action was one of those."""
    rows = values["delegates"]
    if action == "add" and len(rows) < MAX_ROWS:
        rows.append(service.blank_delegate(group))
        return True
    verb, _, number = action.partition("-")
    if verb not in {"remove", "up", "down"} or not number.isdigit():
        return False
    index = int(number)
    if not 0 <= index < len(rows):
        return True
    if verb == "remove":
        rows.pop(index)
    elif verb == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
    elif verb == "down" and index < len(rows) - 1:
        rows[index + 1], rows[index] = rows[index], rows[index + 1]
    return True


@bp.route("/register/<secret>", methods=["GET", "POST"])
def register(secret: str):
    invitation = _invitation(secret)
    actor = Actor.system(f"focal point of {invitation.party.short_name()} (private link)")
    return handle(invitation, actor, secret=secret,
                  done=url_for(".confirmation", secret=secret),
                  again=url_for(".register", secret=secret))


def handle(invitation: Invitation, actor: Actor, *, secret: str | None, done: str, again: str,
           on_behalf: bool = False):
    """Show or save the delegation form; shared by the private link and the secretariat."""
    meeting = invitation.meeting
    group = linked_group(meeting)
    now = clock.now()
    window = deadlines.registration(meeting, now)
    if on_behalf and not window.accepts:  # the secretariat may always record a paper note
        window = deadlines.Registration(deadlines.Window.LATE, window.closes_at, None)
    delegation = invitation.delegation
    serializer = URLSafeSerializer(current_app.config["SECRET_KEY"], salt="pending-note")
    context = dict(invitation=invitation, meeting=meeting, group=group, window=window,
                   delegation=delegation, secret=secret, fields={}, general=[], conflict=None,
                   pending=None, on_behalf=on_behalf)
    if request.method == "GET":
        values = service.current_values(delegation, group)
        return _page(values, delegation.version if delegation else 0, context)
    values = parse(request.form)
    version = request.form.get("version", type=int)
    pending = _pending(serializer, request.form.get("pending_note"))
    action = request.form.get("action", "")
    if move_rows(values, action, group):
        context["pending"] = pending and serializer.dumps(pending.id)
        return _page(values, version, context)
    if not window.accepts:
        return _page(values, version, context, status=409)
    submitting = action == "submit"
    upload = request.files.get("note")
    upload_error = None
    if upload and upload.filename:
        try:
            pending = checked_file(upload.filename, upload.read(), SCANS,
                                   current_app.config["UPLOAD_MAX_BYTES"])
            db.session.add(pending)
            db.session.flush()
        except UploadRejected as rejected:
            upload_error = str(rejected)
    has_note = pending is not None or (delegation is not None and delegation.note_file_id)
    fields, general = service.problems(
        values, group, submitting=submitting,
        note_missing=submitting and meeting.note_verbale_required and not has_note)
    context["fields"].update(fields)
    if upload_error:
        context["fields"]["note"] = upload_error
    context["general"] = general
    context["pending"] = pending and serializer.dumps(pending.id)
    if context["fields"] or general:
        db.session.commit()  # keeps an accepted upload for the next try
        return _page(values, version, context, status=422)
    try:
        saved = service.save(invitation, values, group, actor, expected_version=version, now=now,
                             submit=submitting, late=window.window == deadlines.Window.LATE,
                             note=pending, on_behalf=on_behalf)
        db.session.flush()
    except Conflict as conflict:
        db.session.rollback()
        context["conflict"] = conflict
        return _page(values, conflict.version, context, status=409)
    except StaleDataError:
        db.session.rollback()
        db.session.refresh(invitation)
        theirs = service.snapshot(invitation.delegation, group)
        context["conflict"] = Conflict(theirs, service.describe_changes(values, theirs),
                                               invitation.delegation.version)
        return _page(values, invitation.delegation.version, context, status=409)
    if submitting and not on_behalf and secret:
        _confirmation_mail(invitation, saved, group, secret)
    db.session.commit()
    if submitting:
        return redirect(done)
    texts, _, _ = texts_for(invitation.language)
    flash(texts["saved"], "success")
    return redirect(again)


def _page(values: dict, version: int | None, context: dict, status: int = 200):
    invitation = context["invitation"]
    texts, language, fell_back = texts_for("en" if context["on_behalf"] else invitation.language)
    return render_template(
        "registration/page.html", values=values, version=version, t=texts, lang=language,
        fell_back=fell_back, rtl=language in RTL, honorifics=service.HONORIFICS,
        functions=[f.value for f in DelegateFunction], genders=[g.value for g in Gender],
        **context,
    ), status


@bp.get("/register/<secret>/confirmation")
def confirmation(secret: str):
    invitation = _invitation(secret)
    delegation = invitation.delegation
    if delegation is None or delegation.submitted_at is None:
        return redirect(url_for(".register", secret=secret))
    texts, language, fell_back = texts_for(invitation.language)
    calendars = {d.id: delegate_calendar_url(private_links.calendar_secret(d))
                 for d in delegation.delegates}
    db.session.commit()
    return render_template("registration/confirmation.html", invitation=invitation,
                           meeting=invitation.meeting, delegation=delegation, t=texts,
                           lang=language, rtl=language in RTL, fell_back=fell_back,
                           calendars=calendars, secret=secret)


@bp.get("/register/<secret>/note")
def note_file(secret: str):
    invitation = _invitation(secret)
    delegation = invitation.delegation
    if delegation is None or delegation.note_file is None:
        abort(404)
    return send_stored(delegation.note_file)


def _confirmation_mail(invitation: Invitation, delegation, group, secret: str) -> None:  # noqa: ANN001
    """Queued with the submission; it leaves only if the submission commits."""
    if not delegation.focal_point_email:
        return
    titles = {m.id: m.display_title for m in group}
    lines = [f"{invitation.meeting.title}", "",
             f"The delegation of {invitation.party.short_name()} has been submitted"
             f"{' (after the deadline)' if delegation.is_late else ''}.", ""]
    for delegate in delegation.delegates:
        link = delegate_calendar_url(private_links.calendar_secret(delegate))
        lines.append(f"- {delegate.full_name}, {delegate.function.value}"
                     f"{', ' + delegate.job_title if delegate.job_title else ''}: "
                     + "; ".join(titles[m.id] for m in delegate.meetings if m.id in titles))
        lines.append(f"  calendar: {link}")
        lines.append(f"  subscribe (stays up to date): {webcal(link)}")
    deadline = Deadline.of(invitation.meeting)
    until = f" ({deadline.words()}, {deadline.zone})" if deadline else ""
    lines += ["", f"To change the delegation before the deadline{until}: "
                  f"{registration_url(secret)}"]
    enqueue([delegation.focal_point_email],
            f"Delegation submitted: {invitation.meeting.title}", "\n".join(lines),
            reply_to=invitation.meeting.secretariat.email)


@bp.errorhandler(404)
def invalid_link(_error):  # noqa: ANN001
    """The same plain page for an unknown, revoked or malformed link: no hint it ever existed."""
    return render_template("registration/invalid.html", too_many=False), 404


@bp.errorhandler(429)
def too_many(_error):  # noqa: ANN001
    return render_template("registration/invalid.html", too_many=True), 429
