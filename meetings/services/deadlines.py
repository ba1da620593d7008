"""Whether a delegation may still be registered: decided by the instant in the venue's zone."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from meetings.deadline import Deadline
from meetings.models import LatePolicy, Meeting, MeetingStatus
from meetings.services.meeting_states import state_of
from meetings.timezones import venue_instant


class Window(enum.StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    LATE = "late"  # past the deadline, but this meeting accepts late registrations
    CLOSED = "closed"


@dataclass(frozen=True)
class Registration:
    window: Window
    closes_at: datetime | None  # UTC instant
    time_left: timedelta | None

    @property
    def accepts(self) -> bool:
        return self.window in (Window.OPEN, Window.LATE)

    def closes_at_venue(self, meeting: Meeting) -> datetime | None:
        return self.closes_at.astimezone(ZoneInfo(meeting.timezone)) if self.closes_at else None


def registration(meeting: Meeting, now: datetime) -> Registration:
    """Open until the deadline's closing instant; after it, closed or late as the meeting chose."""
    deadline = Deadline.of(meeting)
    closes = deadline.closes_at if deadline else None
    if state_of(meeting, now) in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED,
                                  MeetingStatus.HELD, MeetingStatus.DRAFT):
        return Registration(Window.CLOSED, closes, None)
    if meeting.registration_opens_on is not None:
        opens = venue_instant(meeting.registration_opens_on, datetime.min.time(), meeting.timezone)
        if now < opens:
            return Registration(Window.NOT_YET, closes, None)
    if deadline is None or deadline.is_open(now):
        return Registration(Window.OPEN, closes, closes - now if closes else None)
    if meeting.late_policy == LatePolicy.ACCEPT_LATE:
        return Registration(Window.LATE, closes, None)
    return Registration(Window.CLOSED, closes, None)
