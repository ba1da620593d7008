"""Signing in and out: guessing is slowed down, and a session ends when it should, copies too."""
from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from meetings.config import from_environment
from meetings.extensions import db
from meetings.models import LoginAttempt, User
from meetings.models.types import utcnow
from meetings.services.sign_in import backoff
from tests.conftest import PASSWORD

LOGIN = "/secretariat/login"
HOME = "/secretariat/"


def fresh(client, method, *args, **kwargs):
    """A request in its own app context, as in production: no user cached from the last one."""
    with client.application.app_context():
        return getattr(client, method)(*args, **kwargs)


def sign_in(client, email, password=PASSWORD, address="192.0.2.1", **extra):
    return fresh(client, "post", LOGIN, data={"email": email, "password": password, **extra},
                 environ_base={"REMOTE_ADDR": address})


def signed_in(client) -> bool:
    return fresh(client, "get", HOME).status_code == 200


@pytest.fixture
def officer(make_user, make_secretariat) -> User:
    return make_user(make_secretariat())


@pytest.fixture
def frozen_clock(app):
    """Sign-in waits are measured on the service's clock, which the test moves."""
    app.config["FIXED_NOW"] = utcnow()
    yield app.config
    app.config.pop("FIXED_NOW", None)


def test_forty_wrong_passwords_then_the_right_one_does_not_sign_in(client, officer, frozen_clock):
    answers = [sign_in(client, officer.email, f"guess {n}").status_code for n in range(40)]
    assert answers[:5] == [400] * 5 and set(answers[5:]) == {429}

    right = sign_in(client, officer.email)
    assert right.status_code == 429
    assert "Too many wrong passwords" in right.get_data(as_text=True)
    assert int(right.headers["Retry-After"]) >= 1
    assert not signed_in(client)

    frozen_clock["FIXED_NOW"] += timedelta(minutes=16)  # a quarter of an hour at most
    assert sign_in(client, officer.email).status_code == 302
    assert signed_in(client)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginAttempt).where(
        LoginAttempt.kind == "account")) == 0  # the right password wipes the account's slate


def test_the_wait_doubles_with_every_further_failure_up_to_a_quarter_of_an_hour():
    assert [backoff(n, 5).total_seconds() for n in (4, 5, 6, 7, 8)] == [0, 1, 2, 4, 8]
    assert backoff(40, 5) == backoff(10_000, 5) == timedelta(minutes=15)


def test_one_address_trying_many_accounts_is_slowed_down_but_not_the_others(
    client, app, officer, frozen_clock
):
    for n in range(20):  # four tries on each of five accounts: no account reaches its limit
        assert sign_in(client, f"someone{n % 5}@example.org", "guess").status_code == 400
    assert sign_in(client, officer.email).status_code == 429  # even the right password waits
    assert sign_in(app.test_client(), officer.email, address="198.51.100.7").status_code == 302


def test_unknown_and_known_accounts_take_as_long_to_refuse(client, officer, make_user):
    sign_in(client, "warm-up@example.org", "x", address="203.0.113.250")

    def seconds(email, n):
        started = time.perf_counter()
        response = sign_in(client, email, "wrong", address=f"203.0.113.{n}")
        assert response.status_code == 400
        return time.perf_counter() - started

    known = statistics.median(seconds(officer.email, n)
                              for n in range(4))
    unknown = statistics.median(seconds(f"nobody{n}@example.org", 10 + n) for n in range(4))
    assert 0.5 < unknown / known < 2, (unknown, known)
    inactive = make_user(email="gone@example.org")
    inactive.active = False
    db.session.commit()
    assert 0.5 < statistics.median(seconds(inactive.email, 20 + n) for n in range(3)) / known < 2


@pytest.mark.parametrize("target", [
    "/%09/evil.example", "//evil.example", "\\\\evil.example", "/\\evil.example",
    "https://evil.example/", "http:evil.example", "javascript:alert(1)", "/%0d%0a/evil.example",
    "evil.example",
])
def test_sign_in_only_follows_paths_on_this_site(client, officer, target):
    response = fresh(client, "post", f"{LOGIN}?next={target}",
                     data={"email": officer.email, "password": PASSWORD})
    assert response.status_code == 302 and response.location == HOME


def test_sign_in_follows_a_path_on_this_site(client, officer):
    response = fresh(client, "post", f"{LOGIN}?next=/secretariat/groups%3Fpage%3D2",
                     data={"email": officer.email, "password": PASSWORD})
    assert response.location == "/secretariat/groups?page=2"


