"""Configuration: defaults here, then instance/config.py, then the environment."""
from __future__ import annotations

import os
import secrets
from datetime import datetime, timezone
from pathlib import Path

DEFAULTS: dict[str, object] = {
    # No pool_pre_ping: a connection idle this many seconds is pinged before use instead
    # (meetings/__init__.py, _ping_idle_connections), which saves a round trip per request.
    "DATABASE_PING_AFTER": 10.0,
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    # Current public calendars and pages sent before Flask builds a request (public/stored_answers.py).
    "STORED_ANSWERS": True,
    "WTF_CSRF_TIME_LIMIT": None,  # a long form filled in over an afternoon must still submit
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,  # set it (and REMEMBER_COOKIE_SECURE) true behind HTTPS
    "SESSION_REFRESH_EACH_REQUEST": False,  # a staff session ends 12 h after it last changed
    "PERMANENT_SESSION_LIFETIME": 12 * 3600,  # seconds
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_DURATION": 14 * 24 * 3600,  # seconds
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
    # How many reverse proxies in front of the service to trust for X-Forwarded-For/-Proto/-Host
    # (werkzeug's ProxyFix); 0 ignores those headers, which anyone can send.
    "PROXY_FIX_X_FOR": 0,
    "OUTBOX_INTERVAL": 30.0,  # seconds between rounds of the embedded sender
    "PRIVATE_LINKS_EXPIRE_DAYS": 90,  # registration and calendar links, after the last day
    "KEPT_UPLOAD_MAX_AGE": 24 * 3600,  # seconds a rejected form's scan stays attachable
    "PERSONAL_DATA_RETENTION_DAYS": 365,  # after the last day, before `delegates erase` may run
    "PASSWORD_HASH_METHOD": "scrypt",  # werkzeug's default; the tests use a cheap one
    # The ORGANIZER of published calendars when a secretariat has no address of its own;
    # unset, MAIL_DEFAULT_SENDER is used (METHOD:PUBLISH events need an organizer).
    "CALENDAR_ORGANIZER": None,
}

# Environment variables read on top of the files, and how to read each one.
ENVIRONMENT: dict[str, type] = {
    "SECRET_KEY": str,
    "LINK_SECRET_KEY": str,  # derives private links; SECRET_KEY when unset
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "PUBLIC_BASE_URL": str,
    "PROXY_FIX_X_FOR": int,
    "CALENDAR_ORGANIZER": str,
    "UPLOAD_MAX_BYTES": int,
    "OUTBOX_WORKER": bool,
    "SESSION_COOKIE_SECURE": bool,
    "SESSION_COOKIE_SAMESITE": str,
    "PERMANENT_SESSION_LIFETIME": int,
    "REMEMBER_COOKIE_SECURE": bool,
    "REMEMBER_COOKIE_SAMESITE": str,
    "REMEMBER_COOKIE_DURATION": int,
    "PRIVATE_LINKS_EXPIRE_DAYS": int,
    "KEPT_UPLOAD_MAX_AGE": int,
    "PERSONAL_DATA_RETENTION_DAYS": int,
    "DATABASE_PING_AFTER": float,
    "STORED_ANSWERS": bool,
    # The service's clock stopped at an instant, e.g. the demo as it stood before its deadline:
    # FIXED_NOW=2012-09-20T10:00:00+00:00 (an ISO 8601 instant with its offset).
    "FIXED_NOW": datetime,
}


def _as(kind: type, raw: str) -> object:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is datetime:
        instant = datetime.fromisoformat(raw.strip())
        if instant.tzinfo is None:
            raise ValueError(f"{raw!r}: give the offset, e.g. 2012-09-20T10:00:00+00:00")
        return instant.astimezone(timezone.utc)
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
