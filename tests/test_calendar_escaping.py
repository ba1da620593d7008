"""Names and titles with line breaks, semicolons and commas stay text in every calendar file.

A parser that splits lines on a lone carriage return must not read a property injected through a
delegate's name or a meeting's title; two independent parsers read back exactly what was typed.
"""
import re
from datetime import date, datetime, time, timezone

import icalendar
import pytest
import sqlalchemy as sa
import vobject

from meetings.extensions import db
from meetings.ical import meeting_calendar, personal_calendar
from meetings.models import (
    CalendarFeed,
    Delegate,
    DelegateFunction,
    Delegation,
    Invitation,
    InvitationCategory,
    Meeting,
    MeetingStatus,
)
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor
from meetings.services.feeds import issue_delegate_link
from tests.helpers import party_by_iso3

ACTOR = Actor.system("test")
INJECTED = "ATTENDEE:mailto:evil@example.org"
# As old rows may hold them: the services now refuse line breaks in one-line fields.
TITLE = f"Expert meeting\r{INJECTED}\nSUMMARY:fake; with, commas \\ and a backslash"
NAME = f"Anna\r{INJECTED}"


def injected_properties(body: bytes) -> list[str]:
    """The injected properties two parsers, and a naive one splitting on any break, would read."""
    found = []
    ours = icalendar.Calendar.from_ical(body)
    found += [name for component in ours.walk() for name in component if name == "ATTENDEE"]
    theirs = vobject.readOne(body.decode("utf-8"))
    found += [child.name for child in theirs.getChildren() if child.name == "ATTENDEE"]
    found += [c.name for event in theirs.getChildren() if hasattr(event, "getChildren")
              for c in event.getChildren() if c.name == "ATTENDEE"]
    naive = body.decode("utf-8").replace("\r\n ", "").splitlines()
    found += [line for line in naive if line.startswith(("ATTENDEE", "SUMMARY:fake"))]
    return found


def unescaped(value) -> str:
    """The text of a property as RFC 5545 reads it (icalendar keeps X- properties escaped)."""
    raw = value.to_ical()
    raw = raw.decode() if isinstance(raw, bytes) else raw
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


def raw_carriage_returns(body: bytes) -> int:
    return body.replace(b"\r\n", b"").count(b"\r")


@pytest.fixture
def meeting(make_secretariat, make_meeting):
    secretariat = make_secretariat("cica", email=None, name="CICA Secretariat")
    meeting = make_meeting(secretariat, "swg", status=MeetingStatus.ANNOUNCED,
                           first_day=date(2024, 6, 25), last_day=date(2024, 6, 26),
                           registration_deadline=date(2024, 6, 1), city="Astana",
                           country="Kazakhstan", timezone="Asia/Almaty")
    meeting_service.add_sitting(meeting, {"day": date(2024, 6, 25), "starts_at": time(10),
                                          "ends_at": time(13), "room": "Hall; B, 2"}, ACTOR)
    db.session.commit()
    with db.engine.begin() as conn:  # stored before inputs were checked
        conn.execute(sa.update(Meeting.__table__).values(title=TITLE))
        conn.execute(sa.delete(CalendarFeed.__table__))
    db.session.expire_all()
    return meeting


@pytest.mark.parametrize("url", ["/meetings/swg/calendar.ics", "/meetings/swg/series.ics",
                                 "/meetings/swg/deadline.ics", "/secretariats/cica/calendar.ics"])
def test_a_title_with_line_breaks_is_escaped_in_every_public_calendar(client, meeting, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.data
    assert raw_carriage_returns(body) == 0
    assert injected_properties(body) == []
    ours = icalendar.Calendar.from_ical(body)
    for event in ours.walk("VEVENT"):
        assert "SUMMARY:fake; with, commas \\ and a backslash" in str(event["SUMMARY"])


def test_the_calendar_name_and_description_read_back_as_typed(client, meeting):
    body = client.get("/meetings/swg/calendar.ics").data
    ours = icalendar.Calendar.from_ical(body)
    typed = TITLE.replace("\r", "\n")  # a lone CR is a line break; iCalendar writes it as \n
    assert unescaped(ours["X-WR-CALNAME"]) == typed and unescaped(ours["NAME"]) == typed
    assert unescaped(ours["X-WR-CALDESC"]) == f"CICA Secretariat: {typed}"
    assert unescaped(ours["DESCRIPTION"]) == f"CICA Secretariat: {typed}"
    theirs = vobject.readOne(body.decode("utf-8"))
    assert theirs.contents["x-wr-calname"][0].value == typed
    assert b"Hall\\; B\\, 2" in body


def test_a_delegates_name_with_a_carriage_return_cannot_inject_an_attendee(app, client, meeting,
                                                                         registry):
    # Seen before the meeting: a delegate's link expires some months after it.
    app.config["FIXED_NOW"] = datetime.combine(meeting.first_day, time(9), tzinfo=timezone.utc)
    invitation = Invitation(meeting=meeting, party=party_by_iso3("KAZ"), addressee="MFA",
                            category=InvitationCategory.STATE_PARTY)
    delegate = Delegate(given_name=NAME, family_name="Nurlanovna\nX-EVIL:1",
                        function=DelegateFunction.HEAD, meetings=[meeting])
    invitation.delegation = Delegation(delegates=[delegate])
    db.session.add(invitation)
    db.session.flush()
    link = issue_delegate_link(delegate, ACTOR)
    db.session.commit()
    response = client.get(f"/calendar/{link}.ics")
    app.config.pop("FIXED_NOW", None)
    assert response.status_code == 200
    assert raw_carriage_returns(response.data) == 0
    assert injected_properties(response.data) == []
    assert b"\nX-EVIL" not in response.data
    ours = icalendar.Calendar.from_ical(response.data)
    assert unescaped(ours["X-WR-CALNAME"]) == (
        "Anna\nATTENDEE:mailto:evil@example.org Nurlanovna\nX-EVIL:1: my meetings")


def test_published_events_always_have_an_organizer(app, meeting):
    """METHOD:PUBLISH needs one: the CICA secretariat has no address, so the configured one."""
    app.config["CALENDAR_ORGANIZER"] = "no-reply@cica-china.org"
    try:
        body = meeting_calendar(meeting, "https://meetings.example.org").to_ical()
    finally:
        app.config["CALENDAR_ORGANIZER"] = None
    ours = icalendar.Calendar.from_ical(body)
    events = list(ours.walk("VEVENT"))
    assert events and all(str(e["ORGANIZER"]) == "mailto:no-reply@cica-china.org"
                          for e in events)
    assert all(e["ORGANIZER"].params["CN"] == "CICA Secretariat" for e in events)
    fallback = icalendar.Calendar.from_ical(
        personal_calendar("Anna", [meeting], "https://meetings.example.org").to_ical())
    assert all(str(e["ORGANIZER"]) == f"mailto:{app.config['MAIL_DEFAULT_SENDER']}"
               for e in fallback.walk("VEVENT"))


def test_an_organizer_is_written_even_when_no_address_is_configured(app, meeting):
    saved = app.config["MAIL_DEFAULT_SENDER"]
    app.config["MAIL_DEFAULT_SENDER"] = ""
    try:
        body = meeting_calendar(meeting, "https://meetings.example.org").to_ical()
    finally:
        app.config["MAIL_DEFAULT_SENDER"] = saved
    events = list(icalendar.Calendar.from_ical(body).walk("VEVENT"))
    assert events and all(str(e["ORGANIZER"]).startswith("mailto:no-reply@") for e in events)
