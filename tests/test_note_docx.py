"""The Word file speaks the note's language: tags, fonts, Arabic alignment and bold, page numbers."""
import io
import zipfile

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Meeting, Party
from meetings.services.demo import SLUGS
from meetings.services.notes import draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def invitation_of(code: str) -> Invitation:
    return db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party).where(
            Meeting.slug == SLUGS["uncac_expert_meeting"], Party.iso3 == code))


def part(data: bytes, name: str):
    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


@pytest.mark.parametrize(("code", "language", "tag"), [
    ("AUT", "en", "en-GB"), ("FRA", "fr", "fr-FR"), ("ESP", "es", "es-ES"), ("RUS", "ru", "ru-RU"),
])
def test_each_note_is_tagged_with_its_own_language(demo_read_only, code, language, tag):
    styles = part(draft(invitation_of(code), language).docx, "word/styles.xml")
    langs = [e.get(f"{W}val") for e in styles.iter(f"{W}lang")]
    assert tag in langs and "en-US" not in langs


def test_the_arabic_word_file_is_right_aligned_as_word_reads_it_with_bold_on_arabic(demo_read_only):
    data = draft(invitation_of("EGY"), "ar").docx
    document = part(data, "word/document.xml")
    paragraphs = [p for p in document.iter(f"{W}p") if p.find(f"{W}pPr/{W}bidi") is not None]
    assert paragraphs
    alignments = [p.find(f"{W}pPr/{W}jc").get(f"{W}val") for p in paragraphs
                  if p.find(f"{W}pPr/{W}jc") is not None]
    assert "right" not in alignments  # in a bidi paragraph "right" is the end: the left edge
    assert "left" in alignments  # the start: reference, place and addressee at the right
    bold = [r for r in document.iter(f"{W}rPr") if r.find(f"{W}b") is not None]
    assert bold and all(r.find(f"{W}bCs") is not None for r in bold)
    texts = "".join(t.text or "" for t in document.iter(f"{W}t"))
    assert "\u2066+43-1 26060 5841\u2069" in texts
    assert "\u2066UNCAC.COP@unodc.org\u2069" in texts
    styles = part(data, "word/styles.xml")
    assert any(e.get(f"{W}bidi") == "ar-SA" for e in styles.iter(f"{W}lang"))
    assert any(e.get(f"{W}cs") for e in styles.iter(f"{W}rFonts"))


def test_the_chinese_word_file_sets_an_east_asian_font(demo_read_only):
    styles = part(draft(invitation_of("CHN"), "zh").docx, "word/styles.xml")
    assert any(e.get(f"{W}eastAsia") == "SimSun" for e in styles.iter(f"{W}rFonts"))
    assert any(e.get(f"{W}eastAsia") == "zh-CN" for e in styles.iter(f"{W}lang"))


def test_continuation_pages_are_numbered_and_the_first_is_not(demo_read_only):
    data = draft(invitation_of("AUT"), "en").docx
    document = part(data, "word/document.xml")
    assert document.find(f".//{W}sectPr/{W}titlePg") is not None
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    headers = [part(data, n) for n in names if n.startswith("word/header")]
    instructions = ["".join(t.text or "" for t in h.iter(f"{W}instrText")) for h in headers]
    assert any("PAGE" in i for i in instructions)
    texts = ["".join(t.text or "" for t in h.iter(f"{W}t")) for h in headers]
    assert "- 2 -" in texts
