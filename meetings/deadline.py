"""The registration deadline: one value read by the notes, the pages, the e-mails and calendars.

A secretariat types a date and, optionally, a time at the venue; without a time registration
closes at the end of that day (24:00) at the venue. The instant is computed here, once, stored on
the meeting on save (models/meeting.py) and compared with the clock (services/deadlines.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from meetings import dates, grammar
from meetings.timezones import venue_instant

if TYPE_CHECKING:
    from meetings.models import Meeting


def closing_instant(day: date | None, at: time | None, zone: str) -> datetime | None:
    """The instant registration closes: the given time, or the end of the deadline day there."""
    if day is None:
        return None
    if at is not None:
        return venue_instant(day, at, zone)
    return venue_instant(day + timedelta(days=1), time(0, 0), zone)


def _french_de(city: str) -> str:
    return f"d'{city}" if city[:1].lower() in "aeiouyhâéèêîôû" else f"de {city}"


def _french_clock(at: time) -> str:
    return f"{at.hour} heures" if at.minute == 0 else f"{at.hour} h {at.minute:02d}"


# "<date>, <time> (<city> time)" in each language; the city part only when it is needed.
_TIMED = {
    "en": lambda d, t, c: f"{d}, {t:%H:%M}" + (f" ({c} time)" if c else ""),
    "fr": lambda d, t, c: f"{d}, à {_french_clock(t)}" + (f" (heure {_french_de(c)})" if c else ""),
    "es": lambda d, t, c: f"{d}, a las {t:%H.%M} horas" + (f" (hora de {c})" if c else ""),
    "ru": lambda d, t, c: f"{d}, {t:%H:%M}" + (f" (по местному времени, {c})" if c else ""),
    "ar": lambda d, t, c: f"{d}، الساعة {t:%H:%M}" + (f" (بتوقيت {c})" if c else ""),
    "zh": lambda d, t, c: f"{d}{t:%H:%M}" + (f"（{c}时间）" if c else ""),
    "kk": lambda d, t, c: f"{d}, сағат {t:%H:%M}" + (f" ({c} уақыты бойынша)" if c else ""),
}


@dataclass(frozen=True)
class Deadline:
    """A meeting's registration deadline as typed, the instant it closes, and its words."""

    day: date
    at: time | None  # None: the end of the day at the venue
    zone: str  # the venue's IANA zone
    closes_at: datetime  # UTC
    # The venue's city in each language, named beside the time only when the secretariat works
    # in another zone (a Vienna office inviting to Astana), where "18:00" alone is ambiguous.
    cities: dict[str, str] = field(default_factory=dict)
    name_city: bool = False

    @classmethod
    def of(cls, meeting: Meeting) -> Deadline | None:
        """The deadline of a meeting, or None when it has none."""
        closes = closing_instant(meeting.registration_deadline,
                                 meeting.registration_deadline_time, meeting.timezone)
        if closes is None or meeting.registration_deadline is None:
            return None
        cities = {lang: texts["city"] for lang, texts in (meeting.localized or {}).items()
                  if isinstance(texts, dict) and texts.get("city")}
        cities.setdefault("en", meeting.city)
        secretariat = meeting.secretariat
        return cls(meeting.registration_deadline, meeting.registration_deadline_time,
                   meeting.timezone, closes, cities,
                   name_city=secretariat is not None and secretariat.timezone != meeting.timezone)

    @property
    def end_of_day(self) -> bool:
        return self.at is None

    @property
    def closes_at_venue(self) -> datetime:
        return self.closes_at.astimezone(ZoneInfo(self.zone))

    def is_open(self, now: datetime) -> bool:
        """Open up to the last instant before closing: at closes_at itself it is closed."""
        return now < self.closes_at

    def city(self, language: str) -> str:
        return self.cities.get(language) or self.cities.get("en", "")

    def date_words(self, language: str = "en") -> str:
        return dates.note_date(self.day, language)

    def words(self, language: str = "en") -> str:
        """'24 September 2012'; '24 September 2012, 18:00 (Astana time)' when a time is set."""
        day = self.date_words(language)
        if self.at is None:
            return day
        timed = _TIMED.get(language, _TIMED["en"])
        return timed(day, self.at, self.city(language) if self.name_city else "")

    def words_from(self, language: str = "en") -> str:
        """Kazakh governs "not later than" with the ablative: «2024 жылғы 20 маусымнан»,
        «2024 жылғы 20 маусым, Астана уақыты бойынша сағат 18:00-ден»; other languages: words()."""
        if language != "kk":
            return self.words(language)
        if self.at is None:
            return dates.kk_from(self.day)
        city = self.city(language) if self.name_city else ""
        zone = f"{city} уақыты бойынша " if city else ""
        ending = grammar.kk_number_case(self.at.minute, "abl")
        return f"{self.date_words(language)}, {zone}сағат {self.at:%H:%M}{ending}"

    def clock_words(self) -> str:
        """The closing time at the venue as a clock shows it: '18:00', or '24:00' at the end of day."""
        return "24:00" if self.at is None else f"{self.at:%H:%M}"

    def summary(self) -> str:
        """One English sentence for calendars and staff: the venue time, its zone and UTC."""
        utc = self.closes_at.astimezone(timezone.utc)
        when = (f"at the end of {self.date_words()}" if self.at is None
                else f"on {self.date_words()} at {self.at:%H:%M}")
        return (f"Registration closes {when} ({self.clock_words()} {self.city('en')} time, "
                f"{self.zone}; {utc:%Y-%m-%d %H:%M} UTC).")
