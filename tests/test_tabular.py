"""Every export is inert in a spreadsheet: a name that starts like a formula stays text."""

import csv
import io
from datetime import datetime, timezone

from openpyxl import load_workbook

from meetings.tabular import csv_bytes, inert, xlsx_bytes

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_a_cell_that_would_run_is_prefixed_and_plain_text_is_not():
    assert [inert(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert inert("Müller") == "Müller"
    assert inert(3) == 3
    assert inert(None) == ""


def test_the_csv_keeps_accents_and_neutralises_formulas():
    data = csv_bytes(["name", "n"], [[v, 1] for v in HOSTILE] + [["Côte d'Ivoire", 2]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["name", "n"]
    assert all(row[0].startswith("'") for row in rows[1:7])
    assert rows[7] == ["Côte d'Ivoire", "2"]


def test_the_xlsx_opens_with_openpyxl_and_holds_no_formula():
    when = datetime(2012, 9, 24, 10, 0, tzinfo=timezone.utc)
    data = xlsx_bytes(["name", "when"], [[v, when] for v in HOSTILE], title="Delegates: 2012/1")
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "Delegates_ 2012_1"
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE)
    assert [c.value for c in cells] == ["'" + v for v in HOSTILE]
    assert sheet.cell(row=2, column=2).value == datetime(2012, 9, 24, 10, 0)
