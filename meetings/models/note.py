"""Notes verbales: editable templates, and the notes as issued (frozen, numbered)."""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.invitation import Invitation
    from meetings.models.meeting import Meeting
    from meetings.models.secretariat import Secretariat, User


class ReviewStatus(enum.StrEnum):
    REVIEWED = "reviewed"
    TO_BE_REVIEWED = "to_be_reviewed"


class NoteTemplate(db.Model):
    """A secretariat's wording of a note in one language, for all its meetings or for one."""

    __tablename__ = "note_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    secretariat_id: Mapped[int] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(sa.String(8))
    body: Mapped[str] = mapped_column(sa.Text)
    review: Mapped[ReviewStatus] = mapped_column(
        enum_column(ReviewStatus, "review_status"), default=ReviewStatus.TO_BE_REVIEWED
    )
    source: Mapped[str | None] = mapped_column(sa.String(500))
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    reviewed_by: Mapped[User | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("secretariat_id", "meeting_id", "language"),)


class Note(db.Model):
    """A note as issued: its exact text and files are kept, whatever changes afterwards."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    secretariat_id: Mapped[int] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="RESTRICT"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="RESTRICT"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="RESTRICT"), index=True
    )
    # A mailing numbered once shares its number (and, for a circular, its reference) between
    # its copies: one per addressee, or one per language of a circular note.
    reference: Mapped[str] = mapped_column(sa.String(120), index=True)
    sequence: Mapped[int]
    # The year whose counter gave the number (0: the secretariat's running counter), and the
    # copy's place in its mailing, in the order of the list.
    counter_year: Mapped[int] = mapped_column(default=0, server_default="0")
    copy: Mapped[int] = mapped_column(default=1, server_default="1")
    numbering: Mapped[str] = mapped_column(sa.String(20), default="individual",
                                           server_default="individual")
    language: Mapped[str] = mapped_column(sa.String(8))
    dated: Mapped[date]
    addressee: Mapped[str] = mapped_column(sa.String(400))
    text: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str] = deferred(mapped_column(sa.Text))
    docx: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    template_reviewed: Mapped[bool] = mapped_column(default=False)
    # The documents the note says are attached, as issued: [{"document_id", "file_id", "title",
    # "filename", "content_type", "size"}]; its e-mail carries these files, whenever it is sent.
    enclosures: Mapped[list[dict]] = mapped_column(sa.JSON, default=list,
                                                   server_default=sa.text("'[]'"))
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("notes.id", ondelete="RESTRICT"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The key of the form that issued it: the same form posted twice answers with these notes.
    issue_key: Mapped[str | None] = mapped_column(sa.String(64), index=True)

    secretariat: Mapped[Secretariat] = relationship()
    meeting: Mapped[Meeting] = relationship()
    invitation: Mapped[Invitation | None] = relationship()
    corrects: Mapped[Note | None] = relationship(remote_side=[id])
    issued_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("secretariat_id", "counter_year", "sequence", "copy"),
        sa.CheckConstraint("sequence >= 1", name="sequence_positive"),
    )
