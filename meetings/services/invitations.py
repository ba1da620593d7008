"""The invitation list of a meeting: who is invited, in what capacity, addressed how."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from meetings import grammar
from meetings.collation import sort_key
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.languages import N_
from meetings.models import (
    Delegation,
    DelegationStatus,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    Party,
    PartyGroup,
    PartyKind,
    PartyName,
    RecipientKind,
    Secretariat,
    UNStatus,
)
from meetings.models.invitation import EUROPEAN_UNION_KEY
from meetings.models.types import utcnow
from meetings.services import registry
from meetings.services.audit import Actor, pending_changes, record, snapshot

# How each language names a State's mission and an organization's secretariat; languages that
# decline the name (Russian, Kazakh, Arabic) have theirs in DECLINED_MISSION below.
# {of} is the name in diplomatic order ("of the Islamic Republic of Iran", « de l'État
# plurinational de Bolivie »); {formal_of} the formal name ("of the People's Republic of China").
MISSION = {
    "en": "Permanent Mission of {of} to the United Nations ({city})",
    "fr": "Mission permanente {of} auprès de l'Organisation des Nations Unies ({city})",
    "es": "Misión Permanente {of} ante las Naciones Unidas ({city})",
    "zh": "{name}常驻联合国（{city}）代表团",
}
# The non-member observer States (the Holy See, the State of Palestine) keep observer missions.
OBSERVER_MISSION = {
    "en": "Permanent Observer Mission of {of} to the United Nations ({city})",
    "fr": "Mission permanente d'observation {of} auprès de l'Organisation des Nations Unies "
          "({city})",
    "es": "Misión Permanente de Observación {of} ante las Naciones Unidas ({city})",
    "zh": "{name}常驻联合国（{city}）观察员代表团",
}
ORGANIZATION = {"en": "Secretariat of {of}", "fr": "Secrétariat {of}", "es": "Secretaría {of}",
                "zh": "{name}秘书处"}
# The European Union is represented by its delegation, not a secretariat.
EUROPEAN_UNION = {
    "en": "Delegation of the European Union to the International Organisations in {city}",
    "fr": "Délégation de l'Union européenne auprès des organisations internationales à {city}",
    "es": "Delegación de la Unión Europea ante las Organizaciones Internacionales en {city}",
    "zh": "欧洲联盟驻{city}国际组织代表团",
}
# Languages that decline the name: (addressee block, opening formula). Russian and Kazakh put the
# formula in the dative («Постоянному представительству Австрии …», «… Тұрақты өкілдігіне»);
# Arabic keeps one form, «ل» joined to the name («البعثة الدائمة للنمسا»). {gen} is the name in the
# genitive, {li} the Arabic name with «ل», both from meetings/data/addressee_names.csv.
DECLINED_MISSION = {
    "ru": ("Постоянное представительство {gen} при Организации Объединенных Наций ({city})",
           "Постоянному представительству {gen} при Организации Объединенных Наций ({city})"),
    "ar": ("البعثة الدائمة {li} لدى الأمم المتحدة في {city}",
           "البعثة الدائمة {li} لدى الأمم المتحدة في {city}"),
    "kk": ("{gen} Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі ({city})",
           "{gen} Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігіне ({city})"),
}
DECLINED_OBSERVER_MISSION = {
    "ru": ("Постоянная миссия наблюдателя от {gen} при Организации Объединенных Наций ({city})",
           "Постоянной миссии наблюдателя от {gen} при Организации Объединенных Наций ({city})"),
    "ar": ("البعثة المراقبة الدائمة {li} لدى الأمم المتحدة في {city}",
           "البعثة المراقبة الدائمة {li} لدى الأمم المتحدة في {city}"),
    "kk": ("{gen} Біріккен Ұлттар Ұйымы жанындағы Тұрақты бақылаушы миссиясы ({city})",
           "{gen} Біріккен Ұлттар Ұйымы жанындағы Тұрақты бақылаушы миссиясына ({city})"),
}
# Languages whose "of" contracts with the name's article (meetings/grammar.py).
_OF = {"fr", "es"}


def _city(secretariat: Secretariat, language: str) -> str | None:
    return secretariat.city if language == "en" else \
        (secretariat.localized or {}).get(language, {}).get("city")


def _writes_own_way(secretariat: Secretariat) -> bool:
    """A secretariat with its own pattern in any language ("Embassy of … in Astana") never gets
    a Permanent Mission in another."""
    return any((texts or {}).get("mission_pattern")
               for texts in (secretariat.localized or {}).values())


def declined_mission(party: Party, secretariat: Secretariat,
                     language: str) -> tuple[str, str] | None:
    """A State's Permanent Mission in Russian, Arabic or Kazakh, (block, opening formula):
    «Постоянное представительство Австрии при Организации Объединенных Наций (Вена)» and
    «Постоянному представительству Австрии …». None where the secretariat writes to embassies
    (its own pattern), the city is not translated, or the name was edited by hand and its
    genitive is unknown (Arabic then takes the edited name: «ل» needs no genitive)."""
    if party.kind != PartyKind.STATE or language not in DECLINED_MISSION:
        return None
    if _writes_own_way(secretariat):
        return None
    city = _city(secretariat, language)
    if not city:
        return None
    forms = registry.addressee_names().get(party.iso3 or "")
    # The Kazakh forms follow the State's UN names, which a hand edit of the English name changes.
    if forms is None or not registry.names_as_shipped(party, "en" if language == "kk" else language):
        name = party.name_in("ar") if language == "ar" else None
        if name is None:
            return None
        forms = {"ar": name.diplomatic}
    patterns = (DECLINED_OBSERVER_MISSION if party.un_status == UNStatus.OBSERVER_STATE
                else DECLINED_MISSION)[language]
    values = {"city": city, "gen": forms.get(f"{language}_gen", ""),
              "li": grammar.arabic_li(forms["ar"]) if language == "ar" else ""}
    block, in_text = (pattern.format(**values) for pattern in patterns)
    return block, in_text


def default_addressee(party: Party, secretariat: Secretariat, language: str = "en") -> str | None:
    """'Permanent Mission of Austria to the United Nations (Vienna)', « Mission permanente de
    l'Autriche auprès de l'Organisation des Nations Unies (Vienne) »; None where it cannot be
    derived (a declining language, or a name or city missing in that language). The
    secretariat's own addressee comes first; another secretariat's is never used."""
    contact = party.contact_of(secretariat.id)
    if contact is not None and contact.addressee(language):
        return contact.addressee(language)
    declined = declined_mission(party, secretariat, language)
    if declined is not None:
        return declined[0]
    if party.kind == PartyKind.STATE:
        patterns = OBSERVER_MISSION if party.un_status == UNStatus.OBSERVER_STATE else MISSION
    else:
        patterns = EUROPEAN_UNION if party.registry_key == EUROPEAN_UNION_KEY else ORGANIZATION
    # A secretariat outside the UN writes to embassies: {"en": {"mission_pattern": "Embassy of
    # {of} in Astana"}} in its localized texts replaces the Permanent Mission pattern.
    own = (secretariat.localized or {}).get(language, {}).get("mission_pattern")
    if own and party.kind == PartyKind.STATE:
        patterns = {**patterns, language: own}
    name = party.name_in(language)
    city = secretariat.city if language == "en" else \
        (secretariat.localized or {}).get(language, {}).get("city")
    if language not in patterns or name is None or (city is None and "{city}" in patterns[language]):
        return None
    if language in _OF:
        of = grammar.with_preposition("de", name.diplomatic, language)
        formal_of = grammar.with_preposition("de", name.formal, language)
    else:
        of, formal_of = name.diplomatic, name.formal
    return patterns[language].format(of=of, formal_of=formal_of, name=name.short_name, city=city)


def invite(
    meeting: Meeting,
    party: Party,
    category: InvitationCategory,
    actor: Actor,
    *,
    addressee: str | None = None,
    language: str | None = None,
    emails: list[str] | None = None,
) -> Invitation:
    """Put a party on the meeting's list; a party is on a list at most once."""
    if party.secretariat_id not in (None, meeting.secretariat_id):
        raise RuleBroken({"party": _("This party belongs to another secretariat.")})
    already = db.session.scalar(
        sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id, Invitation.party_id == party.id
        )
    )
    if already is not None:
        raise RuleBroken({"party": _("%(party)s is already on this list.",
                                     party=party.short_name())})
    contact = party.contact_of(meeting.secretariat_id)
    working = (contact.working_language if contact else None) or party.working_language
    default = meeting.secretariat.invitation_language
    language = language or (default if default and working not in
                            (meeting.secretariat.languages or []) else working)
    invitation = Invitation(
        meeting=meeting,
        party=party,
        category=category,
        recipient_kind=RecipientKind.of_party(party.kind, party.registry_key),
        addressee=addressee or default_addressee(party, meeting.secretariat, language)
        or default_addressee(party, meeting.secretariat, "en"),
        language=language,
        emails=list(emails if emails is not None else (contact.emails if contact else [])),
    )
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invited", invitation, snapshot(invitation), meeting_id=meeting.id,
           secretariat_id=meeting.secretariat_id)
    return invitation


