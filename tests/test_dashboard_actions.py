"""From the dashboard an officer issues and e-mails notes for the invitations she selects, and
the outbox page shows every message, what the server answered, and sends failed ones again."""
from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    InvitationCategory,
    InvitationStatus,
    Note,
    OutboxMessage,
    OutboxStatus,
    Role,
)
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from meetings.services.outbox import deliver
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")


@pytest.fixture
def secretariat(make_secretariat):
    return make_secretariat("unodc", reference_pattern="CU {year}/{seq}(A)/DTA/CEB/CSS",
                            reference_next=150, email="UNCAC.COP@unodc.org",
                            postal_address="P.O. Box 500\n1400 Vienna\nAustria", note_closing=False)


@pytest.fixture
def listed(registry, secretariat, make_meeting, make_user, login_as):
    login_as(make_user(secretariat, Role.OFFICER))
    meeting = make_meeting(secretariat, "em", note_date=date(2012, 8, 15))
    found = {}
    for code in ("AUT", "NLD", "FRA", "TUR"):
        emails = [] if code == "TUR" else [f"mission.{code.lower()}@example.org"]
        found[code] = invite(meeting, party_by_iso3(code), InvitationCategory.STATE_PARTY, ACTOR,
                             language="en", emails=emails)
    db.session.commit()
    return found


def _form(client, path="/secretariat/meetings/em/dashboard"):
    html = client.get(path).get_data(as_text=True)
    key = re.search(r'name="issue_key" value="([^"]*)"', html).group(1)
    return html, key


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_an_officer_issues_notes_for_the_selected_invitations_only(client, listed):
    html, key = _form(client)
    assert [b for b in re.findall(r'name="action" value="(\w+)"', html)] == \
        ["issue", "issue_email", "email"]
    response = client.post("/secretariat/meetings/em/dashboard/selected", data={
        "action": "issue", "issue_key": key,
        "selected": [listed["AUT"].id, listed["NLD"].id]}, follow_redirects=True)
    assert "2 notes issued, CU 2012/150(A)/DTA/CEB/CSS to CU 2012/151(A)/DTA/CEB/CSS." \
        in text_of(response)
    assert {i.party.iso3 for i in listed.values() if i.status == InvitationStatus.ISSUED} == \
        {"AUT", "NLD"}
    assert count(OutboxMessage) == 0


def test_issuing_with_e_mail_names_the_invitations_without_address_and_issues_nothing(
    client, listed
):
    _, key = _form(client)
    response = client.post("/secretariat/meetings/em/dashboard/selected", data={
        "action": "issue_email", "issue_key": key,
        "selected": [listed["AUT"].id, listed["TUR"].id]}, follow_redirects=True)
    assert "No note was issued: 1 of the selected invitations have no e-mail address: Türkiye." \
        in text_of(response)
    assert count(Note) == 0 and count(OutboxMessage) == 0


def test_the_issue_all_form_with_e_mail_says_which_have_no_address_before_issuing(
    client, listed
):
    page = client.get("/secretariat/meetings/em/notes")
    assert "No e-mail address yet for Türkiye" in text_of(page)
    response = client.post("/secretariat/meetings/em/notes/issue",
                           data={"send": "1", "dated": "2012-08-15"}, follow_redirects=True)
    assert "No note was issued: 1 invitation has no e-mail address: Türkiye." in text_of(response)
    assert count(Note) == 0


def test_issue_all_disappears_once_every_invitation_has_its_note(client, listed):
    assert "Issue all 4 notes" in text_of(client.get("/secretariat/meetings/em/notes"))
    client.post("/secretariat/meetings/em/notes/issue", data={"dated": "2012-08-15"})
    page = text_of(client.get("/secretariat/meetings/em/notes"))
    assert "Issue all" not in page and "Every invitation on the list has its note." in page


