"""Defining meetings: their dates, sittings, documents and links to other meetings."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, time, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from meetings import i18n, languages
from meetings.dates import long_date
from meetings.errors import Problems, RuleBroken
from meetings.extensions import db
from meetings.ical import all_day_dates
from meetings.inputs import EARLIEST, LATEST, values_problems
from meetings.models import (
    CalendarFeed,
    LinkKind,
    Meeting,
    MeetingDocument,
    MeetingLink,
    MeetingStatus,
    Secretariat,
    Sitting,
    SittingStatus,
    StoredFile,
)
from meetings.services.audit import Actor, pending_changes, record, snapshot
from meetings.timezones import is_valid_zone

MEETING_FIELDS = (
    "slug", "title", "short_title", "body", "mandate", "background", "functions", "in_text",
    "focus", "localized", "note_date", "earlier_notes", "enclosure_pages", "venue_name",
    "venue_address", "city", "country", "timezone", "first_day", "last_day",
    "registration_opens_on", "registration_deadline", "registration_deadline_time",
    "late_policy", "note_verbale_required", "status", "website", "languages",
)
SITTING_FIELDS = ("day", "starts_at", "ends_at", "room", "title", "status")
# A change to any of these is a change a calendar must announce with a higher SEQUENCE.
SCHEDULE_FIELDS = {"day", "starts_at", "ends_at", "room", "status"}
# Changes that move or cancel every event of the meeting in calendars already imported.
MEETING_SCHEDULE_FIELDS = {"first_day", "last_day", "timezone", "venue_name", "city", "country",
                           "status"}
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The longest meeting a calendar shows day by day; a session never lasts longer than a year.
LONGEST_MEETING = timedelta(days=366)


def meeting_problems(values: Mapping[str, Any], meeting: Meeting | None = None) -> Problems:
    """The rules a meeting's texts, dates and zone must satisfy, as messages keyed by field."""
    problems: Problems = values_problems(Meeting, values, MEETING_FIELDS)
    first: date | None = values.get("first_day")
    last: date | None = values.get("last_day")
    deadline: date | None = values.get("registration_deadline")
    opens: date | None = values.get("registration_opens_on")
    slug = values.get("slug")
    if slug is not None and "slug" not in problems:
        if not SLUG_PATTERN.fullmatch(slug):
            problems["slug"] = _("Use lower-case letters, digits and single hyphens, e.g. "
                                 "cosp-em-2012.")
        else:
            query = sa.select(Meeting.id).where(Meeting.slug == slug)
            if meeting is not None and meeting.id is not None:
                query = query.where(Meeting.id != meeting.id)
            if db.session.scalar(query) is not None:
                problems["slug"] = _("Another meeting already uses this address.")
    if "timezone" in values and "timezone" not in problems \
            and not is_valid_zone(values.get("timezone")):
        problems["timezone"] = (
            _("Give the venue's time zone as an IANA name, such as Europe/Vienna or Asia/Almaty.")
        )
    if any(name in problems for name in ("first_day", "last_day", "registration_deadline",
                                         "registration_opens_on")):
        return problems  # the order of dates out of range means nothing
    if first and last and last < first:
        problems["last_day"] = _("The last day cannot be before the first day.")
    elif first and last and last - first >= LONGEST_MEETING:
        problems["last_day"] = _("A meeting lasts at most a year; check the year of the last "
                                 "day.")
    if deadline and first and deadline >= first:
        problems["registration_deadline"] = _("The registration deadline must be before the "
                                              "first day.")
    if values.get("registration_deadline_time") and not deadline:
        problems["registration_deadline_time"] = _("A deadline time needs a deadline date.")
    if opens and deadline and opens > deadline:
        problems["registration_opens_on"] = _("Registration cannot open after its deadline.")
    if meeting is not None and first and last:
        outside = [s for s in meeting.sittings if not first <= s.day <= last]
        if outside and "last_day" not in problems:
            days = ", ".join(sorted({s.day.isoformat() for s in outside}))
            problems["first_day"] = (
                _("Sittings are scheduled on %(days)s, outside these dates; move them first.",
                  days=days)
            )
    return problems


def _apply(obj: Any, values: Mapping[str, Any], fields: Iterable[str]) -> None:
    for field in fields:
        if field in values:
            setattr(obj, field, values[field])


