"""Views of the registry: parties (States, organizations) and the secretariat's groups."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from meetings import languages
from meetings.access import (
    current_actor,
    party_names_editor,
    secretariat_to_create_in,
    staff_group,
    staff_party,
    staff_secretariat,
    staff_secretariats,
)
from meetings.collation import un_sorted
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    InvitationCategory,
    Party,
    PartyContact,
    PartyGroup,
    PartyKind,
)
from meetings.secretariat.blueprint import bp
from meetings.secretariat.confirm import ask
from meetings.secretariat.registry_forms import ContactForm, GroupForm, MembersForm, PartyForm
from meetings.services import groups as group_service
from meetings.services import parties as party_service


@bp.get("/parties")
@login_required
def parties():
    """The shared registry and the secretariat's own parties, with its own contact data."""
    secretariat = staff_secretariat(request.args.get("secretariat", type=int))
    language = request.args.get("lang", "en")
    kind = request.args.get("kind")
    query = sa.select(Party).where(party_service.visible_to([secretariat.id])) \
        .options(selectinload(Party.names))
    contacts = {c.party_id: c for c in db.session.scalars(
        sa.select(PartyContact).where(PartyContact.secretariat_id == secretariat.id))}
    if kind in {k.value for k in PartyKind}:
        query = query.where(Party.kind == PartyKind(kind))
    rows = un_sorted(db.session.scalars(query).all(), lambda p: p.short_name(language), language)
    return render_template(
        "secretariat/parties.html", parties=rows, language=language, kind=kind,
        secretariat=secretariat, contacts=contacts, secretariats=staff_secretariats(current_user),
        can_edit=current_user.role_in(secretariat).can_edit,
    )


def _owner_choices(party: Party | None) -> list[tuple[str, str]]:
    """Where a new party may go: the shared registry for the service's admins, else one's own."""
    if party is not None:
        return [(str(party.secretariat_id or ""), party.secretariat.name if party.secretariat
                 else "The shared registry")]
    choices = [("", _l("The shared registry (every secretariat)"))] \
        if current_user.is_service_admin else []
    return choices + [(str(m.secretariat.id), f"{m.secretariat.name} only")
                      for m in current_user.memberships if m.role.can_edit]


@bp.route("/parties/new", methods=["GET", "POST"])
@login_required
def new_party():
    form = PartyForm()
    form.owner.choices = _owner_choices(None)
    if not form.owner.choices:
        abort(403)
    if form.validate_on_submit():
        owner = None
        if form.owner.data:
            owner = staff_secretariat(int(form.owner.data), edit=True)
        elif not current_user.is_service_admin:
            abort(403)
        try:
            party = party_service.create_party(
                PartyKind(form.kind.data), _party_values(form), form.names(), current_actor(),
                iso3=form.iso3.data, secretariat=owner,
            )
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("%(party)s added to the registry.", party=party.short_name()), "success")
            return redirect(url_for(".parties", secretariat=owner.id if owner else None))
    return render_template("secretariat/party_form.html", form=form, party=None), \
        422 if request.method == "POST" else 200


def _party_values(form: PartyForm) -> dict:
    return {"working_language": form.working_language.data, "address": form.address.data}


