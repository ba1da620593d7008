"""Issued notes are numbered once, frozen, corrected by new notes, and mailed through the outbox."""
import io
import threading
import time
import zipfile
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from meetings.drafting.templating import TemplateProblem, check, render
from meetings.extensions import db
from meetings.models import (
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    MeetingStatus,
    Note,
    OutboxMessage,
    OutboxStatus,
    Party,
    Role,
    Secretariat,
)
from meetings.services import notes as note_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.outbox import deliver
from meetings.services.references import format_reference, pattern_problem
from tests.helpers import docx_text, party_by_iso3, text_of

ACTOR = Actor.system("test")
BASE = "https://meetings.example.org"


@pytest.fixture
def secretariat(make_secretariat):
    return make_secretariat("unodc", reference_pattern="CU {year}/{seq}(A)/DTA/CEB/CSS",
                            reference_next=150, email="UNCAC.COP@unodc.org",
                            postal_address="P.O. Box 500\n1400 Vienna\nAustria", note_closing=False)


def listed(meeting: Meeting, parties: list[Party]) -> list[Invitation]:
    from meetings.services.invitations import invite

    invitations = [invite(meeting, p, InvitationCategory.STATE_PARTY, ACTOR, language="en")
                   for p in parties]
    db.session.commit()
    return invitations


def test_references_follow_the_secretariats_pattern_and_refuse_anything_else():
    assert format_reference("CU {year}/{seq}(A)/DTA/CEB/CSS", 150, date(2012, 8, 15)) \
        == "CU 2012/150(A)/DTA/CEB/CSS"
    assert format_reference("NCT/CT/{seq:04}", 7, date(2024, 6, 12)) == "NCT/CT/0007"
    assert pattern_problem("NCT/CT/{seq}") is None
    assert pattern_problem("NCT/CT/") is not None
    assert pattern_problem("{seq}/{seq.__class__}") is not None


def test_issuing_200_notes_takes_200_consecutive_numbers(registry, secretariat, make_meeting):
    meeting = make_meeting(secretariat)
    states = db.session.scalars(sa.select(Party).where(Party.iso3.is_not(None))
                                .order_by(Party.iso3).limit(200)).all()
    invitations = listed(meeting, states[:195])
    started = time.perf_counter()
    issued = note_service.issue(invitations, ACTOR, base_url=BASE, dated=date(2012, 8, 15))
    db.session.commit()
    elapsed = time.perf_counter() - started
    print(f"\n195 notes issued (text + HTML + docx) in {elapsed:.2f} s")
    sequences = [n.sequence for n in issued]
    assert sequences == list(range(150, 345))
    assert issued[0].reference == "CU 2012/150(A)/DTA/CEB/CSS"
    assert len({n.reference for n in issued}) == 195
    assert db.session.get(Secretariat, secretariat.id).reference_next == 345
    assert all(i.status == InvitationStatus.ISSUED and i.token_hash for i in invitations)
    assert len({i.token_hash for i in invitations}) == 195


def test_two_officers_issuing_at_once_never_get_the_same_number(
    app, registry, secretariat, make_meeting
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent issuing is checked on PostgreSQL (the CI runs both databases)")
    first, second = make_meeting(secretariat, "a"), make_meeting(secretariat, "b")
    states = db.session.scalars(sa.select(Party).where(Party.iso3.is_not(None))
                                .order_by(Party.iso3)).all()
    batches = {first.id: [i.id for i in listed(first, states[:100])],
               second.id: [i.id for i in listed(second, states[100:195])]}
    db.session.remove()
    barrier, errors = threading.Barrier(2), []

    def officer(ids: list[int]) -> None:
        with app.app_context():
            try:
                invitations = db.session.scalars(
                    sa.select(Invitation).where(Invitation.id.in_(ids)).order_by(Invitation.id)
                ).all()
                barrier.wait(timeout=10)
                note_service.issue(list(invitations), ACTOR, base_url=BASE)
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=officer, args=(ids,)) for ids in batches.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    sequences = sorted(db.session.scalars(sa.select(Note.sequence)))
    assert sequences == list(range(150, 345))  # 195 distinct, consecutive, none lost


