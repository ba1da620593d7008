"""Venue time: every date and time a secretariat types is meant where the meeting is held."""
from __future__ import annotations

from datetime import date, datetime, time, timezone
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

