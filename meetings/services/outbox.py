"""E-mail through an outbox: written in the request's transaction, sent after it commits.

`deliver()` takes one due message at a time, claimed with FOR UPDATE SKIP LOCKED on PostgreSQL
(several instances or several `flask outbox send` never send one message twice), sends it and
records the result in that message's own transaction: a message that cannot be sent, for any
reason, is marked with the reason and retried later (or failed for good), and the round goes on.
Private links are not stored in the message: its markers are filled in at sending time.
"""
from __future__ import annotations

import logging
import re
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import Invitation, Note, OutboxAttachment, OutboxMessage, OutboxStatus
from meetings.models.types import utcnow

log = logging.getLogger("meetings.outbox")
MAX_ATTEMPTS = 6
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")
ATOM = r"[^\s@<>,;:\"()\[\]\\]+"
ADDRESS = re.compile(ATOM + "@" + ATOM)


class Undeliverable(ValueError):
    """The stored message cannot become an e-mail: sending it again would not help."""


def one_line(value: str) -> str:
    """A header value from free text: line breaks and other control characters become spaces."""
    return re.sub(r"\s+", " ", CONTROL.sub(" ", value or "")).strip()


def address_ok(value: str) -> bool:
    """An address a header can carry as it is: no line break, no second address smuggled in."""
    if not value or CONTROL.search(value) or len(value) > 254:
        return False
    _, address = parseaddr(value)
    return bool(ADDRESS.fullmatch(address)) and ("<" in value or address == value.strip())


def enqueue(to: list[str], subject: str, body: str, *, html: str | None = None,
            attachment: tuple[str, str, bytes] | None = None, reply_to: str | None = None,
            note_id: int | None = None, invitation_id: int | None = None,
            documents: list[tuple[int, str]] | None = None) -> OutboxMessage:
    """Queue a message; header values with line breaks are refused here, not at sending time.

    `documents` are stored files it carries after `attachment`, (file id, name sent): referred
    to, not copied, so a retry sends the same bytes.
    """
    problems = {}
    if not to or not all(address_ok(a) for a in to):
        problems["to"] = "Each recipient must be one e-mail address, on one line."
    if CONTROL.search(subject or ""):
        problems["subject"] = "The subject must be one line, without control characters."
    if reply_to and not address_ok(reply_to):
        problems["reply_to"] = "The reply-to address must be one e-mail address, on one line."
    if problems:
        raise RuleBroken(problems)
    message = OutboxMessage(to=list(to), subject=subject, body=body, html=html,
                            reply_to=reply_to, note_id=note_id, invitation_id=invitation_id)
    if attachment:
        message.attachment_name, message.attachment_type, message.attachment = attachment
    for position, (file_id, filename) in enumerate(documents or []):
        message.documents.append(OutboxAttachment(position=position, file_id=file_id,
                                                  filename=filename))
    db.session.add(message)
    return message


def _recipient(value: str) -> str:
    if not address_ok(value):
        raise Undeliverable(f"not a single e-mail address: {value!r}")
    return value.strip()


def _email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The e-mail, headers from sanitised values, the private links filled in now."""
    from meetings.drafting.render import replace_in_docx
    from meetings.services.private_links import fill

    invitation = db.session.get(Invitation, message.invitation_id) \
        if message.invitation_id else None

    def filled(text: str) -> str:
        return fill(text, invitation, reveal=True) if invitation is not None else text

    email = EmailMessage()
    email["From"] = sender
    email["To"] = ", ".join(_recipient(a) for a in message.to)
    email["Subject"] = one_line(message.subject)
    email["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> ") or None)
    if message.reply_to:
        email["Reply-To"] = _recipient(message.reply_to)
    email.set_content(filled(message.body))
    if message.html:
        email.add_alternative(filled(message.html), subtype="html")
    if message.attachment is not None:
        kind = message.attachment_type or "application/octet-stream"
        maintype, _, subtype = kind.partition("/")
        data = message.attachment
        if invitation is not None and (message.attachment_name or "").endswith(".docx"):
            data = replace_in_docx(data, filled)
        email.add_attachment(data, maintype=maintype, subtype=subtype,
                             filename=one_line(message.attachment_name or "attachment"))
    _attach_pdf(email, message, filled)
    for document in message.documents:
        maintype, _, subtype = (document.file.content_type or
                                "application/octet-stream").partition("/")
        email.add_attachment(document.file.data, maintype=maintype, subtype=subtype,
                             filename=one_line(document.filename))
    return email


def _attach_pdf(email: EmailMessage, message: OutboxMessage, filled) -> None:
    """A note's PDF, made now from its print HTML with the private link filled in, when its
    secretariat sends PDFs (a PDF cannot have its link put in afterwards as a .docx can)."""
    from meetings.drafting.pdf import to_pdf
    from meetings.services.notes import file_name

    note = db.session.get(Note, message.note_id) if message.note_id else None
    if note is None or note.secretariat.note_files not in {"pdf", "both"}:
        return
    email.add_attachment(to_pdf(filled(note.html)), maintype="application", subtype="pdf",
                         filename=one_line(file_name(note, "pdf")))


def _connect() -> smtplib.SMTP:
    config = current_app.config
    kind = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    smtp = kind(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"])
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


def _claim_next(after_id: int) -> OutboxMessage | None:
    """The next due message, locked for this transaction (others skip it on PostgreSQL)."""
    query = (
        sa.select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.QUEUED,
               OutboxMessage.next_attempt_at <= utcnow(), OutboxMessage.id > after_id)
        .order_by(OutboxMessage.id)
        .limit(1)
        .execution_options(populate_existing=True)
    )
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return db.session.scalar(query)


def deliver(limit: int = 50) -> dict[str, int]:
    """Send what is due, one transaction per message; returns counts of sent, retried, failed."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    smtp, last_id = None, 0
    try:
        for _ in range(limit):
            message = _claim_next(last_id)
            if message is None:
                break
            last_id = message.id
            try:
                if smtp is None:
                    smtp = _connect()
            except Exception as error:  # noqa: BLE001  (the server is down: stop this round)
                _failed(message, f"cannot reach the SMTP server: {error}", counts)
                db.session.commit()
                break
            try:
                refused = smtp.send_message(_email(message, sender))
            except smtplib.SMTPRecipientsRefused as error:
                _failed(message, f"all recipients refused: {error.recipients}", counts, final=True)
            except Undeliverable as error:
                _failed(message, str(error), counts, final=True)
            except (smtplib.SMTPServerDisconnected, OSError) as error:
                _failed(message, f"{type(error).__name__}: {error}", counts)
                smtp = None  # connect again for the next message
            except Exception as error:  # noqa: BLE001  (any other reason fails this one only)
                db.session.rollback()  # the error may have broken the transaction: claim again
                message = _claim_next(last_id - 1)
                if message is None or message.id != last_id:
                    continue
                _failed(message, f"{type(error).__name__}: {error}", counts)
            else:
                message.status = OutboxStatus.SENT
                message.sent_at = utcnow()
                message.attempts += 1
                message.last_error = f"refused: {refused}" if refused else None
                counts["sent"] += 1
            db.session.commit()
    finally:
        db.session.rollback()
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
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


