"""Who can be invited: States, organizations, UN entities, others, named per language."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings import languages
from meetings.extensions import db
from meetings.models.types import UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:
    from meetings.models.secretariat import Secretariat

UN_LANGUAGES = languages.UN_OFFICIAL


class PartyKind(enum.StrEnum):
    STATE = "state"
    ORGANIZATION = "organization"  # intergovernmental organization
    UN_ENTITY = "un_entity"
    OTHER = "other"


class UNStatus(enum.StrEnum):
    MEMBER_STATE = "member_state"
    OBSERVER_STATE = "observer_state"  # Holy See, State of Palestine
    NONE = "none"


class Party(db.Model):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PartyKind] = mapped_column(enum_column(PartyKind, "party_kind"))
    # Key of the shipped registry entry ("state:AUT", "org:AU"); NULL for parties added by hand.
    registry_key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    iso3: Mapped[str | None] = mapped_column(sa.String(3), unique=True)
    iso2: Mapped[str | None] = mapped_column(sa.String(2))
    m49: Mapped[str | None] = mapped_column(sa.String(3))
    un_status: Mapped[UNStatus] = mapped_column(
        enum_column(UNStatus, "un_status"), default=UNStatus.NONE
    )
    # The language a secretariat writes in unless its own contact row says otherwise.
    working_language: Mapped[str] = mapped_column(sa.String(8), default="en")
    address: Mapped[str | None] = mapped_column(sa.Text)
    # A party a secretariat added for itself (a national institution): seen by it alone;
    # NULL for the shared registry, whose names only administrators of the service edit.
    secretariat_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="CASCADE"), index=True
    )
    # What the shipped registry last wrote; a difference from it means someone edited by hand.
    registry_values: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    names: Mapped[list[PartyName]] = relationship(
        back_populates="party", cascade="all, delete-orphan", lazy="selectin"
    )
    secretariat: Mapped[Secretariat | None] = relationship()
    contacts: Mapped[list[PartyContact]] = relationship(
        back_populates="party", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        sa.CheckConstraint("kind <> 'state' OR iso3 IS NOT NULL", name="state_has_iso3"),
    )

    def name_in(self, language: str) -> PartyName | None:
        for name in self.names:
            if name.language == language:
                return name
        return None

    def short_name(self, language: str = "en") -> str:
        """The name as lists show it: without the article, falling back to English."""
        name = self.name_in(language) or self.name_in("en")
        return name.short_name if name else (self.iso3 or f"Party {self.id}")

    def contact_of(self, secretariat_id: int) -> PartyContact | None:
        """This secretariat's own addresses for the party; no other secretariat's are ever used."""
        return next((c for c in self.contacts if c.secretariat_id == secretariat_id), None)

    def __repr__(self) -> str:
        return f"<Party {self.registry_key or self.id}>"


class PartyName(db.Model):
    """A party's UN name in one language, with the article kept apart for drafting."""

    __tablename__ = "party_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_id: Mapped[int] = mapped_column(sa.ForeignKey("parties.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(sa.String(8))
    short_name: Mapped[str] = mapped_column(sa.String(300))
    article: Mapped[str | None] = mapped_column(sa.String(10))  # "the", "les", "l'", "los"
    formal_name: Mapped[str | None] = mapped_column(sa.String(400))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))

    party: Mapped[Party] = relationship(back_populates="names")

    __table_args__ = (sa.UniqueConstraint("party_id", "language"),)

    @property
    def with_article(self) -> str:
        """'the Netherlands', 'les Pays-Bas', "l'Afghanistan": the name as a note drafts it."""
        if not self.article:
            return self.short_name
        if self.article.endswith("'"):
            return f"{self.article}{self.short_name}"
        return f"{self.article} {self.short_name}"


    @property
    def diplomatic(self) -> str:
        """The name in diplomatic order: "the Islamic Republic of Iran" for the short name
        "Iran (Islamic Republic of)", « l'État plurinational de Bolivie »; the formal name is that
        order, and where it is missing the bracket is turned round. Other names: with_article."""
        if "(" not in self.short_name:
            return self.with_article
        if self.formal_name:
            return self.formal_name
        head, _, bracket = self.short_name.partition("(")
        bracket = bracket.rstrip(")").strip()
        joint = "" if bracket.endswith("'") else " "
        turned = f"{bracket}{joint}{head.strip()}"
        return f"the {turned}" if self.language == "en" else turned

    @property
    def formal(self) -> str:
        """The formal name ("the People's Republic of China"), for embassies and full styles."""
        return self.formal_name or self.diplomatic


class PartyContact(db.Model):
    """How one secretariat reaches a party: its addresses are its own, never another's."""

    __tablename__ = "party_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    secretariat_id: Mapped[int] = mapped_column(
        sa.ForeignKey("secretariats.id", ondelete="CASCADE"), index=True
    )
    party_id: Mapped[int] = mapped_column(sa.ForeignKey("parties.id", ondelete="CASCADE"))
    working_language: Mapped[str | None] = mapped_column(sa.String(8))  # None: the party's
    # The addressee as the foot of a note shows it, per language: {"en": "Embassy of Austria"}.
    addressees: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    address: Mapped[str | None] = mapped_column(sa.Text)
    emails: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    notes: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    party: Mapped[Party] = relationship(back_populates="contacts")

    __table_args__ = (sa.UniqueConstraint("secretariat_id", "party_id"),)

    def addressee(self, language: str) -> str | None:
        return (self.addressees or {}).get(language) or None
