"""Calendar files import the same in every program and stay right when the schedule changes."""
import gzip
from datetime import date, datetime, time, timezone

import icalendar
import pytest
import sqlalchemy as sa
import vobject

from meetings.extensions import db
from meetings.models import (
    CalendarFeed,
    Delegate,
    DelegateFunction,
    Delegation,
    Invitation,
    InvitationCategory,
    MeetingStatus,
    Role,
    Sitting,
)
from meetings.services import delegations
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor
from meetings.services.feeds import issue_delegate_link
from tests.helpers import party_by_iso3, text_of

UTC = timezone.utc
ACTOR = Actor.system("test")


def parse_both(body: bytes):
    """Parse with two independent parsers and return both views of the events."""
    ours = icalendar.Calendar.from_ical(body)
    theirs = vobject.readOne(body.decode("utf-8"))
    return ours, theirs


def utc_starts(body: bytes) -> list[datetime]:
    ours, theirs = parse_both(body)
    a = sorted(e.decoded("dtstart").astimezone(UTC) for e in ours.walk("VEVENT"))
    b = sorted(e.dtstart.value.astimezone(UTC) for e in theirs.vevent_list)
    assert a == b
    return a


@pytest.fixture
def published(make_secretariat, make_meeting):
    def make(slug="em", sittings=(), **values):
        secretariat = make_secretariat(f"s-{slug}", email="UNCAC.COP@unodc.org",
                                       timezone=values.get("timezone", "Europe/Vienna"))
        meeting = make_meeting(secretariat, slug, status=MeetingStatus.ANNOUNCED, **values)
        for day, start, end in sittings:
            meeting_service.add_sitting(meeting, {"day": day, "starts_at": start, "ends_at": end,
                                                  "room": "Board Room"}, ACTOR)
        db.session.commit()
        return meeting

    return make


