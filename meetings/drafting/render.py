"""A rendered note's markup, turned into plain text, print-ready HTML and Word.

Markup: paragraphs separated by blank lines; **bold**; a paragraph may start with a block tag:
[letterhead], [reference], [enclosure], [place], [addressee], [link], [motto]; others are body.
"""
from __future__ import annotations

import base64
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from markupsafe import Markup, escape

from meetings import languages
from meetings.drafting import links
from meetings.drafting.templating import BLOCK, BOLD

BLOCKS = {"letterhead", "reference", "enclosure", "place", "addressee", "link", "motto", "body"}
RTL = languages.RTL
_TAG = re.compile(r"^\[(\w+)\]\s*")


@dataclass
class Paragraph:
    kind: str
    runs: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def _restore(text: str) -> str:
    return text.replace(BOLD, "*").replace(BLOCK, "[")


def parse(markup: str) -> list[Paragraph]:
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", markup.strip()):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        kind = "body"
        tag = _TAG.match(chunk)
        if tag and tag.group(1) in BLOCKS:
            kind, chunk = tag.group(1), chunk[tag.end():]
        if kind == "body":
            chunk = re.sub(r"[ \t]*\n[ \t]*", " ", chunk.strip())
        runs = [(_restore(part), i % 2 == 1) for i, part in enumerate(chunk.split("**")) if part]
        paragraphs.append(Paragraph(kind, runs))
    return paragraphs


def to_text(paragraphs: list[Paragraph]) -> str:
    """Plain UTF-8 text, one blank line between paragraphs, bold left unmarked."""
    return "\n\n".join(p.text for p in paragraphs) + "\n"


def to_html(paragraphs: list[Paragraph], language: str, title: str,
            letterhead_image: tuple[str, bytes] | None = None) -> str:
    """A print-ready A4 page; every piece of text is escaped."""
    direction = "rtl" if language in RTL else "ltr"
    body = []
    if letterhead_image:  # (content type, bytes), already checked to be PNG or JPEG
        body.append(Markup('<p class="letterhead-image"><img src="data:{};base64,{}" alt=""></p>')
                    .format(letterhead_image[0], base64.b64encode(letterhead_image[1]).decode()))
    for p in paragraphs:
        if p.kind == "code":  # the QR code of the private link, drawn when it goes out
            body.append(Markup(links.qr_html()))  # noqa: S704  (our constant markup)
        inner = Markup("").join(
            Markup("<strong>{}</strong>").format(text) if bold else escape(text)
            for text, bold in p.runs
        ).replace("\n", Markup("<br>"))
        if p.kind == "link" and links.is_url(p.text):  # a real link in the browser and the PDF
            inner = Markup('<a href="{}">{}</a>').format(p.text.strip(), inner)
        body.append(Markup('<p class="{}">{}</p>').format(p.kind, inner))
    return str(Markup(HTML_PAGE).format(  # noqa: S704  (HTML_PAGE is our constant; values escaped)
        lang=language, dir=direction, title=title, body=Markup("\n").join(body)))


