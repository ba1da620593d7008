"""Reminders to the governments that have not registered their delegation.

Who is due: invitations whose note has been issued, not withdrawn, not declined, with no
delegation submitted (a draft does not count), while registration is open before the deadline.
Each gets the reminder in its invitation's language with the deadline and its private link,
through the outbox. At most one reminder per invitation and day in the secretariat's time zone:
the day's row in `reminders` is inserted with ON CONFLICT DO NOTHING before the e-mail is
queued, so a second run, even one overlapping the first on PostgreSQL, finds the row and sends
nothing (it waits for the first to commit, then skips).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from meetings.collation import un_sorted
from meetings.deadline import Deadline
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import Invitation, InvitationStatus, Meeting, Reminder
from meetings.services import deadlines, mission_mail, private_links
from meetings.services.audit import Actor


@dataclass(frozen=True)
class Due:
    invitation: Invitation
    to: list[str]
    problem: str | None = None  # why this one cannot be reminded; the officer sees it


@dataclass
class Plan:
    """What a run would do today: shown as the preview, then done by send()."""

    meeting: Meeting
    today: date
    closed: str | None  # why no reminder can go out at all, or None
    due: list[Due] = field(default_factory=list)
    reminded_today: list[Invitation] = field(default_factory=list)
    submitted: list[Invitation] = field(default_factory=list)
    declined: list[Invitation] = field(default_factory=list)

    @property
    def sendable(self) -> list[Due]:
        return [d for d in self.due if d.problem is None]

    def letters(self) -> dict[str, mission_mail.Letter]:
        """The e-mail in each language it would be written in, the link left as a placeholder."""
        found: dict[str, mission_mail.Letter] = {}
        for item in self.due:
            letter = mission_mail.compose(item.invitation, "reminder", preview=True)
            found.setdefault(letter.language, letter)
        return found


def today_for(meeting: Meeting, now: datetime) -> date:
    """The day a reminder counts for: the secretariat's calendar day, not the server's."""
    return now.astimezone(ZoneInfo(meeting.secretariat.timezone)).date()


def _closed(meeting: Meeting, now: datetime) -> str | None:
    if Deadline.of(meeting) is None:
        return _("The meeting has no registration deadline to remind governments of.")
    window = deadlines.registration(meeting, now).window
    if window == deadlines.Window.OPEN:
        return None
    if window == deadlines.Window.NOT_YET:
        return _("Registration is not open yet.")
    return _("Registration is no longer open before the deadline: no reminder is sent.")


def plan(meeting: Meeting, now: datetime) -> Plan:
    today = today_for(meeting, now)
    invitations = db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.meeting_id == meeting.id, Invitation.status == InvitationStatus.ISSUED)
        .options(selectinload(Invitation.delegation), selectinload(Invitation.party))
    ).all()
    reminded = set(db.session.scalars(sa.select(Reminder.invitation_id).where(
        Reminder.invitation_id.in_([i.id for i in invitations]), Reminder.sent_on == today)))
    result = Plan(meeting, today, _closed(meeting, now))
    for invitation in un_sorted(invitations, lambda i: i.party.short_name()):
        if invitation.declined_at is not None:
            result.declined.append(invitation)
        elif invitation.delegation is not None and invitation.delegation.submitted_at is not None:
            result.submitted.append(invitation)
        elif invitation.id in reminded:
            result.reminded_today.append(invitation)
        else:
            to = mission_mail.recipients(invitation)
            problem = None
            if private_links.registration_secret(invitation) is None:
                problem = "Its private link no longer works: issue a new one first."
            elif not to:
                problem = "No e-mail address for the mission or a focal point."
            result.due.append(Due(invitation, to, problem))
    return result


def _claim(invitation: Invitation, day: date, actor: Actor) -> int | None:
    """The day's reminder row for this invitation, or None when a run already has it."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Reminder)
        .values(invitation_id=invitation.id, sent_on=day, sent_by=actor.label[:300])
        .on_conflict_do_nothing(index_elements=["invitation_id", "sent_on"])
        .returning(Reminder.id)
    )
    return db.session.scalar(statement)


def send(meeting: Meeting, actor: Actor, now: datetime, *,
         base_url: str | None = None) -> list[Invitation]:
    """Queue today's reminders; returns the invitations reminded (none twice the same day)."""
    found = plan(meeting, now)
    if found.closed:
        raise RuleBroken({"reminders": found.closed})
    reminded = []
    for item in found.sendable:
        reminder_id = _claim(item.invitation, found.today, actor)
        if reminder_id is None:
            continue  # another run, or another officer, reminded it today
        message = mission_mail.send(item.invitation, "reminder", actor, base_url=base_url)
        if message is not None:
            db.session.flush()
            db.session.execute(sa.update(Reminder).where(Reminder.id == reminder_id)
                               .values(outbox_message_id=message.id))
        reminded.append(item.invitation)
    return reminded
