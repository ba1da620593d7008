"""The service writes the note verbale a protocol officer would write, in every language."""
import re
from datetime import date

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import Invitation, Meeting, Party
from meetings.services.demo import SLUGS
from meetings.services.notes import NoteProblem, draft
from tests.helpers import docx_text


def invitation_of(code: str, slug: str = SLUGS["uncac_expert_meeting"]) -> Invitation:
    return db.session.scalar(
        sa.select(Invitation).join(Meeting).join(Party).where(
            Meeting.slug == slug, sa.or_(Party.iso3 == code, Party.registry_key == code)))


def test_the_english_note_has_every_element_of_the_model_note(demo_read_only):
    text = draft(invitation_of("AUT"), "en").text
    for element in [
        "United Nations Office on Drugs and Crime",
        "The Secretary-General of the United Nations presents his compliments to the Permanent "
        "Mission of Austria to the United Nations (Vienna) and has the honour to draw the "
        "attention of the Government to resolution 4/2, entitled “Convening of open-ended "
        "intergovernmental expert meetings to enhance international cooperation”",
        "adopted at its fourth session which was held in Marrakech, Morocco, from 24 to 28 "
        "October 2011",
        "In resolution 4/2, the Conference decided to convene",
        "(a) assist it in developing cumulative knowledge", "(b) assist it in encouraging",
        "(c) facilitate the exchange", "(d) build confidence",
        "and (e) assist the Conference in identifying the capacity-building needs of States",
        "the Government is cordially invited to participate in the first open-ended "
        "intergovernmental expert meeting on international cooperation, which will be held in "
        "Vienna, Austria, from 22 to 23 October 2012.",
        "immediately after the sixth session of the Conference of the Parties to the United "
        "Nations Convention against Transnational Organized Crime (15-19 October 2012), during "
        "which a meeting of the Open-ended Working Group of Government Experts on Extradition, "
        "Mutual Legal Assistance and International Cooperation for Purposes of Confiscation",
        "participation of its national experts in both the UNTOC working group and the UNCAC "
        "expert meeting", "As the Government is also invited to participate in the UNTOC working "
        "group, and in view of the cross-cutting issues for discussion in both meetings, the "
        "Government may wish", "The Government may also wish to designate participants with a "
        "focus only on corruption-related issues and, hence, arrange for their participation in "
        "the UNCAC expert meeting only.",
        "should be provided to the Office as soon as possible",
        "Information for participants", "Annotated provisional agenda",
        "in all the official United Nations languages",
        "http://www.unodc.org/unodc/en/treaties/CAC/em-internationalcooperation.html",
        "P.O. Box 500, 1400 Vienna, Austria", "Fax: +43-1 26060 5841",
        "UNCAC.COP@unodc.org", "only scanned copies of notes verbales will be accepted by e-mail",
        "name(s), title(s) and contact details (e-mail address)",
        "as soon as possible and not later than 24 September 2012",
        "registered online, through the following private link",
        "Vienna, 15 August 2012",
    ]:
        assert element in text, element
    assert "avails" not in text  # the model note ends without the closing formula
    assert text.rstrip().endswith("Making the world safer from drugs, crime and terrorism")


def test_the_dates_of_the_invitation_are_bold_as_in_the_model(demo_read_only):
    written = draft(invitation_of("AUT"), "en")
    bold = [text for p in written.paragraphs for text, is_bold in p.runs if is_bold]
    assert bold == ["22 to 23 October 2012", "24 September 2012"]


