"""The invitation list of a meeting: who is invited, in what capacity, addressed how."""
from __future__ import annotations

import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    Invitation,
    InvitationCategory,
    Meeting,
    Party,
    PartyKind,
    Secretariat,
)
from meetings.services.audit import Actor, record, snapshot
from meetings.services.meetings import RuleBroken


def default_addressee(party: Party, secretariat: Secretariat) -> str:
    """'Permanent Mission of Austria to the United Nations (Vienna)'; an organization's secretariat."""
    if party.default_addressee:
        return party.default_addressee
    name = party.name_in("en")
    drafted = name.with_article if name else party.short_name("en")
    if party.kind == PartyKind.STATE:
        return f"Permanent Mission of {drafted} to the United Nations ({secretariat.city})"
    return f"Secretariat of {drafted}"


def invite(
    meeting: Meeting,
    party: Party,
    category: InvitationCategory,
    actor: Actor,
    *,
    addressee: str | None = None,
    language: str | None = None,
    emails: list[str] | None = None,
) -> Invitation:
    """Put a party on the meeting's list; a party is on a list at most once."""
    already = db.session.scalar(
        sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id, Invitation.party_id == party.id
        )
    )
    if already is not None:
        raise RuleBroken({"party": f"{party.short_name()} is already on this list."})
    invitation = Invitation(
        meeting=meeting,
        party=party,
        category=category,
        addressee=addressee or default_addressee(party, meeting.secretariat),
        language=language or party.working_language,
        emails=list(emails if emails is not None else party.emails),
    )
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invited", invitation, snapshot(invitation), meeting_id=meeting.id,
           secretariat_id=meeting.secretariat_id)
    return invitation
