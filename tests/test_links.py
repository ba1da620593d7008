"""Every public link honours PUBLIC_BASE_URL, and behind a proxy each client is counted apart."""
from datetime import datetime, timezone

import pytest

from meetings import create_app, urls
from meetings.extensions import db
from meetings.models import InvitationCategory, MeetingStatus, Role
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 1, tzinfo=timezone.utc)
PROXY = {"REMOTE_ADDR": "10.0.0.1"}  # every request reaches the service from the proxy


@pytest.fixture
def link(app, registry, make_secretariat, make_meeting):
    meeting = make_meeting(make_secretariat("unodc"), "em", status=MeetingStatus.REGISTRATION_OPEN)
    invitation = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    secret = private_links.issue_link(invitation, ACTOR, NOW)
    db.session.commit()
    app.config["FIXED_NOW"] = NOW
    yield {"meeting": meeting, "invitation": invitation, "secret": secret}
    app.config.pop("FIXED_NOW", None)


@pytest.fixture
def public_base(app):
    app.config["PUBLIC_BASE_URL"] = "https://meetings.example.org/"
    yield "https://meetings.example.org"
    app.config["PUBLIC_BASE_URL"] = None


def test_each_public_link_is_the_public_base_and_the_routes_path(app, link, public_base):
    meeting, secret = link["meeting"], link["secret"]
    with app.test_request_context("/", base_url="http://10.0.0.5:8000"):
        assert urls.registration_url(secret) == f"{public_base}/register/{secret}"
        assert urls.confirmation_url(secret) == f"{public_base}/register/{secret}/confirmation"
        assert urls.delegate_calendar_url("abc") == f"{public_base}/calendar/abc.ics"
        assert urls.meeting_calendar_url(meeting) == f"{public_base}/meetings/em/calendar.ics"
        assert urls.series_calendar_url(meeting) == f"{public_base}/meetings/em/series.ics"
        assert urls.deadline_calendar_url(meeting) == f"{public_base}/meetings/em/deadline.ics"
        assert urls.secretariat_calendar_url(meeting.secretariat) == \
            f"{public_base}/secretariats/unodc/calendar.ics"
        assert urls.webcal(urls.meeting_calendar_url(meeting)) == \
            "webcal://meetings.example.org/meetings/em/calendar.ics"


def test_without_the_setting_links_take_the_address_of_the_request(app, link):
    with app.test_request_context("/", base_url="http://intranet.example:8000"):
        assert urls.registration_url("s") == "http://intranet.example:8000/register/s"


def test_the_confirmation_page_and_email_use_the_public_base(client, link, public_base, mailbox):
    from meetings.services.outbox import deliver
    from tests.test_registration import form, person, post

    response = post(client, link["secret"], form(person("Ingrid", "Koller", "head",
                                                        [link["meeting"].id])))
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert f'href="{public_base}/calendar/' in page
    deliver()
    [mail] = mailbox.messages
    body = mail.get_body(("plain",)).get_content()
    assert f"{public_base}/calendar/" in body and "webcal://meetings.example.org/calendar/" in body
    assert f"before the deadline (24 September 2012, Europe/Vienna): " \
           f"{public_base}/register/{link['secret']}" in body
    assert "localhost" not in body


def test_the_officers_new_link_uses_the_public_base(client, link, public_base, make_user,
                                                    login_as):
    login_as(make_user(link["meeting"].secretariat, Role.OFFICER))
    page = client.post(f"/secretariat/invitations/{link['invitation'].id}/link",
                       data={"confirmed": "1"})
    page = page.get_data(as_text=True)
    assert f"<code>{public_base}/register/" in page


def _guess_until_refused(client, headers):
    for _ in range(private_links.MAX_FAILURES):
        assert client.get(f"/register/{'B' * 43}", headers=headers,
                          environ_base=PROXY).status_code == 404
    return client.get(f"/register/{'C' * 43}", headers=headers, environ_base=PROXY).status_code


def test_behind_a_trusted_proxy_two_clients_are_counted_apart(app, database_url, link,
                                                              tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGS_INSTANCE_PATH", str(tmp_path))
    proxied = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "PROXY_FIX_X_FOR": 1,
                          "SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False,
                          "FIXED_NOW": NOW})
    client = proxied.test_client()
    assert _guess_until_refused(client, {"X-Forwarded-For": "203.0.113.7"}) == 429
    # A neighbour's own wrong guess is answered as a wrong link, not refused: it has its own count
    # (and a valid link always opens, whoever else guessed).
    neighbour = client.get("/register/" + "Z" * 43, environ_base=PROXY,
                           headers={"X-Forwarded-For": "198.51.100.23"})
    assert neighbour.status_code == 404


def test_without_the_setting_the_forwarded_header_is_ignored(client, link):
    assert _guess_until_refused(client, {"X-Forwarded-For": "203.0.113.7"}) == 429
    neighbour = client.get("/register/" + "Z" * 43, environ_base=PROXY,
                           headers={"X-Forwarded-For": "198.51.100.23"})
    assert neighbour.status_code == 429  # everyone behind the proxy shares its address


def test_the_number_of_trusted_proxies_is_read_from_the_environment():
    from meetings.config import from_environment

    assert from_environment({"PROXY_FIX_X_FOR": "2"})["PROXY_FIX_X_FOR"] == 2
