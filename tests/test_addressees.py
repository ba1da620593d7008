"""Every State of the registry is addressed rightly by default in Russian, Arabic and Kazakh:
the mission in the nominative at the foot of the note, in the dative in its opening formula."""
import csv
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from meetings import grammar
from meetings.extensions import db
from meetings.models import InvitationCategory, Party, PartyContact
from meetings.services.audit import Actor
from meetings.services.invitations import declined_mission, default_addressee, invite
from meetings.services.notes import draft
from meetings.services.registry import addressee_names
from tests.helpers import party_by_iso3

ACTOR = Actor.system("test")
DATA = Path(__file__).resolve().parent.parent / "meetings" / "data"
LATIN = re.compile(r"[A-Za-z]")
# What the secretariat enters once per language: its city is the only word of the addressee.
VIENNA = {
    "ru": {"city": "Вена", "sender": "Генеральный секретарь Организации Объединенных Наций",
           "name": "Управление Организации Объединенных Наций по наркотикам и преступности",
           "office_short": "Управлению"},
    "ar": {"city": "فيينا", "sender": "الأمين العام للأمم المتحدة",
           "name": "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "office_short": "المكتب"},
    "kk": {"city": "Вена", "sender": "Біріккен Ұлттар Ұйымының Бас хатшысы",
           "name": "Біріккен Ұлттар Ұйымының Есірткі және қылмыс жөніндегі басқармасы",
           "office_short": "Басқармаға"},
}
MEETING_TEXTS = {
    "ru": {"title": "Совещание экспертов по международному сотрудничеству",
           "in_text": "совещания экспертов по международному сотрудничеству",
           "short_title": "совещание экспертов", "city": "Вена", "country": "Австрия"},
    "ar": {"title": "اجتماع الخبراء المعني بالتعاون الدولي",
           "in_text": "اجتماع الخبراء المعني بالتعاون الدولي",
           "short_title": "اجتماع الخبراء", "city": "فيينا", "country": "النمسا"},
    "kk": {"title": "Халықаралық ынтымақтастық жөніндегі сарапшылар кеңесі",
           "short_title": "сарапшылар кеңесі", "city": "Вена", "country": "Австрия"},
}

# The names the issue lists as tricky: (block, opening formula) in Russian; Arabic; Kazakh block.
TRICKY = {
    "GBR": ("Постоянное представительство Соединенного Королевства Великобритании и Северной "
            "Ирландии при Организации Объединенных Наций (Вена)",
            "Постоянному представительству Соединенного Королевства Великобритании и Северной "
            "Ирландии при Организации Объединенных Наций (Вена)",
            "البعثة الدائمة للمملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية لدى الأمم المتحدة "
            "في فيينا",
            "Ұлыбритания және Солтүстік Ирландия Құрама Корольдігінің Біріккен Ұлттар Ұйымы "
            "жанындағы Тұрақты өкілдігі (Вена)"),
    "RUS": ("Постоянное представительство Российской Федерации при Организации Объединенных "
            "Наций (Вена)",
            "Постоянному представительству Российской Федерации при Организации Объединенных "
            "Наций (Вена)",
            "البعثة الدائمة للاتحاد الروسي لدى الأمم المتحدة في فيينا",
            "Ресей Федерациясының Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі (Вена)"),
    "IRN": ("Постоянное представительство Исламской Республики Иран при Организации "
            "Объединенных Наций (Вена)",
            "Постоянному представительству Исламской Республики Иран при Организации "
            "Объединенных Наций (Вена)",
            "البعثة الدائمة لجمهورية إيران الإسلامية لدى الأمم المتحدة في فيينا",
            "Иран Ислам Республикасының Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі (Вена)"),
    "BOL": ("Постоянное представительство Многонационального Государства Боливия при "
            "Организации Объединенных Наций (Вена)",
            "Постоянному представительству Многонационального Государства Боливия при "
            "Организации Объединенных Наций (Вена)",
            "البعثة الدائمة لدولة بوليفيا المتعددة القوميات لدى الأمم المتحدة في فيينا",
            "Боливия Көпұлтты Мемлекетінің Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі "
            "(Вена)"),
    "NLD": ("Постоянное представительство Королевства Нидерландов при Организации Объединенных "
            "Наций (Вена)",
            "Постоянному представительству Королевства Нидерландов при Организации Объединенных "
            "Наций (Вена)",
            "البعثة الدائمة لمملكة هولندا لدى الأمم المتحدة في فيينا",
            "Нидерланд Корольдігінің Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі (Вена)"),
    "PRK": ("Постоянное представительство Корейской Народно-Демократической Республики при "
            "Организации Объединенных Наций (Вена)",
            "Постоянному представительству Корейской Народно-Демократической Республики при "
            "Организации Объединенных Наций (Вена)",
            "البعثة الدائمة لجمهورية كوريا الشعبية الديمقراطية لدى الأمم المتحدة في فيينا",
            "Корея Халықтық Демократиялық Республикасының Біріккен Ұлттар Ұйымы жанындағы "
            "Тұрақты өкілдігі (Вена)"),
    "USA": ("Постоянное представительство Соединенных Штатов Америки при Организации "
            "Объединенных Наций (Вена)",
            "Постоянному представительству Соединенных Штатов Америки при Организации "
            "Объединенных Наций (Вена)",
            "البعثة الدائمة للولايات المتحدة الأمريكية لدى الأمم المتحدة في فيينا",
            "Америка Құрама Штаттарының Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі (Вена)"),
    "VAT": ("Постоянная миссия наблюдателя от Святейшего Престола при Организации Объединенных "
            "Наций (Вена)",
            "Постоянной миссии наблюдателя от Святейшего Престола при Организации Объединенных "
            "Наций (Вена)",
            "البعثة المراقبة الدائمة للكرسي الرسولي لدى الأمم المتحدة في فيينا",
            "Қасиетті Тақтың Біріккен Ұлттар Ұйымы жанындағы Тұрақты бақылаушы миссиясы (Вена)"),
    "PSE": ("Постоянная миссия наблюдателя от Государства Палестина при Организации "
            "Объединенных Наций (Вена)",
            "Постоянной миссии наблюдателя от Государства Палестина при Организации "
            "Объединенных Наций (Вена)",
            "البعثة المراقبة الدائمة لدولة فلسطين لدى الأمم المتحدة في فيينا",
            "Палестина Мемлекетінің Біріккен Ұлттар Ұйымы жанындағы Тұрақты бақылаушы миссиясы "
            "(Вена)"),
}


@pytest.fixture
def vienna(registry, make_secretariat):
    return make_secretariat("unodc", languages=["en", "ru", "ar", "kk"], localized=VIENNA)


def test_every_state_of_the_registry_has_its_russian_arabic_and_kazakh_addressee(vienna):
    states = db.session.scalars(
        sa.select(Party).where(Party.registry_key.like("state:%")).order_by(Party.iso3)).all()
    assert len(states) == 195
    for state in states:
        for language in ("ru", "ar", "kk"):
            block, in_text = declined_mission(state, vienna, language) or ("", "")
            assert block and in_text, (state.iso3, language)
            assert not LATIN.search(block + in_text), (state.iso3, language, block)
            assert "{" not in block + in_text and "  " not in block + in_text, block
            assert default_addressee(state, vienna, language) == block
        assert declined_mission(state, vienna, "ar")[0].startswith(
            ("البعثة الدائمة ل", "البعثة المراقبة الدائمة ل"))


def test_the_shipped_forms_are_complete_and_the_kazakh_genitive_is_the_grammars():
    overridden = {(row["iso3"], row["field"]) for row in
                  csv.DictReader((DATA / "addressee_overrides.csv").open(encoding="utf-8"))}
    forms = addressee_names()
    assert len(forms) == 195
    for iso3, row in forms.items():
        assert all(row[column].strip() for column in ("ru", "ru_gen", "ar", "kk", "kk_gen")), iso3
        if (iso3, "kk_gen") not in overridden:
            assert row["kk_gen"] == grammar.kk_case(row["kk"], "gen"), iso3


def test_every_override_says_why_and_is_in_the_shipped_file():
    """An override added without running derive_addressee_forms.py would never reach a note."""
    rows = list(csv.DictReader((DATA / "addressee_overrides.csv").open(encoding="utf-8")))
    assert rows and all(row["why"].strip() for row in rows)
    forms = addressee_names()
    for row in rows:
        assert forms[row["iso3"]][row["field"]] == row["value"], row


@pytest.mark.parametrize("iso3", sorted(TRICKY))
def test_the_tricky_names_read_right_in_russian_arabic_and_kazakh(vienna, iso3):
    block, in_text, arabic, kazakh = TRICKY[iso3]
    state = party_by_iso3(iso3)
    assert declined_mission(state, vienna, "ru") == (block, in_text)
    assert declined_mission(state, vienna, "ar") == (arabic, arabic)
    assert declined_mission(state, vienna, "kk")[0] == kazakh
    assert declined_mission(state, vienna, "kk")[1] == kazakh.replace(
        "өкілдігі (", "өкілдігіне (").replace("миссиясы (", "миссиясына (")


@pytest.mark.parametrize(("iso3", "arabic"), [
    ("AUT", "البعثة الدائمة للنمسا لدى الأمم المتحدة في فيينا"),  # النمسا: ال + ل → لل
    ("IRQ", "البعثة الدائمة للعراق لدى الأمم المتحدة في فيينا"),
    ("EGY", "البعثة الدائمة لمصر لدى الأمم المتحدة في فيينا"),  # no article: ل joins the name
])
def test_the_arabic_preposition_takes_the_article_in(vienna, iso3, arabic):
    assert default_addressee(party_by_iso3(iso3), vienna, "ar") == arabic


def test_austria_in_russian_and_kazakh(vienna):
    austria = party_by_iso3("AUT")
    assert declined_mission(austria, vienna, "ru") == (
        "Постоянное представительство Австрии при Организации Объединенных Наций (Вена)",
        "Постоянному представительству Австрии при Организации Объединенных Наций (Вена)")
    assert declined_mission(austria, vienna, "kk") == (
        "Австрияның Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі (Вена)",
        "Австрияның Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігіне (Вена)")


@pytest.mark.parametrize(("name", "genitive"), [
    ("Австрия", "Австрияның"), ("Бельгия", "Бельгияның"),  # back / front vowels, final vowel
    ("Иран", "Иранның"), ("Йемен", "Йеменнің"),  # a nasal
    ("Мысыр", "Мысырдың"), ("Кипр", "Кипрдің"),  # a voiced consonant
    ("Ирак", "Ирактың"), ("Кувейт", "Кувейттің"),  # a voiceless one
    ("Чили", "Чилидің"), ("Тувалу", "Тувалудың"),  # a final glide: и [ij], у [uw]
    ("Израиль", "Израильдің"), ("Беларусь", "Беларусьтің"),  # the soft sign is not a sound
    ("Америка Құрама Штаттары", "Америка Құрама Штаттарының"),  # the last word takes it
])
def test_the_kazakh_genitive_follows_vowel_harmony_and_the_last_sound(name, genitive):
    assert grammar.kk_case(name, "gen") == genitive


def test_an_addressee_the_secretariat_writes_comes_before_the_default(vienna):
    austria = party_by_iso3("AUT")
    db.session.add(PartyContact(secretariat_id=vienna.id, party=austria, emails=[],
                                addressees={"ru": "Посольство Австрии в Москве"}))
    db.session.flush()
    assert default_addressee(austria, vienna, "ru") == "Посольство Австрии в Москве"


def test_a_russian_name_edited_by_hand_is_not_declined_by_guesswork(vienna, edits_registry):
    iran = party_by_iso3("IRN")
    iran.name_in("ru").formal_name = "Иран"
    assert declined_mission(iran, vienna, "ru") is None
    assert declined_mission(iran, vienna, "ar") is not None  # «ل» needs no genitive


def test_a_secretariat_writing_to_embassies_gets_no_permanent_mission(registry, make_secretariat):
    cica = make_secretariat("cica", city="Astana", localized={
        "en": {"mission_pattern": "Embassy of {formal_of} in the Republic of Kazakhstan"},
        "ru": {"city": "Астана"}, "kk": {"city": "Астана"}})
    assert default_addressee(party_by_iso3("RUS"), cica, "ru") is None
    assert default_addressee(party_by_iso3("RUS"), cica, "kk") is None


@pytest.fixture
def expert_meeting(vienna, make_meeting):
    meeting = make_meeting(vienna, "em", languages=["en", "ru", "ar", "kk"],
                           short_title="the expert meeting")
    meeting.localized = MEETING_TEXTS
    db.session.flush()
    return meeting


@pytest.mark.parametrize(("iso3", "language", "opening", "foot"), [
    ("IRN", "ru", "свидетельствует свое уважение Постоянному представительству Исламской "
                  "Республики Иран при Организации Объединенных Наций (Вена) и имеет честь",
     "Постоянное представительство Исламской Республики Иран при Организации Объединенных Наций "
     "(Вена)"),
    ("GBR", "ru", "свидетельствует свое уважение Постоянному представительству Соединенного "
                  "Королевства Великобритании и Северной Ирландии при Организации Объединенных "
                  "Наций (Вена) и имеет честь",
     "Постоянное представительство Соединенного Королевства Великобритании и Северной Ирландии "
     "при Организации Объединенных Наций (Вена)"),
    ("IRN", "ar", "يهدي الأمين العام للأمم المتحدة أطيب تحياته إلى البعثة الدائمة لجمهورية إيران "
                  "الإسلامية لدى الأمم المتحدة في فيينا،",
     "البعثة الدائمة لجمهورية إيران الإسلامية لدى الأمم المتحدة في فيينا"),
    ("GBR", "ar", "يهدي الأمين العام للأمم المتحدة أطيب تحياته إلى البعثة الدائمة للمملكة المتحدة "
                  "لبريطانيا العظمى وأيرلندا الشمالية لدى الأمم المتحدة في فيينا،",
     "البعثة الدائمة للمملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية لدى الأمم المتحدة في "
     "فيينا"),
    ("IRN", "kk", "Біріккен Ұлттар Ұйымының Бас хатшысы Иран Ислам Республикасының Біріккен "
                  "Ұлттар Ұйымы жанындағы Тұрақты өкілдігіне (Вена) өзінің зор ілтипатын "
                  "білдіреді",
     "Иран Ислам Республикасының Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігі (Вена)"),
    ("GBR", "kk", "Біріккен Ұлттар Ұйымының Бас хатшысы Ұлыбритания және Солтүстік Ирландия "
                  "Құрама Корольдігінің Біріккен Ұлттар Ұйымы жанындағы Тұрақты өкілдігіне "
                  "(Вена) өзінің зор ілтипатын білдіреді",
     "Ұлыбритания және Солтүстік Ирландия Құрама Корольдігінің Біріккен Ұлттар Ұйымы жанындағы "
     "Тұрақты өкілдігі (Вена)"),
])
def test_the_drafted_note_names_the_mission_in_each_case(expert_meeting, iso3, language,
                                                        opening, foot):
    invitation = invite(expert_meeting, party_by_iso3(iso3), InvitationCategory.STATE_PARTY,
                        ACTOR, language=language)
    assert invitation.addressee == foot  # the invitation list shows it, and an officer may edit
    text = draft(invitation).text
    assert opening in text
    assert text.rstrip().endswith(foot)


def test_the_demo_addresses_saudi_arabia_by_default_and_keeps_the_missions_own_styles(
        demo_read_only):
    from meetings.models import Invitation, Meeting
    from meetings.services.demo import SLUGS

    def addressee(iso3: str) -> str:
        return db.session.scalar(
            sa.select(Invitation.addressee).join(Meeting).join(Party)
            .where(Meeting.slug == SLUGS["uncac_expert_meeting"], Party.iso3 == iso3))

    assert addressee("SAU") == \
        "البعثة الدائمة للمملكة العربية السعودية لدى الأمم المتحدة في فيينا"
    assert addressee("RUS") == ("Постоянное представительство Российской Федерации при "
                                "международных организациях в Вене")  # as the mission styles itself