@bp.route("/parties/<int:party_id>/edit", methods=["GET", "POST"])
@login_required
def edit_party(party_id: int):
    """The UN names are shared: an officer changing Austria's would change it for everyone."""
    party = staff_party(party_id)
    party_names_editor(party)
    form = PartyForm(obj=party)
    form.owner.choices = _owner_choices(party)
    if request.method == "GET":
        form.fill_names(party)
    if form.validate_on_submit():
        try:
            party_service.update_party(party, _party_values(form), form.names(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("%(party)s saved.", party=party.short_name()), "success")
            return redirect(url_for(".parties", secretariat=party.secretariat_id))
    missing = [code for code in languages.CODES
               if party.name_in(code) is None]
    return render_template("secretariat/party_form.html", form=form, party=party,
                           missing=missing), 422 if request.method == "POST" else 200


@bp.route("/parties/<int:party_id>/contact", methods=["GET", "POST"])
@login_required
def party_contact(party_id: int):
    """How this secretariat reaches the party: its own addressees and addresses."""
    party = staff_party(party_id)
    secretariat = staff_secretariat(request.args.get("secretariat", type=int),
                                    edit=request.method == "POST")
    if party.secretariat_id not in (None, secretariat.id):
        abort(404)
    contact = party.contact_of(secretariat.id)
    form = ContactForm()
    if request.method == "GET" and contact is not None:
        form.fill(contact)
    if form.validate_on_submit():
        try:
            party_service.save_contact(party, secretariat, form.values(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("%(secretariat)s: %(party)s saved.",
                    secretariat=secretariat.acronym or secretariat.name,
                    party=party.short_name()), "success")
            return redirect(url_for(".parties", secretariat=secretariat.id))
    return render_template(
        "secretariat/party_contact.html", form=form, party=party, secretariat=secretariat,
        can_edit=current_user.role_in(secretariat).can_edit,
    ), 422 if request.method == "POST" else 200


REGISTRY_OBJECTS = ("Party", "PartyContact", "PartyGroup")


@bp.get("/parties/history")
@login_required
def registry_history():
    """What this secretariat changed in its registry; another secretariat's changes never show."""
    if request.args.get("shared") and current_user.is_service_admin:
        where: sa.ColumnElement[bool] = AuditEvent.secretariat_id.is_(None)
        secretariat = None
    else:
        secretariat = staff_secretariat(request.args.get("secretariat", type=int))
        where = AuditEvent.secretariat_id == secretariat.id
    events = db.session.scalars(
        sa.select(AuditEvent).where(where, AuditEvent.object_type.in_(REGISTRY_OBJECTS))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(200)
    ).all()
    return render_template("secretariat/registry_history.html", events=events,
                           secretariat=secretariat)


@bp.get("/groups")
@login_required
def groups():
    secretariats = staff_secretariats(current_user)
    rows = db.session.scalars(
        sa.select(PartyGroup)
        .where(PartyGroup.secretariat_id.in_([s.id for s in secretariats]))
        .options(selectinload(PartyGroup.secretariat), selectinload(PartyGroup.parties))
        .order_by(PartyGroup.name)
    ).all()
    return render_template("secretariat/groups.html", groups=rows)


@bp.route("/groups/new", methods=["GET", "POST"])
@login_required
def new_group():
    editable, secretariat = secretariat_to_create_in(request.values.get("secretariat", type=int))
    form = GroupForm()
    if form.validate_on_submit():
        try:
            group = group_service.create_group(
                secretariat, form.name.data, current_actor(), as_of=form.as_of.data, note=form.note.data,
                default_category=InvitationCategory(form.default_category.data),
            )
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(_("Group created; now add its members."), "success")
            return redirect(url_for(".group", group_id=group.id))
    return render_template("secretariat/group_form.html", form=form, secretariats=editable,
                           secretariat=secretariat), 422 if request.method == "POST" else 200


@bp.get("/groups/<int:group_id>")
@login_required
def group(group_id: int):
    group = staff_group(group_id)
    language = request.args.get("lang", "en")
    return render_template(
        "secretariat/group.html", group=group, language=language,
        members=group_service.members_in_un_order(group, language),
        form=MembersForm(formdata=None), report=None,
    )


@bp.post("/groups/<int:group_id>/members")
@login_required
def add_group_members(group_id: int):
    """Add members from typed lines or a CSV/XLSX file; nothing unmatched is dropped silently."""
    group = staff_group(group_id, edit=True)
    form = MembersForm()
    report = None
    if form.validate_on_submit():
        try:
            upload = form.upload.data
            if upload and upload.filename:
                lines = group_service.lines_from_upload(upload.filename, upload.read())
            else:
                lines = group_service.lines_from_text(form.lines.data or "")
            if not lines:
                raise RuleBroken({"lines": "Type at least one party, or choose a file."})
            report = group_service.match_lines(lines, secretariat=group.secretariat)
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            if not report.problems or form.accept_partial.data:
                added = group_service.add_members(group, report.parties, current_actor(),
                                                  skipped=report.problems)
                db.session.commit()
                flash(_("%(added)s added to the group; %(already)s were already in it; "
                        "%(left_out)s lines left out.", added=len(added),
                        already=len(report.parties) - len(added),
                        left_out=len(report.problems)),
                      "success" if not report.problems else "info")
                return redirect(url_for(".group", group_id=group.id))
    return render_template(
        "secretariat/group.html", group=group, language="en",
        members=group_service.members_in_un_order(group), form=form, report=report,
    ), 422


@bp.route("/groups/<int:group_id>/members/<int:party_id>/delete", methods=["GET", "POST"])
@login_required
def remove_group_member(group_id: int, party_id: int):
    group = staff_group(group_id, edit=True)
    party = next((p for p in group.parties if p.id == party_id), None) or abort(404)
    if request.method == "GET":
        return ask(_("Remove %(party)s from the group “%(group)s”?", party=party.short_name(),
                     group=group.name),
                   [_("Invitation lists already made from the group keep it; the group's next "
                      "use leaves it out. You can add it again with the group's form.")],
                   action=url_for(".remove_group_member", group_id=group_id, party_id=party_id),
                   button="Remove from the group", cancel=url_for(".group", group_id=group_id))
    group_service.remove_member(group, party, current_actor())
    db.session.commit()
    flash(_("%(party)s removed from the group.", party=party.short_name()), "success")
    return redirect(url_for(".group", group_id=group.id))
