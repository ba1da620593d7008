"""The outbox page: every e-mail about the secretariat's invitations, its state, and retries."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from meetings.access import staff_message, staff_secretariats
from meetings.extensions import db
from meetings.models import Meeting
from meetings.secretariat.blueprint import bp
from meetings.services import outbox as service


def _kept() -> dict[str, Any]:
    """The filters the officer had, by these names only."""
    return {k: v for k, v in request.args.items() if k in ("state", "meeting", "q") and v}


def _back() -> str:
    return url_for(".outbox", **_kept())


@bp.get("/outbox")
@login_required
def outbox():
    secretariats = staff_secretariats(current_user)
    ids = [s.id for s in secretariats]
    meetings = db.session.scalars(sa.select(Meeting).where(Meeting.secretariat_id.in_(ids))
                                  .order_by(Meeting.first_day.desc(), Meeting.title)).all()
    state = request.args.get("state", "")
    state = state if state in service.STATES else ""
    chosen = next((m for m in meetings if m.slug == request.args.get("meeting")), None)
    text = request.args.get("q", "")[:200].strip()
    messages = service.messages_of(ids, state=state, meeting_id=chosen.id if chosen else None,
                                   text=text)
    editable = [s.id for s in secretariats if current_user.role_in(s).can_edit]
    failing = len(service.messages_of(editable, state="failing")) if editable else 0
    return render_template(
        "secretariat/outbox.html", messages=messages, meetings=meetings, chosen=chosen,
        state=state, text=text, states=service.STATES, state_of=service.state_of,
        can_edit=bool(editable), failing=failing, kept=_kept(),
    )


@bp.post("/outbox/<int:message_id>/retry")
@login_required
def outbox_retry(message_id: int):
    message = staff_message(message_id, edit=True)
    service.retry_now(message)
    db.session.commit()
    flash(_("The e-mail to %(to)s will be sent again in the next round.",
            to=", ".join(message.to)), "success")
    return redirect(_back())


@bp.post("/outbox/retry-all")
@login_required
def outbox_retry_all():
    editable = [s.id for s in staff_secretariats(current_user)
                if current_user.role_in(s).can_edit]
    if not editable:
        abort(403)
    count = service.retry_failing(editable)
    db.session.commit()
    flash(ngettext("%(num)d e-mail will be sent again in the next round.",
                   "%(num)d e-mails will be sent again in the next round.", count)
          if count else _("No e-mail is failing."), "success" if count else "info")
    return redirect(_back())
