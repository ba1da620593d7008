"""Reference numbers of notes: a per-secretariat pattern and a counter nobody can draw twice."""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from meetings.extensions import db
from meetings.models import Secretariat

_TOKEN = re.compile(r"\{(year|seq|category_mark)(?::(0\d+))?\}")
_MARK = "{category_mark}"
RUNNING = 0  # the counter_year of a number drawn from the running (never restarting) counter


class CounterProblem(ValueError):
    """The counter cannot give a number for this date (it has moved on to a later year)."""


def pattern_problem(pattern: str) -> str | None:
    """Why a pattern cannot number notes, or None. Only {year}, {seq} and {category_mark}."""
    if "{seq" not in pattern:
        return _("The pattern needs {seq}, the running number, e.g. NCT/CT/{seq}.")
    leftover = _TOKEN.sub("", pattern)
    if "{" in leftover or "}" in leftover or re.search(r"\{category_mark:", pattern):
        return _("Only {year} and {seq} (or {seq:04}) may stand in braces, and {category_mark} "
                 "(the mark of the category of addressees).")
    return None


def has_mark(pattern: str) -> bool:
    return _MARK in pattern


def format_reference(pattern: str, sequence: int, on: date, mark: str = "") -> str:
    """'CU {year}/{seq}({category_mark})/DTA/CEB/CSS' -> 'CU 2012/150(A)/DTA/CEB/CSS'.

    No str.format on input. Without a mark (a circular note) the placeholder goes, with the
    brackets that held it: 'CU 2012/150/DTA/CEB/CSS'.
    """
    if not mark:
        pattern = re.sub(r"[(\[]\{category_mark\}[)\]]|\{category_mark\}", "", pattern)

    def value(match: re.Match) -> str:
        if match.group(1) == "category_mark":
            return mark
        number = on.year if match.group(1) == "year" else sequence
        return f"{number:{match.group(2)}d}" if match.group(2) else str(number)

    return _TOKEN.sub(value, pattern)


def yearly(secretariat: Secretariat, pattern: str | None = None) -> bool:
    """{year} in the pattern means a counter per year, unless the secretariat says otherwise."""
    return bool(secretariat.counter_per_year) and "{year" in (pattern or
                                                              secretariat.reference_pattern)


def counter_year(secretariat: Secretariat, dated: date) -> int:
    """Which counter numbers a note of this date: its year's, or the running one (0).

    The year is the note's date, which is the day in the secretariat's time zone unless the
    officer chose one: the number restarts with the year printed in the reference.
    """
    return dated.year if yearly(secretariat) else RUNNING


def counter_problem(secretariat: Secretariat, dated: date) -> str | None:
    year = counter_year(secretariat, dated)
    if year != RUNNING and secretariat.reference_year and year < secretariat.reference_year:
        return (f"The counter already numbers the notes of {secretariat.reference_year}: a note "
                f"dated in {year} cannot take a number any more. Date it in "
                f"{secretariat.reference_year} or later.")
    return None


def reserve(secretariat: Secretariat, count: int = 1, year: int = RUNNING) -> list[int]:
    """Take `count` consecutive numbers in one atomic UPDATE … RETURNING.

    On PostgreSQL the row lock makes a second officer's request wait for the first to commit,
    so two requests never get the same numbers; a rolled-back request gives its numbers back
    unused, and a committed one never gives them again. With a counter per year, the first
    number of a new year is 1 (the counter's own year moves forward, never back).
    """
    values: dict = {"reference_next": Secretariat.reference_next + count}
    query = sa.update(Secretariat).where(Secretariat.id == secretariat.id)
    if year != RUNNING:
        same_year = sa.or_(Secretariat.reference_year.is_(None),
                           Secretariat.reference_year == year)
        values = {"reference_next": sa.case((same_year, Secretariat.reference_next + count),
                                            else_=1 + count),
                  "reference_year": year}
        query = query.where(sa.or_(Secretariat.reference_year.is_(None),
                                   Secretariat.reference_year <= year))
    last = db.session.execute(
        query.values(**values).returning(Secretariat.reference_next)
    ).scalar_one_or_none()
    db.session.expire(secretariat, ["reference_next", "reference_year"])
    if last is None:
        raise CounterProblem(counter_problem(secretariat, date(year, 1, 1)) or
                             "The counter cannot number this note.")
    return list(range(last - count, last))
