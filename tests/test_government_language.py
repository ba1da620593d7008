"""A government reads its page, every message, its honorifics and its e-mail in its own language."""
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from icalendar import Calendar

from meetings import i18n, languages, names
from meetings.extensions import db
from meetings.models import InvitationCategory, LinkKind, MeetingStatus
from meetings.services import meetings as meeting_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from meetings.services.outbox import deliver
from tests.helpers import party_by_iso3, text_of
from tests.test_registration import form as registration_form
from tests.test_registration import person, post

KEYWORDS = ["-k", "_l", "-k", "lazy_pgettext:1c,2"]  # as `make messages` runs it
# Where the texts a government or a delegate reads are marked: these are complete in every
# language of the page (the workspace's own texts may ship in fewer).
GOVERNMENT_SIDE = ("meetings/registration/", "meetings/services/delegations.py",
                   "meetings/services/files.py", "meetings/services/mission_texts.py",
                   "meetings/services/notes.py", "meetings/ical.py", "templates/registration/",
                   "templates/base.html")

ACTOR = Actor.system("test")
CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=timezone.utc)
TITLES = {
    "fr": {"title": "Réunion d'experts sur la coopération internationale",
           "short_title": "la réunion d'experts de la CNUCC", "city": "Vienne",
           "country": "Autriche"},
    "ar": {"title": "اجتماع الخبراء المعني بالتعاون الدولي",
           "short_title": "اجتماع خبراء اتفاقية مكافحة الفساد", "city": "فيينا",
           "country": "النمسا"},
}
WG_TITLES = {"fr": {"title": "Groupe de travail de la CTO", "short_title": "le groupe de travail"},
             "ar": {"title": "الفريق العامل", "short_title": "الفريق العامل المعني بالتعاون"}}


