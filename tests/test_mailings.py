"""Ways of numbering and addressing a mailing: one note per addressee, one number with the mark of
each category, or one circular note; counters per year; numbers in the order of the list."""
import io
import re
import threading
import zipfile
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    Note,
    OutboxMessage,
    Party,
    Secretariat,
)
from meetings.services import notes as note_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.demo import SLUGS
from meetings.services.invitations import invite
from meetings.services.outbox import _email
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
BASE = "https://meetings.example.org"


def meeting_by_slug(slug: str) -> Meeting:
    return db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))


def listed_invitations(meeting: Meeting) -> list[Invitation]:
    return list(db.session.scalars(sa.select(Invitation).where(
        Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.LISTED)))


def test_the_cica_note_708_is_one_circular_note_in_english_russian_and_kazakh(demo):
    meeting = meeting_by_slug(SLUGS["cica_swg"])
    invitations = listed_invitations(meeting)
    assert len(invitations) == 18
    for invitation in invitations[:3]:
        invitation.emails = [f"mfa.{invitation.party.iso3.lower()}@example.org"]
    before = db.session.scalar(sa.select(sa.func.max(OutboxMessage.id))) or 0
    notes = note_service.issue(invitations, ACTOR, base_url=BASE, send=True)
    db.session.commit()

    assert [n.language for n in notes] == ["en", "ru", "kk"]
    assert {n.reference for n in notes} == {"NCT/CT/708"}
    assert {n.sequence for n in notes} == {708}
    assert all(n.invitation is None and n.numbering == "circular" for n in notes)
    assert db.session.get(Secretariat, meeting.secretariat_id).reference_next == 709
    english, russian, kazakh = (n.text for n in notes)
    assert "presents its compliments to the CICA Member States" in english
    assert english.rstrip().endswith("MEMBER STATES\nOF THE CONFERENCE ON INTERACTION\n"
                                     "AND CONFIDENCE BUILDING MEASURES\nIN ASIA")
    assert "свидетельствует свое уважение государствам-членам СВМДА" in russian
    assert "ГОСУДАРСТВА-ЧЛЕНЫ\nСОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ" in russian
    assert "Азия Кеңесіне мүше мемлекеттерге" in kazakh
    assert "СЕНІМ ШАРАЛАРЫ КЕҢЕСІНЕ\nМҮШЕ МЕМЛЕКЕТТЕР" in kazakh
    assert "№NCT/CT/708" in english and "№NCT/CT/708" in russian
    # the shared text holds no government's link
    assert all("/register/" not in n.text and private_links.REGISTRATION_MARKER not in n.text
               for n in notes)
    # every government of the list received it, under the one number, with its own link
    db.session.expire_all()
    assert {(i.reference, i.status) for i in listed_or_issued(meeting)} == {
        ("NCT/CT/708", InvitationStatus.ISSUED)}
    messages = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.id > before)
                                  .order_by(OutboxMessage.id)).all()
    assert len(messages) == 3
    bodies = []
    for message in messages:
        invitation = db.session.get(Invitation, message.invitation_id)
        note = db.session.get(Note, message.note_id)
        assert note.language == invitation.language
        email = _email(message, "cica@example.org")
        body = email.get_body(("plain",)).get_content()
        secret = private_links.registration_secret(invitation)
        assert f"{BASE}/register/{secret}" in body
        assert private_links.reading_code(secret) in body
        assert note.text.strip() in body
        bodies.append(body)
    assert len({re.search(r"/register/(\S+)", b).group(1) for b in bodies}) == 3


def listed_or_issued(meeting: Meeting) -> list[Invitation]:
    return list(db.session.scalars(sa.select(Invitation).where(
        Invitation.meeting_id == meeting.id)))


