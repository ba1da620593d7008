"""The deadline-day data set of `make bench`, loaded through the services as an officer would.

One linked group (an expert meeting held during a conference, registration closing tomorrow)
with every State of the registry and 20 organizations invited and their notes issued, 100
delegations of 5 submitted, 4 sittings a day, 300 other meetings of the same secretariat, and
a separate meeting with 200 governments holding a link, for the integrity check under load.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    Invitation,
    InvitationCategory,
    LatePolicy,
    LinkKind,
    Meeting,
    MeetingStatus,
    NoteTemplate,
    Party,
    PartyKind,
    ReviewStatus,
    Secretariat,
)
from meetings.services import delegations, notes, private_links
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor
from meetings.services.demo import SLUGS
from meetings.services.invitations import invite

ACTOR = Actor.system("benchmark data set")
BASE_URL = "http://127.0.0.1"
SUBMITTED = 100
DELEGATES = 5
OTHER_MEETINGS = 300
CROWD = 200  # governments submitting at once in the integrity check
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class DataSet:
    """What the load generators need: addresses, private links and the staff's sign-in."""

    secretariat_slug: str
    meeting_slug: str
    group_ids: list[int]
    invitations: int
    submitted_links: list[str] = field(default_factory=list)  # delegations already submitted
    open_links: list[str] = field(default_factory=list)  # issued notes, nothing submitted yet
    crowd_links: list[str] = field(default_factory=list)  # the integrity meeting's governments
    crowd_meeting_id: int = 0
    crowd_group_ids: list[int] = field(default_factory=list)
    delegate_calendar: str = ""


def _copy_meeting(source: Meeting, slug: str, first: date, last: date, **values) -> Meeting:
    fields = ("title", "short_title", "body", "mandate", "background", "functions", "venue_name",
              "venue_address", "city", "country", "timezone", "languages", "website", "in_text",
              "localized", "enclosure_pages")
    copied = {name: getattr(source, name) for name in fields}
    meeting = meeting_service.create_meeting(source.secretariat, {
        **copied, "slug": slug, "first_day": first, "last_day": last, **values}, ACTOR)
    for template in db.session.scalars(sa.select(NoteTemplate).where(
            NoteTemplate.meeting_id == source.id)):
        db.session.add(NoteTemplate(secretariat_id=meeting.secretariat_id, meeting=meeting,
                                    language=template.language, body=template.body,
                                    source=template.source, review=ReviewStatus.REVIEWED))
    return meeting


def _four_sittings_a_day(meeting: Meeting) -> None:
    day = meeting.first_day
    while day <= meeting.last_day:
        for start, end in ((9, 10), (10, 13), (15, 18), (18, 19)):
            meeting_service.add_sitting(
                meeting, {"day": day, "starts_at": time(start), "ends_at": time(end)}, ACTOR)
        day += timedelta(days=1)


def _delegation_values(group: list[Meeting], number: int) -> dict:
    people = [{"key": "", "honorific": "Mr." if i % 2 else "Ms.", "given_name": f"Person{i}",
               "family_name": f"Delegate{number}", "job_title": "Counsellor",
               "function": "head" if i == 0 else "expert", "email": f"p{i}.d{number}@example.org",
               "phone": "", "gender": "male" if i % 2 else "female",
               "meetings": [m.id for m in group]} for i in range(DELEGATES)]
    return {"focal_point_name": f"Focal Point {number}", "focal_point_position": "First Secretary",
            "focal_point_email": f"focal{number}@example.org", "focal_point_phone": "",
            "delegates": people}


