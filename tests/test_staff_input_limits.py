"""Whatever an officer types is refused beside its field when the database could not keep it.

PostgreSQL refuses a NUL byte or a text longer than its column with an error where SQLite keeps
both, so these tests matter most with DATABASE_URL pointing at PostgreSQL (as CI runs them).
"""
from datetime import date, time

import pytest
import sqlalchemy as sa

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.inputs import LONG_TEXT, max_length
from meetings.models import (
    AuditEvent,
    CalendarFeed,
    Invitation,
    InvitationCategory,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    NoteTemplate,
    Role,
    Sitting,
)
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor
from tests.helpers import party_by_iso3, text_of
from tests.test_meeting_form import GOOD, SITTING

ACTOR = Actor.system("test")
COUNTED = (Meeting, Sitting, MeetingDocument, Invitation, NoteTemplate, AuditEvent)


@pytest.fixture
def officer(make_secretariat, make_user, login_as):
    user = make_user(make_secretariat(), Role.OFFICER)
    login_as(user)
    return user


def counts() -> dict[str, int]:
    db.session.expire_all()
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in COUNTED}


def one_over(attribute, field: str) -> str:
    """A value of the right shape, one character longer than its column holds."""
    limit = max_length(attribute)
    start = {"website": "https://example.org/", "url": "https://example.org/",
             "timezone": "Europe/", "slug": "em-"}.get(field, "Vienna ")
    return start + "a" * (limit + 1 - len(start))


def bad_values(attribute, field: str, one_line: bool = True):
    """(case, value): one over the limit, a NUL byte, and a line break where one line is meant."""
    middle = {"website": "https://example.org/a{}b", "url": "https://example.org/a{}b",
              "timezone": "Europe/{}Vienna", "slug": "em{}x"}.get(field, "Vienna{}Centre")
    cases = [("one over the limit", one_over(attribute, field)),
             ("a NUL byte", middle.format("\x00")),
             ("an escape character", middle.format("\x1b"))]
    if one_line:
        cases += [("a line break", middle.format("\n")),
                  ("a lone carriage return", middle.format("\r"))]
    return cases


MEETING_TEXTS = [("title", Meeting.title), ("short_title", Meeting.short_title),
                 ("slug", Meeting.slug), ("body", Meeting.body), ("venue_name", Meeting.venue_name),
                 ("city", Meeting.city), ("country", Meeting.country),
                 ("timezone", Meeting.timezone), ("website", Meeting.website)]
MEETING_LONG_TEXTS = [("mandate", Meeting.mandate), ("functions", Meeting.functions),
                      ("venue_address", Meeting.venue_address)]


def _cases(fields, one_line=True):
    return [pytest.param(field, value, id=f"{field}: {case}")
            for field, attribute in fields
            for case, value in bad_values(attribute, field, one_line)]


def assert_refused_beside(response, field: str, kept: str, before: dict[str, int]) -> None:
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    assert kept in html  # what the officer typed elsewhere is still in the form
    assert counts() == before  # nothing stored, nothing audited


@pytest.mark.parametrize(("field", "value"),
                         _cases(MEETING_TEXTS) + _cases(MEETING_LONG_TEXTS, one_line=False))
@pytest.mark.parametrize("action", ["create", "edit"])
def test_a_meeting_text_the_database_cannot_keep_is_refused_beside_its_field(
    client, officer, make_meeting, action, field, value
):
    url = "/secretariat/meetings/new"
    data = {**GOOD, field: value}
    if action == "edit":
        make_meeting(officer.memberships[0].secretariat, "em")
        url, data = "/secretariat/meetings/em/edit", {**GOOD, "slug": "em", field: value}
    before = counts()
    kept = "Vienna International Centre" if field != "venue_name" else "UNCAC expert meeting"
    assert_refused_beside(client.post(url, data=data), field, kept, before)
    if action == "edit":
        assert db.session.scalar(sa.select(Meeting.title)) == (
            "Expert meeting on international cooperation")


def test_long_texts_keep_their_paragraphs(client, officer):
    mandate = "Resolution 4/2,\r\nparagraph 1.\n\nParagraph 2."
    response = client.post("/secretariat/meetings/new", data={**GOOD, "mandate": mandate})
    assert response.status_code == 302
    assert "\n\nParagraph 2." in db.session.scalar(sa.select(Meeting.mandate))


