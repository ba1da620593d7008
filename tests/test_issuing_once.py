"""'Issue notes' pressed twice, or by two officers at once, issues one note per invitation."""
import re
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, InvitationCategory, Note, OutboxMessage, Party, Role
from meetings.services import notes as note_service
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
BASE = "https://meetings.example.org"


@pytest.fixture
def secretariat(make_secretariat):
    return make_secretariat("unodc", reference_pattern="CU {year}/{seq}(A)/DTA/CEB/CSS",
                            reference_next=150, email="UNCAC.COP@unodc.org",
                            postal_address="P.O. Box 500\n1400 Vienna\nAustria", note_closing=False)


@pytest.fixture
def officer(client, secretariat, make_user, login_as):
    return login_as(make_user(secretariat, Role.OFFICER))


def listed(meeting, parties):
    invitations = [invite(meeting, p, InvitationCategory.STATE_PARTY, ACTOR, language="en")
                   for p in parties]
    for invitation in invitations:
        invitation.emails = [f"{invitation.party.iso3.lower()}@example.org"]
    db.session.commit()
    return invitations


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_issue_all_form_posted_twice_issues_each_note_once(
    client, officer, registry, secretariat, make_meeting
):
    meeting = make_meeting(secretariat, "em")
    listed(meeting, [party_by_iso3(c) for c in ("AUT", "NLD", "FRA")])
    page = client.get("/secretariat/meetings/em/notes").get_data(as_text=True)
    form = {"issue_key": hidden(page, "issue_key"), "send": "1", "dated": "2012-08-15"}
    first = client.post("/secretariat/meetings/em/notes/issue", data=form, follow_redirects=True)
    assert "3 notes issued" in text_of(first)
    second = client.post("/secretariat/meetings/em/notes/issue", data=form, follow_redirects=True)
    assert "Already issued, nothing issued again: CU 2012/150(A)/DTA/CEB/CSS, " \
           "CU 2012/151(A)/DTA/CEB/CSS, CU 2012/152(A)/DTA/CEB/CSS." in text_of(second)
    assert count(Note) == 3 and count(OutboxMessage) == 3


def test_the_note_form_posted_twice_or_from_a_stale_page_issues_once(
    client, officer, registry, secretariat, make_meeting
):
    meeting = make_meeting(secretariat, "em")
    [austria] = listed(meeting, [party_by_iso3("AUT")])
    page = client.get(f"/secretariat/invitations/{austria.id}/note").get_data(as_text=True)
    form = {"issue_key": hidden(page, "issue_key"), "dated": "2012-08-15",
            "issued_reference": hidden(page, "issued_reference")}
    client.post(f"/secretariat/invitations/{austria.id}/note/issue", data=form)
    again = client.post(f"/secretariat/invitations/{austria.id}/note/issue", data=form,
                        follow_redirects=True)
    assert "Already issued, nothing issued again: CU 2012/150(A)/DTA/CEB/CSS." in text_of(again)
    # A second officer's page, opened before the first issued: another key, the same old state.
    stale = {**form, "issue_key": "another-officers-form"}
    refused = client.post(f"/secretariat/invitations/{austria.id}/note/issue", data=stale,
                          follow_redirects=True)
    assert "Already issued, nothing issued again: CU 2012/150(A)/DTA/CEB/CSS." in text_of(refused)
    assert count(Note) == 1
    # Reissuing on purpose, from a page that shows the issued note, still works.
    page = client.get(f"/secretariat/invitations/{austria.id}/note").get_data(as_text=True)
    client.post(f"/secretariat/invitations/{austria.id}/note/issue",
                data={"issue_key": hidden(page, "issue_key"), "dated": "2012-08-15",
                      "issued_reference": hidden(page, "issued_reference")})
    assert count(Note) == 2


def test_two_requests_issuing_the_same_25_invitations_at_once_give_one_note_each(
    app, registry, secretariat, make_meeting
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent issuing is checked on PostgreSQL (the CI runs both databases)")
    meeting = make_meeting(secretariat)
    states = db.session.scalars(sa.select(Party).where(Party.iso3.is_not(None))
                                .order_by(Party.iso3).limit(25)).all()
    ids = [i.id for i in listed(meeting, states)]
    db.session.remove()
    barrier, errors, results = threading.Barrier(2), [], []

    def officer(key: str) -> None:
        with app.app_context():
            try:
                invitations = db.session.scalars(
                    sa.select(Invitation).where(Invitation.id.in_(ids)).order_by(Invitation.id)
                ).all()
                barrier.wait(timeout=10)
                results.append(len(note_service.issue(list(invitations), ACTOR, base_url=BASE,
                                                      send=True, key=key, only_listed=True)))
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=officer, args=(key,)) for key in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(results) == [0, 25]  # the second waited, then found them issued
    per_invitation = db.session.execute(sa.select(Note.invitation_id, sa.func.count())
                                        .group_by(Note.invitation_id)).all()
    assert len(per_invitation) == 25 and {n for _, n in per_invitation} == {1}
    assert count(OutboxMessage) == 25


def test_a_double_click_on_one_note_issues_once_even_at_the_same_instant(
    app, registry, secretariat, make_meeting
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent issuing is checked on PostgreSQL (the CI runs both databases)")
    meeting = make_meeting(secretariat)
    [austria] = listed(meeting, [party_by_iso3("AUT")])
    austria_id = austria.id
    db.session.remove()
    barrier, outcomes = threading.Barrier(2), []

    def click() -> None:
        with app.app_context():
            try:
                invitation = db.session.get(Invitation, austria_id)
                barrier.wait(timeout=10)
                note_service.issue([invitation], ACTOR, base_url=BASE, key="same-form",
                                   dated=date(2012, 8, 15),
                                   expected={austria_id: None})
                db.session.commit()
                outcomes.append("issued")
            except note_service.AlreadyIssued as already:
                outcomes.append([n.reference for n in already.notes])
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes, key=str) == [["CU 2012/150(A)/DTA/CEB/CSS"], "issued"]
    assert count(Note) == 1


def test_the_correction_form_posted_twice_issues_one_correction(
    client, officer, registry, secretariat, make_meeting
):
    meeting = make_meeting(secretariat, "em")
    [austria] = listed(meeting, [party_by_iso3("AUT")])
    [note] = note_service.issue([austria], ACTOR, base_url=BASE, dated=date(2012, 8, 15))
    db.session.commit()
    page = client.get(f"/secretariat/notes/{note.id}").get_data(as_text=True)
    form = {"issue_key": hidden(page, "issue_key"), "dated": "2012-08-16",
            "issued_reference": hidden(page, "issued_reference")}
    client.post(f"/secretariat/notes/{note.id}/correct", data=form)
    again = client.post(f"/secretariat/notes/{note.id}/correct", data=form,
                        follow_redirects=True)
    assert "Already issued, nothing issued again: CU 2012/151(A)/DTA/CEB/CSS." in text_of(again)
    assert count(Note) == 2
