"""Fixtures: a real database (SQLite file, or PostgreSQL from DATABASE_URL) built by the migrations."""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade

from meetings import create_app
from meetings.config import database_uri
from meetings.extensions import db
from meetings.models import Meeting, Membership, Party, PartyName, Role, Secretariat, User
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor

PASSWORD = "correct horse battery"
REFERENCE_TABLES = {Party.__tablename__, PartyName.__tablename__}


def test_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """DATABASE_URL when given (CI runs once on PostgreSQL), else a fresh SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url:
        return database_uri(url)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


test_database_url.__test__ = False  # a helper, not a test


def empty_database(url: str) -> None:
    """Start from nothing, as a fresh installation does."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = test_database_url(tmp_path_factory)
    empty_database(url)
    return url


class IsolatedClient(FlaskClient):
    """Each request sees a fresh `g`, as in production: the test's app context would otherwise
    carry the signed-in user (Flask-Login keeps it in `g`) from one request to the next."""

    def open(self, *args, **kwargs):
        if not has_app_context():
            return super().open(*args, **kwargs)
        saved = dict(g.__dict__)
        g.__dict__.clear()
        try:
            return super().open(*args, **kwargs)
        finally:
            g.__dict__.clear()
            g.__dict__.update(saved)


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    instance = tmp_path_factory.mktemp("instance")
    os.environ["MEETINGS_INSTANCE_PATH"] = str(instance)
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",  # production's scrypt costs ~70 ms a hash
        }
    )
    app.test_client_class = IsolatedClient
    with app.app_context():
        upgrade()
    yield app


@pytest.fixture(scope="session")
def _registry_state() -> dict[str, bool]:
    return {"loaded": False, "dirty": False, "demo": False}


@pytest.fixture(autouse=True)
def _clean_tables(app: Flask, _registry_state: dict[str, bool],
                  request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with empty tables; the reference registry is kept unless a test edits it,
    and the demo is kept from one test that only reads it to the next (see `demo_read_only`)."""
    reads_demo = "demo_read_only" in request.fixturenames
    with app.app_context():
        if _registry_state["demo"] and not reads_demo:
            _wipe(_registry_state)  # the demo kept for read-only tests is not this test's data
        yield
        app.config.pop("FIXED_NOW", None)  # a test that moved the clock never moves the next one's
        db.session.rollback()
        db.session.remove()
        if reads_demo:
            return
        _wipe(_registry_state)


def _wipe(state: dict[str, bool]) -> None:
    state["demo"] = False
    keep = set() if state["dirty"] else REFERENCE_TABLES
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE notes SET corrects_id = NULL"))  # refers to itself
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in keep:
                conn.execute(table.delete())
    if state["dirty"]:
        state.update(loaded=False, dirty=False)


@pytest.fixture
def registry(app: Flask, _registry_state: dict[str, bool]) -> None:
    """The shipped States and organizations, loaded once and shared by the tests that read them."""
    from meetings.services.registry import load_registry

    if not _registry_state["loaded"]:
        load_registry()
        db.session.commit()
        _registry_state["loaded"] = True


@pytest.fixture
def edits_registry(registry: None, _registry_state: dict[str, bool]) -> None:
    """For a test that changes the registry: it is wiped and reloaded after the test."""
    _registry_state["dirty"] = True


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def make_secretariat():
    def make(slug: str = "unodc", **values) -> Secretariat:
        defaults = dict(
            name=f"Secretariat {slug}", sender="The Secretary-General of the United Nations",
            city="Vienna", timezone="Europe/Vienna", languages=["en", "fr"],
        )
        secretariat = Secretariat(slug=slug, **{**defaults, **values})
        db.session.add(secretariat)
        db.session.commit()
        return secretariat

    return make


@pytest.fixture
def make_user():
    def make(secretariat: Secretariat | None = None, role: Role = Role.OFFICER,
             email: str | None = None) -> User:
        email = email or f"{role.value}.{secretariat.slug if secretariat else 'none'}@example.org"
        user = User(email=email, name=email.split("@")[0].title())
        user.set_password(PASSWORD)
        db.session.add(user)
        if secretariat is not None:
            db.session.add(Membership(user=user, secretariat=secretariat, role=role))
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_meeting():
    def make(secretariat: Secretariat, slug: str = "expert-meeting", **values) -> Meeting:
        defaults = dict(
            title="Expert meeting on international cooperation", city="Vienna",
            country="Austria", timezone="Europe/Vienna", first_day=date(2012, 10, 22),
            last_day=date(2012, 10, 23), registration_deadline=date(2012, 9, 24),
        )
        meeting = meeting_service.create_meeting(
            secretariat, {"slug": slug, **defaults, **values}, Actor.system("test")
        )
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def login_as(client):
    """Sign in through the real form, as staff do."""

    def login(user: User):
        response = client.post(
            "/secretariat/login", data={"email": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, response.data
        return client

    return login


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]


class LiveServer(str):
    """The server's base address, which also carries the app it serves (to move its clock)."""

    app: Flask


@pytest.fixture(scope="session")
def live_server(app: Flask, database_url: str) -> Iterator[LiveServer]:
    """The service on a loopback port, on the suite's database, with CSRF protection on."""
    import threading

    from werkzeug.serving import make_server

    served = create_app({"SECRET_KEY": "browser-secret", "SQLALCHEMY_DATABASE_URI": database_url,
                         "OUTBOX_WORKER": False})
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = LiveServer(f"http://127.0.0.1:{server.server_port}")
    address.app = served
    yield address
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; the suite installs it (make test), never downloads one."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def count_queries(app: Flask):
    """Counts the SQL statements run inside a `with count_queries() as counted:` block."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        counted = []
        listener = lambda *args: counted.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            yield counted
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)

    return counting


@pytest.fixture
def mailbox(app: Flask):
    """A real SMTP server (aiosmtpd) on loopback; the app sends to it during the test."""
    import socket

    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            import email
            from email import policy

            self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
            return "250 Message accepted for delivery"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield inbox
    controller.stop()
    app.config.update(saved)


@pytest.fixture
def demo(runner, edits_registry):
    """Both demo scenarios, loaded through the real command."""
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def demo_read_only(runner, edits_registry, _registry_state: dict[str, bool]) -> None:
    """The demo for tests that never commit: loaded once and kept until a test of another kind."""
    if not _registry_state["demo"]:
        result = runner.invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        _registry_state["demo"] = True


# An officer of the UNODC secretariat, signed in, and a meeting of theirs: the set-up of most
# workspace tests (a file may define its own instead).
@pytest.fixture
def officer(registry, make_secretariat, make_user, login_as):
    user = make_user(make_secretariat("unodc"), Role.OFFICER)
    login_as(user)
    return user


@pytest.fixture
def meeting(officer, make_meeting):
    return make_meeting(officer.memberships[0].secretariat, "em")
