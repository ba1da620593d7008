"""A meeting's state, read from its dates and deadline; only draft, postponed and cancelled are
set by hand, so nobody has to remember to mark a meeting held or its registration closed."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from meetings.deadline import Deadline
from meetings.models import Meeting, MeetingStatus

MANUAL = (MeetingStatus.DRAFT, MeetingStatus.POSTPONED, MeetingStatus.CANCELLED)
# What the meeting form offers: "announced" stands for "follow the dates".
CHOICES = [
    (MeetingStatus.DRAFT.value, _l("Draft (not public)")),
    (MeetingStatus.ANNOUNCED.value,
     _l("Scheduled: the state follows the dates and the deadline")),
    (MeetingStatus.POSTPONED.value, _l("Postponed")),
    (MeetingStatus.CANCELLED.value, _l("Cancelled")),
]


def stored_choice(status: MeetingStatus) -> MeetingStatus:
    """The form's choice for a stored status; states once set by hand now follow the dates."""
    return status if status in MANUAL else MeetingStatus.ANNOUNCED


def state_of(meeting: Meeting, now: datetime) -> MeetingStatus:
    """Held after its last day at the venue; registration open or closed by the deadline."""
    if meeting.status in MANUAL:
        return meeting.status
    today = now.astimezone(ZoneInfo(meeting.timezone)).date()
    if today > meeting.last_day:
        return MeetingStatus.HELD
    if meeting.registration_opens_on is not None and today < meeting.registration_opens_on:
        return MeetingStatus.ANNOUNCED
    deadline = Deadline.of(meeting)
    if deadline is None or deadline.is_open(now):
        return MeetingStatus.REGISTRATION_OPEN
    return MeetingStatus.REGISTRATION_CLOSED
