"""Deadline-day polls of public calendars and pages are answered from the stored copy before
Flask builds a request, and the answer is the one the views would give; anything not current
goes on to the views."""
from datetime import date, datetime, time, timezone
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.test import Client, EnvironBuilder
from werkzeug.wrappers import Response

from meetings import _ping_idle_connections
from meetings.extensions import db
from meetings.models import AuditEvent, CalendarFeed, MeetingStatus, Secretariat
from meetings.public.stored_answers import StoredAnswers
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor

GZIP = {"Accept-Encoding": "gzip"}


@pytest.fixture
def open_meeting(app, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc")
    meeting = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN,
                           languages=["en", "fr"])
    meeting_service.add_sitting(meeting, {"day": date(2012, 10, 22), "starts_at": time(10),
                                          "ends_at": time(13), "room": "Board Room A"},
                                Actor.system("test"))
    db.session.commit()
    app.config["FIXED_NOW"] = datetime(2012, 9, 20, 8, 0, tzinfo=timezone.utc)
    return meeting


def stored_answers(app: Flask) -> StoredAnswers:
    assert isinstance(app.wsgi_app, StoredAnswers), "installed in front of the app"
    return app.wsgi_app


def answered_before_flask(app: Flask, path: str, headers: dict[str, str] | None = None):
    environ = EnvironBuilder(path=path, headers=headers or {}).get_environ()
    return stored_answers(app)._answer(environ)


def by_the_views(app: Flask, path: str, headers: dict[str, str] | None = None) -> Response:
    """The same request, answered by the views alone."""
    return Client(stored_answers(app).wsgi_app, Response).get(path, headers=headers or {})


def comparable(response: Response) -> tuple:
    headers = sorted((k, v) for k, v in response.headers.items() if k != "Date")
    return response.status_code, headers, response.get_data()


@pytest.mark.parametrize("path", [
    "/meetings/em/calendar.ics", "/meetings/em/series.ics", "/meetings/em/deadline.ics",
    "/meetings/em/calendar.ics?lang=fr", "/secretariats/unodc/calendar.ics", "/meetings/em",
    "/meetings/em?lang=fr",
])
@pytest.mark.parametrize("headers", [{}, GZIP], ids=["plain", "gzip"])
def test_a_current_copy_is_sent_as_the_views_send_it(app, client, open_meeting, path, headers):
    first = client.get(path, headers=headers)  # stale: the views build and store it
    assert first.status_code == 200
    assert answered_before_flask(app, path, headers) is not None
    again = client.get(path, headers=headers)
    assert comparable(again) == comparable(by_the_views(app, path, headers))
    assert again.get_data() == first.get_data()


@pytest.mark.parametrize("path", ["/meetings/em/calendar.ics", "/secretariats/unodc/calendar.ics"])
def test_a_client_holding_the_current_file_gets_304_either_copy(app, client, open_meeting, path):
    plain = client.get(path).headers["ETag"]
    gzipped = client.get(path, headers=GZIP).headers["ETag"]
    assert gzipped == plain[:-1] + '-gz"'
    for held in (plain, gzipped):
        for accepts in ({}, GZIP):
            headers = {**accepts, "If-None-Match": held}
            assert answered_before_flask(app, path, headers)[0] == "304 NOT MODIFIED"
            fast = client.get(path, headers=headers)
            assert fast.status_code == 304 and fast.get_data() == b""
            assert comparable(fast) == comparable(by_the_views(app, path, headers))


def test_a_change_sends_the_poll_on_to_the_views_which_rebuild(app, client, open_meeting):
    path = "/meetings/em/calendar.ics"
    held = client.get(path).headers["ETag"]
    meeting_service.add_sitting(open_meeting, {"day": date(2012, 10, 23), "starts_at": time(15),
                                               "ends_at": time(18), "room": "Board Room B"},
                                Actor.system("test"))
    db.session.commit()
    assert answered_before_flask(app, path, {"If-None-Match": held}) is None
    rebuilt = client.get(path, headers={"If-None-Match": held})
    assert rebuilt.status_code == 200 and b"Board Room B" in rebuilt.get_data()
    assert answered_before_flask(app, path) is not None  # stored again for the next poll


def test_what_is_not_public_or_not_there_is_left_to_the_views(app, client, open_meeting,
                                                              make_meeting):
    make_meeting(open_meeting.secretariat, "draft", status=MeetingStatus.DRAFT)
    make_meeting(open_meeting.secretariat, "no-deadline", status=MeetingStatus.REGISTRATION_OPEN,
                 registration_deadline=None)
    for path in ("/meetings/draft/calendar.ics", "/meetings/draft", "/meetings/nothing.ics",
                 "/meetings/no-deadline/deadline.ics", "/secretariats/nobody/calendar.ics"):
        client.get(path)
        assert answered_before_flask(app, path) is None, path
        assert client.get(path).status_code == 404, path


