"""The secretariat's workspace: sign in, meetings, sittings, documents, links."""
from __future__ import annotations

import secrets
from datetime import date, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from babel.dates import format_date
from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.orm import selectinload

from meetings import clock, i18n
from meetings.access import (
    current_actor,
    meeting_document_file,
    secretariat_to_create_in,
    staff_meeting,
    staff_secretariats,
)
from meetings.dates import clock as clock_time
from meetings.dates import long_date
from meetings.downloads import send_stored
from meetings.errors import RuleBroken, SignInThrottled
from meetings.extensions import db
from meetings.inputs import plain_name
from meetings.models import (
    LinkKind,
    Meeting,
    MeetingDocument,
    MeetingLink,
    MeetingStatus,
    Sitting,
)
from meetings.secretariat.blueprint import bp
from meetings.secretariat.confirm import ask, flash_undo
from meetings.secretariat.forms import (
    DocumentForm,
    LinkForm,
    LoginForm,
    MeetingForm,
    SittingForm,
    SittingPatternForm,
)
from meetings.secretariat.history import latest_entries
from meetings.services import enclosures as enclosure_service
from meetings.services import meeting_states, sign_in
from meetings.services import meetings as meeting_service
from meetings.services import undo as undo_service
from meetings.services.files import DOCUMENTS, UploadRejected, checked_file


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = sign_in.authenticate(form.email.data or "", form.password.data or "",
                                        request.remote_addr or "?", clock.now())
        except SignInThrottled as throttled:
            db.session.commit()
            form.password.errors.append(
                f"Too many wrong passwords: sign-in is paused. Try again in {throttled.seconds} "
                "seconds.")
            return (render_template("secretariat/login.html", form=form), 429,
                    {"Retry-After": str(throttled.seconds)})
        if user is not None:
            user.login_nonce = secrets.token_urlsafe(12)  # a new remember-me token at every sign-in
            db.session.commit()
            session.permanent = True  # staff sessions end after PERMANENT_SESSION_LIFETIME
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")) or url_for(".meetings"))
        db.session.commit()  # keep the count of wrong passwords
        form.password.errors.append("The e-mail address or the password is not right.")
    return render_template("secretariat/login.html", form=form), 400 if form.errors else 200


