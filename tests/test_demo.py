"""The demo scenarios load from the source documents, and loading twice changes nothing."""
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Meeting
from meetings.services.demo import SLUGS
from meetings.services.meetings import linked_group
from tests.helpers import text_of


def _row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def test_demo_loads_both_scenarios_and_a_second_run_changes_nothing(runner, edits_registry):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "Demo login: demo@example.org / demo-secretariat" in first.output
    counts = _row_counts()
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "0 invitations added" in second.output
    assert _row_counts() == counts


def test_the_uncac_expert_meeting_is_the_model_case(runner, edits_registry):
    runner.invoke(args=["demo"])
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["uncac_expert_meeting"]))
    assert (meeting.city, meeting.timezone) == ("Vienna", "Europe/Vienna")
    assert [(s.day.day, s.starts_at.hour, s.ends_at.hour) for s in meeting.sittings] == [
        (22, 10, 13), (22, 15, 18), (23, 10, 13), (23, 15, 18)]
    assert meeting.registration_deadline.isoformat() == "2012-09-24"
    assert "resolution 4/2" in meeting.mandate.lower() and "Marrakech" in meeting.mandate
    assert meeting.secretariat.reference_pattern == "CU {year}/{seq}({category_mark})/DTA/CEB/CSS"
    assert meeting.secretariat.category_marks["state_party"] == "A"
    group = [m.slug for m in linked_group(meeting)]
    assert set(group) == {SLUGS["uncac_expert_meeting"], SLUGS["untoc_cop6"],
                          SLUGS["untoc_working_group"]}
    invited = db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id)
    ).all()
    addressees = {i.addressee for i in invited}
    assert "Permanent Mission of Austria to the United Nations (Vienna)" in addressees
    assert "Permanent Mission of the Netherlands to the United Nations (Vienna)" in addressees
    assert "Permanent Mission of Türkiye to the United Nations (Vienna)" in addressees


def test_the_cica_scenario_invites_the_eighteen_members_of_2007(runner, edits_registry):
    runner.invoke(args=["demo"])
    swg = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["cica_swg"]))
    invited = db.session.scalars(sa.select(Invitation).where(Invitation.meeting_id == swg.id)).all()
    assert len(invited) == 18
    languages = {i.party.iso3: i.language for i in invited}
    assert languages["KAZ"] == "kk" and languages["RUS"] == "ru" and languages["IND"] == "en"
    assert [m.slug for m in linked_group(swg)] == [SLUGS["cica_swg"], SLUGS["cica_soc"]]


def test_the_demo_officer_sees_both_scenarios(client, runner, edits_registry):
    runner.invoke(args=["demo"])
    client.post("/secretariat/login",
                data={"email": "demo@example.org", "password": "demo-secretariat"})
    page = text_of(client.get("/secretariat/"))
    assert "First open-ended intergovernmental expert meeting on international cooperation" in page
    assert "Meeting of the CICA Senior Officials Committee" in page


def test_create_user_makes_an_account_that_can_sign_in(runner, client, make_secretariat):
    make_secretariat("cica", city="Astana", timezone="Asia/Almaty")
    result = runner.invoke(args=["create-user", "--email", "Officer@Example.org", "--name",
                                 "A. Officer", "--password-stdin",
                                 "--secretariat", "cica", "--role", "officer"],
                           input="long enough pass\n")
    assert result.exit_code == 0, result.output
    response = client.post("/secretariat/login",
                           data={"email": "officer@example.org", "password": "long enough pass"})
    assert response.status_code == 302


def test_every_demo_meeting_names_its_city_and_country_in_each_of_its_languages(
        client, demo_read_only):
    meetings = db.session.scalars(sa.select(Meeting).order_by(Meeting.slug)).all()
    assert {m.slug for m in meetings} == set(SLUGS.values())
    for meeting in meetings:
        for language in meeting.languages:
            if language == "en":
                continue
            for field in ("city", "country"):  # written, even where it is the English word
                assert (meeting.localized or {}).get(language, {}).get(field), \
                    (meeting.slug, language, field)
    working_group = next(m for m in meetings if m.slug == SLUGS["untoc_working_group"])
    arabic = text_of(client.get(f"/meetings/{working_group.slug}?lang=ar"))
    assert "Vienna" not in arabic and "فيينا" in arabic
