"""The registration deadline is one fact: the note, the page, the e-mail and the calendar agree."""
import time as time_module
from datetime import date, datetime, time, timedelta, timezone

import pytest
from icalendar import Calendar

from meetings.deadline import Deadline
from meetings.drafting.context import NoteFacts, build_context
from meetings.drafting.templating import render as render_markup
from meetings.drafting.templating import shipped
from meetings.extensions import db
from meetings.models import InvitationCategory, MeetingStatus
from meetings.services import notes as note_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
UTC = timezone.utc
# 18:00 in Astana (UTC+5 in 2024) is 13:00 UTC; the end of 24 September 2012 in Vienna is 22:00 UTC.
ASTANA_CLOSES = datetime(2024, 6, 20, 13, 0, tzinfo=UTC)
VIENNA_CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=UTC)


@pytest.fixture
def astana(app, registry, make_secretariat, make_meeting):
    """A Vienna office inviting to Astana with a deadline at 18:00 Astana time."""
    secretariat = make_secretariat("unodc", email="unodc@example.org")
    meeting = make_meeting(
        secretariat, "astana", city="Astana", country="Kazakhstan", timezone="Asia/Almaty",
        first_day=date(2024, 6, 25), last_day=date(2024, 6, 25),
        registration_deadline=date(2024, 6, 20), registration_deadline_time=time(18, 0),
        status=MeetingStatus.REGISTRATION_OPEN, languages=["en", "ru", "kk"],
        localized={"ru": {"title": "Совещание", "city": "Астана", "country": "Казахстан"},
                   "kk": {"title": "Кеңес", "city": "Астана", "country": "Қазақстан"},
                   "fr": {"title": "Réunion", "city": "Astana", "country": "Kazakhstan"},
                   "es": {"city": "Astaná"}, "ar": {"city": "أستانا"}, "zh": {"city": "阿斯塔纳"}})
    invitation = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    secret = private_links.issue_link(invitation, ACTOR, ASTANA_CLOSES - timedelta(days=9))
    db.session.commit()
    app.config["FIXED_NOW"] = ASTANA_CLOSES - timedelta(days=3)
    yield {"meeting": meeting, "invitation": invitation, "secret": secret}
    app.config.pop("FIXED_NOW", None)


@pytest.fixture
def vienna(app, registry, make_secretariat, make_meeting):
    """The UNODC model case: no time, so the form closes at the end of 24 September in Vienna."""
    secretariat = make_secretariat("uncac", email="uncac@example.org")
    meeting = make_meeting(secretariat, "vienna", status=MeetingStatus.REGISTRATION_OPEN)
    invitation = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    secret = private_links.issue_link(invitation, ACTOR, VIENNA_CLOSES - timedelta(days=9))
    db.session.commit()
    app.config["FIXED_NOW"] = VIENNA_CLOSES - timedelta(days=3)
    yield {"meeting": meeting, "invitation": invitation, "secret": secret}
    app.config.pop("FIXED_NOW", None)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "20 June 2024, 18:00 (Astana time)"),
        ("fr", "20 juin 2024, à 18 heures (heure d'Astana)"),
        ("es", "20 de junio de 2024, a las 18.00 horas (hora de Astaná)"),
        ("ru", "20 июня 2024 года, 18:00 (по местному времени, Астана)"),
        ("ar", "20 حزيران/يونيه 2024، الساعة 18:00 (بتوقيت أستانا)"),
        ("zh", "2024年6月20日18:00（阿斯塔纳时间）"),
        ("kk", "2024 жылғы 20 маусым, сағат 18:00 (Астана уақыты бойынша)"),
    ],
)
def test_a_deadline_with_a_time_names_the_venue_city_when_the_secretariat_is_elsewhere(
    astana, language, words
):
    deadline = Deadline.of(astana["meeting"])
    assert deadline.closes_at == ASTANA_CLOSES and not deadline.end_of_day
    assert deadline.words(language) == words


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "24 September 2012"), ("fr", "24 septembre 2012"), ("es", "24 de septiembre de 2012"),
     ("ru", "24 сентября 2012 года"), ("ar", "24 أيلول/سبتمبر 2012"), ("zh", "2012年9月24日"),
     ("kk", "2012 жылғы 24 қыркүйек")],
)
def test_a_deadline_without_a_time_is_the_date_alone_and_closes_at_the_end_of_that_day(
    vienna, language, words
):
    deadline = Deadline.of(vienna["meeting"])
    assert deadline.end_of_day and deadline.closes_at == VIENNA_CLOSES
    assert deadline.closes_at_venue.isoformat() == "2012-09-25T00:00:00+02:00"
    assert deadline.words(language) == words


