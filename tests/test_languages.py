"""The one list of languages agrees with what the service actually ships for each of them."""
from meetings import languages
from meetings.drafting.templating import shipped
from meetings.models import UN_LANGUAGES
from meetings.registration.texts import translated_languages
from meetings.secretariat.forms import LANGUAGE_CHOICES


def test_each_language_with_note_templates_ships_one_and_no_other_does():
    assert [code for code in languages.CODES if shipped(code) is not None] == list(
        languages.NOTE_LANGUAGES)


def test_the_registration_page_speaks_exactly_the_languages_said_to_have_ui_texts():
    assert translated_languages() == set(languages.UI_LANGUAGES)


def test_the_six_un_languages_in_the_un_order_and_arabic_alone_right_to_left():
    assert languages.UN_OFFICIAL == ("ar", "zh", "en", "fr", "ru", "es") == UN_LANGUAGES
    assert languages.RTL == {"ar"}
    assert languages.direction("ar") == "rtl" and languages.direction("kk") == "ltr"


def test_forms_offer_every_language_by_its_english_name():
    assert LANGUAGE_CHOICES == [(lang.code, lang.name) for lang in languages.LANGUAGES]
    assert languages.name("kk") == "Kazakh" and languages.name("xx") == "xx"
    assert languages.BY_CODE["zh"].own_name == "中文"