def test_a_vienna_meeting_has_one_event_per_sitting_at_the_right_instants(client, published):
    published(sittings=[(date(2012, 10, d), time(h1), time(h2)) for d in (22, 23)
                        for h1, h2 in ((10, 13), (15, 18))],
              venue_name="Vienna International Centre")
    response = client.get("/meetings/em/calendar.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="em.ics"' in response.headers["Content-Disposition"]
    body = response.data
    assert utc_starts(body) == [  # CEST, UTC+2
        datetime(2012, 10, 22, 8, tzinfo=UTC), datetime(2012, 10, 22, 13, tzinfo=UTC),
        datetime(2012, 10, 23, 8, tzinfo=UTC), datetime(2012, 10, 23, 13, tzinfo=UTC)]
    ours, _ = parse_both(body)
    assert [str(ours[k]) for k in ("VERSION", "CALSCALE", "METHOD")] == ["2.0", "GREGORIAN",
                                                                         "PUBLISH"]
    assert "PRODID" in ours and "X-WR-CALNAME" in ours and "NAME" in ours
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in body.decode()
    assert "X-PUBLISHED-TTL:PT6H" in body.decode()
    assert [tz["TZID"] for tz in ours.walk("VTIMEZONE")] == ["Europe/Vienna"]
    for event in ours.walk("VEVENT"):
        assert str(event["ORGANIZER"]) == "mailto:UNCAC.COP@unodc.org"
        assert "ATTENDEE" not in event
        assert event["STATUS"] == "CONFIRMED" and event["SUMMARY"] and event["DTSTAMP"]
        assert "Board Room, Vienna International Centre, Vienna, Austria" == event["LOCATION"]
        assert str(event["URL"]).endswith("/meetings/em")
        assert "<" not in str(event["DESCRIPTION"])
    assert b"\r\n" in body and all(len(line) <= 75 for line in body.split(b"\r\n"))


def test_new_york_across_the_end_of_daylight_saving_time(client, published):
    # Daylight saving time ends in New York on Sunday 3 November 2024.
    published("unga", sittings=[(date(2024, 11, 1), time(10), time(13)),
                                (date(2024, 11, 4), time(10), time(13))],
              city="New York", country="United States of America", timezone="America/New_York",
              first_day=date(2024, 11, 1), last_day=date(2024, 11, 4),
              registration_deadline=date(2024, 10, 15))
    body = client.get("/meetings/unga/calendar.ics").data
    assert utc_starts(body) == [datetime(2024, 11, 1, 14, tzinfo=UTC),
                                datetime(2024, 11, 4, 15, tzinfo=UTC)]


def test_astana_after_kazakhstan_moved_to_utc_plus_5(client, published):
    published("soc", sittings=[(date(2024, 6, 27), time(10), time(13))], city="Astana",
              country="Kazakhstan", timezone="Asia/Almaty", first_day=date(2024, 6, 27),
              last_day=date(2024, 6, 27), registration_deadline=date(2024, 6, 20))
    body = client.get("/meetings/soc/calendar.ics").data
    assert utc_starts(body) == [datetime(2024, 6, 27, 5, tzinfo=UTC)]
    assert b"TZOFFSETTO:+0500" in body


def test_a_meeting_without_sittings_is_one_all_day_event_per_day(client, published):
    published("swg", first_day=date(2024, 6, 25), last_day=date(2024, 6, 26),
              registration_deadline=None, city="Astana", timezone="Asia/Almaty")
    ours, theirs = parse_both(client.get("/meetings/swg/calendar.ics").data)
    days = [(e.decoded("dtstart"), e.decoded("dtend")) for e in ours.walk("VEVENT")]
    assert days == [(date(2024, 6, 25), date(2024, 6, 26)), (date(2024, 6, 26), date(2024, 6, 27))]
    assert [e.dtstart.value for e in theirs.vevent_list] == [date(2024, 6, 25), date(2024, 6, 26)]


def _events_by_uid(*bodies: bytes) -> dict[str, icalendar.Event]:
    """What a calendar program keeps after importing each file in turn over the last."""
    kept: dict[str, icalendar.Event] = {}
    for body in bodies:
        for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
            uid = str(event["UID"])
            if uid not in kept or int(event["SEQUENCE"]) >= int(kept[uid]["SEQUENCE"]):
                kept[uid] = event
    return kept


def test_moving_then_cancelling_a_sitting_updates_it_in_place(client, published, make_user,
                                                               login_as):
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13)),
                                  (date(2012, 10, 22), time(15), time(18))])
    before = client.get("/meetings/em/calendar.ics")
    login_as(make_user(meeting.secretariat, Role.OFFICER))
    afternoon = db.session.scalars(sa.select(Sitting).order_by(Sitting.starts_at)).all()[1]
    client.post(f"/secretariat/meetings/em/sittings/{afternoon.id}/edit",
                data={"day": "2012-10-22", "starts_at": "14:30", "ends_at": "17:30",
                      "room": "Board Room", "status": "scheduled"})
    moved = client.get("/meetings/em/calendar.ics", headers={"If-None-Match": before.headers["ETag"]})
    assert moved.status_code == 200 and moved.headers["ETag"] != before.headers["ETag"]
    client.post(f"/secretariat/meetings/em/sittings/{afternoon.id}/delete")  # published: cancels
    cancelled = client.get("/meetings/em/calendar.ics").data
    kept = _events_by_uid(before.data, moved.data, cancelled)
    assert len(kept) == 2  # re-imported three times, still two events
    event = kept[afternoon.uid]
    assert int(event["SEQUENCE"]) == 2 and event["STATUS"] == "CANCELLED"
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2012, 10, 22, 12, 30, tzinfo=UTC)
    assert kept[next(u for u in kept if u != afternoon.uid)]["STATUS"] == "CONFIRMED"


def test_postponing_the_meeting_keeps_every_event_as_cancelled(client, published, make_user,
                                                               login_as):
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    first = client.get("/meetings/em/calendar.ics").data
    meeting_service.update_meeting(meeting, {"status": MeetingStatus.POSTPONED}, ACTOR)
    db.session.commit()
    kept = _events_by_uid(first, client.get("/meetings/em/calendar.ics").data)
    [event] = kept.values()
    assert event["STATUS"] == "CANCELLED" and int(event["SEQUENCE"]) == 1


def test_the_series_holds_every_meeting_of_the_linked_group(client, published):
    em = published("em", sittings=[(date(2012, 10, 22), time(10), time(13))])
    cop = published("cop6", first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
                    registration_deadline=None)
    cop.secretariat_id = em.secretariat_id
    db.session.commit()
    meeting_service.link_meetings(em, cop, meeting_service.LinkKind.IMMEDIATELY_AFTER, ACTOR)
    db.session.commit()
    ours, theirs = parse_both(client.get("/meetings/em/series.ics").data)
    assert len(list(ours.walk("VEVENT"))) == 1 + 5 == len(theirs.vevent_list)


def test_the_deadline_is_an_all_day_event_with_an_alarm(client, published):
    published()
    ours, theirs = parse_both(client.get("/meetings/em/deadline.ics").data)
    [event] = ours.walk("VEVENT")
    assert event.decoded("dtstart") == date(2012, 9, 24)
    assert event.decoded("dtend") == date(2012, 9, 25)  # exclusive end
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("trigger").days == -3
    assert theirs.vevent.dtstart.value == date(2012, 9, 24)


