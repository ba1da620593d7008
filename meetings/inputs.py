"""What any typed value must be before it is stored: the database's limits, read from the models.

PostgreSQL refuses a NUL byte and a string longer than its column with an error, where SQLite
stores both; so every text is checked here first, at the form (message beside the field) and
again in the service (the CLI and the demo do not pass through a form). One-line columns
(``String``) take no line break; long texts (``Text``) keep theirs but no other control character.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from wtforms.validators import ValidationError

from meetings.errors import Problems

FIRST_YEAR, LAST_YEAR = 1945, 2200
EARLIEST, LATEST = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
# A Text column has no limit in the database; a page of typed text never needs more than this.
LONG_TEXT = 50_000

_LINE_BREAKS = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")
# Control characters (C0, DEL, C1) and lone surrogates, which no text needs and PostgreSQL refuses
# or a parser reads as structure; tab, line feed and carriage return are judged separately.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def column_of(attribute: Any) -> sa.Column:
    """The table column behind a mapped attribute such as ``Meeting.title``."""
    return attribute.property.columns[0] if hasattr(attribute, "property") else attribute


def max_length(attribute: Any) -> int:
    """How many characters the column holds; Text columns get the sane LONG_TEXT."""
    length = getattr(column_of(attribute).type, "length", None)
    return length or LONG_TEXT


def is_one_line(attribute: Any) -> bool:
    """A String column is a one-line value (a title, a name); a Text column may have paragraphs."""
    kind = column_of(attribute).type
    return isinstance(kind, sa.String) and not isinstance(kind, sa.Text)


def text_problem(value: str | None, limit: int, one_line: bool) -> str | None:
    """Why a text cannot be stored as typed, or None when it can."""
    if not value:
        return None
    if one_line and _LINE_BREAKS.search(value):
        return _("Write this on one line: it cannot contain a line break.")
    if "\t" in value and one_line:
        return _("This cannot contain a tab character.")
    found = _CONTROLS.search(value)
    if found:
        code = ord(found.group())
        return _("This contains an invisible control character (U+%(code)s); remove it.",
                 code=f"{code:04X}")
    if len(value) > limit:
        return _("At most %(limit)s characters, please (this has %(count)s).", limit=limit,
                 count=len(value))
    return None


def column_text_problem(attribute: Any, value: str | None) -> str | None:
    return text_problem(value, max_length(attribute), is_one_line(attribute))


def date_problem(value: date | None) -> str | None:
    if value is not None and not EARLIEST <= value <= LATEST:
        return _("Give a date between the years %(first)s and %(last)s.", first=FIRST_YEAR,
                 last=LAST_YEAR)
    return None


def values_problems(model: Any, values: Mapping[str, Any], fields: Iterable[str]) -> Problems:
    """The problems of every text and date in `values` that `fields` map to `model`'s columns."""
    problems: Problems = {}
    columns = model.__table__.c
    for name in fields:
        if name not in values or name not in columns:
            continue
        value = values[name]
        if isinstance(value, str):
            problem = column_text_problem(columns[name], value)
        elif isinstance(value, date):
            problem = date_problem(value)
        else:
            problem = None
        if problem:
            problems[name] = problem
    return problems


class Fits:
    """A WTForms validator: the value fits the model column it is stored in."""

    def __init__(self, attribute: Any, one_line: bool | None = None):
        self.limit = max_length(attribute)
        self.one_line = is_one_line(attribute) if one_line is None else one_line
        self.field_flags = {"maxlength": self.limit}

    def __call__(self, form: Any, field: Any) -> None:
        if isinstance(field.data, str):
            problem = text_problem(field.data, self.limit, self.one_line)
            if problem:
                raise ValidationError(problem)


def plain_name(value: str) -> str:
    """A file name without control, format (bidi override) or line-break characters."""
    spaced = _LINE_BREAKS.sub(" ", value)
    return "".join(ch for ch in spaced if unicodedata.category(ch)[0] != "C").strip()