CATEGORY_ORDER = {category: position for position, category in enumerate(InvitationCategory)}
# Where the European Union stands among the parties of its category: the secretariat's setting,
# which the invitation list, the dashboard, the numbers of a mailing and the list of
# participants all follow.
EUROPEAN_UNION_PLACES = {"alphabetical": N_("Among the parties, in alphabetical order"),
                         "after_states": N_("After the States (last of its category)")}


def is_european_union(invitation: Invitation) -> bool:
    """Invited as the European Union: the shipped party, or a party the secretariat made and
    addresses as the Union."""
    return invitation.recipient_kind == RecipientKind.EUROPEAN_UNION or \
        invitation.party.registry_key == EUROPEAN_UNION_KEY


def party_order(invitation: Invitation, name: str, language: str, place: str | None) -> tuple:
    """The UN order within a category: by name in the list's language, the European Union
    after the States when the secretariat puts it there."""
    return (place == "after_states" and is_european_union(invitation), sort_key(name, language))


def list_key(invitation: Invitation, name: str, language: str, place: str | None) -> tuple:
    """The order of the invitation list and the dashboard: category, then party_order."""
    return (CATEGORY_ORDER[invitation.category], *party_order(invitation, name, language, place))


def row_key(category: InvitationCategory, european_union: bool, name: str, language: str,
            place: str | None) -> tuple:
    """list_key for an invitation read as plain columns (the list page, the dashboard)."""
    return (CATEGORY_ORDER[category], place == "after_states" and european_union,
            sort_key(name, language))


