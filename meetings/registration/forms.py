"""The delegation form: a focal point and a list of delegates, each field checked against its column."""
from __future__ import annotations

import re
from typing import Any

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
)
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import ListWidget

from meetings import i18n
from meetings.models import Delegate, DelegateFunction, Delegation, Gender, Meeting
from meetings.registration import widgets
from meetings.services import delegations as service

MAX_ROWS = 60


def column_length(model: Any, name: str) -> int:
    """The size of the column the field is stored in: one place decides how long a value may be."""
    return int(model.__table__.c[name].type.length)


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


# Unicode's categories Cc, Zl and Zp, which its stability policy keeps as they are: the C0 and C1
# controls with DEL, the line separator and the paragraph separator (tested against unicodedata).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def control_characters(value: str) -> bool:
    """Line breaks, NUL and the other control characters that have no place in a one-line field
    (Unicode categories Cc, Zl, Zp; one regular expression instead of a lookup per character)."""
    return _CONTROL.search(value) is not None


def one_line(_form: Form, field: Any) -> None:
    if field.data and control_characters(field.data):
        raise ValidationError(_l("Please remove the line break or control character."))


def fits(model: type, name: str) -> Length:
    size = column_length(model, name)
    return Length(max=size, message=_l("Please shorten this to %(size)s characters at most.",
                                        size=size))


# The same HTML as WTForms' own widgets, written with less work (see widgets.py).
WIDGETS: dict[type, Any] = {StringField: widgets.TextInput(), EmailField: widgets.EmailInput(),
                            TelField: widgets.TelInput(), SelectField: widgets.Select(),
                            HiddenField: widgets.HiddenInput()}


def text(model: type, name: str, field: type = StringField, **kwargs: Any) -> Any:
    """A one-line text field as long as its column allows."""
    return field(validators=[one_line, fits(model, name)], filters=[_strip],
                 widget=WIDGETS[field], **kwargs)


