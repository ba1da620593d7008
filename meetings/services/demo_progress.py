"""The UNODC demo meeting as it stood a few days before its deadline (24 September 2012).

Notes issued and e-mailed on 15 August (one e-mail refused by the mission's server), links
opened, delegations submitted, one returned, one confirmed, a draft. `make demo` stops the
service's clock at DEMO_NOW so the dashboard reads as it did then. Every address is on a
reserved domain (example.org, example.test): nothing can reach a real mission.

A "late" delegation cannot exist before the deadline, so the demo has none; move FIXED_NOW past
24 September 2012 and submit one through its link to see it counted.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from flask import current_app

from meetings.extensions import db
from meetings.models import Invitation, Meeting, Note, OutboxMessage, OutboxStatus, PartyKind
from meetings.services import delegations, notes
from meetings.services.audit import Actor
from meetings.services.meetings import linked_group
from meetings.services.private_links import mark_opened

ACTOR = Actor.system("demo data (flask demo)")
DEMO_NOW = datetime(2012, 9, 20, 10, 0, tzinfo=timezone.utc)  # 12:00 in Vienna, 4 days left
ISSUED = datetime(2012, 8, 15, 9, 0, tzinfo=timezone.utc)
REFUSED = {"CIV": "all recipients refused: {'mission.civ@example.test': (550, b'5.1.1 "
                  "<mission.civ@example.test>: Recipient address rejected: User unknown')}"}
OPENED = {"AUT": 17, "NLD": 20, "GBR": 21, "FRA": 27, "ESP": 3, "USA": 30, "KAZ": 5, "CHN": 11}


def at(day: int, month: int = 9, hour: int = 9) -> datetime:
    return datetime(2012, month, day, hour, tzinfo=timezone.utc)


# (given name, family name, function, gender, which meetings of the group: "em", "all")
PEOPLE: dict[str, list[tuple[str, str, str, str | None, str]]] = {
    "AUT": [("Ingrid", "Koller", "head", "female", "all"),
            ("Thomas", "Gruber", "expert", "male", "em")],
    "NLD": [("Pieter", "de Vries", "head", "male", "all"),
            ("Anouk", "Jansen", "alternate", "female", "em")],
    "GBR": [("Sarah", "Collins", "expert", "female", "em")],
    "FRA": [("Claire", "Dubois", "head", "female", "em"),
            ("Julien", "Martin", "expert", "male", "em"),
            ("Élodie", "Bernard", "adviser", None, "all")],
    "ESP": [("Javier", "Morales", "head", "male", "em")],
    "USA": [("Emily", "Carter", "expert", "female", "em")],
}
# iso3: (submitted on, what happened then)
STORY = {
    "AUT": (at(3), "confirmed"),
    "NLD": (at(10), "submitted"),
    "GBR": (at(12), "returned"),
    "FRA": (at(17), "submitted"),
    "ESP": (at(18), "submitted"),
    "USA": (at(19), "draft"),
}
# TODO(h4, issue 12): once Invitation has the government's "declined" (helper h4), the demo
# marks Saudi Arabia's invitation declined here (it answered by note on 12 September).
DECLINING = "SAU"


@contextmanager
def _clock(moment: datetime) -> Iterator[None]:
    """The service's clock at a moment of the story, while that step is written."""
    saved = current_app.config.get("FIXED_NOW")
    current_app.config["FIXED_NOW"] = moment
    try:
        yield
    finally:
        if saved is None:
            current_app.config.pop("FIXED_NOW", None)
        else:
            current_app.config["FIXED_NOW"] = saved


def _address(invitation: Invitation) -> str:
    party = invitation.party
    if party.kind == PartyKind.STATE and party.iso3:
        domain = "example.test" if party.iso3 in REFUSED else "example.org"
        return f"mission.{party.iso3.lower()}@{domain}"
    return f"{(party.registry_key or str(party.id)).split(':')[-1]}.secretariat@example.org"


def unodc_before_deadline(meeting: Meeting) -> None:
    """Written once: a meeting whose notes are already issued is left as it is."""
    if db.session.scalar(sa.select(Note.id).where(Note.meeting_id == meeting.id).limit(1)):
        return
    invitations = list(db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id).order_by(Invitation.id)))
    if not invitations:
        return
    for invitation in invitations:
        invitation.emails = [_address(invitation)]
    with _clock(ISSUED):
        issued = notes.issue(invitations, ACTOR, base_url="http://127.0.0.1:5000",
                             send=True, dated=meeting.note_date)
    for note in issued:
        note.issued_at = ISSUED
    messages = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.note_id.in_([n.id for n in issued]))).all()
    by_code = {i.id: i.party.iso3 for i in invitations}
    for message in messages:
        message.created_at, message.attempts = ISSUED, 1
        refusal = REFUSED.get(by_code.get(message.invitation_id or 0) or "")
        if refusal:
            message.status, message.last_error = OutboxStatus.FAILED, refusal
            message.next_attempt_at = at(15, 8, 10)
        else:
            message.status, message.sent_at = OutboxStatus.SENT, at(15, 8, 10)
    by_iso3 = {i.party.iso3: i for i in invitations if i.party.iso3}
    for code, day in OPENED.items():
        if code in by_iso3:
            mark_opened(by_iso3[code], at(day, 8 if day > 16 else 9, 8))
    _delegations(meeting, by_iso3)
    db.session.flush()


def _delegations(meeting: Meeting, by_iso3: dict[str, Invitation]) -> None:
    group = linked_group(meeting)
    everything = [m.id for m in group]
    for code, (when, outcome) in STORY.items():
        invitation = by_iso3.get(code)
        if invitation is None:
            continue
        values: dict[str, Any] = {
            "focal_point_name": f"{PEOPLE[code][0][0]} {PEOPLE[code][0][1]}",
            "focal_point_position": "Counsellor", "focal_point_phone": None,
            "focal_point_email": f"focal.{code.lower()}@example.org",
            "delegates": [{"given_name": given, "family_name": family, "function": function,
                           "gender": gender, "email": f"{given.lower()}.{code.lower()}@example.org",
                           "meetings": everything if which == "all" else [meeting.id]}
                          for given, family, function, gender, which in PEOPLE[code]],
        }
        actor = Actor.system(f"focal point of {invitation.party.short_name()} (private link)")
        with _clock(when):
            delegation = delegations.save(invitation, values, group, actor, expected_version=None,
                                          now=when, submit=outcome != "draft")
        if outcome == "confirmed":
            delegations.confirm(delegation, ACTOR, at(when.day + 2))
        elif outcome == "returned":
            delegations.return_to_focal_point(
                delegation, "Please name the head of the delegation and send the note "
                "verbale signed by the Permanent Mission.", ACTOR)
