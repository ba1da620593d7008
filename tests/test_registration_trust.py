"""A focal point's mistakes, races and old links never cost a 500 or a lost entry; a delegate's
personal data can be read out and, after the retention, erased."""
import io
import json
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Delegation,
    DelegationStatus,
    DelegationVersion,
    Role,
    StoredFile,
)
from meetings.services.feeds import issue_delegate_link
from tests import test_registration as story
from tests.helpers import text_of
from tests.test_registration import ACTOR, CLOSES, PDF, form, person, post

setting = story.setting  # the same two governments invited to the UNCAC expert meeting

TOO_LONG = [
    ("focal_point_name", 201), ("focal_point_position", 201), ("focal_point_email", 255),
    ("focal_point_phone", 61), ("delegates-0-honorific", 41), ("delegates-0-given_name", 201),
    ("delegates-0-family_name", 201), ("delegates-0-job_title", 301), ("delegates-0-email", 255),
    ("delegates-0-phone", 61),
]
TEXT_FIELDS = [name for name, _ in TOO_LONG]


def submitted_with(setting, name, value, **kwargs):
    data = form(person("Ingrid", "Koller", "head", [setting["em"].id]), **kwargs)
    data[name] = value
    return data


def assert_refused_beside(response, name, setting):
    html = response.get_data(as_text=True)
    assert response.status_code == 422, text_of(response)
    assert f'id="{name}-error"' in html
    kept = 'value="Ingrid"' if name.endswith("family_name") else 'value="Koller"'
    assert kept in html and 'value="Anna Berger"' in html or name == "focal_point_name"
    assert 'name="pending_note"' in html and "note.pdf" in text_of(response)  # nor the scan
    assert setting["austria"].delegation is None


@pytest.mark.parametrize(("name", "size"), TOO_LONG)
def test_a_value_longer_than_its_column_is_refused_beside_the_field(client, setting, name, size):
    value = ("x" * size + "@example.org")[-size:] if "email" in name else "x" * size
    response = post(client, setting["links"]["AUT"], submitted_with(setting, name, value))
    assert_refused_beside(response, name, setting)
    assert "characters at most" in text_of(response)


@pytest.mark.parametrize("character", ["\x00", "\n", "\r", "\x1b", "\u2028"])
@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_control_characters_and_line_breaks_are_refused_beside_the_field(
    client, setting, name, character
):
    value = f"Koll{character}er" if "email" not in name else f"a{character}b@example.org"
    response = post(client, setting["links"]["AUT"], submitted_with(setting, name, value))
    assert_refused_beside(response, name, setting)


