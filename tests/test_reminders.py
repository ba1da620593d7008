"""Governments that have not registered are reminded once a day, in their language, through the
outbox; those who submitted or said they will not be represented never are."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.deadline import Deadline
from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Delegation,
    DelegationStatus,
    InvitationCategory,
    InvitationStatus,
    MeetingStatus,
    OutboxMessage,
    Reminder,
    Role,
)
from meetings.services import private_links, reminders
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from meetings.services.outbox import deliver
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
UTC = timezone.utc
BASE = "https://meetings.example.org"
# A week before the deadline (24 September 2012, Vienna), 10:00 in Vienna.
MONDAY = datetime(2012, 9, 17, 8, 0, tzinfo=UTC)
MISSIONS = {"AUT": ("en", "un.vienna@bmeia.gv.at"), "FRA": ("fr", "onu.vienne@diplomatie.gouv.fr"),
            "CHN": ("zh", "chinamission_vie@mfa.gov.cn"), "MEX": ("es", "onuviena@sre.gob.mx"),
            "NLD": ("en", "wen@minbuza.nl"), "ESP": ("es", "rep.viena@maec.es")}


@pytest.fixture
def setting(app, registry, make_secretariat, make_meeting):
    """Six governments invited by note: Austria, France, China have done nothing yet, Mexico has
    a draft naming its focal point, the Netherlands submitted, Spain will not be represented."""
    secretariat = make_secretariat("unodc", email="uncac.cop@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    invitations, links = {}, {}
    for code, (language, address) in MISSIONS.items():
        invitation = invite(em, party_by_iso3(code), InvitationCategory.STATE_PARTY, ACTOR)
        invitation.language, invitation.emails = language, [address]
        invitation.status, invitation.reference = InvitationStatus.ISSUED, f"CU 2012/{code}"
        links[code] = private_links.issue_link(invitation, ACTOR, MONDAY)
        invitations[code] = invitation
    db.session.add(Delegation(invitation=invitations["MEX"], focal_point_email="ana.ruiz@sre.gob.mx"))
    db.session.add(Delegation(invitation=invitations["NLD"], status=DelegationStatus.SUBMITTED,
                              submitted_at=MONDAY - timedelta(days=2),
                              focal_point_email="p.jansen@minbuza.nl"))
    invitations["ESP"].declined_at = MONDAY - timedelta(days=1)
    invitations["ESP"].declined_by = "focal point of Spain (private link)"
    db.session.commit()
    app.config["FIXED_NOW"] = MONDAY
    return {"em": em, "invitations": invitations, "links": links}


def recipients(mailbox) -> set[str]:
    return {address.strip() for m in mailbox.messages for address in m["To"].split(",")}


def run(runner, *extra):
    result = runner.invoke(args=["reminders", "send", "--meeting", "em", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_scheduler_reminds_each_government_once_a_day_in_its_language_with_its_own_link(
        app, setting, runner, mailbox):
    assert "4 reminders queued" in run(runner)
    deliver()
    assert recipients(mailbox) == {MISSIONS[c][1] for c in ("AUT", "FRA", "CHN", "MEX")} | {
        "ana.ruiz@sre.gob.mx"}  # Mexico's draft names its focal point: it gets it too
    by_party = {m["To"].split(",")[-1].strip(): m for m in mailbox.messages}
    deadline = Deadline.of(setting["em"])
    french = by_party[MISSIONS["FRA"][1]]
    assert french["Subject"].startswith("Rappel : inscription de la délégation")
    body = french.get_content()
    assert f"La date limite d'inscription est le {deadline.words('fr')}." in body
    assert f"/register/{setting['links']['FRA']}" in body  # its own live link, filled on sending
    assert setting["links"]["AUT"] not in body
    chinese = by_party[MISSIONS["CHN"][1]].get_content()
    assert "2012年9月24日" in chinese and f"/register/{setting['links']['CHN']}" in chinese
    assert "Recordatorio" in by_party[MISSIONS["MEX"][1]]["Subject"]
    assert by_party[MISSIONS["AUT"][1]]["Reply-To"] == "uncac.cop@unodc.org"
    # The outbox keeps a marker, never the secret.
    stored = " ".join(db.session.scalars(sa.select(OutboxMessage.body)))
    assert private_links.REGISTRATION_MARKER in stored
    assert not any(secret in stored for secret in setting["links"].values())

    # Run again the same day, from the scheduler or an officer's click: nothing goes twice.
    assert "0 reminders queued" in run(runner)
    deliver()
    assert len(mailbox.messages) == 4
    # The next day (Vienna), they are due again.
    app.config["FIXED_NOW"] = MONDAY + timedelta(days=1)
    assert "4 reminders queued" in run(runner)
    assert db.session.scalar(sa.select(sa.func.count(Reminder.id))) == 8


def test_those_who_submitted_or_declined_are_never_reminded(app, setting, runner, mailbox):
    for day in range(3):
        app.config["FIXED_NOW"] = MONDAY + timedelta(days=day)
        run(runner)
    deliver()
    addresses = recipients(mailbox)
    for code in ("NLD", "ESP"):
        assert MISSIONS[code][1] not in addresses
    assert "p.jansen@minbuza.nl" not in addresses
    reminded = set(db.session.scalars(sa.select(Reminder.invitation_id)))
    assert setting["invitations"]["NLD"].id not in reminded
    assert setting["invitations"]["ESP"].id not in reminded


def test_days_before_sends_only_on_that_day(setting, runner, mailbox):
    assert "Nothing sent: today (2012-09-17) is not 3 days before" in run(runner, "--days-before", "3")
    assert db.session.scalar(sa.select(sa.func.count(Reminder.id))) == 0
    assert "4 reminders queued" in run(runner, "--days-before", "7")


def test_no_reminder_after_the_deadline(app, setting, runner):
    app.config["FIXED_NOW"] = datetime(2012, 9, 25, 8, 0, tzinfo=UTC)
    result = runner.invoke(args=["reminders", "send", "--meeting", "em"])
    assert result.exit_code != 0 and "no longer open" in result.output
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_the_officer_previews_who_and_what_then_confirms(setting, make_user, login_as, mailbox):
    officer = login_as(make_user(setting["em"].secretariat, Role.OFFICER))
    preview = officer.get("/secretariat/meetings/em/reminders")
    page = text_of(preview)
    assert preview.status_code == 200
    assert "To be reminded (4)" in page
    due = page.split("To be reminded")[1].split("The e-mail")[0]
    assert all(name in due for name in ("Austria", "France", "China", "Mexico"))
    assert "Netherlands" not in due and "Spain" not in due
    assert "Delegation submitted: Netherlands" in page
    assert "Will not be represented: Spain" in page
    # The text in each language it will be written in, the link left as a placeholder.
    for words in ("Reminder: registration of the delegation", "Rappel : inscription",
                  "Recordatorio: inscripción", "提醒：代表团登记"):
        assert words in page
    assert "[the Government's private link]" in page
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0  # only a preview

    sent = officer.post("/secretariat/meetings/em/reminders", follow_redirects=True)
    assert "4 reminder(s) queued" in text_of(sent)
    assert "Reminded already today: Austria, China, France, Mexico" in text_of(sent)
    again = officer.post("/secretariat/meetings/em/reminders", follow_redirects=True)
    assert "Nothing sent" in text_of(again)
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 4
    events = db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.action == "e-mail to the mission: reminder")).all()
    assert len(events) == 4


def test_a_viewer_sees_the_preview_but_cannot_send(setting, make_user, login_as):
    viewer = login_as(make_user(setting["em"].secretariat, Role.VIEWER))
    assert viewer.get("/secretariat/meetings/em/reminders").status_code == 200
    assert viewer.post("/secretariat/meetings/em/reminders").status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Reminder.id))) == 0


def test_two_runs_overlapping_on_postgresql_remind_each_government_once(app, setting):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time; the overlap is PostgreSQL's case")
    meeting_id = setting["em"].id
    first = reminders.send(setting["em"], Actor.system("run 1"), MONDAY, base_url=BASE)  # not committed yet
    assert len(first) == 4
    second: list = []

    def other_run():
        with app.app_context():
            from meetings.models import Meeting
            meeting = db.session.get(Meeting, meeting_id)
            second.extend(reminders.send(meeting, Actor.system("run 2"), MONDAY, base_url=BASE))
            db.session.commit()

    thread = threading.Thread(target=other_run)
    thread.start()
    thread.join(timeout=1.0)
    assert thread.is_alive()  # the second run waits on the first one's rows
    db.session.commit()
    thread.join(timeout=10)
    assert not thread.is_alive() and second == []
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 4
