"""Dates read as a protocol officer writes them: full month names, ranges that share what they can."""
from datetime import date, time, timedelta

import pytest

from meetings import dates, languages
from meetings.dates import MONTHS, clock, day_range, held, long_date, month_name


@pytest.mark.parametrize(
    ("language", "within", "across_months", "across_years"),
    [
        ("en", "22–23 October 2012", "30 September – 2 October 2012",
         "30 December 2012 – 2 January 2013"),
        ("fr", "22–23 octobre 2012", "30 septembre – 2 octobre 2012",
         "30 décembre 2012 – 2 janvier 2013"),
        ("es", "22–23 de octubre de 2012", "30 de septiembre – 2 de octubre de 2012",
         "30 de diciembre de 2012 – 2 de enero de 2013"),
        ("ru", "22–23 октября 2012 года", "30 сентября – 2 октября 2012 года",
         "30 декабря 2012 года – 2 января 2013 года"),
        ("ar", "22–23 تشرين الأول/أكتوبر 2012", "30 أيلول/سبتمبر – 2 تشرين الأول/أكتوبر 2012",
         "30 كانون الأول/ديسمبر 2012 – 2 كانون الثاني/يناير 2013"),
        ("kk", "2012 жылғы 22–23 қазан", "2012 жылғы 30 қыркүйек – 2 қазан",
         "2012 жылғы 30 желтоқсан – 2013 жылғы 2 қаңтар"),
        ("zh", "2012年10月22日至23日", "2012年9月30日至10月2日", "2012年12月30日至2013年1月2日"),
    ],
)
def test_day_ranges_within_a_month_across_months_and_across_years(
    language, within, across_months, across_years
):
    assert day_range(date(2012, 10, 22), date(2012, 10, 23), language) == within
    assert day_range(date(2012, 9, 30), date(2012, 10, 2), language) == across_months
    assert day_range(date(2012, 12, 30), date(2013, 1, 2), language) == across_years


def test_a_one_day_meeting_is_one_date():
    assert day_range(date(2024, 6, 25), date(2024, 6, 25)) == "25 June 2024"


@pytest.mark.parametrize(
    ("language", "january", "june", "december"),
    [
        ("en", "1 January 2024", "12 June 2024", "31 December 2024"),
        ("fr", "1er janvier 2024", "12 juin 2024", "31 décembre 2024"),
        ("es", "1 de enero de 2024", "12 de junio de 2024", "31 de diciembre de 2024"),
        ("ru", "1 января 2024 года", "12 июня 2024 года", "31 декабря 2024 года"),
        ("ar", "1 كانون الثاني/يناير 2024", "12 حزيران/يونيه 2024", "31 كانون الأول/ديسمبر 2024"),
        ("zh", "2024年1月1日", "2024年6月12日", "2024年12月31日"),
        ("kk", "2024 жылғы 1 қаңтар", "2024 жылғы 12 маусым", "2024 жылғы 31 желтоқсан"),
    ],
)
def test_one_written_form_of_a_date_per_language(language, january, june, december):
    assert [long_date(date(2024, m, d), language) for m, d in ((1, 1), (6, 12), (12, 31))] == [
        january, june, december]


def test_every_shipped_language_has_twelve_months_of_its_own():
    assert set(MONTHS) == set(languages.CODES)
    assert all(len(set(names)) == 12 for names in MONTHS.values())


def test_arabic_months_are_written_as_un_arabic_writes_them():
    assert [month_name(date(2012, m, 1), "ar") for m in (6, 7, 10)] == [
        "حزيران/يونيه", "تموز/يوليه", "تشرين الأول/أكتوبر"]


def test_dates_do_not_come_from_babel(monkeypatch):
    """A Babel release that changes its patterns must not change a note: nothing here calls it."""
    import babel.dates

    def refuse(*args, **kwargs):
        raise AssertionError("meetings.dates called Babel")

    for name in ("format_date", "format_interval", "format_time", "format_skeleton"):
        monkeypatch.setattr(babel.dates, name, refuse)
    assert day_range(date(2012, 10, 22), date(2012, 10, 23), "zh") == "2012年10月22日至23日"
    assert held(date(2012, 10, 22), date(2012, 10, 23), "ru") == "22 и 23 октября 2012 года"
    assert clock(time(18, 0), "ar") == "18:00"


@pytest.mark.parametrize(("left", "language", "expected"), [
    (timedelta(days=37, hours=14), "fr", "37 jours et 14 heures"),
    (timedelta(days=37, hours=14), "ar", "37 يومًا و14 ساعة"),
    (timedelta(days=1, hours=2), "ru", "1 день и 2 часа"),
    (timedelta(days=3), "kk", "3 күн"),  # never "and 0 hours"
    (timedelta(hours=5, minutes=40), "en", "5 hours"),
])
def test_the_time_left_is_counted_as_each_language_counts(left, language, expected):
    assert " ".join(dates.time_left(left, language).split()) == expected
