"""A government's private link and a delegate's calendar link: derived, looked up by hash, revoked.

No secret is stored: a registration secret is HMAC(key, invitation id, per-invitation salt) and
a calendar secret HMAC(key, delegate id, epoch); the database keeps only their SHA-256 for the
lookup. Notes and e-mails keep a marker in the secret's place, filled when they go out.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from base64 import urlsafe_b64encode
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.interfaces import ORMOption

from meetings.drafting import links as note_links
from meetings.errors import TooManyAttempts
from meetings.extensions import db
from meetings.models import Delegate, Invitation, LinkAttempt
from meetings.services import tokens
from meetings.services.audit import Actor, record

MAX_FAILURES, WINDOW = 20, timedelta(minutes=15)

# What frozen notes and queued e-mails hold where the secret goes (never a valid secret: the
# pattern of secrets is 43 characters).
REGISTRATION_MARKER = note_links.REGISTRATION_MARKER
# The code printed beside the link (derived from the secret, so never stored either) and the
# QR code's image in the print HTML.
CODE_MARKER = note_links.CODE_MARKER
QR_MARKER = note_links.QR_MARKER
# Crockford's base32: no I, L, O or U; what a person types is read leniently (case, dashes,
# spaces, O for 0, I and L for 1). 28 characters: 140 bits, in seven groups of four.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH, CODE_GROUP = 28, 4
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
CALENDAR_MARKER = "__calendar_secret_{id}__"
FOR_OFFICERS = "[private link — visible to officers]"
NO_LONGER_VALID = "[private link revoked — the secretariat issues a new note]"
_URL = r"(?:[a-z][a-z0-9+.-]*://[^\s<>\"']*?)?"
_REGISTRATION = re.compile(_URL + "/register/" + re.escape(REGISTRATION_MARKER))
_CALENDAR = re.compile(_URL + r"/calendar/__calendar_secret_(\d+)__(?:\.ics)?")


def link_key() -> bytes:
    """LINK_SECRET_KEY if set (SECRET_KEY can then rotate, links live on), else SECRET_KEY."""
    config = current_app.config
    return (config.get("LINK_SECRET_KEY") or config["SECRET_KEY"]).encode()


def _derive(*parts: object) -> str:
    message = ":".join(str(p) for p in parts).encode()
    digest = hmac.new(link_key(), message, hashlib.sha256).digest()
    return urlsafe_b64encode(digest).decode().rstrip("=")


def invitation_by_secret(secret: str, address: str, now: datetime,
                         *options: ORMOption) -> Invitation | None:
    """The invitation a private link opens, or None. A valid link always opens; only wrong
    guesses are counted per address (in the database, so every instance sees them), and an
    address with too many is refused before its next wrong guess is even answered.

    `options` load what the caller's page reads with the invitation, in the same queries."""
    invitation = None
    if tokens.well_formed(secret):
        invitation = db.session.scalar(
            sa.select(Invitation).where(Invitation.token_hash == tokens.digest(secret))
            .options(*options))
    if invitation is not None:
        return invitation
    _count_failure(address, now)
    return None


