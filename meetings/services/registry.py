"""The shipped registry of States and organizations, loaded without undoing hand edits."""
from __future__ import annotations

import csv
import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from meetings.extensions import db
from meetings.models import UN_LANGUAGES, Party, PartyKind, PartyName, UNStatus

ARTICLES = {"en": {"the"}, "fr": {"le", "la", "les", "l'"}, "es": {"el", "la", "los", "las"}}
_BRACKETED = re.compile(r"^(?P<name>.*\S)\s*\((?P<article>[^()]+)\)$")
NAME_FIELDS = ("short_name", "article", "formal_name", "acronym")


def split_article(unterm_short: str, language: str) -> tuple[str, str | None]:
    """'Netherlands (the)' -> ('Netherlands', 'the'); 'Iran (Islamic Republic of)' is kept whole."""
    match = _BRACKETED.match(unterm_short.strip())
    if match and match["article"] in ARTICLES.get(language, ()):
        return match["name"], match["article"]
    return unterm_short.strip(), None


def _data(name: str) -> str:
    return resources.files("meetings.data").joinpath(name).read_text(encoding="utf-8")


def shipped_states() -> dict[str, dict[str, Any]]:
    """The 195 States as the registry ships them, corrections applied, keyed by registry key."""
    rows = {row["iso3"]: row for row in csv.DictReader(_data("states.csv").splitlines())}
    for fix in csv.DictReader(_data("state_corrections.csv").splitlines()):
        rows[fix["iso3"]][fix["field"]] = fix["value"]
    states = {}
    for iso3, row in rows.items():
        names = {}
        for language in UN_LANGUAGES:
            short, article = split_article(row[f"short_{language}"], language)
            names[language] = {
                "short_name": short,
                "article": article,
                "formal_name": row[f"formal_{language}"] or None,
                "acronym": None,
            }
        # Kazakh is no UN language: the name CLDR gives, as addressees use it (README there).
        kazakh = addressee_names().get(iso3, {}).get("kk")
        if kazakh:
            names["kk"] = {"short_name": kazakh, "article": None, "formal_name": None,
                           "acronym": None}
        states[f"state:{iso3}"] = {
            "kind": PartyKind.STATE.value,
            "iso3": iso3,
            "iso2": row["iso2"] or None,
            "m49": row["m49"],
            "un_status": row["un_status"],
            "working_language": "en",
            "address": None,
            "names": names,
        }
    return states


@functools.cache
def addressee_names() -> dict[str, dict[str, str]]:
    """Per ISO alpha-3: the Russian name and its genitive, the Arabic name «ل» joins, the Kazakh
    name and its genitive (addressee_names.csv, made by derive_addressee_forms.py)."""
    return {row["iso3"]: row for row in csv.DictReader(_data("addressee_names.csv").splitlines())}


def names_as_shipped(party: Party, language: str) -> bool:
    """True while the party's name in a language is still the registry's, so that forms derived
    from it (a genitive) still fit; a name edited by hand is not declined by guesswork."""
    shipped = (party.registry_values or {}).get("names", {}).get(language)
    name = party.name_in(language)
    if shipped is None or name is None:
        return shipped is None and name is None
    return all(shipped.get(f) == getattr(name, f) for f in NAME_FIELDS)


def shipped_organizations() -> dict[str, dict[str, Any]]:
    entries = json.loads(_data("organizations.json"))["organizations"]
    orgs = {}
    for entry in entries:
        names = {
            language: {"short_name": short, "article": article, "formal_name": None,
                       "acronym": acronym}
            for language, (short, article, acronym) in entry["names"].items()
        }
        orgs[entry["key"]] = {
            "kind": entry["kind"],
            "iso3": None,
            "iso2": None,
            "m49": None,
            "un_status": UNStatus.NONE.value,
            "working_language": entry.get("language", "en"),
            "address": entry.get("address"),
            "names": names,
        }
    return orgs