def test_the_unodc_mailing_takes_one_number_with_a_for_states_parties_and_b_for_signatories(
    demo, client, login_as
):
    # The demo issued the UNODC list as one mailing, as the secretariat numbers it.
    meeting = meeting_by_slug(SLUGS["uncac_expert_meeting"])
    notes = note_service.meeting_notes(meeting)
    invitations = [n.invitation for n in notes]

    assert len(notes) == 34
    assert {n.sequence for n in notes} == {150}
    by_category = {}
    for note in notes:
        by_category.setdefault(note.invitation.category, set()).add(note.reference)
    assert by_category[InvitationCategory.STATE_PARTY] == {"CU 2012/150(A)/DTA/CEB/CSS"}
    assert by_category[InvitationCategory.SIGNATORY_STATE] == {"CU 2012/150(B)/DTA/CEB/CSS"}
    assert db.session.get(Secretariat, meeting.secretariat_id).reference_next == 151
    # each addressee its own copy and its own private link, copies in the order of the list
    in_copy_order = sorted(notes, key=lambda n: n.copy)
    assert [n.copy for n in in_copy_order] == list(range(1, len(notes) + 1))
    assert [n.invitation_id for n in in_copy_order] == \
        [i.id for i in note_service.list_order(invitations)]
    assert len({n.invitation.token_hash for n in notes}) == len(notes)
    austria = next(n for n in notes if n.invitation.party.iso3 == "AUT")
    assert "Reference: CU 2012/150(A)/DTA/CEB/CSS" in austria.text
    assert private_links.REGISTRATION_MARKER in austria.text


def test_a_mailing_can_choose_another_way_than_the_secretariats(
    demo, client, login_as, make_user
):
    from meetings.models import Role

    meeting = meeting_by_slug(SLUGS["cica_swg"])  # CICA sends circulars
    login_as(make_user(meeting.secretariat, Role.OFFICER))
    page = client.get(f"/secretariat/meetings/{meeting.slug}/notes")
    assert 'value="circular" selected' in page.get_data(as_text=True)
    response = client.post(f"/secretariat/meetings/{meeting.slug}/notes/issue",
                           data={"numbering": "individual"}, follow_redirects=True)
    assert response.status_code == 200
    sequences = sorted(n.sequence for n in note_service.meeting_notes(meeting))
    assert sequences == list(range(708, 708 + 18))


def ots_secretariat(make_secretariat, **values) -> Secretariat:
    return make_secretariat("ots", city="Istanbul", timezone="Asia/Almaty",
                            reference_pattern="OTS/{year}/{seq}", reference_next=41, **values)


def issue_one(meeting: Meeting, iso3: str) -> Note:
    invitation = invite(meeting, party_by_iso3(iso3), InvitationCategory.MEMBER_STATE, ACTOR,
                        language="en")
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE)
    db.session.commit()
    return note


def test_the_counter_of_a_year_restarts_on_1_january_in_the_secretariats_zone(
    app, registry, make_secretariat, make_meeting
):
    ots = ots_secretariat(make_secretariat)
    meeting = make_meeting(ots)
    # 31 December 2026, 23:00 in Almaty (18:00 UTC): still 2026
    app.config["FIXED_NOW"] = datetime(2026, 12, 31, 18, 0, tzinfo=timezone.utc)
    assert issue_one(meeting, "AZE").reference == "OTS/2026/41"
    assert issue_one(meeting, "KAZ").reference == "OTS/2026/42"
    # 00:30 on 1 January 2027 in Almaty, still 31 December in London and on the server
    app.config["FIXED_NOW"] = datetime(2026, 12, 31, 19, 30, tzinfo=timezone.utc)
    assert issue_one(meeting, "KGZ").reference == "OTS/2027/1"
    assert issue_one(meeting, "TUR").reference == "OTS/2027/2"
    ots = db.session.get(Secretariat, ots.id)
    assert (ots.reference_year, ots.reference_next) == (2027, 3)
    # a note dated back in the year the counter has left cannot take a number again
    invitation = invite(meeting, party_by_iso3("UZB"), InvitationCategory.MEMBER_STATE, ACTOR,
                        language="en")
    with pytest.raises(note_service.NoteProblem, match="already numbers the notes of 2027"):
        note_service.issue([invitation], ACTOR, base_url=BASE, dated=date(2026, 12, 30))


