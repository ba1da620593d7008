"""Calendar files as last built, shared by every instance: polls are answered from here."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from meetings.extensions import db
from meetings.models.types import UTCDateTime, utcnow


class CalendarFeed(db.Model):
    __tablename__ = "calendar_feeds"

    key: Mapped[str] = mapped_column(sa.String(120), primary_key=True)  # "meeting:12", ...
    # The last change the file reflects (the secretariat's latest audit event id).
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    etag: Mapped[str] = mapped_column(sa.String(64))
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Each request loads the one body it sends (stored() says which): a secretariat's calendar
    # is a megabyte as text and a tenth of it compressed.
    body: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    # The same file gzip-compressed, for the clients that accept it (every calendar client does);
    # empty for stored pages and for files built before it was kept.
    body_gzip: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)
