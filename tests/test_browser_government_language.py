"""In real Chromium on a phone-sized screen, a government errs on its French or Arabic page and
reads every message in its language, the focus on the summary, with nothing wider than the screen."""
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
MESSAGES = {
    "fr": ["Veuillez remplir ce champ.", "Cette adresse électronique n'est pas valide",
           "Veuillez indiquer le nom tel qu'il figure dans le passeport.",
           "Veuillez indiquer une adresse électronique.",
           "Aucun chef de délégation n'est désigné pour la réunion « la réunion d'experts »"],
    "ar": ["يُرجى ملء هذه الخانة.", "عنوان البريد الإلكتروني هذا غير صحيح",
           "يُرجى كتابة الاسم كما هو وارد في جواز السفر.", "يُرجى ذكر عنوان بريد إلكتروني.",
           "لم يُحدَّد رئيس للوفد إلى «اجتماع الخبراء»"],
}


@pytest.fixture
def links(live_server, registry, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc", email="UNCAC.COP@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN,
                      short_title="the UNCAC expert meeting")
    wg = make_meeting(secretariat, "wg", title="UNTOC working group",
                      first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
                      status=MeetingStatus.ANNOUNCED)
    em.localized = {"fr": {"short_title": "la réunion d'experts"},
                    "ar": {"short_title": "اجتماع الخبراء"}}
    meeting_service.link_meetings(em, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    found = {}
    for language, code in (("fr", "FRA"), ("ar", "EGY")):
        invitation = invite(em, party_by_iso3(code), InvitationCategory.STATE_PARTY, ACTOR,
                            language=language)
        found[language] = private_links.issue_link(invitation, ACTOR, CLOSES)
    db.session.commit()
    live_server.app.config["FIXED_NOW"] = CLOSES - timedelta(days=2)
    yield {"em": em, "wg": wg, **{k: f"{live_server}/register/{s}" for k, s in found.items()}}
    live_server.app.config.pop("FIXED_NOW", None)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_government_errs_on_a_phone_and_reads_every_message_in_its_language(
    browser, links, language
):
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(links[language])
    page.fill("#focal_point_email", "claire@@example")
    page.fill("#delegates-0-family_name", "Durand")
    page.uncheck(f"#delegates-0-meetings-{links['wg'].id}")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.inner_text("#error-summary")
    for message in MESSAGES[language]:
        assert message in summary, message
    assert page.title().startswith({"fr": "Erreur", "ar": "خطأ"}[language])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
