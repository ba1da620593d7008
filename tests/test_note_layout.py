"""A note laid out as a protocol officer signs it: the addressee bottom left of the first page
(bottom right in Arabic) however long the note, place and date kept with the closing and room
for the stamp, a bilingual letterhead side by side, left-to-right runs isolated in Arabic."""
import io
import shutil
import subprocess
import unicodedata
import zipfile

import pytest
import sqlalchemy as sa
from docx import Document
from docx.oxml.ns import qn
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LAParams, LTChar, LTTextBox

from meetings.drafting import render
from meetings.extensions import db
from meetings.models import AuditEvent, Meeting, Role, Secretariat
from meetings.services import notes as note_service
from meetings.services.demo import SLUGS
from tests.helpers import text_of
from tests.test_note_pdf import invitation_of, pages_of
from tests.test_secretariat_settings import settings_form

# The addressee block; the opening formula names the Mission too, in the text.
AUSTRIA = "Permanent Mission of Austria to the United Nations (Vienna)"
REFERENCE = "CU 2012/150(A)/DTA/CEB/CSS"


def austria_note(language: str = "en") -> note_service.Draft:
    """The demo's note to Austria; in Arabic the note to Egypt (the demo's Arabic invitation)."""
    iso3 = "EGY" if language == "ar" else "AUT"
    return note_service.draft(invitation_of("uncac_expert_meeting", iso3), language,
                              reference=REFERENCE)


def pdf_pages(data: bytes) -> list[str]:
    return extract_text(io.BytesIO(data)).split("\f")


def boxes_with(data: bytes, words: str) -> list[tuple[int, LTTextBox, float, float]]:
    """(page number, box, page width, page height) of each text box holding `words`."""
    found = []
    for number, page in enumerate(extract_pages(io.BytesIO(data)), start=1):
        for box in page:
            if isinstance(box, LTTextBox) and words in box.get_text().replace("\n", " "):
                found.append((number, box, page.width, page.height))
    return found


def addressee_box(data: bytes) -> tuple[int, LTTextBox, float, float]:
    """Where the English addressee block is printed: a box of its own, not the opening formula."""
    return next(hit for hit in boxes_with(data, "Austria")
                if " ".join(hit[1].get_text().split()) == AUSTRIA)


def at_the_foot_of_page_one(data: bytes) -> bool:
    """The addressee block on page 1, in its lowest quarter, from the left margin, not full width."""
    page, box, width, height = addressee_box(data)
    return page == 1 and box.y1 < height / 4 and box.x0 < width / 4 and box.x1 < width * 0.8


def libreoffice_pdf(docx: bytes, tmp_path) -> bytes:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed here (.ci/run installs it)")
    (tmp_path / "note.docx").write_bytes(docx)
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "note.docx")], check=True, timeout=180,
                   capture_output=True, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    return (tmp_path / "note.pdf").read_bytes()


def test_the_word_note_has_the_addressee_in_the_first_pages_footer_not_at_the_end(
        demo_read_only):
    document = Document(io.BytesIO(austria_note().docx))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    footer = [p.text for p in section.first_page_footer.paragraphs]
    assert footer[0] == AUSTRIA
    assert footer[-1] == "Making the world safer from drugs, crime and terrorism"
    body = [p.text for p in document.paragraphs]
    assert AUSTRIA not in body
    # place and date close the body, kept with the closing paragraph, then the stamp's room
    place = next(i for i, text in enumerate(body) if text == "Vienna, 15 August 2012")
    paragraphs = document.paragraphs
    assert paragraphs[place - 1].paragraph_format.keep_with_next
    assert paragraphs[place].paragraph_format.keep_with_next
    assert paragraphs[place + 1].text == ""
    assert abs(paragraphs[place + 1].paragraph_format.line_spacing - render.STAMP_ROOM) < 1000
    # the continuation pages keep their "- 2 -"
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_footer._element.xml