def create_meeting(secretariat: Secretariat, values: Mapping[str, Any], actor: Actor) -> Meeting:
    problems = meeting_problems(values)
    if problems:
        raise RuleBroken(problems)
    meeting = Meeting(secretariat=secretariat)
    _apply(meeting, values, MEETING_FIELDS)
    db.session.add(meeting)
    db.session.flush()
    record(actor, "created", meeting, snapshot(meeting), meeting_id=meeting.id,
           secretariat_id=secretariat.id)
    return meeting


def update_meeting(meeting: Meeting, values: Mapping[str, Any], actor: Actor) -> Meeting:
    problems = meeting_problems(values, meeting)
    if problems:
        raise RuleBroken(problems)
    offered = whole_days(meeting)
    _apply(meeting, values, MEETING_FIELDS)
    changes = pending_changes(meeting)
    if MEETING_SCHEDULE_FIELDS & changes.keys():
        meeting.calendar_sequence += 1
        remember_days(meeting, offered)
    if changes:
        record(actor, "updated", meeting, changes, meeting_id=meeting.id,
               secretariat_id=meeting.secretariat_id)
    return meeting


def _day_words(day: date) -> str:
    """'22 October 2012' in an English message, '22 octobre 2012' in a French one."""
    language = i18n.page_language()
    return f"{day:%d %B %Y}" if language == languages.BASE else long_date(day, language)


def sitting_problems(
    meeting: Meeting, values: Mapping[str, Any], sitting: Sitting | None = None
) -> Problems:
    """A sitting lies within the meeting's days, ends after it starts, and shares no room-time."""
    problems: Problems = values_problems(Sitting, values, SITTING_FIELDS)
    day: date | None = values.get("day")
    start: time | None = values.get("starts_at")
    end: time | None = values.get("ends_at")
    if day and "day" not in problems and not meeting.first_day <= day <= meeting.last_day:
        problems["day"] = (
            _("The meeting is held from %(first)s to %(last)s; choose a day within it.",
              first=_day_words(meeting.first_day), last=_day_words(meeting.last_day))
        )
    if start and end and end <= start:
        problems["ends_at"] = _("The sitting must end after it starts.")
    if problems or not (day and start and end):
        return problems
    if values.get("status") == SittingStatus.CANCELLED:
        return problems
    room = (values.get("room") or "").strip().casefold()
    for other in meeting.sittings:
        if other is sitting or other.day != day or other.status == SittingStatus.CANCELLED:
            continue
        if (other.room or "").strip().casefold() != room:
            continue
        if start < other.ends_at and other.starts_at < end:
            hours = f"{other.starts_at:%H:%M}-{other.ends_at:%H:%M}"
            problems["starts_at"] = (
                _("Overlaps the sitting of %(hours)s in %(room)s on the same day.", hours=hours,
                  room=other.room) if other.room else
                _("Overlaps the sitting of %(hours)s on the same day.", hours=hours)
            )
            break
    return problems


def whole_days(meeting: Meeting) -> list[str]:
    """The days a calendar shows as all-day events now: only for a meeting without sittings."""
    if meeting.sittings or meeting.first_day is None:
        return []
    return [day.isoformat() for day in all_day_dates(meeting)]


def in_calendars(meeting: Meeting) -> bool:
    """Whether a calendar file with this meeting was ever built, i.e. someone may hold it."""
    keys = [f"meeting:{meeting.id}", f"series:{meeting.id}",
            f"secretariat:{meeting.secretariat_id}"]
    in_a_language = [CalendarFeed.key.like(f"{key}:%") for key in keys]  # 'meeting:12:fr'
    return (db.session.scalar(
        sa.select(sa.func.count()).select_from(CalendarFeed)
        .where(sa.or_(CalendarFeed.key.in_(keys), *in_a_language))
    ) or 0) > 0


def remember_days(meeting: Meeting, offered: list[str]) -> bool:
    """Days already offered to calendars stay in them, cancelled, once they lose their event."""
    if meeting.status == MeetingStatus.DRAFT or not offered or not in_calendars(meeting):
        return False
    days = set(meeting.published_days or []) | set(offered)
    low, high = EARLIEST.isoformat(), LATEST.isoformat()
    meeting.published_days = sorted(d for d in days if low <= d <= high)
    return True


