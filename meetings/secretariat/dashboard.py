"""The meeting dashboard, the first page an officer sees for a meeting, and its bulk actions."""
from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from meetings import charts, clock, dates, i18n
from meetings.access import current_actor, staff_meeting
from meetings.extensions import db
from meetings.languages import NAMES as LANGUAGE_NAMES
from meetings.models import Invitation, InvitationStatus, Meeting, OutboxStatus, Party
from meetings.secretariat.blueprint import bp
from meetings.secretariat.words import state_word
from meetings.services import dashboard as service
from meetings.services import notes as note_service
from meetings.services.audit import record
from meetings.services.meeting_states import state_of
from meetings.urls import public_base_url


@bp.get("/meetings/<slug>/dashboard")
@login_required
def dashboard(slug: str):
    meeting = staff_meeting(slug)
    now = clock.now()
    board = service.build(meeting, now)
    filters = service.Filters.from_args(request.args)
    rows = service.filtered(board.rows, filters)
    chart = board.chart
    svg = charts.submissions(chart.days, chart.per_day, chart.cumulative, deadline=chart.deadline,
                             today=chart.today, invited=chart.invited)
    return render_template(
        "secretariat/dashboard.html", meeting=meeting, board=board, rows=rows,
        lines=lines(rows), filters=filters,
        svg=svg, state=state_of(meeting, now), states=service.STATES, sorts=service.SORTS,
        language_names=LANGUAGE_NAMES, actions=BULK_ACTIONS, time_words=service.time_words,
        failing=service.failing_messages(meeting.secretariat_id),
        can_edit=current_user.role_in(meeting.secretariat).can_edit,
        issue_key=secrets.token_urlsafe(24),
    )


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the dashboard's table, every text worked out: the template only writes them."""

    id: int
    name: str
    select_label: Markup  # "Select Austria", the name escaped
    href: str
    category: str
    language: str
    state: str
    state_label: str
    ended: bool  # withdrawn or declined: shown muted, cannot be selected
    late: bool
    reference: str
    email: str | None  # the word for the latest note e-mail's state
    email_failed: bool
    email_error: str | None
    has_address: bool
    delegates: int
    submitted: str  # the day of the first submission, at the venue, in the page's language


def lines(rows: list[service.Row]) -> list[Line]:
    """The table's rows: each label translated or formatted once per distinct value (a state, a
    category, a day), each address from a template built once, not once per row."""
    marker = 987654321
    href = url_for(".invitation", invitation_id=marker).replace(str(marker), "{}")
    # What Jinja's _('Select %(name)s', name=…) gives: the translation as markup, the name escaped.
    select = Markup(_("Select %(name)s"))  # noqa: S704  (our catalogs, as Jinja treats them)
    page_language = i18n.select_locale()
    categories = {c: c.label for c in {r.category for r in rows}}
    states = {key: str(label) for key, label in service.STATES.items()}
    emails = {e: state_word(e) for e in {r.email for r in rows} if e is not None}
    days = {d: dates.long_date(d, page_language) for d in {r.submitted_on for r in rows}
            if d is not None}
    return [Line(
        id=r.id, name=r.name, select_label=select % {"name": r.name}, href=href.format(r.id),
        category=categories[r.category], language=r.language, state=r.state,
        state_label=states[r.state], ended=r.state in service.ENDED, late=r.late,
        reference=r.reference or "—", email=emails[r.email] if r.email else None,
        email_failed=r.email == OutboxStatus.FAILED, email_error=r.email_error,
        has_address=r.has_address, delegates=r.delegates,
        submitted=days[r.submitted_on] if r.submitted_on else "") for r in rows]


@dataclass(frozen=True)
class BulkAction:
    """A button under the dashboard's table: what it does to the selected invitations.

    `run` takes the meeting and the selected invitations, changes them through the services
    (never committing) and returns the messages to show; it raises BulkRefused to change nothing.
    Another action is one more entry in BULK_ACTIONS.
    """

    label: str
    run: Callable[[Meeting, list[Invitation]], list[tuple[str, str]]]


class BulkRefused(Exception):
    def __init__(self, lines: list[str]):
        super().__init__("; ".join(lines))
        self.lines = lines


def _names(invitations: list[Invitation], limit: int = 15) -> str:
    names = [i.party.short_name() for i in invitations]
    return ", ".join(names[:limit]) + (_(" and %(count)s more", count=len(names) - limit)
                                       if len(names) > limit else "")


