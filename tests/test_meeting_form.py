"""An officer defines a meeting; every rule that rejects the form says why and keeps what was typed."""
from datetime import date, time

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import AuditEvent, Meeting, MeetingDocument, Role, Sitting
from tests.helpers import text_of

GOOD = {
    "title": "First open-ended intergovernmental expert meeting on international cooperation",
    "short_title": "the UNCAC expert meeting",
    "slug": "uncac-em-2012",
    "body": "Conference of the States Parties to the United Nations Convention against Corruption",
    "mandate": "Resolution 4/2 … Marrakech, Morocco, from 24 to 28 October 2011.",
    "venue_name": "Vienna International Centre",
    "city": "Vienna",
    "country": "Austria",
    "timezone": "Europe/Vienna",
    "first_day": "2012-10-22",
    "last_day": "2012-10-23",
    "registration_deadline": "2012-09-24",
    "late_policy": "close",
    "status": "draft",
    "languages": ["en", "fr"],
}


@pytest.fixture
def officer(make_secretariat, make_user, login_as):
    secretariat = make_secretariat()
    user = make_user(secretariat, Role.OFFICER)
    login_as(user)
    return user


def test_officer_creates_the_uncac_expert_meeting(client, officer):
    response = client.post("/secretariat/meetings/new", data=GOOD)
    assert response.status_code == 302
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "uncac-em-2012"))
    assert meeting.last_day == date(2012, 10, 23)
    assert meeting.languages == ["en", "fr"]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.object_type == "Meeting"))
    assert (event.action, event.user_id) == ("created", officer.id)
    assert event.changes["title"] == GOOD["title"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"last_day": "2012-10-21"}, "last_day", "The last day cannot be before the first day."),
        ({"registration_deadline": "2012-10-22"}, "registration_deadline",
         "The registration deadline must be before the first day."),
        ({"timezone": "Europe/Viena"}, "timezone", "Give the venue's time zone as an IANA name"),
        ({"registration_opens_on": "2012-09-30"}, "registration_opens_on",
         "Registration cannot open after its deadline."),
        ({"registration_deadline": "", "registration_deadline_time": "12:00"},
         "registration_deadline_time", "A deadline time needs a deadline date."),
        ({"slug": "UNCAC EM 2012"}, "slug", "Use lower-case letters, digits and single hyphens"),
        ({"title": ""}, "title", "This field is required."),
        ({"first_day": "22/10/2012"}, "first_day", "Give the date as YYYY-MM-DD, for example 2012-10-22."),
        ({"first_day": ""}, "first_day", "This field is required."),
    ],
)
def test_each_meeting_rule_is_explained_beside_its_field_and_nothing_is_lost(
    client, officer, change, field, message
):
    response = client.post("/secretariat/meetings/new", data={**GOOD, **change})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    assert message in text_of(response)
    # what the officer typed is still there
    assert 'value="Vienna International Centre"' in html
    assert "Resolution 4/2 … Marrakech" in html
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_a_second_meeting_cannot_take_an_address_in_use(client, officer):
    assert client.post("/secretariat/meetings/new", data=GOOD).status_code == 302
    response = client.post("/secretariat/meetings/new", data={**GOOD, "title": "Another"})
    assert response.status_code == 422
    assert "Another meeting already uses this address." in text_of(response)


def test_editing_records_what_changed(client, officer, make_meeting):
    meeting = make_meeting(officer.memberships[0].secretariat, "em")
    data = {**GOOD, "slug": "em", "city": "Vienne"}
    assert client.post("/secretariat/meetings/em/edit", data=data).status_code == 302
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "updated")
    ).one()
    assert event.changes["city"] == ["Vienna", "Vienne"]
    assert event.object_id == meeting.id


def test_dates_cannot_move_away_from_existing_sittings(client, officer, make_meeting):
    make_meeting(officer.memberships[0].secretariat, "em")
    client.post("/secretariat/meetings/em/sittings/new",
                data={"day": "2012-10-23", "starts_at": "10:00", "ends_at": "13:00",
                      "status": "scheduled"})
    response = client.post("/secretariat/meetings/em/edit",
                           data={**GOOD, "slug": "em", "last_day": "2012-10-22"})
    assert response.status_code == 422
    assert "Sittings are scheduled on 2012-10-23, outside these dates" in text_of(response)


