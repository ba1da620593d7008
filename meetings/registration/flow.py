"""Showing and saving the delegation form: shared by the private link and the secretariat's
registration from a note on paper, so both follow one set of rules."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from meetings import clock, i18n, names
from meetings.deadline import Deadline
from meetings.errors import Conflict, RuleBroken
from meetings.extensions import db
from meetings.models import Delegation, Invitation, Meeting, StoredFile
from meetings.registration.forms import (
    MAX_ROWS,
    DelegationForm,
    control_characters,
    delegation_form,
)
from meetings.registration.texts import RTL, SpokenTexts, Texts, texts_for
from meetings.services import deadlines, private_links
from meetings.services import delegations as service
from meetings.services.audit import Actor
from meetings.services.declines import can_decline
from meetings.services.files import SCANS, UploadRejected, checked_file
from meetings.services.meetings import linked_group
from meetings.services.notes import addressee_block
from meetings.services.outbox import enqueue, one_line
from meetings.urls import delegate_calendar_url, registration_url, webcal


def _kept_uploads() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="pending-note")


def keep_upload(invitation: Invitation, stored: StoredFile | None) -> str | None:
    """A signed reference to an upload, valid only for this invitation and only for a while."""
    return _kept_uploads().dumps([invitation.id, stored.id]) if stored is not None else None


def kept_upload(invitation: Invitation, token: str | None) -> StoredFile | None:
    """The note uploaded with an earlier, rejected try; another government's or an old one is
    ignored, as if none had been sent."""
    if not token:
        return None
    try:
        invitation_id, file_id = _kept_uploads().loads(
            token, max_age=current_app.config["KEPT_UPLOAD_MAX_AGE"])
    except (BadSignature, ValueError, TypeError):
        return None
    if invitation_id != invitation.id:
        return None
    return db.session.get(StoredFile, file_id)


def move_rows(values: dict[str, Any], action: str, group: list[Meeting]) -> bool:
    """Add, remove or move a row without JavaScript; True when the action was one of those."""
    rows = values["delegates"]
    if action == "add":
        if len(rows) < MAX_ROWS:
            rows.append(service.blank_delegate(group))
        return True
    verb, _dash, number = action.partition("-")
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


def _version(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _upload_name(filename: str) -> str:
    """The name the browser gave, without the control characters some clients let through."""
    return "".join(c for c in filename if not control_characters(c))


class Page:
    """Everything one rendering of the registration page needs, gathered once per request."""

    def __init__(self, invitation: Invitation, *, secret: str | None, on_behalf: bool):
        self.invitation = invitation
        self.meeting = invitation.meeting
        self.group = linked_group(self.meeting)
        service.attach_attendance(invitation.delegation, self.group)
        self.window = deadlines.registration(self.meeting, clock.now())
        if on_behalf and not self.window.accepts:  # the secretariat may always record a paper note
            self.window = deadlines.Registration(deadlines.Window.LATE, self.window.closes_at, None)
        self.secret = secret
        self.on_behalf = on_behalf
        # On the government's behalf, the officer reads the page in the workspace's language.
        _texts, self.language, self.fell_back = texts_for(
            i18n.select_locale() if on_behalf else invitation.language)
        # The page's texts in that language, each looked up once for the form and the page.
        self.texts: Texts = SpokenTexts(self.fell_back)
        self.general: list[str] = []
        self.conflict: Conflict | None = None
        # A government that said it will not be represented sees its page read-only until it
        # takes that back; the secretariat, registering a paper note, is not held by it.
        self.declined = invitation.declined_at is not None and not on_behalf

    @property
    def accepts(self) -> bool:
        return self.window.accepts and not self.declined

    def form(self, values: dict[str, Any] | None = None) -> DelegationForm:
        return delegation_form(values).prepare(self.group, self.texts, self.language,
                                               read_only=not self.accepts)

    def render(self, form: DelegationForm, version: int | None, pending: StoredFile | None,
               status: int = 200):
        form.version.data = str(version or 0)
        form.pending_note.data = keep_upload(self.invitation, pending) or ""
        return render_template(
            "registration/page.html", form=form, t=self.texts, lang=self.language,
            fell_back=self.fell_back, rtl=self.language in RTL, invitation=self.invitation,
            meeting=self.meeting, group=self.group, window=self.window,
            delegation=self.invitation.delegation, secret=self.secret, general=self.general,
            conflict=self.conflict, on_behalf=self.on_behalf, pending=pending,
            addressee=addressee_block(self.invitation, self.language) or self.invitation.addressee,
            read_only=not self.accepts and request.method == "GET", declined=self.declined,
            can_decline=not self.on_behalf and self.window.accepts and can_decline(self.invitation),
        ), status


def handle(invitation: Invitation, actor: Actor, *, secret: str | None, done: str, again: str,
           on_behalf: bool = False):
    """Show or save the delegation form; the caller has loaded and authorised the invitation."""
    page = Page(invitation, secret=secret, on_behalf=on_behalf)
    delegation = invitation.delegation
    if request.method == "GET":
        values = service.current_values(delegation, page.group)
        return page.render(page.form(values), delegation.version if delegation else 0, None)
    form = page.form()
    version = _version(form.version.data)
    pending = kept_upload(invitation, form.pending_note.data)
    action = request.form.get("action", "")
    values = form.values()
    if move_rows(values, action, page.group):
        return page.render(page.form(values), version, pending)
    if not page.accepts:
        return page.render(form, version, pending, status=409)
    submitting = action == "submit"
    form.validate()
    upload = form.note.data
    if upload and upload.filename:
        try:
            pending = checked_file(_upload_name(upload.filename), upload.read(), SCANS,
                                   current_app.config["UPLOAD_MAX_BYTES"])
            db.session.add(pending)
            db.session.flush()
        except UploadRejected as rejected:
            form.note.errors = [str(rejected)]
    has_note = pending is not None or (delegation is not None and delegation.note_file_id)
    fields, page.general = service.problems(
        values, page.group, submitting=submitting, language=page.language,
        note_missing=submitting and page.meeting.note_verbale_required and not has_note)
    form.attach(fields)
    if form.field_errors() or page.general:
        _commit_keeping_loaded()  # an accepted upload is kept for the next try
        return page.render(form, version, pending, status=422)
    # The upload commits with the save, in one transaction; if the save is refused, the upload
    # is committed on its own all the same (_undo_keeping).
    try:
        saved = service.save(invitation, values, page.group, actor, expected_version=version,
                             now=clock.now(), submit=submitting,
                             late=page.window.window == deadlines.Window.LATE, note=pending,
                             on_behalf=on_behalf, language=page.language)
        db.session.flush()
    except Conflict as conflict:
        _undo_keeping(pending)
        page.conflict = conflict
        return page.render(form, conflict.version, pending, status=409)
    except RuleBroken as broken:
        _undo_keeping(pending)
        page.general = [page.texts.get(key, message) for key, message in broken.problems.items()]
        return page.render(form, version, pending, status=409)
    except (StaleDataError, IntegrityError):  # another save, or the first one, came in between
        _undo_keeping(pending)
        db.session.refresh(invitation)
        assert invitation.delegation is not None  # the other save created it
        page.conflict = service.conflict_with(invitation.delegation, values, page.group,
                                              page.language)
        return page.render(form, page.conflict.version, pending, status=409)
    if submitting and not on_behalf and secret:
        _confirmation_mail(invitation, saved, page.group, secret)
    db.session.commit()
    if submitting:
        return redirect(done)
    flash(str(page.texts["saved"]), "success")
    return redirect(again)


def _undo_keeping(upload: StoredFile | None) -> None:
    """Undo the refused save, but keep the scan uploaded with it: it is committed on its own,
    so the page offers it again and the next try attaches it."""
    db.session.rollback()
    if upload is not None and sa.inspect(upload).transient:  # inserted, then rolled back
        upload.id = None  # a new id: SQLite may have given that one to another row since
        db.session.add(upload)
        db.session.commit()


def _commit_keeping_loaded() -> None:
    """Commit, and keep what the request has loaded for the page that shows what to correct,
    instead of reading it all again."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def _confirmation_mail(invitation: Invitation, delegation: Delegation, group: list[Meeting],
                       secret: str) -> None:
    """Queued with the submission; it leaves only if the submission commits."""
    if not delegation.focal_point_email:
        return
    language, _fell_back = i18n.shown(invitation.language)
    with i18n.speaking(language):
        subject, body = confirmation_text(invitation, delegation, group, language)
    enqueue([delegation.focal_point_email], one_line(subject), body,
            reply_to=invitation.meeting.secretariat.email, invitation_id=invitation.id)