def test_libreoffice_prints_the_addressee_on_page_one_of_a_two_page_note(
        demo_read_only, tmp_path):
    data = libreoffice_pdf(austria_note().docx, tmp_path)
    pages = [page for page in pdf_pages(data) if page.strip()]
    assert len(pages) >= 2
    assert at_the_foot_of_page_one(data)
    assert all("Mission of Austria" not in " ".join(page.split()) for page in pages[1:])
    assert "Vienna, 15 August 2012" in pages[-1] and "- 2 -" in pages[1]


def test_the_arabic_footer_reads_from_the_right_with_bold_on_complex_scripts(demo_read_only):
    document = Document(io.BytesIO(austria_note("ar").docx))
    footer = document.sections[0].first_page_footer._element
    first = footer.find(qn("w:p"))
    properties = first.find(qn("w:pPr"))
    assert properties.find(qn("w:bidi")) is not None
    jc = properties.find(qn("w:jc"))
    assert jc is None or jc.get(qn("w:val")) in {"left", "start"}  # the start: the right edge
    assert first.find(f".//{qn('w:bCs')}") is not None
    assert "البعثة الدائمة" in "".join(t.text for t in first.iter(qn("w:t")))


def test_the_pdf_has_the_addressee_at_the_foot_of_page_one_of_a_two_page_note(demo_read_only):
    data = austria_note().pdf
    printed = [page for page in pdf_pages(data) if page.strip()]
    assert len(printed) >= 2 and len(printed) == len(pages_of(data))
    assert at_the_foot_of_page_one(data)


def test_the_arabic_pdf_has_the_addressee_at_the_foot_of_page_one_on_the_right(demo_read_only):
    data = austria_note("ar").pdf
    pages = list(extract_pages(io.BytesIO(data)))
    assert len(pages) >= 2
    first = pages[0]
    foot = [box for box in first if isinstance(box, LTTextBox) and box.y1 < first.height / 4]
    # one short block, against the right margin (the body above runs the full width)
    assert foot and all(box.x0 > first.width / 3 for box in foot)
    assert max(box.x1 for box in foot) > first.width * 0.8


def test_chromium_prints_the_html_with_the_addressee_at_the_foot_of_page_one(
        demo_read_only, page):
    page.set_content(austria_note().html)
    data = page.pdf(prefer_css_page_size=True)
    pages = [text for text in pdf_pages(data) if text.strip()]
    assert len(pages) >= 2
    assert len(pages) == len(pages_of(data))  # no page left blank (the stamp's room alone)
    assert at_the_foot_of_page_one(data)
    assert all("Mission of Austria" not in " ".join(text.split()) for text in pages[1:])


def test_the_arabic_html_isolates_telephone_numbers_and_references_left_to_right(
        demo_read_only):
    html = austria_note("ar").html
    assert '<bdi dir="ltr">+43-1 26060 5841</bdi>' in html
    assert f'<bdi dir="ltr">{REFERENCE}</bdi>' in html
    assert '<bdi dir="ltr">UNCAC.COP@unodc.org</bdi>' in html
    assert "<bdi" not in austria_note("en").html  # left to right already


def test_one_definition_of_a_left_to_right_run_serves_word_and_html():
    text = "فاكس: +43-1 26060 5841، أو UNCAC.COP@unodc.org. (فيينا، 2011)"
    runs = [piece for piece, ltr in render.ltr_runs(text) if ltr]
    assert runs == ["+43-1 26060 5841", "UNCAC.COP@unodc.org", "2011"]
    assert render.isolate_ltr(text).count(render.LRI) == 3


def cica_secretariat() -> Secretariat:
    return db.session.scalar(sa.select(Secretariat).where(Secretariat.slug == "cica"))


def cica_note(language: str) -> note_service.Draft:
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["cica_swg"]))
    return note_service.draft_circular(meeting, language)