def add_sitting(meeting: Meeting, values: Mapping[str, Any], actor: Actor) -> Sitting:
    problems = sitting_problems(meeting, values)
    if problems:
        raise RuleBroken(problems)
    if remember_days(meeting, whole_days(meeting)):
        meeting.calendar_sequence += 1  # the all-day events give way to sittings
    sitting = Sitting()
    _apply(sitting, values, SITTING_FIELDS)
    meeting.sittings.append(sitting)
    db.session.flush()
    record(actor, "sitting added", sitting, snapshot(sitting), meeting_id=meeting.id,
           secretariat_id=meeting.secretariat_id)
    return sitting


def update_sitting(sitting: Sitting, values: Mapping[str, Any], actor: Actor) -> Sitting:
    """Changing when, where or whether a sitting happens bumps its calendar SEQUENCE."""
    meeting = sitting.meeting
    problems = sitting_problems(meeting, values, sitting)
    if problems:
        raise RuleBroken(problems)
    _apply(sitting, values, SITTING_FIELDS)
    changes = pending_changes(sitting)
    if SCHEDULE_FIELDS & changes.keys():
        sitting.sequence += 1
    if changes:
        record(actor, "sitting updated", sitting, changes, meeting_id=meeting.id,
               secretariat_id=meeting.secretariat_id)
    return sitting


def remove_sitting(sitting: Sitting, actor: Actor) -> str:
    """A draft's sitting is deleted; a published one is cancelled, so calendars show it so."""
    meeting = sitting.meeting
    if meeting.status != MeetingStatus.DRAFT:
        update_sitting(sitting, {"status": SittingStatus.CANCELLED}, actor)
        return "cancelled"
    record(actor, "sitting removed", sitting, snapshot(sitting), meeting_id=meeting.id,
           secretariat_id=meeting.secretariat_id)
    meeting.sittings.remove(sitting)
    return "removed"


TIME_RANGE = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*[-–—]\s*(\d{1,2})[:.h](\d{2})\s*$")


def parse_times(text: str) -> list[tuple[time, time]]:
    """'10:00-13:00, 15:00-18:00' as [(10:00, 13:00), (15:00, 18:00)]; they may not overlap."""
    ranges = []
    for part in re.split(r"[,;]|\band\b", text or ""):
        if not part.strip():
            continue
        match = TIME_RANGE.match(part)
        try:
            start, end = (time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))) \
                if match else (None, None)
        except ValueError:
            start = end = None
        if start is None or end is None:
            raise RuleBroken({"times": _("“%(text)s” is not a time range such as 10:00-13:00.",
                                         text=part.strip())})
        if end <= start:
            raise RuleBroken({"times": _("%(text)s: a sitting must end after it starts.",
                                         text=part.strip())})
        ranges.append((start, end))
    if not ranges:
        raise RuleBroken({"times": _("Give at least one time range, such as 10:00-13:00.")})
    ranges.sort()
    for (_start, end), (start, _end) in zip(ranges, ranges[1:], strict=False):
        if start < end:
            raise RuleBroken({"times": _("These time ranges overlap.")})
    return ranges


def add_sitting_pattern(meeting: Meeting, days: Iterable[date], times_text: str,
                        values: Mapping[str, Any], actor: Actor) -> list[Sitting]:
    """The same sittings on each chosen day (venue time); all are added, or none."""
    ranges = parse_times(times_text)
    chosen = sorted(set(days))
    if not chosen:
        raise RuleBroken({"days": _("Choose at least one day.")})
    planned = [{**values, "day": day, "starts_at": start, "ends_at": end,
                "status": SittingStatus.SCHEDULED} for day in chosen for start, end in ranges]
    problems = []
    for one in planned:
        found = sitting_problems(meeting, one)
        if found:
            problems.append(f"{one['day']:%d %B %Y} {one['starts_at']:%H:%M}: "
                            + " ".join(found.values()))
    if problems:
        raise RuleBroken({"days": _("No sitting was added.") + " " + " ".join(problems[:5])
                          + (" " + _("(and %(count)s more)", count=len(problems) - 5)
                             if len(problems) > 5 else "")})
    return [add_sitting(meeting, one, actor) for one in planned]


