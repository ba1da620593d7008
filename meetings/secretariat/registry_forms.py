"""Forms for the registry of parties, groups and invitation lists."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError
from wtforms.widgets import Select, html_params

from meetings import languages
from meetings.inputs import Fits
from meetings.models import Invitation, InvitationCategory, PartyKind, RecipientKind
from meetings.secretariat.forms import LANGUAGE_CHOICES, DayField, ServiceRulesForm, _blank_to_none

# The labels are marked in the models; _l translates them when the page shows them.
CATEGORY_CHOICES = [(c.value, _l(c.label)) for c in InvitationCategory]
NAME_LANGUAGES = list(languages.CODES)


class EmailListField(TextAreaField):
    """E-mail addresses separated by commas, semicolons or new lines; each one checked."""

    def process_formdata(self, valuelist):
        raw = valuelist[0] if valuelist else ""
        self.raw_text = raw
        self.data = [part for part in re.split(r"[\s,;]+", raw) if part]

    def _value(self) -> str:
        return getattr(self, "raw_text", None) or "\n".join(self.data or [])

    def pre_validate(self, form) -> None:
        cleaned = []
        for address in self.data or []:
            try:
                cleaned.append(validate_email(address, check_deliverability=False).normalized)
            except EmailNotValidError as error:
                raise ValidationError(f"“{address}” is not a valid e-mail address: {error}") from error
        self.data = cleaned


class NameForm(Form):
    short_name = StringField(_l("Short name"), validators=[Optional(), Length(max=300)])
    article = StringField(_l("Article"), validators=[Optional(), Length(max=10)])
    formal_name = StringField(_l("Formal name"), validators=[Optional(), Length(max=400)])
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=40)])


class PartyForm(ServiceRulesForm):
    """A party's shared facts: names per language, kind, code; contact data is per secretariat."""

    owner = SelectField(_l("Registry"), coerce=str, validate_choice=True,
                        description=_l("A party added for one secretariat is seen by it alone."))
    kind = SelectField(_l("Kind"), choices=[(k.value, k.value.replace("_", " ").capitalize())
                                        for k in PartyKind])
    iso3 = StringField(_l("ISO 3166 alpha-3"), validators=[Optional(), Length(min=3, max=3)],
                       filters=[_blank_to_none])
    working_language = SelectField(_l("Working language"), choices=LANGUAGE_CHOICES,
                                   description=_l("Used unless a secretariat records another."))
    address = TextAreaField(_l("Seat"), validators=[Optional(), Length(max=2000)],
                            filters=[_blank_to_none])
    name_en = FormField(NameForm, "English")
    name_fr = FormField(NameForm, "French")
    name_es = FormField(NameForm, "Spanish")
    name_ru = FormField(NameForm, "Russian")
    name_ar = FormField(NameForm, "Arabic")
    name_zh = FormField(NameForm, "Chinese")
    name_kk = FormField(NameForm, "Kazakh")

    def names(self) -> dict[str, dict]:
        return {code: getattr(self, f"name_{code}").data for code in NAME_LANGUAGES}

    def fill_names(self, party) -> None:
        for name in party.names:
            sub = getattr(self, f"name_{name.language}", None)
            if sub is not None:
                for field in ("short_name", "article", "formal_name", "acronym"):
                    sub[field].data = getattr(name, field)


