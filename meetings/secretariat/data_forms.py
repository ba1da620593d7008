"""Forms of the invitation list's import (meetings/secretariat/data_io.py)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired

from meetings.secretariat.forms import ServiceRulesForm
from meetings.secretariat.registry_forms import CATEGORY_CHOICES


class ImportForm(ServiceRulesForm):
    upload = FileField(_l("CSV or XLSX file"), description=_l(
        "First line: the column names party (or party_code), and any of category, language, "
        "emails, addressee. Nothing is written before you confirm the preview."))
    category = SelectField(_l("Invited as, where a line names no category"),
                           choices=CATEGORY_CHOICES)


class ConfirmImportForm(FlaskForm):
    token = HiddenField(validators=[DataRequired()])
