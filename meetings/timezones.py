"""Venue time: every date and time a secretariat types is meant where the meeting is held."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_zone(name: str | None) -> bool:
    if not name or name not in known_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def venue_instant(day: date, at: time, zone: str) -> datetime:
    """The UTC instant of a wall-clock time at the venue (a time skipped by DST moves forward)."""
    local = datetime.combine(day, at, tzinfo=ZoneInfo(zone))
    return local.astimezone(timezone.utc)


def closing_instant(deadline: date | None, at: time | None, zone: str) -> datetime | None:
    """The instant registration closes: the given time, or the end of the deadline day there."""
    if deadline is None:
        return None
    if at is not None:
        return venue_instant(deadline, at, zone)
    return venue_instant(deadline + timedelta(days=1), time(0, 0), zone)
