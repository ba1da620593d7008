"""A mission can follow the links of a note: real hyperlinks, a QR code of its private link, and
the same secret as a code it can type; the .docx says its language."""
import base64
import io
import re
import zipfile
from datetime import date, datetime, timezone

import pytest
import zxingcpp
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from meetings.extensions import db
from meetings.models import Invitation, InvitationCategory, LinkAttempt
from meetings.services import notes as note_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
BASE = "https://meetings.example.org"


@pytest.fixture
def note(app, registry, make_secretariat, make_meeting):
    app.config["FIXED_NOW"] = datetime(2012, 9, 1, 10, 0, tzinfo=timezone.utc)  # links live
    unodc = make_secretariat("unodc", reference_pattern="CU {year}/{seq}(A)/DTA/CEB/CSS",
                             reference_next=150, email="UNCAC.COP@unodc.org",
                             postal_address="P.O. Box 500\n1400 Vienna\nAustria")
    meeting = make_meeting(unodc, website="https://www.unodc.org/meeting")
    invitation = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR,
                        language="en")
    [issued] = note_service.issue([invitation], ACTOR, base_url=BASE, dated=date(2012, 8, 15))
    db.session.commit()
    return issued


def live_link(note) -> str:
    return f"{BASE}/register/{private_links.registration_secret(note.invitation)}"


def decoded(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_note_prints_a_code_a_person_can_type_beside_the_link(note):
    text = note_service.as_text(note, reveal=True)
    code = private_links.reading_code(private_links.registration_secret(note.invitation))
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}", code)  # 140 bits
    assert live_link(note) in text
    assert f"Registration code (to be typed on the registration page {BASE}/register if the " \
           f"link cannot be followed):\n{code}" in text
    # the code is derived from the secret, never stored: only its hash is
    assert code not in note.text and code.replace("-", "") not in (note.invitation.code_hash or "")
    # a read-only officer sees neither
    hidden = note_service.as_text(note, reveal=False)
    assert code not in hidden and private_links.registration_secret(note.invitation) not in hidden


def test_the_code_opens_the_same_page_as_the_link_however_it_is_typed(note, client):
    code = private_links.reading_code(private_links.registration_secret(note.invitation))
    sloppy = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    response = client.post("/register", data={"code": sloppy})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/register/{private_links.registration_secret(note.invitation)}")
    opened = client.get(response.headers["Location"])
    assert opened.status_code == 200 and "Austria" in text_of(opened)


def test_a_wrong_code_gets_the_same_answer_as_a_wrong_link_and_counts_like_one(note, client):
    wrong_link = client.get("/register/" + "A" * 43)
    wrong_code = client.post("/register", data={"code": "7KQ2-M9XD-7KQ2-M9XD-7KQ2-M9XD-7KQ2"})
    assert wrong_code.status_code == wrong_link.status_code == 404
    assert text_of(wrong_code) == text_of(wrong_link)
    assert db.session.get(LinkAttempt, "127.0.0.1").failures == 2
    for _ in range(private_links.MAX_FAILURES - 2):
        client.post("/register", data={"code": "not a code"})
    code = private_links.reading_code(private_links.registration_secret(note.invitation))
    assert client.post("/register", data={"code": "0000-0000-0000-0000-0000-0000-0000"}
                       ).status_code == 429
    # a good code still opens, as a good link does
    assert client.post("/register", data={"code": code}).status_code == 303


def test_a_new_link_makes_the_old_code_stop_working(note, client):
    old = private_links.reading_code(private_links.registration_secret(note.invitation))
    private_links.issue_link(note.invitation, ACTOR, note.issued_at)
    db.session.commit()
    assert client.post("/register", data={"code": old}).status_code == 404


def test_the_docx_has_real_hyperlinks_its_language_and_a_qr_code_of_the_private_link(note):
    data = note_service.as_format(note, "docx", reveal=True)
    archive = zipfile.ZipFile(io.BytesIO(data))
    rels = archive.read("word/_rels/document.xml.rels").decode()
    assert f'Target="{live_link(note)}" TargetMode="External"' in rels
    assert 'Target="https://www.unodc.org/meeting" TargetMode="External"' in rels
    document = Document(io.BytesIO(data))
    hyperlinks = document.element.body.findall(".//" + qn("w:hyperlink"))
    assert len(hyperlinks) == 2
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    assert document.core_properties.language == "en-GB"
    images = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert [decoded(png) for png in images] == [[live_link(note)]]


def test_the_print_html_shows_the_qr_code_of_the_private_link(note):
    html = note_service.as_format(note, "html", reveal=True).decode()
    match = re.search(r'<p class="qr"><img src="data:image/png;base64,([^"]+)"', html)
    assert decoded(base64.b64decode(match.group(1))) == [live_link(note)]
    assert private_links.QR_MARKER not in note_service.as_format(note, "html", reveal=False
                                                                ).decode()


def test_a_russian_note_tells_word_it_is_russian(registry, make_secretariat, make_meeting):
    from meetings.drafting import render

    document = Document(io.BytesIO(render.to_docx(render.parse("Текст ноты"), "ru")))
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "ru-RU"
    arabic = Document(io.BytesIO(render.to_docx(render.parse("نص المذكرة"), "ar")))
    assert arabic.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA"


def test_the_code_box_is_a_plain_page_with_a_form(client):
    page = client.get("/register")
    assert page.status_code == 200
    assert "Registration code" in text_of(page)
    assert page.headers["Cache-Control"] == "no-store"


def test_an_invitation_carries_no_code_in_clear(note):
    row = db.session.get(Invitation, note.invitation.id)
    code = private_links.reading_code(private_links.registration_secret(row))
    assert row.code_hash == private_links.code_digest(code.replace("-", ""))
