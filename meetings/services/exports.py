"""A meeting's invitation list, delegations and delegates as tables: pure builders of
(columns, rows) that meetings.tabular writes as CSV or XLSX. Column names are stable (the
README's "Data in and out" lists them); add new ones at the end."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetings.extensions import db
from meetings.models import Delegate, Delegation, Invitation, Meeting, Party
from meetings.services.audit import Actor, record
from meetings.services.invitations import invitation_list

Table = tuple[Sequence[str], list[list[Any]]]

INVITATION_COLUMNS = ("party_code", "party", "category", "language", "emails", "addressee",
                      "addressee_in_text", "status", "reference", "delegation_status")
DELEGATION_COLUMNS = ("party_code", "party", "category", "delegation_status",
                      "submitted_at_utc", "late", "entered_by_secretariat", "confirmed_at_utc",
                      "focal_point_name", "focal_point_position", "focal_point_email",
                      "focal_point_phone", "delegates")
DELEGATE_COLUMNS = ("party_code", "party", "category", "delegation_status", "order",
                    "honorific", "given_name", "family_name", "function", "job_title", "email",
                    "phone", "gender", "meetings")


def _party(invitation: Invitation) -> list[Any]:
    party = invitation.party
    return [party.iso3 or "", party.short_name(), invitation.category.value]


def invitations_table(meeting: Meeting) -> Table:
    """Every invitation, withdrawn ones included, in the order of the list."""
    rows = [[*_party(i), i.language, "; ".join(i.emails or []), i.addressee,
             i.addressee_in_text, i.status.value, i.reference,
             i.delegation.status.value if i.delegation else ""]
            for i in invitation_list(meeting)]
    return INVITATION_COLUMNS, rows


def _with_delegations(meeting: Meeting) -> list[Invitation]:
    """The list's invitations that have a delegation, delegates and their meetings loaded."""
    loaded = {i.id for i in db.session.scalars(
        sa.select(Invitation).join(Delegation).where(Invitation.meeting_id == meeting.id)
        .options(selectinload(Invitation.delegation).selectinload(Delegation.delegates)
                 .selectinload(Delegate.meetings),
                 selectinload(Invitation.party).selectinload(Party.names)))}
    return [i for i in invitation_list(meeting) if i.id in loaded and i.delegation is not None]


def delegations_table(meeting: Meeting) -> Table:
    rows = []
    for invitation in _with_delegations(meeting):
        d = invitation.delegation
        assert d is not None
        rows.append([*_party(invitation), d.status.value, d.submitted_at, d.is_late,
                     d.entered_by_secretariat, d.confirmed_at, d.focal_point_name,
                     d.focal_point_position, d.focal_point_email, d.focal_point_phone,
                     len(d.delegates)])
    return DELEGATION_COLUMNS, rows


def delegates_table(meeting: Meeting) -> Table:
    """One line per delegate, in the delegation's own order."""
    rows = []
    for invitation in _with_delegations(meeting):
        d = invitation.delegation
        assert d is not None
        for position, person in enumerate(d.delegates, 1):
            rows.append([*_party(invitation), d.status.value, position, person.honorific,
                         person.given_name, person.family_name, person.function.value,
                         person.job_title, person.email, person.phone,
                         person.gender.value if person.gender else "",
                         "; ".join(m.slug for m in person.meetings)])
    return DELEGATE_COLUMNS, rows


def record_export(meeting: Meeting, what: str, fmt: str, rows: int, actor: Actor) -> None:
    """Personal data leaving the service is recorded: who took which table, when."""
    record(actor, f"{what} exported", meeting, {"format": fmt, "rows": rows},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
