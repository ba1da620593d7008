"""Each secretariat keeps its own addresses for a party; the UN names are shared and guarded."""
import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import AuditEvent, Invitation, Party, PartyContact, PartyKind, Role, User
from tests.conftest import PASSWORD
from tests.helpers import party_by_iso3, text_of


def signed_in(app, user: User):
    """A browser of its own for each member of staff (each request sees a fresh `g`)."""
    client = app.test_client()
    response = client.post("/secretariat/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def unodc(registry, make_secretariat):
    return make_secretariat("unodc", acronym="UNODC")


@pytest.fixture
def cica(registry, make_secretariat):
    return make_secretariat("cica", acronym="CICA", city="Astana", timezone="Asia/Almaty")


@pytest.fixture
def unodc_officer(app, unodc, make_user):
    return signed_in(app, make_user(unodc, Role.OFFICER))


@pytest.fixture
def cica_officer(app, cica, make_user):
    return signed_in(app, make_user(cica, Role.OFFICER))


def contact_form(**values) -> dict:
    return {"working_language": "", "emails": "", "address": "", "notes": "", **values}


def test_cicas_officer_edits_austrias_contact_and_unodcs_invitation_is_unaffected(
        unodc, cica, unodc_officer, cica_officer, make_meeting):
    austria = party_by_iso3("AUT")
    response = unodc_officer.post(
        f"/secretariat/parties/{austria.id}/contact?secretariat={unodc.id}",
        data=contact_form(emails="pm.vienna@bmeia.gv.at"))
    assert response.status_code == 302
    response = cica_officer.post(
        f"/secretariat/parties/{austria.id}/contact?secretariat={cica.id}",
        data=contact_form(emails="someone@chosen-by-cica.example", working_language="ru",
                          addressee_en="Embassy of Austria in Astana"))
    assert response.status_code == 302

    meeting = make_meeting(unodc)
    response = unodc_officer.post(f"/secretariat/meetings/{meeting.slug}/invitations/party",
                                  data={"p-party": austria.id, "p-category": "state_party"})
    assert response.status_code == 302
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.meeting_id == meeting.id))
    assert invitation.emails == ["pm.vienna@bmeia.gv.at"]
    assert invitation.addressee == "Permanent Mission of Austria to the United Nations (Vienna)"
    assert invitation.language == "en"

    unodc_history = text_of(unodc_officer.get(f"/secretariat/parties/history?secretariat={unodc.id}"))
    assert "pm.vienna@bmeia.gv.at" in unodc_history
    assert "chosen-by-cica" not in unodc_history and "Astana" not in unodc_history
    cica_history = text_of(cica_officer.get(f"/secretariat/parties/history?secretariat={cica.id}"))
    assert "someone@chosen-by-cica.example" in cica_history
    assert "Embassy of Austria in Astana" in cica_history
    assert "pm.vienna" not in cica_history
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "party contact created", AuditEvent.secretariat_id == cica.id))
    assert event.object_type == "PartyContact"


def test_cicas_own_addressee_and_language_are_used_when_cica_invites(cica, cica_officer,
                                                                     make_meeting):
    austria = party_by_iso3("AUT")
    cica_officer.post(f"/secretariat/parties/{austria.id}/contact?secretariat={cica.id}",
                      data=contact_form(emails="embassy@example.at", working_language="ru",
                                        addressee_ru="Посольство Австрийской Республики в Астане"))
    meeting = make_meeting(cica, "cica-soc")
    response = cica_officer.post(f"/secretariat/meetings/{meeting.slug}/invitations/party",
                                 data={"p-party": austria.id, "p-category": "member_state"})
    assert response.status_code == 302
    invitation = db.session.scalar(sa.select(Invitation))
    assert (invitation.language, invitation.emails, invitation.addressee) == (
        "ru", ["embassy@example.at"], "Посольство Австрийской Республики в Астане")


def test_another_secretariat_cannot_reach_cicas_contact_through_its_own_address(
        unodc, cica, unodc_officer, cica_officer):
    austria = party_by_iso3("AUT")
    cica_officer.post(f"/secretariat/parties/{austria.id}/contact?secretariat={cica.id}",
                      data=contact_form(emails="embassy@example.at"))
    assert unodc_officer.get(
        f"/secretariat/parties/{austria.id}/contact?secretariat={cica.id}").status_code == 404
    assert unodc_officer.post(f"/secretariat/parties/{austria.id}/contact?secretariat={cica.id}",
                              data=contact_form(emails="x@example.org")).status_code == 404
    assert unodc_officer.get(f"/secretariat/parties/history?secretariat={cica.id}"
                             ).status_code == 404
    page = text_of(unodc_officer.get(f"/secretariat/parties?secretariat={unodc.id}"))
    assert "embassy@example.at" not in page
    assert db.session.scalars(sa.select(PartyContact.emails)).all() == [["embassy@example.at"]]


def test_read_only_staff_see_the_contact_but_cannot_change_it(app, unodc, make_user):
    viewer = signed_in(app, make_user(unodc, Role.VIEWER))
    austria = party_by_iso3("AUT")
    url = f"/secretariat/parties/{austria.id}/contact?secretariat={unodc.id}"
    assert viewer.get(url).status_code == 200
    assert viewer.post(url, data=contact_form(emails="x@example.org")).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(PartyContact.id))) == 0


