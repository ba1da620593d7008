"""Forms for the registry of parties, groups and invitation lists."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from meetings import languages
from meetings.inputs import Fits
from meetings.models import Invitation, InvitationCategory, PartyKind, RecipientKind
from meetings.secretariat.forms import LANGUAGE_CHOICES, DayField, ServiceRulesForm, _blank_to_none

CATEGORY_CHOICES = [(c.value, c.label) for c in InvitationCategory]
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
    short_name = StringField("Short name", validators=[Optional(), Length(max=300)])
    article = StringField("Article", validators=[Optional(), Length(max=10)])
    formal_name = StringField("Formal name", validators=[Optional(), Length(max=400)])
    acronym = StringField("Acronym", validators=[Optional(), Length(max=40)])


class PartyForm(ServiceRulesForm):
    """A party's shared facts: names per language, kind, code; contact data is per secretariat."""

    owner = SelectField("Registry", coerce=str, validate_choice=True,
                        description="A party added for one secretariat is seen by it alone.")
    kind = SelectField("Kind", choices=[(k.value, k.value.replace("_", " ").capitalize())
                                        for k in PartyKind])
    iso3 = StringField("ISO 3166 alpha-3", validators=[Optional(), Length(min=3, max=3)],
                       filters=[_blank_to_none])
    working_language = SelectField("Working language", choices=LANGUAGE_CHOICES,
                                   description="Used unless a secretariat records another.")
    address = TextAreaField("Seat", validators=[Optional(), Length(max=2000)],
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
        "Working language", choices=[("", "The registry's"), *LANGUAGE_CHOICES],
        description="The language this secretariat writes to it in.")
    addressee_en = StringField("Addressee in English", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none],
                               description="Leave empty for “Permanent Mission of … to the "
                                           "United Nations (city)” or the pattern of the language.")
    addressee_fr = StringField("in French", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_es = StringField("in Spanish", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_ru = StringField("in Russian", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_ar = StringField("in Arabic", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_zh = StringField("in Chinese", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    addressee_kk = StringField("in Kazakh", validators=[Optional(), Length(max=400)],
                               filters=[_blank_to_none])
    address = TextAreaField("Postal address", validators=[Optional(), Length(max=2000)],
                            filters=[_blank_to_none])
    emails = EmailListField("E-mail addresses", description="One per line.")
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=4000)],
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
    name = StringField("Name", validators=[DataRequired(), Length(max=300)],
                       filters=[_blank_to_none],
                       description="E.g. “States parties to UNCAC”.")
    as_of = DayField("As of", validators=[Optional()])
    note = TextAreaField("Note", validators=[Optional()], filters=[_blank_to_none],
                         description="E.g. the source of the list, or “illustrative”.")
    default_category = SelectField("Invited as", choices=CATEGORY_CHOICES)


class MembersForm(ServiceRulesForm):
    lines = TextAreaField(
        "Parties, one per line", validators=[Optional()],
        description="ISO codes (AUT) or names in any of the six languages, with or without the "
        "article (the Netherlands, Pays-Bas, Нидерланды).",
    )
    upload = FileField("Or a CSV or XLSX file", description="The first column of each row is read.")
    accept_partial = BooleanField(
        "If some lines match nothing or more than one party, add the others anyway "
        "(the lines left out are listed and recorded)"
    )


class AddPartyForm(ServiceRulesForm):
    party = SelectField("Party", coerce=int, validate_choice=True)
    category = SelectField("Invited as", choices=CATEGORY_CHOICES)


class AddGroupForm(ServiceRulesForm):
    group = SelectField("Group", coerce=int, validate_choice=True)
    category = SelectField("Invited as", choices=[("", "The group's own category"),
                                                  *CATEGORY_CHOICES])


class InvitationForm(ServiceRulesForm):
    category = SelectField("Invited as", choices=CATEGORY_CHOICES)
    recipient_kind = SelectField(
        "The note addresses", choices=[(kind.value, kind.label) for kind in RecipientKind],
        validate_choice=False,  # left out of a form posted without it: the kind is kept
        validators=[Optional(), AnyOf([kind.value for kind in RecipientKind])],
        description="Chooses “the Government”, “the Organization” or “the Union” and their "
                    "equivalents in every language of the note.")
    addressee = StringField("Addressee", validators=[DataRequired(), Fits(Invitation.addressee)],
                            filters=[_blank_to_none],
                            description="In the working language, as the foot of the note shows it.")
    addressee_in_text = StringField(
        "Addressee in the opening formula",
        validators=[Optional(), Fits(Invitation.addressee_in_text)],
        filters=[_blank_to_none],
        description="Only where the formula needs another form of an addressee you wrote, e.g. "
                    "the Russian or Kazakh dative “Посольству …”. Leave empty for the default "
                    "Permanent Mission (its dative is made for you) and in English, French, "
                    "Spanish.")
    emails = EmailListField("E-mail addresses", description="One per line.")
    language = SelectField("Working language", choices=LANGUAGE_CHOICES)
