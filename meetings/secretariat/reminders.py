"""Reminding the governments that have not registered: a preview, then the officer confirms."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from meetings import clock, languages
from meetings.access import current_actor, staff_meeting
from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.secretariat.blueprint import bp
from meetings.services import reminders


@bp.get("/meetings/<slug>/reminders")
@login_required
def reminders_preview(slug: str):
    """Who would be reminded today, who not and why, and the e-mail in each language."""
    meeting = staff_meeting(slug)
    plan = reminders.plan(meeting, clock.now())
    return render_template("secretariat/reminders.html", meeting=meeting, plan=plan,
                           letters=plan.letters(), language_names=languages.NAMES,
                           can_edit=current_user.role_in(meeting.secretariat).can_edit)


@bp.post("/meetings/<slug>/reminders")
@login_required
def send_reminders(slug: str):
    meeting = staff_meeting(slug, True)
    try:
        sent = reminders.send(meeting, current_actor(), clock.now())
    except RuleBroken as broken:
        flash(" ".join(broken.problems.values()), "error")
        return redirect(url_for(".reminders_preview", slug=slug))
    db.session.commit()
    flash(_("%(count)s reminder(s) queued for sending.", count=len(sent)) if sent else
          _("Nothing sent: every government due was already reminded today."),
          "success" if sent else "info")
    return redirect(url_for(".reminders_preview", slug=slug))
