"""In Chromium, JavaScript off, the dashboard reads and prints: its chart is drawn by the server,
nothing breaks the Content-Security-Policy, and the printout keeps the figures, not the forms."""
from __future__ import annotations

import pytest

from tests.conftest import CHROMIUM_ARGS, PASSWORD
from tests.test_dashboard import NOW, clock, known, officer  # noqa: F401  (the known data set)

pytestmark = pytest.mark.browser


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(locale="en-GB", java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_lines = []
    page.on("console", lambda message: page.console_lines.append(message.text))
    yield page
    context.close()


def test_the_dashboard_reads_and_prints_without_javascript(
    live_server, no_script_page, known, officer  # noqa: F811
):
    assert CHROMIUM_ARGS  # Debian's Chromium, driven by the suite's browser fixture
    live_server.app.config["FIXED_NOW"] = NOW
    try:
        page = no_script_page
        page.goto(f"{live_server}/secretariat/login")
        page.fill("#email", officer.email)
        page.fill("#password", PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/secretariat/")
        page.get_by_role("link", name="Expert meeting on international cooperation").click()
        page.wait_for_url("**/meetings/em/dashboard")
        assert page.locator("svg.chart").is_visible()
        box = page.locator("svg.chart").bounding_box()
        assert box["width"] > 500 and box["height"] > 150
        assert page.get_by_text("4 days 12 hours left").is_visible()
        page.get_by_label("State").select_option("link_opened")
        page.get_by_role("button", name="Filter").click()
        assert page.get_by_text("2 of 6 invitations shown.").is_visible()
        page.emulate_media(media="print")
        assert page.locator("svg.chart").is_visible()
        assert not page.locator("form.filters").is_visible()
        assert not page.get_by_role("button", name="Issue notes").is_visible()
        assert page.pdf(format="A4")[:4] == b"%PDF"
        assert not [line for line in page.console_lines if "Content Security Policy" in line]
    finally:
        live_server.app.config.pop("FIXED_NOW", None)