HTML_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: A4; margin: 2.5cm 2.5cm 2.5cm 2.5cm; }}
body {{ font-family: "Times New Roman", "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif;
  font-size: 12pt; line-height: 1.4; max-width: 16cm; margin: 2cm auto; color: #000; }}
p {{ margin: 0 0 12pt; }}
p.body {{ text-align: justify; text-indent: 1.25cm; }}
p.letterhead-image {{ text-align: center; }}
p.letterhead-image img {{ max-height: 3cm; max-width: 100%; }}
p.letterhead {{ text-align: center; font-weight: bold; white-space: pre-line; }}
p.motto {{ text-align: center; font-style: italic; font-size: 10pt; margin-top: 24pt; }}
p.reference {{ font-weight: normal; margin-bottom: 18pt; }}
p.enclosure {{ font-style: italic; white-space: pre-line; }}
p.place {{ margin-top: 18pt; }}
p.link {{ text-align: center; word-break: break-all; }}
p.link a {{ color: inherit; }}
p.link {{ direction: ltr; unicode-bidi: isolate; }}
p.qr {{ text-align: center; margin: 0 0 6pt; }}
p.code {{ text-align: center; font-size: 11pt; }}
p.addressee {{ font-weight: bold; white-space: pre-line; margin-top: 30pt; }}
@media print {{ body {{ margin: 0; }} }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def to_docx(paragraphs: list[Paragraph], language: str,
            letterhead_image: tuple[str, bytes] | None = None) -> bytes:
    """A Word document with real paragraphs, bold runs, A4 page, right to left for Arabic."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if letterhead_image:
        document.add_picture(io.BytesIO(letterhead_image[1]), height=Cm(2.5))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for p in paragraphs:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(12)
        if p.kind == "body":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(1.25)
        elif p.kind in {"letterhead", "motto", "link"}:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if language in RTL:
            _right_to_left(paragraph)
        for text, bold in p.runs:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                if bold or p.kind in {"letterhead", "addressee"}:
                    run.bold = True  # only set what is on: each property is XML in the file
                if p.kind in {"motto", "enclosure"}:
                    run.italic = True
                if language in RTL:
                    run._r.get_or_add_rPr().append(run._r.makeelement(qn("w:rtl"), {}))
                if i < len(lines) - 1:
                    run.add_break()
    localize_docx(document, language)
    links.finish_docx(document, language)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- The note's language in Word: tags, fonts, complex-script bold, bidi alignment, page numbers ---

# The language Word checks spelling and chooses fonts by, per note language.
DOCX_LANGUAGE = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA",
                 "zh": "zh-CN", "kk": "kk-KZ"}
EAST_ASIAN_FONT = "SimSun"  # 宋体, the UN's Chinese body font
COMPLEX_FONT = "Times New Roman"  # has Arabic glyphs; Word uses the cs font for Arabic runs
# Numbers, e-mail addresses and URLs stay left to right inside Arabic text: "+43-1 26060 5841"
# must not read "5841 26060 1-43+". Each is wrapped in a left-to-right isolate (U+2066 … U+2069).
_LTR = re.compile(r"[+]?[0-9A-Za-z][0-9A-Za-z@.+\-/:_%#?=&~]*(?:[ ][+0-9A-Za-z][0-9A-Za-z@.+\-/:_]*)*")
LRI, PDI = "\u2066", "\u2069"


def isolate_ltr(text: str) -> str:
    """Left-to-right sequences of an Arabic text, each in its own isolate."""
    def wrap(match: re.Match) -> str:
        sequence = match.group(0)
        kept = sequence.rstrip(".,:;")  # the sentence's own stop stays outside, at its end
        return f"{LRI}{kept}{PDI}{sequence[len(kept):]}"
    return _LTR.sub(wrap, text)


def localize_docx(document, language: str) -> None:
    """Make the document speak the note's language, as Word reads it.

    - `w:lang` on the default run properties (and `w:eastAsia`, `w:bidi`), so Word checks the
      right spelling and the file is not tagged en-US;
    - East Asian and complex-script fonts and sizes (`w:rFonts eastAsia/cs`, `w:szCs`);
    - bold and italic also on complex scripts (`w:bCs`, `w:iCs`): Word ignores `w:b` for Arabic;
    - in a right-to-left paragraph Word reads `jc="left"` as the start (right) edge and
      `jc="right"` as the end (left): paragraphs aligned to the right are written `left`;
    - continuation pages numbered "- 2 -" in the header, the first page without a number.
    """
    tag = DOCX_LANGUAGE.get(language, language)
    normal = document.styles["Normal"].element.get_or_add_rPr()
    fonts = normal.find(qn("w:rFonts"))
    if fonts is None:
        fonts = normal.makeelement(qn("w:rFonts"), {})
        normal.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT if language == "zh" else "Times New Roman")
    fonts.set(qn("w:cs"), COMPLEX_FONT)
    size_cs = normal.makeelement(qn("w:szCs"), {qn("w:val"): "24"})
    normal.append(size_cs)
    lang = normal.find(qn("w:lang"))
    if lang is None:
        lang = normal.makeelement(qn("w:lang"), {})
        normal.append(lang)
    for lang in document.styles.element.iter(qn("w:lang")):  # Normal and the document defaults
        lang.set(qn("w:val"), "en-GB" if language in RTL or language == "zh" else tag)
        lang.set(qn("w:eastAsia"), tag if language == "zh" else "zh-CN")
        lang.set(qn("w:bidi"), tag if language in RTL else "ar-SA")
    body = document.element.body
    for run_properties in body.iter(qn("w:rPr")):
        for plain, complex_ in (("w:b", "w:bCs"), ("w:i", "w:iCs")):
            if run_properties.find(qn(plain)) is not None                     and run_properties.find(qn(complex_)) is None:
                run_properties.append(run_properties.makeelement(qn(complex_), {}))
    if language in RTL:
        for paragraph_properties in body.iter(qn("w:pPr")):
            if paragraph_properties.find(qn("w:bidi")) is None:
                continue
            jc = paragraph_properties.find(qn("w:jc"))
            if jc is not None and jc.get(qn("w:val")) == "right":
                jc.set(qn("w:val"), "left")
        for text in body.iter(qn("w:t")):
            if text.text:
                text.text = isolate_ltr(text.text)
    _continuation_numbers(document)


def _continuation_numbers(document) -> None:
    """"- 2 -", "- 3 -" centred at the head of every page but the first."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind:
            run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
        elif text == " PAGE ":
            instruction = run._r.makeelement(qn("w:instrText"), {})
            instruction.text = text
            instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._r.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" -")


def _right_to_left(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(ppr.makeelement(qn("w:bidi"), {}))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if paragraph.alignment is None \
        else paragraph.alignment


def replace_in_docx(data: bytes, replace: Callable[[str], str]) -> bytes:
    """The same .docx with `replace` applied to the text of its document XML, parts kept as they
    are (a marker sits inside one run: the notes' links are written as one run)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {}
    for item in source.infolist():
        content = source.read(item.filename)
        if item.filename.startswith("word/") and item.filename.endswith((".xml", ".rels")):
            content = replace(content.decode("utf-8")).encode("utf-8")  # .rels: hyperlinks
        parts[item.filename] = content
    parts = links.refresh_qr(parts)  # the QR code of the link just filled in
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, parts[item.filename])
    return buffer.getvalue()

