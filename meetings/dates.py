"""Dates as the UN writes them in each language, by the service's own rules.

Month names and ranges are written here rather than taken from Babel's locale patterns, whose
releases change them (Babel 2.19 writes a Chinese range "2012年10月22日 – 23日" where the UN writes
"2012年10月22日至23日"); a library upgrade must not change a note verbale.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from meetings import grammar

# The month as it stands in a date ("24 September 2012"): Russian takes the genitive, Arabic the
# UN's double form (Levantine/Egyptian name), Kazakh the nominative after the day.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"),
    "zh": tuple(f"{n}月" for n in range(1, 13)),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
           "қазан", "қараша", "желтоқсан"),
}
# Languages that write the day before the month, where a range can share the month and year.
DAY_FIRST = {"en", "fr", "es", "ru", "ar"}


def month_name(day: date, language: str = "en") -> str:
    return MONTHS.get(language, MONTHS["en"])[day.month - 1]


def time_left(left: timedelta, language: str = "en") -> str:
    """'37 days and 14 hours', '37 يومًا و14 ساعة': counted as the language counts (CLDR plurals)."""
    from babel.lists import format_list
    from babel.units import format_unit

    days, hours = left.days, left.seconds // 3600
    parts = [format_unit(days, "duration-day", length="long", locale=language)] if days else []
    if hours or not days:  # "3 days", never "3 days and 0 hours"
        parts.append(format_unit(hours, "duration-hour", length="long", locale=language))
    return format_list(parts, locale=language)


def long_date(day: date, language: str = "en") -> str:
    """The one written form of a date in each language, on pages, in calendars and in notes."""
    return note_date(day, language)


def day_range(first: date, last: date, language: str = "en") -> str:
    """'22–23 October 2012', '30 September – 2 October 2012', '2012年10月22日至23日'.

    Full month names, sharing the month and year where the language can; no CLDR interval.
    """
    if first == last:
        return long_date(first, language)
    end = long_date(last, language)
    if language == "zh":
        if first.year != last.year:
            return f"{long_date(first, language)}至{end}"
        tail = f"{last.day}日" if _same_month(first, last) else f"{last.month}月{last.day}日"
        return f"{long_date(first, language)}至{tail}"
    if language == "kk":
        if first.year != last.year:
            return f"{long_date(first, language)} – {end}"
        if _same_month(first, last):
            return f"{first.year} жылғы {first.day}–{last.day} {month_name(last, language)}"
        return (f"{first.year} жылғы {first.day} {month_name(first, language)} – "
                f"{last.day} {month_name(last, language)}")
    if language not in DAY_FIRST:
        return f"{long_date(first, language)} – {end}"
    if _same_month(first, last):
        return f"{_day(first, language)}–{end}"
    if first.year == last.year:
        of = " de " if language == "es" else " "
        return f"{_day(first, language)}{of}{month_name(first, language)} – {end}"
    return f"{long_date(first, language)} – {end}"


def clock(at: time, language: str = "en") -> str:
    """'18:00': every shipped language writes the 24-hour clock with Latin digits."""
    return f"{at:%H:%M}"


def day_time(instant: datetime, language: str = "en") -> str:
    """'24 Sep 2012 22:00' on a staff page, '24 septembre 2012 22:00' in French: a moment as the
    workspace shows it (the caller chose the zone)."""
    if language == "en":
        return f"{instant:%d %b %Y %H:%M}"
    return f"{long_date(instant.date(), language)} {instant:%H:%M}"


def in_zone(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone))


# --- Dates as notes verbales write them --------------------------------------------------------

def _month(day: date, language: str) -> str:
    return month_name(day, language)


def _day(day: date, language: str) -> str:
    return "1er" if language == "fr" and day.day == 1 else str(day.day)


def note_date(day: date, language: str = "en") -> str:
    """'15 August 2012', '12 июня 2024 года', '2024 жылғы 12 маусым', '2012年8月15日'."""
    d, m, y = _day(day, language), _month(day, language), day.year
    return {
        "en": f"{d} {m} {y}",
        "fr": f"{d} {m} {y}",
        "es": f"{d} de {m} de {y}",
        "ru": f"{d} {m} {y} года",
        "kk": f"{y} жылғы {d} {m}",
        "ar": f"{d} {m} {y}",
        "zh": f"{y}年{day.month}月{day.day}日",
    }.get(language) or f"{d} {_month(day, 'en')} {y}"


def _same_month(first: date, last: date) -> bool:
    return (first.year, first.month) == (last.year, last.month)


def held(first: date, last: date, language: str = "en") -> str:
    """When a meeting is held, with the language's prepositions.

    'from 22 to 23 October 2012', 'les 22 et 23 octobre 2012', 'du 15 au 19 octobre 2012',
    'los días 22 y 23 de octubre de 2012', 'с 15 по 19 октября 2012 года', '2012年10月22日至23日',
    'يومي 22 و23 تشرين الأول/أكتوبر 2012'.
    """
    if first == last:
        single = note_date(first, language)
        return {"en": f"on {single}", "fr": f"le {single}", "es": f"el {single}",
                "ar": f"في {single}"}.get(language, single)
    two_days = (last - first).days == 1 and _same_month(first, last)
    d1, d2 = _day(first, language), _day(last, language)
    m1, m2, y1, y2 = _month(first, language), _month(last, language), first.year, last.year
    if language == "en":
        return f"from {_short(first, last, language)} to {note_date(last, language)}"
    if language == "fr":
        if two_days:
            return f"les {d1} et {d2} {m2} {y2}"
        return f"du {_short(first, last, language)} au {note_date(last, language)}"
    if language == "es":
        if two_days:
            return f"los días {d1} y {d2} de {m2} de {y2}"
        start = f"{d1}" if _same_month(first, last) else (
            f"{d1} de {m1}" if y1 == y2 else note_date(first, language))
        return f"del {start} al {note_date(last, language)}"
    if language == "ru":
        if two_days:
            return f"{d1} и {d2} {m2} {y2} года"
        return f"с {_short(first, last, language)} по {note_date(last, language)}"
    if language == "kk":
        start = f"{d1}" if _same_month(first, last) else f"{d1} {m1}"
        if y1 != y2:
            return f"{note_date(first, language)} – {note_date(last, language)}"
        return f"{y2} жылғы {start}–{d2} {m2}"
    if language == "ar":
        if two_days:  # UN Arabic: «يومي 22 و23 تشرين الأول/أكتوبر 2012»
            return f"يومي {d1} و{d2} {m2} {y2}"
        start = f"{d1}" if _same_month(first, last) else (
            f"{d1} {m1}" if y1 == y2 else note_date(first, language))
        return f"من {start} إلى {note_date(last, language)}"
    return day_range(first, last, language)


def _short(first: date, last: date, language: str) -> str:
    """The start of a range, leaving out what the end repeats: '22', '30 September', ..."""
    if _same_month(first, last):
        return _day(first, language)
    if first.year == last.year:
        return f"{_day(first, language)} {_month(first, language)}"
    return note_date(first, language)


def span(first: date, last: date, language: str = "en") -> str:
    """A compact range for parentheses: '15-19 October 2012', '15–19 октября 2012 года'."""
    if first == last:
        return note_date(first, language)
    if language in {"en", "fr", "ar"} and _same_month(first, last):
        # French lines must not break inside a range: a non-breaking hyphen (U+2011).
        hyphen = "\u2011" if language == "fr" else "-"
        return f"{_day(first, language)}{hyphen}{note_date(last, language)}"
    if language == "ru" and _same_month(first, last):
        return f"{first.day}–{note_date(last, language)}"
    if language == "es" and first.year == last.year:  # «(15 a 19 de octubre de 2012)»
        start = f"{first.day}" if _same_month(first, last) else f"{first.day} de {_month(first, 'es')}"
        return f"{start} a {note_date(last, language)}"
    return held(first, last, language).removeprefix("from ").removeprefix("du ")


# Kazakh adds case endings to the month by vowel harmony (meetings/grammar.py): "25 маусымда",
# "18 сәуірдегі", "20 маусымнан".

def kk_on(day: date) -> str:
    """'2024 жылғы 25 маусымда' (on 25 June 2024)."""
    return kk_case_of(note_date(day, "kk"), "loc")


def kk_of(day: date) -> str:
    """'2024 жылғы 18 сәуірдегі' (of 18 April 2024), before the noun it qualifies."""
    return kk_case_of(note_date(day, "kk"), "loc_attr")


def kk_from(day: date) -> str:
    """'2024 жылғы 20 маусымнан' (from 20 June 2024), as in «… кешіктірмей» (not later than)."""
    return kk_case_of(note_date(day, "kk"), "abl")


def kk_case_of(phrase: str, case: str) -> str:
    """A Kazakh date or range with the case ending on its last word: «22–23 қазанда»."""
    head, _, last = phrase.rpartition(" ")
    return f"{head} {grammar.kk_case(last, case)}".strip()
