"""The secretariat says where the European Union stands in its lists, among the States parties in
alphabetical order or after them, and the invitation list, the dashboard table, the numbers of a
mailing and the list of participants all follow that one setting."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import AuditEvent, InvitationCategory, MeetingStatus, RecipientKind, Role
from meetings.services import dashboard, participants
from meetings.services import delegations as delegation_service
from meetings.services import notes as note_service
from meetings.services.audit import Actor
from meetings.services.invitations import invitation_list, invite
from tests.helpers import party_by_iso3, party_by_key, text_of
from tests.test_secretariat_settings import settings_form

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 20, 10, 0, tzinfo=timezone.utc)
ALPHABETICAL = ["Austria", "Belgium", "European Union", "France", "Spain"]
AFTER_STATES = ["Austria", "Belgium", "France", "Spain", "European Union"]


@pytest.fixture
def conference(registry, make_secretariat, make_user, make_meeting, login_as):
    """The States parties and the European Union invited, each with a confirmed delegation."""
    unodc = make_secretariat("unodc", languages=["en", "fr"], reference_pattern="CU/{seq}")
    login_as(make_user(unodc, Role.ADMIN))
    meeting = make_meeting(unodc, "em", status=MeetingStatus.REGISTRATION_OPEN)
    parties = [party_by_iso3(c) for c in ("FRA", "ESP", "AUT", "BEL")] + [party_by_key("org:eu")]
    for party in parties:
        invitation = invite(meeting, party, InvitationCategory.STATE_PARTY, ACTOR, language="en")
        values = {"focal_point_name": "Focal Point", "delegates": [{
            "key": "", "honorific": "", "given_name": "Anna", "family_name": party.iso3 or "EU",
            "job_title": "", "function": "head", "email": "", "phone": "", "gender": "",
            "meetings": [meeting.id]}]}
        delegation = delegation_service.save(invitation, values, [meeting], ACTOR,
                                             expected_version=None, now=NOW, submit=True)
        delegation_service.confirm(delegation, ACTOR, NOW)
    db.session.commit()
    return meeting


def order_on(page: str, names=ALPHABETICAL) -> list[str]:
    """The names in the order of their last mention: the table's rows (the invitation list's
    page names every party earlier, in its form to add one)."""
    return sorted(names, key=page.rindex)


def choose(client, meeting, place: str):
    response = client.post("/secretariat/secretariats/unodc/settings",
                           data=settings_form(meeting.secretariat, european_union_place=place))
    assert response.status_code == 302, text_of(response)


def lists(client, meeting) -> dict[str, list[str]]:
    """Each list as its page shows it, and as the services return it."""
    pages = {
        "invitation list": text_of(client.get("/secretariat/meetings/em/invitations")),
        "dashboard": text_of(client.get("/secretariat/meetings/em/dashboard")),
        "participants": text_of(client.get("/secretariat/meetings/em/participants?language=en")),
    }
    built = participants.build(meeting, language="en")
    return {
        **{name: order_on(page) for name, page in pages.items()},
        "invitation list (service)": [i.party.short_name() for i in invitation_list(meeting)],
        "dashboard (service)": [r.name for r in dashboard.build(meeting, NOW).rows],
        "participants (service)": [e.name for s in built.meetings[0].sections
                                   for e in s.parties],
        "mailing": [i.party.short_name() for i in note_service.list_order(
            list(reversed(invitation_list(meeting))))],
    }


def test_by_default_the_european_union_stands_among_the_states_in_alphabetical_order(
        client, conference):
    assert conference.secretariat.european_union_place == "alphabetical"
    for name, order in lists(client, conference).items():
        assert order == ALPHABETICAL, name


def test_after_the_states_every_list_puts_the_european_union_last_and_back_again(
        client, conference):
    choose(client, conference, "after_states")
    db.session.expire_all()
    for name, order in lists(client, conference).items():
        assert order == AFTER_STATES, name
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "settings changed")
                              .order_by(AuditEvent.id.desc()))
    assert event.changes["european_union_place"] == ["alphabetical", "after_states"]
    choose(client, conference, "alphabetical")
    db.session.expire_all()
    assert lists(client, conference)["participants"] == ALPHABETICAL


def test_a_party_the_secretariat_addresses_as_the_union_counts_as_the_union(client, conference):
    conference.secretariat.european_union_place = "after_states"
    austria = next(i for i in invitation_list(conference) if i.party.iso3 == "AUT")
    austria.recipient_kind = RecipientKind.EUROPEAN_UNION  # as if Austria were the Union
    assert [i.party.short_name() for i in invitation_list(conference)][-2:] == \
        ["Austria", "European Union"]
    db.session.rollback()


def test_the_setting_refuses_a_place_it_does_not_know(client, conference):
    response = client.post("/secretariat/secretariats/unodc/settings",
                           data=settings_form(conference.secretariat,
                                              european_union_place="first"))
    assert response.status_code == 302  # an unknown choice leaves the setting as it was
    db.session.expire_all()
    assert conference.secretariat.european_union_place == "alphabetical"
    page = text_of(client.get("/secretariat/secretariats/unodc/settings"))
    assert "The European Union in lists" in page and "After the States" in page
