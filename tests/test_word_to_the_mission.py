"""At each step the secretariat takes on a delegation, the mission hears of it by e-mail, in the
invitation's language, at the focal point's and the mission's addresses, through the outbox."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Delegation,
    DelegationStatus,
    InvitationCategory,
    InvitationStatus,
    MeetingStatus,
    OutboxMessage,
    Role,
)
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from meetings.services.outbox import deliver
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 20, 8, 0, tzinfo=timezone.utc)
FOCAL_POINT = "anna.berger@bmeia.gv.at"
MISSION = "un.vienna@bmeia.gv.at"


@pytest.fixture
def submitted(app, registry, make_secretariat, make_meeting, make_user, login_as):
    """Austria's delegation, submitted through its link; an officer signed in."""
    secretariat = make_secretariat("unodc", email="uncac.cop@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    austria = invite(em, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    austria.emails, austria.status = [MISSION], InvitationStatus.ISSUED
    secret = private_links.issue_link(austria, ACTOR, NOW)
    db.session.add(Delegation(invitation=austria, status=DelegationStatus.SUBMITTED,
                              submitted_at=NOW - timedelta(days=1), focal_point_email=FOCAL_POINT))
    db.session.commit()
    app.config["FIXED_NOW"] = NOW
    officer = login_as(make_user(secretariat, Role.OFFICER))
    return {"invitation": austria, "secret": secret, "officer": officer}


def the_one_mail(mailbox):
    deliver()
    [mail] = mailbox.messages
    assert [a.strip() for a in mail["To"].split(",")] == [FOCAL_POINT, MISSION]
    return mail


def audited(action: str) -> int:
    return db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == f"e-mail to the mission: {action}"))


def test_confirming_the_delegation_tells_the_focal_point_and_the_mission(submitted, mailbox):
    page = submitted["officer"].post(
        f"/secretariat/invitations/{submitted['invitation'].id}/confirm", follow_redirects=True)
    assert "The mission is told by e-mail" in text_of(page)
    mail = the_one_mail(mailbox)
    assert mail["Subject"].startswith("Delegation confirmed")
    assert "The secretariat confirms the registration of the Government's delegation." \
        in mail.get_content()
    assert mail["Reply-To"] == "uncac.cop@unodc.org"
    assert audited("delegation confirmed") == 1


def test_a_late_submission_accepted_is_told_as_such(submitted, mailbox):
    submitted["invitation"].delegation.is_late = True
    db.session.commit()
    submitted["officer"].post(f"/secretariat/invitations/{submitted['invitation'].id}/confirm")
    mail = the_one_mail(mailbox)
    assert mail["Subject"].startswith("Late registration accepted")
    assert "received after the deadline, has been accepted" in mail.get_content()
    assert audited("late registration accepted") == 1


def test_a_return_carries_the_comment_and_the_link_in_french(submitted, mailbox):
    submitted["invitation"].language = "fr"
    db.session.commit()
    submitted["officer"].post(f"/secretariat/invitations/{submitted['invitation'].id}/return",
                              data={"comment": "Veuillez joindre la note verbale signée."})
    mail = the_one_mail(mailbox)
    assert mail["Subject"].startswith("Inscription renvoyée pour correction")
    body = mail.get_content().replace("\r\n", "\n")
    assert "avec l'observation suivante :\n\nVeuillez joindre la note verbale signée." in body
    assert f"/register/{submitted['secret']}" in body  # filled when it left, never stored
    assert submitted["secret"] not in " ".join(db.session.scalars(sa.select(OutboxMessage.body)))
    assert audited("delegation returned") == 1


def test_a_new_link_needs_a_confirmation_that_says_the_old_one_dies_then_is_mailed(
        submitted, client, mailbox):
    officer, invitation = submitted["officer"], submitted["invitation"]
    step = officer.post(f"/secretariat/invitations/{invitation.id}/link")
    assert step.status_code == 302 and step.location.endswith(f"/{invitation.id}/link/new")
    page = text_of(officer.get(step.location))
    assert "The current link stops working at once" in page
    assert f"{FOCAL_POINT}, {MISSION}" in page
    assert client.get(f"/register/{submitted['secret']}").status_code == 200  # nothing changed yet
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0

    issued = officer.post(f"/secretariat/invitations/{invitation.id}/link",
                          data={"confirmed": "1"})
    new = issued.get_data(as_text=True).split("/register/")[1].split("<")[0]
    assert client.get(f"/register/{submitted['secret']}").status_code == 404
    mail = the_one_mail(mailbox)
    assert mail["Subject"].startswith("New private link for registration")
    body = mail.get_content().replace("\r\n", "\n")
    assert f"/register/{new}" in body and "The previous link no longer works." in body
    assert audited("new private link") == 1


def test_the_mails_are_written_in_each_un_language(submitted, mailbox):
    invitation = submitted["invitation"]
    expected = {"ar": "تأكيد الوفد", "zh": "代表团已确认", "ru": "Делегация подтверждена",
                "es": "Delegación confirmada", "kk": "Делегация расталды", "de": "Delegation confirmed"}
    for language in expected:
        invitation.language = language
        invitation.delegation.status = DelegationStatus.SUBMITTED
        db.session.commit()
        submitted["officer"].post(f"/secretariat/invitations/{invitation.id}/confirm")
    deliver()
    subjects = [m["Subject"] for m in mailbox.messages]
    assert [s.split(" — ")[0] for s in subjects] == list(expected.values())  # German: English


def test_a_mission_without_an_address_is_not_mailed_and_the_officer_is_told(submitted):
    invitation = submitted["invitation"]
    invitation.emails = []
    invitation.delegation.focal_point_email = None
    db.session.commit()
    page = submitted["officer"].post(f"/secretariat/invitations/{invitation.id}/confirm",
                                     follow_redirects=True)
    assert "no e-mail address on file" in text_of(page)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
