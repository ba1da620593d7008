"""A reminder sent to a government that has not registered: at most one a day per invitation."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from meetings.extensions import db
from meetings.models.types import UTCDateTime, utcnow


class Reminder(db.Model):
    """One row per invitation and day (in the secretariat's zone); the unique constraint, not a
    check before the insert, is what keeps two overlapping runs from reminding twice."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="CASCADE"), index=True)
    sent_on: Mapped[date] = mapped_column(sa.Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_by: Mapped[str] = mapped_column(sa.String(300))
    outbox_message_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("outbox_messages.id", ondelete="SET NULL"))

    __table_args__ = (sa.UniqueConstraint("invitation_id", "sent_on"),)