def test_a_nul_in_the_scans_file_name_is_dropped_and_the_scan_kept(client, setting):
    data = {**form(person("Ingrid", "Koller", "head", [setting["em"].id])),
            "note": (io.BytesIO(PDF), "note\x00verbale.pdf")}
    response = client.post(f"/register/{setting['links']['AUT']}", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302, text_of(response)
    assert setting["austria"].delegation.note_file.filename == "noteverbale.pdf"


def pending_token(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('name="pending_note" type="hidden" value="')[1].split('"')[0]


def test_a_kept_scan_is_attached_at_the_next_try_of_the_same_government_only(
    app, client, setting, monkeypatch
):
    em = setting["em"]
    refused = post(client, setting["links"]["AUT"], form(person("Ingrid", "", "head", [em.id])))
    assert refused.status_code == 422
    token = pending_token(refused)
    stolen = post(client, setting["links"]["NLD"],
                  {**form(person("Jan", "de Vries", "head", [em.id])), "pending_note": token},
                  pdf=None)
    assert stolen.status_code == 422  # the Netherlands must attach their own note
    assert 'id="note-error"' in stolen.get_data(as_text=True)
    monkeypatch.setitem(app.config, "KEPT_UPLOAD_MAX_AGE", -1)
    expired = post(client, setting["links"]["AUT"],
                   {**form(person("Ingrid", "Koller", "head", [em.id])), "pending_note": token},
                   pdf=None)
    assert expired.status_code == 422 and 'id="note-error"' in expired.get_data(as_text=True)
    monkeypatch.setitem(app.config, "KEPT_UPLOAD_MAX_AGE", 24 * 3600)
    kept = post(client, setting["links"]["AUT"],
                {**form(person("Ingrid", "Koller", "head", [em.id])), "pending_note": token},
                pdf=None)
    assert kept.status_code == 302
    assert setting["austria"].delegation.note_file.filename == "note.pdf"


def test_a_draft_cannot_replace_a_confirmed_delegation(client, setting):
    em, link = setting["em"], setting["links"]["AUT"]
    assert post(client, link, form(person("Ingrid", "Koller", "head", [em.id]))).status_code == 302
    delegation = setting["austria"].delegation
    delegation.status = DelegationStatus.CONFIRMED
    db.session.commit()
    response = post(client, link, form(person("Someone", "Else", "head", [em.id]), action="save",
                                       version=delegation.version), pdf=None)
    assert response.status_code == 409
    assert "a draft cannot replace it" in text_of(response)
    assert 'value="Else"' in response.get_data(as_text=True)
    db.session.refresh(delegation)
    assert delegation.status == DelegationStatus.CONFIRMED
    assert [d.family_name for d in delegation.delegates] == ["Koller"]


def test_a_form_without_its_version_is_a_conflict_not_an_overwrite(client, setting):
    em, link = setting["em"], setting["links"]["AUT"]
    assert post(client, link, form(person("Ingrid", "Koller", "head", [em.id]))).status_code == 302
    data = form(person("Other", "Person", "head", [em.id]))
    del data["version"]
    response = post(client, link, data, pdf=None)
    assert response.status_code == 409
    assert "Someone else saved this delegation" in text_of(response)
    assert 'value="Person"' in response.get_data(as_text=True)
    assert [d.family_name for d in setting["austria"].delegation.delegates] == ["Koller"]


def test_two_focal_points_submitting_the_first_delegation_at_once_get_a_save_and_a_conflict(
    app, setting
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the race on the first delegation is checked on PostgreSQL")
    em_id, link = setting["em"].id, setting["links"]["AUT"]
    db.session.remove()
    barrier, answers = threading.Barrier(2), {}

    def both_insert_together(session, _context, _instances):
        if any(isinstance(o, Delegation) for o in session.new):
            barrier.wait(timeout=10)

    def focal_point(family: str) -> None:
        answers[family] = post(app.test_client(), link,
                               form(person("A", family, "head", [em_id])), pdf=PDF)

    event.listen(Session, "before_flush", both_insert_together)
    try:
        threads = [threading.Thread(target=focal_point, args=(f,)) for f in ("Mine", "Theirs")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(Session, "before_flush", both_insert_together)
    assert sorted(a.status_code for a in answers.values()) == [302, 409]
    loser, lost = next((f, a) for f, a in answers.items() if a.status_code == 409)
    winner = "Theirs" if loser == "Mine" else "Mine"
    assert "Someone else saved this delegation" in text_of(lost)
    assert f'value="{loser}"' in lost.get_data(as_text=True)  # the loser's entries, echoed
    assert f"added A {winner}" in text_of(lost)  # and what the other saved
    delegation = db.session.scalar(sa.select(Delegation))
    assert [d.family_name for d in delegation.delegates] == [winner]


def test_after_the_deadline_the_link_shows_the_delegation_and_no_form(app, client, setting):
    em, link = setting["em"], setting["links"]["AUT"]
    post(client, link, form(person("Ingrid", "Koller", "head", [em.id])))
    app.config["FIXED_NOW"] = CLOSES + timedelta(seconds=1)
    page = client.get(f"/register/{link}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Ingrid Koller" in text_of(page)
    assert "Registration is closed." in text_of(page)
    assert "<form" not in html and 'name="delegates-0-family_name"' not in html


def test_registration_and_calendar_links_expire_long_after_the_meeting(app, client, setting):
    em, link = setting["em"], setting["links"]["AUT"]
    post(client, link, form(person("Ingrid", "Koller", "head", [em.id])))
    delegate = setting["austria"].delegation.delegates[0]
    calendar = issue_delegate_link(delegate, ACTOR)
    db.session.commit()
    last_day_ends = CLOSES.replace(month=10, day=23) + timedelta(hours=2)
    app.config["FIXED_NOW"] = last_day_ends + timedelta(days=89)
    assert client.get(f"/register/{link}").status_code == 200
    assert client.get(f"/calendar/{calendar}.ics").status_code == 200
    app.config["FIXED_NOW"] = last_day_ends + timedelta(days=90, seconds=1)
    gone = client.get(f"/register/{link}")
    assert gone.status_code == 404 and "This registration link is not valid" in text_of(gone)
    assert client.get(f"/calendar/{calendar}.ics").status_code == 404
    assert client.get(f"/register/{link}/confirmation").status_code == 404


def test_an_officer_exports_one_delegates_data_and_it_is_audited(
    client, setting, make_user, login_as
):
    em = setting["em"]
    post(client, setting["links"]["AUT"],
         form(person("Ingrid", "Koller", "head", [em.id], phone="+43 1 531 15")))
    austria = setting["austria"]
    delegate = austria.delegation.delegates[0]
    url = f"/secretariat/invitations/{austria.id}/delegates/{delegate.id}/personal-data.json"
    viewer = client.application.test_client()
    viewer.post("/secretariat/login", data={
        "email": make_user(em.secretariat, Role.VIEWER).email, "password": "correct horse battery"})
    assert viewer.get(url).status_code == 403
    officer = login_as(make_user(em.secretariat, Role.OFFICER))
    response = officer.get(url)
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["delegate"]["email"] == "koller@example.org"
    assert data["delegate"]["phone"] == "+43 1 531 15"
    assert data["versions"][0]["as_submitted"]["family_name"] == "Koller"
    assert db.session.scalar(sa.select(AuditEvent.action).where(
        AuditEvent.object_type == "Delegate")) == "personal data exported"


def test_personal_data_is_erased_after_the_retention_and_names_stay(app, client, runner, setting):
    em = setting["em"]
    post(client, setting["links"]["AUT"],
         form(person("Ingrid", "Koller", "head", [em.id], phone="+43 1 531 15", gender="female"),
              focal_point_phone="+43 1 531 00"))
    app.config["FIXED_NOW"] = CLOSES + timedelta(days=100)
    early = runner.invoke(args=["delegates", "erase", "--meeting", "em"])
    assert early.exit_code != 0 and "Nothing was erased" in early.output
    assert setting["austria"].delegation.delegates[0].email == "koller@example.org"
    done = runner.invoke(args=["delegates", "erase", "--meeting", "em", "--older-than-days", "30"])
    assert done.exit_code == 0, done.output
    db.session.expire_all()
    delegation = setting["austria"].delegation
    [delegate] = delegation.delegates
    assert (delegate.given_name, delegate.family_name, delegate.function.value) == (
        "Ingrid", "Koller", "head")
    assert (delegate.email, delegate.phone, delegate.gender) == (None, None, None)
    assert delegation.focal_point_email is None and delegation.focal_point_phone is None
    assert delegation.focal_point_name == "Anna Berger"
    assert delegation.note_file is None and db.session.scalar(sa.select(StoredFile)) is None
    stored = json.dumps([v.snapshot for v in db.session.scalars(sa.select(DelegationVersion))]
                        + [e.changes for e in db.session.scalars(sa.select(AuditEvent))])
    assert "koller@example.org" not in stored and "531 15" not in stored and "531 00" not in stored, stored
    assert "anna.berger@bmeia.gv.at" not in stored
    assert db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "personal data erased")) is not None


def test_control_characters_are_unicodes_categories_cc_zl_zp() -> None:
    """The regular expression finds exactly the characters of those categories."""
    import sys
    import unicodedata

    from meetings.registration.forms import control_characters

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert control_characters(f"a{c}b") == (unicodedata.category(c) in ("Cc", "Zl", "Zp")), code
    assert not control_characters("")
