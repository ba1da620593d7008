"""Dates read as a protocol officer writes them: full month names, ranges that share what they can."""
from datetime import date

import pytest

from meetings.dates import day_range


@pytest.mark.parametrize(
    ("language", "within", "across_months", "across_years"),
    [
        ("en", "22–23 October 2012", "30 September – 2 October 2012",
         "30 December 2012 – 2 January 2013"),
        ("fr", "22–23 octobre 2012", "30 septembre – 2 octobre 2012",
         "30 décembre 2012 – 2 janvier 2013"),
        ("es", "22–23 de octubre de 2012", "30 de septiembre – 2 de octubre de 2012",
         "30 de diciembre de 2012 – 2 de enero de 2013"),
        ("ru", "22–23 октября 2012\u202fг.", "30 сентября – 2 октября 2012\u202fг.",
         "30 декабря 2012\u202fг. – 2 января 2013\u202fг."),
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
