"""The documents a note says are attached go with its e-mail, within the secretariat's limit; the
others the note gives by their address, in its own words, and a retry sends the same files."""
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    InvitationCategory,
    MeetingStatus,
    OutboxAttachment,
    OutboxMessage,
    OutboxStatus,
    StoredFile,
)
from meetings.services import enclosures
from meetings.services import meetings as meeting_service
from meetings.services import notes as note_service
from meetings.services.audit import Actor
from meetings.services.demo import demo_pdf
from meetings.services.files import DOCX, PDF, checked_file
from meetings.services.invitations import invite
from meetings.services.outbox import deliver
from tests.helpers import docx_text, party_by_iso3

ACTOR = Actor.system("test")
BASE = "https://meetings.example.org"
WEBSITE = "https://www.unodc.org/unodc/en/treaties/CAC/em-internationalcooperation.html"


@pytest.fixture
def secretariat(make_secretariat):
    return make_secretariat("unodc", reference_pattern="CU {year}/{seq}(A)/DTA/CEB/CSS",
                            reference_next=150, email="UNCAC.COP@unodc.org", note_closing=False)


@pytest.fixture
def meeting(registry, secretariat, make_meeting):
    meeting = make_meeting(secretariat, status=MeetingStatus.ANNOUNCED)
    meeting_service.add_document(meeting, "Information for participants", ACTOR,
                                 file=demo_pdf("Information for participants", 4),
                                 attached_to_note=True)
    meeting_service.add_document(meeting, "Annotated provisional agenda", ACTOR,
                                 file=demo_pdf("Annotated provisional agenda", 6),
                                 url=WEBSITE, attached_to_note=True)
    meeting_service.add_document(meeting, "Report of the previous meeting", ACTOR,
                                 file=demo_pdf("Report", 2))  # not for the note
    db.session.commit()
    return meeting


def invited(meeting, *codes):
    invitations = [invite(meeting, party_by_iso3(code), InvitationCategory.STATE_PARTY, ACTOR,
                          language="en", emails=[f"{code.lower()}@example.org"])
                   for code in codes]
    db.session.commit()
    return invitations


def files_of(message):
    return [(part.get_filename(), part.get_content_type(), part.get_content())
            for part in message.iter_attachments()]


def test_the_mission_receives_the_note_and_each_document_it_says_is_attached(meeting, mailbox):
    [invitation] = invited(meeting, "AUT")
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    assert "The following documents are attached hereto: Information for participants; " \
           "Annotated provisional agenda." in note.text
    assert "not attached" not in note.text and "Report" not in note.text
    assert deliver()["sent"] == 1
    [message] = mailbox.messages
    documents = {d.title: d.file for d in meeting.documents}
    files = files_of(message)
    assert [(name, kind) for name, kind, _ in files] == [
        (note_service.file_name(note, "docx"), DOCX.content_type),
        ("Information for participants.pdf", "application/pdf"),
        ("Annotated provisional agenda.pdf", "application/pdf")]
    assert files[1][2] == documents["Information for participants"].data
    assert files[2][2] == documents["Annotated provisional agenda"].data
    assert docx_text(files[0][2]) == note_service.as_text(note, reveal=True)  # the note itself


