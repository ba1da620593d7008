"""E-mail waiting to leave: written in the transaction that caused it, sent after it commits."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.files import StoredFile
    from meetings.models.note import Note


class OutboxStatus(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # failed for good after the last attempt; kept with the server's reply


class OutboxMessage(db.Model):
    """An e-mail written in the same transaction as what caused it; sent after it commits."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[list[str]] = mapped_column(sa.JSON)
    subject: Mapped[str] = mapped_column(sa.String(500))
    body: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str | None] = mapped_column(sa.Text)
    attachment_name: Mapped[str | None] = mapped_column(sa.String(255))
    attachment_type: Mapped[str | None] = mapped_column(sa.String(120))
    attachment: Mapped[bytes | None] = deferred(mapped_column(sa.LargeBinary))
    reply_to: Mapped[str | None] = mapped_column(sa.String(254))
    note_id: Mapped[int | None] = mapped_column(sa.ForeignKey("notes.id", ondelete="SET NULL"))
    # Whose private links fill the body's placeholders when it is sent; they are never stored.
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="SET NULL"), index=True)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus, "outbox_status"), default=OutboxStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    note: Mapped[Note | None] = relationship()
    # The meeting's documents that go with a note's e-mail, beside the note's own file: stored
    # files referred to, not copied, so a retry sends the same bytes and 190 e-mails of one
    # mailing do not hold 190 copies of the agenda.
    documents: Mapped[list[OutboxAttachment]] = relationship(
        back_populates="message", cascade="all, delete-orphan",
        order_by="OutboxAttachment.position")


class OutboxAttachment(db.Model):
    """A stored file an outbox message carries, under the name it is sent with."""

    __tablename__ = "outbox_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        sa.ForeignKey("outbox_messages.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # RESTRICT: a file a queued or sent message carried cannot disappear under it.
    file_id: Mapped[int] = mapped_column(sa.ForeignKey("stored_files.id", ondelete="RESTRICT"))
    filename: Mapped[str] = mapped_column(sa.String(255))

    message: Mapped[OutboxMessage] = relationship(back_populates="documents")
    file: Mapped[StoredFile] = relationship()
