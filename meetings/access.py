"""One place decides who sees what: every view loads its objects through these helpers."""
from __future__ import annotations

import hmac

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from meetings.extensions import db
from meetings.models import (
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    OutboxMessage,
    Party,
    PartyGroup,
    Role,
    Secretariat,
    StoredFile,
    User,
)
from meetings.services.audit import Actor


def current_actor() -> Actor:
    """The signed-in staff member, as the audit log names them."""
    return Actor.staff(current_user)


def load_user(session_id: str) -> User | None:
    """The user a session or remember-me cookie names, if the account is still active and the id
    still matches its session version and password (sign-out and a new password end it).
    Its memberships come in the same statement: every staff page asks for its roles."""
    parts = session_id.split(":")
    if len(parts) != 4 or not parts[0].isdigit():
        return None
    user = db.session.scalars(
        sa.select(User).where(User.id == int(parts[0])).options(joinedload(User.memberships))
    ).unique().one_or_none()
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(user.session_id(parts[2]), session_id):
        return None
    user.login_nonce = parts[2]
    return user


def staff_secretariats(user: User) -> list[Secretariat]:
    return list(
        db.session.scalars(
            sa.select(Secretariat)
            .join(Membership)
            .where(Membership.user_id == user.id)
            .order_by(Secretariat.name)
        )
    )


def require_role(secretariat: Secretariat, edit: bool) -> Role:
    """403 for staff of the secretariat who may only read; 404 for everyone else."""
    role = current_user.role_in(secretariat) if current_user.is_authenticated else None
    if role is None:
        abort(404)
    if edit and not role.can_edit:
        abort(403)
    return role


def staff_meeting(slug: str, edit: bool = False, *options) -> Meeting:
    """The meeting with this slug, if the signed-in user works for its secretariat (read in
    the same statement)."""
    meeting = db.session.scalar(
        sa.select(Meeting)
        .where(Meeting.slug == slug)
        .options(joinedload(Meeting.secretariat, innerjoin=True), *options)
    )
    if meeting is None:
        abort(404)
    require_role(meeting.secretariat, edit)
    return meeting


def staff_invitation(invitation_id: int, edit: bool = False) -> Invitation:
    """An invitation, if the signed-in user works for the secretariat of its meeting."""
    invitation = db.session.scalar(
        sa.select(Invitation)
        .where(Invitation.id == invitation_id)
        .options(joinedload(Invitation.meeting).joinedload(Meeting.secretariat),
                 joinedload(Invitation.party))  # one statement: each is one row
    )
    if invitation is None:
        abort(404)
    require_role(invitation.meeting.secretariat, edit)
    return invitation


def staff_group(group_id: int, edit: bool = False) -> PartyGroup:
    group = db.session.scalar(
        sa.select(PartyGroup).where(PartyGroup.id == group_id)
        .options(joinedload(PartyGroup.secretariat),
                 selectinload(PartyGroup.parties).selectinload(Party.names))
    )
    if group is None:
        abort(404)
    require_role(group.secretariat, edit)
    return group


def meeting_document(meeting: Meeting, document_id: int) -> MeetingDocument:
    """An uploaded document of this meeting (never another meeting's), or 404."""
    document = db.session.scalar(
        sa.select(MeetingDocument).where(
            MeetingDocument.id == document_id, MeetingDocument.meeting_id == meeting.id
        ).options(selectinload(MeetingDocument.file))
    )
    if document is None or document.file_id is None:
        abort(404)
    return document


def meeting_document_file(meeting: Meeting, document_id: int) -> StoredFile:
    """The uploaded file of a document of this meeting, or 404 (a link has no file)."""
    file = meeting_document(meeting, document_id).file
    if file is None:
        abort(404)
    return file


def secretariat_to_create_in(chosen_id: int | None) -> tuple[list[Secretariat], Secretariat]:
    """The secretariats the user may create things in, and the one asked for (or the first)."""
    editable = [m.secretariat for m in current_user.memberships if m.role.can_edit]
    if not editable:
        abort(403)
    return editable, next((s for s in editable if s.id == chosen_id), editable[0])


def staff_party(party_id: int) -> Party:
    """A party of the shared registry, or one the user's own secretariat added; 404 otherwise."""
    party = db.session.get(Party, party_id)
    if party is None or (party.secretariat_id is not None and not any(
            m.secretariat_id == party.secretariat_id for m in current_user.memberships)):
        abort(404)
    return party


def party_names_editor(party: Party) -> None:
    """Shared names: administrators of the service; a secretariat's own party: its editors."""
    if party.secretariat_id is None:
        service_admin()
    else:
        assert party.secretariat is not None  # it has a secretariat_id
        require_role(party.secretariat, edit=True)


def staff_secretariat(secretariat_id: int | None, edit: bool = False) -> Secretariat:
    """The secretariat asked for (or the user's first), if the user works for it."""
    secretariats = staff_secretariats(current_user)
    chosen = next((s for s in secretariats if s.id == secretariat_id), None) \
        if secretariat_id is not None else (secretariats[0] if secretariats else None)
    if chosen is None:
        abort(404)
    require_role(chosen, edit)
    return chosen


def public_meeting(slug: str, light: bool = False) -> Meeting:
    """A meeting the public may see: announced, not a draft.

    `light` loads the meeting row alone, for calendar polls that usually need nothing more.
    """
    from meetings.models import MeetingStatus

    query = sa.select(Meeting).where(Meeting.slug == slug, Meeting.status != MeetingStatus.DRAFT)
    if not light:
        query = query.options(selectinload(Meeting.secretariat), selectinload(Meeting.sittings),
                              selectinload(Meeting.documents))
    meeting = db.session.scalar(query)
    if meeting is None:
        abort(404)
    return meeting


def administered_secretariat(slug: str) -> Secretariat:
    """A secretariat whose settings and staff the signed-in user administers (404 for outsiders,
    403 for its officers and viewers)."""
    secretariat = db.session.scalar(sa.select(Secretariat).where(Secretariat.slug == slug))
    if secretariat is None:
        abort(404)
    if require_role(secretariat, edit=False) != Role.ADMIN:
        abort(403)
    return secretariat


def service_admin() -> None:
    """Creating secretariats and editing the shared registry's UN names (which serve every
    secretariat) are for the people who run the service."""
    if not current_user.is_authenticated or not current_user.is_service_admin:
        abort(403)


def staff_message(message_id: int, edit: bool = False) -> OutboxMessage:
    """An outbox message about one of the signed-in user's secretariats' invitations or notes."""
    from meetings.services.outbox import message_secretariat_id

    message = db.session.get(OutboxMessage, message_id)
    secretariat_id = message_secretariat_id(message) if message is not None else None
    secretariat = db.session.get(Secretariat, secretariat_id) if secretariat_id else None
    if message is None or secretariat is None:
        abort(404)
    require_role(secretariat, edit)
    return message
