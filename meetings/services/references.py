"""Reference numbers of notes: a per-secretariat pattern and a counter nobody can draw twice."""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Secretariat

_TOKEN = re.compile(r"\{(year|seq)(?::(0\d+))?\}")


def pattern_problem(pattern: str) -> str | None:
    """Why a pattern cannot number notes, or None. Only {year} and {seq} are placeholders."""
    if "{seq" not in pattern:
        return "The pattern needs {seq}, the running number, e.g. NCT/CT/{seq}."
    leftover = _TOKEN.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        return "Only {year} and {seq} (or {seq:04}) may stand in braces."
    return None


def format_reference(pattern: str, sequence: int, on: date) -> str:
    """'CU {year}/{seq}(A)/DTA/CEB/CSS' -> 'CU 2012/150(A)/DTA/CEB/CSS' (no str.format on input)."""
    def value(match: re.Match) -> str:
        number = on.year if match.group(1) == "year" else sequence
        return f"{number:{match.group(2)}d}" if match.group(2) else str(number)

    return _TOKEN.sub(value, pattern)


def reserve(secretariat: Secretariat, count: int = 1) -> list[int]:
    """Take `count` consecutive numbers in one atomic UPDATE … RETURNING.

    On PostgreSQL the row lock makes a second officer's request wait for the first to commit,
    so two requests never get the same numbers; a rolled-back request gives its numbers back
    unused, and a committed one never gives them again.
    """
    last = db.session.execute(
        sa.update(Secretariat)
        .where(Secretariat.id == secretariat.id)
        .values(reference_next=Secretariat.reference_next + count)
        .returning(Secretariat.reference_next)
    ).scalar_one()
    db.session.expire(secretariat, ["reference_next"])
    return list(range(last - count, last))
