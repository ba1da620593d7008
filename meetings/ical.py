"""Pure builders of iCalendar files (RFC 5545, RFC 7986 names and refresh; METHOD:PUBLISH).

Every event keeps its UID for good; SEQUENCE grows with each change of time, place or status;
cancelled or postponed events stay in the file as STATUS:CANCELLED. Times are written in the
venue's zone with a VTIMEZONE generated from the tz database. Every text value is cleaned of
control characters and given to the icalendar library as vText, which escapes it (CR, LF, ``;``,
``,`` and ``\\``) and folds it; nothing here writes iCalendar by hand. Dates are written only
within the years a meeting can have, so a stray year 9999 in old data cannot break a file.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from flask_babel import gettext as _
from icalendar import Alarm, Calendar, Event, vCalAddress, vDuration, vText

from meetings import dates, i18n
from meetings.deadline import Deadline
from meetings.inputs import EARLIEST, LATEST
from meetings.models import Meeting, MeetingStatus, Secretariat, Sitting, SittingStatus
from meetings.urls import meeting_url, webcal

PRODID = "-//Meetings//Invitations and delegation registration//EN"
REFRESH = timedelta(hours=6)
UID_DOMAIN = "meetings.invalid"
# How far around a meeting's days a cancelled day once published is still worth keeping.
KEPT_AROUND = timedelta(days=366)

_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(value: object) -> str:
    """A text as iCalendar may carry it: line breaks as LF (escaped later), no control character."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", str(value or "")))


def text(value: object) -> vText:
    """Every text property goes through here, so the library escapes it whatever its name."""
    return vText(clean(value))


def one_line(value: object) -> str:
    """A parameter value (a CN) or an address, where no line break can be escaped at all."""
    return " ".join(clean(value).split())