def party_columns() -> tuple[list[Any], list[tuple[Any, sa.ColumnElement[bool]]]]:
    """The columns an invitation's line shows of its party, and the joins that read them: its
    name in the language of the parameter `language` and in English (the fallback of
    Party.short_name), its ISO code, whether it is invited as the European Union. Select them
    after your own columns."""
    own, english = sa.orm.aliased(PartyName), sa.orm.aliased(PartyName)
    columns = [own.short_name, english.short_name, Party.iso3, Party.id,
               sa.or_(Invitation.recipient_kind == RecipientKind.EUROPEAN_UNION,
                      sa.func.coalesce(Party.registry_key, "") == EUROPEAN_UNION_KEY)]
    joins = [(Party, Party.id == Invitation.party_id),
             (own, sa.and_(own.party_id == Party.id, own.language == sa.bindparam("language"))),
             (english, sa.and_(english.party_id == Party.id, english.language == "en"))]
    return columns, joins


def short_name(own: str | None, english: str | None, iso3: str | None, party_id: int) -> str:
    """Party.short_name from the columns of party_columns."""
    return own or english or iso3 or f"Party {party_id}"


@dataclass(frozen=True, slots=True)
class ListedInvitation:
    """One line of the invitation list page, read as plain columns (no objects to build)."""

    id: int
    category: InvitationCategory
    status: InvitationStatus
    name: str  # in the list's language
    addressee: str
    language: str
    emails: list[str]
    reference: str | None
    declined: bool
    delegation: DelegationStatus | None


