"""A government says, on its own page, that it will not be represented; the secretariat sees it,
no reminder goes to it, and it may take it back until the deadline."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    InvitationCategory,
    InvitationStatus,
    LatePolicy,
    MeetingStatus,
    Role,
)
from meetings.services import private_links, reminders
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 20, 8, 0, tzinfo=timezone.utc)
AFTER_DEADLINE = datetime(2012, 9, 26, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def austria(app, registry, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc", email="uncac.cop@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN,
                      late_policy=LatePolicy.ACCEPT_LATE)
    invitation = invite(em, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    invitation.emails, invitation.status = ["un.vienna@bmeia.gv.at"], InvitationStatus.ISSUED
    invitation.language = "fr"
    secret = private_links.issue_link(invitation, ACTOR, NOW)
    db.session.commit()
    app.config["FIXED_NOW"] = NOW
    return {"invitation": invitation, "secret": secret, "meeting": em}


def test_the_government_declines_after_a_confirmation_and_is_no_longer_reminded(
        client, austria, make_user, login_as):
    secret, invitation = austria["secret"], austria["invitation"]
    page = client.get(f"/register/{secret}")
    assert "Le Gouvernement ne sera pas représenté…" in text_of(page)
    confirm = client.get(f"/register/{secret}/decline")
    assert "Veuillez confirmer que le Gouvernement ne sera pas représenté" in text_of(confirm)
    assert invitation.declined_at is None  # opening the page changes nothing

    assert client.post(f"/register/{secret}/decline", data={"action": "decline"}).status_code == 302
    db.session.refresh(invitation)
    assert invitation.declined_at == NOW
    assert invitation.declined_by == "focal point of Austria (private link)"
    assert db.session.scalar(sa.select(AuditEvent.action).where(
        AuditEvent.object_type == "Invitation", AuditEvent.action.like("declined%")))
    page = text_of(client.get(f"/register/{secret}"))
    assert "Le Gouvernement a indiqué qu'il ne sera pas représenté." in page
    assert "Soumettre la délégation" not in page  # read-only while declined
    assert client.post(f"/register/{secret}", data={"action": "submit"}).status_code == 409

    plan = reminders.plan(austria["meeting"], NOW)
    assert plan.due == [] and plan.declined == [invitation]

    viewer = login_as(make_user(austria["meeting"].secretariat, Role.VIEWER))
    assert "The Government will not be represented" in text_of(
        viewer.get(f"/secretariat/invitations/{invitation.id}"))
    assert "will not be represented" in text_of(viewer.get("/secretariat/meetings/em/invitations"))


def test_the_government_takes_it_back_before_the_deadline_but_not_after(app, client, austria):
    secret, invitation = austria["secret"], austria["invitation"]
    client.post(f"/register/{secret}/decline", data={"action": "decline"})
    client.post(f"/register/{secret}/decline", data={"action": "undo"})
    db.session.refresh(invitation)
    assert invitation.declined_at is None and invitation.declined_by is None
    assert "Soumettre la délégation" in text_of(client.get(f"/register/{secret}"))
    assert len(reminders.plan(austria["meeting"], NOW).due) == 1

    client.post(f"/register/{secret}/decline", data={"action": "decline"})
    app.config["FIXED_NOW"] = AFTER_DEADLINE  # late registrations accepted, but the deadline is past
    page = text_of(client.get(f"/register/{secret}/decline"))
    assert "La date limite est passée : veuillez écrire au secrétariat." in page
    client.post(f"/register/{secret}/decline", data={"action": "undo"})
    db.session.refresh(invitation)
    assert invitation.declined_at is not None


def test_the_secretariat_records_and_undoes_a_decline_at_any_time(app, austria, make_user,
                                                                  login_as):
    invitation = austria["invitation"]
    officer = login_as(make_user(austria["meeting"].secretariat, Role.OFFICER))
    officer.post(f"/secretariat/invitations/{invitation.id}/decline", data={"action": "decline"})
    db.session.refresh(invitation)
    assert invitation.declined_by.startswith("Officer.Unodc")
    app.config["FIXED_NOW"] = AFTER_DEADLINE + timedelta(days=30)
    page = officer.post(f"/secretariat/invitations/{invitation.id}/decline",
                        data={"action": "undo"}, follow_redirects=True)
    assert "no longer recorded as not represented" in text_of(page)
    db.session.refresh(invitation)
    assert invitation.declined_at is None
    actions = db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.object_type == "Invitation", AuditEvent.object_id == invitation.id)).all()
    assert "declined: the Government will not be represented" in actions
    assert "decline withdrawn: the Government will be represented" in actions


def test_a_submitted_delegation_cannot_be_declined_from_the_link(client, austria):
    from meetings.models import Delegation, DelegationStatus

    db.session.add(Delegation(invitation=austria["invitation"], status=DelegationStatus.SUBMITTED,
                              submitted_at=NOW))
    db.session.commit()
    secret = austria["secret"]
    assert "Le Gouvernement ne sera pas représenté…" not in text_of(client.get(f"/register/{secret}"))
    client.post(f"/register/{secret}/decline", data={"action": "decline"})
    db.session.refresh(austria["invitation"])
    assert austria["invitation"].declined_at is None
