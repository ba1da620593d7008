"""A secretariat's own settings: what its notes, pages, e-mails and calendars are built from."""
from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from meetings.access import (
    administered_secretariat,
    current_actor,
    service_admin,
    staff_secretariats,
)
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import InvitationCategory, Role, SenderGender
from meetings.secretariat.blueprint import bp
from meetings.secretariat.forms import (
    LANGUAGE_CHOICES,
    MultiCheckboxField,
    ServiceRulesForm,
    _blank_to_none,
)
from meetings.services import enclosures, references, staff
from meetings.services import secretariats as service
from meetings.services.invitations import EUROPEAN_UNION_PLACES
from meetings.services.notes import NOTE_FILES, NUMBERINGS, today_at
from meetings.urls import public_base_url

LOCALIZED_LABELS = {"name": _l("Name"), "sender": _l("Sender formula"), "office": _l("Office"),
                    "office_short": _l("Office in running text"),
                    "city": _l("City"), "postal_address": _l("Postal address"),
                    "letterhead": _l("Letterhead text"), "motto": _l("Motto"),
                    "mission_pattern": _l("Addressee of a State"),
                    "collective_addressee": _l("Collective addressee (circular notes)"),
                    "collective_addressee_in_text": _l("Collective addressee in the opening formula")}
MARK_PREFIX = "mark_"
SENDER_GENDERS = {SenderGender.MASCULINE: _l("Masculine"), SenderGender.FEMININE: _l("Feminine"),
                  SenderGender.NEUTER: _l("Neuter")}


def _text(label: Any, max_length: int = 300, required: bool = False, **kwargs: Any) -> StringField:
    checks = [DataRequired()] if required else [Optional()]
    return StringField(label, validators=[*checks, Length(max=max_length)],
                       filters=[_blank_to_none], **kwargs)


def _choices(labels: dict[str, str]) -> list[tuple[str, Any]]:
    """A service's choices (marked N_ there) in the page's language."""
    return [(value, _l(label)) for value, label in labels.items()]


