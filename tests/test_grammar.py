"""The language layer writes what a translator would: « au », « du », «del», «للحكومة», «маусымда»."""
from datetime import date, time

import pytest
import sqlalchemy as sa

from meetings import dates, grammar
from meetings.deadline import Deadline
from meetings.extensions import db
from meetings.models import Invitation, Meeting, Party, PartyKind
from meetings.services.demo import SLUGS
from meetings.services.invitations import default_addressee
from meetings.services.notes import draft


def invitation_of(code: str, slug: str = SLUGS["uncac_expert_meeting"]) -> Invitation:
    return db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party).where(
            Meeting.slug == slug, sa.or_(Party.iso3 == code, Party.registry_key == code)))


@pytest.mark.parametrize(("preposition", "phrase", "language", "expected"), [
    ("a", "le Secrétariat", "fr", "au Secrétariat"),
    ("a", "les Pays-Bas", "fr", "aux Pays-Bas"),
    ("de", "le Kazakhstan", "fr", "du Kazakhstan"),
    ("de", "les Émirats arabes unis", "fr", "des Émirats arabes unis"),
    ("de", "l'Afghanistan", "fr", "de l'Afghanistan"),
    ("de", "la France", "fr", "de la France"),
    ("de", "Israël", "fr", "d'Israël"),
    ("de", "Oman", "fr", "d'Oman"),
    ("de", "Haïti", "fr", "d'Haïti"),
    ("de", "Cuba", "fr", "de Cuba"),
    ("a", "la Mission permanente", "fr", "à la Mission permanente"),
    ("a", "l'Organisation", "fr", "à l'Organisation"),
    ("a", "el Ministerio", "es", "al Ministerio"),
    ("de", "el sexto período de sesiones", "es", "del sexto período de sesiones"),
    ("de", "los Países Bajos", "es", "de los Países Bajos"),
    ("de", "El Salvador", "es", "de El Salvador"),
    ("a", "la Misión Permanente", "es", "a la Misión Permanente"),
])
def test_french_and_spanish_contract_and_elide(preposition, phrase, language, expected):
    assert grammar.with_preposition(preposition, phrase, language) == expected


def test_every_state_of_the_registry_contracts_in_french_and_spanish(registry,
                                                                   make_secretariat):
    secretariat = make_secretariat("unodc")
    secretariat.localized = {"fr": {"city": "Vienne"}, "es": {"city": "Viena"}}
    states = db.session.scalars(sa.select(Party).where(Party.kind == PartyKind.STATE)).all()
    assert len(states) == 195
    for state in states:
        for language in ("fr", "es"):
            name = state.name_in(language)
            assert name is not None, state
            for preposition in ("a", "de"):
                written = grammar.with_preposition(preposition, name.with_article, language)
                assert grammar.uncontracted(written + " ", language) == [], written
            addressee = default_addressee(state, secretariat, language)
            assert addressee and grammar.uncontracted(addressee + " ", language) == [], addressee
    assert "Mission permanente d'Israël" in default_addressee(
        next(s for s in states if s.iso3 == "ISR"), secretariat, "fr")
    assert "Mission permanente des Pays-Bas" in default_addressee(
        next(s for s in states if s.iso3 == "NLD"), secretariat, "fr")
    assert "Misión Permanente de El Salvador" in default_addressee(
        next(s for s in states if s.iso3 == "SLV"), secretariat, "es")


def test_every_demo_meeting_contracts_in_french_and_spanish(demo_read_only):
    meetings = db.session.scalars(sa.select(Meeting)).all()
    checked = 0
    for meeting in meetings:
        for language in ("fr", "es"):
            texts = (meeting.localized or {}).get(language, {})
            for key in ("in_text", "short_title", "title"):
                if texts.get(key):
                    checked += 1
                    for preposition in ("a", "de"):
                        written = grammar.with_preposition(preposition, texts[key], language)
                        assert grammar.uncontracted(written + " ", language) == [], written
    assert checked >= 6
    for code, language in (("FRA", "fr"), ("ESP", "es"), ("AUT", "fr"), ("MEX", "es")):
        text = draft(invitation_of(code), language).text
        assert grammar.uncontracted(text, language) == [], (code, language)
    organization = invitation_of("org:eu")
    organization.language, organization.addressee = "es", "Delegación de la Unión Europea"
    organization.addressee_in_text = "la Delegación de la Unión Europea"
    text = draft(organization, "es").text
    assert "inmediatamente después del sexto período" in text
    assert grammar.uncontracted(text, "es") == []