def _calendar(name: str, secretariat: Secretariat | None, description: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", text(name))
    calendar.add("x-wr-calname", text(name))
    if description:
        calendar.add("description", text(description))
        calendar.add("x-wr-caldesc", text(description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def organizer_address(secretariat: Secretariat) -> str:
    """A published event needs an organizer: the secretariat's address, else the configured one."""
    address = secretariat.email
    if not address and has_app_context():
        config = current_app.config
        address = config.get("CALENDAR_ORGANIZER") or config.get("MAIL_DEFAULT_SENDER")
    # RFC 5546 requires ORGANIZER with METHOD:PUBLISH: never leave it out for want of settings.
    return "".join(one_line(address).split()) or f"no-reply@{UID_DOMAIN}"


def _organizer(secretariat: Secretariat) -> vCalAddress | None:
    address = organizer_address(secretariat)
    if address is None:
        return None
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(one_line(secretariat.name))
    return organizer


def _in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def _next_day(day: date) -> date:
    return day + timedelta(days=1) if day < date.max else day


def _status(meeting: Meeting, sitting: Sitting | None = None) -> str:
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        return "CANCELLED"
    if sitting is not None and sitting.status == SittingStatus.CANCELLED:
        return "CANCELLED"
    if sitting is not None and sitting.status == SittingStatus.TENTATIVE:
        return "TENTATIVE"
    return "CONFIRMED"


def description(meeting: Meeting, group: Iterable[Meeting] = (), language: str = "en") -> str:
    """Plain text: body, mandate, dates, linked meetings, documents (no HTML), in `language`
    where the secretariat gave the texts (the caller speaks it: see i18n.speaking)."""
    def own(m: Meeting, field: str = "title") -> str:
        return m.text_in(language, field)

    lines = [own(meeting)]
    if meeting.body:
        lines.append(own(meeting, "body"))
    lines.append(f"{dates.day_range(meeting.first_day, meeting.last_day, language)}, "
                 f"{_location(meeting, None, language)}")
    if meeting.status == MeetingStatus.CANCELLED:
        lines.append(_("This meeting has been cancelled."))
    elif meeting.status == MeetingStatus.POSTPONED:
        lines.append(_("This meeting has been postponed."))
    if meeting.mandate:
        lines += ["", _("Mandate: %(mandate)s", mandate=own(meeting, "mandate"))]
    others = [m for m in group if m.id != meeting.id]
    if others:
        lines += ["", _("Linked meetings:")]
        lines += [f"- {own(m)} ({dates.day_range(m.first_day, m.last_day, language)})"
                  for m in others]
    documents = [d for d in meeting.documents if d.url]
    if documents:
        lines += ["", _("Documents:")] + [
            f"- {(d.localized or {}).get(language, {}).get('title') or d.title}: {d.url}"
            for d in documents]
    return "\n".join(lines)


def _location(meeting: Meeting, room: str | None = None, language: str = "en") -> str:
    return ", ".join(p for p in (room, *(meeting.text_in(language, f) for f in (
        "venue_name", "city", "country"))) if p)


def _last_modified(*stamps: datetime | None) -> datetime:
    return max(s for s in stamps if s is not None).astimezone(timezone.utc)


def meeting_events(meeting: Meeting, base_url: str, group: Iterable[Meeting] = (),
                   now: datetime | None = None, language: str = "en") -> list[Event]:
    """One event per sitting, or one all-day event per day when the meeting has no sittings;
    days once published that lost their all-day event stay, cancelled."""
    now = now or datetime.now(timezone.utc)
    zone = ZoneInfo(meeting.timezone)
    about = description(meeting, group, language)
    name = meeting.text_in(language)
    title = meeting.text_in(language, "short_title") or name
    events = []
    if meeting.sittings:
        for sitting in meeting.sittings:
            event = Event()
            event.add("uid", sitting.uid)
            event.add("dtstart", datetime.combine(sitting.day, sitting.starts_at, tzinfo=zone))
            event.add("dtend", datetime.combine(sitting.day, sitting.ends_at, tzinfo=zone))
            own = sitting.text_in(language)
            event.add("summary", text(_("%(label)s: %(text)s", label=name, text=own)
                                      if own else name))
            event.add("sequence", sitting.sequence + meeting.calendar_sequence)
            event.add("status", _status(meeting, sitting))
            event.add("location", text(_location(meeting, sitting.room, language)))
            event.add("last-modified", _last_modified(sitting.updated_at, meeting.updated_at))
            events.append(event)
    current = [] if meeting.sittings else all_day_dates(meeting)
    gone = sorted(_published_days(meeting) - set(current))
    for day in sorted(current + gone):
        event = Event()
        event.add("uid", f"meeting-{meeting.id}-{day:%Y%m%d}@{UID_DOMAIN}")
        event.add("dtstart", day)
        event.add("dtend", _next_day(day))
        event.add("summary", text(name))
        event.add("sequence", meeting.calendar_sequence)
        event.add("status", "CANCELLED" if day in gone else _status(meeting))
        event.add("location", text(_location(meeting, None, language)))
        event.add("last-modified", _last_modified(meeting.updated_at))
        event.add("transp", "TRANSPARENT")
        events.append(event)
    organizer = _organizer(meeting.secretariat)
    for event in events:
        event.add("dtstamp", now)
        event.add("url", meeting_url(meeting, base_url))
        event.add("description", text(about))
        event.add("categories", [clean(title)])
        if organizer is not None:
            event.add("organizer", organizer)
    return events


def all_day_dates(meeting: Meeting) -> list[date]:
    """The meeting's days, one all-day event each, never more than a year of them."""
    first, last = meeting.first_day, meeting.last_day
    if not (_in_range(first) and _in_range(last)):
        return []
    count = min((last - first).days + 1, KEPT_AROUND.days)
    return [first + timedelta(days=n) for n in range(max(count, 0))]


def _published_days(meeting: Meeting) -> set[date]:
    """Days once offered that are near the meeting; far ones came from a mistyped year."""
    first = max(meeting.first_day, EARLIEST) - KEPT_AROUND
    last = min(meeting.last_day, LATEST) + KEPT_AROUND
    days = set()
    for raw in meeting.published_days or []:
        try:
            day = date.fromisoformat(raw)
        except (TypeError, ValueError):
            continue
        if _in_range(day) and first <= day <= last:
            days.add(day)
    return days


def _finish(calendar: Calendar, meetings: list[Meeting]) -> Calendar:
    if meetings:
        first = max(min(m.first_day for m in meetings), EARLIEST) - KEPT_AROUND
        last = min(max(m.last_day for m in meetings), LATEST) + KEPT_AROUND
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def meeting_calendar(meeting: Meeting, base_url: str, group: list[Meeting] | None = None,
                     now: datetime | None = None, language: str = "en") -> Calendar:
    with i18n.speaking(language):
        title = meeting.text_in(language)
        calendar = _calendar(title, meeting.secretariat, _(
            "%(label)s: %(text)s", label=_secretariat_name(meeting.secretariat, language),
            text=title))
        for event in meeting_events(meeting, base_url, group or [], now, language):
            calendar.add_component(event)
    return _finish(calendar, [meeting])


def series_calendar(meeting: Meeting, group: list[Meeting], base_url: str,
                    now: datetime | None = None, language: str = "en") -> Calendar:
    """Every meeting of the linked group, each with its own sittings."""
    with i18n.speaking(language):
        calendar = _calendar(_("%(meeting)s and linked meetings",
                               meeting=meeting.text_in(language)), meeting.secretariat,
                             _("; ").join(m.text_in(language) for m in group))
        for member in group:
            for event in meeting_events(member, base_url, group, now, language):
                calendar.add_component(event)
    return _finish(calendar, group)


def _secretariat_name(secretariat: Secretariat, language: str) -> str:
    return (secretariat.localized or {}).get(language, {}).get("name") or secretariat.name


def secretariat_calendar(secretariat: Secretariat, meetings: list[Meeting], base_url: str,
                         now: datetime | None = None, language: str = "en") -> Calendar:
    with i18n.speaking(language):
        name = _secretariat_name(secretariat, language)
        calendar = _calendar(_("Meetings of the %(secretariat)s", secretariat=name), secretariat,
                             _("Meetings announced by the %(secretariat)s", secretariat=name))
        for meeting in meetings:
            for event in meeting_events(meeting, base_url, (), now, language):
                calendar.add_component(event)
    return _finish(calendar, meetings)


def personal_calendar(name: str, meetings: list[Meeting], base_url: str,
                      now: datetime | None = None, language: str = "en") -> Calendar:
    """A delegate's own schedule: only the meetings that person attends, in `language`."""
    with i18n.speaking(language):
        calendar = _calendar(_("%(name)s: my meetings", name=name),
                             meetings[0].secretariat if meetings else None)
        for meeting in meetings:
            for event in meeting_events(meeting, base_url, meetings, now, language):
                calendar.add_component(event)
    return _finish(calendar, meetings)


def deadline_calendar(meeting: Meeting, base_url: str, now: datetime | None = None,
                      remind_days: int = 3, language: str = "en") -> Calendar:
    """The registration deadline as an all-day event (DTEND the next day) with an alarm."""
    with i18n.speaking(language):
        return _deadline_calendar(meeting, base_url, now, remind_days, language)


def _deadline_calendar(meeting: Meeting, base_url: str, now: datetime | None,
                       remind_days: int, language: str) -> Calendar:
    title = meeting.text_in(language)
    calendar = _calendar(_("Registration deadline: %(meeting)s", meeting=title),
                         meeting.secretariat)
    deadline = Deadline.of(meeting)
    if deadline is None:
        return calendar
    event = Event()
    event.add("uid", f"deadline-{meeting.id}@{UID_DOMAIN}")
    event.add("dtstamp", now or datetime.now(timezone.utc))
    event.add("dtstart", deadline.day)
    event.add("dtend", _next_day(deadline.day))
    event.add("summary", text(_("Deadline: register the delegation to %(meeting)s",
                                meeting=title)))
    when = deadline.summary() if language == "en" else \
        f"{_('Deadline')}: {deadline.words(language)} ({deadline.zone})"
    event.add("description", text(f"{when} {meeting_url(meeting, base_url)}"))
    event.add("sequence", meeting.calendar_sequence)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("url", meeting_url(meeting, base_url))
    event.add("last-modified", _last_modified(meeting.updated_at))
    organizer = _organizer(meeting.secretariat)
    if organizer is not None:
        event.add("organizer", organizer)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text(_("Registration for %(meeting)s closes in %(days)s days",
                                    meeting=title, days=remind_days)))
    alarm.add("trigger", timedelta(days=-remind_days))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar


def google_link(meeting: Meeting, base_url: str) -> str:
    from urllib.parse import urlencode

    end = _next_day(meeting.last_day)
    return "https://calendar.google.com/calendar/render?" + urlencode({
        "action": "TEMPLATE", "text": meeting.title,
        "dates": f"{meeting.first_day:%Y%m%d}/{end:%Y%m%d}",
        "details": meeting_url(meeting, base_url), "location": _location(meeting)})


def google_subscribe_link(feed_url: str) -> str:
    from urllib.parse import urlencode

    return "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal(feed_url)})


def outlook_link(meeting: Meeting, base_url: str) -> str:
    from urllib.parse import urlencode

    end = _next_day(meeting.last_day)
    return "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": meeting.title,
        "startdt": meeting.first_day.isoformat(), "enddt": end.isoformat(), "allday": "true",
        "location": _location(meeting), "body": meeting_url(meeting, base_url)})
