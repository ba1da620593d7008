"""Views of the registry: parties (States, organizations) and the secretariat's groups."""
from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from meetings import languages
from meetings.access import (
    current_actor,
    registry_editor,
    secretariat_to_create_in,
    staff_group,
    staff_secretariats,
)
from meetings.collation import un_sorted
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import InvitationCategory, Party, PartyGroup, PartyKind
from meetings.secretariat.blueprint import bp
from meetings.secretariat.registry_forms import GroupForm, MembersForm, PartyForm
from meetings.services import groups as group_service
from meetings.services import parties as party_service


@bp.get("/parties")
@login_required
def parties():
    language = request.args.get("lang", "en")
    kind = request.args.get("kind")
    query = sa.select(Party).options(selectinload(Party.names))
    if kind in {k.value for k in PartyKind}:
        query = query.where(Party.kind == PartyKind(kind))
    rows = un_sorted(db.session.scalars(query).all(), lambda p: p.short_name(language), language)
    return render_template("secretariat/parties.html", parties=rows, language=language, kind=kind)


@bp.route("/parties/new", methods=["GET", "POST"])
@login_required
def new_party():
    registry_editor()
    form = PartyForm()
    if form.validate_on_submit():
        try:
            party = party_service.create_party(
                PartyKind(form.kind.data), _party_values(form), form.names(), current_actor(),
                iso3=form.iso3.data,
            )
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(f"{party.short_name()} added to the registry.", "success")
            return redirect(url_for(".parties"))
    return render_template("secretariat/party_form.html", form=form, party=None), \
        422 if request.method == "POST" else 200


def _party_values(form: PartyForm) -> dict:
    return {"working_language": form.working_language.data,
            "default_addressee": form.default_addressee.data,
            "address": form.address.data, "emails": form.emails.data}


@bp.route("/parties/<int:party_id>/edit", methods=["GET", "POST"])
@login_required
def edit_party(party_id: int):
    registry_editor()
    party = db.session.get(Party, party_id) or abort(404)
    form = PartyForm(obj=party)
    if request.method == "GET":
        form.fill_names(party)
    if form.validate_on_submit():
        try:
            party_service.update_party(party, _party_values(form), form.names(), current_actor())
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            db.session.commit()
            flash(f"{party.short_name()} saved.", "success")
            return redirect(url_for(".parties"))
    missing = [code for code in languages.CODES
               if party.name_in(code) is None]
    return render_template("secretariat/party_form.html", form=form, party=party,
                           missing=missing), 422 if request.method == "POST" else 200


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
            flash("Group created; now add its members.", "success")
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
            report = group_service.match_lines(lines)
        except RuleBroken as broken:
            form.attach(broken.problems)
        else:
            if not report.problems or form.accept_partial.data:
                added = group_service.add_members(group, report.parties, current_actor(),
                                                  skipped=report.problems)
                db.session.commit()
                flash(f"{len(added)} added to the group; {len(report.parties) - len(added)} were "
                      f"already in it; {len(report.problems)} lines left out.",
                      "success" if not report.problems else "info")
                return redirect(url_for(".group", group_id=group.id))
    return render_template(
        "secretariat/group.html", group=group, language="en",
        members=group_service.members_in_un_order(group), form=form, report=report,
    ), 422


@bp.post("/groups/<int:group_id>/members/<int:party_id>/delete")
@login_required
def remove_group_member(group_id: int, party_id: int):
    group = staff_group(group_id, edit=True)
    party = next((p for p in group.parties if p.id == party_id), None) or abort(404)
    group_service.remove_member(group, party, current_actor())
    db.session.commit()
    flash(f"{party.short_name()} removed from the group.", "success")
    return redirect(url_for(".group", group_id=group.id))
