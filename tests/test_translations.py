"""A secretariat enters the other-language texts of its own meeting in the workspace, or sends
them to a translation service and reads them back, and its notes then draft in those languages."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
import sqlalchemy as sa

from meetings.drafting.context import NoteFacts, build_context
from meetings.extensions import db
from meetings.models import AuditEvent, Invitation, InvitationCategory, Role
from meetings.services import translations
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from meetings.services.notes import NoteProblem, draft
from meetings.services.translation_files import XLIFF_NS
from tests.conftest import PASSWORD
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
FRENCH = {
    "meeting.title": "Réunion d'experts sur la coopération internationale",
    "meeting.city": "Vienne",
    "meeting.country": "Autriche",
    "meeting.mandate": "la résolution 4/2 de la Conférence",
}
ARABIC = {
    "meeting.title": "اجتماع الخبراء بشأن التعاون الدولي",
    "meeting.city": "فيينا",
    "meeting.country": "النمسا",
}
SECRETARIAT_FR = {
    "secretariat.sender": "Le Secrétaire général de l'Organisation des Nations Unies",
    "secretariat.name": "Secrétariat de la Conférence",
    "secretariat.city": "Vienne",
}
SECRETARIAT_AR = {
    "secretariat.sender": "الأمين العام للأمم المتحدة",
    "secretariat.name": "أمانة المؤتمر",
    "secretariat.city": "فيينا",
}


@pytest.fixture
def own_meeting(registry, make_secretariat, make_meeting):
    """A meeting created in the workspace: English texts only, to be held in three languages."""
    secretariat = make_secretariat("unodc", languages=["en", "fr", "ar"])
    meeting = make_meeting(secretariat, "own", languages=["en", "fr", "ar"],
                           mandate="resolution 4/2 of the Conference")
    invitation = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    invitation.language = "fr"
    db.session.commit()
    return meeting


def sign_in(app, user):
    client = app.test_client()
    assert client.post("/secretariat/login", data={"email": user.email, "password": PASSWORD}
                       ).status_code == 302
    return client


def missing_problems(invitation, language: str) -> list[str]:
    try:
        draft(invitation, language)
    except NoteProblem as problem:
        return [p for p in problem.problems if "missing in" in p]
    return []


def test_a_new_meetings_french_and_arabic_texts_come_from_the_translation_page(
        app, own_meeting, make_user):
    invitation = db.session.scalar(sa.select(Invitation).where(
        Invitation.meeting_id == own_meeting.id))
    assert any("missing in French" in p for p in missing_problems(invitation, "fr"))
    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    admin = sign_in(app, make_user(own_meeting.secretariat, Role.ADMIN))

    meeting_page = text_of(officer.get("/secretariat/meetings/own"))
    assert "Meeting: City done missing missing" in meeting_page
    assert "Meeting: Mandate done to do to do" in meeting_page

    page = officer.get("/secretariat/meetings/own/translations/fr")
    assert page.status_code == 200
    assert "Expert meeting on international cooperation" in text_of(page)  # the source beside
    assert officer.post("/secretariat/meetings/own/translations/fr",
                        data=FRENCH).status_code == 302
    assert officer.post("/secretariat/meetings/own/translations/ar",
                        data=ARABIC).status_code == 302
    # The secretariat's own texts, which every note also needs, are its administrators' to enter.
    assert officer.get("/secretariat/secretariats/unodc/translations/fr").status_code == 403
    for language, texts in (("fr", SECRETARIAT_FR), ("ar", SECRETARIAT_AR)):
        assert admin.post(f"/secretariat/secretariats/unodc/translations/{language}",
                          data=texts).status_code == 302

    db.session.expire_all()
    assert own_meeting.text_in("fr", "city") == "Vienne"
    assert missing_problems(invitation, "fr") == []
    written = draft(invitation, "fr")
    assert "Réunion d'experts sur la coopération internationale" in written.text
    # Austria's Arabic addressee is the registry's to give (another part of issue 18); no text of
    # the meeting or of its secretariat is missing any more.
    assert [p for p in missing_problems(invitation, "ar") if "addressee" not in p] == []

    page = officer.get("/secretariat/meetings/own/translations/fr").get_data(as_text=True)
    assert "has every text it needs" in page
    assert f"/secretariat/invitations/{invitation.id}/note?lang=fr" in page
    summary = text_of(officer.get("/secretariat/meetings/own"))
    assert "Meeting: City done done done" in summary and "Notes ready ready ready" in summary

    events = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.meeting_id == own_meeting.id, AuditEvent.action == "translated")
        .order_by(AuditEvent.id)).all()
    assert [sorted({key.split(".")[0] for key in e.changes["localized"]}) for e in events] == [
        ["fr"], ["ar"]]
    assert events[0].changes["localized"]["fr.city"] == [None, "Vienne"]


def test_the_marker_counts_the_texts_a_note_reports_missing(own_meeting):
    """One definition: what the completeness marker calls missing is what a note stops on."""
    from meetings.services.meetings import add_document

    document = add_document(own_meeting, "Provisional agenda", ACTOR,
                            url="https://example.org/agenda")
    document.attached_to_note = True
    db.session.commit()
    for language in ("fr", "ar"):
        facts = NoteFacts(language=language, reference="1", dated=own_meeting.first_day,
                          addressee="x", addressee_block="x")
        _, missing = build_context(own_meeting.secretariat, own_meeting, [own_meeting], [], facts)
        own = translations.completeness(translations.meeting_fields(own_meeting, language),
                                        language)
        sec = translations.completeness(
            translations.secretariat_fields(own_meeting.secretariat, language), language)
        assert len(missing) == len(own.missing_for_note) + len(sec.missing_for_note) == 7


def test_document_and_sitting_titles_are_translated_by_their_own_ids(app, own_meeting, make_user):
    from datetime import date, time

    from meetings.services.meetings import add_document, add_sitting

    document = add_document(own_meeting, "Provisional agenda", ACTOR,
                            url="https://example.org/agenda")
    sitting = add_sitting(own_meeting, {"day": date(2012, 10, 22), "starts_at": time(10),
                                        "ends_at": time(13), "title": "Opening"}, ACTOR)
    db.session.commit()
    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    page = text_of(officer.get("/secretariat/meetings/own/translations/fr"))
    assert "Provisional agenda" in page and "Sitting of 2012-10-22, 10:00" in page
    assert officer.post("/secretariat/meetings/own/translations/fr", data={
        f"document.{document.id}.title": "Ordre du jour provisoire",
        f"sitting.{sitting.id}.title": "Ouverture"}).status_code == 302
    db.session.expire_all()
    assert document.localized == {"fr": {"title": "Ordre du jour provisoire"}}
    assert sitting.localized == {"fr": {"title": "Ouverture"}}
    # An empty box removes a translation.
    officer.post("/secretariat/meetings/own/translations/fr",
                 data={f"sitting.{sitting.id}.title": ""})
    db.session.expire_all()
    assert sitting.localized == {}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "translated", AuditEvent.object_type == "Sitting")) == 2


def test_english_columns_stay_on_their_own_forms(app, own_meeting, make_user):
    """The English page never shadows a column the meeting form edits; the shorter sender, which
    is no column, is written there."""
    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    admin = sign_in(app, make_user(own_meeting.secretariat, Role.ADMIN))
    assert "change it on its own form" in text_of(
        officer.get("/secretariat/meetings/own/translations/en"))
    officer.post("/secretariat/meetings/own/translations/en", data={"meeting.title": "Other"})
    admin.post("/secretariat/secretariats/unodc/translations/en",
               data={"secretariat.name": "Other", "secretariat.sender_short": "The Secretariat"})
    db.session.expire_all()
    assert own_meeting.text_in("en", "title") == "Expert meeting on international cooperation"
    assert own_meeting.secretariat.localized["en"] == {"sender_short": "The Secretariat"}


def test_a_viewer_reads_the_translation_page_but_cannot_change_it(app, own_meeting, make_user):
    viewer = sign_in(app, make_user(own_meeting.secretariat, Role.VIEWER))
    page = viewer.get("/secretariat/meetings/own/translations/fr")
    assert page.status_code == 200 and "readonly" in page.get_data(as_text=True)
    assert viewer.post("/secretariat/meetings/own/translations/fr",
                       data=FRENCH).status_code == 403
    assert viewer.post("/secretariat/meetings/own/translations/fr/import",
                       data={}).status_code == 403
    db.session.expire_all()
    assert not (own_meeting.localized or {}).get("fr")


def test_a_control_character_or_an_overlong_text_is_refused_with_what_was_typed(
        app, own_meeting, make_user):
    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    response = officer.post("/secretariat/meetings/own/translations/fr", data={
        "meeting.title": "Réunion\x00", "meeting.city": "V" * 241})
    assert response.status_code == 422
    page = text_of(response)
    assert "control character" in page and "At most 240 characters" in page
    db.session.expire_all()
    assert not (own_meeting.localized or {}).get("fr")


def _xliff_with_targets(data: bytes, targets: dict[str, str]) -> bytes:
    root = ET.fromstring(data)
    ns = {"x": XLIFF_NS}
    for unit in root.iterfind(".//x:unit", ns):
        if unit.get("id") in targets:
            unit.find("x:segment/x:target", ns).text = targets[unit.get("id")]
    ET.register_namespace("", XLIFF_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_xliff_goes_to_a_translation_service_and_comes_back_by_field(app, own_meeting, make_user):
    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    exported = officer.get("/secretariat/meetings/own/translations/fr/export?format=xliff")
    assert exported.status_code == 200
    root = ET.fromstring(exported.data)
    assert root.tag == f"{{{XLIFF_NS}}}xliff" and root.get("trgLang") == "fr"
    units = [u.get("id") for u in root.iter(f"{{{XLIFF_NS}}}unit")]
    assert {"meeting.title", "meeting.city", "meeting.country", "meeting.mandate"} <= set(units)

    returned = _xliff_with_targets(exported.data, FRENCH)
    # Units in another order: matched by id, never by place.
    response = officer.post("/secretariat/meetings/own/translations/fr/import", data={
        "file": (io.BytesIO(returned), "own-fr.xlf")}, content_type="multipart/form-data")
    assert response.status_code == 200, text_of(response)
    assert "Imported 4 text(s)" in text_of(response)
    db.session.expire_all()
    assert own_meeting.localized["fr"]["city"] == "Vienne"
    assert own_meeting.localized["fr"]["title"] == FRENCH["meeting.title"]

    # Once translated, the texts leave the default export.
    again = ET.fromstring(officer.get(
        "/secretariat/meetings/own/translations/fr/export?format=xliff").data)
    assert "meeting.city" not in [u.get("id") for u in again.iter(f"{{{XLIFF_NS}}}unit")]


def test_xlsx_round_trip_reports_unknown_and_changed_texts(app, own_meeting, make_user):
    from openpyxl import Workbook, load_workbook

    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    exported = officer.get("/secretariat/meetings/own/translations/ar/export?format=xlsx")
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("field", "source_language", "source", "target_language", "target",
                       "source_hash")
    book = Workbook()
    out = book.active
    out.append(rows[0])
    for row in reversed(rows[1:]):  # another order
        values = list(row)
        values[4] = ARABIC.get(values[0]) or values[4]
        out.append(values)
    out.append(["meeting.motto", "en", "Something", "ar", "شيء", "0000"])
    # The English city changes after the export: its Arabic text is not taken.
    own_meeting.city = "Vienna International Centre"
    db.session.commit()
    data = io.BytesIO()
    book.save(data)
    response = officer.post("/secretariat/meetings/own/translations/ar/import", data={
        "file": (io.BytesIO(data.getvalue()), "own-ar.xlsx")}, content_type="multipart/form-data")
    page = text_of(response)
    assert response.status_code == 200, page
    assert "Imported 2 text(s)" in page
    assert "Unknown text “meeting.motto”" in page
    assert "The source of “meeting.city” changed since the export" in page
    db.session.expire_all()
    assert own_meeting.localized["ar"] == {"title": ARABIC["meeting.title"],
                                           "country": ARABIC["meeting.country"]}


def test_csv_round_trip_and_a_doctype_is_refused(app, own_meeting, make_user):
    import csv

    officer = sign_in(app, make_user(own_meeting.secretariat, Role.OFFICER))
    exported = officer.get("/secretariat/meetings/own/translations/fr/export?format=csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    for row in rows[1:]:
        row[4] = FRENCH.get(row[0], "")
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    response = officer.post("/secretariat/meetings/own/translations/fr/import", data={
        "file": (io.BytesIO(out.getvalue().encode()), "own-fr.csv")},
        content_type="multipart/form-data")
    assert "Imported 4 text(s)" in text_of(response)

    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0">&a;</xliff>')
    response = officer.post("/secretariat/meetings/own/translations/fr/import", data={
        "file": (io.BytesIO(bomb), "bomb.xlf")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "DOCTYPE" in text_of(response)
    # Also when the file is written in UTF-16, where the bytes "<!DOCTYPE" never occur.
    wide = bomb.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"'
                                 ).encode("utf-16")
    response = officer.post("/secretariat/meetings/own/translations/fr/import", data={
        "file": (io.BytesIO(wide), "bomb.xlf")}, content_type="multipart/form-data")
    assert response.status_code == 422 and "DOCTYPE" in text_of(response)
    damaged = officer.post("/secretariat/meetings/own/translations/fr/import", data={
        "file": (io.BytesIO(b"PK\x03\x04 not a workbook"), "own-fr.xlsx")},
        content_type="multipart/form-data")
    assert damaged.status_code == 422 and "not a readable XLSX file" in text_of(damaged)


def test_a_french_note_says_when_a_title_would_stand_bare_in_a_sentence(app, own_meeting):
    """« participer à Réunion d'experts » is what a title without its article gives: the officer
    is told which text to write, and the warning goes once it is written."""
    invitation = db.session.scalar(sa.select(Invitation).where(
        Invitation.meeting_id == own_meeting.id))
    secretariat = own_meeting.secretariat
    secretariat.localized = {"fr": {k.split(".")[1]: v for k, v in SECRETARIAT_FR.items()}}
    own_meeting.localized = {"fr": {k.split(".")[1]: v for k, v in FRENCH.items()}}
    db.session.commit()

    bare = draft(invitation, "fr")
    assert [w for w in bare.warnings if "running text" in w] == [
        "“Expert meeting on international cooperation” has no name in running text in French: "
        "the note uses its title as it stands. Write it on the translation page as a sentence "
        "needs it (« la Réunion d'experts … », « le Groupe de travail … »)."]

    own_meeting.localized = {"fr": {**own_meeting.localized["fr"],
                                    "in_text": "la Réunion d'experts sur la coopération"}}
    db.session.commit()
    written = draft(invitation, "fr")
    assert not any("running text" in w for w in written.warnings)
    assert "la Réunion d'experts sur la coopération" in written.text
