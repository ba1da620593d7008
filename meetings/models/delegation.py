"""A government's delegation to a meeting (or linked group) and the people in it."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.files import StoredFile
    from meetings.models.invitation import Invitation
    from meetings.models.meeting import Meeting


class DelegationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"  # sent back to the focal point with a comment
    CONFIRMED = "confirmed"


class DelegateFunction(enum.StrEnum):
    HEAD = "head"
    ALTERNATE = "alternate"
    ADVISER = "adviser"
    EXPERT = "expert"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


delegate_attendance = sa.Table(
    "delegate_attendance",
    db.metadata,
    sa.Column(
        "delegate_id", sa.ForeignKey("delegates.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "meeting_id", sa.ForeignKey("meetings.id", ondelete="RESTRICT"), primary_key=True
    ),
)


class Delegation(db.Model):
    __tablename__ = "delegations"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[DelegationStatus] = mapped_column(
        enum_column(DelegationStatus, "delegation_status"), default=DelegationStatus.DRAFT
    )
    focal_point_name: Mapped[str | None] = mapped_column(sa.String(200))
    focal_point_position: Mapped[str | None] = mapped_column(sa.String(200))
    focal_point_email: Mapped[str | None] = mapped_column(sa.String(254))
    focal_point_phone: Mapped[str | None] = mapped_column(sa.String(60))
    note_file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stored_files.id", ondelete="RESTRICT")
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_late: Mapped[bool] = mapped_column(default=False)
    entered_by_secretariat: Mapped[bool] = mapped_column(default=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_comment: Mapped[str | None] = mapped_column(sa.Text)
    # Optimistic locking: a save based on an older version is refused, never silently applied.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    invitation: Mapped[Invitation] = relationship(back_populates="delegation")
    note_file: Mapped[StoredFile | None] = relationship()
    delegates: Mapped[list[Delegate]] = relationship(
        back_populates="delegation",
        cascade="all, delete-orphan",
        order_by="Delegate.sort_order",
    )
    versions: Mapped[list[DelegationVersion]] = relationship(
        back_populates="delegation", cascade="all, delete-orphan",
        order_by="DelegationVersion.number",
    )

    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        sa.CheckConstraint(
            "status = 'draft' OR submitted_at IS NOT NULL", name="submitted_has_date"
        ),
    )


class Delegate(db.Model):
    __tablename__ = "delegates"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )
    sort_order: Mapped[int] = mapped_column(default=0)
    honorific: Mapped[str | None] = mapped_column(sa.String(40))
    given_name: Mapped[str] = mapped_column(sa.String(200))
    family_name: Mapped[str] = mapped_column(sa.String(200))
    job_title: Mapped[str | None] = mapped_column(sa.String(300))
    function: Mapped[DelegateFunction] = mapped_column(
        enum_column(DelegateFunction, "delegate_function")
    )
    email: Mapped[str | None] = mapped_column(sa.String(254))
    phone: Mapped[str | None] = mapped_column(sa.String(60))
    gender: Mapped[Gender | None] = mapped_column(enum_column(Gender, "gender"))
    calendar_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # The private calendar link is derived from the server's key and this number, so it can be
    # shown again in every confirmation; revoking it moves the number on.
    calendar_epoch: Mapped[int] = mapped_column(default=0, server_default="0")

    delegation: Mapped[Delegation] = relationship(back_populates="delegates")
    meetings: Mapped[list[Meeting]] = relationship(secondary=delegate_attendance)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)


class DelegationVersion(db.Model):
    """A delegation as submitted: who, when, what it held and what changed since the last."""

    __tablename__ = "delegation_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("delegations.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by: Mapped[str] = mapped_column(sa.String(300))
    is_late: Mapped[bool] = mapped_column(default=False)
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
    changes: Mapped[list] = mapped_column(sa.JSON, default=list)

    delegation: Mapped[Delegation] = relationship(back_populates="versions")

    __table_args__ = (sa.UniqueConstraint("delegation_id", "number"),)