def test_ranges_dates_and_signed_in_visitors_are_left_to_the_views(app, client, open_meeting):
    client.get("/meetings/em/calendar.ics")
    client.get("/meetings/em")
    assert answered_before_flask(app, "/meetings/em") is not None
    for headers in ({"Range": "bytes=0-10"}, {"If-Modified-Since": "Wed, 02 Dec 2099 10:00:00 GMT"},
                    {"If-Match": '"x"'}):
        path = "/meetings/em/calendar.ics"
        assert comparable(client.get(path, headers=headers)) == comparable(
            by_the_views(app, path, headers)), headers
    for cookie in ("session=x", "remember_token=y"):
        assert answered_before_flask(app, "/meetings/em", {"Cookie": cookie}) is None
    assert answered_before_flask(app, "/meetings/em", {"Cookie": "consent=yes"}) is not None


def test_an_idle_connection_the_server_dropped_is_replaced_before_use(database_url):
    """Without pool_pre_ping, a connection idle past DATABASE_PING_AFTER is pinged first."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite files are never dropped by a server")

    def backend(engine: sa.Engine) -> int:
        with engine.connect() as connection:
            return connection.scalar(sa.text("SELECT pg_backend_pid()"))

    def drop(pid: int) -> None:
        with sa.create_engine(database_url).connect() as other:
            other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    pinged = sa.create_engine(database_url, pool_size=1)
    _ping_idle_connections(pinged, after=0)
    dropped = backend(pinged)
    drop(dropped)
    assert backend(pinged) != dropped  # a new connection, and no error

    trusted = sa.create_engine(database_url, pool_size=1)  # what a busy connection risks
    dropped = backend(trusted)
    drop(dropped)
    with pytest.raises(sa.exc.OperationalError):
        backend(trusted)
    assert backend(trusted) != dropped  # the pool reconnects after the one failure
    pinged.dispose()
    trusted.dispose()


@pytest.mark.parametrize("since", ["Wed, 02 Dec 2099 10:00:00 GMT", "Sat, 01 Jan 2000 00:00:00 GMT"])
def test_a_date_without_an_etag_is_compared_as_the_views_compare_it(app, client, open_meeting,
                                                                     since):
    """If-Modified-Since alone decides (304 when the file is not newer); beside an ETag it does
    not, and the ETag is compared before Flask as usual."""
    path = "/meetings/em/calendar.ics"
    etag = client.get(path).headers["ETag"]
    for headers in ({"If-Modified-Since": since}, {"If-Modified-Since": since, **GZIP}):
        fast = client.get(path, headers=headers)
        assert comparable(fast) == comparable(by_the_views(app, path, headers))
    later = client.get(path, headers={"If-Modified-Since": "Wed, 02 Dec 2099 10:00:00 GMT"})
    assert later.status_code == 304
    both = {"If-Modified-Since": since, "If-None-Match": etag}
    assert answered_before_flask(app, path, both)[0] == "304 NOT MODIFIED"
    other = {"If-Modified-Since": since, "If-None-Match": '"another"'}
    assert answered_before_flask(app, path, other)[0] == "200 OK"
    assert comparable(client.get(path, headers=other)) == comparable(
        by_the_views(app, path, other))


@pytest.mark.parametrize("path", ["/meetings/em%00/calendar.ics", "/meetings/em%00",
                                  "/secretariats/unodc%00/calendar.ics"])
def test_a_nul_byte_in_a_slug_is_not_found_on_either_database(app, client, open_meeting, path):
    """PostgreSQL refuses a NUL in a string: no query is sent, and the answer is 404 as on SQLite."""
    client.get(path.replace("%00", ""))
    assert answered_before_flask(app, path) is None
    assert client.get(path).status_code == 404
    assert by_the_views(app, path).status_code == 404


def test_a_page_is_stored_for_the_address_it_was_asked_at(app, client, open_meeting):
    """Its links are those of its address: another host, scheme or mount path (SCRIPT_NAME) is
    another copy, never this one."""
    client.get("/meetings/em")
    assert answered_before_flask(app, "/meetings/em") is not None
    for base in ("http://localhost/prefix/", "https://localhost/", "http://other.example/"):
        environ = EnvironBuilder(path="/meetings/em", base_url=base).get_environ()
        assert stored_answers(app)._answer(environ) is None, base
        page = Client(app.wsgi_app, Response).get("/meetings/em", base_url=base)
        again = Client(app.wsgi_app, Response).get("/meetings/em", base_url=base)
        assert stored_answers(app)._answer(environ) is not None, base
        views = Client(stored_answers(app).wsgi_app, Response).get("/meetings/em", base_url=base)
        assert comparable(page) == comparable(again) == comparable(views)
        root = base.rstrip("/")
        text = page.get_data(as_text=True)
        assert f'href="{root}/meetings/em/calendar.ics"' in text, base
        assert f'href="{urlsplit(root).path}/static/style.css"' in text, base


def test_an_idle_connection_killed_by_the_server_costs_no_answer(database_url, caplog):
    """Through the stored answers and the views alike: the killed connection is replaced."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite files are never dropped by a server")
    from meetings import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": database_url,
                      "DATABASE_PING_AFTER": 0.0})
    with app.app_context():
        secretariat = Secretariat(slug="idle", name="Idle", sender="The Idle", city="Vienna",
                                  timezone="Europe/Vienna", languages=["en"],
                                  invitation_language="en", reference_pattern="I/{year}/{seq}",
                                  reference_next=1, localized={})
        db.session.add(secretariat)
        db.session.commit()
        try:
            path = "/secretariats/idle/calendar.ics"
            web = Client(app.wsgi_app, Response)
            assert web.get(path).status_code == 200  # stored by the views
            assert stored_answers(app)._answer(EnvironBuilder(path=path).get_environ())
            for _ in range(2):  # the connection behind the stored answer, then the views'
                pool = db.engine.pool
                pids = [record.dbapi_connection.info.backend_pid
                        for record in list(pool._pool.queue)]  # type: ignore[attr-defined]
                assert pids
                with sa.create_engine(database_url).connect() as other:
                    for pid in pids:
                        other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                answer = web.get(path)
                assert answer.status_code == 200 and b"BEGIN:VCALENDAR" in answer.get_data()
                assert "stored answer failed" not in caplog.text  # pinged, not failed
                path += "?lang=xx"
        finally:
            db.session.rollback()
            db.session.execute(sa.delete(CalendarFeed).where(CalendarFeed.key.like("secretariat:%")))
            db.session.execute(sa.delete(Secretariat).where(Secretariat.slug == "idle"))
            db.session.commit()
            db.engine.dispose()


