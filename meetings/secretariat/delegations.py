"""The secretariat's view of a delegation: versions, the note received, confirm or return it."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meetings import clock, i18n
from meetings.access import current_actor, staff_invitation
from meetings.downloads import send_stored
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.history import named_meetings
from meetings.models import Invitation
from meetings.registration.flow import handle
from meetings.secretariat.blueprint import bp
from meetings.secretariat.confirm import ask
from meetings.services import declines, mission_mail, private_links, retention
from meetings.services import delegations as service
from meetings.services.feeds import revoke_delegate_link
from meetings.services.meetings import linked_group
from meetings.urls import registration_url


def _told(invitation: Invitation) -> str:
    """What the officer reads about the e-mail that went, or could not go, to the mission."""
    if mission_mail.recipients(invitation):
        return _("The mission is told by e-mail, in the invitation's language.")
    return _("The mission has no e-mail address on file: it is not told by e-mail.")


@bp.get("/invitations/<int:invitation_id>")
@login_required
def invitation(invitation_id: int):
    invitation = staff_invitation(invitation_id)
    return _invitation_page(invitation, None,
                            current_user.role_in(invitation.meeting.secretariat).can_edit)


def _invitation_page(invitation: Invitation, new_link: str | None, can_edit: bool) -> str:
    """The invitation, its delegation and its versions, whose changes name meetings, not ids."""
    delegation = invitation.delegation
    titles = {m.id: m.display_title for m in linked_group(invitation.meeting)}
    changes = {v.id: [named_meetings(c, titles) for c in v.changes]
               for v in (delegation.versions if delegation else [])}
    return render_template("secretariat/invitation.html", invitation=invitation,
                           delegation=delegation, new_link=new_link, can_edit=can_edit,
                           version_changes=changes,
                           can_decline=declines.can_decline(invitation))


@bp.get("/invitations/<int:invitation_id>/note-verbale")
@login_required
def delegation_note(invitation_id: int):
    invitation = staff_invitation(invitation_id)
    delegation = invitation.delegation
    if delegation is None or delegation.note_file is None:
        abort(404)
    return send_stored(delegation.note_file)


@bp.post("/invitations/<int:invitation_id>/confirm")
@login_required
def confirm_delegation(invitation_id: int):
    invitation = staff_invitation(invitation_id, edit=True)
    if invitation.delegation is None or invitation.delegation.submitted_at is None:
        abort(409)
    service.confirm(invitation.delegation, current_actor(), clock.now())
    db.session.commit()
    flash(_("Delegation confirmed.") + " " + _told(invitation), "success")
    return redirect(url_for(".invitation", invitation_id=invitation_id))


@bp.post("/invitations/<int:invitation_id>/return")
@login_required
def return_delegation(invitation_id: int):
    invitation = staff_invitation(invitation_id, edit=True)
    comment = (request.form.get("comment") or "").strip()
    if invitation.delegation is None or not comment:
        flash(_("Say what the focal point should correct."), "error")
        return redirect(url_for(".invitation", invitation_id=invitation_id))
    service.return_to_focal_point(invitation.delegation, comment, current_actor())
    db.session.commit()
    flash(_("Delegation returned to the focal point with your comment.") + " "
          + _told(invitation), "success")
    return redirect(url_for(".invitation", invitation_id=invitation_id))


@bp.route("/invitations/<int:invitation_id>/delegation", methods=["GET", "POST"])
@login_required
def delegation_on_behalf(invitation_id: int):
    """Registering a delegation from a note received on paper, recorded as such."""
    invitation = staff_invitation(invitation_id, edit=request.method == "POST")
    here = url_for(".delegation_on_behalf", invitation_id=invitation_id)
    return handle(invitation, current_actor(), secret=None, on_behalf=True, again=here,
                  done=url_for(".invitation", invitation_id=invitation_id))


@bp.get("/invitations/<int:invitation_id>/link/new")
@login_required
def confirm_new_link(invitation_id: int):
    """The step before a new link: the officer reads that the current link stops working."""
    invitation = staff_invitation(invitation_id, edit=True)
    return render_template("secretariat/new_link_confirm.html", invitation=invitation,
                           recipients=mission_mail.recipients(invitation),
                           language_name=i18n.language_name(invitation.language))


@bp.route("/invitations/<int:invitation_id>/link", methods=["GET", "POST"])
@login_required
def new_link(invitation_id: int):
    """Revoke the private link, or issue another (shown once to the officer and mailed to the
    mission); each asks first: a GET or a POST without the confirmation's answer."""
    invitation = staff_invitation(invitation_id, edit=True)
    if request.method == "GET" and not request.args.get("revoke_only"):
        return redirect(url_for(".confirm_new_link", invitation_id=invitation_id))
    if request.method == "GET":
        revoke_only = True
        name = invitation.party.short_name()
        return ask(
            _("Revoke the private link of %(party)s?", party=name) if revoke_only
            else _("Issue a new private link for %(party)s?", party=name),
            [_("The link in the note verbale and in e-mails already sent stops working at once; "
               "a revoked link cannot be brought back.")]
            + ([] if revoke_only else [_("The new link is shown to you once; give it to the "
                                         "government, or issue a correction of the note.")]),
            action=url_for(".new_link", invitation_id=invitation_id),
            button=_("Revoke the link") if revoke_only else _("Issue a new link"),
            cancel=url_for(".invitation", invitation_id=invitation_id),
            hidden={"revoke_only": "1"} if revoke_only else None)
    if request.form.get("revoke_only"):
        private_links.revoke_link(invitation, current_actor())
        db.session.commit()
        flash(_("The private link is revoked; it no longer opens anything."), "success")
        return redirect(url_for(".invitation", invitation_id=invitation_id))
    if not request.form.get("confirmed"):
        return redirect(url_for(".confirm_new_link", invitation_id=invitation_id))
    secret = private_links.issue_link(invitation, current_actor(), clock.now())
    mission_mail.send(invitation, "new_link", current_actor())
    db.session.commit()
    link = registration_url(secret)
    flash(_("A new private link is issued; the previous one no longer works.") + " "
          + _told(invitation), "success")
    return _invitation_page(invitation, link, True)