def copy_of(client, app, cookie_name):
    """Another browser holding a copy of this client's cookie (as a thief would)."""
    thief = app.test_client()
    thief.set_cookie(cookie_name, client.get_cookie(cookie_name).value)
    return thief


def test_a_session_cookie_copied_before_sign_out_is_worthless_after_it(client, app, officer):
    sign_in(client, officer.email)
    thief = copy_of(client, app, "session")
    assert signed_in(thief)  # the copy works while the officer is signed in

    fresh(client, "post", "/secretariat/logout")
    assert not signed_in(client)
    assert not signed_in(thief)


def test_remember_me_is_new_at_each_sign_in_lax_short_and_gone_at_sign_out(client, app, officer):
    first = sign_in(client, officer.email, remember="y")
    cookie = next(c for c in first.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie
    expires = client.get_cookie("remember_token").expires
    assert timedelta(days=13) < expires - utcnow() <= timedelta(days=14)
    token = client.get_cookie("remember_token").value
    thief = copy_of(client, app, "remember_token")
    assert signed_in(thief)  # without any session cookie: the remember-me cookie alone

    again = app.test_client()
    sign_in(again, officer.email, remember="y")
    assert again.get_cookie("remember_token").value != token  # rotated at every sign-in

    fresh(client, "post", "/secretariat/logout")
    assert client.get_cookie("remember_token") is None  # no remember cookie survives sign-out
    assert not signed_in(copy_of(again, app, "remember_token"))  # and no copy of one either
    thief.delete_cookie("session")
    assert not signed_in(thief)


def test_a_new_password_ends_every_session_of_the_account(client, app, officer):
    sign_in(client, officer.email, remember="y")
    remembered = copy_of(client, app, "remember_token")
    officer.set_password("a completely new passphrase")
    db.session.commit()
    assert not signed_in(client)
    assert not signed_in(remembered)


def test_a_deactivated_account_is_signed_out_at_once(client, officer):
    sign_in(client, officer.email)
    assert signed_in(client)
    officer.active = False
    db.session.commit()
    assert not signed_in(client)
    assert sign_in(client, officer.email).status_code == 400


def test_a_staff_session_expires(client, app, officer):
    app.config["PERMANENT_SESSION_LIFETIME"] = 1
    try:
        response = sign_in(client, officer.email)
        assert "Expires=" in next(c for c in response.headers.getlist("Set-Cookie")
                                  if c.startswith("session="))
        assert signed_in(client)
        time.sleep(2.1)
        assert not signed_in(client)
    finally:
        app.config["PERMANENT_SESSION_LIFETIME"] = 12 * 3600


def test_cookie_flags_and_lifetimes_come_from_the_environment():
    found = from_environment({
        "SESSION_COOKIE_SECURE": "true", "REMEMBER_COOKIE_SECURE": "1",
        "SESSION_COOKIE_SAMESITE": "Strict", "REMEMBER_COOKIE_SAMESITE": "Strict",
        "PERMANENT_SESSION_LIFETIME": "3600", "REMEMBER_COOKIE_DURATION": "86400",
    })
    assert found == {
        "SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True,
        "SESSION_COOKIE_SAMESITE": "Strict", "REMEMBER_COOKIE_SAMESITE": "Strict",
        "PERMANENT_SESSION_LIFETIME": 3600, "REMEMBER_COOKIE_DURATION": 86400,
    }


def test_guesses_sent_at_once_are_all_counted_and_the_right_password_still_waits(
    app, officer, frozen_clock
):
    """Ten browsers (or ten instances) guessing together: no count is lost to a race."""
    from concurrent.futures import ThreadPoolExecutor

    email = officer.email

    def guess(n):
        client = app.test_client()
        return [sign_in(client, email, f"guess {n}-{k}").status_code for k in range(3)]

    with ThreadPoolExecutor(10) as pool:
        answers = [code for codes in pool.map(guess, range(10)) for code in codes]
    assert set(answers) <= {400, 429} and answers.count(400) >= 5
    counted = db.session.scalar(sa.select(LoginAttempt.failures).where(
        LoginAttempt.kind == "account", LoginAttempt.key == email))
    assert counted == answers.count(400)  # every refused password counted, none twice
    assert sign_in(app.test_client(), email).status_code == 429
