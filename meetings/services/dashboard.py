"""A meeting's dashboard: where each invitation stands, its delegations in figures, the deadline.

Everything is read in a fixed number of statements (the invitations with what hangs from them,
the note e-mails, the first submissions), whatever the length of the list; the figures and the
table's filters are then worked out from the same rows, so a figure and the filter it links to
always agree.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import LazyString, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from meetings.collation import sort_key
from meetings.deadline import Deadline
from meetings.extensions import db
from meetings.models import (
    DelegateFunction,
    Delegation,
    DelegationStatus,
    DelegationVersion,
    Gender,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    Meeting,
    OutboxMessage,
    OutboxStatus,
    Party,
    PartyName,
)
from meetings.models.delegation import delegate_attendance
from meetings.services import outbox
from meetings.services.invitations import CATEGORY_ORDER, list_key
from meetings.services.meetings import linked_group

# Every state an invitation is counted in, in the order of the dashboard; an invitation counts in
# each that is true of it (an e-mailed note is also an issued one).
STATES: dict[str, LazyString] = {
    "listed": _l("Listed, no note yet"),
    "issued": _l("Note issued"),
    "emailed": _l("Note e-mailed"),
    "email_failed": _l("E-mail failed"),
    "link_opened": _l("Link opened"),
    "draft": _l("Draft saved"),
    "awaiting": _l("Awaiting a reply"),  # a note issued, nothing submitted: whom reminders are for
    "submitted": _l("Submitted, to review"),
    "returned": _l("Returned"),
    "confirmed": _l("Confirmed"),
    "late": _l("Late"),
    "withdrawn": _l("Withdrawn"),
    "declined": _l("Declined"),
}
# The furthest step shows as the row's state; withdrawn and declined end the story.
PROGRESS = ["listed", "issued", "emailed", "email_failed", "link_opened", "draft", "submitted",
            "returned", "confirmed"]
ENDED = ("withdrawn", "declined")
SORTS = {"un": _l("Category, then UN order"), "name": _l("UN order"), "state": _l("State")}


def declined(invitation: Invitation) -> bool:
    """TODO(h4, issue 12): helper h4 adds the government's "declined" to Invitation (a status or
    a date). Until that is merged no invitation is declined; afterwards this reads it."""
    status = getattr(InvitationStatus, "DECLINED", None)
    if status is not None and invitation.status == status:
        return True
    return getattr(invitation, "declined_at", None) is not None


@dataclass
class Row:
    """One invitation as the dashboard's table shows it."""

    invitation: Invitation
    name: str
    states: set[str]
    email: OutboxStatus | None  # the latest e-mail of its note, if any
    email_error: str | None
    delegates: int
    submitted_on: date | None  # the first submission, at the venue

    @property
    def state(self) -> str:
        for ended in ENDED:
            if ended in self.states:
                return ended
        return next(s for s in reversed(PROGRESS) if s in self.states or s == "listed")

    @property
    def late(self) -> bool:
        return "late" in self.states

    @property
    def has_address(self) -> bool:
        return bool(self.invitation.emails)


@dataclass
class Chart:
    """Submitted delegations per day, from the first note to the deadline (or the last entry)."""

    days: list[date]
    per_day: list[int]
    cumulative: list[int]
    deadline: date | None
    today: date
    invited: int


@dataclass
class Dashboard:
    meeting: Meeting
    group: list[Meeting]
    rows: list[Row]
    counts: dict[str, int]
    delegates_per_meeting: list[tuple[Meeting, int]]
    delegations: int  # registered: submitted at least once, invitation still standing
    delegates: int
    without_head: list[Row]
    women: int
    gender_unknown: int
    heads: int
    women_heads: int
    deadline: Deadline | None
    now: datetime
    chart: Chart
    languages: list[str] = field(default_factory=list)
    categories: list[InvitationCategory] = field(default_factory=list)

    @property
    def invited(self) -> int:
        """Invitations still standing: neither withdrawn nor declined."""
        return sum(1 for r in self.rows if not r.states & set(ENDED))

    @property
    def women_share(self) -> int | None:
        return round(100 * self.women / self.delegates) if self.delegates else None

    @property
    def women_heads_share(self) -> int | None:
        return round(100 * self.women_heads / self.heads) if self.heads else None

    @property
    def time_left(self) -> timedelta | None:
        if self.deadline is None or not self.deadline.is_open(self.now):
            return None
        return self.deadline.closes_at - self.now

    @property
    def closes_at_venue(self) -> datetime | None:
        return self.deadline.closes_at_venue if self.deadline else None


