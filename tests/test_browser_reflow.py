"""On a phone, in every language a government reads, no page scrolls sideways and axe finds
nothing at WCAG 2.2 AA: public pages, a government's pages and the secretariat's workspace."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Meeting
from meetings.services import delegations, private_links
from meetings.services.audit import Actor
from meetings.services.demo import SLUGS
from meetings.services.meetings import linked_group
from tests.helpers import sign_in

pytestmark = pytest.mark.browser
ACTOR = Actor.system("test")
BEFORE_DEADLINE = datetime(2012, 9, 20, 8, 0, tzinfo=timezone.utc)
WIDTHS = (320, 390)
AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                             "wcag22aa"]}}
# The widest elements, named, so a failure says what to fix.
WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                        + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')"""


@pytest.fixture
def pages(runner, live_server):
    """The demo, with a private link for a government in each of its languages."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    live_server.app.config["FIXED_NOW"] = BEFORE_DEADLINE
    meeting = db.session.scalar(sa.select(Meeting).where(
        Meeting.slug == SLUGS["uncac_expert_meeting"]))
    by_language: dict[str, Invitation] = {}
    for invitation in db.session.scalars(sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id).order_by(Invitation.id)):
        by_language.setdefault(invitation.language, invitation)
    links = {lang: private_links.issue_link(inv, ACTOR, BEFORE_DEADLINE)
             for lang, inv in by_language.items()}
    arabic = by_language["ar"]
    group = linked_group(meeting)
    values = delegations.blank_values(group)
    values.update(focal_point_name="Focal Point", focal_point_email="focal@example.org")
    values["delegates"][0].update(given_name="Ahmed", family_name="Ali", function="head",
                                  email="a.ali@example.org")
    delegations.save(arabic, values, group, ACTOR, expected_version=None, now=BEFORE_DEADLINE,
                     submit=True)
    db.session.commit()
    slug = meeting.slug
    public = ["/", f"/meetings/{slug}", "/secretariat/login"]
    government = [f"/register/{secret}" for secret in links.values()]
    government.append(f"/register/{links['ar']}/confirmation")
    government.append(f"/register/{links['fr']}/decline")
    staff = ["/secretariat/", f"/secretariat/meetings/{slug}",
             f"/secretariat/meetings/{slug}/invitations", f"/secretariat/meetings/{slug}/notes",
             f"/secretariat/invitations/{arabic.id}", f"/secretariat/meetings/{slug}/reminders",
             "/secretariat/parties",
             "/secretariat/groups", "/secretariat/secretariats"]
    yield {"public": public, "government": government, "staff": staff,
           "languages": sorted(links)}
    live_server.app.config.pop("FIXED_NOW", None)


def test_no_page_scrolls_sideways_at_320_and_390_pixels_in_any_language(browser, live_server,
                                                                       pages):
    assert {"en", "fr", "es", "ru", "ar", "zh"} <= set(pages["languages"])
    too_wide = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 720})
        page = context.new_page()
        for kind in ("public", "government", "staff"):
            if kind == "staff":
                sign_in(page, live_server)
            for path in pages[kind]:
                response = page.goto(f"{live_server}{path}")
                assert response is not None and response.status == 200, path
                scrolled = page.evaluate("document.documentElement.scrollWidth")
                if scrolled > width:
                    too_wide.append((width, path, scrolled, page.evaluate(WIDEST, width)))
        context.close()
    assert too_wide == []


def test_axe_finds_no_violation_at_aa_on_any_page(browser, live_server, pages):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = []
    context = browser.new_context(viewport={"width": 390, "height": 720})
    page = context.new_page()
    for kind in ("public", "government", "staff"):
        if kind == "staff":
            sign_in(page, live_server)
        for path in pages[kind]:
            page.goto(f"{live_server}{path}")
            violations = axe.run(page, options=AA).response["violations"]
            found += [(path, v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                      for v in violations]
    context.close()
    assert found == []


def test_after_a_rejected_submission_the_focus_is_on_the_error_summary(browser, live_server,
                                                                       pages):
    arabic = next(p for p in pages["government"] if not p.endswith("confirmation"))
    context = browser.new_context(viewport={"width": 390, "height": 720})
    page = context.new_page()
    for path in pages["government"]:
        page.goto(f"{live_server}{path}")
        if page.locator("#delegates-0-given_name").count() and path != arabic:
            break
    page.fill("#delegates-0-given_name", "")
    page.fill("#delegates-0-family_name", "")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    title = page.title()
    summary = page.locator("#error-summary")
    links = summary.locator("a")
    assert links.count() >= 2
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert target and page.locator(target).count() == 1, target
    assert page.locator("#delegates-0-given_name").get_attribute("aria-describedby") == \
        "delegates-0-given_name-error"
    assert page.locator("label[for=delegates-0-given_name] .required").count() == 1
    language = page.locator("html").get_attribute("lang")
    assert title.split(":")[0] == {"en": "Error", "fr": "Erreur", "es": "Error", "ru": "Ошибка",
                                   "ar": "خطأ", "zh": "错误"}[language]
    assert page.locator("input[type=email]").first.get_attribute("dir") == "ltr"
    context.close()
