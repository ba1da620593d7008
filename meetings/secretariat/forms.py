"""Forms of the secretariat workspace; cross-field rules come from the services."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FormField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Email, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from meetings import languages
from meetings.inputs import Fits, date_problem
from meetings.models import (
    LatePolicy,
    LinkKind,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Sitting,
    SittingStatus,
)
from meetings.services import meeting_states

# The languages' names in the page's language (languages.py marks them for the catalogs).
LANGUAGE_CHOICES = [(code, _l(name)) for code, name in languages.CHOICES]


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class DayField(DateField):
    """A date field that says how to write a date when it cannot read one."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Give the date as YYYY-MM-DD, for example 2012-10-22.")) from error
        problem = date_problem(self.data)
        if problem:
            raise ValueError(problem)


class ClockField(TimeField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(
                _("Give the time as HH:MM on a 24-hour clock, for example 15:00.")) from error


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ServiceRulesForm(FlaskForm):
    """A form whose cross-field rules are checked by a service and shown beside each field."""

    def attach(self, problems: dict[str, str]) -> bool:
        for name, message in problems.items():
            field = getattr(self, name, None)
            if isinstance(field, FormField):  # a group of fields: its first one carries the message
                field = next(iter(field.form), None)
            if field is None:
                self.form_errors.append(message)
            else:
                field.errors = [*field.errors, message]
        return not problems


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in on this computer"))


class MeetingForm(ServiceRulesForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Fits(Meeting.title)],
                        filters=[_blank_to_none])
    short_title = StringField(
        _l("Short title"), validators=[Optional(), Fits(Meeting.short_title)],
        filters=[_blank_to_none],
        description=_l('How notes refer to it afterwards, e.g. "the UNCAC expert meeting".'),
    )
    slug = StringField(
        _l("Address (slug)"), validators=[DataRequired(), Fits(Meeting.slug)],
        filters=[_blank_to_none],
        description=_l("Part of the meeting's public address; lower-case letters, digits, hyphens."),
    )
    body = StringField(_l("Body"), validators=[Optional(), Fits(Meeting.body)],
                       filters=[_blank_to_none],
                       description=_l("The body the meeting belongs to."))
    mandate = TextAreaField(_l("Mandate"), validators=[Optional(), Fits(Meeting.mandate)],
                            filters=[_blank_to_none],
                            description=_l("Resolution or decision, session, place and dates."))
    functions = TextAreaField(_l("Functions"), validators=[Optional(), Fits(Meeting.functions)],
                              filters=[_blank_to_none])
    focus = StringField(
        _l("Focus of this meeting alone"), validators=[Optional(), Fits(Meeting.focus)],
        filters=[_blank_to_none],
        description=_l('Completes "participants with a focus only on …" when a linked meeting '
                       'is held with it, e.g. "corruption-related issues".'))
    venue_name = StringField(_l("Venue"), validators=[Optional(), Fits(Meeting.venue_name)],
                             filters=[_blank_to_none])
    venue_address = TextAreaField(_l("Venue address"),
                                  validators=[Optional(), Fits(Meeting.venue_address)],
                                  filters=[_blank_to_none])
    city = StringField(_l("City"), validators=[DataRequired(), Fits(Meeting.city)],
                       filters=[_blank_to_none])
    country = StringField(_l("Country"), validators=[DataRequired(), Fits(Meeting.country)],
                          filters=[_blank_to_none])
    timezone = StringField(
        _l("Venue time zone"), validators=[DataRequired(), Fits(Meeting.timezone)],
        filters=[_blank_to_none],
        description=_l("IANA name, e.g. Europe/Vienna; all dates and times below are in this zone."),
    )
    first_day = DayField(_l("First day"), validators=[InputRequired()])
    last_day = DayField(_l("Last day"), validators=[InputRequired()])
    registration_opens_on = DayField(_l("Registration opens"), validators=[Optional()])
    registration_deadline = DayField(_l("Registration deadline"), validators=[Optional()])
    registration_deadline_time = ClockField(
        _l("Deadline time"), validators=[Optional()],
        description=_l("Leave empty to close at the end of the deadline day at the venue."),
    )
    late_policy = SelectField(
        _l("After the deadline"),
        choices=[(LatePolicy.CLOSE.value, _l("Close the registration form")),
                 (LatePolicy.ACCEPT_LATE.value, _l("Accept late registrations, marked late"))],
        default=LatePolicy.CLOSE.value,
    )
    note_verbale_required = BooleanField(_l("A scanned note verbale is required"), default=True)
    status = SelectField(_l("Status"), choices=meeting_states.CHOICES,
                         default=MeetingStatus.DRAFT.value,
                         description=_l("Held, registration open or closed follow from the dates."))
    website = URLField(_l("Website"), validators=[Optional(), URL(), Fits(Meeting.website)],
                       filters=[_blank_to_none])
    languages = MultiCheckboxField(_l("Languages"), choices=LANGUAGE_CHOICES, default=["en"])

    def values(self) -> dict[str, Any]:
        data = {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
        data["late_policy"] = LatePolicy(data["late_policy"])
        data["status"] = MeetingStatus(data["status"])
        return data


SITTING_STATES = {SittingStatus.SCHEDULED: _l("Scheduled"), SittingStatus.TENTATIVE: _l("Tentative"),
                  SittingStatus.CANCELLED: _l("Cancelled")}


class SittingForm(ServiceRulesForm):
    day = DayField(_l("Day"), validators=[InputRequired()])
    starts_at = ClockField(_l("Starts"), validators=[InputRequired()])
    ends_at = ClockField(_l("Ends"), validators=[InputRequired()])
    room = StringField(_l("Room"), validators=[Optional(), Fits(Sitting.room)],
                       filters=[_blank_to_none])
    title = StringField(_l("Title"), validators=[Optional(), Fits(Sitting.title)],
                        filters=[_blank_to_none])
    status = SelectField(_l("Status"), choices=[(s.value, SITTING_STATES[s]) for s in SittingStatus],
                         default=SittingStatus.SCHEDULED.value)

    def values(self) -> dict[str, Any]:
        data = {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
        data["status"] = SittingStatus(data["status"])
        return data


class SittingPatternForm(ServiceRulesForm):
    """Sittings at the same times on each chosen day; each can be edited afterwards."""

    days = MultiCheckboxField(_l("Days"), coerce=str, validate_choice=True)
    times = StringField(
        _l("Times each day"), validators=[DataRequired(), Length(max=200)],
        default="10:00-13:00, 15:00-18:00",
        description=_l("At the venue, separated by commas: 10:00-13:00, 15:00-18:00"))
    room = StringField(_l("Room"), validators=[Optional(), Fits(Sitting.room)],
                       filters=[_blank_to_none])
    title = StringField(_l("Title"), validators=[Optional(), Fits(Sitting.title)],
                        filters=[_blank_to_none])


class DocumentForm(ServiceRulesForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Fits(MeetingDocument.title)],
                        filters=[_blank_to_none])
    symbol = StringField(_l("Symbol"), validators=[Optional(), Fits(MeetingDocument.symbol)],
                         filters=[_blank_to_none])
    url = URLField(_l("Address on the web"),
                   validators=[Optional(), URL(), Fits(MeetingDocument.url)],
                   filters=[_blank_to_none])
    upload = FileField(_l("Or upload the file"))
    attached_to_note = BooleanField(_l("Attached to the note verbale"))


class LinkForm(ServiceRulesForm):
    kind = SelectField(_l("This meeting is"), choices=[(k.value, _l(k.label)) for k in LinkKind])
    other = SelectField(_l("Meeting"), coerce=int, validate_choice=True)