def test_a_host_the_app_does_not_trust_is_left_to_the_views(app, client, open_meeting):
    """With TRUSTED_HOSTS set, Flask refuses any other Host: nothing is sent before Flask."""
    for path in ("/meetings/em/calendar.ics", "/meetings/em"):
        client.get(path)
    app.config["TRUSTED_HOSTS"] = ["localhost"]
    try:
        for path in ("/meetings/em/calendar.ics", "/meetings/em"):
            assert answered_before_flask(app, path) is not None  # a trusted host
            environ = EnvironBuilder(path=path, base_url="http://evil.example/").get_environ()
            assert stored_answers(app)._answer(environ) is None, path
    finally:
        app.config["TRUSTED_HOSTS"] = None


def test_only_a_slug_shaped_address_is_answered_before_flask(app, client, open_meeting):
    """The filename in Content-Disposition is the address's slug: a slug the services would not
    create (a newline in a row written by other means) is never sent in a header."""
    secretariat = open_meeting.secretariat
    secretariat.slug = "unodc\n"
    db.session.commit()
    path = "/secretariats/unodc%0A/calendar.ics"
    with pytest.raises(ValueError, match="newline"):
        client.get(path)  # werkzeug refuses the header; the copy was stored before
    assert answered_before_flask(app, path) is None


def test_an_edit_committed_after_a_later_one_still_makes_the_copy_stale(app, client, open_meeting):
    """Audit ids are drawn before commit: edit A draws 11, edit B draws 12 and commits first, a
    poll stores a copy at 12, then A commits. The copy must not stay current."""
    path = "/meetings/em/calendar.ics"
    latest = db.session.scalar(sa.select(sa.func.max(AuditEvent.id)))

    def calendar_change(event_id: int) -> None:
        db.session.add(AuditEvent(id=event_id, actor="test", object_type="Meeting",
                                  object_id=open_meeting.id, action="meeting edited",
                                  secretariat_id=open_meeting.secretariat_id,
                                  meeting_id=open_meeting.id, shown_in_calendars=True))
        db.session.commit()

    calendar_change(latest + 2)  # edit B, committed first
    client.get(path)  # the copy stored after B
    assert answered_before_flask(app, path) is not None
    calendar_change(latest + 1)  # edit A, drawn before B, committed after it
    assert answered_before_flask(app, path) is None  # stale: the views rebuild it


def test_a_poll_that_fails_never_leaves_its_connection_to_the_views(app, open_meeting):
    """The stored answers read in autocommit on PostgreSQL; a connection they leave half-way
    must not come back to the pool, where the views expect transactions."""
    from meetings.services import feeds

    stored = stored_answers(app)
    before = stored.engine.pool.checkedin()
    with pytest.raises((KeyError, stored.engine.dialect.loaded_dbapi.Error)):
        stored._run(feeds._POLL["meetings", None], {"slug": "em"})  # a parameter missing
    assert stored.engine.pool.checkedin() <= before  # thrown away, not returned
    with stored.engine.connect() as connection:  # the next one runs in a transaction
        assert not connection.connection.driver_connection.autocommit \
            if stored.engine.dialect.name == "postgresql" else True
    assert stored._run(feeds._POLL["meetings", None],
                       {"prefix": "meeting:", "slug": "em", "held": None, "suffix": ""})
