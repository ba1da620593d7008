"""The list of participants of a meeting, and the secretariat's settings for it."""
from __future__ import annotations

import unicodedata
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import BooleanField, Form, RadioField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from meetings import languages
from meetings.access import administered_secretariat, current_actor, staff_meeting
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.lists import render
from meetings.lists.texts import DEFAULT_HEADINGS
from meetings.models import InvitationCategory, Role
from meetings.secretariat.blueprint import bp
from meetings.secretariat.forms import LANGUAGE_CHOICES, ServiceRulesForm
from meetings.services import participants as service
from meetings.services.meetings import linked_group

FORMAT_LABELS = {"html": _l("HTML (print)"), "docx": "Word (.docx)", "pdf": "PDF",
                 "csv": "CSV", "xlsx": "Excel (.xlsx)"}


def _one_line(form, field) -> None:
    if field.data and any(unicodedata.category(ch) in {"Cc", "Cs", "Zl", "Zp"}
                          for ch in field.data):
        raise ValidationError("One line of text, without control characters.")


class ListForm(Form):
    """Read from the query string: choosing what to download changes nothing, so no CSRF token
    (a token in a URL would leak into logs and history)."""

    symbol = StringField(_l("Document symbol"), validators=[Optional(), Length(max=80), _one_line],
                         description=_l("E.g. CAC/COSP/EG.1/2012/INF/1; the running header of "
                                     "every page."))
    status = RadioField(_l("Status"), choices=[("provisional", _l("Provisional (before the meeting)")),
                                           ("final", _l("Final (after it)"))],
                        default="provisional")
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="en")
    scope = RadioField(_l("For"), choices=[("meeting", _l("This meeting")),
                                       ("group", _l("The linked group, meeting by meeting"))],
                       default="meeting")
    include_submitted = BooleanField(_l("Include delegations submitted but not yet confirmed "
                                        "(marked as such)"))


def _built(meeting, form: ListForm) -> service.ParticipantsList:
    return service.build(meeting, language=form.language.data or "en",
                         group=form.scope.data == "group", symbol=form.symbol.data or "",
                         status=form.status.data or "provisional",
                         include_submitted=bool(form.include_submitted.data))


@bp.get("/meetings/<slug>/participants")
@login_required
def participants(slug: str):
    meeting = staff_meeting(slug)
    form = ListForm(request.args)
    valid = form.validate() if request.args else True
    built = _built(meeting, form) if valid else None
    return render_template(
        "secretariat/participants.html", meeting=meeting, form=form, built=built,
        group=linked_group(meeting), formats=FORMAT_LABELS, pdf_available=bool(render.converter()),
        can_configure=current_user.role_in(meeting.secretariat) == Role.ADMIN,
    ), (200 if valid else 422)


@bp.get("/meetings/<slug>/participants/download")
@login_required
def participants_download(slug: str):
    meeting = staff_meeting(slug)
    form = ListForm(request.args)
    fmt = request.args.get("format", "html")
    if fmt not in render.FORMATS:
        abort(404)
    if not form.validate():
        return participants(slug)
    built = _built(meeting, form)
    try:
        data = render.as_format(built, fmt)
    except render.ConverterMissing as missing:
        flash(str(missing), "error")
        kept: dict[str, Any] = {k: v for k, v in request.args.items() if k != "format"}
        return redirect(url_for(".participants", slug=slug, **kept))
    response = Response(data, mimetype=render.MIME[fmt])
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{render.filename(built, fmt)}"'
    return response


# --- Settings: order and headings of the categories, family names ------------------------------

class ListSettingsForm(ServiceRulesForm):
    family_name = RadioField(_l("Family names"), choices=list(service.FAMILY_NAME_STYLES.items()))


@bp.route("/secretariats/<slug>/settings/participants", methods=["GET", "POST"])
@login_required
def participants_settings(slug: str):
    secretariat = administered_secretariat(slug)
    shown = [c for c in languages.CODES
             if c in (secretariat.languages or []) or c in languages.UN_OFFICIAL]
    form = ListSettingsForm(data={"family_name": secretariat.participants_family_name})
    order = service.category_order(secretariat)
    own = (secretariat.participants_sections or {}).get("headings") or {}
    values = {c.value: {lang: own.get(c.value, {}).get(lang) or "" for lang in shown}
              for c in InvitationCategory}
    positions = {c.value: i + 1 for i, c in enumerate(order)}
    problems: dict[str, str] = {}
    if form.validate_on_submit():
        positions = {c.value: _position(request.form.get(f"position-{c.value}"))
                     for c in InvitationCategory}
        values = {c.value: {lang: request.form.get(f"heading-{c.value}-{lang}", "")
                            for lang in shown} for c in InvitationCategory}
        chosen = sorted(positions, key=lambda v: (positions[v], v))
        if len(set(positions.values())) != len(positions):
            problems["order"] = "Give every category its own place."
        else:
            try:
                service.update_settings(secretariat, chosen, values, form.family_name.data,
                                        current_actor())
            except RuleBroken as broken:
                problems = dict(broken.problems)
                db.session.rollback()
            else:
                db.session.commit()
                flash(_("Settings of the list of participants saved."), "success")
                return redirect(url_for(".participants_settings", slug=slug))
        order = [InvitationCategory(v) for v in chosen]
    status = 422 if request.method == "POST" else 200
    return render_template(
        "secretariat/settings/participants.html", secretariat=secretariat, form=form,
        order=order, positions=positions, values=values, languages=shown, problems=problems,
        defaults=DEFAULT_HEADINGS, language_names=languages.NAMES), status


def _position(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return 0