@pytest.mark.parametrize(("code", "language", "expected"), [
    ("FRA", "fr", ["Le Secrétaire général de l'Organisation des Nations Unies présente ses "
                   "compliments à la Mission permanente de la France auprès de l'Organisation des "
                   "Nations Unies (Vienne) et a l'honneur",
                   "qui se tiendra à Vienne (Autriche) les 22 et 23 octobre 2012",
                   "(15\u201119 octobre 2012)", "au plus tard le 24 septembre 2012",
                   "Vienne, le 15 août 2012"]),
    ("ESP", "es", ["El Secretario General de las Naciones Unidas saluda atentamente a la Misión "
                   "Permanente de España ante las Naciones Unidas (Viena) y tiene el honor",
                   "que se celebrará en Viena (Austria) los días 22 y 23 de octubre de 2012",
                   "a más tardar el 24 de septiembre de 2012", "Viena, 15 de agosto de 2012"]),
    ("RUS", "ru", ["Генеральный секретарь Организации Объединенных Наций свидетельствует свое "
                   "уважение Постоянному представительству Российской Федерации при "
                   "международных организациях в Вене и имеет честь",
                   "22 и 23 октября 2012 года", "(15–19 октября 2012 года)",
                   "не позднее 24 сентября 2012 года", "Вена, 15 августа 2012 года"]),
    ("EGY", "ar", ["يهدي الأمين العام للأمم المتحدة أطيب تحياته إلى البعثة الدائمة لجمهورية مصر "
                   "العربية",
                   "يومي 22 و23 تشرين الأول/أكتوبر 2012", "وفي موعد أقصاه 24 أيلول/سبتمبر 2012",
                   "فيينا، 15 آب/أغسطس 2012"]),
    ("CHN", "zh", ["联合国秘书长向中国常驻联合国（维也纳）代表团致意", "2012年10月22日至23日",
                   "最迟于2012年9月24日", "维也纳，2012年8月15日"]),
])
def test_each_language_has_its_own_formulas_and_dates(demo_read_only, code, language, expected):
    written = draft(invitation_of(code), language)
    for element in expected:
        assert element in written.text, element
    if language in {"ar", "zh", "es"}:
        assert "to be reviewed by the secretariat" in written.warnings[0]


def test_closing_formulas_where_the_secretariat_uses_them(demo_read_only):
    secretariat = invitation_of("FRA").meeting.secretariat
    secretariat.note_closing = True
    assert ("saisit cette occasion pour renouveler à la Mission permanente de la France auprès "
            "de l'Organisation des Nations Unies (Vienne) les assurances de sa très haute "
            "considération") in draft(invitation_of("FRA"), "fr").text
    assert ("avails himself of this opportunity to renew to the Permanent Mission of Austria "
            "to the United Nations (Vienna) the assurances of his highest consideration") \
        in draft(invitation_of("AUT"), "en").text
    assert "пользуется случаем, чтобы возобновить Постоянному представительству" \
        in draft(invitation_of("RUS"), "ru").text