def time_words(left: timedelta) -> str:
    """'12 days 5 hours', '3 hours 20 minutes', '45 minutes': how long until the deadline."""
    days, seconds = left.days, left.seconds
    hours, minutes = seconds // 3600, seconds % 3600 // 60

    def day(n: int) -> str:
        return ngettext("%(num)d day", "%(num)d days", n)

    def hour(n: int) -> str:
        return ngettext("%(num)d hour", "%(num)d hours", n)

    def minute(n: int) -> str:
        return ngettext("%(num)d minute", "%(num)d minutes", n)

    if days:
        return day(days) + (f" {hour(hours)}" if hours else "")
    if hours:
        return hour(hours) + (f" {minute(minutes)}" if minutes else "")
    return minute(max(minutes, 1) if seconds or days else 0)


def _rows(meeting: Meeting, language: str, zone: ZoneInfo) -> list[Row]:
    invitations = db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id).options(
            # only the names the table shows
            selectinload(Invitation.party).selectinload(
                Party.names.and_(PartyName.language.in_({language, "en"}))),
            selectinload(Invitation.delegation).selectinload(Delegation.delegates),
        )
    ).all()
    mails: dict[int, tuple[OutboxStatus, str | None]] = {}
    for invitation_id, status, error in db.session.execute(
        sa.select(OutboxMessage.invitation_id, OutboxMessage.status, OutboxMessage.last_error)
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .where(Invitation.meeting_id == meeting.id, OutboxMessage.note_id.is_not(None))
        .order_by(OutboxMessage.id)
    ):
        if invitation_id is not None:
            mails[invitation_id] = (status, error)  # the latest note e-mail wins
    first_submitted = dict(db.session.execute(
        sa.select(Delegation.invitation_id, sa.func.min(DelegationVersion.submitted_at))
        .join(DelegationVersion, DelegationVersion.delegation_id == Delegation.id)
        .join(Invitation, Invitation.id == Delegation.invitation_id)
        .where(Invitation.meeting_id == meeting.id)
        .group_by(Delegation.invitation_id)
    ).all())
    rows = []
    for invitation in invitations:
        states: set[str] = set()
        mail, error = mails.get(invitation.id, (None, None))
        delegation = invitation.delegation
        if invitation.status == InvitationStatus.WITHDRAWN:
            states.add("withdrawn")
        elif declined(invitation):
            states.add("declined")
        elif invitation.status == InvitationStatus.LISTED:
            states.add("listed")
        else:
            states.add("issued")
        if mail == OutboxStatus.SENT:
            states.add("emailed")
        elif mail == OutboxStatus.FAILED:
            states.add("email_failed")
        if invitation.link_opened_at is not None:
            states.add("link_opened")
        if delegation is not None:
            states.add(delegation.status.value)
            if delegation.is_late:
                states.add("late")
        if "issued" in states and not states & {"submitted", "returned", "confirmed",
                                                "withdrawn", "declined"}:
            states.add("awaiting")
        first = first_submitted.get(invitation.id)
        rows.append(Row(
            invitation=invitation, name=invitation.party.short_name(language), states=states,
            email=mail, email_error=error if mail == OutboxStatus.FAILED else None,
            delegates=len(delegation.delegates) if delegation else 0,
            submitted_on=first.astimezone(zone).date() if first else None,
        ))
    place = meeting.secretariat.european_union_place
    return sorted(rows, key=lambda r: list_key(r.invitation, r.name, language, place))


def _chart(rows: list[Row], deadline: Deadline | None, now: datetime, zone: ZoneInfo,
           invited: int) -> Chart:
    today = now.astimezone(zone).date()
    submitted = [r.submitted_on for r in rows if r.submitted_on is not None]
    issued = [r.invitation.token_issued_at.astimezone(zone).date() for r in rows
              if r.invitation.token_issued_at is not None]
    end_candidates = [d for d in (deadline.day if deadline else None, *submitted) if d]
    end = max(end_candidates or [today])
    start = min(issued + submitted or [min(today, end) - timedelta(days=14)])
    start = min(start, end - timedelta(days=7))
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    per = Counter(submitted)
    per_day = [per.get(d, 0) for d in days]
    cumulative, total = [], 0
    for n in per_day:
        total += n
        cumulative.append(total)
    return Chart(days, per_day, cumulative, deadline.day if deadline else None, today, invited)


