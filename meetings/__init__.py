"""Invitations, notes verbales and delegation registration for intergovernmental meetings."""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, render_template, request
from flask_babel import gettext
from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

from meetings import config as settings
from meetings.extensions import babel, csrf, db, login_manager, migrate
from meetings.languages import N_

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = str(PACKAGE_DIR / "migrations")


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then instance/config.py, then the environment, then overrides."""
    app = Flask(
        __name__,
        template_folder=str(PACKAGE_DIR.parent / "templates"),
        static_folder=str(PACKAGE_DIR.parent / "static"),
        instance_relative_config=True,
        instance_path=os.environ.get("MEETINGS_INSTANCE_PATH") or str(PACKAGE_DIR.parent / "instance"),
    )
    app.config.update(settings.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(settings.from_environment())
    if overrides:
        app.config.update(overrides)

    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = settings.sqlite_uri(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = settings.database_uri(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.config.get("SECRET_KEY"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SECRET_KEY"] = settings.development_secret_key(app.instance_path)

    if "OUTBOX_WORKER" not in app.config:  # embedded default: the service sends its own mail
        app.config["OUTBOX_WORKER"] = (
            app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and not app.testing)
    _init_extensions(app)
    from meetings.public import stored_answers

    stored_answers.install(app)
    _trust_proxies(app)  # outermost, so the stored answers see the client's host and scheme
    _register_blueprints(app)
    _register_errors(app)
    app.after_request(_security_headers)
    from meetings import cli, filters, logs, worker

    logs.install()
    filters.register(app)
    cli.register(app)
    worker.install(app)
    logging.getLogger("meetings").setLevel(app.config.get("LOG_LEVEL", "INFO"))
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind N trusted proxies, remote_addr is the client, so the guess throttle counts each."""
    trusted = int(app.config.get("PROXY_FIX_X_FOR") or 0)
    if trusted > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)


def _init_extensions(app: Flask) -> None:
    from meetings import models  # noqa: F401  (registers the tables)
    from meetings.access import load_user
    from meetings.i18n import compile_catalogs, select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    compile_catalogs(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "secretariat.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.user_loader(load_user)
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    else:
        _ping_idle_connections(engine, float(app.config["DATABASE_PING_AFTER"]))


def _sqlite_pragmas(engine: Engine) -> None:
    """SQLite ignores foreign keys unless asked; the constraints must hold there too."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def _ping_idle_connections(engine: Engine, after: float) -> None:
    """A pooled connection idle for `after` seconds is pinged before use, and replaced if the
    server dropped it (a restart, a proxy's timeout). pool_pre_ping would cost a round trip on
    every request; a connection in use on deadline day is trusted, and if the server restarts
    under load, each pooled connection fails one request and the pool reconnects."""

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < after:
            return  # just connected, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("the server dropped an idle connection") from error


def _register_blueprints(app: Flask) -> None:
    from meetings import public, registration, secretariat

    public.register(app)
    registration.register(app)
    secretariat.register(app)


@cache
def content_security_policy() -> str:
    """No inline script or style anywhere; the one exception is the fixed stylesheet of a note
    verbale's HTML page (shown in a sandboxed frame), allowed by its hash alone."""
    import base64
    import hashlib
    import re

    from meetings.drafting.render import to_html

    found = re.search(r"<style>(.*?)</style>", to_html([], "en", ""), re.S)
    assert found is not None, "the note's HTML carries its stylesheet"
    note_style = found.group(1)
    digest = base64.b64encode(hashlib.sha256(note_style.encode()).digest()).decode()
    return "; ".join([
        "default-src 'self'", "script-src 'self'", f"style-src 'self' 'sha256-{digest}'",
        "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ])


@cache
def default_headers() -> tuple[tuple[str, str], ...]:
    """What every answer carries unless its view set otherwise."""
    return (("Content-Security-Policy", content_security_policy()),
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"), ("Cross-Origin-Opener-Policy", "same-origin"))


def _security_headers(response: Response) -> Response:
    """Defaults for every answer; a header a view set itself (no-referrer on a private page) wins."""
    headers = response.headers
    for name, value in default_headers():
        headers.setdefault(name, value)
    if request.blueprint == "secretariat":
        headers.setdefault("Cache-Control", "no-store")
    return response


# The error pages' headings, in the page's language (Werkzeug's names are English only).
ERROR_NAMES = {400: N_("Bad Request"), 403: N_("Forbidden"), 404: N_("Not Found"),
               405: N_("Method Not Allowed"), 409: N_("Conflict"),
               413: N_("Request Entity Too Large"), 429: N_("Too Many Requests"),
               500: N_("Internal Server Error")}


def _register_errors(app: Flask) -> None:
    for code in ERROR_NAMES:
        app.register_error_handler(
            code, lambda e, code=code: (render_template(
                "errors/error.html", error=e, heading=gettext(ERROR_NAMES[code])), code)
        )
