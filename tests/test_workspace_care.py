"""Destructive actions ask first and, when nothing was sent, can be undone; sittings by pattern."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    LinkKind,
    MeetingDocument,
    MeetingLink,
    MeetingStatus,
    Sitting,
    SittingStatus,
)
from meetings.services import meetings as meeting_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.groups import add_members, create_group
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 1, 10, 0, tzinfo=timezone.utc)


def csrf_form(html: str) -> dict[str, str]:
    """The hidden fields of the confirmation form, as a browser would send them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def confirmation(client, url: str) -> tuple[str, dict[str, str]]:
    page = client.get(url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'action="{url.split("?")[0]}"' in html and 'method="post"' in html
    assert "Cancel, keep it" in html
    return text_of(page), csrf_form(html)


def test_removing_an_invitation_asks_first_then_can_be_undone_from_the_flash(
        app, client, meeting):
    austria = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True  # the confirmation page carries the token
    try:
        listing = client.get("/secretariat/meetings/em/invitations").get_data(as_text=True)
        assert f'href="/secretariat/invitations/{austria.id}/remove"' in listing  # a link, not a POST
        url = f"/secretariat/invitations/{austria.id}/remove"
        words, form = confirmation(client, url)
        assert "Remove Austria from the invitation list?" in words and "undo" in words
        assert db.session.get(Invitation, austria.id) is not None  # asking changed nothing
        assert client.post(url, data={}).status_code == 400  # no CSRF token: refused
        done = client.post(url, data=form, follow_redirects=True)
        html = done.get_data(as_text=True)
        assert "Austria removed from the list." in text_of(done) and ">Undo</button>" in html
        db.session.expire_all()
        assert db.session.scalar(sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id)) is None
        undo_url = re.search(r'action="(/secretariat/meetings/em/history/\d+/undo)"', html)[1]
        back = client.post(undo_url, data=csrf_form(html.split(undo_url, 1)[1]),
                           follow_redirects=True)
        assert "Austria is back on the invitation list." in text_of(back)
        restored = db.session.scalars(sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id)).one()
        assert restored.party.iso3 == "AUT" and restored.status == InvitationStatus.LISTED
        assert restored.addressee == austria.addressee
        history = text_of(client.get("/secretariat/meetings/em/history"))
        assert "Austria: put back on the invitation list (undo) by" in history
        # Undone once: a second try changes nothing.
        again = client.post(undo_url, data=csrf_form(html.split(undo_url, 1)[1]),
                            follow_redirects=True)
        assert "already been undone" in text_of(again)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 1
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_an_issued_invitation_is_withdrawn_not_removed_and_offers_no_undo(app, client, meeting):
    austria = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    db.session.commit()
    app.config["FIXED_NOW"] = NOW
    from meetings.services.notes import issue

    issue([austria], ACTOR, base_url="http://localhost/")
    db.session.commit()
    words, _ = confirmation(client, f"/secretariat/invitations/{austria.id}/remove")
    assert "withdrawn and kept" in words
    done = client.post(f"/secretariat/invitations/{austria.id}/remove", follow_redirects=True)
    assert "withdrawn" in text_of(done) and ">Undo</button>" not in done.get_data(as_text=True)
    removed = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "invited"))
    refused = client.post(f"/secretariat/meetings/em/history/{removed.id}/undo",
                          follow_redirects=True)
    assert "cannot be undone" in text_of(refused)


def test_a_removed_sitting_and_document_come_back_with_undo(client, meeting):
    sitting = meeting_service.add_sitting(
        meeting, {"day": date(2012, 10, 22), "starts_at": time(10), "ends_at": time(13),
                  "room": "Board Room D"}, ACTOR)
    document = meeting_service.add_document(meeting, "Provisional agenda", ACTOR,
                                            url="https://example.org/agenda", symbol="CAC/1")
    db.session.commit()
    words, _ = confirmation(client, f"/secretariat/meetings/em/sittings/{sitting.id}/delete")
    assert "Remove the sitting of 22 October 2012, 10:00–13:00?" in words
    words, _ = confirmation(client, f"/secretariat/meetings/em/documents/{document.id}/delete")
    assert "Remove the document “Provisional agenda”?" in words
    for url in (f"/secretariat/meetings/em/sittings/{sitting.id}/delete",
                f"/secretariat/meetings/em/documents/{document.id}/delete"):
        html = client.post(url, follow_redirects=True).get_data(as_text=True)
        undo = re.search(r'action="(/secretariat/meetings/em/history/\d+/undo)"', html)[1]
        assert "is back" in text_of(client.post(undo, follow_redirects=True))
    db.session.expire_all()
    sitting = db.session.scalars(sa.select(Sitting)).one()
    assert (sitting.day, sitting.starts_at, sitting.room) == (date(2012, 10, 22), time(10),
                                                              "Board Room D")
    document = db.session.scalars(sa.select(MeetingDocument)).one()
    assert (document.title, document.symbol, document.url) == (
        "Provisional agenda", "CAC/1", "https://example.org/agenda")


def test_a_cancelled_sitting_of_a_published_meeting_is_held_again_with_undo(client, meeting):
    meeting.status = MeetingStatus.ANNOUNCED
    sitting = meeting_service.add_sitting(
        meeting, {"day": date(2012, 10, 22), "starts_at": time(10), "ends_at": time(13)}, ACTOR)
    db.session.commit()
    sequence = sitting.sequence
    words, _ = confirmation(client, f"/secretariat/meetings/em/sittings/{sitting.id}/delete")
    assert "Cancel the sitting" in words and "marked cancelled" in words
    html = client.post(f"/secretariat/meetings/em/sittings/{sitting.id}/delete",
                       follow_redirects=True).get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Sitting, sitting.id).status == SittingStatus.CANCELLED
    # The history page offers the undo too.
    page = client.get("/secretariat/meetings/em/history").get_data(as_text=True)
    undo = re.search(r'action="(/secretariat/meetings/em/history/\d+/undo)"', page)[1]
    assert undo in html
    assert "held again" in text_of(client.post(undo, follow_redirects=True))
    db.session.expire_all()
    sitting = db.session.get(Sitting, sitting.id)
    assert sitting.status == SittingStatus.SCHEDULED and sitting.sequence > sequence + 1


