"""The list of participants: categories, parties in UN order per language, delegates in the order
the government gave with the head first, each only under the meetings they attend."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone

import pytest
from docx import Document
from openpyxl import load_workbook

from meetings.extensions import db
from meetings.lists import render
from meetings.models import (
    InvitationCategory,
    LinkKind,
    MeetingStatus,
    Party,
    PartyKind,
    PartyName,
    Role,
)
from meetings.services import delegations as delegation_service
from meetings.services import meetings as meeting_service
from meetings.services import participants as service
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, party_by_key, text_of

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 20, 10, 0, tzinfo=timezone.utc)
C = InvitationCategory
# The six names whose places the UN's own lists show, beside neighbours that test each place.
UN_NAMES = ["CIV", "TUR", "NLD", "GBR", "TZA", "USA"]
NEIGHBOURS = ["AUT", "CHN", "FRA", "NPL", "NZL", "TUN", "TKM", "UGA", "URY", "CRI", "HRV"]


@pytest.fixture
def conference(app, edits_registry, make_secretariat, make_meeting):
    """The UNCAC expert meeting and the UNTOC working group held just before it, linked."""
    unodc = make_secretariat("unodc", languages=["en", "fr", "es", "ru", "ar", "zh"])
    em = make_meeting(unodc, "em", status=MeetingStatus.REGISTRATION_OPEN)
    wg = make_meeting(unodc, "wg", title="UNTOC working group", first_day=date(2012, 10, 15),
                      last_day=date(2012, 10, 19))
    meeting_service.link_meetings(em, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    # The UN's name since 2024 (the shipped registry still has UNTERM's "Netherlands").
    party_by_iso3("NLD").name_in("en").short_name = "Netherlands (Kingdom of the)"
    db.session.commit()
    return {"secretariat": unodc, "em": em, "wg": wg}


def person(given, family, function="expert", meetings=None, **extra):
    return {"given_name": given, "family_name": family, "function": function,
            "meetings": meetings, **extra}


def register(conference, party, category=C.STATE_PARTY, *people, confirm=True, meeting="em"):
    """A government invited, its delegation submitted (and confirmed) through the services."""
    meeting_ids = {name: conference[name].id for name in ("em", "wg")}
    invitation = invite(conference[meeting], party, category, ACTOR)
    group = [conference["wg"], conference["em"]]
    values = {"focal_point_name": "Focal Point", "delegates": [{
        "key": "", "honorific": p.get("honorific", ""), "given_name": p["given_name"],
        "family_name": p["family_name"], "job_title": p.get("job_title", ""),
        "function": p["function"], "email": "", "phone": "", "gender": p.get("gender", ""),
        "meetings": [meeting_ids[m] for m in (p["meetings"] or ["em", "wg"])],
    } for p in (people or [person("Anna", "Delegate")])]}
    delegation = delegation_service.save(invitation, values, group, ACTOR, expected_version=None,
                                         now=NOW, submit=True)
    if confirm:
        delegation_service.confirm(delegation, ACTOR, NOW)
    db.session.commit()
    return invitation


def party_names(built, meeting=0):
    return [e.name for s in built.meetings[meeting].sections for e in s.parties]


def test_categories_follow_the_un_order_and_the_invitation_not_the_un_status(conference):
    register(conference, party_by_key("org:osce"), C.OBSERVER_ORGANIZATION)
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY)
    register(conference, party_by_key("org:unodc"), C.UN_ENTITY)
    register(conference, party_by_iso3("VAT"), C.STATE_PARTY)  # a UN observer State, a party here
    register(conference, party_by_iso3("JPN"), C.SIGNATORY_STATE)
    register(conference, party_by_key("org:eu"), C.SIGNATORY_STATE)
    register(conference, party_by_iso3("DEU"), C.OBSERVER_STATE)
    register(conference, party_by_key("org:au"), C.OTHER)
    iaea = Party(kind=PartyKind.ORGANIZATION, names=[PartyName(
        language="en", short_name="International Atomic Energy Agency", acronym="IAEA")])
    db.session.add(iaea)
    register(conference, iaea, C.SPECIALIZED_AGENCY)

    built = service.build(conference["em"])

    assert [s.heading for s in built.meetings[0].sections] == [
        "States parties",
        "Signatory States and signatory regional economic integration organizations",
        "Other States",
        "United Nations Secretariat units, programmes and funds",
        "Specialized agencies and related organizations",
        "Other intergovernmental organizations",
        "Other observers",
    ]
    assert [e.name for e in built.meetings[0].sections[0].parties] == ["Austria", "Holy See"]
    assert [e.name for e in built.meetings[0].sections[1].parties] == ["European Union", "Japan"]
    html = text_of(render.to_html(built))
    assert html.index("States parties") < html.index("Signatory States") \
        < html.index("Other States") < html.index("United Nations Secretariat units") \
        < html.index("Other intergovernmental") < html.index("Other observers")


EXPECTED_ORDER = {
    "en": ["Austria", "China", "Costa Rica", "Côte d'Ivoire", "Croatia", "France", "Nepal",
           "Netherlands (Kingdom of the)", "New Zealand", "Tunisia", "Türkiye", "Turkmenistan",
           "Uganda", "United Kingdom of Great Britain and Northern Ireland",
           "United Republic of Tanzania", "United States of America", "Uruguay"],
    "fr": ["Autriche", "Chine", "Costa Rica", "Côte d'Ivoire", "Croatie", "États-Unis d'Amérique",
           "France", "Népal", "Nouvelle-Zélande", "Ouganda", "Pays-Bas",
           "République-Unie de Tanzanie",
           "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "Tunisie", "Türkiye",
           "Turkménistan", "Uruguay"],
    "es": ["Austria", "China", "Costa Rica", "Côte d'Ivoire", "Croacia",
           "Estados Unidos de América", "Francia", "Nepal", "Nueva Zelandia", "Países Bajos",
           "Reino Unido de Gran Bretaña e Irlanda del Norte", "República Unida de Tanzanía",
           "Túnez", "Türkiye", "Turkmenistán", "Uganda", "Uruguay"],
    "ru": ["Австрия", "Китай", "Коста-Рика", "Кот-д'Ивуар", "Непал", "Нидерланды",
           "Новая Зеландия", "Объединенная Республика Танзания",
           "Соединенное Королевство Великобритании и Северной Ирландии",
           "Соединенные Штаты Америки", "Тунис", "Туркменистан", "Турция", "Уганда", "Уругвай",
           "Франция", "Хорватия"],
    # The article al- is passed over: الصين sorts under ص, المملكة المتحدة under م.
    "ar": ["أوروغواي", "أوغندا", "تركمانستان", "تركيا", "تونس", "جمهورية تنزانيا المتحدة",
           "الصين", "فرنسا", "كرواتيا", "كوت ديفوار", "كوستاريكا",
           "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", "النمسا", "نيبال", "نيوزيلندا",
           "هولندا", "الولايات المتحدة الأمريكية"],
    # By pinyin: Aodili, Da Buliedian, Faguo, Gesidalijia, Helan, Ketediwa, …, Zhongguo.
    "zh": ["奥地利", "大不列颠及北爱尔兰联合王国", "法国", "哥斯达黎加", "荷兰", "科特迪瓦",
           "克罗地亚", "美利坚合众国", "尼泊尔", "坦桑尼亚联合共和国", "突尼斯", "土耳其",
           "土库曼斯坦", "乌干达", "乌拉圭", "新西兰", "中国"],
}


def _invite_the_list(conference):
    for code in UN_NAMES + NEIGHBOURS:
        register(conference, party_by_iso3(code), C.STATE_PARTY,
                 person("Given", code.title(), "head"))


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh"])
def test_parties_follow_the_un_order_of_names_in_the_lists_language(conference, language):
    _invite_the_list(conference)
    built = service.build(conference["em"], language=language)
    assert party_names(built) == EXPECTED_ORDER[language]


def test_the_head_comes_first_then_alternates_then_the_others_as_the_government_gave_them(
        conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY,
             person("Karl", "Zweiter", "expert"), person("Eva", "Alternate", "alternate"),
             person("Hans", "Adviser", "adviser"), person("Maria", "Head", "head",
                                                          honorific="H.E. Ms."),
             person("Ida", "Second", "alternate"), person("Otto", "Expert", "expert"))
    built = service.build(conference["em"])
    delegates = built.meetings[0].sections[0].parties[0].delegates
    assert [p.family_name for p in delegates] == ["Head", "Alternate", "Second", "Zweiter",
                                                  "Adviser", "Expert"]
    assert delegates[0].line == "H.E. Ms. Maria HEAD"


def test_a_delegate_appears_only_under_the_meetings_attended(conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY,
             person("Both", "Meetings", "head"), person("Only", "Expertmeeting", meetings=["em"]),
             person("Only", "Workinggroup", meetings=["wg"]))
    built = service.build(conference["em"], group=True)
    by_meeting = {part.slug: [p.family_name for s in part.sections for e in s.parties
                              for p in e.delegates] for part in built.meetings}
    assert by_meeting == {"wg": ["Meetings", "Workinggroup"], "em": ["Meetings", "Expertmeeting"]}
    assert built.total.delegates == 3
    one = service.build(conference["wg"])
    assert [p.family_name for p in one.meetings[0].sections[0].parties[0].delegates] == [
        "Meetings", "Workinggroup"]
    columns, rows = service.rows(built)
    assert [(r[0], r[6]) for r in rows] == [("wg", "Meetings"), ("wg", "Workinggroup"),
                                            ("em", "Meetings"), ("em", "Expertmeeting")]


def test_only_confirmed_delegations_unless_submitted_ones_are_asked_for_and_marked(conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY)
    register(conference, party_by_iso3("FRA"), C.STATE_PARTY, confirm=False)
    assert party_names(service.build(conference["em"])) == ["Austria"]
    built = service.build(conference["em"], include_submitted=True)
    assert [(e.name, e.submitted) for e in built.meetings[0].sections[0].parties] == [
        ("Austria", False), ("France", True)]
    assert "France (submitted, not yet confirmed)" in text_of(render.to_html(built))


def test_counts_at_the_end_give_women_and_men_when_given(conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY,
             person("Anna", "Berger", "head", gender="female"),
             person("Paul", "Huber", gender="male"), person("Kim", "Lee"))
    register(conference, party_by_key("org:osce"), C.OBSERVER_ORGANIZATION)
    counts = service.build(conference["em"]).meetings[0].counts
    assert (counts.states, counts.organizations, counts.delegates, counts.women, counts.men) == (
        1, 1, 4, 1, 1)
    assert "States 1 Organizations 1 Delegates 4 Women 1 Men 1" in text_of(
        render.to_html(service.build(conference["em"])))


def test_family_names_in_capitals_small_capitals_or_as_registered_in_their_scripts_order(
        conference):
    register(conference, party_by_iso3("CHN"), C.STATE_PARTY,
             person("小明", "王", "head"), person("Li", "Chen-Smith"))
    first = service.build(conference["em"]).meetings[0].sections[0].parties[0].delegates
    assert [p.name for p in first] == ["王小明", "Li CHEN-SMITH"]
    conference["secretariat"].participants_family_name = "small_caps"
    built = service.build(conference["em"])
    assert built.meetings[0].sections[0].parties[0].delegates[1].name == "Li Chen-Smith"
    assert '<span class="family small-caps">Chen-Smith</span>' in render.to_html(built)
    small = [r for p in Document(io.BytesIO(render.to_docx(built))).paragraphs for r in p.runs
             if r.font.small_caps]
    assert [r.text.strip() for r in small] == ["王", "Chen-Smith"]
    conference["secretariat"].participants_family_name = "as_registered"
    assert "Li Chen-Smith" in text_of(render.to_html(service.build(conference["em"])))


def test_the_list_loads_in_a_fixed_number_of_queries(conference, count_queries):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY)
    db.session.expire_all()
    with count_queries() as few:
        service.build(conference["em"], group=True)
    for code in ("FRA", "DEU", "ITA", "ESP"):
        register(conference, party_by_iso3(code), C.STATE_PARTY,
                 person("One", code), person("Two", code), person("Three", code, meetings=["wg"]))
    db.session.expire_all()
    with count_queries() as many:
        service.build(conference["em"], group=True)
    assert len(many) == len(few)


def test_word_has_real_headings_and_libreoffice_opens_it(conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY, person("Anna", "Berger", "head",
                                                                      job_title="Ambassador"))
    register(conference, party_by_key("org:osce"), C.OBSERVER_ORGANIZATION)
    built = service.build(conference["em"], symbol="CAC/COSP/EG.1/2012/INF/1", status="final")
    document = Document(io.BytesIO(render.to_docx(built)))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings[:4] == [("Heading 1", "States parties"), ("Heading 2", "Austria"),
                            ("Heading 1", "Other intergovernmental organizations"),
                            ("Heading 2", "Organization for Security and Co-operation in Europe")]
    assert document.sections[0].header.paragraphs[0].text == "CAC/COSP/EG.1/2012/INF/1"
    assert "Anna BERGER\nAmbassador" in "\n".join(p.text for p in document.paragraphs)
    if render.converter() is None:
        pytest.skip("LibreOffice is not installed: the PDF is not checked")
    pdf = render.to_pdf(built)
    assert pdf.startswith(b"%PDF-")


def test_a_name_beginning_with_equals_is_inert_in_csv_and_xlsx(conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY,
             person("=HYPERLINK(\"http://x\")", "+Sum", "head", job_title="@cmd"))
    built = service.build(conference["em"])
    text = render.as_format(built, "csv").decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[5] == "'=HYPERLINK(\"http://x\")" and row[6] == "'+Sum" and row[7] == "'@cmd"
    sheet = load_workbook(io.BytesIO(render.as_format(built, "xlsx"))).active
    assert sheet["F2"].value == "'=HYPERLINK(\"http://x\")" and sheet["F2"].data_type == "s"
    assert [c.value for c in sheet[1]][:3] == ["meeting", "category", "party"]


def test_the_html_is_a4_with_the_symbol_as_running_header(conference):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY)
    html = render.to_html(service.build(conference["em"], symbol='X/1"; } body { x',
                                        language="fr"))
    assert "size: A4" in html and "counter(page)" in html
    assert '@top-right { content: "X/1\\22 \\3b  \\7d  body \\7b  x"; }' in html
    assert '<html lang="fr" dir="ltr">' in html and "Liste des participants" in html
    arabic = render.to_html(service.build(conference["em"], language="ar"))
    assert 'dir="rtl"' in arabic and "@top-left" in arabic and "الدول الأطراف" in arabic


def test_the_cli_writes_each_format(conference, runner, tmp_path):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY, person("Anna", "Berger", "head"))
    result = runner.invoke(args=["participants", "--meeting", "em", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Berger" in result.output
    target = tmp_path / "list.docx"
    result = runner.invoke(args=["participants", "--meeting", "em", "--group", "--lang", "fr",
                                 "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Autriche" in "\n".join(p.text for p in Document(str(target)).paragraphs)
    missing = runner.invoke(args=["participants", "--meeting", "nope", "--format", "html"])
    assert missing.exit_code != 0 and "No meeting" in missing.output


def test_an_officer_chooses_the_list_and_downloads_it(conference, make_user, login_as):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY, person("Anna", "Berger", "head"))
    client = login_as(make_user(conference["secretariat"], Role.VIEWER))
    page = client.get("/secretariat/meetings/em/participants?symbol=CAC%2F1&language=en"
                      "&status=provisional&scope=group")
    assert page.status_code == 200
    assert "Austria — Anna BERGER" in text_of(page)
    for fmt, start in (("html", b"<!doctype html>"), ("docx", b"PK"), ("csv", b"\xef\xbb\xbf"),
                       ("xlsx", b"PK")):
        response = client.get(f"/secretariat/meetings/em/participants/download?format={fmt}"
                              "&symbol=CAC%2F1&language=en&status=final&scope=meeting")
        assert response.status_code == 200 and response.data.startswith(start), fmt
        assert "attachment" in response.headers["Content-Disposition"]
    refused = client.get("/secretariat/meetings/em/participants?symbol=" + "x" * 81)
    assert refused.status_code == 422 and "80 characters" in text_of(refused)


def test_the_administrator_orders_the_categories_and_words_their_headings(
        conference, make_user, login_as):
    register(conference, party_by_iso3("AUT"), C.STATE_PARTY)
    register(conference, party_by_key("org:osce"), C.OBSERVER_ORGANIZATION)
    client = login_as(make_user(conference["secretariat"], Role.ADMIN))
    assert client.get("/secretariat/secretariats/unodc/settings/participants").status_code == 200
    positions = {c.value: i + 2 for i, c in enumerate(C)}
    positions["observer_organization"] = 1
    data = {f"position-{k}": str(v) for k, v in positions.items()}
    data.update({"heading-observer_organization-fr": "Organisations invitées",
                 "heading-state_party-en": "States parties", "family_name": "as_registered"})
    response = client.post("/secretariat/secretariats/unodc/settings/participants", data=data)
    assert response.status_code == 302, text_of(response)[:2000]
    db.session.expire_all()
    secretariat = conference["secretariat"]
    # A heading equal to the UN's default is not kept: a corrected default reaches everyone.
    assert secretariat.participants_sections["headings"] == {
        "observer_organization": {"fr": "Organisations invitées"}}
    built = service.build(conference["em"], language="fr")
    assert [s.heading for s in built.meetings[0].sections] == ["Organisations invitées",
                                                               "États parties"]
    assert built.meetings[0].sections[1].parties[0].delegates[0].name == "Anna Delegate"
    data["position-other"] = "1"
    refused = client.post("/secretariat/secretariats/unodc/settings/participants", data=data)
    assert refused.status_code == 422 and "its own place" in text_of(refused)
    data["position-other"] = str(positions["other"])
    data["heading-other-ar"] = "مراقبون\x00"
    refused = client.post("/secretariat/secretariats/unodc/settings/participants", data=data)
    assert refused.status_code == 422 and "without control characters" in text_of(refused)
    assert 'value="Organisations invitées"' in refused.get_data(as_text=True)
