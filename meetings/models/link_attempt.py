"""Wrong private links tried from one client address, so guessing is slowed down."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from meetings.extensions import db
from meetings.models.types import UTCDateTime, utcnow


class LinkAttempt(db.Model):
    """Wrong private links tried from one address, counted per window to slow guessing down."""

    __tablename__ = "link_attempts"

    address: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    failures: Mapped[int] = mapped_column(default=0)
