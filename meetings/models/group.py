"""Named, dated lists of parties a secretariat reuses to build invitation lists."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.models.invitation import InvitationCategory
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.party import Party
    from meetings.models.secretariat import Secretariat

party_group_members = sa.Table(
    "party_group_members",
    db.metadata,
    sa.Column("group_id", sa.ForeignKey("party_groups.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("party_id", sa.ForeignKey("parties.id", ondelete="RESTRICT"), primary_key=True),
)


class PartyGroup(db.Model):
    """E.g. 'States parties to UNCAC (as of 15 August 2012)', 'CICA member States'."""

    __tablename__ = "party_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    secretariat_id: Mapped[int] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(300))
    as_of: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(sa.Text)  # e.g. "illustrative, not the real status"
    default_category: Mapped[InvitationCategory] = mapped_column(
        enum_column(InvitationCategory, "invitation_category"),
        default=InvitationCategory.STATE_PARTY,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    secretariat: Mapped[Secretariat] = relationship()
    parties: Mapped[list[Party]] = relationship(secondary=party_group_members)

    __table_args__ = (sa.UniqueConstraint("secretariat_id", "name"),)

    @property
    def label(self) -> str:
        return f"{self.name} (as of {self.as_of:%-d %B %Y})" if self.as_of else self.name
