"""In real Chromium, a secretariat builds its own meeting from nothing in the workspace, gives it
its French and Arabic texts on the translation pages and issues a French and an Arabic note; each
government then registers through its own page, makes every mistake the form can refuse, reads
every message in its language, and is confirmed in that language on the page and by e-mail."""
import re
from datetime import datetime, timezone

import icalendar
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Delegation, Meeting, Role
from meetings.registration.forms import column_length
from meetings.services import outbox
from tests.conftest import PASSWORD
from tests.test_browser_new_secretariat import sign_in

pytestmark = pytest.mark.browser
NOW = datetime(2027, 1, 18, 9, 0, tzinfo=timezone.utc)  # registration open, deadline ahead
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# What the secretariat and its meeting are called in each language, typed on the translation pages.
SECRETARIAT_TEXTS = {
    "fr": {"secretariat.sender": "Le Secrétaire général de l'Organisation des Nations Unies",
           "secretariat.name": "Secrétariat de la Conférence des États parties",
           "secretariat.city": "Vienne"},
    "ar": {"secretariat.sender": "الأمين العام للأمم المتحدة",
           "secretariat.name": "أمانة مؤتمر الدول الأطراف",
           "secretariat.city": "فيينا"},
}
MEETING_TEXTS = {
    "fr": {"title": "Réunion d'experts sur le recouvrement d'avoirs",
           "short_title": "la réunion d'experts", "city": "Vienne", "country": "Autriche",
           # how French runs the name into a sentence ("participer à la Réunion …")
           "in_text": "la Réunion d'experts sur le recouvrement d'avoirs",
           "sitting": "Séance d'ouverture"},
    "ar": {"title": "اجتماع الخبراء المعني باسترداد الموجودات",
           "short_title": "اجتماع الخبراء", "city": "فيينا", "country": "النمسا",
           "sitting": "الجلسة الافتتاحية"},
}
WORKING_GROUP_IN_TEXT = {"fr": "le Groupe de travail sur la coopération internationale"}
WORKING_GROUP = {"fr": "Groupe de travail sur la coopération internationale",
                 "ar": "الفريق العامل المعني بالتعاون الدولي"}
LANGUAGE_NAMES = {"fr": "French", "ar": "Arabic"}
NOTE_PHRASES = {
    "fr": ["Le Secrétaire général de l'Organisation des Nations Unies présente ses compliments",
           "participer à la Réunion d'experts sur le recouvrement d'avoirs",
           "qui se tiendra à Vienne (Autriche) les 10 et 11 mars 2027",
           "immédiatement avant le Groupe de travail sur la coopération internationale",
           "24 février 2027"],
    "ar": ["يهدي الأمين العام للأمم المتحدة أطيب تحياته",
           "اجتماع الخبراء المعني باسترداد الموجودات", "فيينا، النمسا",
           "الفريق العامل المعني بالتعاون الدولي", "24 شباط/فبراير 2027"],
}
NAVIGATION = {"fr": "Navigation principale", "ar": "التنقل الرئيسي"}
HONORIFIC = {"fr": "S.E. M.", "ar": "سعادة السيد"}
ADDRESSEE = {"fr": "Mission permanente du Sénégal auprès de l'Organisation des Nations Unies "
                   "(Vienne)",
             "ar": "البعثة الدائمة لجمهورية مصر العربية لدى الأمم المتحدة في فيينا"}