class SettingsForm(ServiceRulesForm):
    name = _text(_l("Name"), 400, required=True)
    acronym = _text(_l("Acronym"), 40)
    office = _text(_l("Office"), description=_l("As the letterhead names it, e.g. Secretariat of "
                                                "the Organization of Turkic States."))
    office_short = _text(
        _l("Office in running text"), 120,
        description=_l("How a note refers back to it: “… should be provided to the Office”; "
                       "empty: “the Secretariat”."))
    sender = _text(_l("Sender formula"), required=True,
                   description=_l("Opens every note: “… presents its compliments to …”."))
    sender_gender = SelectField(_l("Gender of the sender"),
                                choices=[(g.value, SENDER_GENDERS[g]) for g in SenderGender])
    sender_plural = BooleanField(_l("The sender is plural (“present their compliments”)"))
    city = _text(_l("City"), 120, required=True, description=_l("Where notes are dated."))
    postal_address = TextAreaField(_l("Postal address"), filters=[_blank_to_none])
    timezone = _text(_l("Time zone"), 64, required=True,
                     description=_l("IANA name, e.g. Europe/Istanbul."))
    phone = _text(_l("Telephone"), 60)
    fax = _text(_l("Fax"), 60)
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=254)], filters=[_blank_to_none],
                       description=_l("Where governments send their replies; named in the notes."))
    reply_to = EmailField(_l("Reply-to address of e-mails"), validators=[Optional(), Length(max=254)],
                          filters=[_blank_to_none],
                          description=_l("Leave empty to use the e-mail above."))
    website = _text(_l("Website"), 500)
    motto = _text(_l("Motto"))
    letterhead = TextAreaField(_l("Letterhead text"), filters=[_blank_to_none],
                               description=_l("One line per line of the letterhead; leave empty "
                                              "for the acronym and the office."))
    letterhead_second_language = SelectField(
        _l("Second language of the letterhead"), choices=[("", _l("None")), *LANGUAGE_CHOICES],
        validate_choice=False, filters=[_blank_to_none],
        description=_l("Its heading is set beside the note's own on every note (CICA: English "
                       "and Russian); a note in that language has the first language beside it."))
    letterhead_image = FileField(_l("Letterhead image (PNG or JPEG, at most 1 MB)"))
    remove_letterhead_image = BooleanField(_l("Remove the letterhead image"))
    mission_pattern = _text(
        _l("Addressee of a State"),
        description=_l("How notes address a State, e.g. Embassy of {formal_of} in {city} "
                       "({formal_of}: the formal name; {of}: the name as missions use it); empty "
                       "for “Permanent Mission of {of} to the United Nations ({city})”."))
    reference_pattern = _text(_l("Reference pattern"), 120, required=True,
                              description=_l("{year} and {seq} (or {seq:04}), e.g. OTS/{year}/{seq}."))
    reference_next = IntegerField(_l("Next number"), validators=[InputRequired()])
    counter_per_year = BooleanField(_l("With {year} in the pattern, the counter restarts at 1 on "
                                       "1 January (in the secretariat's time zone)"))
    numbering = SelectField(_l("Numbering and addressing of a mailing"), validate_choice=False,
                            choices=_choices(NUMBERINGS),
                            description=_l("The default; each mailing may choose another."))
    note_files = SelectField(_l("Files attached to a note's e-mail"), validate_choice=False,
                             choices=_choices(NOTE_FILES),
                             description=_l("The PDF is made when the e-mail leaves, with the "
                                            "private link and its QR code in it."))
    attachments_max_mb = IntegerField(
        _l("Documents sent with a note's e-mail, at most (MB)"),
        validators=[Optional(), NumberRange(min=0, max=enclosures.MAX_MB)],
        description=_l("In all, from 0 to %(most)s MB. The documents marked “with the note” go "
                       "as files up to this total; the others, and those only on the web, the "
                       "note gives by their address (“available at …”). 0: always by address.",
                       most=enclosures.MAX_MB))
    european_union_place = SelectField(
        _l("The European Union in lists"), validate_choice=False,
        choices=_choices(EUROPEAN_UNION_PLACES),
        description=_l("In the invitation list, the dashboard and the list of participants."))
    collective_addressee = TextAreaField(
        _l("Collective addressee (circular notes)"), validators=[Optional(), Length(max=400)],
        filters=[_blank_to_none], description=_l(
            "The block at the foot of a circular note, e.g. MEMBER STATES OF THE CONFERENCE ON "
            "INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA."))
    collective_addressee_in_text = _text(
        _l("Collective addressee in the opening formula"), 400,
        description=_l("“… presents its compliments to the CICA Member States”."))
    note_closing = BooleanField(_l("End notes with the complimentary closing formula"))
    languages = MultiCheckboxField(_l("Languages the secretariat works in"), choices=LANGUAGE_CHOICES)
    invitation_language = SelectField(_l("Default language of invitations"), choices=LANGUAGE_CHOICES,
                                      description=_l("For invitees whose working language is not "
                                                     "one of the secretariat's."))

    def validate_letterhead_second_language(self, field: SelectField) -> None:
        if field.data and field.data not in dict(LANGUAGE_CHOICES):
            raise ValidationError(_("Choose one of the languages of the list."))

    def values(self) -> dict[str, Any]:
        data = {name: field.data for name, field in self._fields.items()
                if name not in {"csrf_token", "letterhead_image", "remove_letterhead_image"}
                and not name.startswith(MARK_PREFIX)}
        data["sender_gender"] = SenderGender(data["sender_gender"])
        data["category_marks"] = {category.value: mark for category in InvitationCategory
                                  if (mark := self[MARK_PREFIX + category.value].data)}
        if data.get("numbering") not in NUMBERINGS:
            data["numbering"] = None  # not sent: the secretariat's stays
        if data.get("note_files") not in NOTE_FILES:
            data["note_files"] = None
        if data.get("european_union_place") not in EUROPEAN_UNION_PLACES:
            data["european_union_place"] = None
        return data


for _category in InvitationCategory:  # the {category_mark} of each category: A, B, C…
    setattr(SettingsForm, MARK_PREFIX + _category.value,
            _text(_l("Mark of the category “%(category)s”", category=_category.label), 10))


def _localized_from(form_data, languages: list[str]) -> dict[str, dict[str, str]]:
    return {lang: {key: (form_data.get(f"loc-{lang}-{key}") or "").strip()
                   for key in LOCALIZED_LABELS} for lang in languages if lang != "en"}


