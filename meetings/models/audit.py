"""Who changed what, and when: every change to a meeting, invitation or delegation."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.models.secretariat import User
from meetings.models.types import UTCDateTime, utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(sa.String(300))  # who, in words, even without a user
    secretariat_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    action: Mapped[str] = mapped_column(sa.String(60))
    changes: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # A change to what published calendars show (meetings, sittings, documents, links, the
    # secretariat's own details): only these make the secretariat's calendar files stale.
    shown_in_calendars: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    user: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.Index("ix_audit_events_object", "object_type", "object_id"),
        # The latest calendar change of a secretariat is one step down this index.
        sa.Index("ix_audit_events_calendars", "secretariat_id", "id",
                 postgresql_where=sa.text("shown_in_calendars"),
                 sqlite_where=sa.text("shown_in_calendars")),
    )
