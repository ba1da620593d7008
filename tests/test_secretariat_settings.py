"""A new organization starts with one command, then sets itself up on its settings page."""
import io
import re
import struct
import zlib
from datetime import date

import sqlalchemy as sa
from docx import Document

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    InvitationCategory,
    Note,
    Role,
    Secretariat,
    User,
)
from meetings.services import notes as note_service
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")


def png(width: int = 4, height: int = 2) -> bytes:
    """A real, tiny PNG (white pixels), so python-docx and browsers can read it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def settings_form(secretariat: Secretariat, **changes) -> dict:
    """The settings page as it comes back from the browser, with some fields changed."""
    data = {
        "name": secretariat.name, "acronym": secretariat.acronym or "",
        "office": secretariat.office or "", "sender": secretariat.sender,
        "sender_gender": secretariat.sender_gender.value, "city": secretariat.city,
        "postal_address": secretariat.postal_address or "", "timezone": secretariat.timezone,
        "email": secretariat.email or "", "reference_pattern": secretariat.reference_pattern,
        "reference_next": str(secretariat.reference_next), "languages": secretariat.languages,
        "invitation_language": secretariat.invitation_language or secretariat.languages[0],
        "note_closing": "y", "action": "save",
    }
    data.update(changes)
    return data


def test_the_command_creates_a_secretariat_and_a_one_time_link_for_its_administrator(
        runner, client):
    result = runner.invoke(args=[
        "secretariat", "create", "--slug", "ots", "--name",
        "Secretariat of the Organization of Turkic States", "--timezone", "Europe/Istanbul",
        "--admin-email", "IT@turkicstates.org", "--language", "en"])
    assert result.exit_code == 0, result.output
    secretariat = db.session.scalar(sa.select(Secretariat).where(Secretariat.slug == "ots"))
    assert (secretariat.city, secretariat.timezone, secretariat.languages) == \
        ("Istanbul", "Europe/Istanbul", ["en"])
    admin = db.session.scalar(sa.select(User).where(User.email == "it@turkicstates.org"))
    assert admin.role_in(secretariat) == Role.ADMIN
    link = re.search(r"http://\S+/secretariat/account/link/(\S+)", result.output)
    assert link and "72 hours" in result.output
    assert link.group(1) not in str(db.session.execute(sa.text(
        "SELECT token_hash FROM account_tokens")).all())  # only its hash is kept

    response = client.post(f"/secretariat/account/link/{link.group(1)}",
                           data={"password": "the bosphorus at dawn"})
    assert response.status_code == 302
    signed_in = client.post("/secretariat/login", data={"email": "it@turkicstates.org",
                                                        "password": "the bosphorus at dawn"})
    assert signed_in.status_code == 302
    assert client.get("/secretariat/secretariats/ots/settings").status_code == 200


def test_the_command_says_what_is_wrong_with_slug_zone_and_address(runner, make_secretariat):
    make_secretariat("cica")
    result = runner.invoke(args=["secretariat", "create", "--slug", "Turkic States!",
                                 "--name", "OTS", "--timezone", "Europe/Constantinople ",
                                 "--admin-email", "not-an-address"])
    assert result.exit_code != 0
    assert "--slug: Use lower-case letters, digits and hyphens" in result.output
    assert "--timezone: 'Europe/Constantinople ' is not an IANA time zone" in result.output
    assert "--admin-email: Give an e-mail address" in result.output
    taken = runner.invoke(args=["secretariat", "create", "--slug", "cica", "--name", "X",
                                "--timezone", "Asia/Almaty", "--admin-email", "x@example.org"])
    assert "The slug 'cica' is taken" in taken.output
    assert db.session.scalar(sa.select(sa.func.count(Secretariat.id))) == 1


def test_a_service_administrator_creates_a_secretariat_in_the_workspace(
        client, login_as, make_secretariat, make_user):
    operator = make_user(make_secretariat("cica"), Role.ADMIN)
    login_as(operator)
    assert client.get("/secretariat/secretariats/new").status_code == 403
    operator.is_service_admin = True
    db.session.commit()
    refused = client.post("/secretariat/secretariats/new", data={
        "slug": "ots", "name": "OTS Secretariat", "timezone": "Istanbul", "language": "en",
        "admin_email": "it@turkicstates.org"})
    assert refused.status_code == 422
    assert "is not an IANA time zone" in text_of(refused)
    assert 'value="OTS Secretariat"' in refused.get_data(as_text=True)  # nothing typed is lost
    created = client.post("/secretariat/secretariats/new", data={
        "slug": "ots", "name": "OTS Secretariat", "timezone": "Europe/Istanbul",
        "language": "en", "admin_email": "it@turkicstates.org"})
    assert created.status_code == 200
    assert "/secretariat/account/link/" in text_of(created)


def test_only_its_administrators_open_the_settings_page(
        client, login_as, make_secretariat, make_user):
    ots, cica = make_secretariat("ots"), make_secretariat("cica")
    login_as(make_user(ots, Role.OFFICER))
    assert client.get("/secretariat/secretariats/ots/settings").status_code == 403
    login_as(make_user(cica, Role.ADMIN))
    assert client.get("/secretariat/secretariats/ots/settings").status_code == 404


def test_settings_are_saved_audited_and_preview_the_next_reference(
        client, login_as, make_secretariat, make_user):
    ots = make_secretariat("ots", languages=["en"])
    login_as(make_user(ots, Role.ADMIN))
    preview = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, reference_pattern="OTS/{year}/{seq:03}", reference_next="41", action="preview"))
    assert "The next note will be numbered OTS/" in text_of(preview)
    assert re.search(r"OTS/20\d\d/041", text_of(preview))
    db.session.expire_all()
    assert ots.reference_pattern == "{seq}"  # a preview saves nothing

    saved = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, reference_pattern="OTS/{year}/{seq}", postal_address="Sultanahmet\nIstanbul",
        phone="+90 212 000 00 00", reply_to="protocol@turkicstates.org",
        languages=["en", "ru"], **{"loc-ru-name": "Секретариат ОТГ", "loc-ru-city": "Стамбул"}))
    assert saved.status_code == 302
    db.session.expire_all()
    assert ots.reference_pattern == "OTS/{year}/{seq}"
    assert ots.localized["ru"] == {"name": "Секретариат ОТГ", "city": "Стамбул"}
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "settings changed"))
    assert event.changes["reference_pattern"] == ["{seq}", "OTS/{year}/{seq}"]
    assert event.changes["reply_to"] == [None, "protocol@turkicstates.org"]

    wrong = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, reference_pattern="OTS/{seq}/{number}", timezone="Istanbul"))
    assert wrong.status_code == 422
    assert "Only {year} and {seq}" in text_of(wrong) and "IANA time zone" in text_of(wrong)


def issued_note(secretariat: Secretariat, make_meeting) -> Note:
    meeting = make_meeting(secretariat, city="Istanbul", country="Türkiye",
                           timezone="Europe/Istanbul")
    invitation = invite(meeting, party_by_iso3("AZE"), InvitationCategory.MEMBER_STATE, ACTOR,
                        language="en")
    [note] = note_service.issue([invitation], ACTOR, base_url="https://m.example.org",
                                dated=date(2026, 11, 20))
    db.session.commit()
    return note


def test_the_counter_cannot_go_back_to_a_number_already_used(
        registry, client, login_as, make_secretariat, make_user, make_meeting):
    ots = make_secretariat("ots", languages=["en"], reference_pattern="OTS/{year}/{seq}",
                           reference_next=7)
    note = issued_note(ots, make_meeting)
    assert note.reference == "OTS/2026/7"
    login_as(make_user(ots, Role.ADMIN))
    page = text_of(client.get("/secretariat/secretariats/ots/settings"))
    assert "The last number used is 7 (OTS/2026/7)" in page
    lowered = client.post("/secretariat/secretariats/ots/settings",
                          data=settings_form(ots, reference_next="5"))
    assert lowered.status_code == 422
    assert ("Number 7 is already used (note OTS/2026/7); the next number must be at least 8"
            in text_of(lowered))
    db.session.expire_all()
    assert ots.reference_next == 8
    raised = client.post("/secretariat/secretariats/ots/settings",
                         data=settings_form(ots, reference_next="20"), follow_redirects=True)
    lowered_again = client.post("/secretariat/secretariats/ots/settings",
                                data=settings_form(ots, reference_next="9"),
                                follow_redirects=True)
    assert raised.status_code == lowered_again.status_code == 200
    assert "The counter went back from 20 to 9" in text_of(lowered_again)


def test_changing_the_settings_never_alters_an_issued_note(
        registry, client, login_as, make_secretariat, make_user, make_meeting):
    ots = make_secretariat("ots", name="Secretariat of the Organization of Turkic States",
                           sender="The Secretariat of the Organization of Turkic States",
                           city="Istanbul", timezone="Europe/Istanbul", languages=["en"],
                           reference_pattern="OTS/{year}/{seq}", acronym="OTS",
                           postal_address="Sultanahmet, Istanbul")
    note = issued_note(ots, make_meeting)
    text, html, docx = note.text, note.html, note.docx
    login_as(make_user(ots, Role.ADMIN))
    page = text_of(client.get("/secretariat/secretariats/ots/settings"))
    assert "Notes already issued never change" in page
    response = client.post("/secretariat/secretariats/ots/settings", data={
        **settings_form(ots, name="Turkic States Secretariat", postal_address="New address",
                        letterhead="ORGANIZATION OF TURKIC STATES\nSecretariat",
                        sender_plural="y", reference_pattern="TS/{seq}"),
        "letterhead_image": (io.BytesIO(png()), "logo.png")})
    assert response.status_code == 302
    db.session.expire_all()
    assert ots.letterhead_file.content_type == "image/png"
    stored = db.session.get(Note, note.id)
    assert (stored.text, stored.html, stored.docx) == (text, html, docx)
    assert "Sultanahmet, Istanbul" in stored.text and "New address" not in stored.text

    second = issued_note_for(ots, "KAZ")
    assert second.text.startswith("ORGANIZATION OF TURKIC STATES\nSecretariat\n")
    assert "present their compliments" in second.text and "New address" in second.text
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="">', second.html)
    document = Document(io.BytesIO(second.docx))
    # the letterhead image, above the letterhead text, and the QR code of the private link
    assert len(document.inline_shapes) == 2


def issued_note_for(secretariat: Secretariat, iso3: str) -> Note:
    meeting = secretariat.meetings[0]
    invitation = invite(meeting, party_by_iso3(iso3), InvitationCategory.MEMBER_STATE, ACTOR,
                        language="en")
    [note] = note_service.issue([invitation], ACTOR, base_url="https://m.example.org",
                                dated=date(2026, 11, 21))
    db.session.commit()
    return note


def test_a_letterhead_image_is_checked_by_its_content(
        client, login_as, make_secretariat, make_user):
    ots = make_secretariat("ots", languages=["en"])
    login_as(make_user(ots, Role.ADMIN))
    response = client.post("/secretariat/secretariats/ots/settings", data={
        **settings_form(ots), "letterhead_image": (io.BytesIO(b"GIF89a..."), "logo.png")})
    assert response.status_code == 422
    assert "This file is not a PNG or JPG file" in text_of(response)
    too_big = client.post("/secretariat/secretariats/ots/settings", data={
        **settings_form(ots), "letterhead_image": (io.BytesIO(png() + b"\0" * 1_100_000),
                                                   "logo.png")})
    assert "the limit is 1 MB" in text_of(too_big)
    db.session.expire_all()
    assert ots.letterhead_file_id is None


def test_new_invitations_take_the_default_language_when_the_invitee_works_in_another(
        registry, make_secretariat, make_meeting):
    russian_only = make_secretariat("eaeu", languages=["ru"], invitation_language="ru")
    both = make_secretariat("cica", languages=["en", "ru"], invitation_language="ru")
    france = party_by_iso3("FRA")  # works in English in the shipped registry
    assert invite(make_meeting(russian_only, "a"), france, InvitationCategory.OBSERVER_STATE,
                  ACTOR).language == "ru"
    assert invite(make_meeting(both, "b"), france, InvitationCategory.OBSERVER_STATE,
                  ACTOR).language == "en"  # its own language is one of the secretariat's
