"""The invitation list of a meeting: who is invited, in what capacity, addressed how."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetings.collation import sort_key
from meetings.extensions import db
from meetings.models import (
    Delegation,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    Party,
    PartyGroup,
    PartyKind,
    Secretariat,
)
from meetings.models.types import utcnow
from meetings.services.audit import Actor, pending_changes, record, snapshot
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


CATEGORY_ORDER = {category: position for position, category in enumerate(InvitationCategory)}


def invite_group(
    meeting: Meeting, group: PartyGroup, category: InvitationCategory, actor: Actor
) -> tuple[list[Invitation], list[Party]]:
    """Invite every party of a group not yet on the list; returns (added, already listed)."""
    listed = set(
        db.session.scalars(sa.select(Invitation.party_id).where(Invitation.meeting_id == meeting.id))
    )
    added, already = [], []
    for party in group.parties:
        if party.id in listed:
            already.append(party)
        else:
            added.append(invite(meeting, party, category, actor))
    return added, already


def update_invitation(invitation: Invitation, values: dict, actor: Actor) -> Invitation:
    for field in ("category", "addressee", "emails", "language"):
        if field in values:
            setattr(invitation, field, values[field])
    changes = pending_changes(invitation)
    if changes:
        record(actor, "invitation updated", invitation, changes,
               meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    return invitation


def has_registered(invitation: Invitation) -> bool:
    delegation = invitation.delegation
    return delegation is not None and (bool(delegation.delegates) or delegation.submitted_at
                                       is not None)


def remove_invitation(invitation: Invitation, actor: Actor) -> str:
    """Take a party off the list: deleted if nothing happened yet, else withdrawn and kept."""
    meeting = invitation.meeting
    if invitation.status == InvitationStatus.LISTED and not has_registered(invitation):
        record(actor, "invitation removed", invitation, snapshot(invitation),
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
        db.session.delete(invitation)
        return "removed"
    if invitation.status != InvitationStatus.WITHDRAWN:
        record(actor, "invitation withdrawn", invitation,
               {"status": [invitation.status.value, InvitationStatus.WITHDRAWN.value]},
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
        invitation.status = InvitationStatus.WITHDRAWN
        invitation.withdrawn_at = utcnow()
    return "withdrawn"


def reinstate(invitation: Invitation, actor: Actor) -> Invitation:
    if invitation.status == InvitationStatus.WITHDRAWN:
        restored = InvitationStatus.ISSUED if invitation.reference else InvitationStatus.LISTED
        record(actor, "invitation reinstated", invitation,
               {"status": [InvitationStatus.WITHDRAWN.value, restored.value]},
               meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
        invitation.status = restored
        invitation.withdrawn_at = None
    return invitation


def invitation_list(meeting: Meeting, language: str = "en") -> list[Invitation]:
    """The list as documents show it: by category, then in UN order in the list's language."""
    invitations = db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.meeting_id == meeting.id)
        .options(
            selectinload(Invitation.party).selectinload(Party.names),
            selectinload(Invitation.delegation).selectinload(Delegation.delegates),
        )
    ).all()
    return sorted(
        invitations,
        key=lambda i: (CATEGORY_ORDER[i.category], sort_key(i.party.short_name(language), language)),
    )
