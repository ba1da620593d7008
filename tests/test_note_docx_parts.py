"""The Word file written quickly (the template's styles made once a language, constant parts
deflated once, runs written straight into their XML) is the one python-docx writes: the same
parts with the same bytes, in the same order, in the same kind of zip."""
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from meetings.drafting import links, render, wordfile
from tests.helpers import docx_text
from tests.test_note_docx import invitation_of

LOGO = ("image/png", links.qr_png("a secretariat's own letterhead picture"))


def parts(data: bytes) -> list[tuple[str, bytes]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return [(item.filename, archive.read(item.filename)) for item in archive.infolist()]


def plain_docx(paragraphs, language, letterhead_image=None, companion=None) -> bytes:
    """The note as python-docx alone writes it: its whole template, its save."""
    document = docx.Document()
    render.style_docx(document, language)
    render.write_docx(document, paragraphs, language, letterhead_image, companion)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("code", "language"), [
    ("AUT", "en"), ("FRA", "fr"), ("ESP", "es"), ("RUS", "ru"), ("EGY", "ar"), ("CHN", "zh"),
])
@pytest.mark.parametrize("layout", ["plain", "letterhead picture", "two letterheads", "both"])
def test_the_word_note_has_the_parts_python_docx_writes(demo_read_only, code, language, layout):
    from meetings.services.notes import draft

    note = draft(invitation_of(code), language)
    picture = LOGO if layout in {"letterhead picture", "both"} else None
    companion = render.Companion("ru" if language != "ru" else "en", "ОРГАНИЗАЦИЯ / ORGANIZATION",
                                 first=language == "ar") \
        if layout in {"two letterheads", "both"} else None
    fast = render.to_docx(note.paragraphs, language, picture, companion)
    plain = plain_docx(note.paragraphs, language, picture, companion)
    assert parts(fast) == parts(plain)  # document, header, footer, styles, rels: every byte
    assert docx_text(fast) == docx_text(plain)
    if layout == "plain":
        assert parts(note.docx) == parts(fast)  # what the service writes (but the date)


def test_runs_bold_italic_right_to_left_breaks_tabs_and_spaces_are_written_as_python_docx_does():
    markup = ("[letterhead] HEAD\nSECOND LINE\n\n  Body with **bold**\tand a tab, "
              "ending with a space \n\n[motto] **bold and italic** italic\n\n"
              "[enclosure] Enclosure\n\n[addressee] A\n\nB\n\n[place] Vienna, 1 June")
    for language in ("en", "ar", "zh"):
        paragraphs = render.parse(markup)
        assert parts(render.to_docx(paragraphs, language)) == \
            parts(plain_docx(paragraphs, language))
    # each run against python-docx's own add_run, bold, italic
    for line in ("text", " leading", "trailing ", "a\tb", "", "\t"):
        for bold in (False, True):
            for italic in (False, True):
                for rtl in (False, True):
                    ours = docx.Document().add_paragraph()
                    render._docx_run(ours, line, bold, italic, rtl)
                    theirs = docx.Document().add_paragraph()
                    run = theirs.add_run(line)
                    if bold:
                        run.bold = True
                    if italic:
                        run.italic = True
                    if rtl:
                        run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:rtl"), {}))
                    assert ours._p.xml == theirs._p.xml


def original_paragraph(paragraph, p: render.Paragraph, rtl: bool) -> None:
    """A paragraph as the notes wrote it with python-docx's API, property by property."""
    render._format_paragraph(paragraph, p.kind, rtl)
    for text, bold in p.runs:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if bold or p.kind in {"letterhead", "addressee"}:
                run.bold = True
            if p.kind in {"motto", "enclosure"}:
                run.italic = True
            if rtl:
                run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:rtl"), {}))
            if i < len(lines) - 1:
                run.add_break()


@pytest.mark.parametrize("kind", sorted(render.BLOCKS))
@pytest.mark.parametrize("rtl", [False, True])
def test_each_kind_of_paragraph_is_written_as_python_docx_writes_it(kind, rtl):
    p = render.Paragraph(kind, [("Plain ", False), ("bold\nnext line", True), (" 12\tend ", False)])
    for where in ("body", "cell", "footer"):
        ours, theirs = docx.Document(), docx.Document()
        if where == "body":
            mine, original = ours.add_paragraph(), theirs.add_paragraph()
        elif where == "cell":
            mine, original = (d.add_table(rows=1, cols=1).rows[0].cells[0].paragraphs[0]
                              for d in (ours, theirs))
        else:  # the footer's own first paragraph has its style already
            mine, original = (d.sections[0].footer.paragraphs[0] for d in (ours, theirs))
        render._docx_paragraph(mine, p, "ar" if rtl else "en", rtl)
        original_paragraph(original, p, rtl)
        assert mine._p.xml == original._p.xml
        if where == "body":
            assert ours.element.xml == theirs.element.xml


def test_the_zip_is_the_one_zipfile_writes_for_python_docx_but_its_date():
    paragraphs = render.parse("[letterhead] X\n\nText\n\n[addressee] A\n\n[place] V")
    date = (2026, 12, 2, 10, 30, 44)
    document = wordfile.new_document()
    render.write_docx(document, paragraphs, "fr")
    fast = wordfile.save(document, render.docx_styles("fr"), date_time=date)
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w") as target:  # python-docx's zip, each member dated `date`
        source = zipfile.ZipFile(io.BytesIO(plain_docx(paragraphs, "fr")))
        for item in source.infolist():
            member = zipfile.ZipInfo(item.filename, date_time=date)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = item.external_attr
            member.create_system = item.create_system
            target.writestr(member, source.read(item.filename))
    assert fast == again.getvalue()


def test_the_styles_of_a_language_are_not_another_languages():
    assert render.docx_styles("fr") != render.docx_styles("en")
    styles = {language: render.docx_styles(language) for language in ("en", "ar", "zh")}
    for language, data in styles.items():
        document = docx.Document()
        render.style_docx(document, language)
        assert document.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
        ).blob == data


def test_styles_changed_on_a_note_built_without_them_are_refused_not_lost():
    document = wordfile.new_document()
    render.write_docx(document, render.parse("Text"), "en")
    document.styles.element.append(document.styles.element.makeelement(qn("w:style"), {}))
    with pytest.raises(RuntimeError, match="styles"):
        wordfile.save(document, render.docx_styles("en"))