def test_an_issued_note_never_changes_and_a_correction_refers_to_it(
    registry, secretariat, make_meeting
):
    meeting = make_meeting(secretariat, note_date=date(2012, 8, 15))
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE)
    db.session.commit()
    frozen_text, frozen_docx, first_token = note.text, note.docx, invitation.token_hash
    meeting.title = "A renamed meeting"
    db.session.commit()
    db.session.expire_all()
    note = db.session.get(Note, note.id)
    assert note.text == frozen_text and note.docx == frozen_docx
    assert "A renamed meeting" not in note.text
    correction = note_service.correct(note, ACTOR, base_url=BASE, dated=date(2012, 8, 20))
    db.session.commit()
    assert correction.reference == "CU 2012/151(A)/DTA/CEB/CSS"
    assert correction.corrects_id == note.id
    assert "with reference to its note No. CU 2012/150(A)/DTA/CEB/CSS of 15 August 2012" \
        in correction.text
    assert "a renamed meeting" in correction.text
    assert invitation.token_hash != first_token  # the first note's link stops working


def test_a_problem_with_one_invitee_stops_the_whole_list_before_any_number_is_taken(
    registry, secretariat, make_meeting
):
    meeting = make_meeting(secretariat)
    invitations = listed(meeting, [party_by_iso3("AUT"), party_by_iso3("RUS")])
    invitations[1].language = "ru"
    with pytest.raises(note_service.NoteProblem) as problem:
        note_service.issue(invitations, ACTOR, base_url=BASE)
    db.session.rollback()
    assert any("Russian Federation: missing in Russian" in p for p in problem.value.problems)
    assert db.session.scalar(sa.select(sa.func.count(Note.id))) == 0
    assert db.session.get(Secretariat, secretariat.id).reference_next == 150


HOSTILE = "<script>alert('x')</script> {{ config }} **bold** [letterhead] \u202eevil\u202c \"q\" \x07"


def test_hostile_input_is_rendered_harmlessly_in_every_format(registry, secretariat,
                                                              make_meeting):
    meeting = make_meeting(secretariat, slug="hostile")
    meeting.title = HOSTILE  # the service refuses the control character; old data may have it
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    invitation.addressee = f"Permanent Mission {HOSTILE}"
    written = note_service.draft(invitation, "en")
    assert "<script>alert('x')</script> {{ config }} **bold** [letterhead] \u202eevil\u202c" \
        in written.text
    assert "\x07" not in written.text
    html = written.html
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<strong>bold</strong>" not in html
    assert html.count('<p class="letterhead">') == 1
    assert docx_text(written.docx) == written.text


def test_templates_are_sandboxed_and_unknown_placeholders_name_their_line():
    context = {"meeting": {"title": "T"}, "sender": "S"}
    with pytest.raises(TemplateProblem) as unknown:
        check("{{ sender }}\n\n{{ meeting.titel }}", context)
    assert unknown.value.line == 3 and "“meeting” has no “titel”" in str(unknown.value)
    with pytest.raises(TemplateProblem) as missing:
        check("line one\n{{ nope }}", context)
    assert (missing.value.line, missing.value.message) == (2, "there is no placeholder “nope”")
    with pytest.raises(TemplateProblem):
        render("{{ sender.__class__.__mro__[1].__subclasses__() }}", context)
    with pytest.raises(TemplateProblem):
        render("{{ sender.upper.__globals__ }}", context)