PARTY = {"fr": "Sénégal", "ar": "مصر"}
# Every kind of mistake the form refuses, the field it is shown beside, and its message.
MISTAKES = {
    "fr": {
        "focal_point_name": "Veuillez remplir ce champ.",
        "focal_point_email": "Cette adresse électronique n'est pas valide",
        "focal_point_position": "Veuillez ramener ce texte à {size} caractères au plus.",
        "focal_point_phone": "Veuillez supprimer le saut de ligne ou le caractère de contrôle.",
        "delegates-0-given_name": "Veuillez indiquer le nom tel qu'il figure dans le passeport.",
        "delegates-0-email": "Veuillez indiquer une adresse électronique.",
        "delegates-1-function": "Le délégué 1 est déjà chef de la délégation à la réunion "
                                "« la réunion d'experts »",
        "delegates-2-family_name": "Cette personne figure déjà sur la liste comme délégué 2.",
        "delegates-2-email": "Le délégué 2 a déjà cette adresse électronique.",
        "delegates-2-function": "Aucun chef de délégation n'est désigné pour la réunion « Groupe "
                                "de travail sur la coopération internationale »",
        "delegates-3-email": "Cette adresse électronique n'est pas valide",
        "delegates-3-meetings": "Veuillez choisir au moins une réunion à laquelle cette "
                                "personne participe.",
        "note": "Ce fichier n'est pas au format PDF, JPG ou PNG, quel que soit son nom.",
    },
    "ar": {
        "focal_point_name": "يُرجى ملء هذه الخانة.",
        "focal_point_email": "عنوان البريد الإلكتروني هذا غير صحيح",
        "focal_point_position": "يُرجى اختصار هذا النص إلى {size} حرفا على الأكثر.",
        "focal_point_phone": "يُرجى حذف فاصل السطر أو حرف التحكم.",
        "delegates-0-given_name": "يُرجى كتابة الاسم كما هو وارد في جواز السفر.",
        "delegates-0-email": "يُرجى ذكر عنوان بريد إلكتروني.",
        "delegates-1-function": "عضو الوفد 1 هو بالفعل رئيس الوفد إلى «اجتماع الخبراء».",
        "delegates-2-family_name": "هذا الشخص مدرج بالفعل بوصفه عضو الوفد 2.",
        "delegates-2-email": "عنوان البريد الإلكتروني هذا مسجل بالفعل لعضو الوفد 2.",
        "delegates-2-function": "لم يُحدَّد رئيس للوفد إلى «الفريق العامل المعني بالتعاون الدولي»",
        "delegates-3-email": "عنوان البريد الإلكتروني هذا غير صحيح",
        "delegates-3-meetings": "يُرجى اختيار اجتماع واحد على الأقل يحضره هذا الشخص.",
        "note": "هذا الملف ليس بصيغة PDF أو JPG أو PNG، أيا كان اسمه.",
    },
}
ENGLISH_MESSAGES = [
    "Please fill this in", "This e-mail address is not valid", "Please shorten this to",
    "Please remove the line break", "Please give the name as in the passport",
    "Please give an e-mail address", "already has this e-mail address", "is already listed as",
    "Choose at least one meeting", "already heads the delegation", "Nobody heads the delegation",
    "Attach the scanned note verbale", "whatever its name says", "The file is empty",
    "Add at least one delegate",
]
FIX = {"fr": "Veuillez corriger ce qui est signalé", "ar": "يُرجى تصحيح ما هو مشار إليه"}
ERROR = {"fr": "Erreur : ", "ar": "خطأ: "}
HEADING = {"fr": "Temps restant : 37 jours et 14 heures",
           "ar": "اجتماع الخبراء المعني باسترداد الموجودات، 10–11 آذار/مارس 2027، فيينا"}
SUMMARY_LINE = {
    "fr": "Délégué 1, Prénom(s) : Veuillez indiquer le nom tel qu'il figure dans le passeport.",
    "ar": "عضو الوفد 1، الاسم الأول: يُرجى كتابة الاسم كما هو وارد في جواز السفر."}
BOTH_MEETINGS = {"fr": "la réunion d'experts; Groupe de travail sur la coopération internationale",
                 "ar": "اجتماع الخبراء؛ الفريق العامل المعني بالتعاون الدولي"}
THANKS = {"fr": "Merci : la délégation a été soumise.", "ar": "شكرا: قُدِّم الوفد."}
CONFIRMED = {"fr": "Délégation soumise : {title}", "ar": "تم تقديم الوفد: {title}"}
# Who registers, as each government's focal point types it.
PEOPLE = {
    "fr": {"focal": ("Claire Diallo", "Première secrétaire", "c.diallo@example.org",
                     "+221 33 869 00 00"),
           "delegates": [("Awa", "Ndiaye", "a.ndiaye@example.org"),
                         ("Moussa", "Sow", "m.sow@example.org"),
                         ("Fatou", "Sarr", "f.sarr@example.org"),
                         ("Ibrahima", "Fall", "i.fall@example.org")]},
    "ar": {"focal": ("منى حسن", "سكرتير أول", "m.hassan@example.org", "+20 2 2574 0000"),
           "delegates": [("أحمد", "علي", "a.ali@example.org"),
                         ("سارة", "محمود", "s.mahmoud@example.org"),
                         ("خالد", "يوسف", "k.youssef@example.org"),
                         ("ليلى", "إبراهيم", "l.ibrahim@example.org")]},
}


