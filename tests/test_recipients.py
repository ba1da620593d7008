"""A note to an organization or to the European Union never calls it "the Government"."""
import pytest
import sqlalchemy as sa

from meetings import grammar
from meetings.extensions import db
from meetings.languages import NOTE_LANGUAGES
from meetings.models import (
    AuditEvent,
    Invitation,
    InvitationCategory,
    Meeting,
    Party,
    RecipientKind,
)
from meetings.services.audit import Actor
from meetings.services.demo import SLUGS
from meetings.services.invitations import invite, update_invitation
from meetings.services.notes import draft
from tests.helpers import party_by_iso3, party_by_key

GOVERNMENT = {"en": "the Government", "fr": "Gouvernement", "es": "Gobierno", "ru": "Правительств",
              "ar": "الحكومة", "zh": "该国政府", "kk": "Үкімет"}
# An addressee per language, as an officer writes it on the invitation (declining languages too).
ADDRESSEE = {
    "en": ("Secretariat of the League of Arab States", None),
    "fr": ("Secrétariat de la Ligue des États arabes", "le Secrétariat de la Ligue des États arabes"),
    "es": ("Secretaría de la Liga de los Estados Árabes", "la Secretaría de la Liga de los Estados "
           "Árabes"),
    "ru": ("Секретариат Лиги арабских государств", "Секретариату Лиги арабских государств"),
    "ar": ("الأمانة العامة لجامعة الدول العربية", None),
    "zh": ("阿拉伯国家联盟秘书处", None),
    "kk": ("Араб мемлекеттері лигасының Хатшылығы", "Араб мемлекеттері лигасының Хатшылығына"),
}
THE_ORGANIZATION = {"en": "the Organization", "fr": "l'Organisation", "es": "la Organización",
                    "ru": "Организаци", "ar": "المنظمة", "zh": "该组织", "kk": "Ұйым"}
THE_UNION = {"en": "the Union", "fr": "l'Union", "es": "la Unión", "ru": "Союз",
             "ar": "الاتحاد", "zh": "欧洲联盟", "kk": "Одақ"}


def invitation_of(key: str, slug: str = SLUGS["uncac_expert_meeting"]) -> Invitation:
    return db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party).where(
            Meeting.slug == slug, sa.or_(Party.iso3 == key, Party.registry_key == key)))


def written_in(invitation: Invitation, language: str) -> str:
    """The note in one language, with the addressee as the officer writes it in that language.

    The UNODC meeting has no Kazakh texts: Kazakh notes are for the CICA Senior Officials
    Committee, whose note is the shipped template (the Working Group has its own wording)."""
    if language == "kk":
        soc = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["cica_soc"]))
        invitation = invitation_of(invitation.party.registry_key, SLUGS["cica_soc"]) or invite(
            soc, invitation.party, InvitationCategory.OTHER, Actor(label="test"))
        invitation.recipient_kind = invitation_of(
            invitation.party.registry_key).recipient_kind
    invitation.language = language
    invitation.addressee, invitation.addressee_in_text = ADDRESSEE[language]
    return draft(invitation, language).text


def test_every_invitation_takes_its_recipient_kind_from_its_party(demo_read_only):
    assert invitation_of("AUT").recipient_kind == RecipientKind.GOVERNMENT
    assert invitation_of("org:las").recipient_kind == RecipientKind.ORGANIZATION
    assert invitation_of("org:eu").recipient_kind == RecipientKind.EUROPEAN_UNION


def test_an_invitation_made_without_a_kind_gets_the_party_s(registry, make_secretariat,
                                                            make_meeting):
    meeting = make_meeting(make_secretariat("unodc"), "em")
    for party, expected in [(party_by_iso3("FRA"), RecipientKind.GOVERNMENT),
                            (party_by_key("org:osce"), RecipientKind.ORGANIZATION),
                            (party_by_key("org:unodc"), RecipientKind.UN_ENTITY),
                            (party_by_key("org:eu"), RecipientKind.EUROPEAN_UNION)]:
        invitation = Invitation(meeting_id=meeting.id, party_id=party.id, addressee="PM",
                                category=InvitationCategory.OTHER)
        db.session.add(invitation)
        db.session.flush()
        assert invitation.recipient_kind == expected, party


@pytest.mark.parametrize("language", NOTE_LANGUAGES)
def test_an_organization_is_never_called_the_government(demo_read_only, language):
    text = written_in(invitation_of("org:las"), language)
    assert GOVERNMENT[language] not in text
    assert THE_ORGANIZATION[language] in text


@pytest.mark.parametrize("language", NOTE_LANGUAGES)
def test_the_european_union_is_the_union_in_every_language(demo_read_only, language):
    text = written_in(invitation_of("org:eu"), language)
    assert GOVERNMENT[language] not in text
    assert THE_UNION[language] in text


@pytest.mark.parametrize("language", NOTE_LANGUAGES)
def test_a_government_is_still_the_government(demo_read_only, language):
    text = written_in(invitation_of("AUT"), language)
    assert GOVERNMENT[language] in text


def test_the_words_agree_with_the_recipient(demo_read_only):
    organization = written_in(invitation_of("org:las"), "fr")
    assert "d'inviter l'Organisation à participer à la" in organization or \
        "l'attention de l'Organisation sur" in organization
    assert "saurait gré à l'Organisation de bien vouloir" in organization
    assert "délégation de l'Organisation," in organization
    union = written_in(invitation_of("org:eu"), "ru")
    assert "Ответ Союза" in union and "только для Союза" in union
    arabic = written_in(invitation_of("org:eu"), "ar")
    assert "للاتحاد وحده" in arabic and "وفد الاتحاد" in arabic
    english = written_in(invitation_of("org:eu"), "en")
    assert "the Union's response" in english and "meant for the Union only" in english


def test_the_officer_changes_the_kind_and_the_change_is_audited(demo_read_only):
    invitation = invitation_of("org:osce")
    update_invitation(invitation, {"recipient_kind": RecipientKind.OTHER}, Actor(label="test"))
    db.session.flush()
    assert written_in(invitation, "en").count("the institution") >= 3
    event = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "invitation updated").order_by(AuditEvent.id.desc())).first()
    assert event.changes["recipient_kind"][1] == "other"
    db.session.rollback()


def test_the_words_of_each_kind_exist_in_each_language_with_the_same_keys():
    for language in NOTE_LANGUAGES:
        keys = {kind: set(grammar.recipient(kind, language)) for kind in grammar.RECIPIENT_KINDS}
        assert len({frozenset(k) for k in keys.values()}) == 1, language
