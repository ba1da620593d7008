"""Template filters: dates in the page's language, venue time, the deadline, language direction."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask

from meetings import clock, dates, i18n, languages, names, urls
from meetings.deadline import Deadline
from meetings.secretariat.words import state_word
from meetings.services.delegations import meeting_title
from meetings.services.enclosures import size_words
from meetings.services.meeting_states import state_of


def _in_page_language(write: Callable[..., str]) -> Callable[..., str]:
    """A date filter that, given no language, writes the one the request speaks (a staff page
    in the officer's workspace language); a government's page names its language itself."""
    def filter_(*args: Any, language: str | None = None) -> str:
        if len(args) > write.__code__.co_argcount - 1:
            return write(*args)
        return write(*args, language or i18n.select_locale())
    filter_.__doc__ = write.__doc__
    return filter_


def register(app: Flask) -> None:
    app.add_template_filter(_in_page_language(dates.long_date), "long_date")
    app.add_template_filter(size_words, "file_size")
    app.add_template_filter(_in_page_language(dates.day_range), "day_range")
    app.add_template_filter(_in_page_language(dates.day_time), "day_time")
    app.add_template_filter(dates.time_left, "time_left")
    app.add_template_filter(dates.clock, "clock")
    app.add_template_filter(dates.in_zone, "in_zone")
    app.add_template_filter(Deadline.of, "deadline")
    app.add_template_filter(lambda meeting: state_of(meeting, clock.now()), "meeting_state")
    app.add_template_filter(languages.direction, "direction")
    app.add_template_filter(names.display_name_html, "person")
    app.add_template_filter(meeting_title, "meeting_title")
    app.add_template_filter(state_word, "word")
    app.add_template_filter(i18n.language_name, "language_name")
    app.add_template_test(lambda code: code in languages.RTL, "rtl")
    urls.register(app)