@pytest.fixture
def officer(live_server, registry, make_secretariat, make_user):
    """An administrator of a secretariat that works in English, French and Arabic."""
    secretariat = make_secretariat("unodc", languages=["en", "fr", "ar"],
                                   email="UNCAC.COP@unodc.org")
    user = make_user(secretariat, Role.ADMIN)
    live_server.app.config["FIXED_NOW"] = NOW
    yield user
    live_server.app.config.pop("FIXED_NOW", None)


def create_meeting(page, base, slug, title, first_day, last_day, *, short_title=""):
    page.goto(f"{base}/secretariat/meetings/new")
    page.fill("#title", title)
    if short_title:
        page.fill("#short_title", short_title)
    page.fill("#slug", slug)
    page.fill("#city", "Vienna")
    page.fill("#country", "Austria")
    page.fill("#timezone", "Europe/Vienna")
    page.fill("#first_day", first_day)
    page.fill("#last_day", last_day)
    page.fill("#registration_deadline", "2027-02-24")
    page.select_option("#status", "announced")  # the state follows the dates
    page.get_by_label("French").check()
    page.get_by_label("Arabic").check()
    page.get_by_role("button", name="Create meeting").click()
    page.wait_for_url(f"**/secretariat/meetings/{slug}")


def add_sitting(page, base, slug, day, starts, ends, title):
    page.goto(f"{base}/secretariat/meetings/{slug}")
    page.get_by_role("link", name="Add a sitting").click()
    page.fill("#day", day)
    page.fill("#starts_at", starts)
    page.fill("#ends_at", ends)
    page.fill("#title", title)
    page.get_by_role("button", name="Add sitting").click()
    page.wait_for_url(f"**/secretariat/meetings/{slug}#sittings")


def invite(page, base, slug, party, iso3, language, email, addressee=None):
    """Invited from the registry, then the invitation's working language and address set (and
    the addressee, where the registry has none in that language)."""
    page.goto(f"{base}/secretariat/meetings/{slug}/invitations")
    page.select_option("#p-party", label=f"{party} ({iso3})")
    page.get_by_role("button", name="Invite", exact=True).click()
    page.locator("tr", has_text=party).get_by_role("link", name="Edit").click()
    page.select_option("#language", language)
    if addressee:
        page.fill("#addressee", addressee)
    page.fill("#emails", email)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()


def translate(page, texts, language):
    """Each text typed into its box on the translation page, then saved."""
    for field, text in texts.items():
        # "sitting.*": the one sitting's title, whose id the officer never sees
        page.fill(f'[id="t-{field}"]' if "*" not in field else '[id^="t-sitting."]', text)
    page.get_by_role("button", name=f"Save the {LANGUAGE_NAMES[language]} texts").click()
    page.wait_for_load_state()
    assert f"{len(texts)} {LANGUAGE_NAMES[language]} text(s) saved" in page.inner_text("main")


def press(page, action):
    """One of the form's buttons, and the page the server answers."""
    with page.expect_navigation():
        page.locator(f"button[name=action][value={action}]").click()


def type_past_the_limit(page, selector, value):
    """What a browser that ignores `maxlength`, or a pasted text, sends."""
    page.eval_on_selector(selector, "(e, v) => { e.removeAttribute('maxlength'); e.value = v; }",
                          value)


def fill_delegate(page, index, given, family, email, function, meetings):
    prefix = f"#delegates-{index}-"
    page.fill(prefix + "given_name", given)
    page.fill(prefix + "family_name", family)
    page.fill(prefix + "email", email)
    page.select_option(prefix + "function", function)
    for box in page.locator(f"{prefix}meetings input[type=checkbox]").all():
        box.set_checked(box.get_attribute("id").endswith(tuple(f"-{m}" for m in meetings)))


def english_messages() -> list[str]:
    """The English of every text and message of the page, as far as its first placeholder."""
    from meetings.registration.texts import SOURCE

    sources = [*SOURCE.values(), *ENGLISH_MESSAGES]
    return [text.split("%(")[0].strip() for text in sources if len(text.split("%(")[0]) > 8]


