"""A public meeting page is rendered once for every anonymous visitor until what it shows
changes, or the clock moves it (registration opens, then closes); staff see their own page."""
from datetime import date, datetime, time, timezone

import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import CalendarFeed, MeetingStatus
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor

ACTOR = Actor.system("test")


def test_anonymous_visitors_share_a_stored_page_until_the_meeting_changes(
        app, client, make_secretariat, make_meeting, count_queries):
    secretariat = make_secretariat("unodc")
    meeting = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    db.session.commit()
    app.config["FIXED_NOW"] = datetime(2012, 9, 20, 8, 0, tzinfo=timezone.utc)
    first = client.get("/meetings/em")
    assert first.status_code == 200 and meeting.title in first.get_data(as_text=True)
    with count_queries() as counted:
        again = client.get("/meetings/em")
    assert again.data == first.data
    assert len(counted) <= 2  # the poll, then the stored page

    meeting_service.add_sitting(meeting, {"day": date(2012, 10, 22), "starts_at": time(10),
                                          "ends_at": time(13), "room": "Board Room B"}, ACTOR)
    db.session.commit()
    assert "Board Room B" in client.get("/meetings/em").get_data(as_text=True)
    assert client.get("/meetings/no-such-meeting").status_code == 404


def test_the_clock_moves_a_stored_page_and_drafts_stay_hidden(app, client, make_secretariat,
                                                             make_meeting):
    secretariat = make_secretariat("unodc")
    make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    make_meeting(secretariat, "draft", status=MeetingStatus.DRAFT)
    db.session.commit()
    app.config["FIXED_NOW"] = datetime(2012, 9, 20, 8, 0, tzinfo=timezone.utc)
    client.get("/meetings/em")
    built_for = stored_pages()
    app.config["FIXED_NOW"] = datetime(2012, 11, 20, 8, 0, tzinfo=timezone.utc)
    client.get("/meetings/em")
    # Nothing changed but the clock: the page is built again for the new minute, in its place.
    assert len(stored_pages()) == 1 and stored_pages() != built_for
    assert stored_pages()[0].endswith("@2012-11-20T08:00")
    assert client.get("/meetings/draft").status_code == 404


def stored_pages() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(CalendarFeed.fingerprint).where(
        CalendarFeed.key.like("page:%"))))


def test_a_signed_in_officer_gets_a_page_of_their_own(app, client, make_secretariat,
                                                     make_meeting, make_user, login_as):
    secretariat = make_secretariat("unodc")
    make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    db.session.commit()
    client.get("/meetings/em")  # stored for anonymous visitors
    login_as(make_user(secretariat))
    page = client.get("/meetings/em").get_data(as_text=True)
    assert "Sign out" in page