def build(meeting: Meeting, now: datetime, language: str = "en") -> Dashboard:
    """The whole dashboard of a meeting as it stands at `now` (the service's clock)."""
    zone = ZoneInfo(meeting.timezone)
    group = linked_group(meeting)
    rows = _rows(meeting, language, zone)
    counts = {state: sum(1 for r in rows if state in r.states) for state in STATES}
    registered = [r for r in rows if r.invitation.delegation is not None
                  and r.invitation.delegation.status != DelegationStatus.DRAFT
                  and not r.states & set(ENDED)]
    people = [d for r in registered for d in r.invitation.delegation.delegates]  # type: ignore[union-attr]
    heads = [d for d in people if d.function == DelegateFunction.HEAD]
    # Who attends what, as id pairs: loading each delegate's meetings would read every
    # meeting row (and its texts) once per delegate.
    attending = {d.id for d in people}
    per_meeting = Counter(meeting_id for delegate_id, meeting_id in db.session.execute(
        sa.select(delegate_attendance.c.delegate_id, delegate_attendance.c.meeting_id)
        .where(delegate_attendance.c.meeting_id.in_([m.id for m in group])))
        if delegate_id in attending)
    deadline = Deadline.of(meeting)
    dashboard = Dashboard(
        meeting=meeting, group=group, rows=rows, counts=counts,
        delegates_per_meeting=[(m, per_meeting.get(m.id, 0)) for m in group],
        delegations=len(registered), delegates=len(people),
        without_head=[r for r in registered if not any(
            d.function == DelegateFunction.HEAD for d in r.invitation.delegation.delegates)],  # type: ignore[union-attr]
        women=sum(1 for d in people if d.gender == Gender.FEMALE),
        gender_unknown=sum(1 for d in people if d.gender is None),
        heads=len(heads), women_heads=sum(1 for d in heads if d.gender == Gender.FEMALE),
        deadline=deadline, now=now,
        chart=_chart([r for r in rows if not r.states & set(ENDED)], deadline, now, zone, 0),
        languages=sorted({r.invitation.language for r in rows}),
        categories=sorted({r.invitation.category for r in rows}, key=CATEGORY_ORDER.__getitem__),
    )
    dashboard.chart.invited = dashboard.invited
    return dashboard


@dataclass
class Filters:
    category: str = ""
    state: str = ""
    language: str = ""
    late: bool = False
    email_failed: bool = False
    q: str = ""
    sort: str = "un"

    @classmethod
    def from_args(cls, args) -> Filters:
        sort = args.get("sort", "un")
        return cls(category=args.get("category", "")[:40], state=args.get("state", "")[:40],
                   language=args.get("language", "")[:8], late=args.get("late") == "1",
                   email_failed=args.get("email_failed") == "1", q=args.get("q", "")[:200].strip(),
                   sort=sort if sort in SORTS else "un")

    def as_args(self) -> dict[str, str]:
        """The filters as a query string keeps them: only the ones set, only these names."""
        values = {"category": self.category, "state": self.state, "language": self.language,
                  "late": "1" if self.late else "", "email_failed": "1" if self.email_failed
                  else "", "q": self.q, "sort": "" if self.sort == "un" else self.sort}
        return {k: v for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return any((self.category, self.state, self.language, self.late, self.email_failed,
                    self.q))


def filtered(rows: list[Row], filters: Filters, language: str = "en") -> list[Row]:
    """The table's rows: each filter narrows, the text is looked for in names and references."""
    needle = filters.q.casefold()
    kept = [
        r for r in rows
        if (not filters.category or r.invitation.category.value == filters.category)
        and (not filters.state or filters.state in r.states)
        and (not filters.language or r.invitation.language == filters.language)
        and (not filters.late or r.late)
        and (not filters.email_failed or "email_failed" in r.states)
        and (not needle or any(needle in (text or "").casefold() for text in (
            r.name, r.invitation.party.short_name(), r.invitation.addressee,
            r.invitation.reference, r.invitation.party.iso3, " ".join(r.invitation.emails or []))))
    ]
    if filters.sort == "name":
        kept.sort(key=lambda r: sort_key(r.name, language))
    elif filters.sort == "state":
        order = {s: n for n, s in enumerate(list(STATES))}
        kept.sort(key=lambda r: (order[r.state], sort_key(r.name, language)))
    return kept


def failing_messages(secretariat_id: int) -> int:
    """E-mails of the secretariat's meetings that failed, for good or for now (to be retried):
    the dashboard's banner."""
    return db.session.scalar(
        sa.select(sa.func.count(OutboxMessage.id))
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .where(Meeting.secretariat_id == secretariat_id, outbox.failing())
    ) or 0
