"""In real Chromium, under the strict Content-Security-Policy, pages work and nothing is refused."""
from datetime import timedelta

import pytest

from meetings.extensions import db
from meetings.models import InvitationCategory, MeetingStatus
from meetings.models.types import utcnow
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.conftest import PASSWORD
from tests.helpers import party_by_iso3

pytestmark = pytest.mark.browser
ACTOR = Actor.system("test")
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  e => window.cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@pytest.fixture
def watched(browser):
    """A page that records every CSP violation, both as events and as console messages."""
    context = browser.new_context(locale="en-GB")
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.console_lines = []
    page.on("console", lambda message: page.console_lines.append(message.text))
    yield page
    context.close()


def violations(page) -> list[str]:
    found = page.evaluate("window.cspViolations")
    return found + [line for line in page.console_lines if "Content Security Policy" in line]


@pytest.fixture
def site(live_server, registry, make_secretariat, make_meeting, make_user):
    secretariat = make_secretariat()
    meeting = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    austria = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    secret = private_links.issue_link(austria, ACTOR, utcnow())
    officer = make_user(secretariat)
    db.session.commit()
    live_server.app.config["FIXED_NOW"] = meeting.registration_closes_at - timedelta(days=2)
    yield {"registration": f"{live_server}/register/{secret}", "officer": officer,
           "invitation": austria, "base": str(live_server)}
    live_server.app.config.pop("FIXED_NOW", None)


def test_the_registration_page_moves_rows_in_the_page_under_the_policy(watched, site):
    response = watched.goto(site["registration"])
    assert "script-src 'self'" in response.headers["content-security-policy"]
    watched.fill("#delegates-0-family_name", "Koller")
    watched.evaluate("window.stillTheSamePage = true")
    watched.get_by_role("button", name="Add a delegate").click()
    watched.fill("#delegates-1-family_name", "Hübner")
    watched.locator("#delegate-1").get_by_role("button", name="Move up").click()
    assert watched.evaluate("window.stillTheSamePage") is True  # JavaScript did it, no round trip
    assert watched.input_value("#delegates-0-family_name") == "Hübner"
    assert watched.input_value("#delegates-1-family_name") == "Koller"
    assert violations(watched) == []


def test_staff_pages_work_under_the_policy(watched, site):
    watched.goto(site["base"] + "/secretariat/login")
    watched.fill("#email", site["officer"].email)
    watched.fill("#password", PASSWORD)
    watched.get_by_role("button", name="Sign in").click()
    watched.wait_for_url("**/secretariat/")
    for path in ("/secretariat/meetings/em", "/secretariat/meetings/em/invitations",
                 f"/secretariat/invitations/{site['invitation'].id}/note"):
        response = watched.goto(site["base"] + path)
        assert response.status < 500, path
        assert "no-store" in response.headers["cache-control"]
    # the note's preview frame keeps its own stylesheet (allowed by its hash): an A4-wide body
    frame = watched.frame_locator("iframe.note-frame")
    assert frame.locator("body").evaluate("b => getComputedStyle(b).maxWidth") != "none"
    assert violations(watched) == []