def test_a_language_without_template_or_texts_is_reported_never_filled_with_english(demo_read_only):
    with pytest.raises(NoteProblem) as missing_template:
        draft(invitation_of("AUT"), "de")
    assert "There is no note template in de" in missing_template.value.problems[0]
    with pytest.raises(NoteProblem) as missing_addressee:  # no Russian default for a secretariat
        draft(invitation_of("org:osce"), "ru")
    assert missing_addressee.value.problems == [
        "Organization for Security and Co-operation in Europe: missing in Russian: the "
        "addressee (write it on the invitation in this "
        "language)."]
    with pytest.raises(NoteProblem) as missing_title:
        draft(invitation_of("IND", SLUGS["cica_swg"]), "fr")
    assert "India: missing in French: the title of “Meeting of the CICA Special Working " \
        "Group”." in missing_title.value.problems


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["№[number", "Enclosure:\non 9 p.", "presents its compliments to the CICA Member "
            "States and, with reference to its notes No. NCT/CT/513 of 18 April 2024 and "
            "No. NCT/CT/569 of 13 May 2024, has the honour",
            "the CICA Special Working Group on 25 June 2024 and the CICA Senior Officials "
            "Committee on 27 June 2024", "avails itself of this opportunity to renew to the CICA "
            "Member States the assurances of its highest consideration", "Astana, 12 June 2024",
            "MEMBER STATES\nOF THE CONFERENCE ON INTERACTION"]),
    ("ru", ["свидетельствует свое уважение государствам-членам СВМДА и, со ссылкой на свои ноты "
            "№NCT/CT/513 от 18 апреля 2024 года и №NCT/CT/569 от 13 мая 2024 года, имеет честь",
            "Приложение:\nна 9 л.", "СВМДА 25 июня 2024 года и Комитета старших должностных лиц "
            "СВМДА 27 июня 2024 года", "уверения в своем весьма высоком уважении",
            "город Астана, 12 июня 2024 года", "ГОСУДАРСТВА-ЧЛЕНЫ"]),
    ("kk", ["өзінің зор ілтипатын білдіреді және 2024 жылғы 18 сәуірдегі №NCT/CT/513 мен 2024 "
            "жылғы 13 мамырдағы №NCT/CT/569 ноталарына сілтеме жасай отырып",
            "2024 жылғы 25 маусымда өтетін", "2024 жылғы 27 маусымда өтетін",
            "өзінің зор ілтипатын тағы да растайды", "Астана қаласы, 2024 жылғы 12 маусым",
            "МҮШЕ МЕМЛЕКЕТТЕР"]),
])
def test_the_cica_note_reproduces_note_nct_ct_708(demo_read_only, language, expected):
    text = draft(invitation_of("IND", SLUGS["cica_swg"]), language).text
    for element in expected:
        assert element in text, element


def test_the_word_file_holds_the_same_text_as_the_text_output(demo_read_only):
    for code, language in [("AUT", "en"), ("EGY", "ar"), ("CHN", "zh")]:
        written = draft(invitation_of(code), language)
        assert docx_text(written.docx) == written.text


def test_the_html_is_a_print_ready_page_right_to_left_in_arabic(demo_read_only):
    html = draft(invitation_of("EGY"), "ar").html
    assert '<html lang="ar" dir="rtl">' in html and "size: A4" in html
    # numbers isolated left to right inside the Arabic text, as in the .docx
    assert '<strong>يومي <bdi dir="ltr">22</bdi> و<bdi dir="ltr">23</bdi> تشرين الأول/أكتوبر ' \
        '<bdi dir="ltr">2012</bdi></strong>' in html


def test_libreoffice_opens_the_word_file(demo_read_only, tmp_path):
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed here (.ci/run installs it)")
    (tmp_path / "note.docx").write_bytes(draft(invitation_of("AUT"), "en").docx)
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "note.docx")], check=True, timeout=180,
                   capture_output=True, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    pdf = (tmp_path / "note.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000


def test_the_cli_writes_each_format(runner, demo_read_only, tmp_path):
    args = ["note", "--meeting", SLUGS["uncac_expert_meeting"], "--party", "AUT", "--lang", "en"]
    text = runner.invoke(args=[*args, "--format", "text"])
    assert text.exit_code == 0 and "Vienna, 15 August 2012" in text.output
    target = tmp_path / "austria.docx"
    result = runner.invoke(args=[*args, "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Vienna, 15 August 2012" in docx_text(target.read_bytes())
    missing = runner.invoke(args=[*args[:4], "org:osce", "--lang", "ru", "--format", "text"])
    assert missing.exit_code == 1 and "missing in Russian" in missing.output


def test_dates_and_places_are_those_of_the_note_date_in_each_form():
    from meetings.dates import note_date

    assert note_date(date(2024, 6, 12), "kk") == "2024 жылғы 12 маусым"
    assert note_date(date(2024, 6, 12), "ru") == "12 июня 2024 года"
    assert note_date(date(2012, 10, 1), "fr") == "1er octobre 2012"
    assert re.fullmatch(r"\d+ \w+ \d{4}", note_date(date(2012, 8, 15), "en"))
