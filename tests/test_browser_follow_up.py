"""Four days before the deadline, in Chromium: an officer opens the demo's dashboard, finds the
governments that have not replied, reminds them after reading the preview, opens a submitted
delegation and returns it with a comment; the mission's e-mail reaches a real SMTP server."""
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Delegation, DelegationStatus, Invitation, Meeting
from meetings.services import outbox
from meetings.services.demo import SLUGS
from meetings.services.demo_progress import DEMO_NOW
from tests.helpers import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_four_days_before(app, runner, live_server, monkeypatch):
    # The demo's links are derived with the key of the server the browser talks to.
    monkeypatch.setitem(app.config, "LINK_SECRET_KEY", live_server.app.config.get(
        "LINK_SECRET_KEY") or live_server.app.config["SECRET_KEY"])
    assert runner.invoke(args=["demo"]).exit_code == 0
    live_server.app.config["FIXED_NOW"] = DEMO_NOW
    yield db.session.scalar(sa.select(Meeting).where(
        Meeting.slug == SLUGS["uncac_expert_meeting"]))
    live_server.app.config.pop("FIXED_NOW", None)


def test_an_officer_reminds_the_silent_and_returns_a_delegation(
        app, page, live_server, demo_four_days_before, mailbox):
    meeting = demo_four_days_before
    app.config["FIXED_NOW"] = DEMO_NOW
    submitted = db.session.scalar(sa.select(Invitation).join(Delegation).where(
        Invitation.meeting_id == meeting.id, Delegation.status == DelegationStatus.SUBMITTED)
        .order_by(Invitation.id))
    assert submitted is not None, "the demo has a delegation waiting for the secretariat"
    outbox.deliver()  # the demo's own notes leave first: the box then holds what follows
    mailbox.messages.clear()

    sign_in(page, live_server)
    page.goto(f"{live_server}/secretariat/meetings/{meeting.slug}/dashboard")
    assert page.locator("svg").count() >= 1  # the chart, drawn on the server

    page.select_option("#f-state", "awaiting")
    page.get_by_role("button", name="Filter").click()
    silent = page.locator("table.dashboard-table tbody tr")
    assert silent.count() > 0
    assert submitted.party.short_name() not in page.locator("table.dashboard-table").inner_text()

    page.get_by_role("link", name="Remind those who have not submitted…").click()
    to_remind = page.locator("table.reminders").inner_text()
    assert submitted.party.short_name() not in to_remind  # it has submitted: never reminded
    assert "24 September 2012" in page.locator(".letter-preview[lang=en]").inner_text()
    page.get_by_role("button", name="reminder(s)").click()
    page.wait_for_load_state()
    reminded = outbox.deliver()
    assert reminded["sent"] > 0 and len(mailbox.messages) == reminded["sent"]
    bodies = [m.get_body(("plain",)).get_content() for m in mailbox.messages]
    assert any("24 September 2012" in body for body in bodies)  # the English reminders
    assert all(f"{live_server}/register/" in body for body in bodies)  # each its own link
    mailbox.messages.clear()

    page.goto(f"{live_server}/secretariat/meetings/{meeting.slug}/dashboard")
    page.select_option("#f-state", "submitted")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=submitted.party.short_name(), exact=True).click()
    page.fill("#comment", "Please attach the scanned note verbale signed by the Mission.")
    page.get_by_role("button", name="Return to the focal point").click()
    page.wait_for_load_state()
    assert "returned" in page.locator(".flash").first.inner_text().lower()

    outbox.deliver()
    [returned] = mailbox.messages
    recipients = returned["To"]
    assert any(address in recipients for address in submitted.emails)
    assert "Please attach the scanned note verbale signed by the Mission." in \
        returned.get_body(("plain",)).get_content()
