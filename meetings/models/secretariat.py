"""The inviting body and the staff who work for it."""
from __future__ import annotations

import enum
import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.files import StoredFile
    from meetings.models.meeting import Meeting


class SenderGender(enum.StrEnum):
    """Grammatical person of the sender: 'presents his / her / its compliments'."""

    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"


class Secretariat(db.Model):
    __tablename__ = "secretariats"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(400))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))
    office: Mapped[str | None] = mapped_column(sa.String(300))
    sender: Mapped[str] = mapped_column(sa.String(300))
    sender_gender: Mapped[SenderGender] = mapped_column(
        enum_column(SenderGender, "sender_gender"), default=SenderGender.NEUTER
    )
    city: Mapped[str] = mapped_column(sa.String(120))
    postal_address: Mapped[str | None] = mapped_column(sa.Text)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    reply_to: Mapped[str | None] = mapped_column(sa.String(254))
    fax: Mapped[str | None] = mapped_column(sa.String(60))
    phone: Mapped[str | None] = mapped_column(sa.String(60))
    website: Mapped[str | None] = mapped_column(sa.String(500))
    motto: Mapped[str | None] = mapped_column(sa.String(300))
    # "The Secretariat … present their compliments": the verb and pronouns follow the number.
    sender_plural: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The letterhead's text (else acronym and office) and an image above it, on every note.
    letterhead: Mapped[str | None] = mapped_column(sa.Text)
    letterhead_file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stored_files.id", ondelete="SET NULL"))
    # A second language of the letterhead, set beside the note's own on every note (CICA:
    # English and Russian); None: the note's language alone.
    letterhead_second_language: Mapped[str | None] = mapped_column(sa.String(8))
    # How a note refers back to the office in running text ("provided to the Office"); other
    # languages in `localized`, in the case their templates need.
    office_short: Mapped[str | None] = mapped_column(sa.String(120))
    # Language of a new invitation when the invitee's working language is not one of ours.
    invitation_language: Mapped[str | None] = mapped_column(sa.String(8))
    # Whether its notes end with "avails itself of this opportunity to renew … the assurances …".
    note_closing: Mapped[bool] = mapped_column(default=True)
    reference_pattern: Mapped[str] = mapped_column(sa.String(120), default="{seq}")
    reference_next: Mapped[int] = mapped_column(default=1)
    # With {year} in the pattern the counter restarts each year, unless the secretariat says
    # otherwise; `reference_year` is the year `reference_next` counts in (None: not used yet).
    counter_per_year: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    reference_year: Mapped[int | None]
    # How a mailing is numbered and addressed by default: "individual" (a number per addressee),
    # "category_mark" (one number, the category's mark in the reference) or "circular".
    numbering: Mapped[str] = mapped_column(sa.String(20), default="individual",
                                           server_default="individual")
    # {"state_party": "A", "signatory_state": "B", …}: the {category_mark} of the reference.
    category_marks: Mapped[dict | None] = mapped_column(sa.JSON, default=dict)
    # The collective addressee of a circular note (other languages in `localized`): the block at
    # the foot of the note, and the words of the opening formula ("the CICA Member States").
    # The files a note's e-mail carries: "docx", "pdf" or "both".
    note_files: Mapped[str] = mapped_column(sa.String(10), default="docx", server_default="docx")
    # The meeting's documents go with a note's e-mail up to this total (MB); the others are
    # given in the note by their address on the web.
    attachments_max_mb: Mapped[int] = mapped_column(default=10, server_default="10")
    # Where the European Union stands among the parties of a category: "alphabetical" (under E)
    # or "after_states" (after the last State); the invitation list, dashboard and list of
    # participants all follow it.
    european_union_place: Mapped[str] = mapped_column(
        sa.String(20), default="alphabetical", server_default="alphabetical")
    collective_addressee: Mapped[str | None] = mapped_column(sa.String(400))
    collective_addressee_in_text: Mapped[str | None] = mapped_column(sa.String(400))
    timezone: Mapped[str] = mapped_column(sa.String(64))
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: ["en"])
    # Per language: {"ru": {"name": ..., "sender": ..., "city": ..., "office": ...}}; the columns
    # above are the secretariat's own language (English in the shipped data).
    localized: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # --- List of participants (meetings/services/participants.py) ---
    # The order of the invitation categories and their headings per language:
    # {"order": ["state_party", ...], "headings": {"state_party": {"fr": "États parties"}}};
    # NULL, or anything left out, follows the UN order and headings.
    participants_sections: Mapped[dict | None] = mapped_column(sa.JSON)
    # How the family name is set: "capitals" (the UN's habit), "small_caps" or "as_registered".
    participants_family_name: Mapped[str] = mapped_column(
        sa.String(16), default="capitals", server_default="capitals")
    # --- end of list of participants ---

    meetings: Mapped[list[Meeting]] = relationship(back_populates="secretariat")
    letterhead_file: Mapped[StoredFile | None] = relationship()
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="secretariat", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint("reference_next >= 1", name="reference_next_positive"),
    )

    def text_in(self, language: str, field: str = "name") -> str:
        """A text in the page's language when the secretariat gave one, else its own."""
        return (self.localized or {}).get(language, {}).get(field) or getattr(self, field) or ""

    def brand(self, language: str) -> str:
        """What a government's page is headed with: the acronym (the same in most languages),
        else the name in the page's language."""
        own = (self.localized or {}).get(language, {})
        return own.get("acronym") or self.acronym or self.text_in(language)

    def __repr__(self) -> str:
        return f"<Secretariat {self.slug}>"