@pytest.mark.parametrize(("language", "left", "right"), [
    ("en", "SECRETARIAT OF THE CONFERENCE", "СЕКРЕТАРИАТ СОВЕЩАНИЯ"),
    ("ru", "SECRETARIAT OF THE CONFERENCE", "СЕКРЕТАРИАТ СОВЕЩАНИЯ"),  # as NCT/CT/708 is printed
    ("kk", "АЗИЯДАҒЫ ӨЗАРА", "СЕКРЕТАРИАТ СОВЕЩАНИЯ"),
])
def test_the_cica_letterhead_is_english_and_russian_side_by_side_in_every_language(
        demo_read_only, language, left, right):
    written = cica_note(language)
    document = Document(io.BytesIO(written.docx))
    table = document.tables[0]
    cells = [cell.text for cell in table.rows[0].cells]
    assert cells[0].startswith(left) and cells[1].startswith(right)
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is None
    assert "w:tblBorders" not in table._tbl.xml  # borderless
    html = written.html
    assert html.index('<table class="letterheads"') < html.index('class="reference"')
    first, second = html.split('<td lang="')[1:3]
    assert left in first and right in second


def test_an_arabic_note_reads_its_two_letterheads_from_the_right():
    paragraphs = render.parse("[letterhead] مكتب الأمم المتحدة\n\nنص المذكرة")
    companion = render.Companion("en", "UNITED NATIONS OFFICE")
    document = Document(io.BytesIO(render.to_docx(paragraphs, "ar", companion=companion)))
    table = document.tables[0]
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None  # first cell on the right
    own, other = table.rows[0].cells
    assert own.text == "مكتب الأمم المتحدة" and other.text == "UNITED NATIONS OFFICE"
    assert own.paragraphs[0]._p.pPr.find(qn("w:bidi")) is not None
    assert other.paragraphs[0]._p.pPr.find(qn("w:bidi")) is None
    html = render.to_html(paragraphs, "ar", "t", companion=companion)
    assert '<td lang="ar" dir="rtl">' in html and '<td lang="en" dir="ltr">' in html


def test_the_second_letterhead_language_is_chosen_on_the_settings_page_and_audited(
        client, login_as, make_secretariat, make_user, app):
    ots = make_secretariat("ots", languages=["en", "ru"])
    login_as(make_user(ots, Role.ADMIN))
    page = client.get("/secretariat/secretariats/ots/settings")
    assert "Second language of the letterhead" in text_of(page)
    saved = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, letterhead_second_language="ru", letterhead="ORGANIZATION OF TURKIC STATES",
        **{"loc-ru-letterhead": "ОРГАНИЗАЦИЯ ТЮРКСКИХ ГОСУДАРСТВ"}))
    assert saved.status_code == 302
    db.session.expire_all()
    assert ots.letterhead_second_language == "ru"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "settings changed"))
    assert event.changes["letterhead_second_language"] == [None, "ru"]
    from meetings.drafting.context import letterhead_companion

    assert letterhead_companion(ots, "en") == render.Companion(
        "ru", "ОРГАНИЗАЦИЯ ТЮРКСКИХ ГОСУДАРСТВ")
    assert letterhead_companion(ots, "ru") == render.Companion(
        "en", "ORGANIZATION OF TURKIC STATES", first=True)
    wrong = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, letterhead_second_language="xx"))
    assert wrong.status_code == 422


def test_the_office_in_running_text_is_set_on_the_settings_page_within_its_column(
        client, login_as, make_secretariat, make_user):
    ots = make_secretariat("ots", languages=["en", "ru"])
    login_as(make_user(ots, Role.ADMIN))
    too_long = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, office_short="the Secretariat " + "x" * 120))
    assert too_long.status_code == 422
    at_limit = "the Office" + "x" * 110
    saved = client.post("/secretariat/secretariats/ots/settings", data=settings_form(
        ots, office_short=at_limit, **{"loc-ru-office_short": "Секретариату"}))
    assert saved.status_code == 302
    db.session.expire_all()
    assert ots.office_short == at_limit and len(at_limit) == 120  # PostgreSQL stores it whole
    assert ots.localized["ru"]["office_short"] == "Секретариату"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "settings changed"))
    assert event.changes["office_short"] == [None, at_limit]


