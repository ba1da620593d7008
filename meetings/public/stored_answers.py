"""Deadline-day polls answered before Flask builds a request.

Thousands of calendar programs poll the public calendars, and visitors reload the public meeting
page. When the stored copy is current, the answer is that copy (or 304 when the client already
holds it), read in one statement on a connection of the pool; building a Flask request, a session
and an ORM transaction for it cost several times more than the query. Whatever is not such a
poll, or not current (a stale copy, a draft or unknown meeting, a signed-in visitor, a range or
an If-Modified-Since question) goes on to the views, which build and store the copy and stay the
reference: the tests check that both answer alike. Nothing is answered from memory, so several
instances on one database agree.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from flask import Flask
from werkzeug.exceptions import SecurityError
from werkzeug.http import http_date
from werkzeug.wrappers import Request

from meetings import clock, default_headers, languages
from meetings.public.feed_views import FILENAMES, GZIP_SUFFIX, PUBLIC_CACHE
from meetings.services import feeds

log = logging.getLogger(__name__)

# A slug as the services allow it (anything else, a newline say, is left to the views: the slug
# is also the file's name in a header).
SLUG = r"([a-z0-9][a-z0-9-]*)"
CALENDAR = re.compile(rf"/(?:(meetings)/{SLUG}/(calendar|series|deadline)|(secretariats)/{SLUG}/calendar)\.ics")
PAGE = re.compile(rf"/meetings/{SLUG}")
KINDS = {"calendar": "meeting", "series": "series", "deadline": "deadline"}
# Questions only the views answer: ranges and preconditions (and, in _calendar, a date as the
# validator, which counts only without an ETag).
LEFT_TO_VIEWS = ("HTTP_RANGE", "HTTP_IF_RANGE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")

StartResponse = Callable[..., Any]


class StoredAnswers:
    """WSGI middleware in front of the Flask app (see the module's docstring)."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self._engine: sa.Engine | None = None
        self._compiled: dict[sa.TextualSelect, tuple[str, list[str] | None]] = {}

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "GET" and not any(h in environ for h in LEFT_TO_VIEWS):
            try:
                answer = self._answer(environ)
            except (sa.exc.SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error):
                # the views answer, with their own error handling
                log.warning("stored answer failed; the views answer", exc_info=True)
                answer = None
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
                return [body]
        return self.wsgi_app(environ, start_response)

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None:
            from meetings.extensions import db

            with self.app.app_context():
                self._engine = db.engine
        return self._engine

    def _run(self, statement: sa.TextualSelect, parameters: dict[str, Any]) -> Sequence[Any] | None:
        """The poll on a DBAPI connection of the app's pool (so with its idle ping), without
        SQLAlchemy's execution machinery: 100-200 µs less a poll. On PostgreSQL it runs in
        autocommit (no BEGIN and ROLLBACK), which is always switched back before the connection
        returns to the pool, or the connection is thrown away."""
        engine = self.engine
        if (compiled := self._compiled.get(statement)) is None:
            done = statement.compile(dialect=engine.dialect)
            compiled = self._compiled[statement] = (done.string, done.positiontup)
        sql, order = compiled
        postgres = engine.dialect.name == "postgresql"
        connection = engine.raw_connection()
        driver = connection.driver_connection
        clean = False
        try:
            if postgres:
                driver.autocommit = True  # type: ignore[union-attr]
            cursor = connection.cursor()
            try:
                cursor.execute(sql, [parameters[name] for name in order] if order else parameters)
                row = cursor.fetchone()
            finally:
                cursor.close()
            if postgres:
                driver.autocommit = False  # type: ignore[union-attr]
            clean = True
        finally:
            if not clean:  # whatever failed, this connection is not used again
                connection.invalidate()
            connection.close()
        return row

    def _answer(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        request = Request(environ)
        if (trusted := self.app.config.get("TRUSTED_HOSTS")) is not None:
            request.trusted_hosts = trusted  # as Flask does: any other Host gets the views' 400
            try:
                request.host  # noqa: B018
            except SecurityError:
                return None
        path = request.path
        if found := CALENDAR.fullmatch(path):
            kind = KINDS[found[3]] if found[1] else "secretariat"
            return self._calendar(request, kind, found[2] or found[5])
        if (found := PAGE.fullmatch(path)) and self._anonymous(request):
            return self._page(request, found[1])
        return None

    def _anonymous(self, request: Request) -> bool:
        """As the view's own test: no session and no remembered sign-in, so the page is shared."""
        config = self.app.config
        return (config["SESSION_COOKIE_NAME"] not in request.cookies
                and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in request.cookies)

    def _calendar(self, request: Request, kind: str, slug: str):
        asked = request.if_none_match
        if not asked and "HTTP_IF_MODIFIED_SINCE" in request.environ:
            return None  # without an ETag to compare, the date decides: the views compare it
        gzipped = request.accept_encodings["gzip"] > 0
        held = next(iter(asked.as_set()), None) if asked else None
        if held is not None and held.endswith(GZIP_SUFFIX):
            held = held[:-len(GZIP_SUFFIX)]
        found = feeds.poll(kind, slug, languages.asked(request.args), run=self._run,
                           body="body_gzip" if gzipped else "body", held=held)
        if found is None or (kind == "deadline" and not found.has_deadline):
            return None
        fresh = found.freshness
        if not fresh.unchanged or fresh.etag is None:
            return None  # the view rebuilds it
        etag = fresh.etag + (GZIP_SUFFIX if gzipped else "")
        # Vary as the views send it (they read the session, for Flask-Login).
        headers = [("Cache-Control", PUBLIC_CACHE), ("Vary", "Accept-Encoding, Cookie"),
                   ("ETag", f'"{etag}"')]
        if asked.contains_weak(fresh.etag) or asked.contains_weak(fresh.etag + GZIP_SUFFIX):
            return "304 NOT MODIFIED", [*headers, *default_headers()], b""
        if fresh.body is None:
            return None  # stored before compressed copies were kept, or its ETag was held
        headers += [("Content-Type", "text/calendar; charset=utf-8"),
                    ("Content-Length", str(len(fresh.body))),
                    ("Content-Disposition",
                     f'inline; filename="{FILENAMES[kind].format(slug)}"'),
                    ("Last-Modified", http_date(fresh.last_modified)),
                    ("Date", http_date(datetime.now(timezone.utc)))]
        if gzipped:
            headers.append(("Content-Encoding", "gzip"))
        return "200 OK", [*headers, *default_headers()], fresh.body

    def _page(self, request: Request, slug: str):
        found = feeds.poll("meeting", slug, languages.asked(request.args),
                           prefix=feeds.page_prefix(request.url_root),
                           moment=clock.minute(clock.now(self.app.config)), body="body",
                           run=self._run)
        if found is None or not found.freshness.unchanged or found.freshness.body is None:
            return None
        body = found.freshness.body
        headers = [("Content-Type", "text/html; charset=utf-8"),
                   ("Content-Length", str(len(body))), ("Vary", "Cookie")]
        return "200 OK", [*headers, *default_headers()], body


def install(app: Flask) -> None:
    """In front of the app (inside ProxyFix, which is installed after it), unless turned off."""
    if app.config.get("STORED_ANSWERS", True):
        app.wsgi_app = StoredAnswers(app, app.wsgi_app)  # type: ignore[method-assign]