def reading_code(secret: str) -> str:
    """The code a person types instead of following the link: 7KQ2-M9XD-… (140 bits)."""
    digest = hmac.new(link_key(), f"reading-code:{secret}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:18], "big") >> (18 * 8 - CODE_LENGTH * 5)
    chars = "".join(CROCKFORD[(number >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH)))
    return "-".join(chars[i:i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalised_code(typed: str) -> str | None:
    """The code as typed, read leniently; None if it cannot be a code at all."""
    code = re.sub(r"[\s\-‐‑–—]+", "", (typed or "")[:100]).upper().translate(_TYPED)
    if len(code) != CODE_LENGTH or any(c not in CROCKFORD for c in code):
        return None
    return code


def code_digest(code: str) -> str:
    return tokens.digest("reading-code:" + code)


def invitation_by_code(typed: str, address: str, now: datetime) -> Invitation | None:
    """The invitation a typed code opens, or None; wrong codes count like wrong links."""
    code = normalised_code(typed)
    invitation = None
    if code is not None:
        invitation = db.session.scalar(
            sa.select(Invitation).where(Invitation.code_hash == code_digest(code)))
    if invitation is not None:
        return invitation
    _count_failure(address, now)
    return None


def _count_failure(address: str, now: datetime) -> None:
    attempt = db.session.get(LinkAttempt, address)
    if attempt is not None and now - attempt.window_start > WINDOW:
        attempt.window_start, attempt.failures = now, 0
    if attempt is not None and attempt.failures >= MAX_FAILURES:
        raise TooManyAttempts
    if attempt is None:
        attempt = LinkAttempt(address=address, window_start=now, failures=0)
        db.session.add(attempt)
    attempt.failures += 1


def issue_link(invitation: Invitation, actor: Actor, now: datetime) -> str:
    """A new private link (a new salt); the previous one stops working at once.

    The secret is returned to be shown, never to be stored: it is derived again when needed.
    """
    if invitation.id is None:
        db.session.flush()
    invitation.link_salt = secrets.token_hex(16)
    secret = _derive("registration", invitation.id, invitation.link_salt)
    invitation.token_hash = tokens.digest(secret)
    invitation.code_hash = code_digest(reading_code(secret).replace("-", ""))
    invitation.token_issued_at = now
    record(actor, "private link issued", invitation, {}, meeting_id=invitation.meeting_id,
           secretariat_id=invitation.meeting.secretariat_id)
    return secret


def mark_opened(invitation: Invitation, now: datetime) -> bool:
    """Remember the first opening of the link, once: True when this was it (then audited)."""
    if invitation.link_opened_at is not None:
        return False
    invitation.link_opened_at = now
    record(Actor.system("private link"), "private link first opened", invitation, {},
           meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    return True


def registration_secret(invitation: Invitation | None) -> str | None:
    """The live secret of the invitation's link, or None when revoked (or issued before 0010)."""
    if invitation is None or not invitation.link_salt or not invitation.token_hash:
        return None
    secret = _derive("registration", invitation.id, invitation.link_salt)
    return secret if hmac.compare_digest(tokens.digest(secret), invitation.token_hash) else None


def revoke_link(invitation: Invitation, actor: Actor) -> None:
    invitation.token_hash = None
    invitation.code_hash = None
    invitation.link_salt = None
    record(actor, "private link revoked", invitation, {}, meeting_id=invitation.meeting_id,
           secretariat_id=invitation.meeting.secretariat_id)


def calendar_secret(delegate: Delegate) -> str:
    """The delegate's private calendar secret, derived from the server key; shown every time."""
    secret = _derive("delegate-calendar", delegate.id, delegate.calendar_epoch)
    delegate.calendar_token_hash = tokens.digest(secret)
    return secret


def calendar_marker(delegate: Delegate) -> str:
    return CALENDAR_MARKER.format(id=delegate.id)


def fill(text: str, invitation: Invitation | None, *, reveal: bool) -> str:
    """Put the live links back where a note or an e-mail holds markers.

    Only the invitation's own links are filled (a calendar marker of a delegate of another
    delegation stays dead); `reveal=False` shows read-only staff where the link is, not the link.
    """
    if REGISTRATION_MARKER not in text and "__calendar_secret_" not in text \
            and CODE_MARKER not in text:
        return text
    secret = registration_secret(invitation) if reveal else None
    live: list[str] = []

    def registration(match: re.Match) -> str:
        if not reveal:
            return FOR_OFFICERS
        if secret is None:
            return NO_LONGER_VALID
        live.append(match.group(0).replace(REGISTRATION_MARKER, secret))
        return live[-1]

    text = _REGISTRATION.sub(registration, text)
    code = reading_code(secret) if secret is not None and invitation is not None \
        and invitation.code_hash else None
    text = text.replace(CODE_MARKER, code or (FOR_OFFICERS if not reveal else NO_LONGER_VALID))
    if QR_MARKER in text:
        text = text.replace(QR_MARKER, note_links.qr_data_uri(live[0] if live else None))
    delegates = {d.id: d for d in (invitation.delegation.delegates
                                   if invitation is not None and invitation.delegation else [])}

    def calendar(match: re.Match) -> str:
        delegate = delegates.get(int(match.group(1)))
        if not reveal:
            return FOR_OFFICERS
        if delegate is None:
            return NO_LONGER_VALID
        return match.group(0).replace(calendar_marker(delegate), calendar_secret(delegate))

    return _CALENDAR.sub(calendar, text)
