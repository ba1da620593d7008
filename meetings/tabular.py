"""CSV and XLSX files written for spreadsheets: every export goes through here so no cell runs."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_MIME = "text/csv; charset=utf-8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Cell = str | int | float | date | datetime | None


def inert(value: Any) -> Cell:
    """A text cell that a spreadsheet would evaluate, prefixed with an apostrophe; others as they are."""
    if value is None or isinstance(value, bool):
        return "" if value is None else ("yes" if value else "no")
    if isinstance(value, int | float | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents and Arabic as they are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([inert(c) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(inert(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> str | int | float:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def xlsx_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str = "Sheet") -> bytes:
    """One sheet, a bold frozen header row; text cells kept as text, never as formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(title)
    sheet.append([inert(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_xlsx_cell(inert(v)) for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never "f", whatever the text looks like
    for index, column in enumerate(columns, 1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = min(60, max(10, len(str(column)) + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; the column name says which
    return value


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip() or "Sheet"
    return cleaned[:31]


class UnreadableTable(ValueError):
    """An uploaded file that is neither a CSV text nor an XLSX workbook we can read."""


Row = tuple[int, list[str]]


def decoded(data: bytes) -> str:
    """The text of an uploaded list: UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252."""
    candidates: tuple[str, ...]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableTable(_("This file is not text in UTF-8, UTF-16 or Windows-1252: save it as "
                            "“CSV UTF-8” or as an XLSX workbook."))


def _delimiter(text: str, header: Collection[str] | None) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter that splits the header into the most known column names, else the sniffed
    one: a cell holding "a@x.org; b@y.org" must not make the sniffer choose the semicolon."""
    if header:
        first = next((line for line in text.splitlines() if line.strip()), "")
        best, score = None, 0
        for delimiter in (",", ";", "\t"):
            found = sum(1 for cell in first.split(delimiter)
                        if cell.strip().strip('"').strip().casefold() in header)
            if found > score:
                best, score = delimiter, found
        if best is not None:
            dialect = csv.excel()
            dialect.delimiter = best
            return dialect
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _csv_rows(data: bytes, header: Collection[str] | None) -> list[Row]:
    text = decoded(data)
    if "\x00" in text:
        raise UnreadableTable(_("Send a CSV (text) or an XLSX file."))
    try:
        return [(n, list(cells)) for n, cells in
                enumerate(csv.reader(io.StringIO(text), _delimiter(text, header)), 1)]
    except csv.Error as error:  # a field over csv.field_size_limit(), a stray quote
        raise UnreadableTable(_("This CSV file cannot be read (%(error)s).", error=error)) \
            from error


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    return str(value)


def _xlsx_rows(data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [(n, [_xlsx_text(v) for v in cells]) for n, cells in
                    enumerate(book.worksheets[0].iter_rows(values_only=True), 1)]
        finally:
            book.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableTable(_("This spreadsheet cannot be read (%(error)s).", error=error)) \
            from error


def read_table(data: bytes, filename: str = "", header: Collection[str] | None = None
               ) -> list[Row]:
    """(line number, cells as text) of each row of the first sheet of an XLSX workbook, or of a
    CSV file whatever its encoding (see decoded) and delimiter (comma, semicolon or tab).
    `header`: the column names expected on the first line, which then decide the delimiter.
    The content decides, not the file's name."""
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    return _csv_rows(data, {h.casefold() for h in header} if header else None)