def test_a_secretariat_may_keep_one_counter_across_the_years(
    app, registry, make_secretariat, make_meeting
):
    ots = ots_secretariat(make_secretariat, counter_per_year=False)
    meeting = make_meeting(ots)
    app.config["FIXED_NOW"] = datetime(2026, 12, 31, 18, 0, tzinfo=timezone.utc)
    assert issue_one(meeting, "AZE").reference == "OTS/2026/41"
    app.config["FIXED_NOW"] = datetime(2026, 12, 31, 19, 30, tzinfo=timezone.utc)
    assert issue_one(meeting, "KGZ").reference == "OTS/2027/42"


def test_numbers_follow_the_list_as_shown_by_category_then_un_order(
    registry, make_secretariat, make_meeting
):
    unodc = make_secretariat("unodc", reference_pattern="CU {year}/{seq}/DTA", reference_next=7)
    meeting = make_meeting(unodc)
    invitations = [invite(meeting, party_by_iso3(iso3), category, ACTOR, language="en")
                   for iso3, category in (("AUT", InvitationCategory.SIGNATORY_STATE),
                                          ("NLD", InvitationCategory.STATE_PARTY),
                                          ("CIV", InvitationCategory.STATE_PARTY))]
    notes = note_service.issue(invitations, ACTOR, base_url=BASE, dated=date(2012, 8, 15))
    assert [(n.invitation.party.iso3, n.reference) for n in notes] == [
        ("CIV", "CU 2012/7/DTA"), ("NLD", "CU 2012/8/DTA"), ("AUT", "CU 2012/9/DTA")]


def test_a_mailing_with_marks_needs_a_mark_for_every_category_before_taking_a_number(
    registry, make_secretariat, make_meeting
):
    unodc = make_secretariat("unodc", reference_pattern="CU {year}/{seq}({category_mark})",
                             reference_next=150, category_marks={"state_party": "A"})
    meeting = make_meeting(unodc)
    invitations = [invite(meeting, party_by_iso3("AUT"), InvitationCategory.SIGNATORY_STATE,
                          ACTOR, language="en")]
    with pytest.raises(note_service.NoteProblem, match="No mark for the category"):
        note_service.issue(invitations, ACTOR, base_url=BASE, numbering="category_mark")
    assert db.session.get(Secretariat, unodc.id).reference_next == 150


def test_two_officers_issuing_mailings_at_once_never_share_a_number(
    app, registry, make_secretariat, make_meeting
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("concurrent issuing is checked on PostgreSQL (the CI runs both databases)")
    unodc = make_secretariat("unodc", reference_pattern="CU {year}/{seq}({category_mark})",
                             reference_next=150, numbering="category_mark",
                             category_marks={"state_party": "A"})
    meetings = [make_meeting(unodc, f"m{n}") for n in range(4)]
    states = db.session.scalars(sa.select(Party).where(Party.iso3.is_not(None))
                                .order_by(Party.iso3).limit(40)).all()
    batches = []
    for n, meeting in enumerate(meetings):
        batches.append([invite(meeting, party, InvitationCategory.STATE_PARTY, ACTOR,
                               language="en").id for party in states[n * 10:(n + 1) * 10]])
    db.session.commit()
    db.session.remove()
    barrier, errors = threading.Barrier(len(batches)), []

    def officer(ids: list[int]) -> None:
        with app.app_context():
            try:
                invitations = db.session.scalars(
                    sa.select(Invitation).where(Invitation.id.in_(ids))).all()
                barrier.wait(timeout=10)
                note_service.issue(list(invitations), ACTOR, base_url=BASE,
                                   dated=date(2026, 3, 1))
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=officer, args=(ids,)) for ids in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = db.session.execute(sa.select(Note.meeting_id, Note.sequence)).all()
    per_meeting = {}
    for meeting_id, sequence in numbers:
        per_meeting.setdefault(meeting_id, set()).add(sequence)
    assert all(len(s) == 1 for s in per_meeting.values())  # one number per mailing
    assert sorted(s.pop() for s in per_meeting.values()) == [150, 151, 152, 153]


