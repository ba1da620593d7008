"""Staff join through a one-time link, change and reset their passwords, and leave for good."""
import re
from datetime import timedelta

import sqlalchemy as sa

from meetings import clock
from meetings.extensions import db
from meetings.models import AccountToken, OutboxMessage, Role, TokenPurpose, User
from meetings.services import staff
from tests.conftest import PASSWORD
from tests.helpers import text_of

NEW_PASSWORD = "silk road caravanserai"


def link_in(message: OutboxMessage) -> str:
    return re.search(r"/secretariat/account/link/(\S+)", message.body).group(1)


def test_an_administrator_invites_an_officer_who_sets_a_password_and_signs_in(
        app, client, login_as, make_secretariat, make_user):
    ots = make_secretariat("ots")
    login_as(make_user(ots, Role.ADMIN))
    response = client.post("/secretariat/secretariats/ots/staff", data={
        "name": "Aigerim Sultanova", "email": "A.Sultanova@turkicstates.org", "role": "officer"})
    assert response.status_code == 302
    [message] = db.session.scalars(sa.select(OutboxMessage)).all()
    assert message.to == ["a.sultanova@turkicstates.org"]
    secret = link_in(message)
    officer = db.session.scalar(sa.select(User).where(User.email == message.to[0]))
    assert officer.role_in(ots) == Role.OFFICER

    other = app.test_client()
    weak = other.post(f"/secretariat/account/link/{secret}", data={"password": "password1234"})
    assert weak.status_code == 422 and "among the most common" in text_of(weak)
    short = other.post(f"/secretariat/account/link/{secret}", data={"password": "istanbul"})
    assert "at least 12 characters" in text_of(short)
    assert other.post(f"/secretariat/account/link/{secret}",
                      data={"password": NEW_PASSWORD}).status_code == 302
    assert other.post("/secretariat/login", data={"email": officer.email,
                                                  "password": NEW_PASSWORD}).status_code == 302
    page = text_of(client.get("/secretariat/secretariats/ots/staff"))
    assert re.search(r"Aigerim Sultanova a.sultanova@turkicstates.org .*? \d\d \w{3} 20\d\d "
                     r"\d\d:\d\d UTC", page)  # when she last signed in
    db.session.expire_all()
    assert officer.last_login_at is not None


def test_a_used_an_expired_and_a_wrong_link_answer_exactly_like_an_unknown_one(
        app, client, make_secretariat, make_user):
    user = make_user(make_secretariat("ots"), Role.OFFICER)
    used = staff.issue_link(user, TokenPurpose.WELCOME)
    expired = staff.issue_link(user, TokenPurpose.RESET)
    db.session.commit()
    assert client.post(f"/secretariat/account/link/{used}", data={"password": NEW_PASSWORD},
                       follow_redirects=True).status_code == 200
    app.config["FIXED_NOW"] = clock.now() + timedelta(hours=2, seconds=1)
    try:
        answers = [client.get(f"/secretariat/account/link/{secret}")
                   for secret in (used, expired, "A" * 43, "not-even-a-secret", expired[:-1] + "x")]
    finally:
        app.config.pop("FIXED_NOW")
    assert {a.status_code for a in answers} == {404}
    assert len({a.get_data() for a in answers}) == 1
    assert client.post(f"/secretariat/account/link/{used}",
                       data={"password": "another long password"}).status_code == 404
    db.session.expire_all()
    assert user.check_password(NEW_PASSWORD)


def test_a_new_link_ends_the_previous_one(client, make_secretariat, make_user):
    user = make_user(make_secretariat("ots"), Role.OFFICER)
    first = staff.issue_link(user, TokenPurpose.WELCOME)
    second = staff.issue_link(user, TokenPurpose.WELCOME)
    db.session.commit()
    assert client.get(f"/secretariat/account/link/{first}").status_code == 404
    assert client.get(f"/secretariat/account/link/{second}").status_code == 200


def test_deactivating_an_account_ends_its_sessions_at_once(
        app, client, login_as, make_secretariat, make_user):
    ots = make_secretariat("ots")
    login_as(make_user(ots, Role.ADMIN))
    leaving = make_user(ots, Role.OFFICER)
    theirs = app.test_client()
    theirs.post("/secretariat/login", data={"email": leaving.email, "password": PASSWORD})
    assert theirs.get("/secretariat/").status_code == 200
    membership = leaving.memberships[0]
    response = client.post(f"/secretariat/secretariats/ots/staff/{membership.id}/deactivate",
                           follow_redirects=True)
    assert "the account's sessions have ended" in text_of(response)
    assert theirs.get("/secretariat/").status_code == 302  # back to sign-in
    assert theirs.post("/secretariat/login", data={"email": leaving.email, "password": PASSWORD}
                       ).status_code == 400
    reset = staff.issue_link(leaving, TokenPurpose.RESET)
    db.session.commit()
    assert theirs.get(f"/secretariat/account/link/{reset}").status_code == 404


