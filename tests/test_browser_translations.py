"""In real Chromium, an officer creates a meeting, gives it its French texts on the translation
page, and previews its French note one click later."""
from pathlib import Path

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import InvitationCategory, Meeting
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.conftest import PASSWORD
from tests.helpers import party_by_iso3
from tests.test_browser_new_secretariat import sign_in

pytestmark = pytest.mark.browser
SCREENSHOT = Path(__file__).resolve().parent.parent / "static" / "readme-translations.png"


def test_an_officer_translates_a_new_meeting_and_previews_its_french_note(
        browser, live_server, registry, make_secretariat, make_user):
    secretariat = make_secretariat("unodc", languages=["en", "fr"], localized={"fr": {
        "sender": "Le Secrétaire général de l'Organisation des Nations Unies",
        "name": "Secrétariat de la Conférence", "city": "Vienne"}})
    officer = make_user(secretariat)
    page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, live_server, officer.email, PASSWORD)

    page.goto(f"{live_server}/secretariat/meetings/new")
    page.fill("#title", "Expert meeting on asset recovery")
    page.fill("#slug", "asset-recovery")
    page.fill("#city", "Vienna")
    page.fill("#country", "Austria")
    page.fill("#timezone", "Europe/Vienna")
    page.fill("#first_day", "2027-03-10")
    page.fill("#last_day", "2027-03-11")
    page.fill("#registration_deadline", "2027-02-24")
    page.get_by_label("French").check()
    page.get_by_role("button", name="Create meeting").click()
    page.wait_for_url("**/secretariat/meetings/asset-recovery")
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "asset-recovery"))
    invitation = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY,
                        Actor.system("test"))
    invitation.language = "fr"
    db.session.commit()

    page.reload()
    assert "missing" in page.inner_text("#translations + .table-scroll")
    page.locator("table.tr-summary").get_by_role("link", name="French").click()
    page.wait_for_url("**/translations/fr")
    page.get_by_label("Title in French", exact=True).fill(
        "Réunion d'experts sur le recouvrement d'avoirs")
    page.get_by_label("City in French", exact=True).fill("Vienne")
    page.get_by_label("Country in French", exact=True).fill("Autriche")
    page.get_by_role("button", name="Save the French texts").click()
    assert "3 French text(s) saved" in page.inner_text("main")
    assert "has every text it needs" in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOT), full_page=False)

    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Preview the French note").click()
    assert "cannot be written yet" not in page.inner_text("main")
    note = page.frame_locator("iframe.note-frame").locator("body").inner_text()
    assert "Réunion d'experts sur le recouvrement d'avoirs" in note