def add_document(
    meeting: Meeting,
    title: str,
    actor: Actor,
    *,
    url: str | None = None,
    file: StoredFile | None = None,
    symbol: str | None = None,
    attached_to_note: bool = False,
) -> MeetingDocument:
    problems = values_problems(MeetingDocument, {"title": title, "url": url, "symbol": symbol},
                               ("title", "url", "symbol"))
    if not url and file is None:
        problems.setdefault("url", "Give the document's address or upload the file.")
    if problems:
        raise RuleBroken(problems)
    position = max((d.position for d in meeting.documents), default=-1) + 1
    document = MeetingDocument(
        title=title, url=url or None, file=file, symbol=symbol or None,
        attached_to_note=attached_to_note, position=position,
    )
    meeting.documents.append(document)
    db.session.flush()
    record(actor, "document added", document, snapshot(document), meeting_id=meeting.id,
           secretariat_id=meeting.secretariat_id)
    return document


def send_with_note(document: MeetingDocument, attached: bool, actor: Actor) -> MeetingDocument:
    """The officer's choice of whether the document goes with the note (notes issued from now)."""
    if document.attached_to_note != attached:
        meeting = document.meeting
        record(actor, "document changed", document,
               {"title": document.title, "attached_to_note": [document.attached_to_note, attached]},
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
        document.attached_to_note = attached
    return document


def remove_document(document: MeetingDocument, actor: Actor) -> None:
    meeting = document.meeting
    record(actor, "document removed", document, snapshot(document), meeting_id=meeting.id,
           secretariat_id=meeting.secretariat_id)
    meeting.documents.remove(document)


def link_meetings(meeting: Meeting, other: Meeting, kind: LinkKind, actor: Actor) -> MeetingLink:
    """Record that `meeting` is held <kind> `other`; one link per pair, in either direction."""
    if other.id == meeting.id:
        raise RuleBroken({"other": _("A meeting cannot be linked to itself.")})
    if other.secretariat_id != meeting.secretariat_id:
        raise RuleBroken({"other": _("Only meetings of the same secretariat can be linked.")})
    existing = db.session.scalar(
        sa.select(MeetingLink).where(
            sa.or_(
                sa.and_(MeetingLink.meeting_id == meeting.id, MeetingLink.other_id == other.id),
                sa.and_(MeetingLink.meeting_id == other.id, MeetingLink.other_id == meeting.id),
            )
        )
    )
    if existing is not None:
        raise RuleBroken({"other": _("These two meetings are already linked.")})
    link = MeetingLink(meeting=meeting, other=other, kind=kind)
    db.session.add(link)
    db.session.flush()
    record(actor, "linked", link, {"other": other.slug, "kind": kind.value},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return link


def unlink(link: MeetingLink, actor: Actor) -> None:
    record(actor, "unlinked", link, {"other": link.other.slug, "kind": link.kind.value},
           meeting_id=link.meeting_id, secretariat_id=link.meeting.secretariat_id)
    db.session.delete(link)


def links_touching(meetings: Iterable[Meeting]) -> list[MeetingLink]:
    ids = [m.id for m in meetings]
    return list(
        db.session.scalars(
            sa.select(MeetingLink).where(
                sa.or_(MeetingLink.meeting_id.in_(ids), MeetingLink.other_id.in_(ids))
            )
        )
    )


@cache
def _linked_group_query() -> sa.Select:
    """Built once (a constant statement; the meeting is its parameter)."""
    link = MeetingLink.__table__
    reach = sa.select(sa.bindparam("meeting_id", type_=sa.Integer).label("id")) \
        .cte("reach", recursive=True)
    reach = reach.union(
        sa.select(sa.case((link.c.meeting_id == reach.c.id, link.c.other_id),
                          else_=link.c.meeting_id))
        .where(sa.or_(link.c.meeting_id == reach.c.id, link.c.other_id == reach.c.id))
    )
    return sa.select(Meeting).where(Meeting.id.in_(sa.select(reach.c.id))) \
        .order_by(Meeting.first_day, Meeting.id)


def linked_group(meeting: Meeting) -> list[Meeting]:
    """Every meeting reachable through links, in date order, the meeting itself included.

    One statement: a recursive query walks the links in both directions (UNION, not UNION ALL,
    so a cycle ends), and the meetings it reaches are read in the same round trip.
    """
    return list(db.session.scalars(_linked_group_query(), {"meeting_id": meeting.id}))