def test_every_destructive_action_asks_on_a_page_that_needs_no_javascript(
        app, client, meeting, make_meeting):
    wg = make_meeting(meeting.secretariat, "wg", title="Working Group",
                      first_day=date(2012, 10, 15), last_day=date(2012, 10, 19))
    link = meeting_service.link_meetings(meeting, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    austria = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    private_links.issue_link(austria, ACTOR, NOW)
    group = create_group(meeting.secretariat, "States parties", ACTOR)
    add_members(group, [party_by_iso3("AUT")], ACTOR)
    db.session.commit()
    asks = {
        f"/secretariat/meetings/em/links/{link.id}/delete": "Remove the link between",
        f"/secretariat/invitations/{austria.id}/link?revoke_only=1":
            "Revoke the private link of Austria?",
        # A new link asks on its own page, which also names who gets it by e-mail
        # (tests/test_word_to_the_mission.py).
        f"/secretariat/groups/{group.id}/members/{party_by_iso3('AUT').id}/delete":
            "Remove Austria from the group “States parties”?",
    }
    before = austria.token_hash
    for url, question in asks.items():
        words, form = confirmation(client, url)
        assert question in words, url
    db.session.expire_all()
    assert db.session.get(Invitation, austria.id).token_hash == before  # asking revoked nothing
    assert db.session.get(MeetingLink, link.id) is not None
    _, form = confirmation(client, f"/secretariat/invitations/{austria.id}/link?revoke_only=1")
    assert form["revoke_only"] == "1"
    client.post(f"/secretariat/invitations/{austria.id}/link", data=form)
    db.session.expire_all()
    assert db.session.get(Invitation, austria.id).token_hash is None
    pages = "".join(client.get(p).get_data(as_text=True) for p in (
        "/secretariat/meetings/em", f"/secretariat/invitations/{austria.id}",
        f"/secretariat/groups/{group.id}"))
    assert "<script" not in pages
    assert 'class="danger" type="submit">Remove' not in pages  # no removal in one click


def test_sittings_are_entered_as_a_pattern_over_the_chosen_days_then_edited_one_by_one(
        client, meeting, make_meeting):
    form = client.get("/secretariat/meetings/em/sittings/pattern")
    assert form.status_code == 200
    html = form.get_data(as_text=True)
    assert "Monday 22 October 2012" in html and "Tuesday 23 October 2012" in html
    assert "10:00-13:00, 15:00-18:00" in html and "Europe/Vienna" in html
    done = client.post("/secretariat/meetings/em/sittings/pattern", data={
        "days": ["2012-10-22", "2012-10-23"], "times": "10:00-13:00, 15:00-18:00",
        "room": "Plenary Hall M"}, follow_redirects=True)
    assert "4 sittings added" in text_of(done)
    sittings = db.session.scalars(sa.select(Sitting).order_by(Sitting.day, Sitting.starts_at)
                                  ).all()
    assert [(s.day.day, s.starts_at.hour, s.ends_at.hour, s.room) for s in sittings] == [
        (22, 10, 13, "Plenary Hall M"), (22, 15, 18, "Plenary Hall M"),
        (23, 10, 13, "Plenary Hall M"), (23, 15, 18, "Plenary Hall M")]
    edited = client.post(f"/secretariat/meetings/em/sittings/{sittings[3].id}/edit", data={
        "day": "2012-10-23", "starts_at": "15:00", "ends_at": "17:00", "room": "Plenary Hall M",
        "title": "Closing", "status": "scheduled"})
    assert edited.status_code == 302
    db.session.expire_all()
    assert db.session.get(Sitting, sittings[3].id).ends_at == time(17)
    assert db.session.get(Sitting, sittings[1].id).ends_at == time(18)  # the others unchanged


@pytest.mark.parametrize("times, days, message", [
    ("10:00-13:00, 12:00-15:00", ["2012-10-22"], "These time ranges overlap."),
    ("ten to one", ["2012-10-22"], "is not a time range"),
    ("13:00-10:00", ["2012-10-22"], "must end after it starts"),
    ("10:00-13:00", [], "Choose at least one day."),
    ("10:00-13:00", ["2012-10-22"], "No sitting was added. 22 October 2012 10:00: Overlaps"),
])
def test_a_pattern_that_cannot_be_held_adds_nothing_and_says_why(client, meeting, times, days,
                                                                  message):
    meeting_service.add_sitting(
        meeting, {"day": date(2012, 10, 22), "starts_at": time(11), "ends_at": time(12)}, ACTOR)
    db.session.commit()
    response = client.post("/secretariat/meetings/em/sittings/pattern",
                           data={"days": days, "times": times})
    assert response.status_code == 422
    assert message in text_of(response)
    assert 'value="' + times + '"' in response.get_data(as_text=True)  # kept as typed
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Sitting)) == 1


def test_a_day_outside_the_meeting_is_refused(client, meeting):
    response = client.post("/secretariat/meetings/em/sittings/pattern",
                           data={"days": ["2012-10-24"], "times": "10:00-13:00"})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Sitting)) == 0
