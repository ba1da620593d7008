"""A meeting, its sittings, documents and the links that make a group of meetings."""
from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.files import StoredFile
    from meetings.models.secretariat import Secretariat


class MeetingStatus(enum.StrEnum):
    DRAFT = "draft"
    ANNOUNCED = "announced"
    REGISTRATION_OPEN = "registration_open"
    REGISTRATION_CLOSED = "registration_closed"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(_STATUS_LABELS[self.value])


# What a page calls each state, in the page's language.
_STATUS_LABELS = {"draft": _l("Draft"), "announced": _l("Announced"),
                  "registration_open": _l("Registration open"),
                  "registration_closed": _l("Registration closed"), "held": _l("Held"),
                  "postponed": _l("Postponed"), "cancelled": _l("Cancelled")}


class LatePolicy(enum.StrEnum):
    """What the registration form does once the deadline has passed."""

    CLOSE = "close"
    ACCEPT_LATE = "accept_late"


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    secretariat_id: Mapped[int] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="RESTRICT"), index=True
    )
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    short_title: Mapped[str | None] = mapped_column(sa.String(200))
    body: Mapped[str | None] = mapped_column(sa.String(500))
    # Written to follow "draws the attention of the Government to …": "resolution 4/2, entitled …".
    mandate: Mapped[str | None] = mapped_column(sa.Text)
    background: Mapped[str | None] = mapped_column(sa.Text)  # what the mandate decided, paragraphs
    functions: Mapped[str | None] = mapped_column(sa.Text)
    # How running text names the meeting: "the sixth session of the Conference of the Parties …".
    in_text: Mapped[str | None] = mapped_column(sa.String(600))
    venue_name: Mapped[str | None] = mapped_column(sa.String(300))
    # What a participant of this meeting alone works on: "with a focus only on corruption-related
    # issues" (the linked-meetings paragraph of the note).
    focus: Mapped[str | None] = mapped_column(sa.String(300))
    venue_address: Mapped[str | None] = mapped_column(sa.Text)
    city: Mapped[str] = mapped_column(sa.String(120))
    country: Mapped[str] = mapped_column(sa.String(120))
    timezone: Mapped[str] = mapped_column(sa.String(64))
    first_day: Mapped[date]
    last_day: Mapped[date]
    registration_opens_on: Mapped[date | None]
    registration_deadline: Mapped[date | None]
    registration_deadline_time: Mapped[time | None]
    # The instant the form closes, derived from the deadline in the venue's time zone on save,
    # so SQL can compare it with now() and nobody has to guess which clock was meant.
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    late_policy: Mapped[LatePolicy] = mapped_column(
        enum_column(LatePolicy, "late_policy"), default=LatePolicy.CLOSE
    )
    note_verbale_required: Mapped[bool] = mapped_column(default=True)
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), default=MeetingStatus.DRAFT
    )
    website: Mapped[str | None] = mapped_column(sa.String(500))
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: ["en"])
    # The same texts in other languages: {"fr": {"title": ..., "city": "Vienne", ...}}.
    localized: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # For the notes verbales of this meeting: their date, earlier notes they refer to, enclosures.
    note_date: Mapped[date | None]
    earlier_notes: Mapped[list[dict]] = mapped_column(sa.JSON, default=list)
    enclosure_pages: Mapped[int | None]
    # Added to every event's SEQUENCE: grows when the meeting's dates, venue or status change.
    calendar_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    # Days once published as all-day events; a day that no longer has one stays as cancelled.
    published_days: Mapped[list[str]] = mapped_column(sa.JSON, default=list,
                                                      server_default=sa.text("'[]'"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    secretariat: Mapped[Secretariat] = relationship(back_populates="meetings")
    sittings: Mapped[list[Sitting]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="(Sitting.day, Sitting.starts_at, Sitting.id)",
    )
    documents: Mapped[list[MeetingDocument]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingDocument.position"
    )
    links: Mapped[list[MeetingLink]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        foreign_keys="MeetingLink.meeting_id",
    )

    __table_args__ = (
        sa.CheckConstraint("last_day >= first_day", name="days_in_order"),
        sa.CheckConstraint(
            "registration_deadline IS NULL OR registration_deadline < first_day",
            name="deadline_before_first_day",
        ),
        sa.CheckConstraint(
            "registration_opens_on IS NULL OR registration_deadline IS NULL"
            " OR registration_opens_on <= registration_deadline",
            name="opens_before_deadline",
        ),
        sa.CheckConstraint(
            "registration_deadline_time IS NULL OR registration_deadline IS NOT NULL",
            name="deadline_time_needs_date",
        ),
    )

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    def text_in(self, language: str, field: str = "title") -> str:
        """A text in the page's language when the secretariat gave one, else its own."""
        return (self.localized or {}).get(language, {}).get(field) or getattr(self, field) or ""

    def __repr__(self) -> str:
        return f"<Meeting {self.slug}>"


class SittingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


def new_uid() -> str:
    return f"{uuid.uuid4()}@meetings"


class Sitting(db.Model):
    """A working period of a meeting, in the venue's local time."""

    __tablename__ = "sittings"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    room: Mapped[str | None] = mapped_column(sa.String(200))
    title: Mapped[str | None] = mapped_column(sa.String(300))
    # The title in other languages: {"fr": {"title": ...}} (the translation page fills it).
    localized: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default=sa.text("'{}'"))
    status: Mapped[SittingStatus] = mapped_column(
        enum_column(SittingStatus, "sitting_status"), default=SittingStatus.SCHEDULED
    )
    # Calendar identity: the UID never changes once published; SEQUENCE grows with each change.
    uid: Mapped[str] = mapped_column(sa.String(120), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="sittings")

    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("sequence >= 0", name="sequence_not_negative"),
    )

    def text_in(self, language: str, field: str = "title") -> str:
        """A text in the page's language when the secretariat gave one, else its own."""
        return (self.localized or {}).get(language, {}).get(field) or getattr(self, field) or ""