def _safe_next(target: str | None) -> str | None:
    """Only follow a path on this site after sign-in: no scheme, no host, no backslash and no
    control character (browsers drop tabs, so "/%09/evil.example" would lead to "//evil.example")."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.post("/logout")
@login_required
def logout():
    """Signing out ends every session and remember-me cookie of this account, copies included."""
    current_user.session_version += 1
    db.session.commit()
    logout_user()
    return redirect(url_for(".login"))


@bp.get("/")
@login_required
def meetings():
    secretariats = staff_secretariats(current_user)
    rows = db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.secretariat_id.in_([s.id for s in secretariats]))
        .options(selectinload(Meeting.secretariat))
        .order_by(Meeting.first_day.desc(), Meeting.title)
    ).all()
    links = meeting_service.links_touching(rows)
    return render_template(
        "secretariat/meetings.html", meetings=rows, secretariats=secretariats, links=links
    )


@bp.route("/meetings/new", methods=["GET", "POST"])
@login_required
def new_meeting():
    editable, secretariat = secretariat_to_create_in(request.values.get("secretariat", type=int))
    form = MeetingForm()
    if request.method == "GET":
        form.timezone.data = secretariat.timezone
        form.languages.data = list(secretariat.languages)
    if form.validate_on_submit():
        try:
            meeting = meeting_service.create_meeting(secretariat, form.values(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Meeting %(title)s created.", title=repr(meeting.title)), "success")
            return redirect(url_for(".meeting", slug=meeting.slug))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "secretariat/meeting_form.html", form=form, meeting=None, secretariats=editable,
        secretariat=secretariat,
    ), status


@bp.get("/meetings/<slug>")
@login_required
def meeting(slug: str):
    meeting = staff_meeting(
        slug, False,
        selectinload(Meeting.sittings),
        selectinload(Meeting.documents).selectinload(MeetingDocument.file),
    )
    group = meeting_service.linked_group(meeting)
    links = db.session.scalars(
        sa.select(MeetingLink)
        .where(sa.or_(MeetingLink.meeting_id == meeting.id, MeetingLink.other_id == meeting.id))
        .options(selectinload(MeetingLink.meeting), selectinload(MeetingLink.other))
    ).all()
    return render_template(
        "secretariat/meeting.html", meeting=meeting, group=group, links=links,
        latest=latest_entries(meeting), enclosures=enclosure_service.plan(meeting),
        sitting_form=SittingForm(formdata=None), document_form=DocumentForm(formdata=None),
        link_form=_link_form(meeting, formdata=None),
        can_edit=current_user.role_in(meeting.secretariat).can_edit,
    )


@bp.route("/meetings/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_meeting(slug: str):
    meeting = staff_meeting(slug, True, selectinload(Meeting.sittings))
    form = MeetingForm(obj=meeting)
    if request.method == "GET":
        form.status.data = meeting_states.stored_choice(meeting.status).value
    if form.validate_on_submit():
        try:
            meeting_service.update_meeting(meeting, form.values(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Meeting saved."), "success")
            return redirect(url_for(".meeting", slug=meeting.slug))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "secretariat/meeting_form.html", form=form, meeting=meeting,
        secretariat=meeting.secretariat,
    ), status


@bp.route("/meetings/<slug>/sittings/new", methods=["GET", "POST"])
@login_required
def new_sitting(slug: str):
    meeting = staff_meeting(slug, True, selectinload(Meeting.sittings))
    form = SittingForm()
    if request.method == "GET":
        form.day.data = meeting.first_day
    if form.validate_on_submit():
        try:
            meeting_service.add_sitting(meeting, form.values(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Sitting added."), "success")
            return redirect(url_for(".meeting", slug=slug, _anchor="sittings"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "secretariat/sitting_form.html", form=form, meeting=meeting, sitting=None
    ), status


@bp.route("/meetings/<slug>/sittings/pattern", methods=["GET", "POST"])
@login_required
def sittings_pattern(slug: str):
    """Sittings entered as a pattern over the meeting's days, then edited one by one."""
    meeting = staff_meeting(slug, True, selectinload(Meeting.sittings))
    form = SittingPatternForm()
    days = [meeting.first_day + timedelta(days=n)
            for n in range((meeting.last_day - meeting.first_day).days + 1)]
    language = i18n.select_locale()
    form.days.choices = [(d.isoformat(), f"{format_date(d, 'EEEE', locale=language)} "
                                         f"{long_date(d, language)}") for d in days]
    if request.method == "GET":
        form.days.data = [d.isoformat() for d in days if d.weekday() < 5] or \
            [d.isoformat() for d in days]
    if form.validate_on_submit():
        try:
            added = meeting_service.add_sitting_pattern(
                meeting, [date.fromisoformat(d) for d in form.days.data or []],
                form.times.data or "", {"room": form.room.data, "title": form.title.data},
                current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(ngettext("%(num)d sitting added; edit it below.",
                           "%(num)d sittings added; edit any of them below.", len(added)),
                  "success")
            return redirect(url_for(".meeting", slug=slug, _anchor="sittings"))
    status = 422 if request.method == "POST" else 200
    return render_template("secretariat/sitting_pattern.html", form=form, meeting=meeting), status


def _staff_sitting(slug: str, sitting_id: int) -> Sitting:
    meeting = staff_meeting(slug, True, selectinload(Meeting.sittings))
    sitting = next((s for s in meeting.sittings if s.id == sitting_id), None)
    if sitting is None:
        abort(404)
    return sitting


@bp.route("/meetings/<slug>/sittings/<int:sitting_id>/edit", methods=["GET", "POST"])
@login_required
def edit_sitting(slug: str, sitting_id: int):
    sitting = _staff_sitting(slug, sitting_id)
    form = SittingForm(obj=sitting)
    if form.validate_on_submit():
        try:
            meeting_service.update_sitting(sitting, form.values(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Sitting saved."), "success")
            return redirect(url_for(".meeting", slug=slug, _anchor="sittings"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "secretariat/sitting_form.html", form=form, meeting=sitting.meeting, sitting=sitting
    ), status


@bp.route("/meetings/<slug>/sittings/<int:sitting_id>/delete", methods=["GET", "POST"])
@login_required
def delete_sitting(slug: str, sitting_id: int):
    """Asks first; a removed or cancelled sitting can be put back (Undo)."""
    sitting = _staff_sitting(slug, sitting_id)
    meeting = sitting.meeting
    back = url_for(".meeting", slug=slug, _anchor="sittings")
    if request.method == "GET":
        published = meeting.status != MeetingStatus.DRAFT
        when = dict(day=long_date(sitting.day, i18n.select_locale()),
                    start=clock_time(sitting.starts_at), end=clock_time(sitting.ends_at))
        return ask(_("Cancel the sitting of %(day)s, %(start)s–%(end)s?", **when) if published
                   else _("Remove the sitting of %(day)s, %(start)s–%(end)s?", **when),
                   [_("The meeting is published: the sitting stays in calendars, marked "
                      "cancelled.") if published else
                    _("The meeting is a draft: the sitting is deleted."),
                    _("You can undo this afterwards.")],
                   action=url_for(".delete_sitting", slug=slug, sitting_id=sitting_id),
                   button=_("Cancel the sitting") if published else _("Remove the sitting"),
                   cancel=back)
    outcome = meeting_service.remove_sitting(sitting, current_actor())
    db.session.flush()
    text = (_("Sitting removed.") if outcome == "removed" else
            _("Sitting cancelled: the meeting is published, so calendars keep it as cancelled."))
    _flash_undo(meeting, text, "Sitting", sitting_id, back)
    db.session.commit()
    return redirect(back)


def _flash_undo(meeting: Meeting, text: str, object_type: str, object_id: int, back: str) -> None:
    """The message after a removal, with an Undo button bound to the removal's audit event."""
    event_id = undo_service.last_event(meeting, object_type, object_id)
    if event_id is None:
        flash(text, "success")
        return
    flash_undo(text, url_for(".undo_event", slug=meeting.slug, event_id=event_id), back)


@bp.post("/meetings/<slug>/documents")
@login_required
def add_document(slug: str):
    meeting = staff_meeting(slug, True, selectinload(Meeting.documents))
    form = DocumentForm()
    if form.validate_on_submit():
        upload = form.upload.data
        try:
            stored = None
            if upload and upload.filename:
                stored = checked_file(
                    plain_name(upload.filename), upload.read(), DOCUMENTS,
                    current_app.config["UPLOAD_MAX_BYTES"],
                )
            meeting_service.add_document(
                meeting, form.title.data, current_actor(), url=form.url.data, file=stored,
                symbol=form.symbol.data, attached_to_note=form.attached_to_note.data,
            )
        except UploadRejected as rejected:
            form.upload.errors = [str(rejected)]
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Document added."), "success")
            return redirect(url_for(".meeting", slug=slug, _anchor="documents"))
    return render_template(
        "secretariat/document_form.html", form=form, meeting=meeting
    ), 422


def _meeting_document(slug: str, document_id: int) -> tuple[Meeting, MeetingDocument]:
    """A document of a meeting the officer may edit; 404 for another meeting's document."""
    meeting = staff_meeting(slug, True, selectinload(Meeting.documents))
    document = next((d for d in meeting.documents if d.id == document_id), None)
    if document is None:
        abort(404)
    return meeting, document


@bp.route("/meetings/<slug>/documents/<int:document_id>/delete", methods=["GET", "POST"])
@login_required
def delete_document(slug: str, document_id: int):
    meeting, document = _meeting_document(slug, document_id)
    back = url_for(".meeting", slug=slug, _anchor="documents")
    if request.method == "GET":
        return ask(_("Remove the document “%(title)s”?", title=document.title),
                   [_("It disappears from the meeting's pages and from notes issued from now "
                      "on; notes already issued keep it. You can undo this afterwards.")],
                   action=url_for(".delete_document", slug=slug, document_id=document_id),
                   button=_("Remove the document"), cancel=back)
    meeting_service.remove_document(document, current_actor())
    db.session.flush()
    _flash_undo(meeting, _("Document removed."), "MeetingDocument", document_id, back)
    db.session.commit()
    return redirect(back)


@bp.post("/meetings/<slug>/documents/<int:document_id>/with-note")
@login_required
def document_with_note(slug: str, document_id: int):
    """Whether the document goes with the note verbale: a button on each row of the table."""
    document = _meeting_document(slug, document_id)[1]
    attached = request.form.get("attached") == "1"
    meeting_service.send_with_note(document, attached, current_actor())
    db.session.commit()
    flash(_("“%(title)s” goes with the notes issued from now on.", title=document.title)
          if attached else
          _("“%(title)s” no longer goes with the notes issued from now on.", title=document.title),
          "success")
    return redirect(url_for(".meeting", slug=slug, _anchor="documents"))


@bp.get("/meetings/<slug>/documents/<int:document_id>/file")
@login_required
def document_file(slug: str, document_id: int):
    return send_stored(meeting_document_file(staff_meeting(slug), document_id))


def _link_form(meeting: Meeting, formdata=...) -> LinkForm:
    kwargs = {} if formdata is ... else {"formdata": formdata}
    form = LinkForm(**kwargs)
    others = db.session.scalars(
        sa.select(Meeting)
        .where(Meeting.secretariat_id == meeting.secretariat_id, Meeting.id != meeting.id)
        .order_by(Meeting.first_day.desc())
    ).all()
    form.other.choices = [(m.id, f"{m.title} ({m.first_day:%d %b %Y})") for m in others]
    return form


@bp.post("/meetings/<slug>/links")
@login_required
def add_link(slug: str):
    meeting = staff_meeting(slug, True)
    form = _link_form(meeting)
    if form.validate_on_submit():
        other = db.get_or_404(Meeting, form.other.data)
        try:
            meeting_service.link_meetings(meeting, other, LinkKind(form.kind.data), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Meetings linked."), "success")
            return redirect(url_for(".meeting", slug=slug, _anchor="links"))
    return render_template("secretariat/link_form.html", form=form, meeting=meeting), 422


@bp.route("/meetings/<slug>/links/<int:link_id>/delete", methods=["GET", "POST"])
@login_required
def delete_link(slug: str, link_id: int):
    meeting = staff_meeting(slug, True)
    link = db.session.get(MeetingLink, link_id)
    if link is None or meeting.id not in (link.meeting_id, link.other_id):
        abort(404)
    if request.method == "GET":
        return ask(_("Remove the link between these meetings?"),
                   [f"{link.meeting.title} {link.kind.label} {link.other.title}.",
                    _("Notes issued from now on no longer mention the other meeting, and a "
                      "delegation registers for this meeting alone.")],
                   action=url_for(".delete_link", slug=slug, link_id=link_id),
                   button=_("Remove the link"),
                   cancel=url_for(".meeting", slug=slug, _anchor="links"))
    meeting_service.unlink(link, current_actor())
    db.session.commit()
    flash(_("Link removed."), "success")
    return redirect(url_for(".meeting", slug=slug, _anchor="links"))