def test_the_whole_list_comes_as_one_zip_named_by_reference_and_party(
    client, registry, secretariat, make_meeting, make_user, login_as
):
    meeting = make_meeting(secretariat, slug="em")
    listed(meeting, [party_by_iso3("AUT"), party_by_iso3("NLD"), party_by_iso3("CIV")])
    login_as(make_user(secretariat, Role.OFFICER))
    response = client.post("/secretariat/meetings/em/notes/issue", follow_redirects=True)
    year = date.today().year  # no note date set: dated today at the venue
    assert f"3 notes issued, CU {year}/150(A)/DTA/CEB/CSS to CU {year}/152(A)/DTA/CEB/CSS." \
        in text_of(response)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/secretariat/meetings/em/notes.zip").data))
    names = sorted(archive.namelist())
    assert len(names) == 3 and all(n.endswith(".docx") for n in names)
    assert names[0] == f"CU_{year}_150(A)_DTA_CEB_CSS_Austria.docx"
    # numbers follow the list as shown (UN order): Côte d'Ivoire before the Netherlands
    assert names[1] == f"CU_{year}_151(A)_DTA_CEB_CSS_Cote_d_Ivoire.docx"
    assert names[2] == f"CU_{year}_152(A)_DTA_CEB_CSS_Netherlands.docx"
    text_zip = zipfile.ZipFile(io.BytesIO(
        client.get("/secretariat/meetings/em/notes.zip?format=text").data))
    assert all("Reference: CU" in text_zip.read(n).decode() for n in text_zip.namelist())


def test_the_template_editor_shows_the_line_of_a_mistake_and_keeps_the_text(
    client, registry, secretariat, make_meeting, make_user, login_as
):
    make_meeting(secretariat, slug="em")
    login_as(make_user(secretariat, Role.OFFICER))
    page = text_of(client.get("/secretariat/meetings/em/templates/ar"))
    assert "To be reviewed by the secretariat." in page
    response = client.post("/secretariat/meetings/em/templates/en",
                           data={"body": "{{ sender }} presents\n\n{{ meeting.venue_hall }}"})
    assert response.status_code == 422
    assert "Line 3: “meeting” has no “venue_hall”" in text_of(response)
    assert "{{ meeting.venue_hall }}" in response.get_data(as_text=True)
    ok = client.post("/secretariat/meetings/em/templates/en",
                     data={"body": "{{ sender }} presents {{ his }} compliments.\n\n"
                                   "[addressee] {{ addressee_block }}"})
    assert ok.status_code == 302
    assert "To be reviewed by the secretariat." in text_of(
        client.get("/secretariat/meetings/em/templates/en"))
    client.post("/secretariat/meetings/em/templates/en/review")
    assert "Reviewed." in text_of(client.get("/secretariat/meetings/em/templates/en"))


