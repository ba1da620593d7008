"""Two demo scenarios from the source documents: UNODC 2012 and CICA 2024.

Loading is idempotent: what exists (by slug, e-mail or party) is left exactly as it is.
"""
from __future__ import annotations

from datetime import date, time

import sqlalchemy as sa

from meetings import languages
from meetings.extensions import db
from meetings.models import (
    InvitationCategory,
    LatePolicy,
    LinkKind,
    Meeting,
    MeetingLink,
    MeetingStatus,
    Membership,
    NoteTemplate,
    Party,
    PartyGroup,
    ReviewStatus,
    Role,
    Secretariat,
    SenderGender,
    StoredFile,
    User,
)
from meetings.services import demo_progress
from meetings.services import demo_texts as texts
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor
from meetings.services.files import PDF, checked_file
from meetings.services.groups import add_members, create_group
from meetings.services.invitations import default_addressee, invite_group
from meetings.services.registry import load_registry

DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "demo-secretariat"  # noqa: S105  (published in the README, demo only)
ACTOR = Actor.system("demo data (flask demo)")
UN_SIX = [code for code in languages.CODES if code in languages.UN_OFFICIAL]

UNCAC_MANDATE = (
    "resolution 4/2, entitled “Convening of open-ended intergovernmental expert meetings to "
    "enhance international cooperation”, of the Conference of the States Parties to the United "
    "Nations Convention against Corruption, adopted at its fourth session which was held in "
    "Marrakech, Morocco, from 24 to 28 October 2011."
)
UNCAC_BACKGROUND = (
    "In resolution 4/2, the Conference decided to convene open-ended intergovernmental expert "
    "meetings on international cooperation to advise and assist it with respect to extradition "
    "and mutual legal assistance, and to convene one such meeting during its fifth session and, "
    "prior to that, within existing resources, at least one intersessional meeting."
)
UNCAC_FUNCTIONS = (
    "In the same resolution, the Conference also decided that the expert meetings shall perform "
    "the following functions: (a) assist it in developing cumulative knowledge in the area of "
    "international cooperation; (b) assist it in encouraging cooperation among relevant existing "
    "bilateral, regional and multilateral initiatives and contribute to the implementation of the "
    "related provisions of the Convention under the guidance of the Conference; (c) facilitate the "
    "exchange of experiences among States by identifying challenges and disseminating information "
    "on good practices to be followed in order to strengthen capacities at the national level; "
    "(d) build confidence and encourage cooperation between requesting and requested States by "
    "bringing together relevant competent authorities, anti-corruption bodies and practitioners "
    "involved in mutual legal assistance and extradition; and (e) assist the Conference in "
    "identifying the capacity-building needs of States.\n\n"
    "The Conference further called upon States parties and signatory States to designate a "
    "central authority and, as appropriate, local authorities and other governmental experts, to "
    "participate in the expert meetings. Moreover, it requested the Secretariat, within existing "
    "resources, to assist the expert meetings in the performance of their functions, including by "
    "providing interpretation services, and also invited States parties and signatories to provide "
    "extrabudgetary resources for the activities described in resolution 4/2."
)
UNCAC_WEBSITE = "http://www.unodc.org/unodc/en/treaties/CAC/em-internationalcooperation.html"

# Illustrative: the service cannot know the treaty's status in 2012; the secretariat imports it.
UNCAC_STATES_PARTIES = [
    "AUT", "NLD", "GBR", "USA", "KAZ", "TUR", "CHN", "FRA", "RUS", "ESP", "ARG", "BRA", "EGY",
    "IND", "ITA", "KEN", "MEX", "MAR", "NGA", "PAK", "ZAF", "SWE", "CHE", "CIV",
]
UNCAC_SIGNATORIES = ["DEU", "JPN", "NZL", "CZE", "SAU"]
UNCAC_OBSERVER_ORGANIZATIONS = ["org:au", "org:las", "org:osce", "org:coe"]
UNCAC_LANGUAGES = {"FRA": "fr", "CIV": "fr", "MAR": "fr", "ESP": "es", "ARG": "es", "MEX": "es",
                   "RUS": "ru", "KAZ": "ru", "CHN": "zh", "EGY": "ar", "SAU": "ar"}
