"""Every shipped note says what the English says: same paragraphs, same data, same conditions."""
import re

import pytest

from meetings.drafting.templating import shipped
from meetings.languages import NOTE_LANGUAGES

# Words that agree, decline or contract are the language's own; the data is what must match.
GRAMMAR = re.compile(r"^(recipient|arabic|his|himself|sender_plural|sender_short|closing|loop|"
                     r"relation|after|earlier_notes_words|n\.date_of|n\.date)\b")
# The same fact written in the form a language needs.
SAME = {
    "meeting.held_from": "meeting.held", "meeting.held_dates": "meeting.held",
    "meeting.held_at": "meeting.held", "meeting.title": "meeting.in_text",
    "meeting.short_title": "meeting.in_text", "other.title": "other.in_text",
    "inner.title": "inner.in_text", "also_invited_titles": "also_invited",
    "also_invited_in_text": "also_invited", "deadline_from": "deadline",
    "enclosure_words": "enclosure_pages", "sender_short": "sender",
}
VALUE = re.compile(r"\{\{\s*([a-z_][\w.]*)")
CONDITION = re.compile(r"\{%\s*(?:if|for \w+ in|elif)\s+([a-z_][\w.]*)")
BLOCK = re.compile(r"^\[(\w+)\]", re.M)


def body(language: str) -> str:
    return shipped(language).body


def data(source: str, pattern: re.Pattern) -> list[str]:
    return [SAME.get(name, name) for name in pattern.findall(source) if not GRAMMAR.match(name)]


def paragraphs(source: str) -> list[str]:
    """The template's paragraphs, each named by its block or by the data it starts with."""
    named = []
    for chunk in re.split(r"\n\s*\n", source):
        text = re.sub(r"\{%.*?%\}", "", chunk).strip()
        if text:
            named.append("x")
    return named


@pytest.mark.parametrize("language", [code for code in NOTE_LANGUAGES if code != "en"])
def test_each_shipped_language_has_the_paragraphs_of_the_english_note(language):
    english, other = body("en"), body(language)
    assert BLOCK.findall(other) == BLOCK.findall(english)
    assert len(paragraphs(other)) == len(paragraphs(english))
    assert data(other, CONDITION) == data(english, CONDITION)


@pytest.mark.parametrize("language", [code for code in NOTE_LANGUAGES if code != "en"])
def test_each_shipped_language_uses_the_data_of_the_english_note(language):
    assert set(data(body(language), VALUE)) == set(data(body("en"), VALUE))


@pytest.fixture
def cica_soc_invitation(demo_read_only):
    """The Russian and Kazakh notes of a meeting whose secretariat has no postal address in them."""
    import sqlalchemy as sa

    from meetings.extensions import db
    from meetings.models import Invitation, Meeting, Party
    from meetings.services.audit import Actor
    from meetings.services.demo import SLUGS
    from meetings.services.invitations import invite

    swg = db.session.scalar(sa.select(Invitation).join(Meeting).join(Party).where(
        Meeting.slug == SLUGS["cica_swg"], Party.iso3 == "RUS"))
    soc = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["cica_soc"]))
    invitation = invite(soc, swg.party, swg.category, Actor(label="test"))
    invitation.language = "ru"
    invitation.addressee, invitation.addressee_in_text = swg.addressee, swg.addressee_in_text
    return invitation


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_missing_optional_value_leaves_no_dangling_punctuation(cica_soc_invitation, language):
    from meetings.services.notes import draft

    if language == "kk":
        cica_soc_invitation.language = "kk"
        cica_soc_invitation.addressee = "Ресей Федерациясының Қазақстан Республикасындағы Елшілігі"
        cica_soc_invitation.addressee_in_text = \
            "Ресей Федерациясының Қазақстан Республикасындағы Елшілігіне"
    text = draft(cica_soc_invitation, language).text
    assert cica_soc_invitation.meeting.secretariat.localized[language].get("postal_address") \
        is None
    for dangling in (", .", ",.", ", ,", " ."):
        assert dangling not in text, dangling


def test_arabic_formulas_agree_with_a_masculine_and_a_feminine_sender(demo_read_only):
    import sqlalchemy as sa

    from meetings.extensions import db
    from meetings.models import Invitation, Meeting, Party, SenderGender
    from meetings.services.demo import SLUGS
    from meetings.services.notes import draft

    invitation = db.session.scalar(sa.select(Invitation).join(Meeting).join(Party).where(
        Meeting.slug == SLUGS["uncac_expert_meeting"], Party.iso3 == "EGY"))
    secretariat = invitation.meeting.secretariat
    secretariat.note_closing = True
    masculine = draft(invitation, "ar").text
    assert masculine.startswith("مكتب") and "يهدي الأمين العام للأمم المتحدة أطيب تحياته" in masculine
    assert "ويتشرف بأن يسترعي" in masculine and "ويغتنم الأمين العام" in masculine
    assert "ليعرب مجددا" in masculine and "آيات تقديره." in masculine
    secretariat.sender_gender = SenderGender.FEMININE
    secretariat.localized = {**secretariat.localized,
                             "ar": {**secretariat.localized["ar"],
                                    "sender": "الأمينة التنفيذية للجنة"}}
    feminine = draft(invitation, "ar").text
    assert "تهدي الأمينة التنفيذية للجنة أطيب تحياتها" in feminine
    assert "وتتشرف بأن تسترعي" in feminine
    assert "وتغتنم الأمينة التنفيذية للجنة هذه الفرصة لتعرب مجددا" in feminine
    assert "آيات تقديرها." in feminine
    db.session.rollback()
