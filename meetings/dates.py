"""Dates as people write them, in each language (Babel / CLDR)."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_interval, format_time

# The locale whose CLDR patterns match UN usage for each language ("22 October 2012").
LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU", "ar": "ar", "zh": "zh_CN",
           "kk": "kk_KZ"}


def locale_for(language: str) -> str:
    return LOCALES.get(language, language)


def long_date(day: date, language: str = "en") -> str:
    return babel_format_date(day, format="long", locale=locale_for(language))


# Languages that write the day before the month, where a range can share the month and year.
DAY_FIRST = {"en", "fr", "es", "ru", "ar"}
DAY_MONTH = {"es": "d 'de' MMMM"}


def day_range(first: date, last: date, language: str = "en") -> str:
    """'22–23 October 2012', '30 September – 2 October 2012': full month names, as notes write them.

    CLDR's own intervals abbreviate the month in most languages, which no note verbale does.
    """
    if first == last:
        return long_date(first, language)
    if language not in DAY_FIRST:
        return format_interval(first, last, skeleton="yMMMMd", locale=locale_for(language))
    end = long_date(last, language)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{end}"
    if first.year == last.year:
        pattern = DAY_MONTH.get(language, "d MMMM")
        start = babel_format_date(first, format=pattern, locale=locale_for(language))
        return f"{start} – {end}"
    return f"{long_date(first, language)} – {end}"


def clock(at: time, language: str = "en") -> str:
    return format_time(at, format="HH:mm", locale=locale_for(language))


def in_zone(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))
