"""Every note as a print-ready PDF, made from the print HTML by WeasyPrint with the fonts embedded:
its text layer says what the text output says, in all seven languages."""
import io
import re
import unicodedata
import zipfile
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from bidi.algorithm import get_display
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LAParams, LTChar, LTTextBox
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from meetings.drafting.render import ltr_runs
from meetings.extensions import db
from meetings.models import Invitation, Meeting, Party, Role
from meetings.services import notes as note_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.demo import SLUGS
from tests.helpers import text_of

ACTOR = Actor.system("test")
BASE = "https://meetings.example.org"


def invitation_of(slug: str, iso3: str) -> Invitation:
    return db.session.scalar(sa.select(Invitation).join(Meeting).join(Party).where(
        Meeting.slug == SLUGS[slug], Party.iso3 == iso3))


def newly_invited(iso3: str) -> Invitation:
    """A State put on the UNODC demo's list after the demo's own mailing."""
    from meetings.models import InvitationCategory
    from meetings.services.invitations import invite
    from tests.helpers import party_by_iso3

    meeting = db.session.scalar(sa.select(Meeting).where(
        Meeting.slug == SLUGS["uncac_expert_meeting"]))
    return invite(meeting, party_by_iso3(iso3), InvitationCategory.STATE_PARTY, ACTOR,
                  language="en")


def pdf_text(data: bytes, language: str) -> str:
    """The PDF's text layer, comparable with the text output: NFKC (Arabic presentation forms
    and ligatures back to letters), whitespace left out (a PDF breaks lines where the text has
    spaces, and Chinese has none).

    Arabic is drawn right to left: each line's glyphs are read in the order they stand on the
    page (left to right) and put back in reading order with the Unicode bidi algorithm; brackets
    are left out, since a bracket drawn in right-to-left text is mirrored.
    """
    if language != "ar":
        return normalised(extract_text(io.BytesIO(data)), language)
    lines = []
    for page in extract_pages(io.BytesIO(data), laparams=LAParams(char_margin=200)):
        for box in page:
            if not isinstance(box, LTTextBox):
                continue
            for line in box:
                clusters: list[tuple[float, str]] = []  # a letter and its vowel marks
                for char in (c for c in line if isinstance(c, LTChar)):
                    text = char.get_text()
                    if clusters and unicodedata.category(text[:1]).startswith("M"):
                        clusters[-1] = (clusters[-1][0], clusters[-1][1] + text)
                    else:
                        clusters.append((char.x0, text))
                visual = "".join(text for _, text in sorted(clusters, key=lambda c: c[0]))
                lines.append(reading_order(visual))
    return normalised("\n".join(lines), language)


def reading_order(visual: str) -> str:
    """An Arabic line back in reading order. The note isolates its left-to-right runs, so each
    is drawn as it reads: each is held as one private-use letter while the line is reordered."""
    runs = [piece for piece, ltr in ltr_runs(visual) if ltr]
    held = iter(range(len(runs)))
    line = "".join(chr(HELD + next(held)) if ltr else piece for piece, ltr in ltr_runs(visual))
    return "".join(runs[ord(c) - HELD] if ord(c) >= HELD else c
                   for c in get_display(line, base_dir="R"))


HELD = 0xF0000


def normalised(text: str, language: str) -> str:
    text = re.sub(r"[\s\u2066\u2069]+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"[()\[\]]", "", text) if language == "ar" else text


def says(data: bytes, text: str, language: str, foot: list[str], beside: str = "") -> bool:
    """The PDF says what the text says: the same words in the same order, except the foot of the
    first page (addressee, motto), printed where page 1 ends, and a letterhead beside the note's
    own (`beside`), which the text does not hold."""
    printed, expected = pdf_text(data, language), normalised(text, language)
    for block in (*foot, beside):
        words = normalised(block, language)
        if not words:
            continue
        if words not in printed:
            return False
        printed, expected = without_last(printed, words), without_last(expected, words)
    return printed == expected


def without_last(text: str, words: str) -> str:
    """The text without the last time it has `words` (the opening formula names the addressee
    too, earlier)."""
    start = text.rfind(words)
    return text if start < 0 else text[:start] + text[start + len(words):]


def foot_of(paragraphs) -> list[str]:
    return [p.text for p in paragraphs if p.kind in {"addressee", "motto"}]


def pages_of(data: bytes) -> list[PDFPage]:
    return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))


def fonts_of(data: bytes) -> set[str]:
    """The fonts the PDF embeds (a subset's name is prefixed: ABCDEF+NotoNaskhArabic-Regular)."""
    names = set()
    for page in pages_of(data):
        for font in resolve1(resolve1(page.resources).get("Font") or {}).values():
            font = resolve1(font)
            if resolve1(font.get("FontDescriptor")) or font.get("DescendantFonts"):
                names.add(str(resolve1(font.get("BaseFont"))))
    return names


