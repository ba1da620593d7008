"""A government's private link and a delegate's calendar link: issued, looked up by hash, revoked."""
from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64encode
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from meetings.errors import TooManyAttempts
from meetings.extensions import db
from meetings.models import Delegate, Invitation, LinkAttempt
from meetings.services import tokens
from meetings.services.audit import Actor, record

MAX_FAILURES, WINDOW = 20, timedelta(minutes=15)


def invitation_by_secret(secret: str, address: str, now: datetime) -> Invitation | None:
    """The invitation a private link opens, or None. A valid link always opens; only wrong
    guesses are counted per address (in the database, so every instance sees them), and an
    address with too many is refused before its next wrong guess is even answered."""
    invitation = None
    if tokens.well_formed(secret):
        invitation = db.session.scalar(
            sa.select(Invitation).where(Invitation.token_hash == tokens.digest(secret)))
    if invitation is not None:
        return invitation
    attempt = db.session.get(LinkAttempt, address)
    if attempt is not None and now - attempt.window_start > WINDOW:
        attempt.window_start, attempt.failures = now, 0
    if attempt is not None and attempt.failures >= MAX_FAILURES:
        raise TooManyAttempts
    if attempt is None:
        attempt = LinkAttempt(address=address, window_start=now, failures=0)
        db.session.add(attempt)
    attempt.failures += 1
    return None


def issue_link(invitation: Invitation, actor: Actor, now: datetime) -> str:
    """A new private link; the previous one stops working at once."""
    secret, invitation.token_hash = tokens.new_secret()
    invitation.token_issued_at = now
    record(actor, "private link issued", invitation, {}, meeting_id=invitation.meeting_id,
           secretariat_id=invitation.meeting.secretariat_id)
    return secret


def revoke_link(invitation: Invitation, actor: Actor) -> None:
    invitation.token_hash = None
    record(actor, "private link revoked", invitation, {}, meeting_id=invitation.meeting_id,
           secretariat_id=invitation.meeting.secretariat_id)


def calendar_secret(delegate: Delegate) -> str:
    """The delegate's private calendar secret, derived from the server key; shown every time."""
    message = f"delegate-calendar:{delegate.id}:{delegate.calendar_epoch}".encode()
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), message, hashlib.sha256)
    secret = urlsafe_b64encode(digest.digest()).decode().rstrip("=")
    delegate.calendar_token_hash = tokens.digest(secret)
    return secret
