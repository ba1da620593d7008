"""Signing staff in: passwords checked in constant time, wrong ones slowed down per account and
per client address, with a wait that doubles at every further failure."""
from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite
from werkzeug.security import check_password_hash, generate_password_hash

from meetings.errors import SignInThrottled
from meetings.extensions import db
from meetings.models import LoginAttempt, User

# Failures allowed before the first wait: few for one account, more for an office behind one address.
FREE_FAILURES = {"account": 5, "address": 20}
FIRST_WAIT, LONGEST_WAIT = timedelta(seconds=1), timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=24)  # a quiet day wipes the slate


def authenticate(email: str, password: str, address: str, now: datetime) -> User | None:
    """The active user with this e-mail and password, or None; raises SignInThrottled while the
    account or the address must wait, without looking at the password at all."""
    email = email.strip().lower()[:320]
    address = (address or "?")[:320]
    wait = wait_before_sign_in(email, address, now)
    if wait:
        raise SignInThrottled(math.ceil(wait.total_seconds()))
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        check_password_hash(_dummy_hash(), password)  # as slow as a real check: no account oracle
        right = False
    else:
        right = user.check_password(password) and user.active
    if not right:
        _count_failure("account", email, now)
        _count_failure("address", address, now)
        return None
    assert user is not None  # right is True only with a user
    db.session.execute(sa.delete(LoginAttempt).where(
        LoginAttempt.kind == "account", LoginAttempt.key == email))
    user.last_login_at = now
    return user


def wait_before_sign_in(email: str, address: str, now: datetime) -> timedelta | None:
    """How long the account or the address must still wait, if at all."""
    rows = db.session.scalars(sa.select(LoginAttempt).where(sa.or_(
        sa.and_(LoginAttempt.kind == "account", LoginAttempt.key == email),
        sa.and_(LoginAttempt.kind == "address", LoginAttempt.key == address),
    ))).all()
    until = max((row.last_failure_at + backoff(row.failures, FREE_FAILURES[row.kind])
                 for row in rows if now - row.last_failure_at < FORGET_AFTER), default=now)
    return until - now if until > now else None


def backoff(failures: int, free: int) -> timedelta:
    """No wait for the first few failures, then 1 s, 2 s, 4 s … up to a quarter of an hour."""
    if failures < free:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** min(failures - free, 20), LONGEST_WAIT)


def _count_failure(kind: str, key: str, now: datetime) -> None:
    """One more failure, counted atomically so parallel guesses on several instances all count."""
    table = LoginAttempt.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stale = table.c.last_failure_at < now - FORGET_AFTER
    db.session.execute(
        insert(table).values(kind=kind, key=key, failures=1, last_failure_at=now)
        .on_conflict_do_update(
            index_elements=[table.c.kind, table.c.key],
            set_={"failures": sa.case((stale, 1), else_=table.c.failures + 1),
                  "last_failure_at": now},
        )
    )
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.last_failure_at < now - FORGET_AFTER))


_DUMMY_HASHES: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash made the way staff passwords are (same method, same cost), once per method."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash(secrets.token_urlsafe(16), method=method)
    return _DUMMY_HASHES[method]
