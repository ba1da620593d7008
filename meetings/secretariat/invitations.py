"""Views of a meeting's invitation list."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meetings.access import current_actor, staff_group, staff_invitation, staff_meeting
from meetings.collation import un_sorted
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import (
    InvitationCategory,
    InvitationStatus,
    Meeting,
    Party,
    PartyGroup,
    PartyName,
    RecipientKind,
)
from meetings.secretariat.blueprint import bp
from meetings.secretariat.confirm import ask, flash_undo
from meetings.secretariat.data_forms import ImportForm
from meetings.secretariat.registry_forms import AddGroupForm, AddPartyForm, InvitationForm
from meetings.secretariat.words import state_word
from meetings.services import invitations as invitation_service
from meetings.services import undo as undo_service
from meetings.services.parties import visible_to


@cache  # the statement is built once: only the secretariat changes
def _parties_query() -> sa.Select:
    english = sa.orm.aliased(PartyName)
    return sa.select(Party.id, Party.iso3, english.short_name) \
        .outerjoin(english, sa.and_(english.party_id == Party.id, english.language == "en")) \
        .where(visible_to(sa.bindparam("secretariat_ids", expanding=True)))


def _add_forms(meeting: Meeting, formdata=None) -> tuple[AddGroupForm, AddPartyForm]:
    groups = db.session.scalars(
        sa.select(PartyGroup).where(PartyGroup.secretariat_id == meeting.secretariat_id)
        .order_by(PartyGroup.name)
    ).all()
    group_form = AddGroupForm(formdata=formdata, prefix="g")
    group_form.group.choices = [(g.id, g.label) for g in groups]
    party_form = AddPartyForm(formdata=formdata, prefix="p")
    # The parties' English names as plain rows: the list of 200 choices builds no objects.
    rows = db.session.execute(_parties_query(),
                              {"secretariat_ids": [meeting.secretariat_id]}).all()
    named = [(pid, name or iso3 or f"Party {pid}", iso3) for pid, iso3, name in rows]
    party_form.party.choices = [(pid, name + (f" ({iso3})" if iso3 else ""))
                                for pid, name, iso3 in un_sorted(named, lambda row: row[1])]
    return group_form, party_form


def _row_urls() -> dict[str, str]:
    """Each row's addresses as templates built once: 200 rows, five links each, no url_for."""
    marker = 987654321
    return {key: url_for(endpoint, invitation_id=marker).replace(str(marker), "{}")
            for key, endpoint in (("invitation", ".invitation"), ("note", ".note_preview"),
                                  ("edit", ".edit_invitation"),
                                  ("reinstate", ".reinstate_invitation"),
                                  ("remove", ".remove_invitation"))}


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the list's table, every text worked out: the template only writes them."""

    group: str | None  # the category's heading, on the first line of each category
    withdrawn: bool
    name: str
    addressee: str
    language: str
    emails: str
    status: str
    delegation: tuple[str, str] | None  # (the badge's class, its text)
    declined: bool
    reference: str | None
    # Its addresses: the party's invitation, its note, edit, reinstate, remove.
    invitation_url: str
    note_url: str
    edit_url: str
    reinstate_url: str
    remove_url: str


def lines(invitations: list[invitation_service.ListedInvitation]) -> list[Line]:
    """The table's rows: each label translated once per distinct value (a state, a category),
    each address from a template built once (_row_urls), not once per row."""
    templates = _row_urls()
    words: dict[object, str] = {}
    delegations: dict[object, tuple[str, str]] = {}
    built, current = [], None
    for inv in invitations:
        group = None
        if inv.category != current:
            current = inv.category
            group = inv.category.label
        if inv.status not in words:
            words[inv.status] = state_word(inv.status)
        delegation = None
        if inv.delegation is not None:
            if inv.delegation not in delegations:
                delegations[inv.delegation] = (inv.delegation.value, _(
                    "delegation %(state)s", state=state_word(inv.delegation)))
            delegation = delegations[inv.delegation]
        number = str(inv.id)
        built.append(Line(
            group=group, withdrawn=inv.status == InvitationStatus.WITHDRAWN,
            name=inv.name, addressee=inv.addressee, language=inv.language,
            emails=", ".join(inv.emails), status=words[inv.status], delegation=delegation,
            declined=inv.declined, reference=inv.reference,
            invitation_url=templates["invitation"].format(number),
            note_url=templates["note"].format(number), edit_url=templates["edit"].format(number),
            reinstate_url=templates["reinstate"].format(number),
            remove_url=templates["remove"].format(number)))
    return built