def confirmation_text(invitation: Invitation, delegation: Delegation, group: list[Meeting],
                      language: str) -> tuple[str, str]:
    """Subject and body in the language the caller speaks (the invitation's)."""
    _ = i18n.catalog_gettext()  # the same gettext, its catalog looked up once, not per text
    meeting = invitation.meeting
    title = meeting.text_in(language)
    titles = {m.id: service.meeting_title(m, language) for m in group}
    party = invitation.party.short_name(language)
    submitted = (_("The delegation of %(party)s has been submitted after the deadline.",
                   party=party) if delegation.is_late
                 else _("The delegation of %(party)s has been submitted.", party=party))
    lines = [title, "", submitted, ""]
    functions = Texts()
    for delegate in delegation.delegates:
        private_links.calendar_secret(delegate)  # the link works once the e-mail arrives
        # A marker, not the secret: the outbox fills it in when the e-mail is sent.
        link = delegate_calendar_url(private_links.calendar_marker(delegate))
        who = _(", ").join(p for p in (names.display_name(delegate, language),
                                    str(functions[delegate.function.value]),
                                    delegate.job_title) if p)
        attending = {m.id for m in delegate.meetings}
        attends = _("; ").join(titles[m.id] for m in group if m.id in attending)  # page order
        lines.append("- " + _("%(label)s: %(text)s", label=who, text=attends))
        lines.append("  " + _("calendar: %(link)s", link=link))
        lines.append("  " + _("subscribe (stays up to date): %(link)s", link=webcal(link)))
    deadline = Deadline.of(meeting)
    change = registration_url(private_links.REGISTRATION_MARKER)
    lines.append("")
    lines.append(_("To change the delegation before the deadline (%(deadline)s, %(zone)s): "
                   "%(link)s", deadline=deadline.words(language), zone=deadline.zone,
                   link=change) if deadline
                 else _("To change the delegation: %(link)s", link=change))
    return _("Delegation submitted: %(meeting)s", meeting=title), "\n".join(lines)
