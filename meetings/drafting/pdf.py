"""The print HTML of a note as a PDF: WeasyPrint, fonts embedded (subsets of the installed Noto
fonts for Arabic, Chinese and Cyrillic), links kept as PDF links.

WeasyPrint rather than LibreOffice: it is a maintained Python library that lays out the same print
HTML the secretariat already sees (one layout, not two), shapes Arabic through HarfBuzz, embeds
only the glyphs used, and needs no office suite or subprocess on the server. It is imported when a
PDF is asked for, so the rest of the service runs where Pango is missing.
"""
from __future__ import annotations

CONTENT_TYPE = "application/pdf"


def to_pdf(html: str) -> bytes:
    """A4, as the print HTML's own @page rule says; the HTML holds no external resource."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()
