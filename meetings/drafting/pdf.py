"""The print HTML of a note as a PDF: WeasyPrint, fonts embedded (subsets of the installed Noto
fonts for Arabic, Chinese and Cyrillic), links kept as PDF links.

WeasyPrint rather than LibreOffice: it is a maintained Python library that lays out the same print
HTML the secretariat already sees (one layout, not two), shapes Arabic through HarfBuzz, embeds
only the glyphs used, and needs no office suite or subprocess on the server. It is imported when a
PDF is asked for, so the rest of the service runs where Pango is missing.
"""
from __future__ import annotations

import re

from meetings.drafting.render import LRI, PDI

CONTENT_TYPE = "application/pdf"
# A left-to-right run of an Arabic note, as the print HTML isolates it for browsers.
_ISOLATED = re.compile(r'<bdi dir="ltr">([^<]*)</bdi>')


def to_pdf(html: str) -> bytes:
    """A4, as the print HTML's own @page rule says; the HTML holds no external resource.

    WeasyPrint (70) draws the comma after an inline element over the element's last glyph in a
    justified right-to-left line, so each `<bdi>` is given to it as the isolate characters the
    .docx uses, which Pango orders the same way without an element."""
    from weasyprint import HTML

    html = _ISOLATED.sub(lambda m: f"{LRI}{m.group(1)}{PDI}", html)
    return HTML(string=html, base_url=None).write_pdf()