def test_the_focus_of_a_meeting_is_set_on_the_meeting_form_within_its_column(
        client, login_as, make_secretariat, make_user):
    from tests.test_meeting_form import GOOD

    login_as(make_user(make_secretariat(), Role.OFFICER))
    too_long = client.post("/secretariat/meetings/new", data={**GOOD, "focus": "x" * 301})
    assert too_long.status_code == 422 and "x" * 301 in too_long.get_data(as_text=True)
    focus = "corruption-related issues " + "x" * 274
    created = client.post("/secretariat/meetings/new", data={**GOOD, "focus": focus})
    assert created.status_code == 302
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == GOOD["slug"]))
    assert meeting.focus == focus and len(focus) == 300
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.object_type == "Meeting"))
    assert event.changes["focus"] == focus


def test_the_demo_note_still_says_with_a_focus_only_on_corruption_related_issues(demo_read_only):
    text = austria_note().text
    assert "with a focus only on corruption-related issues" in text
    assert "should be provided to the Office as soon as possible" in text


def test_the_docx_xml_has_the_addressee_only_in_the_footer_part(demo_read_only):
    parts = zipfile.ZipFile(io.BytesIO(austria_note().docx))
    document = parts.read("word/document.xml").decode()
    footers = [parts.read(name).decode() for name in parts.namelist()
               if name.startswith("word/footer")]
    block = f">{AUSTRIA}</w:t>"
    assert block not in document
    assert sum(block in footer for footer in footers) == 1
    assert 'w:type="first"' in document  # the footer is the first page's



def test_the_arabic_pdf_draws_no_glyph_over_another_around_its_isolated_runs(demo_read_only):
    """WeasyPrint drew the comma after an isolating element over the number before it."""
    data = austria_note("ar").pdf
    overlaps = []
    for page in extract_pages(io.BytesIO(data), laparams=LAParams(char_margin=200)):
        for box in (b for b in page if isinstance(b, LTTextBox)):
            for line in box:
                chars = sorted((c for c in line if isinstance(c, LTChar) and c.get_text().strip()
                                and not unicodedata.category(c.get_text()[0]).startswith("M")),
                               key=lambda c: c.x0)
                overlaps += [(a.get_text(), b.get_text())
                             for a, b in zip(chars, chars[1:], strict=False)
                             if b.x0 < a.x1 - 1.5]
    assert overlaps == []


LONG_ADDRESSEE = "\n".join(["MEMBER STATES", "OF THE CONFERENCE ON INTERACTION",
                            "AND CONFIDENCE BUILDING MEASURES", "IN ASIA", "OBSERVER STATES",
                            "OBSERVER ORGANIZATIONS", "PARTNER ORGANIZATIONS",
                            "OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA"])


def long_note() -> list[render.Paragraph]:
    body = "\n\n".join(f"Paragraph {n}: " + "the Secretariat has the honour to inform " * 12
                       for n in range(1, 9))
    return render.parse(f"[letterhead] CICA\n\n{body}\n\n[place] Astana, 12 June 2024\n\n"
                        f"[addressee] {LONG_ADDRESSEE}")


def foot_clear_of_text(data: bytes) -> bool:
    """Page 1's addressee block lies wholly below the text above it."""
    first = next(iter(extract_pages(io.BytesIO(data))))
    boxes = [box for box in first if isinstance(box, LTTextBox)]
    foot = [box for box in boxes if "MEMBER STATES" in box.get_text()
            or "OBSERVER" in box.get_text()]
    text = [box for box in boxes if "Paragraph" in box.get_text()]
    return bool(foot and text) and max(box.y1 for box in foot) < min(box.y0 for box in text)


def test_a_long_collective_addressee_stays_on_page_one_below_the_text(page):
    html = render.to_html(long_note(), "en", "NCT/CT/708")
    assert foot_clear_of_text(render_pdf(html))
    page.set_content(html)
    assert foot_clear_of_text(page.pdf(prefer_css_page_size=True))


def render_pdf(html: str) -> bytes:
    from meetings.drafting import pdf

    return pdf.to_pdf(html)