def load(today: date) -> DataSet:
    """Build the data set on top of the demo (which must be loaded), dated around `today`."""
    model = db.session.scalar(sa.select(Meeting).where(
        Meeting.slug == SLUGS["uncac_expert_meeting"]))
    assert model is not None, "load the demo first"
    secretariat: Secretariat = model.secretariat
    now = datetime.combine(today, time(9), tzinfo=timezone.utc)
    first = today + timedelta(days=40)
    conference = _copy_meeting(model, "bench-conference", first, first + timedelta(days=4),
                               status=MeetingStatus.ANNOUNCED)
    expert = _copy_meeting(model, "bench-expert-meeting", first + timedelta(days=5),
                           first + timedelta(days=6), status=MeetingStatus.REGISTRATION_OPEN,
                           registration_deadline=today + timedelta(days=1),
                           late_policy=LatePolicy.ACCEPT_LATE, note_date=today - timedelta(days=40))
    meeting_service.link_meetings(expert, conference, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    for meeting in (conference, expert):
        _four_sittings_a_day(meeting)
    for title in ("Information for participants", "Provisional agenda"):
        meeting_service.add_document(expert, title, ACTOR, url="https://www.example.org/doc",
                                     attached_to_note=True)
    group = [expert, conference]

    states = list(db.session.scalars(sa.select(Party).where(
        Party.kind == PartyKind.STATE, Party.secretariat_id.is_(None)).order_by(Party.id)))
    organizations = list(db.session.scalars(sa.select(Party).where(
        Party.kind != PartyKind.STATE, Party.secretariat_id.is_(None)).order_by(Party.id)))[:20]
    invitations: list[Invitation] = []
    for party in states:
        invitations.append(invite(expert, party, InvitationCategory.STATE_PARTY, ACTOR,
                                  emails=[f"mission.{party.iso3 or party.id}@example.org".lower()]))
    for party in organizations:
        invitations.append(invite(expert, party, InvitationCategory.OBSERVER_ORGANIZATION, ACTOR,
                                  language="en", emails=[f"org{party.id}@example.org"]))
    notes.issue(invitations, ACTOR, base_url=BASE_URL, dated=today - timedelta(days=40))
    data = DataSet(secretariat_slug=secretariat.slug, meeting_slug=expert.slug,
                   group_ids=[m.id for m in group], invitations=len(invitations))
    for number, invitation in enumerate(invitations):
        secret = private_links.registration_secret(invitation)
        assert secret is not None
        if number < SUBMITTED:
            delegations.save(invitation, _delegation_values(group, number), group, ACTOR,
                             expected_version=None, now=now, submit=True)
            data.submitted_links.append(secret)
        else:
            data.open_links.append(secret)
    db.session.flush()
    first_delegate = invitations[0].delegation.delegates[0]  # type: ignore[union-attr]
    data.delegate_calendar = private_links.calendar_secret(first_delegate)

    for number in range(OTHER_MEETINGS):
        day = today + timedelta(days=60 + number)
        other = meeting_service.create_meeting(secretariat, {
            "slug": f"bench-other-{number}", "title": f"Meeting {number} of the benchmark",
            "short_title": f"meeting {number}", "body": model.body, "city": "Vienna",
            "country": "Austria", "timezone": "Europe/Vienna", "venue_name": model.venue_name,
            "first_day": day, "last_day": day + timedelta(days=1), "languages": ["en"],
            "status": MeetingStatus.ANNOUNCED}, ACTOR)
        _four_sittings_a_day(other)

    crowd = meeting_service.create_meeting(secretariat, {
        "slug": "bench-crowd", "title": "Meeting the crowd registers for", "short_title": "crowd",
        "body": model.body, "city": "Vienna", "country": "Austria", "timezone": "Europe/Vienna",
        "first_day": first, "last_day": first, "languages": ["en"],
        "registration_deadline": today + timedelta(days=1),
        "status": MeetingStatus.REGISTRATION_OPEN}, ACTOR)
    data.crowd_meeting_id = crowd.id
    data.crowd_group_ids = [crowd.id]
    for party in (states + organizations)[:CROWD]:
        invitation = invite(crowd, party, InvitationCategory.STATE_PARTY, ACTOR, language="en")
        data.crowd_links.append(private_links.issue_link(invitation, ACTOR, now))
    return data