def test_issued_notes_are_mailed_with_the_word_file_through_a_real_smtp_server(
    registry, secretariat, make_meeting, mailbox
):
    meeting = make_meeting(secretariat)
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    invitation.emails = ["pm.vienna@example.org"]
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    assert mailbox.messages == []  # nothing leaves before delivery runs, after the commit
    assert deliver() == {"sent": 1, "retry": 0, "failed": 0}
    [message] = mailbox.messages
    assert message["To"] == "pm.vienna@example.org"
    assert message["Subject"] == f"Note verbale {note.reference}: {meeting.title}"
    assert message["Reply-To"] == "UNCAC.COP@unodc.org"
    assert "has the honour" in message.get_body(("plain",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename().endswith("Austria.docx")
    assert docx_text(attachment.get_content()) == note_service.as_text(note, reveal=True)
    assert "/register/" + private_links.registration_secret(invitation) in docx_text(
        attachment.get_content())  # the live link is filled in as the e-mail leaves
    assert db.session.scalar(sa.select(OutboxMessage)).status == OutboxStatus.SENT
    assert deliver() == {"sent": 0, "retry": 0, "failed": 0}  # sent once


def test_a_failing_smtp_server_loses_nothing_and_the_message_is_retried(
    app, registry, secretariat, make_meeting, mailbox
):
    meeting = make_meeting(secretariat)
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    invitation.emails = ["pm.vienna@example.org"]
    note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1  # nothing listens there
    assert deliver() == {"sent": 0, "retry": 1, "failed": 0}
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.status == OutboxStatus.QUEUED and message.attempts == 1
    assert "cannot reach the SMTP server" in message.last_error
    app.config["MAIL_PORT"] = port
    message.next_attempt_at = message.created_at  # the retry falls due
    db.session.commit()
    assert deliver()["sent"] == 1 and len(mailbox.messages) == 1


def test_two_senders_never_send_the_same_message(app, registry, secretariat, make_meeting,
                                                 mailbox):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("row locking between instances is checked on PostgreSQL")
    meeting = make_meeting(secretariat)
    invitations = listed(meeting, [party_by_iso3(c) for c in ["AUT", "NLD", "FRA", "ESP"]])
    for invitation in invitations:
        invitation.emails = [f"{invitation.party.iso3.lower()}@example.org"]
    note_service.issue(invitations, ACTOR, base_url=BASE, send=True)
    db.session.commit()
    other = db.engine.connect()
    locked = other.begin()
    held = other.execute(sa.text(
        "SELECT id FROM outbox_messages ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED")).all()
    assert deliver()["sent"] == 2  # the two rows another instance holds are skipped
    locked.rollback()
    other.close()
    assert deliver()["sent"] == 2
    recipients = sorted(m["To"] for m in mailbox.messages)
    assert recipients == ["aut@example.org", "esp@example.org", "fra@example.org",
                          "nld@example.org"]
    assert len(held) == 2


def test_the_embedded_service_sends_its_own_mail(app, registry, secretariat, make_meeting,
                                                 mailbox):
    from meetings.worker import start_outbox_worker

    meeting = make_meeting(secretariat)
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    invitation.emails = ["pm.vienna@example.org"]
    note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    worker = start_outbox_worker(app, interval=0.1)
    try:
        for _ in range(100):
            if mailbox.messages:
                break
            time.sleep(0.05)
    finally:
        worker.stop.set()
        worker.join(timeout=5)
    assert len(mailbox.messages) == 1


def test_a_message_refused_for_good_can_be_sent_again_by_an_officer(
    app, client, registry, secretariat, make_meeting, make_user, login_as, mailbox
):
    from meetings.services import outbox

    meeting = make_meeting(secretariat)
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    invitation.emails = ["pm.vienna@example.org"]
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    message = db.session.scalar(sa.select(OutboxMessage))
    message.attempts = outbox.MAX_ATTEMPTS - 1
    db.session.commit()
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1
    assert deliver() == {"sent": 0, "retry": 0, "failed": 1}
    app.config["MAIL_PORT"] = port
    login_as(make_user(secretariat, Role.OFFICER))
    assert "Send again" in text_of(client.get(f"/secretariat/notes/{note.id}"))
    client.post(f"/secretariat/notes/{note.id}/messages/{message.id}/retry")
    assert deliver()["sent"] == 1 and len(mailbox.messages) == 1


def test_a_pattern_that_cannot_number_notes_stops_issuing_before_a_number_is_taken(
    registry, secretariat, make_meeting
):
    secretariat.reference_pattern = "CU {year}/(A)/DTA"  # no {seq}
    meeting = make_meeting(secretariat)
    [invitation] = listed(meeting, [party_by_iso3("AUT")])
    with pytest.raises(note_service.NoteProblem) as problem:
        note_service.issue([invitation], ACTOR, base_url=BASE)
    db.session.rollback()
    assert "reference pattern cannot number notes" in problem.value.problems[0]
    assert db.session.get(Secretariat, secretariat.id).reference_next == 150


def test_an_officer_issuing_before_registration_opens_is_told_so_first(
    app, client, registry, secretariat, make_meeting, make_user, login_as
):
    meeting = make_meeting(secretariat, slug="em", registration_opens_on=date(2012, 9, 1),
                           status=MeetingStatus.ANNOUNCED)
    listed(meeting, [party_by_iso3("AUT")])
    login_as(make_user(secretariat, Role.OFFICER))
    app.config["FIXED_NOW"] = datetime(2012, 8, 15, 9, 0, tzinfo=timezone.utc)
    page = text_of(client.get("/secretariat/meetings/em/notes"))
    assert "Registration opens on 1 September 2012 (Europe/Vienna)" in page
    app.config["FIXED_NOW"] = datetime(2012, 9, 2, 9, 0, tzinfo=timezone.utc)
    assert "Registration opens on" not in text_of(client.get("/secretariat/meetings/em/notes"))