def _issue(meeting: Meeting, selected: list[Invitation], send: bool) -> list[tuple[str, str]]:
    listed = [i for i in selected if i.status == InvitationStatus.LISTED]
    if not listed:
        return [("info", _("None of the selected invitations is waiting for its note."))]
    missing = note_service.without_address(listed) if send else []
    if missing:
        raise BulkRefused([_("No note was issued: %(count)s of the selected invitations have no "
                             "e-mail address: %(names)s. Add their addresses, or issue without "
                             "e-mailing.", count=len(missing), names=_names(missing))])
    try:
        issued = note_service.issue(listed, current_actor(), base_url=public_base_url(),
                                    send=send, key=request.form.get("issue_key") or None,
                                    only_listed=True)
    except note_service.AlreadyIssued as already:
        refs = ", ".join(n.reference for n in already.notes[:10])
        raise BulkRefused([_("Already issued, nothing issued again: %(references)s.",
                             references=refs)]) from None
    except note_service.NoteProblem as problem:
        raise BulkRefused([*problem.problems[:30],
                           _("No note was issued: correct the points above first.")]) from None
    if not issued:
        return [("info", _("These notes had just been issued by another request."))]
    first, last = issued[0].reference, issued[-1].reference
    if send:
        return [("success", ngettext(
            "%(num)d note issued and queued for e-mail, %(first)s to %(last)s.",
            "%(num)d notes issued and queued for e-mail, %(first)s to %(last)s.", len(issued),
            first=first, last=last))]
    return [("success", ngettext("%(num)d note issued, %(first)s to %(last)s.",
                                 "%(num)d notes issued, %(first)s to %(last)s.", len(issued),
                                 first=first, last=last))]


def _email(meeting: Meeting, selected: list[Invitation]) -> list[tuple[str, str]]:
    issued = [i for i in selected if i.status == InvitationStatus.ISSUED]
    if not issued:
        return [("info", _("None of the selected invitations has a note to e-mail."))]
    missing = note_service.without_address(issued)
    if missing:
        raise BulkRefused([_("Nothing was e-mailed: %(count)s of the selected invitations have no "
                             "e-mail address: %(names)s.", count=len(missing),
                             names=_names(missing))])
    latest = note_service.latest_notes(issued)
    actor = current_actor()
    for invitation in issued:
        note = latest[invitation.id]
        note_service.dispatch(note)
        record(actor, "note e-mailed", invitation,
               {"reference": note.reference, "to": list(invitation.emails)},
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return [("success", ngettext("%(num)d note queued for e-mail: %(names)s.",
                                 "%(num)d notes queued for e-mail: %(names)s.", len(issued),
                                 names=_names(issued)))]


BULK_ACTIONS: dict[str, BulkAction] = {
    "issue": BulkAction(_l("Issue notes"), lambda m, s: _issue(m, s, send=False)),
    "issue_email": BulkAction(_l("Issue and e-mail notes"), lambda m, s: _issue(m, s, send=True)),
    "email": BulkAction(_l("E-mail the notes"), _email),
}


@bp.post("/meetings/<slug>/dashboard/selected")
@login_required
def dashboard_bulk(slug: str):
    """One form, one button per action: the selected invitations go to that action."""
    meeting = staff_meeting(slug, True)
    action = BULK_ACTIONS.get(request.form.get("action", ""))
    filters: dict[str, Any] = service.Filters.from_args(request.args).as_args()
    back = url_for(".dashboard", slug=slug, _anchor="table", **filters)
    ids = [int(v) for v in request.form.getlist("selected") if v.isdigit()]
    if action is None:
        flash(_("Choose what to do with the selected invitations."), "error")
        return redirect(back)
    if not ids:
        flash(_("Select at least one invitation first."), "error")
        return redirect(back)
    selected = list(db.session.scalars(
        sa.select(Invitation).where(Invitation.meeting_id == meeting.id, Invitation.id.in_(ids))
        .options(selectinload(Invitation.party).selectinload(Party.names),
                 selectinload(Invitation.meeting)).order_by(Invitation.id)))
    if len(selected) != len(set(ids)):
        abort(404)  # another meeting's invitation: as if it did not exist
    try:
        lines = action.run(meeting, selected)
    except BulkRefused as refused:
        db.session.rollback()
        for line in refused.lines:
            flash(line, "error")
        return redirect(back)
    db.session.commit()
    for category, line in lines:
        flash(line, category)
    return redirect(back)
