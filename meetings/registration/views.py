"""The page a Permanent Mission opens from the note verbale: its delegation, and nobody else's."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from meetings import clock
from meetings.downloads import send_stored
from meetings.errors import RuleBroken, TooManyAttempts
from meetings.extensions import db
from meetings.models import Delegation, Invitation, InvitationStatus, Meeting, Party
from meetings.registration.blueprint import bp
from meetings.registration.flow import handle
from meetings.registration.forms import CodeForm
from meetings.registration.texts import RTL, texts_for
from meetings.services import declines, private_links, retention
from meetings.services.audit import Actor
from meetings.services.meetings import linked_group
from meetings.urls import delegate_calendar_url

# What the registration page reads, loaded with the invitation: its meeting and secretariat,
# the party and its addresses (the addressee), and the delegation with its delegates and scan
# (the meetings each delegate attends are matched to the linked group: Page).
PAGE_LOADS = (
    joinedload(Invitation.meeting).joinedload(Meeting.secretariat),
    joinedload(Invitation.party).joinedload(Party.contacts),
    joinedload(Invitation.delegation).options(
        selectinload(Delegation.delegates), joinedload(Delegation.note_file)),
)


def _invitation(secret: str, *options: ORMOption) -> Invitation:
    """Load and authorise in one place: the link's hash, or the same plain page for anything else."""
    try:
        invitation = private_links.invitation_by_secret(secret, request.remote_addr or "?",
                                                        clock.now(), *options)
    except TooManyAttempts:
        db.session.commit()
        abort(429)
    if invitation is None or invitation.status == InvitationStatus.WITHDRAWN:
        db.session.commit()  # keep the count of wrong guesses
        abort(404)
    if retention.links_expired([invitation.meeting], clock.now()):
        abort(404)  # long after the meeting, as if it had never existed
    return invitation


@bp.route("/register", methods=["GET", "POST"])
def enter_code():
    """The page where a person types the code printed beside the link: it opens the same page
    as the link; a wrong code gets the same answer as a wrong link, and counts like one."""
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template("registration/code.html", form=form), \
            422 if form.code.errors and form.code.data else 200
    try:
        invitation = private_links.invitation_by_code(form.code.data, request.remote_addr or "?",
                                                      clock.now())
    except TooManyAttempts:
        db.session.commit()
        abort(429)
    secret = private_links.registration_secret(invitation)
    if invitation is None or secret is None or invitation.status == InvitationStatus.WITHDRAWN \
            or retention.links_expired([invitation.meeting], clock.now()):
        db.session.commit()  # keep the count of wrong guesses
        abort(404)
    return redirect(url_for(".register", secret=secret), 303)


@bp.route("/register/<secret>", methods=["GET", "POST"])
def register(secret: str):
    invitation = _invitation(secret, *PAGE_LOADS)
    if request.method == "GET" and private_links.mark_opened(invitation, clock.now()):
        db.session.commit()  # once per invitation, the first time its link is opened
    actor = Actor.system(f"focal point of {invitation.party.short_name()} (private link)")
    return handle(invitation, actor, secret=secret,
                  done=url_for(".confirmation", secret=secret),
                  again=url_for(".register", secret=secret))


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
                           calendars=calendars, secret=secret,
                           group=linked_group(invitation.meeting))


@bp.route("/register/<secret>/decline", methods=["GET", "POST"])
def decline(secret: str):
    """“The Government will not be represented”: confirmed on this page, taken back here too."""
    invitation = _invitation(secret)
    texts, language, fell_back = texts_for(invitation.language)
    if request.method == "POST":
        actor = Actor.system(f"focal point of {invitation.party.short_name()} (private link)")
        try:
            if request.form.get("action") == "undo":
                declines.undo(invitation, actor, clock.now(), by_government=True)
            else:
                declines.decline(invitation, actor, clock.now())
        except RuleBroken as broken:
            db.session.rollback()
            for key in broken.problems:
                flash(str(texts.get(key, broken.problems[key])), "error")
        else:
            db.session.commit()
        return redirect(url_for(".register", secret=secret))
    return render_template("registration/decline.html", invitation=invitation,
                           meeting=invitation.meeting, t=texts, lang=language,
                           rtl=language in RTL, fell_back=fell_back, secret=secret,
                           can_decline=declines.can_decline(invitation),
                           may_undo=declines.government_may_undo(invitation, clock.now()))


@bp.get("/register/<secret>/note")
def note_file(secret: str):
    invitation = _invitation(secret)
    delegation = invitation.delegation
    if delegation is None or delegation.note_file is None:
        abort(404)
    return send_stored(delegation.note_file)


@bp.after_request
def _private_headers(response):
    """The address of these pages is the secret: no Referer carries it, no cache keeps them."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(404)
def invalid_link(_error):
    """The same plain page for an unknown, revoked or malformed link: no hint it ever existed."""
    return render_template("registration/invalid.html", too_many=False), 404


@bp.errorhandler(429)
def too_many(_error):
    return render_template("registration/invalid.html", too_many=True), 429