SITTING = {"day": "2012-10-22", "starts_at": "10:00", "ends_at": "13:00", "room": "Board Room C",
           "title": "Opening", "status": "scheduled"}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"day": "2012-10-24"}, "day", "choose a day within it"),
        ({"ends_at": "09:00"}, "ends_at", "The sitting must end after it starts."),
        ({"starts_at": "12:00", "ends_at": "14:00"}, "starts_at",
         "Overlaps the sitting of 10:00-13:00 in Board Room C on the same day."),
    ],
)
def test_each_sitting_rule_is_explained_and_the_sitting_kept(
    client, officer, make_meeting, change, field, message
):
    make_meeting(officer.memberships[0].secretariat, "em")
    assert client.post("/secretariat/meetings/em/sittings/new", data=SITTING).status_code == 302
    response = client.post("/secretariat/meetings/em/sittings/new",
                           data={**SITTING, "title": "Afternoon", **change})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert message in text_of(response)
    assert 'value="Afternoon"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Sitting.id))) == 1


def test_the_same_hours_in_another_room_do_not_overlap(client, officer, make_meeting):
    make_meeting(officer.memberships[0].secretariat, "em")
    client.post("/secretariat/meetings/em/sittings/new", data=SITTING)
    response = client.post("/secretariat/meetings/em/sittings/new",
                           data={**SITTING, "room": "Plenary Hall M"})
    assert response.status_code == 302


def test_moving_a_sitting_bumps_its_sequence_and_keeps_its_uid(client, officer, make_meeting):
    make_meeting(officer.memberships[0].secretariat, "em")
    client.post("/secretariat/meetings/em/sittings/new", data=SITTING)
    sitting = db.session.scalar(sa.select(Sitting))
    uid = sitting.uid
    response = client.post(f"/secretariat/meetings/em/sittings/{sitting.id}/edit",
                           data={**SITTING, "starts_at": "10:30"})
    assert response.status_code == 302
    db.session.expire_all()
    sitting = db.session.get(Sitting, sitting.id)
    assert (sitting.uid, sitting.sequence, sitting.starts_at) == (uid, 1, time(10, 30))
    client.post(f"/secretariat/meetings/em/sittings/{sitting.id}/edit",
                data={**SITTING, "starts_at": "10:30", "title": "Opening of the meeting"})
    db.session.expire_all()
    assert db.session.get(Sitting, sitting.id).sequence == 1  # a new title is not a move


def test_a_document_upload_is_checked_by_its_content(client, officer, make_meeting):
    import io

    make_meeting(officer.memberships[0].secretariat, "em")
    response = client.post(
        "/secretariat/meetings/em/documents",
        data={"title": "Agenda", "upload": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "agenda.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "is not a PDF" in text_of(response)
    response = client.post(
        "/secretariat/meetings/em/documents",
        data={"title": "Agenda", "upload": (io.BytesIO(b"%PDF-1.4\n%..."), "agenda.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    document = db.session.scalar(sa.select(MeetingDocument))
    download = client.get(f"/secretariat/meetings/em/documents/{document.id}/file")
    assert download.mimetype == "application/pdf"
    assert "agenda.pdf" in download.headers["Content-Disposition"]


def test_linking_shows_the_whole_group_from_any_member(client, officer, make_meeting):
    secretariat = officer.memberships[0].secretariat
    cop = make_meeting(secretariat, "cop6", first_day=date(2012, 10, 15),
                       last_day=date(2012, 10, 19), registration_deadline=None)
    wg = make_meeting(secretariat, "wg", first_day=date(2012, 10, 15),
                      last_day=date(2012, 10, 19), registration_deadline=None)
    make_meeting(secretariat, "em")
    client.post("/secretariat/meetings/em/links",
                data={"kind": "immediately_after", "other": cop.id})
    client.post("/secretariat/meetings/wg/links", data={"kind": "during", "other": cop.id})
    page = text_of(client.get("/secretariat/meetings/em"))
    assert "This meeting is one of a group of 3" in page
    again = client.post("/secretariat/meetings/cop6/links", data={"kind": "during", "other": wg.id})
    assert again.status_code == 422
    assert "These two meetings are already linked." in text_of(again)