def test_a_document_over_the_limit_stays_behind_and_the_note_says_where_it_is(
        meeting, secretariat, mailbox):
    agenda = next(d for d in meeting.documents if d.title.startswith("Annotated"))
    information = next(d for d in meeting.documents if d.title.startswith("Information"))
    big = checked_file("agenda.pdf", b"%PDF-1.4\n" + b"0" * 1_100_000, (PDF,), 2_000_000)
    db.session.add(big)
    agenda.file = big
    secretariat.attachments_max_mb = 1
    db.session.commit()
    [invitation] = invited(meeting, "AUT")
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    assert "The following documents are attached hereto: Information for participants." \
        in note.text
    assert ("The following documents are not attached and are available at the addresses "
            f"indicated: Annotated provisional agenda: {WEBSITE}.") in note.text
    deliver()
    [message] = mailbox.messages
    names = [name for name, _, _ in files_of(message)]
    assert names[1:] == ["Information for participants.pdf"]
    # A file with no address of its own is given by its place on the meeting's public page.
    agenda.url = None
    db.session.commit()
    [invitation] = invited(meeting, "NLD")
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE)
    assert (f"Annotated provisional agenda: {BASE}/meetings/{meeting.slug}/documents/"
            f"{agenda.id}.") in note.text
    # Nothing fits at all: no "attached hereto", every document by address.
    secretariat.attachments_max_mb = 0
    [invitation] = invited(meeting, "FRA")
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE)
    assert "attached hereto" not in note.text and note.enclosures == []
    assert f"Information for participants: {BASE}/meetings/{meeting.slug}/documents/" \
           f"{information.id}" in note.text


@pytest.mark.parametrize(("code", "language", "words"), [
    ("AUT", "en", "The following documents are not attached and are available at the addresses "
                  "indicated: Information for participants: "),
    ("FRA", "fr", "Les documents suivants ne sont pas joints et peuvent être consultés aux "
                  "adresses indiquées"),
    ("ESP", "es", "Los documentos siguientes no se adjuntan y pueden consultarse en las "
                  "direcciones indicadas: información para los participantes: "),
    ("RUS", "ru", "Следующие документы не прилагаются; с ними можно ознакомиться по указанным "
                  "адресам: информация для участников: "),
    ("EGY", "ar", "ولا تُرفق الوثائق التالية، ويمكن الاطلاع عليها في العناوين المبيّنة"),
    ("CHN", "zh", "下列文件未随附，可在所示网址查阅：与会者须知："),
])
def test_every_language_says_where_a_document_that_is_not_attached_can_be_found(
        demo_read_only, code, language, words):
    from tests.test_notes import invitation_of

    invitation = invitation_of(code)
    invitation.meeting.secretariat.attachments_max_mb = 0
    try:
        text = note_service.draft(invitation, language, base_url=BASE).text
    finally:
        db.session.rollback()
    assert words in text
    assert "attached hereto" not in text and "Les documents suivants sont joints" not in text
    assert text.count("http://www.unodc.org/unodc/en/treaties/CAC/em-internationalcooperation") \
        == 3  # each document's address, and the website's paragraph


def test_the_demo_notes_carry_their_documents(demo_read_only):
    from meetings.services.demo import SLUGS
    from tests.test_notes import invitation_of

    unodc = note_service.draft(invitation_of("AUT"), "en", base_url=BASE)
    assert [e.filename for e in unodc.enclosures.attached] == [
        "Information for participants.pdf",
        "Annotated provisional agenda and proposed organization of work.pdf"]
    assert "are attached hereto: Information for participants; Annotated" in unodc.text
    cica = note_service.draft(invitation_of("IND", SLUGS["cica_swg"]), "ru", base_url=BASE)
    [memorandum] = cica.enclosures.attached
    assert memorandum.title.startswith("Draft Memorandum of Understanding")
    assert "Приложение:\nна 9 л." in cica.text


def test_the_enclosure_line_is_printed_only_when_a_file_goes_with_the_note(meeting):
    meeting.enclosure_pages = 9
    [invitation] = invited(meeting, "AUT")
    written = note_service.draft(invitation, base_url=BASE)
    assert written.text.count("Enclosure: on 9 p.") == 1
    for document in meeting.documents:
        document.attached_to_note = False
    written = note_service.draft(invitation, base_url=BASE)
    assert "Enclosure" not in written.text and "attached hereto" not in written.text
    assert any("no document's file goes with the note" in w for w in written.warnings)
    db.session.rollback()


