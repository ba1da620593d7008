"""A party on a meeting's invitation list."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.delegation import Delegation
    from meetings.models.meeting import Meeting
    from meetings.models.party import Party


class InvitationCategory(enum.StrEnum):
    """The capacity in which a party is invited; lists of participants group by it."""

    STATE_PARTY = "state_party"
    SIGNATORY_STATE = "signatory_state"
    MEMBER_STATE = "member_state"
    OBSERVER_STATE = "observer_state"
    OBSERVER_ORGANIZATION = "observer_organization"
    UN_ENTITY = "un_entity"
    SPECIALIZED_AGENCY = "specialized_agency"  # and related organizations (IAEA, WTO…)
    OTHER = "other"

    @property
    def label(self) -> str:
        return str({
            "state_party": _l("State party"),
            "signatory_state": _l("Signatory State"),
            "member_state": _l("Member State"),
            "observer_state": _l("Observer State"),
            "observer_organization": _l("Observer organization"),
            "un_entity": _l("United Nations entity"),
            "specialized_agency": _l("Specialized agency or related organization"),
            "other": _l("Other"),
        }[self.value])


class RecipientKind(enum.StrEnum):
    """Who the note addresses: it chooses "the Government", "the Organization", "the Union"."""

    GOVERNMENT = "government"
    ORGANIZATION = "organization"  # intergovernmental organization
    UN_ENTITY = "un_entity"
    EUROPEAN_UNION = "european_union"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str({
            "government": _l("Government"),
            "organization": _l("Intergovernmental organization"),
            "un_entity": _l("United Nations entity"),
            "european_union": _l("The European Union"),
            "other": _l("Other"),
        }[self.value])

    @classmethod
    def of_party(cls, kind: str | None, registry_key: str | None = None) -> RecipientKind:
        """The default from the party's kind; the European Union is recognised by its key."""
        if registry_key == EUROPEAN_UNION_KEY:
            return cls.EUROPEAN_UNION
        return {"state": cls.GOVERNMENT, "organization": cls.ORGANIZATION,
                "un_entity": cls.UN_ENTITY}.get(str(kind or ""), cls.OTHER)


EUROPEAN_UNION_KEY = "org:eu"


class InvitationStatus(enum.StrEnum):
    LISTED = "listed"  # on the list, no note issued yet
    ISSUED = "issued"  # the note verbale has been issued
    WITHDRAWN = "withdrawn"  # taken off the list; kept with whatever it received


class Invitation(db.Model):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True
    )
    party_id: Mapped[int] = mapped_column(
        sa.ForeignKey("parties.id", ondelete="RESTRICT"), index=True
    )
    category: Mapped[InvitationCategory] = mapped_column(
        enum_column(InvitationCategory, "invitation_category")
    )
    # Chooses the words for the recipient in every language ("the Government", "l'Organisation");
    # defaulted from the party's kind when the invitation is created.
    recipient_kind: Mapped[RecipientKind] = mapped_column(
        enum_column(RecipientKind, "recipient_kind")
    )
    addressee: Mapped[str] = mapped_column(sa.String(400))
    # The addressee as the opening formula writes it when that differs from the block at the
    # foot of the note: "the Permanent Mission …", "Постоянному представительству …" (dative).
    addressee_in_text: Mapped[str | None] = mapped_column(sa.String(400))
    emails: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    # The reference of its latest note (shared by a mailing's copies: one number, many copies).
    reference: Mapped[str | None] = mapped_column(sa.String(120), index=True)
    status: Mapped[InvitationStatus] = mapped_column(
        enum_column(InvitationStatus, "invitation_status"), default=InvitationStatus.LISTED
    )
    # Only the SHA-256 of the private registration link's secret is kept. The secret itself is
    # derived when a note or an e-mail goes out: HMAC(key, id, link_salt); a new salt, a new link.
    # Links issued before 0010 have no salt: their hash still opens the page, nothing re-derives it.
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    link_salt: Mapped[str | None] = mapped_column(sa.String(32))
    # SHA-256 of the code printed beside the link, derived from the same secret (never stored).
    code_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    token_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The first time the government opened its private link (the dashboard's "link opened").
    link_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "The Government will not be represented": said on its page or recorded by the secretariat;
    # a declined invitation is never reminded. Undone by setting both back to None.
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    declined_by: Mapped[str | None] = mapped_column(sa.String(300))

    meeting: Mapped[Meeting] = relationship()
    party: Mapped[Party] = relationship()
    delegation: Mapped[Delegation | None] = relationship(
        back_populates="invitation", uselist=False, cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "party_id"),
        sa.CheckConstraint(
            "status <> 'withdrawn' OR withdrawn_at IS NOT NULL", name="withdrawn_has_date"
        ),
    )


@sa.event.listens_for(Invitation, "before_insert")
def _default_recipient_kind(mapper, connection, invitation: Invitation) -> None:
    """An invitation created without a recipient kind takes its party's."""
    if invitation.recipient_kind is not None:
        return
    party = invitation.party
    if party is not None:
        kind, key = party.kind, party.registry_key
    else:
        from meetings.models.party import Party
        row = connection.execute(sa.select(Party.kind, Party.registry_key)
                                 .where(Party.id == invitation.party_id)).first()
        kind, key = (row[0], row[1]) if row else (None, None)
    invitation.recipient_kind = RecipientKind.of_party(kind, key)
