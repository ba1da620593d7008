"""The database itself refuses what the domain forbids, whatever code writes to it."""
from datetime import date, datetime, time, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from meetings.extensions import db
from meetings.models import (
    Delegate,
    DelegateFunction,
    Delegation,
    Invitation,
    InvitationCategory,
    LinkKind,
    Meeting,
    MeetingDocument,
    MeetingLink,
    Party,
    PartyKind,
    Sitting,
)
from tests.helpers import party_by_iso3, violated_constraint


def _insert_fails(constraint: str, obj) -> None:
    """The database refuses the row, and for the reason the test names."""
    db.session.add(obj)
    with pytest.raises(IntegrityError) as refused:
        db.session.flush()
    db.session.rollback()
    assert violated_constraint(refused.value) == constraint


def test_a_meeting_cannot_end_before_it_begins(make_secretariat):
    secretariat = make_secretariat()
    _insert_fails("ck_meetings_days_in_order",
                  Meeting(secretariat=secretariat, slug="m", title="T", city="Vienna",
                          country="Austria", timezone="Europe/Vienna",
                          first_day=date(2012, 10, 23), last_day=date(2012, 10, 22)))


def test_the_deadline_must_fall_before_the_first_day(make_secretariat):
    secretariat = make_secretariat()
    _insert_fails("ck_meetings_deadline_before_first_day",
                  Meeting(secretariat=secretariat, slug="m", title="T", city="Vienna",
                          country="Austria", timezone="Europe/Vienna",
                          first_day=date(2012, 10, 22), last_day=date(2012, 10, 23),
                          registration_deadline=date(2012, 10, 22)))


def test_a_deadline_time_without_a_date_is_refused(make_secretariat):
    secretariat = make_secretariat()
    _insert_fails("ck_meetings_deadline_time_needs_date",
                  Meeting(secretariat=secretariat, slug="m", title="T", city="Vienna",
                          country="Austria", timezone="Europe/Vienna",
                          first_day=date(2012, 10, 22), last_day=date(2012, 10, 23),
                          registration_deadline_time=time(12)))


def test_a_sitting_must_end_after_it_starts(make_secretariat, make_meeting):
    meeting = make_meeting(make_secretariat())
    _insert_fails("ck_sittings_ends_after_start",
                  Sitting(meeting_id=meeting.id, day=date(2012, 10, 22), starts_at=time(13),
                          ends_at=time(10)))


def test_status_values_are_checked_by_the_database(make_secretariat, make_meeting):
    meeting = make_meeting(make_secretariat())
    with pytest.raises(IntegrityError):
        db.session.execute(sa.text("UPDATE meetings SET status = 'imagined' WHERE id = :id"),
                           {"id": meeting.id})
        db.session.flush()
    db.session.rollback()


def test_a_meeting_cannot_be_linked_to_itself_or_twice(make_secretariat, make_meeting):
    secretariat = make_secretariat()
    a = make_meeting(secretariat, "a")
    b = make_meeting(secretariat, "b")
    _insert_fails("ck_meeting_links_not_to_itself",
                  MeetingLink(meeting_id=a.id, other_id=a.id, kind=LinkKind.DURING))
    db.session.add(MeetingLink(meeting_id=a.id, other_id=b.id, kind=LinkKind.DURING))
    db.session.commit()
    _insert_fails("uq_meeting_links_meeting_id_other_id",
                  MeetingLink(meeting_id=a.id, other_id=b.id, kind=LinkKind.JOINTLY_WITH))


def test_a_document_needs_an_address_or_a_file(make_secretariat, make_meeting):
    meeting = make_meeting(make_secretariat())
    _insert_fails("ck_meeting_documents_url_or_file",
                  MeetingDocument(meeting_id=meeting.id, title="Agenda"))


def test_a_state_needs_its_iso_code():
    _insert_fails("ck_parties_state_has_iso3",
                  Party(kind=PartyKind.STATE))


def test_a_party_is_on_a_list_at_most_once(make_secretariat, make_meeting, registry):
    meeting = make_meeting(make_secretariat())
    austria = party_by_iso3("AUT")
    for _ in range(2):
        db.session.add(Invitation(meeting_id=meeting.id, party_id=austria.id, addressee="PM",
                                  category=InvitationCategory.STATE_PARTY))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_one_delegation_per_invitation_and_names_kept_as_typed(
    make_secretariat, make_meeting, registry
):
    meeting = make_meeting(make_secretariat())
    invitation = Invitation(meeting_id=meeting.id, party_id=party_by_iso3("KAZ").id,
                            addressee="PM", category=InvitationCategory.STATE_PARTY)
    delegation = Delegation(invitation=invitation)
    delegation.delegates.append(Delegate(given_name="Ерлан Әбілұлы", family_name="Қожахметов",
                                         function=DelegateFunction.HEAD))
    db.session.add(delegation)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Delegation, delegation.id).delegates[0].family_name == "Қожахметов"
    _insert_fails("uq_delegations_invitation_id",
                  Delegation(invitation_id=invitation.id))


def test_the_closing_instant_is_the_end_of_the_deadline_day_at_the_venue(
    make_secretariat, make_meeting
):
    meeting = make_meeting(make_secretariat())  # 24 September 2012, Vienna (UTC+2 in summer)
    assert meeting.registration_closes_at == datetime(2012, 9, 24, 22, 0, tzinfo=timezone.utc)
    meeting.registration_deadline_time = time(17, 30)
    meeting.timezone = "Asia/Almaty"  # Astana: UTC+6 in 2012
    db.session.commit()
    assert meeting.registration_closes_at == datetime(2012, 9, 24, 11, 30, tzinfo=timezone.utc)


def test_astana_follows_the_2024_time_zone_change(make_secretariat, make_meeting):
    meeting = make_meeting(
        make_secretariat("cica", city="Astana", timezone="Asia/Almaty"), "soc",
        city="Astana", country="Kazakhstan", timezone="Asia/Almaty",
        first_day=date(2024, 6, 27), last_day=date(2024, 6, 27),
        registration_deadline=date(2024, 6, 20),
    )
    # Kazakhstan moved to UTC+5 on 1 March 2024: the day ends at 19:00 UTC, not 18:00.
    assert meeting.registration_closes_at == datetime(2024, 6, 20, 19, 0, tzinfo=timezone.utc)
