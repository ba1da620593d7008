"""Translation files: XLIFF 2.0 and a CSV/XLSX sheet out, the same read back by field id.

Every text carries its field id and a hash of its source, so a returned file is matched by id and
a source that changed in between is reported (meetings/services/translations.py), never guessed.
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from xml.parsers import expat

from meetings.services.translations import FileProblem, Incoming, TextField
from meetings.tabular import FORMULA_STARTS, csv_bytes, xlsx_bytes

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF_MIME = "application/xliff+xml"
COLUMNS = ("field", "source_language", "source", "target_language", "target", "source_hash")
MAX_BYTES = 5_000_000
HASH_NOTE = "source-hash"


def xliff_bytes(fields: Iterable[TextField], source_language: str, target_language: str,
                original: str) -> bytes:
    """One <unit> per text, its id the field id; the source hash in a note of the unit."""
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(f"{{{XLIFF_NS}}}xliff", {
        "version": "2.0", "srcLang": source_language, "trgLang": target_language})
    file = ET.SubElement(root, f"{{{XLIFF_NS}}}file", {"id": "f1", "original": original})
    for text_field in fields:
        unit = ET.SubElement(file, f"{{{XLIFF_NS}}}unit", {"id": text_field.id})
        notes = ET.SubElement(unit, f"{{{XLIFF_NS}}}notes")
        ET.SubElement(notes, f"{{{XLIFF_NS}}}note", {"category": "label"}).text = \
            f"{text_field.group_name}: {text_field.spec.label}"
        ET.SubElement(notes, f"{{{XLIFF_NS}}}note", {"category": HASH_NOTE}).text = \
            text_field.source_hash
        segment = ET.SubElement(unit, f"{{{XLIFF_NS}}}segment")
        ET.SubElement(segment, f"{{{XLIFF_NS}}}source").text = text_field.source
        ET.SubElement(segment, f"{{{XLIFF_NS}}}target").text = text_field.target
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class _Doctype(Exception):
    pass


def _refuse_doctype(data: bytes) -> None:
    """Read once with expat, stopping at a DOCTYPE in whatever encoding the file declares:
    without one no entity can be declared, so none is expanded (billion laughs, external)."""

    def refuse(*args: object) -> None:
        raise _Doctype

    scanner = expat.ParserCreate()
    scanner.StartDoctypeDeclHandler = refuse
    scanner.EntityDeclHandler = refuse
    try:
        scanner.Parse(data, True)
    except _Doctype:
        raise FileProblem("This file declares a DOCTYPE or entities; an XLIFF file needs "
                          "none.") from None
    except expat.ExpatError as error:
        raise FileProblem(f"This is not a well-formed XML file ({error}).") from None


def read_xliff(data: bytes) -> list[Incoming]:
    """The units of an XLIFF 2.0 file. A DOCTYPE is refused: no entity is ever expanded."""
    _refuse_doctype(data)
    try:
        root = ET.fromstring(data)  # noqa: S314 - _refuse_doctype() let no DOCTYPE through
    except ET.ParseError as error:
        raise FileProblem(f"This is not a well-formed XML file ({error}).") from None
    if root.tag != f"{{{XLIFF_NS}}}xliff":
        raise FileProblem("This is not an XLIFF 2.0 file (urn:oasis:names:tc:xliff:document:2.0).")
    target_language = root.get("trgLang")
    ns = {"x": XLIFF_NS}
    items = []
    for unit in root.iterfind(".//x:unit", ns):
        hash_note = unit.find(f"x:notes/x:note[@category='{HASH_NOTE}']", ns)
        sources = ["".join(s.itertext()) for s in unit.iterfind("x:segment/x:source", ns)]
        targets = ["".join(t.itertext()) for t in unit.iterfind("x:segment/x:target", ns)]
        items.append(Incoming(
            id=unit.get("id", ""), target="".join(targets),
            source_hash=(hash_note.text or "").strip() if hash_note is not None else None,
            source="".join(sources), target_language=target_language))
    return items


def _rows(fields: Iterable[TextField]) -> list[tuple[str, ...]]:
    return [(f.id, f.source_language, f.source, f.language, f.target, f.source_hash)
            for f in fields]


def sheet_bytes(fields: Iterable[TextField], fmt: str, title: str) -> bytes:
    rows = _rows(fields)
    return csv_bytes(COLUMNS, rows) if fmt == "csv" else xlsx_bytes(COLUMNS, rows, title=title)


def _uninert(value: object) -> str:
    """A cell as written, without the apostrophe tabular.inert() put before a formula start."""
    text = "" if value is None else str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _from_rows(rows: Iterable[Iterable[object]]) -> list[Incoming]:
    iterator = iter(rows)
    try:
        header = [_uninert(c).strip().lower() for c in next(iterator)]
    except StopIteration:
        raise FileProblem("The sheet is empty.") from None
    header = [h.lstrip("\ufeff") for h in header]
    if "field" not in header or "target" not in header:
        raise FileProblem("The sheet needs the columns field and target (as exported: "
                          + ", ".join(COLUMNS) + ").")
    at = {name: header.index(name) for name in COLUMNS if name in header}
    items = []
    for row in iterator:
        cells = [_uninert(c) for c in row]
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str | None:
            index = at.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        items.append(Incoming(
            id=(cell("field") or "").strip(), target=cell("target") or "",
            source_hash=(cell("source_hash") or "").strip() or None, source=cell("source"),
            target_language=(cell("target_language") or "").strip() or None))
    return items


def read_sheet(data: bytes, filename: str) -> list[Incoming]:
    """A CSV or XLSX sheet with the exported columns, in any order."""
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
            raise FileProblem("This is not a readable XLSX file.") from None
        sheet = book.worksheets[0]
        return _from_rows(sheet.iter_rows(values_only=True))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("A CSV file must be in UTF-8.") from None
    return _from_rows(csv.reader(io.StringIO(text, newline="")))


def read_any(data: bytes, filename: str) -> list[Incoming]:
    if len(data) > MAX_BYTES:
        raise FileProblem("The file is larger than 5 MB.")
    name = filename.lower()
    if name.endswith((".xlf", ".xliff", ".xml")) or data.lstrip()[:5] == b"<?xml":
        return read_xliff(data)
    if name.endswith((".csv", ".xlsx")):
        return read_sheet(data, filename)
    raise FileProblem("Send an XLIFF (.xlf), CSV or XLSX file as exported from this page.")