def _render_list(meeting: Meeting, group_form: AddGroupForm, party_form: AddPartyForm,
                 status: int = 200, **extra):
    """`extra`: what the import's form or preview shows (meetings/secretariat/data_io.py)."""
    extra.setdefault("import_form", ImportForm(formdata=None))
    language = request.args.get("lang", "en")
    invitations = invitation_service.listed(meeting, language)
    withdrawn = sum(1 for inv in invitations if inv.status == InvitationStatus.WITHDRAWN)
    return render_template(
        "secretariat/invitations.html", meeting=meeting, lines=lines(invitations),
        active=len(invitations) - withdrawn, withdrawn=withdrawn,
        language=language, group_form=group_form, party_form=party_form,
        can_edit=current_user.role_in(meeting.secretariat).can_edit, **extra,
    ), status


@bp.get("/meetings/<slug>/invitations")
@login_required
def invitations(slug: str):
    meeting = staff_meeting(slug)
    return _render_list(meeting, *_add_forms(meeting))


@bp.post("/meetings/<slug>/invitations/from-group")
@login_required
def invite_group(slug: str):
    meeting = staff_meeting(slug, True)
    group_form, party_form = _add_forms(meeting, request.form)
    if group_form.validate_on_submit():
        group = staff_group(group_form.group.data)
        category = InvitationCategory(group_form.category.data or group.default_category.value)
        added, already = invitation_service.invite_group(meeting, group, category, current_actor())
        db.session.commit()
        message = f"{len(added)} invited from “{group.name}” as {category.label}."
        if already:
            message += f" {len(already)} were already on the list and were left as they are."
        flash(message, "success")
        return redirect(url_for(".invitations", slug=slug))
    return _render_list(meeting, group_form, _add_forms(meeting)[1], 422)


@bp.post("/meetings/<slug>/invitations/party")
@login_required
def invite_party(slug: str):
    meeting = staff_meeting(slug, True)
    group_form, party_form = _add_forms(meeting, request.form)
    if party_form.validate_on_submit():
        party = db.get_or_404(Party, party_form.party.data)
        try:
            invitation_service.invite(meeting, party, InvitationCategory(party_form.category.data),
                                      current_actor())
        except RuleBroken as broken:
            party_form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("%(party)s invited.", party=party.short_name()), "success")
            return redirect(url_for(".invitations", slug=slug))
    return _render_list(meeting, _add_forms(meeting)[0], party_form, 422)


@bp.route("/invitations/<int:invitation_id>/edit", methods=["GET", "POST"])
@login_required
def edit_invitation(invitation_id: int):
    invitation = staff_invitation(invitation_id, edit=True)
    form = InvitationForm(obj=invitation)
    if form.validate_on_submit():
        invitation_service.update_invitation(invitation, {
            "category": InvitationCategory(form.category.data), "addressee": form.addressee.data,
            **({"recipient_kind": RecipientKind(form.recipient_kind.data)}
               if form.recipient_kind.data else {}),
            "addressee_in_text": form.addressee_in_text.data,
            "emails": form.emails.data, "language": form.language.data,
        }, current_actor())
        db.session.commit()
        flash(_("Invitation saved."), "success")
        return redirect(url_for(".invitations", slug=invitation.meeting.slug))
    return render_template("secretariat/invitation_form.html", form=form, invitation=invitation), \
        422 if request.method == "POST" else 200


@bp.route("/invitations/<int:invitation_id>/remove", methods=["GET", "POST"])
@login_required
def remove_invitation(invitation_id: int):
    """Asks first; a party removed before any note was issued can be put back (Undo)."""
    invitation = staff_invitation(invitation_id, edit=True)
    name, meeting = invitation.party.short_name(), invitation.meeting
    back = url_for(".invitations", slug=meeting.slug)
    deletes = invitation_service.removes_outright(invitation)
    if request.method == "GET":
        return ask(_("Remove %(party)s from the invitation list?", party=name), [
            _("Nothing was sent to it yet: it is taken off the list, and you can undo this "
              "afterwards.") if deletes else
            _("A note was issued or a delegation registered: the invitation is withdrawn and "
              "kept with what it received, and can be reinstated.")],
            action=url_for(".remove_invitation", invitation_id=invitation_id),
            button=_("Remove") if deletes else _("Withdraw"), cancel=back)
    outcome = invitation_service.remove_invitation(invitation, current_actor())
    db.session.flush()
    event_id = undo_service.last_event(meeting, "Invitation", invitation_id,
                                       "invitation removed")
    db.session.commit()
    if outcome == "removed" and event_id is not None:
        flash_undo(_("%(party)s removed from the list.", party=name),
                   url_for(".undo_event", slug=meeting.slug, event_id=event_id), back)
    else:
        flash(_("%(party)s withdrawn: what it sent is kept and the invitation can be reinstated.",
                party=name), "info")
    return redirect(back)


@bp.post("/invitations/<int:invitation_id>/reinstate")
@login_required
def reinstate_invitation(invitation_id: int):
    invitation = staff_invitation(invitation_id, edit=True)
    invitation_service.reinstate(invitation, current_actor())
    db.session.commit()
    flash(_("%(party)s reinstated.", party=invitation.party.short_name()), "success")
    return redirect(url_for(".invitations", slug=invitation.meeting.slug))