def test_selected_notes_are_e_mailed_and_the_outbox_shows_a_refusal_then_a_retry(
    app, client, listed, mailbox
):
    _, key = _form(client)
    client.post("/secretariat/meetings/em/dashboard/selected", data={
        "action": "issue", "issue_key": key,
        "selected": [listed["AUT"].id, listed["NLD"].id, listed["TUR"].id]})
    refused = client.post("/secretariat/meetings/em/dashboard/selected", data={
        "action": "email", "selected": [listed["AUT"].id, listed["TUR"].id]},
        follow_redirects=True)
    assert "Nothing was e-mailed: 1 of the selected invitations have no e-mail address: " \
           "Türkiye." in text_of(refused)
    sent = client.post("/secretariat/meetings/em/dashboard/selected", data={
        "action": "email", "selected": [listed["AUT"].id, listed["NLD"].id]},
        follow_redirects=True)
    assert "2 notes queued for e-mail: Austria, Netherlands." in text_of(sent)
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "note e-mailed")) == 2

    netherlands = db.session.scalar(sa.select(OutboxMessage).where(
        OutboxMessage.invitation_id == listed["NLD"].id))
    netherlands.to = ["not an address"]  # the stored address cannot be sent to
    db.session.commit()
    assert deliver() == {"sent": 1, "retry": 0, "failed": 1}
    assert len(mailbox.messages) == 1 and mailbox.messages[0]["To"] == "mission.aut@example.org"

    dashboard = text_of(client.get("/secretariat/meetings/em/dashboard"))
    assert "1 e-mail of this secretariat is failing." in dashboard
    outbox = client.get("/secretariat/outbox?state=failed")
    page = text_of(outbox)
    assert "not a single e-mail address" in page and "mission.aut@example.org" not in page
    everything = text_of(client.get("/secretariat/outbox"))
    assert "mission.aut@example.org" in everything and "Sent" in everything

    netherlands.to = ["mission.nld@example.org"]
    db.session.commit()
    retried = client.post(f"/secretariat/outbox/{netherlands.id}/retry", follow_redirects=True)
    assert "will be sent again" in text_of(retried)
    assert deliver()["sent"] == 1
    db.session.refresh(netherlands)
    assert netherlands.status == OutboxStatus.SENT
    assert "is failing" not in text_of(client.get("/secretariat/meetings/em/dashboard"))


def test_retry_all_queues_every_failing_message_of_the_secretariat(client, listed):
    for code in ("AUT", "NLD"):
        db.session.add(OutboxMessage(to=["x@example.org"], subject="Note", body="…",
                                     invitation_id=listed[code].id, status=OutboxStatus.FAILED,
                                     attempts=6, last_error="421 try later"))
    db.session.commit()
    assert "Send again all 2 failing e-mails" in text_of(client.get("/secretariat/outbox"))
    response = client.post("/secretariat/outbox/retry-all", follow_redirects=True)
    assert "2 e-mails will be sent again in the next round." in text_of(response)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(
        OutboxMessage.status == OutboxStatus.QUEUED)) == 2
    assert "Send again all" not in text_of(client.get("/secretariat/outbox"))


def test_another_secretariats_messages_are_not_in_the_outbox(
    client, listed, make_secretariat, make_meeting
):
    cica = make_secretariat("cica", city="Astana", timezone="Asia/Almaty")
    other = make_meeting(cica, "swg")
    kaz = invite(other, party_by_iso3("KAZ"), InvitationCategory.MEMBER_STATE, ACTOR)
    db.session.flush()
    db.session.add(OutboxMessage(to=["mfa@example.kz"], subject="CICA note", body="…",
                                 invitation_id=kaz.id, status=OutboxStatus.FAILED))
    db.session.commit()
    page = text_of(client.get("/secretariat/outbox"))
    assert "CICA note" not in page
    message = db.session.scalar(sa.select(OutboxMessage))
    assert client.post(f"/secretariat/outbox/{message.id}/retry").status_code == 404


def test_odd_query_arguments_are_ignored_not_echoed_into_links(client, listed):
    page = client.get("/secretariat/meetings/em/dashboard?slug=x&_external=1&state=listed")
    assert page.status_code == 200
    assert 'action="/secretariat/meetings/em/dashboard/selected?state=listed"' in \
        page.get_data(as_text=True)
    response = client.post("/secretariat/meetings/em/dashboard/selected?slug=x&_external=1",
                           data={"action": "issue"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/secretariat/meetings/em/dashboard#table"
    outbox = client.post("/secretariat/outbox/retry-all?_external=1&state=failed")
    assert outbox.headers["Location"] == "/secretariat/outbox?state=failed"