def test_the_secretariat_feed_lists_announced_meetings_only(client, published, make_meeting):
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    make_meeting(meeting.secretariat, "draft-meeting", title="Not yet announced")
    body = client.get(f"/secretariats/{meeting.secretariat.slug}/calendar.ics").data
    ours, _ = parse_both(body)
    assert [str(e["SUMMARY"]) for e in ours.walk("VEVENT")] == [meeting.title]
    assert client.get("/meetings/draft-meeting/calendar.ics").status_code == 404


def test_unchanged_calendars_answer_304_and_changes_are_picked_up(client, published,
                                                                  count_queries):
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    first = client.get("/meetings/em/calendar.ics")
    with count_queries() as counted:
        again = client.get("/meetings/em/calendar.ics",
                           headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert len([q for q in counted if q.lstrip().upper().startswith("SELECT")]) <= 3
    meeting_service.update_meeting(meeting, {"title": "Renamed, with a comma; and more"}, ACTOR)
    db.session.commit()
    changed = client.get("/meetings/em/calendar.ics",
                         headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert b"SUMMARY:Renamed\\, with a comma\\; and more" in changed.data
    ours, theirs = parse_both(changed.data)
    assert theirs.vevent.summary.value == "Renamed, with a comma; and more"


def test_a_client_that_accepts_gzip_gets_the_same_file_compressed_and_polls_it(
        client, published, make_meeting, count_queries):
    """Calendar clients send Accept-Encoding: gzip; a secretariat's file of 300 meetings then
    travels as a tenth of its size, under an ETag of its own, and still answers 304."""
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    path = f"/secretariats/{meeting.secretariat.slug}/calendar.ics"
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip, deflate"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert all("Accept-Encoding" in r.headers["Vary"] for r in (plain, packed))
    assert gzip.decompress(packed.data) == plain.data
    assert packed.headers["ETag"] == plain.headers["ETag"][:-1] + '-gz"'

    with count_queries() as counted:
        again = client.get(path, headers={"Accept-Encoding": "gzip",
                                          "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == packed.headers["ETag"]
    assert len([q for q in counted if q.lstrip().upper().startswith("SELECT")]) <= 3
    # A client that stored the plain file and now asks compressed still holds a current copy.
    assert client.get(path, headers={"Accept-Encoding": "gzip",
                                     "If-None-Match": plain.headers["ETag"]}).status_code == 304
    assert client.get(path, headers={"Accept-Encoding": "gzip;q=0",
                                     "If-None-Match": packed.headers["ETag"]}).headers[
        "ETag"] == plain.headers["ETag"]

    meeting_service.update_meeting(meeting, {"title": "Renamed"}, ACTOR)
    db.session.commit()
    changed = client.get(path, headers={"Accept-Encoding": "gzip",
                                        "If-None-Match": packed.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != packed.headers["ETag"]
    assert b"SUMMARY:Renamed" in gzip.decompress(changed.data)
    identity = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in identity.headers and b"SUMMARY:Renamed" in identity.data


def test_a_delegates_calendar_holds_only_their_meetings_behind_a_private_link(
    app, client, published, registry, monkeypatch
):
    monkeypatch.setitem(app.config, "FIXED_NOW", datetime(2012, 10, 1, tzinfo=timezone.utc))
    em = published("em", sittings=[(date(2012, 10, 22), time(10), time(13))])
    wg = published("wg", first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
                   registration_deadline=None)
    invitation = Invitation(meeting=em, party=party_by_iso3("AUT"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    both = Delegate(given_name="Anna", family_name="Gruber", function=DelegateFunction.HEAD,
                    meetings=[em, wg])
    expert = Delegate(given_name="Jörg", family_name="Huber", function=DelegateFunction.EXPERT,
                      meetings=[em])
    invitation.delegation = Delegation(delegates=[both, expert])
    db.session.add(invitation)
    db.session.flush()
    both_link, expert_link = issue_delegate_link(both, ACTOR), issue_delegate_link(expert, ACTOR)
    db.session.commit()
    assert len(both_link) >= 43 and both.calendar_token_hash != both_link
    ours, _ = parse_both(client.get(f"/calendar/{expert_link}.ics").data)
    assert {str(e["URL"]).rsplit("/", 1)[1] for e in ours.walk("VEVENT")} == {"em"}
    ours, _ = parse_both(client.get(f"/calendar/{both_link}.ics").data)
    assert {str(e["URL"]).rsplit("/", 1)[1] for e in ours.walk("VEVENT")} == {"em", "wg"}
    response = client.get(f"/calendar/{expert_link}.ics")
    assert response.headers["Cache-Control"] == "no-store"  # its address is the secret
    assert response.headers["Referrer-Policy"] == "no-referrer"
    for wrong in ["x" * 43, both_link[:-1] + ("A" if both_link[-1] != "A" else "B"), "../etc"]:
        assert client.get(f"/calendar/{wrong}.ics").status_code == 404


def test_the_meeting_page_offers_download_subscribe_google_and_outlook(client, published):
    published()
    page = client.get("/meetings/em").get_data(as_text=True)
    assert "/meetings/em/calendar.ics" in page and "webcal://" in page
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in page
    assert "outlook.office.com/calendar/0/deeplink/compose" in page


def test_a_day_that_loses_its_all_day_event_stays_in_the_file_as_cancelled(client, published):
    meeting = published("swg", first_day=date(2024, 6, 25), last_day=date(2024, 6, 26),
                        registration_deadline=None, city="Astana", timezone="Asia/Almaty")
    before = client.get("/meetings/swg/calendar.ics").data
    meeting_service.update_meeting(meeting, {"last_day": date(2024, 6, 25)}, ACTOR)
    db.session.commit()
    shortened = client.get("/meetings/swg/calendar.ics").data
    meeting_service.add_sitting(meeting, {"day": date(2024, 6, 25), "starts_at": time(10),
                                          "ends_at": time(13)}, ACTOR)
    db.session.commit()
    with_sitting = client.get("/meetings/swg/calendar.ics").data
    kept = _events_by_uid(before, shortened, with_sitting)
    statuses = sorted((str(e["UID"]).split("@")[0][-8:], str(e["STATUS"])) for e in kept.values()
                      if str(e["UID"]).startswith("meeting-"))
    assert statuses == [("20240625", "CANCELLED"), ("20240626", "CANCELLED")]
    assert sum(e["STATUS"] == "CONFIRMED" for e in kept.values()) == 1  # the sitting


def test_an_officer_revokes_a_delegates_calendar_link(app, client, published, registry, make_user,
                                                      login_as, monkeypatch):
    from meetings.models import Role

    monkeypatch.setitem(app.config, "FIXED_NOW", datetime(2012, 10, 1, tzinfo=timezone.utc))
    em = published("em", sittings=[(date(2012, 10, 22), time(10), time(13))])
    invitation = Invitation(meeting=em, party=party_by_iso3("AUT"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    delegate = Delegate(given_name="Anna", family_name="Gruber",
                        function=DelegateFunction.HEAD, meetings=[em])
    invitation.delegation = Delegation(delegates=[delegate])
    db.session.add(invitation)
    db.session.flush()
    link = issue_delegate_link(delegate, ACTOR)
    db.session.commit()
    assert client.get(f"/calendar/{link}.ics").status_code == 200
    login_as(make_user(em.secretariat, Role.OFFICER))
    client.post(f"/secretariat/invitations/{invitation.id}/delegates/{delegate.id}/calendar/revoke")
    assert client.get(f"/calendar/{link}.ics").status_code == 404
    db.session.refresh(delegate)
    assert issue_delegate_link(delegate, ACTOR) != link  # a new link, should one be shown again


# On deadline day a hundred submissions an hour leave the public calendars as they are: a file
# is rebuilt only when something it shows changed, and a poll of an unchanged file reads no file.
NOW = datetime(2012, 9, 20, 9, 0, tzinfo=timezone.utc)


def stored(key: str) -> CalendarFeed:
    db.session.expire_all()
    feed = db.session.get(CalendarFeed, key)
    assert feed is not None
    return feed


def delegation_of(meeting, iso3: str, *people: Delegate) -> Delegation:
    invitation = Invitation(meeting=meeting, party=party_by_iso3(iso3), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    invitation.delegation = Delegation(delegates=list(people))
    db.session.add(invitation)
    db.session.flush()
    return invitation.delegation


def resubmit(delegation: Delegation, meeting, **change) -> None:
    values = delegations.current_values(delegation, [meeting])
    values["delegates"][0].update(change)
    delegations.save(delegation.invitation, values, [meeting], ACTOR,
                     expected_version=delegation.version, now=NOW, submit=True)
    db.session.commit()


def test_a_submission_leaves_public_calendars_as_they_are(client, published, registry,
                                                          count_queries):
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    secretariat_path = f"/secretariats/{meeting.secretariat.slug}/calendar.ics"
    first = client.get("/meetings/em/calendar.ics")
    whole = client.get(secretariat_path)
    built_at = stored(f"meeting:{meeting.id}").last_modified
    austria = delegation_of(meeting, "AUT", Delegate(
        given_name="Anna", family_name="Gruber", function=DelegateFunction.HEAD,
        meetings=[meeting]))
    db.session.commit()
    resubmit(austria, meeting, job_title="Ambassador")

    with count_queries() as counted:
        again = client.get("/meetings/em/calendar.ics",
                           headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == first.headers["ETag"]
    assert len(counted) <= 2  # the meeting's id, then the fingerprint beside the validators
    assert not any("calendar_feeds.body" in q for q in counted)  # no file read
    assert stored(f"meeting:{meeting.id}").last_modified == built_at  # nothing rebuilt
    assert client.get(secretariat_path, headers={"If-None-Match": whole.headers["ETag"]}
                      ).status_code == 304

    meeting_service.add_sitting(meeting, {"day": date(2012, 10, 22), "starts_at": time(15),
                                          "ends_at": time(18)}, ACTOR)
    db.session.commit()
    changed = client.get("/meetings/em/calendar.ics",
                         headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.data.count(b"BEGIN:VEVENT") > \
        first.data.count(b"BEGIN:VEVENT")
    assert client.get(secretariat_path, headers={"If-None-Match": whole.headers["ETag"]}
                      ).status_code == 200


def test_a_delegates_calendar_follows_its_own_delegation_only(app, client, published, registry,
                                                              monkeypatch):
    monkeypatch.setitem(app.config, "FIXED_NOW", NOW)
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    anna = Delegate(given_name="Anna", family_name="Gruber", function=DelegateFunction.HEAD,
                    meetings=[meeting])
    jorg = Delegate(given_name="Jörg", family_name="Huber", function=DelegateFunction.HEAD,
                    meetings=[meeting])
    austria = delegation_of(meeting, "AUT", anna)
    germany = delegation_of(meeting, "DEU", jorg)
    link = issue_delegate_link(anna, ACTOR)
    db.session.commit()
    first = client.get(f"/calendar/{link}.ics")
    assert first.status_code == 200
    etag = first.headers["ETag"]

    resubmit(germany, meeting, job_title="Counsellor")  # another government's delegation
    assert client.get(f"/calendar/{link}.ics", headers={"If-None-Match": etag}).status_code == 304

    resubmit(austria, meeting, given_name="Anna Maria")  # her own: her name in the file changes
    renamed = client.get(f"/calendar/{link}.ics", headers={"If-None-Match": etag})
    assert renamed.status_code == 200 and renamed.headers["Cache-Control"] == "no-store"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed).where(
        CalendarFeed.key == f"delegate:{anna.id}")) == 1


def test_a_sitting_titled_in_french_reads_in_french_in_the_calendar_and_on_the_public_page(
        client, published):
    meeting = published(sittings=[(date(2012, 10, 22), time(10), time(13))])
    meeting.localized = {"fr": {"title": "Réunion d'experts sur la coopération internationale",
                                "city": "Vienne", "country": "Autriche"}}
    [sitting] = meeting.sittings
    sitting.title = "Opening sitting"
    sitting.localized = {"fr": {"title": "Séance d'ouverture"}}
    db.session.commit()

    french = icalendar.Calendar.from_ical(client.get("/meetings/em/calendar.ics?lang=fr").data)
    [event] = french.walk("VEVENT")
    assert str(event["SUMMARY"]) == ("Réunion d'experts sur la coopération internationale : "
                                     "Séance d'ouverture")
    english = icalendar.Calendar.from_ical(client.get("/meetings/em/calendar.ics").data)
    [event] = english.walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(": Opening sitting")

    page = client.get("/meetings/em?lang=fr").get_data(as_text=True)
    assert '<html lang="fr"' in page
    assert "Séance d&#39;ouverture" in page and "Opening sitting" not in page
    assert "22 octobre 2012" in page and "Vienne, Autriche" in page
    assert "/meetings/em/calendar.ics?lang=fr" in page
    words = text_of(page)
    for label in ("Lieu", "Dans votre calendrier", "Télécharger (.ics)",
                  "Programme (heure locale : Europe/Vienna)"):
        assert label in words, label
    assert "In your calendar" not in words and "Venue" not in words
    english = client.get("/meetings/em").get_data(as_text=True)
    assert "Opening sitting" in english and "In your calendar" in english