def current_values(party: Party) -> dict[str, Any]:
    """The party as it stands, in the same shape as a shipped entry."""
    return {
        "kind": party.kind.value,
        "iso3": party.iso3,
        "iso2": party.iso2,
        "m49": party.m49,
        "un_status": party.un_status.value,
        "working_language": party.working_language,
        "address": party.address,
        "names": {
            n.language: {f: getattr(n, f) for f in NAME_FIELDS} for n in party.names
        },
    }


def _write(party: Party, values: dict[str, Any]) -> None:
    party.kind = PartyKind(values["kind"])
    party.iso3 = values["iso3"]
    party.iso2 = values["iso2"]
    party.m49 = values["m49"]
    party.un_status = UNStatus(values["un_status"])
    party.working_language = values["working_language"]
    party.address = values["address"]
    existing = {n.language: n for n in party.names}
    for language, name_values in values["names"].items():
        name = existing.pop(language, None)
        if name is None:
            name = PartyName(language=language)
            party.names.append(name)
        for f in NAME_FIELDS:
            setattr(name, f, name_values[f])
    for stale in existing.values():
        party.names.remove(stale)
    party.registry_values = values


def differences(current: dict[str, Any], shipped: dict[str, Any], prefix: str = "") -> list[str]:
    """Readable paths where two entries differ: 'names.fr.short_name: "X" here, "Y" shipped'."""
    found = []
    for key in sorted(set(current) | set(shipped)):
        here, there = current.get(key), shipped.get(key)
        if isinstance(here, dict) or isinstance(there, dict):
            found += differences(here or {}, there or {}, f"{prefix}{key}.")
        elif here != there:
            found.append(f"{prefix}{key}: {here!r} here, {there!r} in the registry")
    return found


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    kept: dict[str, list[str]] = field(default_factory=dict)  # hand-edited entries left alone
    missing_names: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [
            f"States: {self.counts['state:added']} added, {self.counts['state:updated']} updated,"
            f" {self.counts['state:unchanged']} unchanged, {self.counts['state:kept']} kept as edited",
            f"Organizations: {self.counts['org:added']} added, {self.counts['org:updated']} updated,"
            f" {self.counts['org:unchanged']} unchanged, {self.counts['org:kept']} kept as edited",
        ]
        for key, diffs in sorted(self.kept.items()):
            out.append(f"  {key} was edited by hand and was not overwritten:")
            out += [f"    {d}" for d in diffs]
        for key, languages in sorted(self.missing_names.items()):
            out.append(f"  {key} has no name in: {', '.join(languages)}")
        return out


def load_registry() -> LoadReport:
    """Add or update the shipped States and organizations; report, never overwrite, hand edits."""
    report = LoadReport()
    shipped = {**shipped_states(), **shipped_organizations()}
    existing = {
        p.registry_key: p
        for p in db.session.scalars(
            sa.select(Party).where(Party.registry_key.is_not(None))
            .options(selectinload(Party.names))
        )
    }
    for key, values in shipped.items():
        group = key.split(":", 1)[0]
        party = existing.get(key)
        if party is None:
            party = Party(registry_key=key, kind=PartyKind(values["kind"]))
            db.session.add(party)
            _write(party, values)
            report.counts[f"{group}:added"] += 1
        else:
            current = current_values(party)
            if current == values:
                report.counts[f"{group}:unchanged"] += 1
                if party.registry_values != values:
                    party.registry_values = values
            elif party.registry_values is not None and current == party.registry_values:
                _write(party, values)
                report.counts[f"{group}:updated"] += 1
            else:
                report.kept[key] = differences(current, values)
                report.counts[f"{group}:kept"] += 1
        if group == "org":
            absent = [lang for lang in UN_LANGUAGES if lang not in values["names"]]
            if absent:
                report.missing_names[key] = absent
    db.session.flush()
    return report