class Role(enum.StrEnum):
    ADMIN = "admin"  # edits the secretariat itself and its staff
    OFFICER = "officer"  # prepares meetings, invitations and notes
    VIEWER = "viewer"  # reads only

    @property
    def can_edit(self) -> bool:
        return self in (Role.ADMIN, Role.OFFICER)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Sessions: every session and remember-me cookie names this version, so bumping it (at
    # sign-out) ends them all; a new password hash ends them too (see session_id()).
    session_version: Mapped[int] = mapped_column(default=1, server_default=sa.text("1"))
    # Runs the service itself: creates secretariats and edits the shared registry's UN names,
    # which no secretariat's officer may change for all the others.
    is_service_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The language the workspace speaks to this person (languages.WORKSPACE_LANGUAGES); None until
    # they choose, and meanwhile their browser's Accept-Language decides.
    workspace_language: Mapped[str | None] = mapped_column(sa.String(8))

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def get_id(self) -> str:
        """What the session and the remember-me cookie carry: not the bare id, which would let a
        cookie copied before sign-out or a password change keep working."""
        return self.session_id(getattr(self, "login_nonce", None) or "-")

    def session_id(self, nonce: str) -> str:
        """The id "<id>:<version>:<nonce>:<mac>": the mac binds the nonce to the version and the
        password hash, so a new password or a new version makes every older id worthless."""
        message = f"{self.id}:{self.session_version}:{nonce}:{self.password_hash}".encode()
        key = current_app.config["SECRET_KEY"].encode()
        mac = hmac.new(key, message, hashlib.sha256).hexdigest()[:32]
        return f"{self.id}:{self.session_version}:{nonce}:{mac}"

    def set_password(self, password: str) -> None:
        """The method is a setting so the tests can hash cheaply; production keeps the default."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def role_in(self, secretariat: Secretariat) -> Role | None:
        for membership in self.memberships:
            if membership.secretariat_id == secretariat.id:
                return membership.role
        return None

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(db.Model):
    """A user's role in one secretariat: staff of UNODC see nothing of CICA's meetings."""

    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    secretariat_id: Mapped[int] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="CASCADE")
    )
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"), default=Role.OFFICER)

    user: Mapped[User] = relationship(back_populates="memberships")
    secretariat: Mapped[Secretariat] = relationship(back_populates="memberships")

    __table_args__ = (sa.UniqueConstraint("user_id", "secretariat_id"),)
