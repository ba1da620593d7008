"""Template filters: dates in the page's language, venue time, the deadline, language direction."""
from __future__ import annotations

from flask import Flask

from meetings import clock, dates, languages, names, urls
from meetings.deadline import Deadline
from meetings.services.delegations import meeting_title
from meetings.services.enclosures import size_words
from meetings.services.meeting_states import state_of


def register(app: Flask) -> None:
    app.add_template_filter(dates.long_date, "long_date")
    app.add_template_filter(size_words, "file_size")
    app.add_template_filter(dates.day_range, "day_range")
    app.add_template_filter(dates.time_left, "time_left")
    app.add_template_filter(dates.clock, "clock")
    app.add_template_filter(dates.in_zone, "in_zone")
    app.add_template_filter(Deadline.of, "deadline")
    app.add_template_filter(lambda meeting: state_of(meeting, clock.now()), "meeting_state")
    app.add_template_filter(languages.direction, "direction")
    app.add_template_filter(names.display_name_html, "person")
    app.add_template_filter(meeting_title, "meeting_title")
    app.add_template_test(lambda code: code in languages.RTL, "rtl")
    urls.register(app)
