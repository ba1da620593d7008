"""In a real browser, an officer builds the demo meetings' lists from their groups in a few clicks."""
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Meeting, Note, OutboxMessage
from meetings.services.demo import SLUGS
from tests.helpers import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(runner, edits_registry):
    assert runner.invoke(args=["demo"]).exit_code == 0
    expert_meeting = db.session.scalar(
        sa.select(Meeting).where(Meeting.slug == SLUGS["uncac_expert_meeting"]))
    # The demo has issued and e-mailed the notes of this list: they go with it.
    listed = sa.select(Invitation.id).where(Invitation.meeting_id == expert_meeting.id)
    db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.invitation_id.in_(listed)))
    db.session.execute(sa.delete(Note).where(Note.meeting_id == expert_meeting.id))
    db.session.execute(sa.delete(Invitation).where(Invitation.meeting_id == expert_meeting.id))
    db.session.commit()


def invite_group(page, name):
    page.get_by_label("Group").select_option(label=name)
    page.get_by_role("button", name="Invite the group").click()
    page.wait_for_load_state()


def test_officer_builds_the_unodc_list_from_the_uncac_groups(page, live_server, demo):
    sign_in(page, live_server)
    page.get_by_role("link", name="First open-ended intergovernmental expert meeting").click()
    page.get_by_role("link", name="Invitation list").click()
    invite_group(page, "States parties to UNCAC (illustrative) (as of 15 August 2012)")
    invite_group(page, "Signatories to UNCAC (illustrative) (as of 15 August 2012)")
    invite_group(page, "Intergovernmental organizations invited as observers (UNCAC) "
                       "(as of 15 August 2012)")
    assert "invited from" in page.locator(".flash").inner_text()
    rows = page.locator("table tbody tr:has(td)")
    assert rows.count() == 34
    body = page.locator("table").inner_text()
    assert body.index("State party") < body.index("Austria") < body.index("Türkiye") \
        < body.index("Signatory State") < body.index("Germany")
    page.get_by_role("link", name="French").click()
    assert "Pays-Bas" in page.locator("table").inner_text()


def test_officer_builds_the_cica_list_from_the_cica_groups(page, live_server, demo):
    sign_in(page, live_server)
    page.goto(f"{live_server}/secretariat/meetings/{SLUGS['cica_soc']}/invitations")
    invite_group(page, "CICA member States (as listed in 2007) (as of 5 March 2007)")
    invite_group(page, "CICA observer States (as listed in 2007) (as of 5 March 2007)")
    assert page.locator("table tbody tr:has(td)").count() == 24
    assert "Republic of Korea" in page.locator("table").inner_text()