@pytest.fixture
def setting(app, registry, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc", email="UNCAC.COP@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN,
                      short_title="the UNCAC expert meeting")
    wg = make_meeting(secretariat, "wg", title="UNTOC working group",
                      short_title="the UNTOC working group", first_day=date(2012, 10, 15),
                      last_day=date(2012, 10, 19), status=MeetingStatus.ANNOUNCED)
    em.localized, wg.localized = TITLES, WG_TITLES
    meeting_service.link_meetings(em, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    france = invite(em, party_by_iso3("FRA"), InvitationCategory.STATE_PARTY, ACTOR, language="fr")
    egypt = invite(em, party_by_iso3("EGY"), InvitationCategory.STATE_PARTY, ACTOR, language="ar")
    links = {"fr": private_links.issue_link(france, ACTOR, CLOSES),
             "ar": private_links.issue_link(egypt, ACTOR, CLOSES)}
    db.session.commit()
    app.config["FIXED_NOW"] = CLOSES - timedelta(days=3)
    yield {"em": em, "wg": wg, "links": links, "fr": france, "ar": egypt}
    app.config.pop("FIXED_NOW", None)


FRENCH_FOCAL_POINT = {"focal_point_name": "Claire Martin", "focal_point_position": "Conseillère",
                      "focal_point_email": "claire.martin@diplomatie.gouv.fr"}


def form(*delegates, **focal):
    """The registration tests' form, filled in by a French-speaking focal point."""
    return registration_form(*delegates, **{**FRENCH_FOCAL_POINT, **focal})


# One mistake of each kind, and what the government reads about it, in its language.
EXPECTED = {
    "fr": {
        "invalid e-mail": "Cette adresse électronique n'est pas valide",
        "empty required field": "Veuillez remplir ce champ.",
        "no name": "Veuillez indiquer le nom tel qu'il figure dans le passeport.",
        "line break": "Veuillez supprimer le saut de ligne ou le caractère de contrôle.",
        "too long": "Veuillez ramener ce texte à 200 caractères au plus.",
        "same e-mail": "Le délégué 2 a déjà cette adresse électronique.",
        "same person": "Cette personne figure déjà sur la liste comme délégué 2.",
        "no meeting": "Veuillez choisir au moins une réunion à laquelle cette personne participe.",
        "two heads": "Le délégué 2 est déjà chef de la délégation à la réunion « la réunion "
                     "d'experts de la CNUCC ».",
        "no e-mail": "Veuillez indiquer une adresse électronique.",
        "nobody heads": "Aucun chef de délégation n'est désigné pour la réunion « le groupe de "
                        "travail »",
        "not a scan": "Ce fichier n'est pas au format PDF, JPG ou PNG, quel que soit son nom.",
        "summary": "Veuillez corriger ce qui est signalé",
    },
    "ar": {
        "invalid e-mail": "عنوان البريد الإلكتروني هذا غير صحيح",
        "empty required field": "يُرجى ملء هذه الخانة.",
        "no name": "يُرجى كتابة الاسم كما هو وارد في جواز السفر.",
        "line break": "يُرجى حذف فاصل السطر أو حرف التحكم.",
        "too long": "يُرجى اختصار هذا النص إلى 200 حرفا على الأكثر.",
        "same e-mail": "عنوان البريد الإلكتروني هذا مسجل بالفعل لعضو الوفد 2.",
        "same person": "هذا الشخص مدرج بالفعل بوصفه عضو الوفد 2.",
        "no meeting": "يُرجى اختيار اجتماع واحد على الأقل يحضره هذا الشخص.",
        "two heads": "عضو الوفد 2 هو بالفعل رئيس الوفد إلى «اجتماع خبراء اتفاقية مكافحة الفساد».",
        "no e-mail": "يُرجى ذكر عنوان بريد إلكتروني.",
        "nobody heads": "لم يُحدَّد رئيس للوفد إلى «الفريق العامل المعني بالتعاون»",
        "not a scan": "هذا الملف ليس بصيغة PDF أو JPG أو PNG، أيا كان اسمه.",
        "summary": "يُرجى تصحيح ما هو مشار إليه",
    },
}
ENGLISH = ["not valid", "Please fill this in", "as in the passport", "line break",
           "Please shorten", "already has", "already listed", "at least one meeting",
           "already heads", "Please give an e-mail", "Nobody heads", "whatever its name",
           "Please correct"]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_government_making_one_mistake_of_each_kind_reads_every_message_in_its_language(
    client, setting, language
):
    em, wg = setting["em"].id, setting["wg"].id
    data = form(
        person("", "Sans-Prénom", "expert", [em, wg], job_title="Conseiller\njuridique"),
        person("Paul", "Durand", "head", [em]),
        person("Paul", "Durand", "head", [em], email="durand@example.org"),
        person("Marie", "Petit", "expert", [], email=""),
        focal_point_name="", focal_point_email="claire@@example", focal_point_position="x" * 201)
    response = post(client, setting["links"][language], data, pdf=b"not a scan")
    assert response.status_code == 422
    page = text_of(response)
    for kind, message in EXPECTED[language].items():
        assert message in page, kind
    for english in ENGLISH:
        assert english not in page
    html = response.get_data(as_text=True)
    assert f'<html lang="{language}" dir="{languages.direction(language)}">' in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.startswith({"fr": "Erreur", "ar": "خطأ"}[language])
    assert 'value="Sans-Prénom"' in html  # nothing typed is lost


def test_honorifics_are_offered_and_shown_in_the_page_language(client, setting):
    french = client.get(f"/register/{setting['links']['fr']}").get_data(as_text=True)
    assert '<option value="H.E. Mr.">S.E. M.</option>' in french
    assert '<option value="Ms.">Mme</option>' in french
    arabic = client.get(f"/register/{setting['links']['ar']}").get_data(as_text=True)
    assert '<option value="H.E. Mr.">سعادة السيد</option>' in arabic
    assert '<option value="Mr.">السيد</option>' in arabic
    assert 'href="http://localhost/meetings/em/deadline.ics?lang=ar"' in arabic


@pytest.mark.parametrize(("language", "code", "expected"), [
    ("en", "H.E. Mr.", "H.E. Mr."), ("fr", "H.E. Mr.", "S.E. M."), ("fr", "Ms.", "Mme"),
    ("es", "H.E. Ms.", "Excma. Sra."), ("ru", "Mr.", "Г-н"), ("ru", "Ms.", "Г-жа"),
    ("ar", "Mr.", "السيد"), ("ar", "H.E. Mr.", "سعادة السيد"), ("zh", "Ms.", "女士"),
    ("kk", "Mr.", "Мырза"),
])
def test_each_honorific_in_each_language(app, language, code, expected):
    from meetings.services.delegations import HONORIFIC_LABELS

    with app.test_request_context(), i18n.speaking(language):
        assert str(HONORIFIC_LABELS[code]) == expected


class _Person:
    def __init__(self, honorific, given, family):
        self.honorific, self.given_name, self.family_name = honorific, given, family


@pytest.mark.parametrize(("language", "who", "expected"), [
    ("en", ("H.E. Mr.", "Wei", "Wang"), "H.E. Mr. Wei Wang"),
    ("en", ("Mr.", "伟", "王"), "Mr. 王伟"),  # a Chinese name: family name first, no space
    ("zh", ("Mr.", "伟", "王"), "王伟先生"),  # and the honorific after it in Chinese
    ("en", ("Ms.", "民准", "金"), "Ms. 金民准"),
    ("en", ("Ms.", "민준", "김"), "Ms. 김 민준"),  # Korean: family name first, with a space
    ("en", (None, "はなこ", "やまだ"), "やまだはなこ"),
    # In Arabic plain text, each part in another script is isolated (FSI … PDI).
    ("ar", ("H.E. Mr.", "John", "Smith"), "سعادة السيد \u2068John\u2069 \u2068Smith\u2069"),
    ("ar", ("Amb.", "John", "Smith"), "\u2068Amb.\u2069 \u2068John\u2069 \u2068Smith\u2069"),
    ("fr", ("Eminence", "Jean", "Dupont"), "Eminence Jean Dupont"),  # one of their own
])
def test_names_in_the_order_of_their_script(app, language, who, expected):
    with app.test_request_context(), i18n.speaking(language):
        assert names.display_name(_Person(*who), language) == expected


def test_latin_script_honorifics_and_names_are_isolated_in_arabic(app):
    with app.test_request_context(), i18n.speaking("ar"):
        html = names.display_name_html(_Person("Eminence", "John", "Smith"), "ar")
    assert html == "<bdi>Eminence</bdi> <bdi>John</bdi> <bdi>Smith</bdi>"


@pytest.mark.parametrize(("language", "subject", "lines"), [
    ("fr", "Délégation soumise : Réunion d'experts sur la coopération internationale",
     ["La composition de la délégation (France) a été soumise.",
      # the meetings in the order of the page (by date), the colon as French writes it
      "S.E. M. Paul Durand, Chef de délégation, Ambassadeur : le groupe de travail; "
      "la réunion d'experts de la CNUCC",
      "calendrier : http://localhost/calendar/",
      "abonnement (toujours à jour) : webcal://localhost/calendar/",
      "Pour modifier la délégation avant la date limite (24 septembre 2012, Europe/Vienna) : "
      "http://localhost/register/"]),
    ("ar", "تم تقديم الوفد: اجتماع الخبراء المعني بالتعاون الدولي",
     ["قُدِّم تشكيل الوفد (مصر).",
      "سعادة السيد \u2068Paul\u2069 \u2068Durand\u2069، رئيس الوفد، Ambassadeur: "
      "الفريق العامل المعني بالتعاون؛ اجتماع خبراء اتفاقية مكافحة الفساد",
      "التقويم: http://localhost/calendar/",
      "لتعديل الوفد قبل الموعد النهائي ("]),
])
def test_the_confirmation_page_and_e_mail_speak_the_invitation_language(
    client, setting, mailbox, language, subject, lines
):
    em, wg = setting["em"].id, setting["wg"].id
    response = post(client, setting["links"][language], form(
        person("Paul", "Durand", "head", [em, wg], honorific="H.E. Mr.",
               job_title="Ambassadeur")))
    assert response.status_code == 302, text_of(response)
    confirmation = client.get(response.location)
    page = text_of(confirmation)
    assert TITLES[language]["title"] in page and WG_TITLES[language]["short_title"] in page
    assert {"fr": "S.E. M.", "ar": "سعادة السيد"}[language] in page
    assert "Expert meeting on international cooperation" not in page
    assert "<bdi>Paul</bdi> <bdi>Durand</bdi>" in confirmation.get_data(as_text=True)
    deliver()
    [mail] = mailbox.messages
    assert mail["Subject"] == subject
    body = mail.get_body(("plain",)).get_content()
    assert body.startswith(TITLES[language]["title"])
    for line in lines:
        assert line in body, line
    assert "has been submitted" not in body and "calendar:" not in body


def test_every_catalog_compiles_and_translates_every_text_of_the_government_side(tmp_path):
    """A translator's broken .po (a placeholder lost, a fuzzy entry) fails here, not in a page."""
    catalogs = sorted(i18n.TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    assert {po.parent.parent.name for po in catalogs} >= set(languages.UI_LANGUAGES)
    for po in catalogs:
        language = po.parent.parent.name
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        assert not list(catalog.check()), language  # placeholders agree with the English
        mo = tmp_path / language / "messages.mo"
        i18n.compile_one(po, mo)
        with mo.open("rb") as compiled:
            assert len(read_mo(compiled)) > 1 or language == languages.BASE
        if language in languages.UI_LANGUAGES and language != languages.BASE:
            untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)
                            and any(path.startswith(GOVERNMENT_SIDE) for path, _ in m.locations)]
            assert untranslated == [], language