class MeetingChecks(SelectMultipleField):
    """The meetings of the linked group a delegate attends, as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class DelegateForm(Form):
    key = HiddenField(filters=[_strip], widget=WIDGETS[HiddenField])
    honorific = text(Delegate, "honorific", SelectField, validate_choice=False, choices=[])
    given_name = text(Delegate, "given_name")
    family_name = text(Delegate, "family_name")
    job_title = text(Delegate, "job_title")
    function = SelectField(choices=[f.value for f in DelegateFunction],
                           default=DelegateFunction.EXPERT.value, widget=WIDGETS[SelectField])
    email = text(Delegate, "email", EmailField)
    phone = text(Delegate, "phone", TelField)
    gender = SelectField(choices=["", *(g.value for g in Gender)], default="",
                         widget=WIDGETS[SelectField])
    meetings = MeetingChecks(coerce=int, choices=[])


class DelegationForm(FlaskForm):
    """What the focal point types; cross-field rules come from the delegations service."""

    class Meta:
        def get_translations(self, form: Any) -> Any:
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return FlaskForm.Meta.get_translations(self, form)
            return i18n.WTFORMS_MESSAGES

    version = HiddenField(widget=WIDGETS[HiddenField])
    pending_note = HiddenField(widget=WIDGETS[HiddenField])
    focal_point_name = text(Delegation, "focal_point_name", render_kw={"autocomplete": "name"})
    focal_point_position = text(Delegation, "focal_point_position",
                                render_kw={"autocomplete": "organization-title"})
    focal_point_email = text(Delegation, "focal_point_email", EmailField,
                             render_kw={"autocomplete": "email"})
    focal_point_phone = text(Delegation, "focal_point_phone", TelField,
                             render_kw={"autocomplete": "tel"})
    delegates = FieldList(FormField(DelegateForm), max_entries=MAX_ROWS)
    note = FileField()

    def prepare(self, group: list[Meeting], texts: Any, language: str, *,
                read_only: bool) -> DelegationForm:
        """Labels in the invitation's language, the group's meetings, and closed fields locked.

        Each text is looked up in the catalog once, not once per row and option."""
        for name in service.FOCAL_FIELDS:
            self[name].label.text = str(texts[name.removeprefix("focal_point_")])
        self.note.label.text = str(texts["note"])
        labels = {name: str(texts[name])
                  for name in ("honorific", "given_name", "family_name", "job_title", "function",
                               "email", "phone", "gender", "attends")}
        honorifics = [("", ""), *((h, str(service.HONORIFIC_LABELS[h]))
                                  for h in service.HONORIFICS)]
        functions = [(f.value, str(texts[f.value])) for f in DelegateFunction]
        genders = [("", ""), *((g.value, str(texts[g.value])) for g in Gender)]
        meetings = [(m.id, service.meeting_title(m, language)) for m in group]
        for entry in self.delegates:
            row = entry.form
            for name in ("honorific", "given_name", "family_name", "job_title", "function",
                         "email", "phone", "gender"):
                row[name].label.text = labels[name]
            row.meetings.label.text = labels["attends"]
            current = row.honorific.data or ""
            row.honorific.choices = [*honorifics, *([(current, current)]
                                                   if current not in service.HONORIFICS else [])]
            row.function.choices = list(functions)
            row.gender.choices = list(genders)
            row.meetings.choices = list(meetings)
        if read_only:
            for field in self._read_only_fields():
                field.render_kw = {**(field.render_kw or {}), "readonly": True}
        return self

    def _read_only_fields(self) -> list[Any]:
        fields = [self[name] for name in service.FOCAL_FIELDS]
        for entry in self.delegates:
            fields += [entry.form[name] for name in ("given_name", "family_name", "job_title",
                                                     "email", "phone")]
        return fields

    def values(self) -> dict[str, Any]:
        """The form as the delegations service reads it: plain strings and meeting ids."""
        values: dict[str, Any] = {name: self[name].data or "" for name in service.FOCAL_FIELDS}
        values["delegates"] = [{
            "key": row.key.data or "",
            **{name: row[name].data or "" for name in service.DELEGATE_FIELDS},
            "meetings": list(row.meetings.data or []),
        } for row in (entry.form for entry in self.delegates)]
        return values

    def attach(self, problems: dict[str, str]) -> None:
        """Messages from the service ('delegates-1-email') shown beside their fields."""
        for name, message in problems.items():
            field = self._field_named(name)
            if field is not None and message not in field.errors:
                field.errors = [*field.errors, message]

    def _field_named(self, name: str) -> Any:
        if name.startswith("delegates-"):
            _, index, sub = name.split("-", 2)
            entries = self.delegates.entries
            return entries[int(index)].form[sub] if int(index) < len(entries) else None
        return self._fields.get(name)

    def field_errors(self) -> dict[str, list[str]]:
        """Every message beside a field, by the field's name in the page."""
        found = {self[name].name: list(self[name].errors)
                 for name in (*service.FOCAL_FIELDS, "note") if self[name].errors}
        for entry in self.delegates:
            for field in entry.form:
                if field.errors:
                    found[field.name] = list(field.errors)
        return found


    def error_links(self, texts: Any) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the error summary, in the order of the page."""
        found = [(self[name].id, self[name].label.text, error)
                 for name in (*service.FOCAL_FIELDS,) for error in self[name].errors]
        for number, entry in enumerate(self.delegates, 1):
            for field in entry.form:
                label = gettext("%(delegate)s %(number)s, %(field)s", delegate=texts["delegate"],
                                number=number, field=field.label.text)
                found += [(field.id, label, error) for error in field.errors]
        found += [(self.note.id, self.note.label.text, error) for error in self.note.errors]
        return found


def delegation_form(values: dict[str, Any] | None = None, **kwargs: Any) -> DelegationForm:
    """The form filled from the request, or from values (the stored delegation, moved rows)."""
    if values is None:
        return DelegationForm(**kwargs)
    data = {**values, "delegates": [{**d, "meetings": list(d.get("meetings", []))}
                                    for d in values.get("delegates", [])]}
    return DelegationForm(formdata=None, data=data, **kwargs)


class CodeForm(FlaskForm):
    """The code printed beside the private link, for a person who cannot follow the link."""

    code = StringField("Registration code", validators=[DataRequired(), Length(max=100)],
                       description="As printed in the note verbale, e.g. 7KQ2-M9XD-…; "
                                   "capitals, small letters and dashes are all accepted.")
