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
from functools import cache
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import LazyString, ngettext
from flask_babel import lazy_gettext as _l

from meetings.collation import sort_key
from meetings.deadline import Deadline
from meetings.extensions import db
from meetings.models import (
    Delegate,
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
)
from meetings.models.delegation import delegate_attendance
from meetings.services import outbox
from meetings.services.invitations import CATEGORY_ORDER, party_columns, row_key, short_name
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


@dataclass
class Row:
    """One invitation as the dashboard's table shows it, read as plain columns."""

    id: int
    name: str  # in the dashboard's language
    english_name: str  # Party.short_name(), which the search also looks in
    iso3: str | None
    category: InvitationCategory
    language: str
    addressee: str
    reference: str | None
    emails: list[str]
    token_issued_at: datetime | None
    states: set[str]
    email: OutboxStatus | None  # the latest e-mail of its note, if any
    email_error: str | None
    delegation_status: DelegationStatus | None
    delegates: int
    heads: int
    women: int
    gender_unknown: int
    women_heads: int
    submitted_on: date | None  # the first submission, at the venue
    state: str = ""  # the furthest step (or how it ended), worked out once

    def __post_init__(self) -> None:
        self.state = self._state()

    def _state(self) -> str:
        for ended in ENDED:
            if ended in self.states:
                return ended
        return next(s for s in reversed(PROGRESS) if s in self.states or s == "listed")

    @property
    def late(self) -> bool:
        return "late" in self.states

    @property
    def has_address(self) -> bool:
        return bool(self.emails)


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
        return sum(1 for r in self.rows if r.state not in ENDED)

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