def register_with_every_mistake(page, link, language, meeting_ids):
    """The focal point errs in every way the form refuses, reads each message in its language
    beside its field and in the summary that takes the focus, then submits a correct form."""
    page.set_default_timeout(5000)
    em, wg = meeting_ids
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == language
    heading = page.inner_text("body")
    assert MEETING_TEXTS[language]["title"] in heading
    assert SECRETARIAT_TEXTS[language]["secretariat.name"] in heading
    assert ADDRESSEE[language] in heading
    assert "Secretariat" not in heading and "Permanent Mission" not in heading
    assert HEADING[language] in " ".join(heading.split())  # separators, plurals and colons as the language has them
    for _ in range(3):  # rows are added in the page (registration.js)
        page.locator("button[name=action][value=add]").click()

    focal_name, position, email, phone = PEOPLE[language]["focal"]
    size = column_length(Delegation, "focal_point_position")
    type_past_the_limit(page, "#focal_point_position", "x" * (size + 1))
    page.fill("#focal_point_email", email.replace("@", "@@"))
    type_past_the_limit(page, "#focal_point_phone", phone.replace(" ", "\u0007", 1))
    (g0, f0, e0), (g1, f1, e1), (g2, f2, e2), (g3, f3, e3) = PEOPLE[language]["delegates"]
    fill_delegate(page, 0, "", f0, "", "head", [em])
    page.select_option("#delegates-0-honorific", "H.E. Mr.")
    fill_delegate(page, 1, g1, f1, e1, "head", [em])  # a second head for the expert meeting
    fill_delegate(page, 2, g1, f1, e1, "expert", [wg])  # the same person again, and no head
    fill_delegate(page, 3, g3, f3, e3.replace("@", "@@"), "expert", [])
    page.set_input_files("#note", files=[{"name": "note.pdf", "mimeType": "application/pdf",
                                          "buffer": b"Dear colleagues, see the attached."}])
    press(page, "submit")

    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.title().startswith(ERROR[language])
    summary = page.inner_text("#error-summary")
    assert FIX[language] in summary
    assert SUMMARY_LINE[language] in summary
    for field, message in MISTAKES[language].items():
        message = message.format(size=size)
        assert message in page.inner_text(f'[id="{field}-error"]'), field
        assert message in summary, field
    main = page.inner_text("main")
    for english in english_messages():
        assert english not in main, english
    assert page.inner_text("#delegates-0-honorific option:checked") == HONORIFIC[language]
    assert page.get_attribute("nav", "aria-label") == NAVIGATION[language]  # what a reader hears

    page.fill("#focal_point_name", focal_name)
    page.fill("#focal_point_position", position)
    page.fill("#focal_point_email", email)
    page.fill("#focal_point_phone", phone)
    fill_delegate(page, 0, g0, f0, e0, "head", [em])
    fill_delegate(page, 1, g1, f1, e1, "expert", [em])
    fill_delegate(page, 2, g2, f2, e2, "head", [wg])
    fill_delegate(page, 3, g3, f3, e3, "expert", [em, wg])
    page.set_input_files("#note", files=[{"name": "note.pdf", "mimeType": "application/pdf",
                                          "buffer": PDF}])
    press(page, "submit")
    page.wait_for_url("**/confirmation")
    confirmation = page.inner_text("main")
    assert THANKS[language] in confirmation
    assert MEETING_TEXTS[language]["title"] in confirmation
    assert WORKING_GROUP[language] in confirmation
    assert BOTH_MEETINGS[language] in confirmation  # the last delegate attends both
    assert "Expert meeting on asset recovery" not in confirmation
    assert "Working group on international cooperation" not in confirmation
    # The head of delegation's own calendar: the opening sitting, titled in the language.
    personal = page.request.get(page.locator("main table a").first.get_attribute("href"))
    summaries = [str(event["SUMMARY"]) for event in
                 icalendar.Calendar.from_ical(personal.body()).walk("VEVENT")]
    sitting = MEETING_TEXTS[language]["sitting"]
    assert any(summary.endswith(sitting) and MEETING_TEXTS[language]["title"] in summary
               for summary in summaries), summaries