@bp.post("/invitations/<int:invitation_id>/decline")
@login_required
def record_decline(invitation_id: int):
    """The secretariat records, or takes back, that the Government will not be represented."""
    invitation = staff_invitation(invitation_id, edit=True)
    try:
        if request.form.get("action") == "undo":
            changed = declines.undo(invitation, current_actor(), clock.now(), by_government=False)
            message = _("The Government is no longer recorded as not represented.")
        else:
            changed = declines.decline(invitation, current_actor(), clock.now())
            message = _("Recorded: the Government will not be represented. No reminder goes to it.")
    except RuleBroken as broken:
        flash(" ".join(broken.problems.values()), "error")
        return redirect(url_for(".invitation", invitation_id=invitation_id))
    db.session.commit()
    flash(message if changed else _("Nothing to change."), "success" if changed else "info")
    return redirect(url_for(".invitation", invitation_id=invitation_id))


@bp.route("/invitations/<int:invitation_id>/delegates/<int:delegate_id>/calendar/revoke",
          methods=["GET", "POST"])
@login_required
def revoke_calendar(invitation_id: int, delegate_id: int):
    """The delegate's private calendar link stops working; the next one shown is new."""
    invitation = staff_invitation(invitation_id, edit=True)
    delegates = invitation.delegation.delegates if invitation.delegation else []
    delegate = next((d for d in delegates if d.id == delegate_id), None) or abort(404)
    if request.method == "GET":
        return ask(_("Revoke the calendar link of %(name)s?", name=delegate.full_name),
                   [_("Calendars that subscribed to it stop updating; the link cannot be brought "
                      "back (a new one is made when the delegate's link is shown again).")],
                   action=url_for(".revoke_calendar", invitation_id=invitation_id,
                                  delegate_id=delegate_id),
                   button=_("Revoke the calendar link"),
                   cancel=url_for(".invitation", invitation_id=invitation_id))
    revoke_delegate_link(delegate, current_actor())
    db.session.commit()
    flash(_("The calendar link of %(name)s is revoked.", name=delegate.full_name), "success")
    return redirect(url_for(".invitation", invitation_id=invitation_id))


@bp.get("/invitations/<int:invitation_id>/delegates/<int:delegate_id>/personal-data.json")
@login_required
def export_delegate(invitation_id: int, delegate_id: int):
    """One delegate's data, for a request to see it; only officers, and the export is audited."""
    invitation = staff_invitation(invitation_id, edit=True)
    delegates = invitation.delegation.delegates if invitation.delegation else []
    delegate = next((d for d in delegates if d.id == delegate_id), None) or abort(404)
    data = retention.export_delegate(delegate, current_actor())
    db.session.commit()
    response = jsonify(data)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="delegate-{delegate.id}-personal-data.json"')
    response.headers["Cache-Control"] = "no-store"
    return response