def test_the_bundle_of_a_circular_note_has_one_file_per_language(demo, client, login_as,
                                                                 make_user):
    from meetings.models import Role

    meeting = meeting_by_slug(SLUGS["cica_swg"])
    login_as(make_user(meeting.secretariat, Role.OFFICER))
    response = client.post(f"/secretariat/meetings/{meeting.slug}/notes/issue",
                           follow_redirects=True)
    assert "Circular note NCT/CT/708 issued in 3 languages to the 18 addressees" \
        in text_of(response)
    archive = zipfile.ZipFile(io.BytesIO(
        client.get(f"/secretariat/meetings/{meeting.slug}/notes.zip?format=text").data))
    assert sorted(archive.namelist()) == ["NCT_CT_708_en.txt", "NCT_CT_708_kk.txt",
                                          "NCT_CT_708_ru.txt"]


def test_an_administrator_sets_the_numbering_the_marks_and_the_collective_addressee(
    client, login_as, make_secretariat, make_user
):
    from meetings.models import AuditEvent, Role
    from tests.test_secretariat_settings import settings_form

    cica = make_secretariat("cica", languages=["en", "ru"], reference_pattern="NCT/CT/{seq}")
    login_as(make_user(cica, Role.ADMIN))
    page = client.get("/secretariat/secretariats/cica/settings")
    assert "Mark of the category “State party”" in text_of(page)
    preview = client.post("/secretariat/secretariats/cica/settings", data=settings_form(
        cica, reference_pattern="CU {year}/{seq}({category_mark})/DTA", mark_state_party="A",
        action="preview"))
    assert re.search(r"The next note will be numbered CU 20\d\d/\d+\(A\)/DTA", text_of(preview))
    saved = client.post("/secretariat/secretariats/cica/settings", data=settings_form(
        cica, numbering="circular", mark_member_state="A", mark_observer_state="B",
        note_files="both", collective_addressee="MEMBER STATES\r\nOF CICA",
        collective_addressee_in_text="the CICA Member States",
        **{"loc-ru-collective_addressee": "ГОСУДАРСТВА-ЧЛЕНЫ",
           "loc-ru-collective_addressee_in_text": "государствам-членам СВМДА"}))
    assert saved.status_code == 302
    db.session.expire_all()
    cica = db.session.get(Secretariat, cica.id)
    assert (cica.numbering, cica.note_files) == ("circular", "both")
    assert cica.category_marks == {"member_state": "A", "observer_state": "B"}
    assert cica.collective_addressee == "MEMBER STATES\nOF CICA"
    assert note_service.collective_addressee(cica, "ru") == ("ГОСУДАРСТВА-ЧЛЕНЫ",
                                                             "государствам-членам СВМДА")
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "settings changed"))
    assert event.changes["numbering"] == ["individual", "circular"]


def test_a_late_invitation_of_a_secretariat_that_sends_circulars_gets_its_own_note(demo):
    meeting = meeting_by_slug(SLUGS["cica_swg"])
    invitations = listed_invitations(meeting)
    note_service.issue(invitations[1:], ACTOR, base_url=BASE)
    late = invitations[0]
    [note] = note_service.issue([late], ACTOR, base_url=BASE,
                                numbering=note_service.single_numbering(meeting.secretariat))
    assert (note.reference, note.invitation, note.numbering) == ("NCT/CT/709", late, "individual")
    correction = note_service.correct(note, ACTOR, base_url=BASE)
    assert correction.reference == "NCT/CT/710" and correction.corrects == note
