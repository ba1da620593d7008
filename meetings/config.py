"""Configuration: defaults here, then instance/config.py, then the environment."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

DEFAULTS: dict[str, object] = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "WTF_CSRF_TIME_LIMIT": None,  # a long form filled in over an afternoon must still submit
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
    # Well above UPLOAD_MAX_BYTES, so a too-large scan gets a message beside the field and the
    # form keeps what was typed; only absurd requests are cut off with 413.
    "MAX_CONTENT_LENGTH": 40 * 1024 * 1024,
    "UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_DEFAULT_SENDER": "no-reply@localhost",
    "MAIL_TIMEOUT": 20,
    "PUBLIC_BASE_URL": None,
    "OUTBOX_INTERVAL": 30.0,  # seconds between rounds of the embedded sender
    # The ORGANIZER of published calendars when a secretariat has no address of its own;
    # unset, MAIL_DEFAULT_SENDER is used (METHOD:PUBLISH events need an organizer).
    "CALENDAR_ORGANIZER": None,
}

# Environment variables read on top of the files, and how to read each one.
ENVIRONMENT: dict[str, type] = {
    "SECRET_KEY": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "PUBLIC_BASE_URL": str,
    "CALENDAR_ORGANIZER": str,
    "UPLOAD_MAX_BYTES": int,
    "OUTBOX_WORKER": bool,
}


def _as(kind: type, raw: str) -> object:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return kind(raw)


def from_environment(environ: dict[str, str] | None = None) -> dict[str, object]:
    """Settings given as environment variables, which win over the instance file."""
    environ = dict(os.environ if environ is None else environ)
    found = {name: _as(kind, environ[name]) for name, kind in ENVIRONMENT.items() if environ.get(name)}
    if environ.get("DATABASE_URL"):
        found["SQLALCHEMY_DATABASE_URI"] = database_uri(environ["DATABASE_URL"])
    return found


def database_uri(url: str) -> str:
    """Accept the common postgres:// spellings and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_uri(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "meetings.sqlite")


def development_secret_key(instance_path: str) -> str:
    """A key kept in instance/ so a single development server keeps its sessions across restarts.

    Several instances behind a load balancer must share SECRET_KEY from the environment instead.
    """
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key