class ContactForm(ServiceRulesForm):
    """One secretariat's own way of reaching a party; no other secretariat sees or uses it."""

    working_language = SelectField(
        _l("Working language"), choices=[("", _l("The registry's")), *LANGUAGE_CHOICES],
        description=_l("The language this secretariat writes to it in."))
    addressee_en = StringField(_l("Addressee in English"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none],
                               description=_l("Leave empty for “Permanent Mission of … to the "
                                           "United Nations (city)” or the pattern of the language."))
    addressee_fr = StringField(_l("in French"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_es = StringField(_l("in Spanish"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_ru = StringField(_l("in Russian"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_ar = StringField(_l("in Arabic"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_zh = StringField(_l("in Chinese"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_kk = StringField(_l("in Kazakh"), validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    address = TextAreaField(_l("Postal address"), validators=[Optional(), Length(max=2000)],
                            filters=[_blank_to_none])
    emails = EmailListField(_l("E-mail addresses"), description=_l("One per line."))
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)],
                          filters=[_blank_to_none])

    def addressee_fields(self) -> list:
        return [getattr(self, f"addressee_{code}") for code in NAME_LANGUAGES]

    def values(self) -> dict:
        return {"working_language": self.working_language.data or None,
                "addressees": {code: getattr(self, f"addressee_{code}").data
                               for code in NAME_LANGUAGES},
                "address": self.address.data, "emails": self.emails.data,
                "notes": self.notes.data}

    def fill(self, contact) -> None:
        self.working_language.data = contact.working_language or ""
        for code, text in (contact.addressees or {}).items():
            field = getattr(self, f"addressee_{code}", None)
            if field is not None:
                field.data = text
        self.address.data = contact.address
        self.emails.data = list(contact.emails or [])
        self.notes.data = contact.notes


class GroupForm(ServiceRulesForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)],
                       filters=[_blank_to_none],
                       description=_l("E.g. “States parties to UNCAC”."))
    as_of = DayField(_l("As of"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional()], filters=[_blank_to_none],
                         description=_l("E.g. the source of the list, or “illustrative”."))
    default_category = SelectField(_l("Invited as"), choices=CATEGORY_CHOICES)


class MembersForm(ServiceRulesForm):
    lines = TextAreaField(
        _l("Parties, one per line"), validators=[Optional()],
        description=_l("ISO codes (AUT) or names in any of the six languages, with or without the "
        "article (the Netherlands, Pays-Bas, Нидерланды)."),
    )
    upload = FileField(_l("Or a CSV or XLSX file"), description=_l("The first column of each row is read."))
    accept_partial = BooleanField(
        "If some lines match nothing or more than one party, add the others anyway "
        "(the lines left out are listed and recorded)"
    )


class ManyOptions(Select):
    """WTForms' select with its plain options (a value and a label) written directly rather
    than through html_params: the same HTML, for the 200 parties of the invitation list's form
    at a fraction of the cost. Choices given as plain (value, label) pairs are written straight
    from the list, without WTForms' three Choice objects per option."""

    def __call__(self, field, **kwargs):
        choices = field.choices
        if self.multiple or not isinstance(choices, list) or not all(
                type(choice) is tuple and len(choice) == 2 and not isinstance(choice[0], bool)
                for choice in choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for k in dir(flags):
            if k in self.validation_attrs and k not in kwargs:
                kwargs[k] = getattr(flags, k)
        coerce, data = field.coerce, field.data
        options = "".join([
            f'<option {"selected " if coerce(value) == data else ""}value="{escape(value)}">'
            f'{escape(label or value)}</option>' for value, label in choices])
        return Markup(  # noqa: S704  (every value and label above is escaped)
            f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return f'<option {selected}value="{escape(choice.value)}">{label}</option>'


class AddPartyForm(ServiceRulesForm):
    party = SelectField(_l("Party"), coerce=int, validate_choice=True, widget=ManyOptions())
    category = SelectField(_l("Invited as"), choices=CATEGORY_CHOICES)


class AddGroupForm(ServiceRulesForm):
    group = SelectField(_l("Group"), coerce=int, validate_choice=True)
    category = SelectField(_l("Invited as"), choices=[("", _l("The group's own category")),
                                                  *CATEGORY_CHOICES])


class InvitationForm(ServiceRulesForm):
    category = SelectField(_l("Invited as"), choices=CATEGORY_CHOICES)
    recipient_kind = SelectField(
        _l("The note addresses"), choices=[(kind.value, _l(kind.label)) for kind in RecipientKind],
        validate_choice=False,  # left out of a form posted without it: the kind is kept
        validators=[Optional(), AnyOf([kind.value for kind in RecipientKind])],
        description=_l("Chooses “the Government”, “the Organization” or “the Union” and their "
                    "equivalents in every language of the note."))
    addressee = StringField(_l("Addressee"), validators=[DataRequired(), Fits(Invitation.addressee)],
                            filters=[_blank_to_none],
                            description=_l("In the working language, as the foot of the note shows it."))
    addressee_in_text = StringField(
        _l("Addressee in the opening formula"),
        validators=[Optional(), Fits(Invitation.addressee_in_text)],
        filters=[_blank_to_none],
        description=_l("Only where the formula needs another form of an addressee you wrote, "
                       "e.g. the Russian or Kazakh dative “Посольству …”. Leave empty for the "
                       "default Permanent Mission (its dative is made for you) and in English, "
                       "French, Spanish."))
    emails = EmailListField(_l("E-mail addresses"), description=_l("One per line."))
    language = SelectField(_l("Working language"), choices=LANGUAGE_CHOICES)