def test_a_secretariat_builds_its_meeting_in_three_languages_and_governments_register_in_theirs(
        app, browser, live_server, officer, mailbox, monkeypatch):
    # The e-mails leave from this process: their links are the live server's.
    monkeypatch.setitem(app.config, "LINK_SECRET_KEY", live_server.app.config.get(
        "LINK_SECRET_KEY") or live_server.app.config["SECRET_KEY"])
    app.config["FIXED_NOW"] = NOW
    page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(5000)
    sign_in(page, live_server, officer.email, PASSWORD)
    create_meeting(page, live_server, "wg-cooperation",
                   "Working group on international cooperation", "2027-03-15", "2027-03-16")
    create_meeting(page, live_server, "asset-recovery",
                   "Expert meeting on asset recovery", "2027-03-10", "2027-03-11",
                   short_title="the expert meeting")
    add_sitting(page, live_server, "asset-recovery", "2027-03-10", "10:00", "13:00",
                "Opening sitting")
    page.select_option("#kind", "immediately_before")
    page.select_option("#other", page.locator("#other option", has_text="Working group")
                       .get_attribute("value"))
    page.get_by_role("button", name="Link meetings").click()
    page.wait_for_load_state()
    assert "one of a group of 2" in page.inner_text("main")
    invite(page, live_server, "asset-recovery", "Senegal", "SEN", "fr", "mission.senegal@example.org")
    invite(page, live_server, "asset-recovery", "Egypt", "EGY", "ar", "mission.egypt@example.org",
           ADDRESSEE["ar"])

    for language, texts in MEETING_TEXTS.items():
        name = LANGUAGE_NAMES[language]
        page.goto(f"{live_server}/secretariat/meetings/wg-cooperation")
        page.locator("table.tr-summary").get_by_role("link", name=name).click()
        translate(page, {"meeting.title": WORKING_GROUP[language],
                         "meeting.city": texts["city"], "meeting.country": texts["country"]}
                  | ({"meeting.in_text": WORKING_GROUP_IN_TEXT[language]}
                     if language in WORKING_GROUP_IN_TEXT else {}), language)
        page.goto(f"{live_server}/secretariat/meetings/asset-recovery")
        page.locator("table.tr-summary").get_by_role("link", name=name).click()
        translate(page, {f"meeting.{field}": texts[field]
                         for field in ("title", "short_title", "in_text", "city", "country")
                         if field in texts}
                  | {"sitting.*": texts["sitting"]}, language)
        assert "still misses" in page.inner_text("main")  # the secretariat's own texts
        page.get_by_role("link", name=f"Secretariat's {name} texts").click()
        translate(page, SECRETARIAT_TEXTS[language], language)

    links = {}
    for party, language in (("Senegal", "fr"), ("Egypt", "ar")):
        page.goto(f"{live_server}/secretariat/meetings/asset-recovery/invitations")
        page.locator("tr", has_text=party).get_by_role("link", name="Note").click()
        assert "cannot be written yet" not in page.inner_text("main")
        page.check("#send")
        page.get_by_role("button", name="Issue the note").click()
        page.wait_for_url("**/secretariat/notes/*")
        note = page.inner_text("main")
        for phrase in NOTE_PHRASES[language]:
            assert phrase in note, phrase
        # The officer hands over the link printed in the note.
        links[language] = re.search(r"https?://\S+/register/[\w-]+", note).group(0)

    page.goto(f"{live_server}/meetings/asset-recovery?lang=ar")  # what the public reads
    public = page.inner_text("main")
    assert "الجلسة الافتتاحية" in public and "Opening sitting" not in public
    assert "اجتماع الخبراء المعني باسترداد الموجودات" in public

    meeting_ids = [db.session.scalar(sa.select(Meeting.id).where(Meeting.slug == slug))
                   for slug in ("asset-recovery", "wg-cooperation")]
    for language in ("fr", "ar"):
        government = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
        register_with_every_mistake(government.new_page(), links[language], language,
                                    meeting_ids)
        government.close()
    outbox.deliver()  # the notes e-mailed on issue, then each confirmation
    mail = {m["To"]: [] for m in mailbox.messages}
    for message in mailbox.messages:
        mail[message["To"]].append(message)
    for language, focal_point in (("fr", "c.diallo@example.org"), ("ar", "m.hassan@example.org")):
        [confirmation] = mail[focal_point]
        title = MEETING_TEXTS[language]["title"]
        assert confirmation["Subject"] == CONFIRMED[language].format(title=title)
        body = confirmation.get_body(("plain",)).get_content()
        assert title in body and PARTY[language] in body
    [note_mail] = mail["mission.senegal@example.org"]
    assert "Réunion d'experts sur le recouvrement d'avoirs" in note_mail["Subject"]
    [note_mail] = mail["mission.egypt@example.org"]
    assert "اجتماع الخبراء المعني باسترداد الموجودات" in note_mail["Subject"]
