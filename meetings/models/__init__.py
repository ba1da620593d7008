"""The domain model; importing this package registers every table with the metadata."""
from meetings.models.account_token import AccountToken, TokenPurpose
from meetings.models.audit import AuditEvent
from meetings.models.calendar import CalendarFeed
from meetings.models.delegation import (
    Delegate,
    DelegateFunction,
    Delegation,
    DelegationStatus,
    DelegationVersion,
    Gender,
    delegate_attendance,
)
from meetings.models.files import StoredFile
from meetings.models.group import PartyGroup, party_group_members
from meetings.models.invitation import (
    Invitation,
    InvitationCategory,
    InvitationStatus,
    RecipientKind,
)
from meetings.models.link_attempt import LinkAttempt
from meetings.models.login_attempt import LoginAttempt
from meetings.models.meeting import (
    LatePolicy,
    LinkKind,
    Meeting,
    MeetingDocument,
    MeetingLink,
    MeetingStatus,
    Sitting,
    SittingStatus,
)
from meetings.models.note import Note, NoteTemplate, ReviewStatus
from meetings.models.outbox import OutboxAttachment, OutboxMessage, OutboxStatus
from meetings.models.party import (
    UN_LANGUAGES,
    Party,
    PartyContact,
    PartyKind,
    PartyName,
    UNStatus,
)
from meetings.models.reminder import Reminder
from meetings.models.secretariat import Membership, Role, Secretariat, SenderGender, User

__all__ = [
    "AccountToken", "TokenPurpose",
    "AuditEvent", "CalendarFeed", "Delegate", "DelegateFunction", "Delegation", "DelegationStatus", "DelegationVersion", "Gender", "LinkAttempt", "LoginAttempt",
    "delegate_attendance", "StoredFile", "PartyGroup", "party_group_members", "Invitation", "InvitationCategory", "InvitationStatus", "RecipientKind",
    "LatePolicy", "LinkKind", "Meeting", "MeetingDocument", "MeetingLink", "MeetingStatus",
    "Sitting", "SittingStatus", "UN_LANGUAGES", "Party", "PartyContact", "PartyKind", "PartyName", "UNStatus",
    "Membership", "Role", "Note", "NoteTemplate", "OutboxAttachment", "OutboxMessage", "OutboxStatus", "Reminder", "ReviewStatus", "Secretariat", "SenderGender", "User",
]
