"""“The Government will not be represented”: said by the government on its page or recorded by
the secretariat; it shows on the secretariat's pages and no reminder goes to it."""
from __future__ import annotations

from datetime import datetime

from meetings.errors import RuleBroken
from meetings.models import Invitation, InvitationStatus
from meetings.services import deadlines
from meetings.services.audit import Actor, record


def can_decline(invitation: Invitation) -> bool:
    """Not once a delegation has been submitted: the secretariat is then told, not a button."""
    delegation = invitation.delegation
    return invitation.status != InvitationStatus.WITHDRAWN and \
        (delegation is None or delegation.submitted_at is None)


def government_may_undo(invitation: Invitation, now: datetime) -> bool:
    """The government changes its mind only before the deadline; the secretariat at any time."""
    return deadlines.registration(invitation.meeting, now).window == deadlines.Window.OPEN


def decline(invitation: Invitation, actor: Actor, now: datetime) -> bool:
    """Record the decline; False when it was already recorded (a second click changes nothing)."""
    if invitation.declined_at is not None:
        return False
    if not can_decline(invitation):
        raise RuleBroken({"decline": "A delegation has already been submitted: please write to "
                                     "the secretariat instead."})
    invitation.declined_at = now
    invitation.declined_by = actor.label[:300]
    record(actor, "declined: the Government will not be represented", invitation,
           {"declined_at": [None, now.isoformat()]}, meeting_id=invitation.meeting_id,
           secretariat_id=invitation.meeting.secretariat_id)
    return True


def undo(invitation: Invitation, actor: Actor, now: datetime, *, by_government: bool) -> bool:
    """Take the decline back; False when there was none."""
    if invitation.declined_at is None:
        return False
    if by_government and not government_may_undo(invitation, now):
        raise RuleBroken({"undo": "The deadline has passed: please write to the secretariat."})
    record(actor, "decline withdrawn: the Government will be represented", invitation,
           {"declined_at": [invitation.declined_at.isoformat(), None],
            "declined_by": [invitation.declined_by, None]},
           meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    invitation.declined_at = None
    invitation.declined_by = None
    return True
