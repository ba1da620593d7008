"""Every public link the service hands out (notes, e-mails, calendars, pages), built in one place.

A link that leaves the service is the configured PUBLIC_BASE_URL (the address the public reaches,
behind a proxy) joined to the route's path from the app's own URL map; without the setting, the
address of the current request. Pages, e-mails, notes and calendar files all read these helpers.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, current_app, has_request_context, request

if TYPE_CHECKING:
    from meetings.models import Meeting, Secretariat


def public_base_url() -> str:
    """PUBLIC_BASE_URL when set, else the address of the current request; no trailing slash."""
    configured = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    if has_request_context():
        return request.url_root.rstrip("/")
    raise RuntimeError("PUBLIC_BASE_URL is not set and there is no request to take it from")


def public_url(endpoint: str, base_url: str | None = None, **values: object) -> str:
    """The public address of a route: its path from the URL map joined to the public base."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return f"{(base_url or public_base_url()).rstrip('/')}{path}"


def registration_url(secret: str, base_url: str | None = None) -> str:
    """A government's private registration link, as the note verbale prints it."""
    return public_url("registration.register", base_url, secret=secret)


def confirmation_url(secret: str, base_url: str | None = None) -> str:
    return public_url("registration.confirmation", base_url, secret=secret)


def delegate_calendar_url(secret: str, base_url: str | None = None) -> str:
    """One delegate's private calendar of the meetings they attend."""
    return public_url("public.delegate_ics", base_url, secret=secret)


def meeting_url(meeting: Meeting, base_url: str | None = None) -> str:
    """The public page of a meeting."""
    return public_url("public.meeting", base_url, slug=meeting.slug)


def meeting_calendar_url(meeting: Meeting, base_url: str | None = None,
                         language: str = "en") -> str:
    extra = {} if language == "en" else {"lang": language}
    return public_url("public.meeting_ics", base_url, slug=meeting.slug, **extra)


def series_calendar_url(meeting: Meeting, base_url: str | None = None,
                        language: str = "en") -> str:
    extra = {} if language == "en" else {"lang": language}
    return public_url("public.series_ics", base_url, slug=meeting.slug, **extra)


def deadline_calendar_url(meeting: Meeting, base_url: str | None = None,
                          language: str = "en") -> str:
    """In English, or `?lang=` for the page's language."""
    extra = {} if language == "en" else {"lang": language}
    return public_url("public.deadline_ics", base_url, slug=meeting.slug, **extra)


def secretariat_calendar_url(secretariat: Secretariat, base_url: str | None = None) -> str:
    return public_url("public.secretariat_ics", base_url, slug=secretariat.slug)


def webcal(url: str) -> str:
    """The subscription form of a feed's address: calendar programs poll it for changes."""
    return "webcal://" + url.split("://", 1)[-1]


def register(app: Flask) -> None:
    """Templates build public links with the same helpers: {{ secret|registration_url }}."""
    for helper in (registration_url, confirmation_url, delegate_calendar_url, meeting_url,
                   meeting_calendar_url, series_calendar_url, deadline_calendar_url,
                   secretariat_calendar_url, webcal):
        app.add_template_filter(helper, helper.__name__)
    app.add_template_global(public_url, "public_url")


def code_page_url(base_url: str | None = None) -> str:
    """The registration page where a government types the code printed beside its link."""
    return public_url("registration.enter_code", base_url)