def test_the_catalogs_hold_every_text_the_code_marks(tmp_path, monkeypatch):
    """`make messages` has been run: nothing marked in the code is missing from the catalogs."""
    from babel.messages.frontend import CommandLineInterface

    monkeypatch.chdir(Path(i18n.__file__).parent.parent)
    pot = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", *KEYWORDS,
                                "-o", str(pot), "meetings", "templates"])
    with pot.open("rb") as source:
        marked = {(m.context, m.id) for m in read_po(source) if m.id}
    with (i18n.TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        held = {(m.context, m.id) for m in read_po(source) if m.id}  # not the obsolete
    assert marked - held == set()


def _events(response):
    assert response.status_code == 200, response.status_code
    calendar = Calendar.from_ical(response.get_data())
    return calendar, [e for e in calendar.walk("VEVENT")]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_delegate_calendar_speaks_the_invitation_language(client, setting, language):
    em = setting["em"].id
    response = post(client, setting["links"][language], form(
        person("Paul", "Durand", "head", [em], honorific="Mr.")))
    assert response.status_code == 302
    html = client.get(response.location).get_data(as_text=True)
    link = html.split('href="http://localhost/calendar/')[1].split('"')[0]
    calendar, events = _events(client.get(f"/calendar/{link}"))
    assert str(calendar["X-WR-CALNAME"]) == {"fr": "M. Paul Durand : mes réunions",
                                             "ar": "السيد \u2068Paul\u2069 \u2068Durand\u2069: اجتماعاتي"}[language]
    assert {str(e["SUMMARY"]) for e in events} == {TITLES[language]["title"]}
    assert {str(e["LOCATION"]) for e in events} == {
        f"{TITLES[language]['city']}, {TITLES[language]['country']}"}
    description = str(events[0]["DESCRIPTION"])
    assert description.startswith(TITLES[language]["title"])
    assert {"fr": "22-23 octobre 2012", "ar": "2012"}[language] in description.replace("–", "-")


def test_public_calendars_take_a_language_and_keep_one_file_per_language(client, setting):
    english = _events(client.get("/meetings/em/calendar.ics"))[1]
    french = _events(client.get("/meetings/em/calendar.ics?lang=fr"))[1]
    again = _events(client.get("/meetings/em/calendar.ics"))[1]
    unknown = _events(client.get("/meetings/em/calendar.ics?lang=xx"))[1]
    assert {str(e["SUMMARY"]) for e in english} == {"Expert meeting on international cooperation"}
    assert {str(e["SUMMARY"]) for e in french} == {TITLES["fr"]["title"]}
    assert {str(e["LOCATION"]) for e in french} == {"Vienne, Autriche"}
    assert [str(e["SUMMARY"]) for e in again] == [str(e["SUMMARY"]) for e in english]
    assert [str(e["SUMMARY"]) for e in unknown] == [str(e["SUMMARY"]) for e in english]
    deadline = _events(client.get("/meetings/em/deadline.ics?lang=ar"))[1]
    assert str(deadline[0]["SUMMARY"]) == (
        "الموعد النهائي: تسجيل الوفد إلى «اجتماع الخبراء المعني بالتعاون الدولي»")


@pytest.mark.parametrize(("language", "subject"), [
    ("en", "Note verbale CU 2012/150: Expert meeting on international cooperation"),
    ("fr", "Note verbale CU 2012/150 : Réunion d'experts sur la coopération internationale"),
    ("ar", "مذكرة شفوية \u2066CU 2012/150\u2069: اجتماع الخبراء المعني بالتعاون الدولي"),
])
def test_a_note_is_mailed_under_a_subject_in_its_language(app, setting, language, subject):
    from types import SimpleNamespace

    from meetings.services.notes import mail_subject

    note = SimpleNamespace(language=language, reference="CU 2012/150", meeting=setting["em"])
    with app.test_request_context():
        assert mail_subject(note) == subject


def test_a_read_only_install_compiles_the_catalogs_under_the_instance_folder(
    tmp_path, monkeypatch
):
    from flask import Flask

    monkeypatch.setattr(i18n.os, "access", lambda path, mode: False)
    app = Flask(__name__, instance_path=str(tmp_path))
    i18n.compile_catalogs(app)
    assert (tmp_path / "translations" / "fr" / "LC_MESSAGES" / "messages.mo").exists()
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"].startswith(f"{tmp_path / 'translations'};")


def test_a_kazakh_speaking_government_reads_its_page_and_its_messages_in_kazakh(
        client, setting):
    em = setting["em"]
    em.localized = {**em.localized, "kk": {"title": "Халықаралық ынтымақтастық жөніндегі "
                                                    "сарапшылар кездесуі", "city": "Вена"}}
    kazakhstan = invite(em, party_by_iso3("KAZ"), InvitationCategory.STATE_PARTY, ACTOR,
                        language="kk")
    link = private_links.issue_link(kazakhstan, ACTOR, CLOSES)
    db.session.commit()
    page = client.get(f"/register/{link}")
    html = page.get_data(as_text=True)
    assert '<html lang="kk"' in html
    text = text_of(page)
    assert "Делегацияны тіркеу" in text and "Байланысқа жауапты тұлға" in text
    assert "Халықаралық ынтымақтастық жөніндегі сарапшылар кездесуі" in text
    assert "Делегацияны тіркеу Қазақстан —" in text  # the State in Kazakh (CLDR), not in English
    assert "not available in your working language" not in text
    assert '<option value="H.E. Mr.">Мәртебелі мырза</option>' in html

    refused = client.post(f"/register/{link}", data={
        "action": "submit", "version": "0", "rows": "1", "focal_point_email": "a@@kz",
        "delegates-0-family_name": "Сейітов", "delegates-0-function": "expert",
        "delegates-0-meetings": [str(em.id)]}, content_type="multipart/form-data")
    assert refused.status_code == 422
    text = text_of(refused)
    for message in ("Осы өрісті толтыруыңызды сұраймыз.",
                    "Бұл электрондық пошта мекенжайы жарамсыз",
                    "Аты-жөнін паспорттағыдай көрсетуіңізді сұраймыз.",
                    "делегацияның басшысы белгіленбеген"):
        assert message in text, message
    assert text.startswith("Қате:")