def links_of(data: bytes) -> list[str]:
    uris = []
    for page in pages_of(data):
        for annotation in resolve1(page.annots) or []:
            action = resolve1(resolve1(annotation).get("A") or {})
            if action.get("URI"):
                uri = resolve1(action["URI"])
                uris.append(uri.decode() if isinstance(uri, bytes) else str(uri))
    return uris


def invitation_in(slug: str, language: str) -> Invitation:
    return db.session.scalars(sa.select(Invitation).join(Meeting).where(
        Meeting.slug == SLUGS[slug], Invitation.language == language).order_by(Invitation.id)
    ).first()


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_pdf_of_the_unodc_note_says_what_its_text_says(demo_read_only, language):
    written = note_service.draft(invitation_in("uncac_expert_meeting", language), language)
    data = written.pdf
    assert data.startswith(b"%PDF-")
    assert says(data, written.text, language, foot_of(written.paragraphs))
    if language in {"ar", "zh"}:  # the glyphs come from embedded Noto fonts (subsets)
        assert any(("Naskh" if language == "ar" else "CJK") in name for name in fonts_of(data))


def test_the_pdf_of_the_cica_note_in_kazakh_says_what_its_text_says(demo_read_only):
    written = note_service.draft(invitation_of("cica_swg", "KAZ"), "kk")
    assert says(written.pdf, written.text, "kk", foot_of(written.paragraphs),
                beside=written.companion.text if written.companion else "")


def test_an_issued_notes_pdf_holds_its_link_as_a_link_and_its_code(
    app, demo, client, login_as, make_user
):
    app.config["FIXED_NOW"] = datetime(2012, 9, 1, 10, 0, tzinfo=timezone.utc)
    invitation = newly_invited("NOR")  # the demo issued the notes of its own list already
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE, numbering="individual")
    db.session.commit()
    data = note_service.as_format(note, "pdf", reveal=True)
    text = note_service.as_text(note, reveal=True)
    assert says(data, text, "en", text.strip().split("\n\n")[-2:])  # addressee, motto
    secret = private_links.registration_secret(invitation)
    assert f"{BASE}/register/{secret}" in links_of(data)  # a link the reader follows
    login_as(make_user(invitation.meeting.secretariat, Role.OFFICER))
    response = client.get(f"/secretariat/notes/{note.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    bundle = zipfile.ZipFile(io.BytesIO(
        client.get(f"/secretariat/meetings/{invitation.meeting.slug}/notes.zip?format=pdf").data))
    assert sum(n.endswith("Norway.pdf") for n in bundle.namelist()) == 1
    assert "PDF" in text_of(client.get(f"/secretariat/notes/{note.id}"))


def test_a_secretariat_that_sends_pdfs_attaches_the_pdf_with_its_link_beside_the_word_file(
    app, demo
):
    from meetings.models import OutboxMessage
    from meetings.services.outbox import _email

    app.config["FIXED_NOW"] = datetime(2012, 9, 1, 10, 0, tzinfo=timezone.utc)
    invitation = newly_invited("NOR")  # the demo issued the notes of its own list already
    invitation.meeting.secretariat.note_files = "both"
    invitation.emails = ["pm.vienna@example.org"]
    before = db.session.scalar(sa.select(sa.func.max(OutboxMessage.id))) or 0
    [note] = note_service.issue([invitation], ACTOR, base_url=BASE, send=True,
                                numbering="individual")
    db.session.commit()
    message = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.id > before))
    email = _email(message, "unodc@example.org")
    files = {part.get_filename(): part.get_content() for part in email.iter_attachments()}
    documents = [e["filename"] for e in note.enclosures]  # the meeting's, after the note
    assert list(files) == [note_service.file_name(note, "docx"),
                           note_service.file_name(note, "pdf"), *documents]
    pdf = files[note_service.file_name(note, "pdf")]
    secret = private_links.registration_secret(invitation)
    assert f"{BASE}/register/{secret}" in links_of(pdf)
    text = note_service.as_text(note, reveal=True)
    assert says(pdf, text, "en", text.strip().split("\n\n")[-2:])  # addressee, motto

    invitation.meeting.secretariat.note_files = "pdf"
    correction = note_service.correct(note, ACTOR, base_url=BASE, send=True)
    db.session.commit()
    message = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()[-1]
    names = [p.get_filename() for p in _email(message, "unodc@example.org").iter_attachments()]
    assert names == [note_service.file_name(correction, "pdf"), *documents]