ILLUSTRATIVE = ("Illustrative list made for the demo; it is not the status of the Convention on "
                "15 August 2012. Import the real status list from a CSV or XLSX file.")

# As listed in Kazakhstan's letter of 2007 (seed document 002): the demo labels it a 2007 list.
CICA_MEMBERS_2007 = [
    "AFG", "AZE", "CHN", "MNG", "EGY", "IND", "IRN", "ISR", "KAZ", "KGZ", "PAK", "PSE", "KOR",
    "RUS", "TJK", "THA", "TUR", "UZB",
]
CICA_OBSERVERS_2007 = ["IDN", "JPN", "MYS", "UKR", "USA", "VNM"]
RUSSIAN_SPEAKING = {"AZE", "KGZ", "RUS", "TJK", "UZB"}

SLUGS = {
    "uncac_expert_meeting": "uncac-em-international-cooperation-2012",
    "untoc_cop6": "untoc-cop6-2012",
    "untoc_working_group": "untoc-wg-international-cooperation-2012",
    "cica_swg": "cica-swg-2024-06",
    "cica_soc": "cica-soc-2024-06",
}


def _secretariat(slug: str, **values) -> Secretariat:
    found = db.session.scalar(sa.select(Secretariat).where(Secretariat.slug == slug))
    if found is None:
        found = Secretariat(slug=slug, **values)
        db.session.add(found)
        db.session.flush()
    return found


def _meeting(secretariat: Secretariat, slug: str, sittings=(), **values) -> Meeting:
    found = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
    if found is not None:
        return found
    meeting = meeting_service.create_meeting(secretariat, {"slug": slug, **values}, ACTOR)
    for day, start, end in sittings:
        meeting_service.add_sitting(meeting, {"day": day, "starts_at": start, "ends_at": end}, ACTOR)
    return meeting


