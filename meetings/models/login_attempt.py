"""Wrong passwords counted per account and per client address, so guessing is slowed down."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from meetings.extensions import db
from meetings.models.types import UTCDateTime, utcnow


class LoginAttempt(db.Model):
    """Failed sign-ins for one key (an e-mail address or a client address), in the database so
    every instance behind the load balancer sees the same count."""

    __tablename__ = "login_attempts"

    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)  # "account" or "address"
    key: Mapped[str] = mapped_column(sa.String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.CheckConstraint("kind IN ('account', 'address')", name="kind_known"),
        sa.Index("ix_login_attempts_last_failure_at", "last_failure_at"),
    )
