"""E-mail through an outbox: written in the request's transaction, sent after it commits.

`deliver()` claims due messages with FOR UPDATE SKIP LOCKED on PostgreSQL, so several instances
(or several `flask outbox send`) never send one message twice; a failure keeps the server's reply
and the message is retried later, up to MAX_ATTEMPTS.
"""
from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

import sqlalchemy as sa
from flask import current_app

from meetings.extensions import db
from meetings.models import OutboxMessage, OutboxStatus
from meetings.models.types import utcnow

log = logging.getLogger("meetings.outbox")
MAX_ATTEMPTS = 6


def enqueue(to: list[str], subject: str, body: str, *, html: str | None = None,
            attachment: tuple[str, str, bytes] | None = None, reply_to: str | None = None,
            note_id: int | None = None) -> OutboxMessage:
    message = OutboxMessage(to=list(to), subject=subject, body=body, html=html,
                            reply_to=reply_to, note_id=note_id)
    if attachment:
        message.attachment_name, message.attachment_type, message.attachment = attachment
    db.session.add(message)
    return message


def _email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = ", ".join(message.to)
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> ") or None)
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email.set_content(message.body)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    if message.attachment is not None:
        maintype, _, subtype = (message.attachment_type or "application/octet-stream").partition("/")
        email.add_attachment(message.attachment, maintype=maintype, subtype=subtype,
                             filename=message.attachment_name)
    return email


def _connect() -> smtplib.SMTP:
    config = current_app.config
    kind = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    smtp = kind(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"])
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


def _claim(limit: int) -> list[OutboxMessage]:
    query = (
        sa.select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.QUEUED,
               OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(db.session.scalars(query))


def deliver(limit: int = 50) -> dict[str, int]:
    """Send what is due, one transaction per batch; returns counts of sent, retried, failed."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    messages = _claim(limit)
    if not messages:
        db.session.commit()
        return counts
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    smtp = None
    try:
        smtp = _connect()
    except (OSError, smtplib.SMTPException) as error:
        for message in messages:
            _failed(message, f"cannot reach the SMTP server: {error}", counts)
    for message in messages if smtp else []:
        try:
            refused = smtp.send_message(_email(message, sender))  # type: ignore[union-attr]  # the loop runs only with smtp
        except smtplib.SMTPRecipientsRefused as error:
            _failed(message, f"all recipients refused: {error.recipients}", counts, final=True)
        except (OSError, smtplib.SMTPException) as error:
            _failed(message, f"{type(error).__name__}: {error}", counts)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = utcnow()
            message.attempts += 1
            message.last_error = f"refused: {refused}" if refused else None
            counts["sent"] += 1
    if smtp is not None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
    db.session.commit()
    return counts


def _failed(message: OutboxMessage, error: str, counts: dict[str, int], final: bool = False) -> None:
    message.attempts += 1
    message.last_error = error[:2000]
    if final or message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
        counts["failed"] += 1
    else:
        message.next_attempt_at = utcnow() + timedelta(minutes=2 ** message.attempts)
        counts["retry"] += 1
    log.warning("message %s to %s not sent: %s", message.id, message.to, error)


def retry_now(message: OutboxMessage) -> None:
    """An officer's 'send again' for a failed message."""
    message.status = OutboxStatus.QUEUED
    message.next_attempt_at = utcnow()
