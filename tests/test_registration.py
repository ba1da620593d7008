"""A Permanent Mission registers its delegation through its private link, before the deadline."""
import io
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    DelegationStatus,
    DelegationVersion,
    InvitationCategory,
    LatePolicy,
    LinkKind,
    MeetingStatus,
)
from meetings.services import meetings as meeting_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
UTC = timezone.utc
# 24 September 2012 ends in Vienna at 22:00 UTC (CEST).
CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def setting(app, registry, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc", email="UNCAC.COP@unodc.org")
    em = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN,
                      short_title="the UNCAC expert meeting")
    wg = make_meeting(secretariat, "wg", title="UNTOC working group", short_title="the UNTOC working group",
                      first_day=date(2012, 10, 15), last_day=date(2012, 10, 19),
                      status=MeetingStatus.ANNOUNCED)
    meeting_service.link_meetings(em, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    austria = invite(em, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    netherlands = invite(em, party_by_iso3("NLD"), InvitationCategory.STATE_PARTY, ACTOR)
    links = {"AUT": private_links.issue_link(austria, ACTOR, CLOSES),
             "NLD": private_links.issue_link(netherlands, ACTOR, CLOSES)}
    db.session.commit()
    app.config["FIXED_NOW"] = CLOSES - timedelta(days=3)
    yield {"em": em, "wg": wg, "austria": austria, "netherlands": netherlands, "links": links}
    app.config.pop("FIXED_NOW", None)


def form(*delegates, action="submit", version=0, **focal):
    data = {"action": action, "version": str(version), "rows": str(len(delegates)),
            "focal_point_name": "Anna Berger", "focal_point_position": "Counsellor",
            "focal_point_email": "anna.berger@bmeia.gv.at", **focal}
    for index, delegate in enumerate(delegates):
        for key, value in delegate.items():
            data[f"delegates-{index}-{key}"] = value
    return data


def person(given, family, function="expert", meetings=(), email=None, **extra):
    return {"given_name": given, "family_name": family, "function": function,
            "email": f"{family.lower()}@example.org" if email is None else email,
            "meetings": list(meetings), **extra}


def post(client, link, data, pdf=PDF, filename="note.pdf"):
    if pdf is not None:
        data = {**data, "note": (io.BytesIO(pdf), filename)}
    return client.post(f"/register/{link}", data=data, content_type="multipart/form-data")


def test_unknown_revoked_or_malformed_links_get_the_same_plain_page(client, setting):
    revoked = setting["links"]["NLD"]
    private_links.revoke_link(setting["netherlands"], ACTOR)
    db.session.commit()
    pages = [client.get(f"/register/{link}") for link in
             ["A" * 43, revoked, "short", "not%20a%20link;drop", "ö" * 43]]
    assert {p.status_code for p in pages} == {404}
    assert len({text_of(p) for p in pages}) == 1
    assert "This registration link is not valid" in text_of(pages[0])


def test_repeated_wrong_guesses_are_slowed_down_but_a_valid_link_always_opens(client, setting):
    for _ in range(private_links.MAX_FAILURES):
        assert client.get(f"/register/{'B' * 43}").status_code == 404
    assert client.get(f"/register/{'C' * 43}").status_code == 429
    assert client.get(f"/register/{setting['links']['AUT']}").status_code == 200
    assert client.get(f"/register/{'D' * 43}").status_code == 429  # opening it forgave nothing


def test_a_government_submits_three_delegates_for_one_or_both_meetings(client, setting, mailbox):
    em, wg = setting["em"], setting["wg"]
    response = post(client, setting["links"]["AUT"], form(
        person("Ingrid", "Koller", "head", [em.id, wg.id]),
        person("Jörg", "Hübner", "expert", [em.id]),
        person("Sophie", "Wagner", "adviser", [em.id], job_title="Legal adviser")))
    assert response.status_code == 302, text_of(response)
    assert response.location.endswith("/confirmation")
    page = text_of(client.get(response.location))
    assert "Thank you: the delegation has been submitted." in page and "Jörg Hübner" in page
    delegation = setting["austria"].delegation
    assert delegation.status == DelegationStatus.SUBMITTED and not delegation.is_late
    assert [d.family_name for d in delegation.delegates] == ["Koller", "Hübner", "Wagner"]
    assert delegation.note_file.content_type == "application/pdf"
    from meetings.services.outbox import deliver

    deliver()
    [mail] = mailbox.messages
    assert mail["To"] == "anna.berger@bmeia.gv.at"
    body = mail.get_body(("plain",)).get_content()
    assert "Ingrid Koller, Head of delegation" in body and body.count("http://localhost/calendar/") == 3
    assert body.count("webcal://localhost/calendar/") == 3


@pytest.mark.parametrize(("delegates", "field", "message"), [
    (lambda em, wg: [person("A", "One", "expert", [em.id])], None,
     "Nobody heads the delegation to the UNCAC expert meeting"),
    (lambda em, wg: [person("A", "One", "head", [em.id]), person("B", "Two", "head", [em.id])],
     "delegates-1-function", "Delegate 1 already heads the delegation to the UNCAC expert meeting."),
    (lambda em, wg: [person("A", "One", "head", [em.id]),
                     person("a", "ONE", "expert", [em.id], email="other@example.org")],
     "delegates-1-family_name", "This person is already listed as delegate 1."),
    (lambda em, wg: [person("A", "One", "head", [em.id], email="one@@example")],
     "delegates-0-email", "This e-mail address is not valid"),
    (lambda em, wg: [person("A", "One", "head", [])], "delegates-0-meetings",
     "Choose at least one meeting this person attends."),
])
def test_each_rule_is_explained_beside_its_field_and_keeps_what_was_typed(
    client, setting, delegates, field, message
):
    rows = delegates(setting["em"], setting["wg"])
    response = post(client, setting["links"]["AUT"], form(*rows))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in text_of(response)
    if field:
        assert f'id="{field}-error"' in html
    assert 'value="Anna Berger"' in html and f'value="{rows[0]["family_name"]}"' in html
    assert setting["austria"].delegation is None


def test_a_file_that_is_not_what_it_claims_is_refused(client, setting):
    response = post(client, setting["links"]["AUT"],
                    form(person("A", "One", "head", [setting["em"].id])), pdf=b"MZ not a pdf")
    assert response.status_code == 422
    assert "This file is not a PDF, JPG, or PNG file" in text_of(response)


def test_names_in_five_scripts_are_kept_exactly_as_typed(client, setting):
    em = setting["em"]
    names = [("Łucja", "Żółkiewska-Núñez"), ("Ерлан", "Қожахметов"), ("Мария", "Иванова"),
             ("محمد", "العلي"), ("伟", "王")]
    rows = [person(g, f, "head" if i == 0 else "expert", [em.id], email=f"p{i}@example.org")
            for i, (g, f) in enumerate(names)]
    assert post(client, setting["links"]["AUT"], form(*rows)).status_code == 302
    kept = [(d.given_name, d.family_name) for d in setting["austria"].delegation.delegates]
    assert kept == names


def test_a_draft_can_be_saved_and_rows_moved_without_javascript(client, setting):
    link, em = setting["links"]["AUT"], setting["em"]
    added = client.post(f"/register/{link}", data=form(person("A", "One", "head", [em.id]),
                                                       action="add"))
    assert added.status_code == 200 and 'name="rows" value="2"' in added.get_data(as_text=True)
    moved = client.post(f"/register/{link}", data=form(
        person("A", "One", "head", [em.id]), person("B", "Two", "expert", [em.id]), action="up-1"))
    html = moved.get_data(as_text=True)
    assert html.index('value="Two"') < html.index('value="One"')
    saved = client.post(f"/register/{link}", data=form(person("A", "One"), action="save"))
    assert saved.status_code == 302
    delegation = setting["austria"].delegation
    assert delegation.status == DelegationStatus.DRAFT and delegation.delegates[0].family_name == "One"


def test_each_submission_is_a_version_with_what_changed(client, setting):
    link, em = setting["links"]["AUT"], setting["em"]
    post(client, link, form(person("A", "One", "head", [em.id])))
    delegation = setting["austria"].delegation
    key = str(delegation.delegates[0].id)
    post(client, link, form({**person("A", "One", "head", [em.id], job_title="Director"),
                             "key": key}, person("B", "Two", "expert", [em.id]),
                            version=delegation.version), pdf=None)
    versions = db.session.scalars(sa.select(DelegationVersion).order_by(
        DelegationVersion.number)).all()
    assert [v.number for v in versions] == [1, 2]
    assert "A One: job title “” → “Director”" in versions[1].changes
    assert "added B Two" in versions[1].changes


def test_when_two_people_edit_at_once_the_second_is_told_and_loses_nothing(client, setting):
    link, em = setting["links"]["AUT"], setting["em"]
    post(client, link, form(person("A", "One", "head", [em.id]), action="save"))
    opened = setting["austria"].delegation.version
    first = post(client, link, form(person("A", "One", "head", [em.id]),
                                    person("B", "Colleague", "expert", [em.id]), action="save",
                                    version=opened), pdf=None)
    assert first.status_code == 302
    second = post(client, link, form(person("A", "One", "head", [em.id]),
                                     person("C", "Mine", "expert", [em.id]), action="save",
                                     version=opened), pdf=None)
    assert second.status_code == 409
    page = text_of(second)
    assert "Someone else saved this delegation" in page and "added B Colleague" in page
    assert 'value="Mine"' in second.get_data(as_text=True)  # what the second person typed
    assert [d.family_name for d in setting["austria"].delegation.delegates] == ["One", "Colleague"]


def test_a_french_speaking_government_reads_what_the_other_person_changed_in_french(
        client, setting):
    """The list under the conflict message is in the page's language: labels, functions and
    the meeting titles as the page shows them; the secretariat's record stays in English."""
    austria, em = setting["austria"], setting["em"]
    austria.language = "fr"
    em.localized = {"fr": {"short_title": "la réunion d'experts"}}
    db.session.commit()
    link = setting["links"]["AUT"]
    post(client, link, form(person("Anna", "Berger", "head", [em.id]), action="save"))
    delegation = austria.delegation
    opened, key = delegation.version, str(delegation.delegates[0].id)
    first = post(client, link, form(
        {**person("Anna", "Berger", "alternate", [em.id], job_title="Conseillère"), "key": key},
        person("Bruno", "Collègue", "head", [em.id]), action="save", version=opened), pdf=None)
    assert first.status_code == 302
    second = post(client, link, form({**person("Anna", "Berger", "head", [em.id]), "key": key},
                                     action="save", version=opened), pdf=None)
    assert second.status_code == 409
    page = text_of(second)
    assert "Quelqu'un d'autre a enregistré cette délégation" in page
    assert "ajout de Bruno Collègue" in page
    assert "Bruno Collègue participe à : la réunion d'experts" in page
    assert "Anna Berger, Rôle dans la délégation : « Chef de délégation » → « Suppléant »" in page
    assert "Anna Berger, Fonction / titre : « » → « Conseillère »" in page
    for english in ("added ", " attends ", "job title", "function “"):
        assert english not in page, english
    [record] = [e for e in db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "draft saved").order_by(AuditEvent.id))][1:2]
    assert "added Bruno Collègue" in record.changes["changes"]


