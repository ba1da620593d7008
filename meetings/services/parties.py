"""Editing parties: the shared UN names, and each secretariat's own contact data for a party."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import Party, PartyContact, PartyKind, PartyName, Secretariat
from meetings.services.audit import Actor, pending_changes, record, snapshot
from meetings.services.registry import NAME_FIELDS

# What the registry holds for everyone: the language written in unless a secretariat says
# otherwise, and the party's own seat.
PARTY_FIELDS = ("working_language", "address")
CONTACT_FIELDS = ("working_language", "addressees", "address", "emails", "notes")


def visible_to(secretariat_ids: list[int] | sa.BindParameter) -> sa.ColumnElement[bool]:
    """The shared registry plus the parties these secretariats added for themselves (a list, or
    an expanding parameter for a statement built once)."""
    return sa.or_(Party.secretariat_id.is_(None), Party.secretariat_id.in_(secretariat_ids))


def _set_names(party: Party, names: dict[str, dict[str, Any]]) -> dict[str, list]:
    """Apply names per language; a language left without a short name loses its entry."""
    changes: dict[str, list] = {}
    existing = {n.language: n for n in party.names}
    for language, values in names.items():
        name = existing.get(language)
        short = (values.get("short_name") or "").strip()
        if not short:
            if name is not None:
                changes[f"names.{language}"] = [name.short_name, None]
                party.names.remove(name)
            continue
        if name is None:
            name = PartyName(language=language)
            party.names.append(name)
        for f in NAME_FIELDS:
            new = (values.get(f) or "").strip() or None
            old = getattr(name, f)
            if old != new:
                changes[f"names.{language}.{f}"] = [old, new]
                setattr(name, f, new)
    return changes


def create_party(kind: PartyKind, values: dict[str, Any], names: dict[str, dict[str, Any]],
                 actor: Actor, iso3: str | None = None,
                 secretariat: Secretariat | None = None) -> Party:
    """A party the registry does not ship: shared (Cook Islands), or one secretariat's own
    (a national institution), which no other secretariat sees."""
    if not (names.get("en") or {}).get("short_name"):
        raise RuleBroken({"name_en": _("Give at least the English name.")})
    if secretariat is not None and (kind == PartyKind.STATE or iso3):
        raise RuleBroken({"kind": _("States and ISO codes belong to the shared registry; an "
                                    "administrator of the service adds them.")})
    if iso3:
        iso3 = iso3.strip().upper()
        if db.session.scalar(sa.select(Party.id).where(Party.iso3 == iso3)):
            raise RuleBroken({"iso3": _("A party with the code %(code)s already exists.",
                                        code=iso3)})
    if kind == PartyKind.STATE and not iso3:
        raise RuleBroken({"iso3": _("A State needs its ISO 3166 alpha-3 code.")})
    party = Party(kind=kind, iso3=iso3 or None,
                  secretariat_id=secretariat.id if secretariat is not None else None)
    for f in PARTY_FIELDS:
        if f in values:
            setattr(party, f, values[f])
    db.session.add(party)
    _set_names(party, names)
    db.session.flush()
    record(actor, "party created", party,
           {**snapshot(party), "names": {n.language: n.short_name for n in party.names}},
           secretariat_id=party.secretariat_id)
    return party


def update_party(party: Party, values: dict[str, Any], names: dict[str, dict[str, Any]],
                 actor: Actor) -> Party:
    """Names and shared defaults; the caller has checked who may (access.party_names_editor)."""
    if not (names.get("en") or {}).get("short_name"):
        raise RuleBroken({"name_en": _("Give at least the English name.")})
    for f in PARTY_FIELDS:
        if f in values:
            setattr(party, f, values[f])
    changes = pending_changes(party)
    changes.pop("registry_values", None)
    changes.update(_set_names(party, names))
    if changes:
        record(actor, "party updated", party, changes, secretariat_id=party.secretariat_id)
    return party


def contact_of(party: Party, secretariat: Secretariat) -> PartyContact | None:
    return party.contact_of(secretariat.id)


def save_contact(party: Party, secretariat: Secretariat, values: dict[str, Any],
                 actor: Actor) -> PartyContact:
    """The secretariat's own addresses for the party, audited in that secretariat's history."""
    if party.secretariat_id not in (None, secretariat.id):
        raise RuleBroken({"party": _("This party belongs to another secretariat.")})
    values = {**values, "addressees": {language: text.strip()
                                       for language, text in (values.get("addressees") or {}).items()
                                       if text and text.strip()}}
    contact = party.contact_of(secretariat.id)
    if contact is None:
        contact = PartyContact(secretariat_id=secretariat.id, party=party,
                               **{f: values.get(f) for f in CONTACT_FIELDS if f in values})
        contact.emails = contact.emails or []
        db.session.add(contact)
        db.session.flush()
        record(actor, "party contact created", contact,
               {"party": party.short_name(), **snapshot(contact)}, secretariat_id=secretariat.id)
        return contact
    for f in CONTACT_FIELDS:
        if f in values:
            setattr(contact, f, values[f] if f != "emails" else list(values[f] or []))
    changes = pending_changes(contact)
    if changes:
        record(actor, "party contact updated", contact, {"party": party.short_name(), **changes},
               secretariat_id=secretariat.id)
    return contact