def test_a_retry_sends_the_same_files_even_after_the_meeting_changed(app, meeting, mailbox):
    [invitation] = invited(meeting, "AUT")
    note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 1  # nothing listens there
    assert deliver() == {"sent": 0, "retry": 1, "failed": 0}
    app.config["MAIL_PORT"] = port
    before = [(a.filename, a.file_id) for a in db.session.scalars(
        sa.select(OutboxAttachment).order_by(OutboxAttachment.position))]
    # Meanwhile the officer removes a document and uploads a new agenda.
    information = next(d for d in meeting.documents if d.title.startswith("Information"))
    meeting_service.remove_document(information, ACTOR)
    agenda = next(d for d in meeting.documents if d.title.startswith("Annotated"))
    agenda.file = demo_pdf("Revised agenda", 7)
    message = db.session.scalar(sa.select(OutboxMessage))
    message.next_attempt_at = message.created_at  # the retry falls due
    db.session.commit()
    assert deliver()["sent"] == 1
    [sent] = mailbox.messages
    files = files_of(sent)[1:]
    stored = {f.id: f.data for f in db.session.scalars(sa.select(StoredFile))}
    assert [(name, stored[file_id]) for name, file_id in before] == [(n, d) for n, _, d in files]
    assert b"Revised" not in b"".join(d for _, _, d in files)


def test_one_governments_email_carries_only_its_own_note(meeting, mailbox):
    invitations = invited(meeting, "AUT", "NLD", "FRA")
    notes = note_service.issue(invitations, ACTOR, base_url=BASE, send=True)
    db.session.commit()
    assert deliver()["sent"] == 3
    by_reference = {n.reference: n for n in notes}
    assert len(mailbox.messages) == 3
    for message in mailbox.messages:
        [reference] = [r for r in by_reference if r in message["Subject"]]
        note = by_reference[reference]
        assert message["To"] == note.invitation.emails[0]
        files = files_of(message)
        words = [data for name, _, data in files if name.endswith(".docx")]
        assert [name for name, _, _ in files if name.endswith(".docx")] == \
            [note_service.file_name(note, "docx")]
        assert docx_text(words[0]) == note_service.as_text(note, reveal=True)
        assert note.addressee in docx_text(words[0])
        assert not any(other.addressee in docx_text(words[0]) for other in notes
                       if other is not note)
        assert sum(name.endswith(".pdf") for name, _, _ in files) == 2


def test_the_plan_names_files_once_and_counts_the_total(meeting):
    information = next(d for d in meeting.documents if d.title.startswith("Information"))
    agenda = next(d for d in meeting.documents if d.title.startswith("Annotated"))
    agenda.file.filename = information.file.filename
    plan = enclosures.plan(meeting, BASE)
    assert [e.filename for e in plan.attached] == ["Information for participants.pdf",
                                                  "Information for participants (2).pdf"]
    assert plan.total == information.file.size + agenda.file.size
    assert plan.limit_bytes == 10 * 1_048_576
    db.session.rollback()


def test_outbox_rows_refer_to_the_stored_files_not_copies(meeting):
    [invitation] = invited(meeting, "AUT")
    note_service.issue([invitation], ACTOR, base_url=BASE, send=True)
    db.session.commit()
    rows = db.session.scalars(sa.select(OutboxAttachment).order_by(OutboxAttachment.position))
    files = {d.file_id for d in meeting.documents if d.attached_to_note}
    assert {r.file_id for r in rows} == files
    assert db.session.scalar(sa.select(OutboxMessage)).status == OutboxStatus.QUEUED


@pytest.fixture
def staff(client, secretariat, make_user, login_as):
    from meetings.models import Role

    login_as(make_user(secretariat, Role.ADMIN))
    return client