@pytest.mark.parametrize("server_zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
def test_the_form_closes_at_the_end_of_the_deadline_day_in_vienna_whatever_the_server_zone(
    app, client, setting, server_zone, monkeypatch
):
    import time as time_module

    monkeypatch.setenv("TZ", server_zone)
    time_module.tzset()
    link, em = setting["links"]["AUT"], setting["em"]
    app.config["FIXED_NOW"] = CLOSES - timedelta(seconds=1)
    assert post(client, link, form(person("A", "One", "head", [em.id]))).status_code == 302
    app.config["FIXED_NOW"] = CLOSES + timedelta(seconds=1)
    closed = post(client, link, form(person("A", "One", "head", [em.id])), pdf=None)
    assert closed.status_code == 409
    assert "Registration is closed." in text_of(closed) and "UNCAC.COP@unodc.org" in text_of(closed)
    monkeypatch.delenv("TZ")
    time_module.tzset()


def test_a_meeting_that_accepts_late_registrations_marks_them_late(app, client, setting):
    setting["em"].late_policy = LatePolicy.ACCEPT_LATE
    db.session.commit()
    app.config["FIXED_NOW"] = CLOSES + timedelta(seconds=1)
    response = post(client, setting["links"]["AUT"],
                    form(person("A", "One", "head", [setting["em"].id])))
    assert response.status_code == 302
    delegation = setting["austria"].delegation
    assert delegation.is_late and delegation.versions[0].is_late


def test_one_governments_link_never_shows_or_changes_anothers_delegation(client, setting):
    em = setting["em"]
    post(client, setting["links"]["AUT"], form(person("Ingrid", "Koller", "head", [em.id])))
    page = client.get(f"/register/{setting['links']['NLD']}").get_data(as_text=True)
    assert "Koller" not in page and "Netherlands" in page
    austria_key = str(setting["austria"].delegation.delegates[0].id)
    post(client, setting["links"]["NLD"],
         form({**person("Jan", "de Vries", "head", [em.id], email="j.devries@minbuza.nl"), "key": austria_key}))
    assert [d.family_name for d in setting["austria"].delegation.delegates] == ["Koller"]
    db.session.refresh(setting["netherlands"])
    ours, theirs = setting["netherlands"].delegation, setting["austria"].delegation
    assert [d.family_name for d in ours.delegates] == ["de Vries"]  # a new person, not Austria's
    assert ours.note_file_id != theirs.note_file_id


def test_the_secretariat_confirms_returns_and_registers_on_paper(client, setting, make_user,
                                                                login_as):
    from meetings.models import Role

    em = setting["em"]
    post(client, setting["links"]["AUT"], form(person("Ingrid", "Koller", "head", [em.id])))
    staff = make_user(em.secretariat, Role.OFFICER)
    officer = client.application.test_client()
    officer.post("/secretariat/login", data={"email": staff.email,
                                             "password": "correct horse battery"})
    austria = setting["austria"]
    page = text_of(officer.get(f"/secretariat/invitations/{austria.id}"))
    assert "Ingrid Koller" in page and "added Ingrid Koller" in page and "note.pdf" in page
    officer.post(f"/secretariat/invitations/{austria.id}/return",
                 data={"comment": "Please add the e-mail of the head of delegation's assistant."})
    assert "Please add the e-mail" in text_of(client.get(f"/register/{setting['links']['AUT']}"))
    officer.post(f"/secretariat/invitations/{austria.id}/confirm")
    db.session.refresh(austria.delegation)
    assert austria.delegation.status == DelegationStatus.CONFIRMED
    netherlands = setting["netherlands"]
    on_paper = officer.post(f"/secretariat/invitations/{netherlands.id}/delegation",
                            data={**form(person("Jan", "de Vries", "head", [em.id], email="j.devries@minbuza.nl")),
                                  "note": (io.BytesIO(PDF), "scan.pdf")},
                            content_type="multipart/form-data")
    assert on_paper.status_code == 302
    db.session.refresh(netherlands)
    assert netherlands.delegation.entered_by_secretariat
    reissued = officer.post(f"/secretariat/invitations/{austria.id}/link", data={"confirmed": "1"})
    new = reissued.get_data(as_text=True).split("/register/")[1].split("<")[0]
    assert client.get(f"/register/{setting['links']['AUT']}").status_code == 404
    assert client.get(f"/register/{new}").status_code == 200


def test_a_scan_above_the_limit_is_refused_beside_the_field_and_nothing_is_lost(client, setting):
    big = PDF + b"0" * (10 * 1024 * 1024 + 1)
    response = post(client, setting["links"]["AUT"],
                    form(person("Ingrid", "Koller", "head", [setting["em"].id])), pdf=big)
    assert response.status_code == 422
    assert "the limit is 10 MB" in text_of(response)
    assert 'id="note-error"' in response.get_data(as_text=True)
    assert 'value="Koller"' in response.get_data(as_text=True)


def test_before_registration_opens_the_page_says_when_and_takes_nothing(app, client, setting):
    em = setting["em"]
    em.registration_opens_on = date(2012, 9, 1)
    db.session.commit()
    app.config["FIXED_NOW"] = datetime(2012, 8, 20, 9, 0, tzinfo=UTC)
    page = client.get(f"/register/{setting['links']['AUT']}")
    assert page.status_code == 200
    text = text_of(page)
    assert "Registration opens on 1 September 2012" in text and "Europe/Vienna" in text
    assert "Registration is closed" not in text
    refused = post(client, setting["links"]["AUT"], form(person("A", "One", "head", [em.id])))
    assert refused.status_code in (200, 409)
    assert setting["austria"].delegation is None
