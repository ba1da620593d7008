"""In a real browser, an officer imports a list of ten parties with one misspelt name, picks
the suggested name in the preview, confirms, and the invitations are there with their e-mail."""
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

LIST = """party,category,emails
Austria,state_party,vienna@austria.example
Belgium,state_party,brussels@belgium.example
Germny,state_party,berlin@germany.example
France,state_party,paris@france.example
Italy,state_party,rome@italy.example
Spain,state_party,madrid@spain.example
Portugal,state_party,lisbon@portugal.example
Netherlands,signatory_state,hague@netherlands.example
Denmark,state_party,copenhagen@denmark.example
Sweden,state_party,stockholm@sweden.example
"""


@pytest.fixture
def officer(registry, make_secretariat, make_user, make_meeting):
    secretariat = make_secretariat("unodc")
    make_meeting(secretariat, "em")
    return make_user(secretariat, Role.OFFICER)


def test_officer_imports_ten_lines_and_picks_the_suggestion_for_a_misspelt_name(
        page, live_server, officer, tmp_path):
    upload = tmp_path / "invitations.csv"
    upload.write_text(LIST, encoding="utf-8")
    page.goto(f"{live_server}/secretariat/login")
    page.get_by_label("E-mail").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/secretariat/")
    page.goto(f"{live_server}/secretariat/meetings/em/invitations")

    page.get_by_label("CSV or XLSX file").set_input_files(str(upload))
    page.get_by_role("button", name="Preview the import").click()
    preview = page.locator(".import-preview")
    assert "9 to invite, 0 already on the list, 1 unknown" in preview.inner_text()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0

    page.get_by_label("Line 4: Germny").select_option(label="Germany (DEU)")
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_load_state()
    assert "10 invited, 0 updated from “invitations.csv”." in page.locator(".flash").inner_text()
    table = page.locator("table").inner_text()
    assert "Germany" in table and "berlin@germany.example" in table

    db.session.expire_all()
    emails = {i.party.iso3: i.emails for i in db.session.scalars(sa.select(Invitation))}
    assert len(emails) == 10
    assert emails["DEU"] == ["berlin@germany.example"]
    assert emails["SWE"] == ["stockholm@sweden.example"]