def demo_pdf(title: str, pages: int) -> StoredFile:
    """A small real PDF standing for a document of the source notes (its pages carry the title)."""
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(pages))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    safe = title.encode("ascii", "replace").decode().replace("\\", "").replace("(", "[") \
        .replace(")", "]")
    for n in range(pages):
        text = f"BT /F1 12 Tf 72 770 Td ({safe} - page {n + 1} of {pages}) Tj ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * n} 0 R >>")
        objects.append(f"<< /Length {len(text)} >>\nstream\n{text}\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    name = " ".join("".join(c for c in title if c.isalnum() or c == " ").split()[:8])
    return checked_file(f"{name}.pdf", out, (PDF,), 1_048_576)


def _template(meeting: Meeting, language: str, body: str, source: str) -> None:
    exists = db.session.scalar(sa.select(NoteTemplate.id).where(
        NoteTemplate.meeting_id == meeting.id, NoteTemplate.language == language))
    if exists is None:
        db.session.add(NoteTemplate(secretariat_id=meeting.secretariat_id, meeting=meeting,
                                    language=language, body=body, source=source,
                                    review=ReviewStatus.REVIEWED))


def _link(meeting: Meeting, other: Meeting, kind: LinkKind) -> None:
    exists = db.session.scalar(
        sa.select(MeetingLink.id).where(
            sa.or_(
                sa.and_(MeetingLink.meeting_id == meeting.id, MeetingLink.other_id == other.id),
                sa.and_(MeetingLink.meeting_id == other.id, MeetingLink.other_id == meeting.id),
            )
        )
    )
    if exists is None:
        meeting_service.link_meetings(meeting, other, kind, ACTOR)


def _group(secretariat: Secretariat, name: str, keys: list[str], category: InvitationCategory,
           as_of: date, note: str) -> PartyGroup:
    group = db.session.scalar(sa.select(PartyGroup).where(
        PartyGroup.secretariat_id == secretariat.id, PartyGroup.name == name))
    if group is None:
        group = create_group(secretariat, name, ACTOR, as_of=as_of, note=note,
                             default_category=category)
        parties = _parties(keys)
        add_members(group, [parties[k] for k in keys], ACTOR)
    return group


def _invite_from(meeting: Meeting, group: PartyGroup, languages: dict[str, str]) -> int:
    """Build the list from a group as an officer would; the demo sets each working language
    and, where the language declines names, the addressee as the secretariat writes it."""
    added, _ = invite_group(meeting, group, group.default_category, ACTOR)
    for invitation in added:
        key = invitation.party.iso3 or invitation.party.registry_key or ""
        invitation.language = languages.get(key, invitation.language)
        written = texts.ADDRESSEES.get((meeting.secretariat.slug, key))
        if written:
            invitation.addressee, invitation.addressee_in_text = written
        else:
            invitation.addressee = default_addressee(
                invitation.party, meeting.secretariat, invitation.language) or invitation.addressee
    return len(added)


def _parties(keys: list[str]) -> dict[str, Party]:
    rows = db.session.scalars(sa.select(Party).where(Party.registry_key.in_(keys)))
    found = {p.registry_key: p for p in rows if p.registry_key}
    missing = sorted(set(keys) - found.keys())
    if missing:
        raise LookupError(f"Registry entries missing: {', '.join(missing)}")
    return found


def _demo_user(secretariats: list[Secretariat]) -> None:
    user = db.session.scalar(sa.select(User).where(User.email == DEMO_EMAIL))
    if user is None:
        user = User(email=DEMO_EMAIL, name="Demo Officer")
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
        db.session.flush()
    for secretariat in secretariats:
        if user.role_in(secretariat) is None:
            db.session.add(Membership(user=user, secretariat=secretariat, role=Role.ADMIN))
            db.session.flush()
            db.session.refresh(user)


def load_unodc() -> tuple[Secretariat, int]:
    unodc = _secretariat(
        "unodc-cosp",
        name="Secretariat of the Conference of the States Parties to the United Nations "
        "Convention against Corruption",
        acronym="UNODC",
        office="United Nations Office on Drugs and Crime",
        sender="The Secretary-General of the United Nations",
        sender_gender=SenderGender.MASCULINE,
        city="Vienna",
        postal_address="United Nations Office on Drugs and Crime\nP.O. Box 500\n1400 Vienna\nAustria",
        email="UNCAC.COP@unodc.org",
        fax="+43-1 26060 5841",
        website="http://www.unodc.org",
        motto="Making the world safer from drugs, crime and terrorism",
        # One mailing, one number, the mark of each category: (A) States parties, (B) signatories.
        reference_pattern="CU {year}/{seq}({category_mark})/DTA/CEB/CSS",
        reference_next=150,
        numbering="category_mark",
        category_marks={"state_party": "A", "signatory_state": "B", "observer_organization": "C"},
        timezone="Europe/Vienna",
        languages=UN_SIX,
        localized=texts.UNODC_SECRETARIAT,
        office_short="the Office",
        note_closing=False,  # the model note ends without the closing formula
    )
    vienna = {"venue_name": "Vienna International Centre",
              "venue_address": "Wagramer Strasse 5, 1220 Vienna, Austria",
              "city": "Vienna", "country": "Austria", "timezone": "Europe/Vienna",
              "languages": UN_SIX}
    cop6 = _meeting(
        unodc, SLUGS["untoc_cop6"],
        title="Sixth session of the Conference of the Parties to the United Nations Convention "
        "against Transnational Organized Crime",
        short_title="the sixth session of the UNTOC Conference of the Parties",
        body="Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime",
        first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
        status=MeetingStatus.HELD, localized=texts.placed(texts.COP6, texts.VIENNA), **vienna,
    )
    working_group = _meeting(
        unodc, SLUGS["untoc_working_group"],
        title="Open-ended Working Group of Government Experts on Extradition, Mutual Legal "
        "Assistance and International Cooperation for Purposes of Confiscation",
        short_title="the UNTOC working group",
        body="Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime",
        first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
        status=MeetingStatus.HELD, localized=texts.placed(texts.WORKING_GROUP, texts.VIENNA), **vienna,
    )
    expert_meeting = _meeting(
        unodc, SLUGS["uncac_expert_meeting"],
        sittings=[(date(2012, 10, d), time(h1), time(h2)) for d in (22, 23)
                  for h1, h2 in ((10, 13), (15, 18))],
        title="First open-ended intergovernmental expert meeting on international cooperation",
        short_title="the UNCAC expert meeting",
        body="Conference of the States Parties to the United Nations Convention against Corruption",
        mandate=UNCAC_MANDATE,
        background=UNCAC_BACKGROUND,
        functions=UNCAC_FUNCTIONS,
        localized=texts.placed(texts.EXPERT_MEETING, texts.VIENNA),
        focus="corruption-related issues",
        note_date=date(2012, 8, 15),
        first_day=date(2012, 10, 22), last_day=date(2012, 10, 23),
        registration_deadline=date(2012, 9, 24),
        late_policy=LatePolicy.ACCEPT_LATE,
        status=MeetingStatus.REGISTRATION_OPEN,
        website=UNCAC_WEBSITE, **vienna,
    )
    if not expert_meeting.documents:
        for title, pages in (("Information for participants", 4),
                             ("Annotated provisional agenda and proposed organization of work",
                              6)):
            document = meeting_service.add_document(
                expert_meeting, title, ACTOR, url=UNCAC_WEBSITE, attached_to_note=True,
                file=demo_pdf(title, pages))
            document.localized = {lang: {"title": name}
                                  for lang, name in texts.DOCUMENTS[title].items()}
    _link(expert_meeting, cop6, LinkKind.IMMEDIATELY_AFTER)
    _link(working_group, cop6, LinkKind.DURING)

    as_of = date(2012, 8, 15)
    groups = [
        _group(unodc, "States parties to UNCAC (illustrative)",
               [f"state:{c}" for c in UNCAC_STATES_PARTIES] + ["org:eu"],
               InvitationCategory.STATE_PARTY, as_of, ILLUSTRATIVE),
        _group(unodc, "Signatories to UNCAC (illustrative)",
               [f"state:{c}" for c in UNCAC_SIGNATORIES],
               InvitationCategory.SIGNATORY_STATE, as_of, ILLUSTRATIVE),
        _group(unodc, "Intergovernmental organizations invited as observers (UNCAC)",
               UNCAC_OBSERVER_ORGANIZATIONS, InvitationCategory.OBSERVER_ORGANIZATION, as_of,
               "Demo selection of organizations named in the source documents."),
    ]
    added = sum(_invite_from(expert_meeting, g, UNCAC_LANGUAGES) for g in groups)
    demo_progress.unodc_before_deadline(expert_meeting)
    return unodc, added


# The collective addressee of CICA's circular notes (note NCT/CT/708): (block, opening formula).
CICA_COLLECTIVE = {
    "en": ("MEMBER STATES\nOF THE CONFERENCE ON INTERACTION\nAND CONFIDENCE BUILDING MEASURES\n"
           "IN ASIA", "the CICA Member States"),
    "ru": ("ГОСУДАРСТВА-ЧЛЕНЫ\nСОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ\nИ МЕРАМ ДОВЕРИЯ В АЗИИ",
           "государствам-членам СВМДА"),
    "kk": ("АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ\nСЕНІМ ШАРАЛАРЫ КЕҢЕСІНЕ\nМҮШЕ МЕМЛЕКЕТТЕР",
           "Азия Кеңесіне мүше мемлекеттерге"),
}


def load_cica() -> tuple[Secretariat, int]:
    cica = _secretariat(
        "cica",
        name="Secretariat of the Conference on Interaction and Confidence Building Measures in Asia",
        acronym="CICA",
        sender="The Secretariat of the Conference on Interaction and Confidence Building Measures "
        "in Asia (CICA)",
        sender_gender=SenderGender.NEUTER,
        city="Astana",
        postal_address="55/20 Mangilik Yel Ave.\nAstana\nRepublic of Kazakhstan",
        website="https://www.s-cica.org",
        # The heading of NCT/CT/708: English and Russian side by side, in every language.
        letterhead="SECRETARIAT OF THE CONFERENCE ON INTERACTION\nAND CONFIDENCE BUILDING "
        "MEASURES IN ASIA",
        letterhead_second_language="ru",
        reference_pattern="NCT/CT/{seq}",
        reference_next=708,
        # NCT/CT/708 is a circular note: one number, the member States collectively addressed.
        numbering="circular",
        collective_addressee=CICA_COLLECTIVE["en"][0],
        collective_addressee_in_text=CICA_COLLECTIVE["en"][1],
        timezone="Asia/Almaty",
        languages=["en", "ru", "kk"],
        localized={lang: {**values, **({"collective_addressee": CICA_COLLECTIVE[lang][0],
                                        "collective_addressee_in_text": CICA_COLLECTIVE[lang][1]}
                                       if lang != "en" else {})}
                   for lang, values in texts.CICA_SECRETARIAT.items()},
    )
    astana = {"city": "Astana", "country": "Kazakhstan", "timezone": "Asia/Almaty",
              "languages": ["en", "ru", "kk"], "body": "Conference on Interaction and Confidence "
              "Building Measures in Asia", "status": MeetingStatus.ANNOUNCED}
    swg = _meeting(cica, SLUGS["cica_swg"], title="Meeting of the CICA Special Working Group",
                   short_title="the CICA Special Working Group", localized=texts.placed(texts.CICA_SWG, texts.ASTANA),
                   note_date=date(2024, 6, 12), enclosure_pages=9,
                   earlier_notes=[{"reference": "NCT/CT/513", "date": "2024-04-18"},
                                  {"reference": "NCT/CT/569", "date": "2024-05-13"}],
                   first_day=date(2024, 6, 25), last_day=date(2024, 6, 25), **astana)
    soc = _meeting(cica, SLUGS["cica_soc"], title="Meeting of the CICA Senior Officials Committee",
                   short_title="the CICA Senior Officials Committee", localized=texts.placed(texts.CICA_SOC, texts.ASTANA),
                   first_day=date(2024, 6, 27), last_day=date(2024, 6, 27), **astana)
    if not swg.documents:  # "Enclosure: on 9 p.": the draft memorandum goes with the note
        title = texts.CICA_ENCLOSURE["en"]
        document = meeting_service.add_document(swg, title, ACTOR, attached_to_note=True,
                                                file=demo_pdf(title, 9))
        document.localized = {lang: {"title": name}
                              for lang, name in texts.CICA_ENCLOSURE.items() if lang != "en"}
    for language, body in texts.CICA_NOTE.items():
        _template(swg, language, body, "wording of CICA note NCT/CT/708 (Astana, 12 June 2024)")
    _link(swg, soc, LinkKind.IMMEDIATELY_BEFORE)
    as_of = date(2007, 3, 5)
    note = ("As listed in Kazakhstan's letter of 2007 (seed document 002). CICA has changed since: "
            "update the group before inviting.")
    members = _group(cica, "CICA member States (as listed in 2007)",
                     [f"state:{c}" for c in CICA_MEMBERS_2007], InvitationCategory.MEMBER_STATE,
                     as_of, note)
    _group(cica, "CICA observer States (as listed in 2007)",
           [f"state:{c}" for c in CICA_OBSERVERS_2007], InvitationCategory.OBSERVER_STATE,
           as_of, note)
    _group(cica, "CICA observer organizations (as listed in 2007)",
           ["org:un", "org:osce", "org:las"], InvitationCategory.OBSERVER_ORGANIZATION, as_of, note)
    languages = {c: "kk" if c == "KAZ" else "ru" if c in RUSSIAN_SPEAKING else "en"
                 for c in CICA_MEMBERS_2007}
    return cica, _invite_from(swg, members, languages)


def load_demo() -> list[str]:
    report = load_registry()
    unodc, unodc_added = load_unodc()
    cica, cica_added = load_cica()
    _demo_user([unodc, cica])
    db.session.flush()
    lines = report.lines()[:2]
    lines.append(f"UNODC 2012: {unodc_added} invitations added (illustrative list, not the 2012 status).")
    lines.append(f"CICA 2024: {cica_added} invitations added (CICA member States as listed in 2007).")
    lines.append("Demo meetings: " + ", ".join(SLUGS.values()))
    lines.append(f"Demo login: {DEMO_EMAIL} / {DEMO_PASSWORD}")
    return lines