@cache  # the statements are built once: only their parameters (meeting_id, language) change
def _statements() -> tuple[sa.Select, ...]:
    party, joins = party_columns()
    meeting_id: sa.BindParameter[int] = sa.bindparam("meeting_id")
    invitations = sa.select(
        Invitation.id, Invitation.category, Invitation.status, Invitation.language,
        Invitation.addressee, Invitation.reference, Invitation.emails,
        Invitation.token_issued_at, Invitation.link_opened_at, Invitation.declined_at.is_not(None),
        Delegation.id, Delegation.status, Delegation.is_late, *party)
    for target, on in joins:
        invitations = invitations.join(target, on, isouter=target is not Party)
    invitations = invitations.outerjoin(Delegation, Delegation.invitation_id == Invitation.id) \
        .where(Invitation.meeting_id == meeting_id)
    head, female = Delegate.function == DelegateFunction.HEAD, Delegate.gender == Gender.FEMALE

    def count(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
        return sa.func.sum(sa.case((condition, 1), else_=0))

    people = sa.select(
        Delegate.delegation_id, sa.func.count(Delegate.id), count(head), count(female),
        count(Delegate.gender.is_(None)), count(sa.and_(head, female))
    ).join(Delegation, Delegation.id == Delegate.delegation_id) \
        .join(Invitation, Invitation.id == Delegation.invitation_id) \
        .where(Invitation.meeting_id == meeting_id).group_by(Delegate.delegation_id)
    mails = sa.select(OutboxMessage.invitation_id, OutboxMessage.status, OutboxMessage.last_error) \
        .join(Invitation, Invitation.id == OutboxMessage.invitation_id) \
        .where(Invitation.meeting_id == meeting_id, OutboxMessage.note_id.is_not(None)) \
        .order_by(OutboxMessage.id)
    first_submitted = sa.select(Delegation.invitation_id,
                                sa.func.min(DelegationVersion.submitted_at)) \
        .join(DelegationVersion, DelegationVersion.delegation_id == Delegation.id) \
        .join(Invitation, Invitation.id == Delegation.invitation_id) \
        .where(Invitation.meeting_id == meeting_id).group_by(Delegation.invitation_id)
    attendance = sa.select(Delegation.invitation_id, delegate_attendance.c.meeting_id,
                           sa.func.count(delegate_attendance.c.delegate_id)) \
        .join(Delegate, Delegate.id == delegate_attendance.c.delegate_id) \
        .join(Delegation, Delegation.id == Delegate.delegation_id) \
        .join(Invitation, Invitation.id == Delegation.invitation_id) \
        .where(Invitation.meeting_id == meeting_id,
               delegate_attendance.c.meeting_id.in_(sa.bindparam("group", expanding=True))) \
        .group_by(Delegation.invitation_id, delegate_attendance.c.meeting_id)
    return invitations, people, mails, first_submitted, attendance


def _rows(meeting: Meeting, language: str, zone: ZoneInfo) -> list[Row]:
    """The table's rows in a fixed number of statements: the invitations with their party's
    names and their delegation as plain columns, the delegates counted in SQL, the note
    e-mails, the first submissions."""
    invitations, people_query, mails_query, first_query = _statements()[:4]
    given = {"meeting_id": meeting.id}
    people = {delegation_id: figures
              for delegation_id, *figures in db.session.execute(people_query, given)}
    mails: dict[int, tuple[OutboxStatus, str | None]] = {}
    for invitation_id, mail_status, error in db.session.execute(mails_query, given):
        if invitation_id is not None:
            mails[invitation_id] = (mail_status, error)  # the latest note e-mail wins
    first_submitted = dict(db.session.execute(first_query, given).all())
    place = meeting.secretariat.european_union_place
    venue_days: dict[datetime, date] = {}
    keyed = []
    for (id_, category, status, written_in, addressee, reference, emails, issued_at, opened_at,
         is_declined, delegation_id, delegation_status, is_late, own, english, iso3, party_id,
         european_union) in db.session.execute(invitations, {**given, "language": language}):
        states: set[str] = set()
        mail, error = mails.get(id_, (None, None))
        if status == InvitationStatus.WITHDRAWN:
            states.add("withdrawn")
        elif is_declined:
            states.add("declined")
        elif status == InvitationStatus.LISTED:
            states.add("listed")
        else:
            states.add("issued")
        if mail == OutboxStatus.SENT:
            states.add("emailed")
        elif mail == OutboxStatus.FAILED:
            states.add("email_failed")
        if opened_at is not None:
            states.add("link_opened")
        if delegation_id is not None:
            states.add(delegation_status.value)
            if is_late:
                states.add("late")
        if "issued" in states and not states & {"submitted", "returned", "confirmed",
                                                "withdrawn", "declined"}:
            states.add("awaiting")
        first = first_submitted.get(id_)
        if first is not None and first not in venue_days:
            venue_days[first] = first.astimezone(zone).date()
        delegates, heads, women, unknown, women_heads = people.get(delegation_id, (0, 0, 0, 0, 0))
        name = short_name(own, english, iso3, party_id)
        row = Row(
            id=id_, name=name, english_name=short_name(english, english, iso3, party_id),
            iso3=iso3, category=category, language=written_in, addressee=addressee,
            reference=reference, emails=emails or [], token_issued_at=issued_at, states=states,
            email=mail, email_error=error if mail == OutboxStatus.FAILED else None,
            delegation_status=delegation_status, delegates=int(delegates), heads=int(heads),
            women=int(women), gender_unknown=int(unknown), women_heads=int(women_heads),
            submitted_on=venue_days[first] if first is not None else None)
        keyed.append((row_key(category, bool(european_union), name, language, place), row))
    keyed.sort(key=lambda pair: pair[0])
    return [row for key, row in keyed]


def _chart(rows: list[Row], deadline: Deadline | None, now: datetime, zone: ZoneInfo,
           invited: int) -> Chart:
    today = now.astimezone(zone).date()
    submitted = [r.submitted_on for r in rows if r.submitted_on is not None]
    issued = [r.token_issued_at.astimezone(zone).date() for r in rows
              if r.token_issued_at is not None]
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
    tally = Counter(state for r in rows for state in r.states)  # one pass over the rows
    counts = {state: tally[state] for state in STATES}
    registered = [r for r in rows if r.delegation_status is not None
                  and r.delegation_status != DelegationStatus.DRAFT
                  and not r.states & set(ENDED)]
    # Who attends what, counted in SQL per delegation: loading each delegate's meetings would
    # read every meeting row (and its texts) once per delegate.
    attending = {r.id for r in registered}
    per_meeting: Counter[int] = Counter()
    for invitation_id, meeting_id, number in db.session.execute(
            _statements()[4], {"meeting_id": meeting.id, "group": [m.id for m in group]}):
        if invitation_id in attending:
            per_meeting[meeting_id] += number
    deadline = Deadline.of(meeting)
    dashboard = Dashboard(
        meeting=meeting, group=group, rows=rows, counts=counts,
        delegates_per_meeting=[(m, per_meeting.get(m.id, 0)) for m in group],
        delegations=len(registered), delegates=sum(r.delegates for r in registered),
        without_head=[r for r in registered if not r.heads],
        women=sum(r.women for r in registered),
        gender_unknown=sum(r.gender_unknown for r in registered),
        heads=sum(r.heads for r in registered),
        women_heads=sum(r.women_heads for r in registered),
        deadline=deadline, now=now,
        chart=_chart([r for r in rows if not r.states & set(ENDED)], deadline, now, zone, 0),
        languages=sorted({r.language for r in rows}),
        categories=sorted({r.category for r in rows}, key=CATEGORY_ORDER.__getitem__),
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
        if (not filters.category or r.category.value == filters.category)
        and (not filters.state or filters.state in r.states)
        and (not filters.language or r.language == filters.language)
        and (not filters.late or r.late)
        and (not filters.email_failed or "email_failed" in r.states)
        and (not needle or any(needle in (text or "").casefold() for text in (
            r.name, r.english_name, r.addressee, r.reference, r.iso3, " ".join(r.emails))))
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