def test_roles_change_but_the_last_administrator_stays(
        client, login_as, make_secretariat, make_user):
    ots = make_secretariat("ots")
    admin = make_user(ots, Role.ADMIN)
    viewer = make_user(ots, Role.VIEWER)
    login_as(admin)
    client.post(f"/secretariat/secretariats/ots/staff/{viewer.memberships[0].id}/role",
                data={"role": "officer"})
    refused = client.post(f"/secretariat/secretariats/ots/staff/{admin.memberships[0].id}/role",
                          data={"role": "viewer"})
    assert refused.status_code == 409
    assert "no administrator left" in text_of(refused)
    db.session.expire_all()
    assert (viewer.role_in(ots), admin.role_in(ots)) == (Role.OFFICER, Role.ADMIN)
    login_as(viewer)
    assert client.get("/secretariat/secretariats/ots/staff").status_code == 403


def test_everyone_changes_their_own_password_with_the_old_one(
        client, login_as, make_secretariat, make_user):
    user = make_user(make_secretariat("ots"), Role.VIEWER)
    login_as(user)
    wrong = client.post("/secretariat/account/password",
                        data={"old_password": "guess", "new_password": NEW_PASSWORD})
    assert wrong.status_code == 422 and "not your current password" in text_of(wrong)
    assert client.post("/secretariat/account/password", data={
        "old_password": PASSWORD, "new_password": NEW_PASSWORD}).status_code == 302
    db.session.expire_all()
    assert user.check_password(NEW_PASSWORD)


def test_a_reset_answers_the_same_for_any_address_and_is_throttled(
        client, make_secretariat, make_user):
    user = make_user(make_secretariat("ots"), Role.OFFICER)
    known = client.post("/secretariat/account/forgot", data={"email": user.email.upper()})
    unknown = client.post("/secretariat/account/forgot", data={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data() == unknown.get_data()
    for _ in range(5):
        client.post("/secretariat/account/forgot", data={"email": user.email})
    messages = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert len(messages) == staff.RESETS_PER_HOUR and {m.to[0] for m in messages} == {user.email}
    latest = link_in(messages[-1])
    assert all(client.get(f"/secretariat/account/link/{link_in(m)}").status_code == 404
               for m in messages[:-1])  # each new link ends the one before
    assert client.post(f"/secretariat/account/link/{latest}",
                       data={"password": NEW_PASSWORD}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(AccountToken.id))) == 3


def test_create_user_prints_a_link_instead_of_taking_a_password(runner, client,
                                                                make_secretariat):
    make_secretariat("ots")
    result = runner.invoke(args=["create-user", "--email", "Officer@Example.org", "--name",
                                 "An Officer", "--secretariat", "ots", "--role", "officer",
                                 "--service-admin"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(User.is_service_admin).where(
        User.email == "officer@example.org")) is True
    secret = re.search(r"/secretariat/account/link/(\S+)", result.output).group(1)
    assert client.post(f"/secretariat/account/link/{secret}",
                       data={"password": NEW_PASSWORD}).status_code == 302
    weak = runner.invoke(args=["create-user", "--email", "b@example.org", "--name", "B",
                               "--password-stdin"], input="123456789012\n")
    assert weak.exit_code != 0 and "among the most common" in weak.output
    assert staff.password_problem("aaaaaaaaaaaaaaaa") is not None


def test_a_colleague_who_already_has_an_account_gets_the_role_but_no_password_link(
        client, login_as, make_secretariat, make_user):
    cica, ots = make_secretariat("cica"), make_secretariat("ots")
    colleague = make_user(cica, Role.OFFICER)
    login_as(make_user(ots, Role.ADMIN))
    client.post("/secretariat/secretariats/ots/staff", data={
        "name": "Someone", "email": colleague.email, "role": "viewer"})
    [message] = db.session.scalars(sa.select(OutboxMessage)).all()
    assert "/account/link/" not in message.body and "your usual password" in message.body
    db.session.expire_all()
    assert colleague.role_in(ots) == Role.VIEWER and colleague.check_password(PASSWORD)