def test_one_earlier_note_is_singular_and_two_are_plural(demo_read_only):
    meeting = invitation_of("FRA").meeting
    meeting.earlier_notes = [{"reference": "CU 2012/100", "date": "2012-06-01"}]
    assert "se référant à sa note no CU 2012/100 du 1er juin 2012," in draft(
        invitation_of("FRA"), "fr").text
    assert "con referencia a su nota núm. CU 2012/100" in draft(invitation_of("ESP"), "es").text
    assert "со ссылкой на свою ноту №CU 2012/100" in draft(invitation_of("RUS"), "ru").text
    assert "وبالإشارة إلى مذكرته رقم CU 2012/100" in draft(invitation_of("EGY"), "ar").text
    meeting.earlier_notes.append({"reference": "CU 2012/120", "date": "2012-07-02"})
    assert "se référant à ses notes no CU 2012/100 du 1er juin 2012 et no CU 2012/120" in draft(
        invitation_of("FRA"), "fr").text
    assert "со ссылкой на свои ноты" in draft(invitation_of("RUS"), "ru").text
    db.session.rollback()


def test_kazakh_earlier_notes_agree_in_number():
    assert grammar.earlier_notes(1, "kk") == "нотасына"
    assert grammar.earlier_notes(2, "kk") == "ноталарына"
    assert grammar.earlier_notes(1, "ar", "f") == "مذكرتها"


@pytest.mark.parametrize(("count", "spanish", "arabic"), [
    (1, "1 pág.", "صفحة واحدة"), (2, "2 págs.", "صفحتان"), (3, "3 págs.", "3 صفحات"),
    (9, "9 págs.", "9 صفحات"), (10, "10 págs.", "10 صفحات"), (11, "11 págs.", "11 صفحة"),
    (100, "100 págs.", "100 صفحة"), (103, "103 págs.", "103 صفحات"),
])
def test_the_enclosure_counts_pages_as_each_language_does(count, spanish, arabic):
    assert grammar.pages(count, "es") == spanish
    assert grammar.pages(count, "ar") == arabic
    assert grammar.pages(count, "en") == str(count)


def test_arabic_lam_joins_the_article_as_lam_lam(demo_read_only):
    assert grammar.arabic_li("البعثة الدائمة لجمهورية مصر العربية") == \
        "للبعثة الدائمة لجمهورية مصر العربية"
    assert grammar.arabic_li("الحكومة") == "للحكومة"
    assert grammar.arabic_li("بعثة") == "لبعثة"
    secretariat = invitation_of("EGY").meeting.secretariat
    secretariat.note_closing = True
    text = draft(invitation_of("EGY"), "ar").text
    assert "ليعرب مجددا للبعثة الدائمة لجمهورية مصر العربية" in text
    assert "لـال" not in text
    db.session.rollback()


KAZAKH = {  # month: (locative "on", attributive "of", ablative "from")
    1: ("қаңтарда", "қаңтардағы", "қаңтардан"), 2: ("ақпанда", "ақпандағы", "ақпаннан"),
    3: ("наурызда", "наурыздағы", "наурыздан"), 4: ("сәуірде", "сәуірдегі", "сәуірден"),
    5: ("мамырда", "мамырдағы", "мамырдан"), 6: ("маусымда", "маусымдағы", "маусымнан"),
    7: ("шілдеде", "шілдедегі", "шілдеден"), 8: ("тамызда", "тамыздағы", "тамыздан"),
    9: ("қыркүйекте", "қыркүйектегі", "қыркүйектен"), 10: ("қазанда", "қазандағы", "қазаннан"),
    11: ("қарашада", "қарашадағы", "қарашадан"),
    12: ("желтоқсанда", "желтоқсандағы", "желтоқсаннан"),
}


@pytest.mark.parametrize("month", range(1, 13))
def test_kazakh_dates_take_case_endings_by_vowel_harmony_in_every_month(month):
    on, of, from_ = KAZAKH[month]
    day = date(2024, month, 20)
    assert dates.kk_on(day) == f"2024 жылғы 20 {on}"
    assert dates.kk_of(day) == f"2024 жылғы 20 {of}"
    assert dates.kk_from(day) == f"2024 жылғы 20 {from_}"