def _of_secretariats(secretariat_ids: list[int]):
    """Messages about the secretariats' invitations or notes (not staff account e-mails)."""
    from meetings.models import Meeting, Note

    return (sa.select(OutboxMessage)
            .outerjoin(Invitation, Invitation.id == OutboxMessage.invitation_id)
            .outerjoin(Meeting, Meeting.id == Invitation.meeting_id)
            .outerjoin(Note, Note.id == OutboxMessage.note_id)
            .where(sa.func.coalesce(Meeting.secretariat_id, Note.secretariat_id)
                   .in_(secretariat_ids)))


def _retrying():
    """Failed at least once and waiting for a later attempt (a retry asked for is due now)."""
    return sa.and_(OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.attempts > 0,
                   OutboxMessage.next_attempt_at > utcnow())


def failing():
    """Failed for good, or failed and waiting to be tried again."""
    return sa.or_(OutboxMessage.status == OutboxStatus.FAILED, _retrying())


STATES = {"queued": _l("Queued"), "retrying": _l("Failed, retrying"), "failed": _l("Failed"),
          "sent": _l("Sent"), "failing": _l("Failed or retrying")}


def state_of(message: OutboxMessage) -> str:
    if message.status == OutboxStatus.QUEUED and message.attempts \
            and message.next_attempt_at > utcnow():
        return "retrying"
    return message.status.value


def messages_of(secretariat_ids: list[int], *, state: str = "", meeting_id: int | None = None,
                text: str = "", limit: int = 300) -> list[OutboxMessage]:
    """The secretariats' messages, newest first, narrowed by state, meeting and text."""
    query = _of_secretariats(secretariat_ids)
    conditions = {
        "queued": sa.and_(OutboxMessage.status == OutboxStatus.QUEUED, sa.not_(_retrying())),
        "retrying": _retrying(),
        "failed": OutboxMessage.status == OutboxStatus.FAILED,
        "sent": OutboxMessage.status == OutboxStatus.SENT,
        "failing": failing(),
    }
    if state in conditions:
        query = query.where(conditions[state])
    if meeting_id is not None:
        from meetings.models import Note

        query = query.where(sa.or_(Invitation.meeting_id == meeting_id,
                                   Note.meeting_id == meeting_id))
    if text:
        like = f"%{text.replace('%', '').replace('_', '')}%"
        query = query.where(sa.or_(OutboxMessage.subject.ilike(like),
                                   sa.cast(OutboxMessage.to, sa.String).ilike(like)))
    return list(db.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(limit)))


def message_secretariat_id(message: OutboxMessage) -> int | None:
    """Whose message this is: its invitation's meeting's secretariat, else its note's."""
    from meetings.models import Meeting, Note

    if message.invitation_id is not None:
        return db.session.scalar(sa.select(Meeting.secretariat_id).join(
            Invitation, Invitation.meeting_id == Meeting.id).where(
            Invitation.id == message.invitation_id))
    if message.note_id is not None:
        return db.session.scalar(sa.select(Note.secretariat_id).where(
            Note.id == message.note_id))
    return None


def retry_failing(secretariat_ids: list[int]) -> int:
    """'Retry all': every failed or retrying message of these secretariats is due now."""
    messages = db.session.scalars(_of_secretariats(secretariat_ids).where(failing())).all()
    for message in messages:
        retry_now(message)
    return len(messages)