def test_a_time_in_the_secretariats_own_zone_needs_no_city(vienna):
    meeting = vienna["meeting"]
    meeting.registration_deadline_time = time(12, 0)
    db.session.commit()
    assert Deadline.of(meeting).words("en") == "24 September 2012, 12:00"
    assert Deadline.of(meeting).closes_at == datetime(2012, 9, 24, 10, 0, tzinfo=UTC)


def test_the_stored_instant_is_the_one_the_deadline_computes(astana, vienna):
    for meeting in (astana["meeting"], vienna["meeting"]):
        assert meeting.registration_closes_at == Deadline.of(meeting).closes_at


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh", "kk"])
def test_each_shipped_note_template_states_the_time_when_there_is_one(astana, language):
    markup = _shipped_note(astana["meeting"], language)
    assert f"**{Deadline.of(astana['meeting']).words_from(language)}**" in markup


def test_the_shipped_note_states_the_date_alone_without_a_time(vienna):
    assert "not later than **24 September 2012**." in _shipped_note(vienna["meeting"], "en")
    assert "not later than 24 September 2012." in note_service.draft(vienna["invitation"]).text


def _shipped_note(meeting, language):
    """The shipped template filled in, whatever other texts are still missing in the language."""
    facts = NoteFacts(language=language, reference="REF", dated=date(2024, 6, 1),
                      addressee="the Mission", addressee_block="Mission")
    context, _ = build_context(meeting.secretariat, meeting, [meeting], [], facts)
    return render_markup(shipped(language).body, context)


def test_the_deadline_calendar_says_the_form_closes_at_midnight_not_a_minute_before(client, vienna):
    feed = Calendar.from_ical(client.get("/meetings/vienna/deadline.ics").data)
    [event] = feed.walk("VEVENT")
    description = str(event["description"])
    assert "23:59" not in description
    assert "at the end of 24 September 2012 (24:00 Vienna time, Europe/Vienna; " \
           "2012-09-24 22:00 UTC)" in description
    assert event["dtstart"].dt == date(2012, 9, 24)


def test_the_deadline_calendar_gives_the_time_when_one_is_set(client, astana):
    feed = Calendar.from_ical(client.get("/meetings/astana/deadline.ics").data)
    [event] = feed.walk("VEVENT")
    assert "on 20 June 2024 at 18:00 (18:00 Astana time, Asia/Almaty; 2024-06-20 13:00 UTC)" \
        in str(event["description"])


def test_the_registration_page_shows_the_same_words(client, astana):
    page = text_of(client.get(f"/register/{astana['secret']}"))
    assert "20 June 2024, 18:00 (Astana time)" in page and "2024-06-20 13:00" in page


@pytest.mark.parametrize("server_zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
@pytest.mark.parametrize("case", ["astana", "vienna"])
def test_the_form_is_open_one_second_before_the_instant_and_closed_one_second_after(
    app, client, request, monkeypatch, server_zone, case
):
    setting = request.getfixturevalue(case)
    closes = ASTANA_CLOSES if case == "astana" else VIENNA_CLOSES
    monkeypatch.setenv("TZ", server_zone)
    time_module.tzset()
    try:
        link = f"/register/{setting['secret']}"
        app.config["FIXED_NOW"] = closes - timedelta(seconds=1)
        assert "Registration is closed." not in text_of(client.get(link))
        app.config["FIXED_NOW"] = closes
        assert "Registration is closed." in text_of(client.get(link))
        app.config["FIXED_NOW"] = closes + timedelta(seconds=1)
        assert "Registration is closed." in text_of(client.get(link))
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()