@cache  # the statement is built once: only its parameters change
def _listed_query() -> sa.Select:
    party, joins = party_columns()
    query = sa.select(Invitation.id, Invitation.category, Invitation.status, Invitation.addressee,
                      Invitation.language, Invitation.emails, Invitation.reference,
                      Invitation.declined_at.is_not(None), Delegation.status, *party)
    for target, on in joins:
        query = query.join(target, on, isouter=target is not Party)
    return query.outerjoin(Delegation, Delegation.invitation_id == Invitation.id) \
        .where(Invitation.meeting_id == sa.bindparam("meeting_id"))


def listed(meeting: Meeting, language: str = "en") -> list[ListedInvitation]:
    """The invitation list as its page shows it, in the order of invitation_list, in one
    statement whatever its length."""
    place = meeting.secretariat.european_union_place
    lines = []
    for (id_, category, status, addressee, written_in, emails, reference, declined,
         delegation, own, english, iso3, party_id, european_union) in db.session.execute(
            _listed_query(), {"meeting_id": meeting.id, "language": language}):
        name = short_name(own, english, iso3, party_id)
        lines.append((row_key(category, bool(european_union), name, language, place),
                      ListedInvitation(id_, category, status, name, addressee, written_in,
                                       emails or [], reference, declined, delegation)))
    lines.sort(key=lambda line: line[0])
    return [line for key, line in lines]


def invite_group(
    meeting: Meeting, group: PartyGroup, category: InvitationCategory, actor: Actor
) -> tuple[list[Invitation], list[Party]]:
    """Invite every party of a group not yet on the list; returns (added, already listed)."""
    listed = set(
        db.session.scalars(sa.select(Invitation.party_id).where(Invitation.meeting_id == meeting.id))
    )
    added, already = [], []
    for party in group.parties:
        if party.id in listed:
            already.append(party)
        else:
            added.append(invite(meeting, party, category, actor))
    return added, already


def update_invitation(invitation: Invitation, values: dict, actor: Actor) -> Invitation:
    for field in ("category", "recipient_kind", "addressee", "addressee_in_text", "emails",
                  "language"):
        if field in values:
            setattr(invitation, field, values[field])
    changes = pending_changes(invitation)
    if changes:
        record(actor, "invitation updated", invitation, changes,
               meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    return invitation


def has_registered(invitation: Invitation) -> bool:
    delegation = invitation.delegation
    return delegation is not None and (bool(delegation.delegates) or delegation.submitted_at
                                       is not None)


def removes_outright(invitation: Invitation) -> bool:
    """Nothing was sent and nothing received: removing deletes it (and can be undone)."""
    return invitation.status == InvitationStatus.LISTED and not has_registered(invitation)


def remove_invitation(invitation: Invitation, actor: Actor) -> str:
    """Take a party off the list: deleted if nothing happened yet, else withdrawn and kept."""
    meeting = invitation.meeting
    if removes_outright(invitation):
        record(actor, "invitation removed", invitation, snapshot(invitation),
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
        db.session.delete(invitation)
        return "removed"
    if invitation.status != InvitationStatus.WITHDRAWN:
        record(actor, "invitation withdrawn", invitation,
               {"status": [invitation.status.value, InvitationStatus.WITHDRAWN.value]},
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
        invitation.status = InvitationStatus.WITHDRAWN
        invitation.withdrawn_at = utcnow()
    return "withdrawn"


def reinstate(invitation: Invitation, actor: Actor) -> Invitation:
    if invitation.status == InvitationStatus.WITHDRAWN:
        restored = InvitationStatus.ISSUED if invitation.reference else InvitationStatus.LISTED
        record(actor, "invitation reinstated", invitation,
               {"status": [InvitationStatus.WITHDRAWN.value, restored.value]},
               meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
        invitation.status = restored
        invitation.withdrawn_at = None
    return invitation


def invitation_list(meeting: Meeting, language: str = "en") -> list[Invitation]:
    """The list as documents show it: by category, then in UN order in the list's language.
    (The list's page reads plain columns instead: `listed`.)"""
    invitations = db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.meeting_id == meeting.id)
        .options(
            selectinload(Invitation.party).selectinload(Party.names),
            selectinload(Invitation.delegation).selectinload(Delegation.delegates),
        )
    ).all()
    place = meeting.secretariat.european_union_place
    return sorted(invitations,
                  key=lambda i: list_key(i, i.party.short_name(language), language, place))