@bp.get("/secretariats")
@login_required
def secretariats():
    rows = staff_secretariats(current_user)
    return render_template("secretariat/settings/list.html", secretariats=rows,
                           admin_of={s.id for s in rows if current_user.role_in(s) == Role.ADMIN})


@bp.route("/secretariats/<slug>/settings", methods=["GET", "POST"])
@login_required
def secretariat_settings(slug: str):
    secretariat = administered_secretariat(slug)
    form = SettingsForm(obj=secretariat)
    if request.method == "GET":
        form.invitation_language.data = secretariat.invitation_language or secretariat.languages[0]
        form.mission_pattern.data = (secretariat.localized or {}).get("en", {}).get(
            service.ADDRESSEE)
        for category, mark in (secretariat.category_marks or {}).items():
            if MARK_PREFIX + category in form:
                form[MARK_PREFIX + category].data = mark
    localized = secretariat.localized or {}
    status = 200
    if request.method == "POST" and request.form.get("action") == "preview":
        form.validate()
        localized = _localized_from(request.form, form.languages.data or [])
    elif form.validate_on_submit():
        upload = form.letterhead_image.data
        image = (upload.filename, upload.read()) if upload and upload.filename else None
        localized = _localized_from(request.form, form.languages.data or [])
        try:
            notices = service.update_settings(
                secretariat, form.values(), localized, current_actor(), letterhead_image=image,
                remove_image=form.remove_letterhead_image.data)
        except RuleBroken as broken:
            form.attach(broken.problems)
            db.session.rollback()
        else:
            db.session.commit()
            for notice in notices:
                flash(notice, "info")
            flash(_("Settings saved. Notes already issued keep their own text."), "success")
            return redirect(url_for(".secretariat_settings", slug=slug))
    if request.method == "POST" and form.errors:
        status = 422
    today = today_at(secretariat.timezone)
    pattern = form.reference_pattern.data or ""
    next_number = form.reference_next.data or 1
    if references.yearly(secretariat, pattern) and secretariat.reference_year \
            and secretariat.reference_year < today.year:
        next_number = 1  # a new year: the counter restarts
    marks = [m for c in InvitationCategory if (m := form[MARK_PREFIX + c.value].data)]
    preview = service.reference_preview(pattern, next_number, today, marks[0] if marks else "")
    return render_template(
        "secretariat/settings/form.html", form=form, secretariat=secretariat, preview=preview,
        marks=[form[MARK_PREFIX + c.value] for c in InvitationCategory],
        localized=localized, labels=LOCALIZED_LABELS, last_used=service.highest_used(secretariat),
        languages=[(code, name) for code, name in LANGUAGE_CHOICES
                   if code != "en" and code in (form.languages.data or [])],
    ), status


class NewSecretariatForm(ServiceRulesForm):
    slug = _text(_l("Slug"), 80, required=True, description=_l("Lower-case letters, digits, hyphens."))
    name = _text(_l("Name"), 400, required=True)
    timezone = _text(_l("Time zone"), 64, required=True,
                     description=_l("IANA name, e.g. Europe/Istanbul."))
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="en")
    admin_email = EmailField(_l("E-mail of its first administrator"),
                             validators=[DataRequired(), Length(max=254)])


@bp.route("/secretariats/new", methods=["GET", "POST"])
@login_required
def new_secretariat():
    service_admin()
    form = NewSecretariatForm()
    if form.validate_on_submit():
        try:
            created = service.create_secretariat(
                form.slug.data, form.name.data, form.timezone.data, form.admin_email.data,
                current_actor(), language=form.language.data)
        except RuleBroken as broken:
            form.attach(broken.problems)
            db.session.rollback()
        else:
            db.session.commit()
            return render_template(
                "secretariat/settings/created.html", secretariat=created.secretariat,
                link=staff.link_url(public_base_url(), created.secret),
                hours=int(staff.LINK_LIFETIME[staff.TokenPurpose.WELCOME].total_seconds() // 3600))
    status = 422 if request.method == "POST" else 200
    return render_template("secretariat/settings/new.html", form=form), status
