"""Addressees name States in diplomatic order, with the mission their status gives them."""
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Meeting, Party, PartyKind, PartyName
from meetings.services.demo import SLUGS
from meetings.services.invitations import default_addressee
from meetings.services.notes import draft
from tests.helpers import party_by_iso3, party_by_key


@pytest.fixture
def vienna(registry, make_secretariat):
    secretariat = make_secretariat("unodc")
    secretariat.city = "Vienna"
    secretariat.localized = {"fr": {"city": "Vienne"}, "es": {"city": "Viena"},
                             "zh": {"city": "维也纳"}}
    return secretariat


@pytest.mark.parametrize(("iso3", "language", "expected"), [
    ("IRN", "en", "Permanent Mission of the Islamic Republic of Iran to the United Nations "
                  "(Vienna)"),
    ("BOL", "en", "Permanent Mission of the Plurinational State of Bolivia to the United Nations "
                  "(Vienna)"),
    ("FSM", "en", "Permanent Mission of the Federated States of Micronesia to the United Nations "
                  "(Vienna)"),
    ("VEN", "en", "Permanent Mission of the Bolivarian Republic of Venezuela to the United "
                  "Nations (Vienna)"),
    ("BOL", "fr", "Mission permanente de l'État plurinational de Bolivie auprès de l'Organisation "
                  "des Nations Unies (Vienne)"),
    ("IRN", "fr", "Mission permanente de la République islamique d'Iran auprès de l'Organisation "
                  "des Nations Unies (Vienne)"),
    ("FSM", "fr", "Mission permanente des États fédérés de Micronésie auprès de l'Organisation "
                  "des Nations Unies (Vienne)"),
    ("VEN", "es", "Misión Permanente de la República Bolivariana de Venezuela ante las Naciones "
                  "Unidas (Viena)"),
    ("IRN", "es", "Misión Permanente de la República Islámica del Irán ante las Naciones Unidas "
                  "(Viena)"),
    ("AUT", "en", "Permanent Mission of Austria to the United Nations (Vienna)"),
    ("NLD", "fr", "Mission permanente des Pays-Bas auprès de l'Organisation des Nations Unies "
                  "(Vienne)"),
])
def test_bracketed_names_are_written_in_diplomatic_order(vienna, iso3, language, expected):
    assert default_addressee(party_by_iso3(iso3), vienna, language) == expected


def test_no_addressee_of_any_state_keeps_the_brackets_of_the_short_name(vienna):
    states = db.session.scalars(sa.select(Party).where(Party.kind == PartyKind.STATE)).all()
    bracketed = 0
    for state in states:
        for language in ("en", "fr", "es"):
            name = state.name_in(language)
            bracketed += "(" in name.short_name
            addressee = default_addressee(state, vienna, language)
            assert addressee.count("(") == 1, addressee  # the city's only
    assert bracketed >= 12  # Bolivia, Iran, Micronesia, Venezuela in three languages


@pytest.mark.parametrize(("key", "language", "expected"), [
    ("state:PSE", "en", "Permanent Observer Mission of the State of Palestine to the United "
                        "Nations (Vienna)"),
    ("state:VAT", "en", "Permanent Observer Mission of the Holy See to the United Nations (Vienna)"),
    ("state:PSE", "fr", "Mission permanente d'observation de l'État de Palestine auprès de "
                        "l'Organisation des Nations Unies (Vienne)"),
    ("state:VAT", "fr", "Mission permanente d'observation du Saint-Siège auprès de "
                        "l'Organisation des Nations Unies (Vienne)"),
    ("state:PSE", "es", "Misión Permanente de Observación del Estado de Palestina ante las "
                        "Naciones Unidas (Viena)"),
    ("org:eu", "en", "Delegation of the European Union to the International Organisations in "
                     "Vienna"),
    ("org:eu", "fr", "Délégation de l'Union européenne auprès des organisations internationales "
                     "à Vienne"),
    ("org:osce", "en", "Secretariat of the Organization for Security and Co-operation in Europe"),
])
def test_the_status_chooses_the_mission_and_the_union_has_its_delegation(vienna, key, language,
                                                                         expected):
    assert default_addressee(party_by_key(key), vienna, language) == expected


def test_a_name_without_formal_form_is_turned_round():
    assert PartyName(language="en", short_name="Iran (Islamic Republic of)").diplomatic == \
        "the Islamic Republic of Iran"
    assert PartyName(language="fr", short_name="Iran (République islamique d')").diplomatic == \
        "République islamique d'Iran"


def test_embassies_are_named_with_the_formal_name(demo_read_only):
    invitation = db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party).where(
            Meeting.slug == SLUGS["cica_swg"], Party.iso3 == "CHN"))
    assert invitation.addressee == \
        "Embassy of the People's Republic of China in the Republic of Kazakhstan"


def test_the_european_union_note_opens_to_its_delegation(demo_read_only):
    invitation = db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party).where(
            Meeting.slug == SLUGS["uncac_expert_meeting"], Party.registry_key == "org:eu"))
    text = draft(invitation, "en").text
    assert "presents his compliments to the Delegation of the European Union to the " \
        "International Organisations in Vienna" in text