def test_the_officer_chooses_per_document_on_the_meetings_page_and_it_is_recorded(
        staff, meeting):
    from meetings.models import AuditEvent
    from tests.helpers import text_of

    page = text_of(staff.get(f"/secretariat/meetings/{meeting.slug}"))
    assert page.count("attached to the e-mail as a file") == 2 and "not sent" in page
    assert "A note issued now carries 2 documents with its e-mail" in page
    report = next(d for d in meeting.documents if d.title.startswith("Report"))
    response = staff.post(f"/secretariat/meetings/{meeting.slug}/documents/{report.id}/with-note",
                          data={"attached": "1"}, follow_redirects=True)
    assert "“Report of the previous meeting” goes with the notes issued from now on." \
        in text_of(response)
    assert "A note issued now carries 3 documents" in text_of(response)
    db.session.expire_all()
    assert report.attached_to_note is True
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "document changed"))
    assert event.changes["attached_to_note"] == [False, True]
    history = text_of(staff.get(f"/secretariat/meetings/{meeting.slug}/history"))
    assert "Document “Report of the previous meeting”: changed" in history
    assert "sent with the note: no → yes" in history
    staff.post(f"/secretariat/meetings/{meeting.slug}/documents/{report.id}/with-note",
               data={"attached": "0"})
    db.session.expire_all()
    assert report.attached_to_note is False


def test_the_note_pages_say_which_files_go_with_the_email_and_their_size(staff, meeting,
                                                                        secretariat):
    from tests.helpers import text_of

    secretariat.attachments_max_mb = 0
    [invitation] = invited(meeting, "AUT")
    preview = text_of(staff.get(f"/secretariat/invitations/{invitation.id}/note"))
    assert "Files with the e-mail: the note (Word (.docx)). No document goes with it." in preview
    assert f"Annotated provisional agenda — over the limit: {WEBSITE}" in preview
    secretariat.attachments_max_mb = 10
    db.session.commit()
    preview = text_of(staff.get(f"/secretariat/invitations/{invitation.id}/note"))
    sizes = [d.file.size for d in meeting.documents if d.attached_to_note]
    total = enclosures.size_words(sum(sizes))
    assert ("Files with the e-mail: the note (Word (.docx)); Information for participants.pdf "
            f"({enclosures.size_words(sizes[0])}); Annotated provisional agenda.pdf") in preview
    assert f"Documents: {total} of the limit of 10.0 MB." in preview
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE)
    db.session.commit()
    page = text_of(staff.get(f"/secretariat/notes/{note.id}"))
    assert (f"Files with the e-mail The note (Word (.docx)); Information for participants.pdf "
            f"({enclosures.size_words(sizes[0])}); Annotated provisional agenda.pdf "
            f"({enclosures.size_words(sizes[1])}) — documents {total} in all") in page


def test_the_limit_is_a_setting_checked_and_recorded(staff, secretariat):
    from meetings.models import AuditEvent
    from tests.helpers import text_of
    from tests.test_secretariat_settings import settings_form

    page = text_of(staff.get("/secretariat/secretariats/unodc/settings"))
    assert "Documents sent with a note's e-mail, at most (MB)" in page
    too_much = staff.post("/secretariat/secretariats/unodc/settings",
                          data=settings_form(secretariat, attachments_max_mb="26"))
    assert too_much.status_code == 422
    assert "Number must be between 0 and 25." in text_of(too_much)
    assert staff.post("/secretariat/secretariats/unodc/settings",
                      data=settings_form(secretariat, attachments_max_mb="3")).status_code == 302
    db.session.expire_all()
    assert secretariat.attachments_max_mb == 3
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "settings changed"))
    assert event.changes["attachments_max_mb"] == [10, 3]
    # Left out of the form (an older page), the setting stays as it is.
    assert staff.post("/secretariat/secretariats/unodc/settings",
                      data=settings_form(secretariat)).status_code == 302
    db.session.expire_all()
    assert secretariat.attachments_max_mb == 3


def test_a_draft_meeting_warns_that_its_public_addresses_work_once_announced(meeting,
                                                                            secretariat):
    secretariat.attachments_max_mb = 0
    [invitation] = invited(meeting, "AUT")
    meeting.status = MeetingStatus.DRAFT
    warned = note_service.draft(invitation, base_url=BASE).warnings
    assert any("work once the meeting is announced" in w for w in warned)
    meeting.status = MeetingStatus.ANNOUNCED
    assert not any("announced" in w for w in note_service.draft(invitation, base_url=BASE).warnings)
    db.session.rollback()
