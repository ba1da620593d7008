"""In real Chromium, a diplomat registers three delegates; nobody else's link sees them."""
from datetime import date, datetime, timedelta, timezone

import pytest

from meetings.extensions import db
from meetings.models import InvitationCategory, LinkKind, MeetingStatus
from meetings.services import meetings as meeting_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3

pytestmark = pytest.mark.browser
ACTOR = Actor.system("test")
CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=timezone.utc)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def links(live_server, registry, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc", email="UNCAC.COP@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN,
                      title="First open-ended intergovernmental expert meeting on international "
                            "cooperation", short_title="the UNCAC expert meeting")
    wg = make_meeting(secretariat, "wg", title="Open-ended Working Group on International "
                      "Cooperation", short_title="the UNTOC working group",
                      first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
                      status=MeetingStatus.ANNOUNCED)
    meeting_service.link_meetings(em, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    austria = invite(em, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    netherlands = invite(em, party_by_iso3("NLD"), InvitationCategory.STATE_PARTY, ACTOR)
    secrets = {"AUT": private_links.issue_link(austria, ACTOR, CLOSES),
               "NLD": private_links.issue_link(netherlands, ACTOR, CLOSES)}
    db.session.commit()
    live_server.app.config["FIXED_NOW"] = CLOSES - timedelta(days=2)
    yield {"em": em, "wg": wg, "austria": austria,
           **{code: f"{live_server}/register/{s}" for code, s in secrets.items()}}
    live_server.app.config.pop("FIXED_NOW", None)


def fill_delegate(page, index, given, family, function, email, only_expert_meeting, wg):
    prefix = f"#delegates-{index}-"
    page.fill(prefix + "given_name", given)
    page.fill(prefix + "family_name", family)
    page.select_option(prefix + "function", function)
    page.fill(prefix + "email", email)
    if only_expert_meeting:
        page.uncheck(f"{prefix}meetings-{wg.id}")


def test_a_diplomat_registers_three_delegates_and_another_government_sees_none(
    browser, links, live_server, tmp_path
):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(locale="de-AT")
    page = context.new_page()
    page.goto(links["AUT"])
    assert page.locator("h1").inner_text() == "Registration of the delegation"
    main = page.inner_text("main")
    assert "24 September 2012 — until the end of the day, venue time (Europe/Vienna; UTC " \
        "2012-09-24 22:00)" in main  # the end of the deadline day in Vienna
    results = Axe().run(page)
    serious = [v for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], v["help"]) for v in serious]

    page.fill("#focal_point_name", "Anna Berger")
    page.fill("#focal_point_position", "Counsellor")
    page.fill("#focal_point_email", "anna.berger@bmeia.gv.at")
    fill_delegate(page, 0, "Ingrid", "Koller", "head", "i.koller@bmeia.gv.at", False, links["wg"])
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Add a delegate").click()
    assert page.evaluate("window.stillTheSamePage") is True  # added in the page, no round trip
    fill_delegate(page, 1, "Jörg", "Hübner", "expert", "j.huebner@bmj.gv.at", True, links["wg"])
    page.get_by_role("button", name="Add a delegate").click()
    fill_delegate(page, 2, "Sophie", "Wagner", "adviser", "s.wagner@bmi.gv.at", True, links["wg"])
    page.get_by_role("button", name="Add a delegate").click()
    fill_delegate(page, 3, "Extra", "Row", "expert", "extra@example.org", True, links["wg"])
    page.locator("#delegate-3").get_by_role("button", name="Remove").click()
    page.locator("#delegate-2").get_by_role("button", name="Move up").click()
    page.locator("#delegate-1").get_by_role("button", name="Move down").click()
    assert page.input_value('input[name="rows"]') == "3"
    assert page.input_value("#delegates-0-family_name") == "Koller"  # nothing lost on the way
    assert page.input_value("#delegates-2-family_name") == "Wagner"
    page.set_input_files("#note", files=[{"name": "note-verbale.pdf",
                                          "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Submit the delegation").click()
    page.wait_for_url("**/confirmation")
    table = page.locator("table").inner_text()
    assert "Ingrid Koller" in table and "Jörg Hübner" in table and "Sophie Wagner" in table
    assert page.locator("a", has_text="personal calendar link").count() == 3
    db.session.expire_all()
    delegation = links["austria"].delegation
    attends = {d.family_name: sorted(m.id for m in d.meetings) for d in delegation.delegates}
    assert attends == {"Koller": sorted([links["em"].id, links["wg"].id]),
                       "Hübner": [links["em"].id], "Wagner": [links["em"].id]}
    page.screenshot(path=str(tmp_path / "confirmation.png"))

    other = browser.new_context(locale="nl-NL").new_page()
    other.goto(links["NLD"])
    assert "Netherlands" in other.inner_text("main")
    assert "Koller" not in other.content() and "Hübner" not in other.content()
    other.goto(links["AUT"].rsplit("/", 1)[0] + "/" + "A" * 43)
    assert "This registration link is not valid" in other.inner_text("main")

    live_server.app.config["FIXED_NOW"] = CLOSES + timedelta(seconds=1)
    page.goto(links["AUT"])
    assert "Registration is closed." in page.inner_text("main")
    assert page.get_by_role("button", name="Submit the delegation").count() == 0
    context.close()
