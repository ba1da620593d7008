"""Editing a party: its names per language, addressee, e-mail addresses and working language."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import Party, PartyKind, PartyName
from meetings.services.audit import Actor, pending_changes, record, snapshot
from meetings.services.registry import NAME_FIELDS

PARTY_FIELDS = ("working_language", "default_addressee", "address", "emails")


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
                 actor: Actor, iso3: str | None = None) -> Party:
    """A party the registry does not ship, e.g. Cook Islands or a national institution."""
    if not (names.get("en") or {}).get("short_name"):
        raise RuleBroken({"name_en": "Give at least the English name."})
    if iso3:
        iso3 = iso3.strip().upper()
        if db.session.scalar(sa.select(Party.id).where(Party.iso3 == iso3)):
            raise RuleBroken({"iso3": f"A party with the code {iso3} already exists."})
    if kind == PartyKind.STATE and not iso3:
        raise RuleBroken({"iso3": "A State needs its ISO 3166 alpha-3 code."})
    party = Party(kind=kind, iso3=iso3 or None)
    for f in PARTY_FIELDS:
        if f in values:
            setattr(party, f, values[f])
    db.session.add(party)
    _set_names(party, names)
    db.session.flush()
    record(actor, "party created", party, {**snapshot(party),
                                           "names": {n.language: n.short_name for n in party.names}})
    return party


def update_party(party: Party, values: dict[str, Any], names: dict[str, dict[str, Any]],
                 actor: Actor) -> Party:
    if not (names.get("en") or {}).get("short_name"):
        raise RuleBroken({"name_en": "Give at least the English name."})
    for f in PARTY_FIELDS:
        if f in values:
            setattr(party, f, values[f])
    changes = pending_changes(party)
    changes.pop("registry_values", None)
    changes.update(_set_names(party, names))
    if changes:
        record(actor, "party updated", party, changes)
    return party
