"""States are named exactly as the UN names them, in its six languages."""
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import UN_LANGUAGES, Party, PartyKind, UNStatus
from meetings.services.registry import load_registry, split_article
from tests.helpers import party_by_iso3


def test_the_registry_has_the_195_states_with_a_name_in_each_of_the_six_languages(registry):
    states = db.session.scalars(sa.select(Party).where(Party.kind == PartyKind.STATE)).all()
    assert len(states) == 195
    assert sum(s.un_status == UNStatus.MEMBER_STATE for s in states) == 193
    assert {s.iso3 for s in states if s.un_status == UNStatus.OBSERVER_STATE} == {"VAT", "PSE"}
    for state in states:
        for language in UN_LANGUAGES:
            name = state.name_in(language)
            assert name is not None and name.short_name and name.formal_name, (state.iso3, language)
    assert party_by_iso3("COK") is None and party_by_iso3("NIU") is None


def test_turkiye_and_cote_divoire_are_corrected(registry):
    turkiye, ivory = party_by_iso3("TUR"), party_by_iso3("CIV")
    assert turkiye.short_name("en") == "Türkiye"
    assert turkiye.name_in("fr").with_article == "la Türkiye"
    assert ivory.short_name("en") == "Côte d'Ivoire"
    assert ivory.name_in("en").formal_name == "the Republic of Côte d'Ivoire"
    assert ivory.short_name("zh") == "科特迪瓦"


def test_lists_drop_the_article_that_drafting_keeps(registry):
    netherlands = party_by_iso3("NLD")
    assert netherlands.short_name("en") == "Netherlands"
    assert netherlands.name_in("en").with_article == "the Netherlands"
    assert netherlands.name_in("fr").with_article == "les Pays-Bas"
    assert party_by_iso3("AFG").name_in("fr").with_article == "l'Afghanistan"
    assert split_article("Iran (Islamic Republic of)", "en") == ("Iran (Islamic Republic of)", None)


def test_reloading_keeps_what_a_secretariat_edited_and_reports_it(edits_registry):
    austria = party_by_iso3("AUT")
    austria.name_in("en").formal_name = "the Republic of Austria (edited)"
    db.session.commit()
    report = load_registry()
    db.session.commit()
    assert report.counts["state:kept"] == 1
    assert report.counts["state:unchanged"] == 194
    assert any("names.en.formal_name" in line for line in report.kept["state:AUT"])
    db.session.expire_all()
    assert party_by_iso3("AUT").name_in("en").formal_name == "the Republic of Austria (edited)"
