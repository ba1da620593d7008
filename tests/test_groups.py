"""A secretariat builds groups by hand or from a file; every line that fails is named by number."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from meetings.extensions import db
from meetings.models import AuditEvent, PartyGroup, Role
from meetings.services.groups import lines_from_upload, match_lines
from tests.helpers import text_of


@pytest.fixture
def officer(registry, make_secretariat, make_user, login_as):
    secretariat = make_secretariat()
    user = make_user(secretariat, Role.OFFICER)
    login_as(user)
    return user


@pytest.fixture
def group(officer):
    group = PartyGroup(secretariat=officer.memberships[0].secretariat,
                       name="States parties to UNCAC", as_of=date(2012, 8, 15))
    db.session.add(group)
    db.session.commit()
    return group


def test_names_match_in_any_language_with_or_without_article_and_accents(registry):
    lines = [(1, "AUT"), (2, "the Netherlands"), (3, "Pays-Bas"), (4, "NETHERLANDS (THE)"),
             (5, "Нидерланды"), (6, "cote d’ivoire"), (7, "Turkiye"), (8, "中国"),
             (9, "Países Bajos"), (10, "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية"),
             (11, "Russian Federation"), (12, "OSCE")]
    report = match_lines(lines)
    assert report.problems == []
    assert [p.iso3 or p.registry_key for _, p in report.matched] == [
        "AUT", "NLD", "NLD", "NLD", "NLD", "CIV", "TUR", "CHN", "NLD", "GBR", "RUS", "org:osce"]
    assert report.repeated == [3, 4, 5, 9]
    assert len(report.parties) == 8


def test_unknown_and_ambiguous_lines_are_reported_by_number(registry):
    report = match_lines([(1, "Country"), (2, "Austria"), (3, "Atlantis"), (4, "Korea")])
    assert report.header == 1
    assert [(p.line, p.problem) for p in report.problems] == [
        (3, "matches no State or organization"), (4, "matches no State or organization")]


def test_a_spelling_shared_by_two_parties_is_ambiguous(registry, make_secretariat):
    from meetings.models import Party, PartyKind, PartyName

    twin = Party(kind=PartyKind.OTHER, names=[PartyName(language="en", short_name="Austria")])
    db.session.add(twin)
    db.session.commit()
    report = match_lines([(7, "Austria")])
    assert report.matched == []
    problem = report.problems[0]
    assert (problem.line, problem.problem) == (7, "matches more than one party")
    assert "Austria [AUT]" in problem.candidates
    db.session.delete(twin)
    db.session.commit()


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_csv_and_xlsx_give_the_first_cell_of_each_row_with_its_line_number():
    csv_data = "Name;Date\nAustria;2004\n\n  France ;2005\n".encode("cp1252")
    assert lines_from_upload("list.csv", csv_data) == [(1, "Name"), (2, "Austria"), (4, "France")]
    xlsx = _xlsx([["ISO3", "Ratified"], ["AUT", 2006], [None, None], [None, "DEU"]])
    assert lines_from_upload("list.xlsx", xlsx) == [(1, "ISO3"), (2, "AUT"), (4, "DEU")]


def test_an_import_with_a_bad_line_adds_nothing_and_lists_the_line(client, group):
    data = b"State\nAustria\nAtlantis\nFrance\n"
    response = client.post(
        f"/secretariat/groups/{group.id}/members",
        data={"upload": (io.BytesIO(data), "parties.csv")}, content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "1 line could not be matched; nothing has been added." in page
    assert "line 3: “Atlantis” matches no State or organization" in page
    db.session.refresh(group)
    assert group.parties == []


def test_the_officer_may_add_the_matched_lines_anyway_and_the_rest_is_recorded(client, group):
    xlsx = _xlsx([["Country"], ["Austria"], ["Atlantis"], ["Pays-Bas"]])
    response = client.post(
        f"/secretariat/groups/{group.id}/members",
        data={"upload": (io.BytesIO(xlsx), "parties.xlsx"), "accept_partial": "y"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.refresh(group)
    assert sorted(p.iso3 for p in group.parties) == ["AUT", "NLD"]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "group members added"))
    assert event.changes["lines not added"] == ["line 3: “Atlantis” matches no State or organization"]


def test_members_typed_by_hand_and_shown_in_un_order(client, group):
    response = client.post(f"/secretariat/groups/{group.id}/members",
                           data={"lines": "Uruguay\nTürkiye\nTunisia\nTurkmenistan"})
    assert response.status_code == 302
    page = text_of(client.get(f"/secretariat/groups/{group.id}"))
    assert page.index("Tunisia") < page.index("Türkiye") < page.index("Turkmenistan") \
        < page.index("Uruguay")


def test_a_group_name_is_unique_within_a_secretariat(client, group):
    response = client.post("/secretariat/groups/new",
                           data={"name": "States parties to UNCAC", "default_category": "state_party"})
    assert response.status_code == 422
    assert "The secretariat already has a group with this name." in text_of(response)


def _upload(client, group, data: bytes, name: str = "parties.csv"):
    return client.post(f"/secretariat/groups/{group.id}/members",
                       data={"upload": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _error_beside_upload(response) -> str:
    html = response.get_data(as_text=True)
    start = html.index('id="upload-error"')
    return text_of(html[html.index(">", start) + 1:html.index("</div>", start)])


def _nothing_written(group) -> bool:
    db.session.refresh(group)
    events = db.session.scalar(sa.select(sa.func.count(AuditEvent.id))
                               .where(AuditEvent.action == "group members added"))
    return group.parties == [] and events == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_a_list_in_utf8_with_or_without_bom_utf16_or_windows_1252_is_read(client, group,
                                                                         encoding):
    response = _upload(client, group, "Pays\nAutriche\nCôte d'Ivoire\n".encode(encoding))
    assert response.status_code == 302
    db.session.refresh(group)
    assert sorted(p.iso3 for p in group.parties) == ["AUT", "CIV"]


@pytest.mark.parametrize(("data", "message"), [
    (b"State\nAustria\n\x81\x8d\x8f\x90\x9d\n",
     "This file is not text in UTF-8, UTF-16 or Windows-1252: save it as “CSV UTF-8” or as an "
     "XLSX workbook."),
    (b"State\n" + b"x" * 140_000 + b"\nAustria\n",
     "This CSV file cannot be read (field larger than field limit (131072))."),
    (b'State\n"Austria\nFrance', "Line 2 holds control characters"),
    (b"State\n" + b"A" * 2000 + b"\n", "Line 2 has 2,000 characters; a party's name has at most 1,000."),
    (b"State\nAus\x00tria\n", "Send a CSV (text) or an XLSX file."),
    (b"State\nAustria\x1b[2J\n", "Line 2 holds control characters; send a CSV (text) or an XLSX file."),
    (b"PK\x03\x04 not really a workbook", "This spreadsheet cannot be read"),
], ids=["not-text", "field-over-csv-limit", "open-quote", "long-cell", "nul", "escape", "bad-xlsx"])
def test_a_file_that_cannot_be_read_is_refused_beside_the_field_and_nothing_is_added(
        client, group, data, message):
    response = _upload(client, group, data)
    assert response.status_code == 422
    assert _error_beside_upload(response).startswith(message)
    assert _nothing_written(group)


def test_a_workbook_with_an_overlong_cell_is_refused_beside_the_field(client, group):
    response = _upload(client, group, _xlsx([["Country"], ["Austria"], ["B" * 5000]]), "list.xlsx")
    assert response.status_code == 422
    assert _error_beside_upload(response) == \
        "Line 3 has 5,000 characters; a party's name has at most 1,000."
    assert _nothing_written(group)


def test_typed_lines_with_control_characters_are_refused_beside_the_field(client, group):
    response = client.post(f"/secretariat/groups/{group.id}/members",
                           data={"lines": "Austria\nFra\x00nce"})
    assert response.status_code == 422
    assert "Line 2 holds control characters" in text_of(response)
    assert "Fra" in response.get_data(as_text=True)  # what was typed stays in the form
    assert _nothing_written(group)