def test_a_text_exactly_as_long_as_its_column_is_kept(client, officer):
    title = "T" * max_length(Meeting.title)
    response = client.post("/secretariat/meetings/new", data={**GOOD, "title": title})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Meeting.title)) == title


@pytest.mark.parametrize("field", ["first_day", "last_day", "registration_opens_on",
                                   "registration_deadline"])
@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "1944-12-31", "2201-01-01"])
def test_dates_outside_1945_to_2200_are_refused_beside_their_field(client, officer, field, typed):
    before = counts()
    response = client.post("/secretariat/meetings/new", data={**GOOD, field: typed})
    assert_refused_beside(response, field, "Vienna International Centre", before)
    assert "Give a date between the years 1945 and 2200." in text_of(response)
    assert f'value="{typed}"' in response.get_data(as_text=True)


def test_a_meeting_cannot_last_longer_than_a_year(client, officer):
    response = client.post("/secretariat/meetings/new",
                           data={**GOOD, "last_day": "2013-10-23"})
    assert response.status_code == 422
    assert "A meeting lasts at most a year" in text_of(response)


SITTING_TEXTS = [("room", Sitting.room), ("title", Sitting.title)]


@pytest.mark.parametrize(("field", "value"), _cases(SITTING_TEXTS))
@pytest.mark.parametrize("action", ["add", "edit"])
def test_a_sitting_text_the_database_cannot_keep_is_refused(
    client, officer, make_meeting, action, field, value
):
    make_meeting(officer.memberships[0].secretariat, "em")
    url = "/secretariat/meetings/em/sittings/new"
    if action == "edit":
        assert client.post(url, data=SITTING).status_code == 302
        url = f"/secretariat/meetings/em/sittings/{db.session.scalar(sa.select(Sitting.id))}/edit"
    before = counts()
    data = {**SITTING, "starts_at": "15:00", "ends_at": "18:00", field: value}
    kept = 'value="15:00"'
    assert_refused_beside(client.post(url, data=data), field, kept, before)


def test_a_sitting_on_a_day_out_of_range_is_refused(client, officer, make_meeting):
    make_meeting(officer.memberships[0].secretariat, "em")
    response = client.post("/secretariat/meetings/em/sittings/new",
                           data={**SITTING, "day": "9999-12-31"})
    assert response.status_code == 422
    assert "Give a date between the years 1945 and 2200." in text_of(response)


DOCUMENT_TEXTS = [("title", MeetingDocument.title), ("symbol", MeetingDocument.symbol),
                  ("url", MeetingDocument.url)]


@pytest.mark.parametrize(("field", "value"), _cases(DOCUMENT_TEXTS))
def test_a_document_text_the_database_cannot_keep_is_refused(
    client, officer, make_meeting, field, value
):
    make_meeting(officer.memberships[0].secretariat, "em")
    data = {"title": "Provisional agenda", "symbol": "CAC/COSP/EG.1/2012/1",
            "url": "https://www.unodc.org/agenda.pdf", field: value}
    kept = "CAC/COSP/EG.1/2012/1" if field != "symbol" else "Provisional agenda"
    before = counts()
    response = client.post("/secretariat/meetings/em/documents", data=data)
    assert_refused_beside(response, field, kept, before)


