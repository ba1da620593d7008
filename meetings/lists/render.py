"""Pure builders of the list of participants: print HTML, Word, PDF (LibreOffice), CSV and XLSX.

Each takes the plain data of meetings/services/participants.py and returns bytes or text.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from flask import render_template
from markupsafe import Markup

from meetings import tabular
from meetings.services.participants import ParticipantsList, rows

FORMATS = ("html", "docx", "pdf", "csv", "xlsx")
MIME = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": tabular.CSV_MIME,
    "xlsx": tabular.XLSX_MIME,
}
STYLESHEET = Path(__file__).with_name("participants.css")
CONVERT_TIMEOUT = 180


class ConverterMissing(RuntimeError):
    """No LibreOffice on this machine: the PDF cannot be written (the .docx and HTML can)."""


def as_format(participants: ParticipantsList, fmt: str) -> bytes:
    if fmt == "html":
        return to_html(participants).encode("utf-8")
    if fmt == "docx":
        return to_docx(participants)
    if fmt == "pdf":
        return to_pdf(participants)
    columns, data = rows(participants)
    if fmt == "csv":
        return tabular.csv_bytes(columns, data)
    if fmt == "xlsx":
        return tabular.xlsx_bytes(columns, data, title=participants.title)
    raise ValueError(f"unknown format {fmt!r}")


def filename(participants: ParticipantsList, fmt: str) -> str:
    slug = participants.meetings[0].slug if participants.meetings else "meeting"
    whole = "-group" if participants.is_group else ""
    return f"participants-{slug}{whole}-{participants.language}-{participants.status}.{fmt}"


# --- HTML --------------------------------------------------------------------------------------

def css_string(text: str) -> str:
    """A CSS string literal whose content cannot close the string, the rule or the <style>."""
    return '"' + "".join(ch if ch.isalnum() or ch in " ./-()_" else f"\\{ord(ch):x} "
                         for ch in text) + '"'


def to_html(participants: ParticipantsList) -> str:
    """A4, the symbol as running header, page numbers at the foot (@page margin boxes)."""
    header = css_string(participants.symbol or participants.title)
    side = "left" if participants.direction == "rtl" else "right"
    page = css_string(participants.label("page") + " ")
    style = (STYLESHEET.read_text("utf-8")
             + f"@page {{ @top-{side} {{ content: {header}; }}"
             f" @bottom-center {{ content: {page} counter(page); }} }}\n")
    return render_template("documents/participants.html", doc=participants,
                           stylesheet=Markup("<style>\n{}</style>").format(Markup(style)))  # noqa: S704  (our file; the symbol is CSS-escaped)


# --- Word --------------------------------------------------------------------------------------

def to_docx(participants: ParticipantsList) -> bytes:
    """Real Heading styles, so Word's navigation pane shows meetings, categories and parties."""
    rtl = participants.direction == "rtl"
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(11)
    head = section.header.paragraphs[0]
    head.text = participants.symbol
    head.alignment = WD_ALIGN_PARAGRAPH.LEFT if rtl else WD_ALIGN_PARAGRAPH.RIGHT
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(foot)

    def paragraph(text: str = "", style: str | None = None):
        p = document.add_paragraph(text, style=style) if style else document.add_paragraph(text)
        if rtl:
            _right_to_left(p)
        return p

    def heading(text: str, level: int):
        h = document.add_heading(text, level=level)
        if rtl:
            _right_to_left(h)
        return h

    paragraph(participants.secretariat)
    for part in participants.meetings if not participants.is_group else []:
        paragraph(f"{part.title}\n{part.dates}")
    paragraph(f"{participants.title} ({participants.status_label})", "Title")
    base = 2 if participants.is_group else 1
    for part in participants.meetings:
        if participants.is_group:
            heading(part.title, 1)
            paragraph(part.dates)
        if not part.sections:
            paragraph(participants.label("none"))
        for category in part.sections:
            heading(category.heading, base)
            for entry in category.parties:
                name = entry.name + (f" ({participants.label('submitted')})"
                                     if entry.submitted else "")
                heading(name, base + 1)
                for person in entry.delegates:
                    p = paragraph()
                    p.paragraph_format.space_after = Pt(6)
                    p.paragraph_format.keep_together = True
                    if person.honorific:
                        p.add_run(person.honorific + " ")
                    for index, (text, is_family) in enumerate(person.name_parts):
                        run = p.add_run((person.joiner if index else "") + text)
                        if is_family and participants.family_name_style == "small_caps":
                            run.font.small_caps = True
                    if person.position:
                        p.add_run().add_break()
                        p.add_run(person.position).italic = True
        _counts_docx(participants, part.counts, paragraph, heading, base)
    if participants.is_group:
        _counts_docx(participants, participants.total, paragraph, heading, 1)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _counts_docx(participants, counts, paragraph, heading, level) -> None:
    heading(participants.label("counts"), level)
    for key in ("states", "organizations", "delegates"):
        paragraph(f"{participants.label(key)}: {getattr(counts, key)}")
    if counts.genders_given:
        for key in ("women", "men"):
            paragraph(f"{participants.label(key)}: {getattr(counts, key)}")


def _page_field(paragraph) -> None:
    """A PAGE field: Word and LibreOffice number each page themselves."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _right_to_left(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(ppr.makeelement(qn("w:bidi"), {}))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


# --- PDF ---------------------------------------------------------------------------------------

def converter() -> str | None:
    """LibreOffice's program, if this machine has one."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(participants: ParticipantsList) -> bytes:
    """The .docx converted by LibreOffice headless: the PDF is the document the secretariat edits,
    headings, running header and page numbers included."""
    program = converter()
    if program is None:
        raise ConverterMissing("No PDF converter: install LibreOffice Writer "
                               "(apt-get install libreoffice-writer-nogui); the HTML and the "
                               ".docx are available without it.")
    with tempfile.TemporaryDirectory(prefix="participants-") as work:
        source = os.path.join(work, "participants.docx")
        with open(source, "wb") as handle:
            handle.write(to_docx(participants))
        profile = Path(work, "profile").as_uri()  # its own profile: conversions run side by side
        subprocess.run(  # noqa: S603
            [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", work, source],
            check=True, capture_output=True, timeout=CONVERT_TIMEOUT)
        with open(os.path.join(work, "participants.pdf"), "rb") as handle:
            return handle.read()
