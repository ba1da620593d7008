"""A rendered note's markup, turned into plain text, print-ready HTML and Word.

Markup: paragraphs separated by blank lines; **bold**; a paragraph may start with a block tag:
[letterhead], [reference], [enclosure], [place], [addressee], [link], [motto]; others are body.
"""
from __future__ import annotations

import base64
import copy
import functools
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from meetings import languages
from meetings.drafting import links, wordfile
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


# The blocks at the foot of the first page (UN Correspondence Manual: the addressee bottom left,
# under it the motto of the letterhead paper), whatever the note's length.
FOOT = ("addressee", "motto")
STAMP_ROOM = Cm(3)  # under place and date: the stamp and the initials of the officer who signs


@dataclass(frozen=True)
class Companion:
    """The letterhead in a second language, set beside the note's own (CICA: English, Russian)."""

    language: str
    text: str
    first: bool = False  # before the note's own: a Russian CICA note has English left, as printed


def _letterhead_columns(own: Paragraph, language: str,
                        companion: Companion) -> list[tuple[str, list[tuple[str, bool]]]]:
    """(language, runs) of each column in reading order: the note's own, then the companion's."""
    columns = [(language, own.runs), (companion.language, [(companion.text, True)])]
    return columns[::-1] if companion.first else columns


def _html_runs(runs: list[tuple[str, bool]], rtl: bool) -> Markup:
    """Runs as markup; in a right-to-left note every left-to-right run is isolated, as in Word."""
    def piece(text: str) -> Markup:
        if not rtl:
            return escape(text)
        return Markup("").join(Markup('<bdi dir="ltr">{}</bdi>').format(part) if ltr
                               else escape(part) for part, ltr in ltr_runs(text))
    return Markup("").join(
        Markup("<strong>{}</strong>").format(piece(text)) if bold else piece(text)
        for text, bold in runs
    ).replace("\n", Markup("<br>"))


def to_html(paragraphs: list[Paragraph], language: str, title: str,
            letterhead_image: tuple[str, bytes] | None = None,
            companion: Companion | None = None) -> str:
    """A print-ready A4 page; every piece of text is escaped. The addressee (and the motto) sit
    at the foot of the first page, the text running past them to the next page."""
    rtl = language in RTL
    direction = "rtl" if rtl else "ltr"
    body: list[Markup] = []
    foot: list[Markup] = []
    if letterhead_image:  # (content type, bytes), already checked to be PNG or JPEG
        body.append(Markup('<p class="letterhead-image"><img src="data:{};base64,{}" alt=""></p>')
                    .format(letterhead_image[0], base64.b64encode(letterhead_image[1]).decode()))
    for p in paragraphs:
        if p.kind == "code":  # the QR code of the private link, drawn when it goes out
            body.append(Markup(links.qr_html()))  # noqa: S704  (our constant markup)
        if p.kind == "letterhead" and companion is not None:
            cells = Markup("").join(
                Markup('<td lang="{}" dir="{}">{}</td>').format(
                    lang, "rtl" if lang in RTL else "ltr", _html_runs(runs, lang in RTL))
                for lang, runs in _letterhead_columns(p, language, companion))
            body.append(Markup('<table class="letterheads" role="presentation"><tr>{}</tr></table>')
                        .format(cells))
            continue
        inner = _html_runs(p.runs, rtl)
        if p.kind == "link" and links.is_url(p.text):  # a real link in the browser and the PDF
            inner = Markup('<a href="{}">{}</a>').format(p.text.strip(), inner)
        paragraph = Markup('<p class="{}">{}</p>').format(p.kind, inner)
        (foot if p.kind in FOOT else body).append(paragraph)
    first_page_foot = Markup('<div class="first-page-room"></div>\n<div class="first-page-foot">'
                             '{}</div>').format(Markup("\n").join(foot)) if foot else Markup("")
    foot_height = _foot_height([p for p in paragraphs if p.kind in FOOT])
    return str(Markup(HTML_PAGE).format(  # noqa: S704  (HTML_PAGE is our constant; values escaped)
        lang=language, dir=direction, title=title, foot=first_page_foot,
        foot_height=f"{foot_height:.1f}", room_height=f"{PAGE_TEXT_HEIGHT - foot_height:.1f}",
        body=Markup("\n").join(body)))