def test_kazakh_ranges_and_times_take_the_ending_on_their_last_word():
    assert dates.kk_case_of(dates.held(date(2012, 10, 22), date(2012, 10, 23), "kk"), "loc") == \
        "2012 жылғы 22–23 қазанда"
    assert [grammar.kk_number_case(m, "abl") for m in (0, 10, 20, 30, 40, 45, 50)] == [
        "-ден", "-нан", "-дан", "-дан", "-тан", "-тен", "-ден"]
    deadline = Deadline(date(2024, 6, 20), time(18, 0), "Asia/Almaty", None,  # type: ignore
                        {"kk": "Астана"}, name_city=True)
    assert deadline.words_from("kk") == \
        "2024 жылғы 20 маусым, Астана уақыты бойынша сағат 18:00-ден"
    assert Deadline(date(2024, 6, 20), None, "Asia/Almaty", None,  # type: ignore
                    {}).words_from("kk") == "2024 жылғы 20 маусымнан"


@pytest.mark.parametrize(("word", "accusative", "dative"), [
    ("Үкімет", "Үкіметті", "Үкіметке"), ("Ұйым", "Ұйымды", "Ұйымға"),
    ("Одақ", "Одақты", "Одаққа"), ("мекеме", "мекемені", "мекемеге"),
])
def test_kazakh_nouns_take_their_case_endings(word, accusative, dative):
    assert grammar.kk_case(word, "acc") == accusative
    assert grammar.kk_case(word, "dat") == dative


def test_the_kazakh_default_note_says_on_of_and_from(demo_read_only):
    swg = invitation_of("KAZ", SLUGS["cica_swg"])
    meeting = swg.meeting
    soc = db.session.scalar(sa.select(Meeting).where(Meeting.slug == SLUGS["cica_soc"]))
    from meetings.services.audit import Actor
    from meetings.services.invitations import invite
    invitation = invite(soc, swg.party, swg.category, Actor(label="test"))
    invitation.language = "kk"
    invitation.addressee, invitation.addressee_in_text = swg.addressee, swg.addressee_in_text
    soc.registration_deadline = date(2024, 6, 20)
    soc.earlier_notes = [{"reference": "NCT/CT/513", "date": "2024-04-18"}]
    text = draft(invitation, "kk").text
    assert "2024 жылғы 18 сәуірдегі №NCT/CT/513 нотасына сілтеме жасай отырып" in text
    assert "2024 жылғы 27 маусымда өтетін" in text
    assert "2024 жылғы 20 маусымнан кешіктірмей" in text
    assert "іс-шарасының алдында бірден өтеді" in text or "кейін бірден өтеді" in text
    assert "байланысты" not in text
    assert meeting is not None
    db.session.rollback()


def test_french_punctuation_and_ranges_do_not_break_across_lines(demo_read_only):
    text = draft(invitation_of("FRA"), "fr").text
    assert "Référence\u00a0: " in text
    assert "site Web suivant\u00a0:" in text
    assert "«\u00a0Convocation" in text and "coopération internationale\u00a0»" in text
    assert "(15\u201119 octobre 2012)" in text
    for mark in (" :", " ;", " !", " ?", "« ", " »"):
        assert mark not in text, mark
    assert "http://www.unodc.org" in text  # a URL's colon is left alone
    assert grammar.typography("Note : oui ; non", "en") == "Note : oui ; non"


def test_arabic_two_day_meetings_are_written_with_yawmay():
    assert dates.held(date(2012, 10, 22), date(2012, 10, 23), "ar") == \
        "يومي 22 و23 تشرين الأول/أكتوبر 2012"
    assert dates.held(date(2012, 10, 15), date(2012, 10, 19), "ar") == \
        "من 15 إلى 19 تشرين الأول/أكتوبر 2012"
    assert dates.note_date(date(2012, 6, 5), "ar") == "5 حزيران/يونيه 2012"


def test_a_spanish_range_in_parentheses_has_no_article():
    assert dates.span(date(2012, 10, 15), date(2012, 10, 19), "es") == "15 a 19 de octubre de 2012"
    assert dates.span(date(2012, 9, 30), date(2012, 10, 2), "es") == \
        "30 de septiembre a 2 de octubre de 2012"