def test_a_wrong_address_is_refused_beside_the_field_and_nothing_is_saved(unodc, unodc_officer):
    austria = party_by_iso3("AUT")
    response = unodc_officer.post(
        f"/secretariat/parties/{austria.id}/contact?secretariat={unodc.id}",
        data=contact_form(emails="pm.vienna@bmeia.gv.at\nnot-an-address",
                          addressee_en="Permanent Mission of Austria"))
    assert response.status_code == 422
    page = text_of(response)
    assert "“not-an-address” is not a valid e-mail address" in page
    assert "Permanent Mission of Austria" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PartyContact.id))) == 0


def names_form(party: Party, **changes) -> dict:
    data = {"working_language": party.working_language, "address": party.address or "",
            "owner": ""}
    for name in party.names:
        for field in ("short_name", "article", "formal_name", "acronym"):
            data[f"name_{name.language}-{field}"] = getattr(name, field) or ""
    return {**data, **changes}


def test_an_officer_cannot_edit_the_un_names_but_an_administrator_of_the_service_can(
        app, edits_registry, unodc, cica, unodc_officer, runner):
    austria = party_by_iso3("AUT")
    url = f"/secretariat/parties/{austria.id}/edit"
    assert unodc_officer.get(url).status_code == 403
    assert unodc_officer.post(url, data=names_form(
        austria, **{"name_en-short_name": "Österreich"})).status_code == 403
    db.session.expire_all()
    assert party_by_iso3("AUT").short_name("en") == "Austria"

    result = runner.invoke(args=["create-user", "--email", "admin@service.example", "--name",
                                 "Service Admin", "--password-stdin", "--role", "viewer",
                                 "--service-admin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    admin = db.session.scalar(sa.select(User).where(User.email == "admin@service.example"))
    assert admin.is_service_admin
    client = signed_in(app, admin)
    response = client.post(url, data=names_form(
        austria, **{"name_en-formal_name": "the Republic of Austria (checked)"}))
    assert response.status_code == 302
    db.session.expire_all()
    assert party_by_iso3("AUT").name_in("en").formal_name == "the Republic of Austria (checked)"
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "party updated"))
    assert event.secretariat_id is None
    assert "(checked)" in text_of(client.get("/secretariat/parties/history?shared=1"))
    assert "(checked)" not in text_of(
        unodc_officer.get(f"/secretariat/parties/history?secretariat={unodc.id}"))


def test_a_secretariat_adds_its_own_organization_which_no_other_secretariat_sees(
        edits_registry, unodc, cica, unodc_officer, cica_officer, make_meeting):
    response = cica_officer.post("/secretariat/parties/new", data={
        "owner": str(cica.id), "kind": "organization", "working_language": "ru",
        "name_en-short_name": "Astana Civil Service Hub"})
    assert response.status_code == 302
    hub = db.session.scalar(sa.select(Party).where(Party.secretariat_id == cica.id))
    assert hub.short_name() == "Astana Civil Service Hub"
    assert "Astana Civil Service Hub" in text_of(
        cica_officer.get(f"/secretariat/parties?secretariat={cica.id}"))
    assert "party created" in text_of(
        cica_officer.get(f"/secretariat/parties/history?secretariat={cica.id}"))
    assert cica_officer.get(f"/secretariat/parties/{hub.id}/edit").status_code == 200

    assert "Astana Civil Service Hub" not in text_of(
        unodc_officer.get(f"/secretariat/parties?secretariat={unodc.id}"))
    assert unodc_officer.get(f"/secretariat/parties/{hub.id}/edit").status_code == 404
    assert unodc_officer.get(
        f"/secretariat/parties/{hub.id}/contact?secretariat={unodc.id}").status_code == 404
    meeting = make_meeting(unodc)
    assert "Astana Civil Service Hub" not in text_of(
        unodc_officer.get(f"/secretariat/meetings/{meeting.slug}/invitations"))
    response = unodc_officer.post(f"/secretariat/meetings/{meeting.slug}/invitations/party",
                                  data={"p-party": hub.id, "p-category": "other"})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 0

    from meetings.services.groups import match_lines
    assert match_lines([(1, "Astana Civil Service Hub")], secretariat=unodc).matched == []
    assert [p.id for p in match_lines([(1, "Astana Civil Service Hub")],
                                      secretariat=cica).parties] == [hub.id]


def test_an_officer_adds_neither_shared_parties_nor_states(cica, cica_officer, registry):
    response = cica_officer.post("/secretariat/parties/new", data={
        "owner": "", "kind": "organization", "working_language": "en",
        "name_en-short_name": "Everyone's Forum"})
    assert response.status_code == 422
    response = cica_officer.post("/secretariat/parties/new", data={
        "owner": str(cica.id), "kind": "state", "iso3": "COK", "working_language": "en",
        "name_en-short_name": "Cook Islands"})
    assert response.status_code == 422
    assert "an administrator of the service adds them" in text_of(response)
    assert db.session.scalar(sa.select(sa.func.count(Party.id)).where(
        Party.kind == PartyKind.ORGANIZATION, Party.secretariat_id.is_not(None))) == 0
    assert party_by_iso3("COK") is None