class MeetingDocument(db.Model):
    """A document of the meeting: a link to the web or a file uploaded by the secretariat."""

    __tablename__ = "meeting_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(300))
    symbol: Mapped[str | None] = mapped_column(sa.String(80))
    url: Mapped[str | None] = mapped_column(sa.String(1000))
    file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stored_files.id", ondelete="RESTRICT")
    )
    attached_to_note: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    localized: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {"fr": {"title": ...}}

    def text_in(self, language: str, field: str = "title") -> str:
        """A text in the page's language when the secretariat gave one, else its own."""
        return (self.localized or {}).get(language, {}).get(field) or getattr(self, field) or ""

    meeting: Mapped[Meeting] = relationship(back_populates="documents")
    file: Mapped[StoredFile | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("url IS NOT NULL OR file_id IS NOT NULL", name="url_or_file"),
    )


class LinkKind(enum.StrEnum):
    """How a meeting stands to another: 'meeting' is held <kind> 'other'."""

    IMMEDIATELY_BEFORE = "immediately_before"
    IMMEDIATELY_AFTER = "immediately_after"
    DURING = "during"
    JOINTLY_WITH = "jointly_with"

    @property
    def label(self) -> str:
        return str({
            "immediately_before": _l("held immediately before"),
            "immediately_after": _l("held immediately after"),
            "during": _l("held during"),
            "jointly_with": _l("held jointly with"),
        }[self.value])


class MeetingLink(db.Model):
    __tablename__ = "meeting_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    other_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[LinkKind] = mapped_column(enum_column(LinkKind, "link_kind"))

    meeting: Mapped[Meeting] = relationship(back_populates="links", foreign_keys=[meeting_id])
    other: Mapped[Meeting] = relationship(foreign_keys=[other_id])

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "other_id"),
        sa.CheckConstraint("meeting_id <> other_id", name="not_to_itself"),
    )


@sa.event.listens_for(Meeting, "before_insert")
@sa.event.listens_for(Meeting, "before_update")
def _derive_closing_instant(mapper, connection, meeting: Meeting) -> None:
    """Keep the stored instant in step with the deadline the secretariat typed."""
    from meetings.deadline import closing_instant

    meeting.registration_closes_at = closing_instant(
        meeting.registration_deadline, meeting.registration_deadline_time, meeting.timezone
    )