PAGE_TEXT_HEIGHT = 24.6  # cm: A4's 29.7 less the margins of 2.5, less 1 mm against rounding
LINE_CM = 0.6  # a 12 pt line at 1.4 spacing
FOOT_LETTERS = 48  # letters of a bold 12 pt line in the addressee's 10 cm


def _foot_height(foot: list[Paragraph]) -> float:
    """The foot's height in cm: 5, or more for a long addressee (eight lines of a collective
    addressee), so it never climbs over the text above it."""
    lines = sum(max(1, -(-len(line) // FOOT_LETTERS)) for p in foot for line in p.text.split("\n"))
    return max(5.0, LINE_CM * lines + 1.5)


# The first page's foot: a float of fixed height pushed to the bottom of the page by an empty
# float above it (both at the top of the text, so their heights add up to the page's); the text
# runs beside the empty one and passes below the foot, onto page 2. Floats lay out the same in
# WeasyPrint (the PDF) and in a browser's print, which has no running elements.
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
table.letterheads {{ width: 100%; border-collapse: collapse; margin: 0 0 12pt; }}
table.letterheads td {{ width: 50%; vertical-align: top; text-align: center; font-weight: bold;
  padding: 0 0.3cm; border: 0; }}
p.motto {{ text-align: center; font-style: italic; font-size: 10pt; margin: 6pt 0 0; }}
p.reference {{ font-weight: normal; margin-bottom: 18pt; }}
p.enclosure {{ font-style: italic; white-space: pre-line; }}
p.place {{ margin-top: 18pt; break-before: avoid; page-break-before: avoid; }}
/* the stamp and the initials under place and date: room inside the paragraph, which does not
   split, so the room never goes to a page of its own */
p.place {{ padding-bottom: 3cm; margin-bottom: 0; break-inside: avoid; page-break-inside: avoid; }}
p.link {{ text-align: center; word-break: break-all; }}
p.link a {{ color: inherit; }}
p.link {{ direction: ltr; unicode-bidi: isolate; }}
p.qr {{ text-align: center; margin: 0 0 6pt; }}
p.code {{ text-align: center; font-size: 11pt; }}
div.first-page-room {{ float: left; width: 0; height: {room_height}cm; }}
div.first-page-foot {{ float: left; clear: left; width: 100%; height: {foot_height}cm; display: flex;
  flex-direction: column; justify-content: flex-end; }}
[dir=rtl] div.first-page-room {{ float: right; }}
[dir=rtl] div.first-page-foot {{ float: right; clear: right; }}
p.addressee {{ font-weight: bold; white-space: pre-line; margin: 0; max-width: 10cm; }}
@media print {{ body {{ margin: 0; max-width: none; }} }}
</style>
</head>
<body>
{foot}
{body}
</body>
</html>
"""


def to_docx(paragraphs: list[Paragraph], language: str,
            letterhead_image: tuple[str, bytes] | None = None,
            companion: Companion | None = None) -> bytes:
    """A Word document with real paragraphs, bold runs, A4 page, right to left for Arabic; the
    addressee in the first page's footer, place and date kept with the closing and the stamp.

    Built on python-docx's template without its styles, which depend on the language only
    (`docx_styles`, made once a language), and written by `wordfile.save`: the same parts as
    `write_docx` on `docx.Document()` with `style_docx`, then python-docx's `save`."""
    document = wordfile.new_document()
    write_docx(document, paragraphs, language, letterhead_image, companion)
    return wordfile.save(document, docx_styles(language))


@functools.lru_cache(maxsize=16)
def docx_styles(language: str) -> bytes:
    """The template's styles part as a note in `language` has it: constant bytes a language."""
    document = wordfile.template_document()
    style_docx(document, language)
    return document.part.part_related_by(RT.STYLES).blob


def style_docx(document, language: str) -> None:
    """The styles of a note: Normal in Times New Roman 12 pt, the language's tags and fonts."""
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    localize_styles(document, language)
    links.set_language(document, language)


def write_docx(document, paragraphs: list[Paragraph], language: str,
               letterhead_image: tuple[str, bytes] | None = None,
               companion: Companion | None = None) -> None:
    """The note's page, text, footer and header written into `document` (but its styles)."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    rtl = language in RTL
    if letterhead_image:
        document.add_picture(io.BytesIO(letterhead_image[1]), height=Cm(2.5))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    section.different_first_page_header_footer = True
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    in_footer = [p for p in paragraphs if p.kind in FOOT]
    previous = None
    for p in paragraphs:
        if p.kind == "letterhead" and companion is not None:
            _letterhead_table(document, p, language, companion)
            continue
        if p.kind in FOOT:
            continue
        paragraph = _docx_paragraph(document.add_paragraph(), p, language, rtl)
        if p.kind == "place":
            if previous is not None:  # the closing formula does not stay alone on a page
                previous.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.keep_with_next = True
            room = document.add_paragraph()
            room.paragraph_format.line_spacing = STAMP_ROOM  # an exact height: stamp, initials
            room.paragraph_format.space_after = Pt(0)
        previous = paragraph
    for i, p in enumerate(in_footer):
        paragraph = footer.paragraphs[0] if i == 0 else footer.add_paragraph()
        _docx_paragraph(paragraph, p, language, rtl)
        paragraph.paragraph_format.space_after = Pt(0)
        # a line between the text and the addressee; the motto a little below it
        paragraph.paragraph_format.space_before = Pt(12)
    localize_docx(document, language)
    links.finish_docx(document, language)


def _docx_paragraph(paragraph, p: Paragraph, language: str, rtl: bool):
    """One paragraph of the note written into `paragraph` (of the body, a cell or a footer)."""
    if paragraph._p.pPr is None:  # a new paragraph: its kind's properties, made once
        paragraph._p.insert(0, parse_xml(_paragraph_properties(p.kind, rtl)))
    else:  # the footer's own first paragraph, with its style
        _format_paragraph(paragraph, p.kind, rtl)
    italic = p.kind in {"motto", "enclosure"}
    for text, bold in p.runs:
        bold = bold or p.kind in {"letterhead", "addressee"}
        lines = text.split("\n")
        for i, line in enumerate(lines):
            _docx_run(paragraph, line, bold, italic, rtl)
            if i < len(lines) - 1:
                paragraph._p.r_lst[-1].add_br()  # run.add_break(): a line break
    return paragraph


@functools.lru_cache(maxsize=64)
def _paragraph_properties(kind: str, rtl: bool) -> bytes:
    """The `w:pPr` of a new paragraph of this kind as python-docx writes it, made once: each
    note parses its own (keep-with-next and the footer's spacing then change it)."""
    paragraph = wordfile.new_document().add_paragraph()
    _format_paragraph(paragraph, kind, rtl)
    properties = copy.deepcopy(paragraph._p.pPr)
    etree.cleanup_namespaces(properties)  # only w: is used, declared where it goes
    return etree.tostring(properties)


def _format_paragraph(paragraph, kind: str, rtl: bool) -> None:
    """Spacing, alignment and indent of a kind of paragraph; right to left in Arabic."""
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(12)
    if kind == "body":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(1.25)
    elif kind in {"letterhead", "motto", "link"}:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if rtl:
        _right_to_left(paragraph)


_RUN_PROPERTIES = ("w:b", "w:i", "w:rtl")  # in the schema's order, as python-docx inserts them


def _docx_run(paragraph, line: str, bold: bool, italic: bool, rtl: bool) -> None:
    """`paragraph.add_run(line)` with `run.bold`, `run.italic` and `w:rtl` set when on (only
    what is on: each property is XML in the file), written straight into the run's XML: the
    same elements python-docx writes, without its per-character and per-property lookups."""
    r = paragraph._p.add_r()
    if bold or italic or rtl:
        properties = r.get_or_add_rPr()
        for tag, on in zip(_RUN_PROPERTIES, (bold, italic, rtl), strict=True):
            if on:
                properties.append(properties.makeelement(qn(tag), {}))
    if line and not any(special in line for special in "\t\r\n"):
        r.add_t(line)  # what run.text = line writes for text without tabs and breaks
    elif line:
        r.text = line


def _letterhead_table(document, own: Paragraph, language: str, companion: Companion) -> None:
    """Two letterheads side by side in a borderless table; an Arabic note reads it from the right
    (`w:bidiVisual`), its own heading first."""
    columns = _letterhead_columns(own, language, companion)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    properties = table._tbl.tblPr
    if language in RTL:
        properties.append(properties.makeelement(qn("w:bidiVisual"), {}))
    for column in table.columns:
        column.width = Cm(8)  # the grid LibreOffice reads; Word reads each cell's own width
    for cell, (lang, runs) in zip(table.rows[0].cells, columns, strict=True):
        cell.width = Cm(8)
        _docx_paragraph(cell.paragraphs[0], Paragraph("letterhead", runs), lang, lang in RTL)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


# --- The note's language in Word: tags, fonts, complex-script bold, bidi alignment, page numbers ---

# The language Word checks spelling and chooses fonts by, per note language.
DOCX_LANGUAGE = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA",
                 "zh": "zh-CN", "kk": "kk-KZ"}
EAST_ASIAN_FONT = "SimSun"  # 宋体, the UN's Chinese body font
COMPLEX_FONT = "Times New Roman"  # has Arabic glyphs; Word uses the cs font for Arabic runs
# Numbers, e-mail addresses and URLs stay left to right inside Arabic text: "+43-1 26060 5841"
# must not read "5841 26060 1-43+". Each is wrapped in a left-to-right isolate (U+2066 … U+2069).
# A reference keeps its brackets inside the run: "CU 2012/150(A)/DTA/CEB/CSS".
_LTR = re.compile(r"[+]?[0-9A-Za-z][0-9A-Za-z@.+\-/:_%#?=&~()]*"
                  r"(?:[ ][+0-9A-Za-z][0-9A-Za-z@.+\-/:_()]*)*")
LRI, PDI = "\u2066", "\u2069"


def ltr_runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_left_to_right): numbers, telephone and fax numbers, e-mail
    addresses, URLs and references, each without the sentence's own stop that follows it."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _LTR.finditer(text):
        sequence = match.group(0)
        kept = _own_end(sequence)
        if not kept:
            continue
        if match.start() > last:
            pieces.append((text[last:match.start()], False))
        pieces.append((kept, True))
        last = match.start() + len(kept)
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def _own_end(sequence: str) -> str:
    """The run without what belongs to the sentence around it: its stop, or a bracket of the
    Arabic text closed or opened right after the run ("(فيينا، 2011)")."""
    while sequence:
        if sequence[-1] in ".,:;":
            sequence = sequence[:-1]
        elif sequence[-1] == ")" and sequence.count(")") > sequence.count("("):
            sequence = sequence[:-1]
        elif sequence[-1] == "(":
            sequence = sequence[:-1]
        else:
            return sequence
    return sequence


def isolate_ltr(text: str) -> str:
    """Left-to-right sequences of an Arabic text, each in its own isolate."""
    return "".join(f"{LRI}{piece}{PDI}" if ltr else piece for piece, ltr in ltr_runs(text))


def localize_styles(document, language: str) -> None:
    """Make the styles speak the note's language, as Word reads it.

    - `w:lang` on the default run properties (and `w:eastAsia`, `w:bidi`), so Word checks the
      right spelling and the file is not tagged en-US;
    - East Asian and complex-script fonts and sizes (`w:rFonts eastAsia/cs`, `w:szCs`).
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


def localize_docx(document, language: str) -> None:
    """Make the text speak the note's language, as Word reads it (its styles: localize_styles).

    - bold and italic also on complex scripts (`w:bCs`, `w:iCs`): Word ignores `w:b` for Arabic;
    - in a right-to-left paragraph Word reads `jc="left"` as the start (right) edge and
      `jc="right"` as the end (left): paragraphs aligned to the right are written `left`;
    - continuation pages numbered "- 2 -" in the header, the first page without a number;
    - the same in the first page's footer, where the addressee is.
    """
    section = document.sections[0]
    for story in (document.element.body, section.first_page_footer._element):
        for run_properties in story.iter(qn("w:rPr")):
            for plain, complex_ in (("w:b", "w:bCs"), ("w:i", "w:iCs")):
                if run_properties.find(qn(plain)) is not None \
                        and run_properties.find(qn(complex_)) is None:
                    run_properties.append(run_properties.makeelement(qn(complex_), {}))
        if language in RTL:
            for paragraph in story.iter(qn("w:p")):
                properties = paragraph.find(qn("w:pPr"))
                if properties is None or properties.find(qn("w:bidi")) is None:
                    continue  # a left-to-right paragraph: a second letterhead, the page number
                jc = properties.find(qn("w:jc"))
                if jc is not None and jc.get(qn("w:val")) == "right":
                    jc.set(qn("w:val"), "left")
                for text in paragraph.iter(qn("w:t")):
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