def test_an_uploaded_file_name_loses_its_control_characters(client, officer, make_meeting):
    import io

    make_meeting(officer.memberships[0].secretariat, "em")
    response = client.post(
        "/secretariat/meetings/em/documents",
        data={"title": "Agenda",
              "upload": (io.BytesIO(b"%PDF-1.4\n%..."), "age\x00nda\u202efdp.exe.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    document = db.session.scalar(sa.select(MeetingDocument))
    assert document.file.filename == "agendafdp.exe.pdf"


@pytest.fixture
def invitation(officer, registry, make_meeting):
    meeting = make_meeting(officer.memberships[0].secretariat, "em")
    invitation = Invitation(meeting=meeting, party=party_by_iso3("AUT"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    db.session.add(invitation)
    db.session.commit()
    return invitation


INVITATION_TEXTS = [("addressee", Invitation.addressee),
                    ("addressee_in_text", Invitation.addressee_in_text)]


@pytest.mark.parametrize(("field", "value"), _cases(INVITATION_TEXTS))
def test_an_invitation_text_the_database_cannot_keep_is_refused(client, invitation, field,
                                                                value):
    data = {"category": "state_party", "addressee": "Permanent Mission of Austria",
            "emails": "pm.vienna@bmeia.gv.at", "language": "en", field: value}
    before = counts()
    response = client.post(f"/secretariat/invitations/{invitation.id}/edit", data=data)
    assert_refused_beside(response, field, "pm.vienna@bmeia.gv.at", before)
    db.session.refresh(invitation)
    assert invitation.addressee == "PM"


@pytest.mark.parametrize(("case", "body", "message"), [
    ("a NUL byte", "Dear {{ addressee }}\x00", "control character (U+0000)"),
    ("an escape character", "Dear\x1b[31m {{ addressee }}", "control character (U+001B)"),
    ("one over the limit", "x" * (LONG_TEXT + 1), "at most 50000 characters"),
])
def test_a_note_template_the_database_cannot_keep_is_refused(client, officer, make_meeting,
                                                            case, body, message):
    make_meeting(officer.memberships[0].secretariat, "em")
    before = counts()
    response = client.post("/secretariat/meetings/em/templates/en", data={"body": body})
    assert response.status_code == 422
    assert 'id="body-error"' in response.get_data(as_text=True)
    assert message in text_of(response)
    assert counts() == before


def test_the_services_refuse_the_same_values_for_the_cli_and_the_demo(make_secretariat):
    secretariat = make_secretariat()
    good = {"slug": "em", "title": "Expert meeting", "city": "Vienna", "country": "Austria",
            "timezone": "Europe/Vienna", "first_day": date(2012, 10, 22),
            "last_day": date(2012, 10, 23)}
    for change, field in [({"title": "Expert\x00meeting"}, "title"),
                          ({"city": "Vienna\nATTENDEE:x"}, "city"),
                          ({"country": "A" * 121}, "country"),
                          ({"last_day": date(9999, 12, 31)}, "last_day"),
                          ({"slug": "em\n"}, "slug")]:
        with pytest.raises(RuleBroken) as refused:
            meeting_service.create_meeting(secretariat, {**good, **change}, ACTOR)
        assert field in refused.value.problems
    meeting = meeting_service.create_meeting(secretariat, good, ACTOR)
    with pytest.raises(RuleBroken) as refused:
        meeting_service.add_sitting(meeting, {"day": date(2012, 10, 22), "starts_at": time(10),
                                              "ends_at": time(13), "room": "Room\r\nB"}, ACTOR)
    assert "room" in refused.value.problems
    with pytest.raises(RuleBroken) as refused:
        meeting_service.add_document(meeting, "Agenda\x00", ACTOR, url="https://example.org/a")
    assert "title" in refused.value.problems
    with pytest.raises(RuleBroken):
        meeting_service.update_meeting(meeting, {"last_day": date(9999, 12, 31)}, ACTOR)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Sitting.id))) == 0


def test_a_meeting_once_stored_with_year_9999_answers_and_heals_when_corrected(
    client, officer, make_meeting
):
    """Old data from before the dates were bounded: every page answers, and correcting the date
    leaves calendars sane (no cancelled day from the mistyped year kept in them)."""
    meeting = make_meeting(officer.memberships[0].secretariat, "em",
                           status=MeetingStatus.ANNOUNCED)
    secretariat_feed = f"/secretariats/{meeting.secretariat.slug}/calendar.ics"
    assert client.get("/meetings/em/calendar.ics").status_code == 200
    with db.engine.begin() as conn:  # as the old code let it be stored
        conn.execute(sa.update(Meeting.__table__).values(
            last_day=date(9999, 12, 31),
            published_days=["2012-10-22", "2012-10-23", "2500-01-01", "9999-12-31"]))
        conn.execute(sa.delete(CalendarFeed.__table__))
    for url in ("/meetings/em", "/meetings/em/calendar.ics", secretariat_feed,
                "/meetings/em/series.ics", "/secretariat/meetings/em", "/secretariat/"):
        assert client.get(url).status_code == 200, url
    response = client.post("/secretariat/meetings/em/edit",
                           data={**GOOD, "slug": "em", "status": "announced"})
    assert response.status_code == 302
    for url in ("/meetings/em/calendar.ics", secretariat_feed):
        body = client.get(url).get_data(as_text=True)
        assert "9999" not in body and "25000101" not in body
        assert body.count("BEGIN:VEVENT") == 2
