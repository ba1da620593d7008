"""In real Chromium, the OTS Secretariat starts from nothing and a government registers."""
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Note, OutboxMessage
from tests.test_secretariat_settings import png

pytestmark = pytest.mark.browser
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SCREENSHOT = Path(__file__).resolve().parent.parent / "static" / "readme-settings.png"
MEMBERS = ["Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Türkiye", "Uzbekistan"]


def sign_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/secretariat/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/secretariat/")


def test_the_ots_secretariat_sets_itself_up_and_a_government_registers(
        browser, live_server, runner, registry):
    result = runner.invoke(args=[
        "secretariat", "create", "--slug", "ots", "--name",
        "Secretariat of the Organization of Turkic States", "--timezone", "Europe/Istanbul",
        "--admin-email", "it@turkicstates.org", "--language", "en"])
    assert result.exit_code == 0, result.output
    path = re.search(r"https?://[^/\s]+(/secretariat/account/link/\S+)", result.output).group(1)

    admin = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
    admin.goto(live_server + path)
    admin.fill("#password", "orkhon inscriptions 732")
    admin.get_by_role("button", name="Set the password").click()
    admin.wait_for_url("**/secretariat/login")
    sign_in(admin, live_server, "it@turkicstates.org", "orkhon inscriptions 732")

    admin.get_by_role("link", name="Secretariats").click()
    admin.get_by_role("link", name="Settings").click()
    admin.fill("#acronym", "OTS")
    admin.fill("#office", "Secretariat of the Organization of Turkic States")
    admin.fill("#sender", "The Secretariat of the Organization of Turkic States")
    admin.fill("#postal_address", "Sultanahmet Mahallesi, Ayasofya Meydanı No. 1\n"
                                  "34122 Fatih, Istanbul\nTürkiye")
    admin.fill("#phone", "+90 212 000 00 00")
    admin.fill("#email", "secretariat@turkicstates.org")
    admin.fill("#letterhead", "ORGANIZATION OF TURKIC STATES\nSecretariat")
    admin.set_input_files("#letterhead_image", files=[{
        "name": "ots.png", "mimeType": "image/png", "buffer": png(60, 20)}])
    admin.fill("#mission_pattern", "Embassy of {of} in the Republic of Türkiye")
    admin.fill("#reference_pattern", "OTS/{year}/{seq}")
    admin.get_by_role("button", name="Preview the next number").click()
    assert re.search(r"The next note will be numbered OTS/20\d\d/1\.",
                     admin.inner_text("#reference-preview"))
    admin.set_input_files("#letterhead_image", files=[{
        "name": "ots.png", "mimeType": "image/png", "buffer": png(60, 20)}])
    admin.get_by_role("button", name="Save the settings").click()
    assert "Settings saved" in admin.inner_text("main")
    admin.screenshot(path=str(SCREENSHOT), full_page=False)

    admin.goto(f"{live_server}/secretariat/secretariats/ots/staff")
    admin.fill("#name", "Aigerim Sultanova")
    admin.fill("#email", "a.sultanova@turkicstates.org")
    admin.select_option("#role", "officer")
    admin.get_by_role("button", name="Send the invitation").click()
    assert "a.sultanova@turkicstates.org is invited" in admin.inner_text("main")
    db.session.expire_all()
    invitation_mail = next(m for m in db.session.scalars(sa.select(OutboxMessage))
                           if m.to == ["a.sultanova@turkicstates.org"])
    link = re.search(r"(/secretariat/account/link/\S+)", invitation_mail.body).group(1)

    officer = browser.new_context(locale="en-GB").new_page()
    officer.goto(live_server + link)
    officer.fill("#password", "tengri blue sky 2026")
    officer.get_by_role("button", name="Set the password").click()
    sign_in(officer, live_server, "a.sultanova@turkicstates.org", "tengri blue sky 2026")

    officer.goto(f"{live_server}/secretariat/meetings/new")
    officer.fill("#title", "Meeting of the Council of Foreign Ministers of the Organization of "
                           "Turkic States")
    officer.fill("#slug", "ots-cfm-2027")
    officer.fill("#city", "Istanbul")
    officer.fill("#country", "Türkiye")
    officer.fill("#timezone", "Europe/Istanbul")
    officer.fill("#first_day", "2027-03-10")
    officer.fill("#last_day", "2027-03-10")
    officer.fill("#registration_deadline", "2027-02-24")
    officer.select_option("#status", "announced")  # the state follows the dates
    officer.get_by_role("button", name="Create meeting").click()
    officer.wait_for_url("**/meetings/ots-cfm-2027")
    for starts, ends in (("10:00", "13:00"), ("15:00", "18:00")):
        officer.goto(f"{live_server}/secretariat/meetings/ots-cfm-2027/sittings/new")
        officer.fill("#starts_at", starts)
        officer.fill("#ends_at", ends)
        officer.get_by_role("button", name="Add sitting").click()
        assert "Sitting added" in officer.inner_text("main")

    officer.goto(f"{live_server}/secretariat/meetings/ots-cfm-2027/invitations")
    for name, category in [(m, "member_state") for m in MEMBERS] + [("Hungary", "observer_state")]:
        label = next(o for o in officer.locator("#p-party option").all_inner_texts()
                     if o.startswith(f"{name} ("))
        officer.select_option("#p-party", label=label)
        officer.select_option("#p-category", category)
        officer.get_by_role("button", name="Invite", exact=True).click()
        assert f"{name} invited" in officer.inner_text("main")

    officer.goto(f"{live_server}/secretariat/meetings/ots-cfm-2027/notes")
    officer.get_by_role("button", name="Issue all 6 notes").click()
    assert "6 notes issued" in officer.inner_text("main")
    db.session.expire_all()
    notes = db.session.scalars(sa.select(Note).order_by(Note.sequence)).all()
    assert [n.reference[-2:] for n in notes] == ["/1", "/2", "/3", "/4", "/5", "/6"]
    hungary = next(n for n in notes if "Hungary" in n.addressee)
    text = hungary.text
    assert text.startswith("ORGANIZATION OF TURKIC STATES\nSecretariat\n")
    assert re.search(r"Reference: OTS/20\d\d/\d", text)
    assert "34122 Fatih, Istanbul, Türkiye" in text
    assert "Embassy of Hungary in the Republic of Türkiye" in text
    assert "The Secretariat of the Organization of Turkic States presents its compliments" in text
    for foreign in ("UNODC", "CICA", "United Nations", "Vienna", "Astana"):
        assert foreign not in text and foreign not in hungary.html
    assert 'src="data:image/png;base64,' in hungary.html

    officer.goto(f"{live_server}/secretariat/notes/{hungary.id}")
    registration = re.search(r"https?://\S+/register/\S+", officer.inner_text("pre")).group(0)
    government = browser.new_context(locale="hu-HU").new_page()
    government.goto(registration)
    assert "Hungary" in government.inner_text("main")
    government.fill("#focal_point_name", "Péter Kovács")
    government.fill("#focal_point_position", "First Secretary")
    government.fill("#focal_point_email", "p.kovacs@mfa.gov.hu")
    government.fill("#delegates-0-given_name", "Péter")
    government.fill("#delegates-0-family_name", "Kovács")
    government.select_option("#delegates-0-function", "head")
    government.fill("#delegates-0-email", "p.kovacs@mfa.gov.hu")
    government.set_input_files("#note", files=[{"name": "note.pdf", "mimeType": "application/pdf",
                                                "buffer": PDF}])
    government.get_by_role("button", name="Submit the delegation").click()
    government.wait_for_url("**/confirmation")
    assert "Péter Kovács" in government.locator("table").inner_text()
