"""A government registers its delegation: drafts, submissions kept as versions, no lost edits."""
from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext, lazy_pgettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified, set_committed_value

from meetings import i18n
from meetings.errors import Conflict, RuleBroken
from meetings.extensions import db
from meetings.models import (
    Delegate,
    DelegateFunction,
    Delegation,
    DelegationStatus,
    DelegationVersion,
    Gender,
    Invitation,
    Meeting,
    StoredFile,
)
from meetings.models.delegation import delegate_attendance
from meetings.services import mission_mail
from meetings.services.audit import Actor, plain, record

HONORIFICS = ["H.E. Mr.", "H.E. Ms.", "Mr.", "Ms.", "Dr.", "Prof."]
# Stored as above (the secretariat's lists read them in English); shown in the page's language.
HONORIFIC_LABELS: dict[str, Any] = {
    "H.E. Mr.": lazy_pgettext("honorific", "H.E. Mr."),
    "H.E. Ms.": lazy_pgettext("honorific", "H.E. Ms."),
    "Mr.": lazy_pgettext("honorific", "Mr."),
    "Ms.": lazy_pgettext("honorific", "Ms."),
    "Dr.": lazy_pgettext("honorific", "Dr."),
    "Prof.": lazy_pgettext("honorific", "Prof."),
}
FOCAL_FIELDS = ("focal_point_name", "focal_point_position", "focal_point_email",
                "focal_point_phone")
# A submitted or confirmed delegation changes only by a new submission, kept as a version.
DRAFTS_REFUSED = (DelegationStatus.SUBMITTED, DelegationStatus.CONFIRMED)
DELEGATE_FIELDS = ("honorific", "given_name", "family_name", "job_title", "function", "email",
                   "phone", "gender")


def blank_values(group: list[Meeting]) -> dict[str, Any]:
    return {**{f: "" for f in FOCAL_FIELDS},
            "delegates": [blank_delegate(group)]}


def blank_delegate(group: list[Meeting]) -> dict[str, Any]:
    return {"key": "", **{f: "" for f in DELEGATE_FIELDS}, "function": "expert",
            "meetings": [m.id for m in group]}


def attach_attendance(delegation: Delegation | None, group: list[Meeting]) -> None:
    """Each delegate's meetings, read as (delegate, meeting) pairs in one statement and matched
    to the group's meetings already loaded, instead of reading those meetings' rows again. As
    if loaded from the database: a save then writes only what changed."""
    delegates = [d for d in (delegation.delegates if delegation is not None else [])
                 if "meetings" in sa.inspect(d).unloaded and d.id is not None]
    if not delegates:
        return
    pairs = db.session.execute(
        sa.select(delegate_attendance.c.delegate_id, delegate_attendance.c.meeting_id)
        .where(delegate_attendance.c.delegate_id.in_([d.id for d in delegates]))
        .order_by(delegate_attendance.c.delegate_id, delegate_attendance.c.meeting_id)).all()
    known = {m.id: m for m in group}
    others = {meeting_id for _, meeting_id in pairs if meeting_id not in known}
    if others:  # a meeting no longer linked to the group
        known.update((m.id, m) for m in db.session.scalars(
            sa.select(Meeting).where(Meeting.id.in_(others))))
    attends: dict[int, list[Meeting]] = {d.id: [] for d in delegates}
    for delegate_id, meeting_id in pairs:
        attends[delegate_id].append(known[meeting_id])
    for delegate in delegates:
        set_committed_value(delegate, "meetings", attends[delegate.id])


def current_values(delegation: Delegation | None, group: list[Meeting]) -> dict[str, Any]:
    if delegation is None or not delegation.delegates and not delegation.focal_point_name:
        return blank_values(group)
    return {
        **{f: getattr(delegation, f) or "" for f in FOCAL_FIELDS},
        "delegates": [{
            "key": str(d.id),
            **{f: plain(getattr(d, f)) or "" for f in DELEGATE_FIELDS},
            "meetings": sorted(m.id for m in d.meetings),
        } for d in delegation.delegates],
    }


def _person(values: dict[str, Any]) -> str:
    name = f"{values.get('given_name', '')} {values.get('family_name', '')}"
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def meeting_title(meeting: Meeting, language: str) -> str:
    """The short title in the page's language, else its title there, else the English one."""
    own = (meeting.localized or {}).get(language, {})
    return own.get("short_title") or own.get("title") or meeting.display_title


def problems(values: dict[str, Any], group: list[Meeting], *, submitting: bool,
             note_missing: bool, language: str = "en") -> tuple[dict[str, Any], list[Any]]:
    """Messages beside fields ('delegates-1-email') and for the whole form; nothing is changed.

    Messages are lazy catalog texts: the page renders them in the language it speaks."""
    fields: dict[str, Any] = {}
    general: list[Any] = []
    if values.get("focal_point_email"):
        try:
            validate_email(values["focal_point_email"], check_deliverability=False)
        except EmailNotValidError:
            fields["focal_point_email"] = _l("This e-mail address is not valid; please check "
                                             "it (for example name@example.org).")
    if submitting:
        for name in ("focal_point_name", "focal_point_email"):
            if not values.get(name):
                fields.setdefault(name, _l("Please fill this in."))
    group_ids = {m.id for m in group}
    seen_people: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    heads: dict[int, int] = {}
    delegates = values.get("delegates", [])
    for index, delegate in enumerate(delegates):
        prefix = f"delegates-{index}-"
        for name in ("given_name", "family_name"):
            if not (delegate.get(name) or "").strip():
                fields[prefix + name] = _l("Please give the name as in the passport.")
        if delegate.get("email"):
            try:
                validate_email(delegate["email"], check_deliverability=False)
            except EmailNotValidError:
                fields[prefix + "email"] = _l("This e-mail address is not valid; please check "
                                              "it (for example name@example.org).")
            else:
                email = delegate["email"].casefold()
                if email in seen_emails:
                    fields[prefix + "email"] = _l(
                        "Delegate %(number)s already has this e-mail address.",
                        number=seen_emails[email] + 1)
                seen_emails.setdefault(email, index)
        elif submitting:
            fields[prefix + "email"] = _l("Please give an e-mail address.")
        person = _person(delegate)
        if person.strip() and person in seen_people:
            fields[prefix + "family_name"] = _l(
                "This person is already listed as delegate %(number)s.",
                number=seen_people[person] + 1)
        seen_people.setdefault(person, index)
        attends = [m for m in delegate.get("meetings", []) if m in group_ids]
        if not attends and submitting:
            fields[prefix + "meetings"] = _l("Choose at least one meeting this person attends.")
        if delegate.get("function") == DelegateFunction.HEAD.value:
            for meeting_id in attends:
                if meeting_id in heads:
                    title = next(meeting_title(m, language) for m in group
                                 if m.id == meeting_id)
                    fields[prefix + "function"] = _l(
                        "Delegate %(number)s already heads the delegation to %(meeting)s.",
                        number=heads[meeting_id] + 1, meeting=title)
                heads.setdefault(meeting_id, index)
    if submitting:
        if not delegates:
            general.append(_l("Add at least one delegate."))
        attended = {m for d in delegates for m in d.get("meetings", []) if m in group_ids}
        for meeting in group:
            if meeting.id in attended and meeting.id not in heads:
                message = _l("Nobody heads the delegation to %(meeting)s: choose “Head of "
                             "delegation” for one delegate attending it.",
                             meeting=meeting_title(meeting, language))
                general.append(message)
                first = next(i for i, d in enumerate(delegates) if meeting.id in
                             d.get("meetings", []))  # the field to change is marked too
                fields.setdefault(f"delegates-{first}-function", message)
        if note_missing:
            fields["note"] = _l("Attach the scanned note verbale that confirms the delegation.")
    return fields, general


def snapshot(delegation: Delegation, group: list[Meeting]) -> dict[str, Any]:
    values = current_values(delegation, group)
    values["status"] = delegation.status.value
    values["note"] = delegation.note_file.filename if delegation.note_file else None
    return values


def _named(delegate: dict[str, Any]) -> bool:
    return bool(delegate.get("key") or _person(delegate))


# How a change names each field: the labels of the registration page, in the reader's language.
CHANGE_LABELS: dict[str, str] = {
    "focal_point_name": "Name", "focal_point_position": "Position", "focal_point_email": "E-mail",
    "focal_point_phone": "Telephone", "honorific": "Honorific", "given_name": "Given name(s)",
    "family_name": "Family name", "job_title": "Position / title", "function": "Function",
    "email": "E-mail", "phone": "Telephone", "gender": "Gender (optional)",
}
# Stored values shown as the page shows them (functions, genders).
VALUE_LABELS: dict[str, str] = {
    "head": "Head of delegation", "alternate": "Alternate", "adviser": "Adviser",
    "expert": "Expert", "female": "Female", "male": "Male", "other": "Other",
}


def _label(field: str, language: str) -> str:
    """English records keep the field's own name ("job title"); a page reads its label."""
    return field.replace("_", " ") if language == "en" else gettext(CHANGE_LABELS[field])


def _shown(field: str, value: Any, language: str) -> str:
    if language == "en":
        return str(value or "")
    if field == "honorific" and value in HONORIFIC_LABELS:
        return str(HONORIFIC_LABELS[value])
    if field in ("function", "gender") and value in VALUE_LABELS:
        return gettext(VALUE_LABELS[value])
    return str(value or "")


def describe_changes(before: dict[str, Any], after: dict[str, Any],
                     titles: dict[int, str] | None = None, language: str = "en") -> list[str]:
    """Readable differences between two snapshots, by delegate name and meeting title, in
    `language`: English for the secretariat's records, the page's for a government's conflict."""
    with i18n.speaking(language):
        return _changes(before, after, titles or {}, language)


def _changes(before: dict[str, Any], after: dict[str, Any], titles: dict[int, str],
             language: str) -> list[str]:
    gettext = i18n.catalog_gettext()  # the same words, the catalog looked up once
    other = gettext("another meeting")
    found = [gettext("%(field)s: “%(old)s” → “%(new)s”",
                     field=_label(f, language) if language == "en"
                     else f"{gettext('Focal point')}, {_label(f, language)}",
                     old=before.get(f) or "", new=after.get(f) or "")
             for f in FOCAL_FIELDS if (before.get(f) or "") != (after.get(f) or "")]
    # A blank row (the empty form's first delegate) is nobody: neither added nor removed.
    old = {d["key"] or _person(d): d for d in before.get("delegates", []) if _named(d)}
    new = {d["key"] or _person(d): d for d in after.get("delegates", []) if _named(d)}
    for key, delegate in new.items():
        name = f"{delegate.get('given_name', '')} {delegate.get('family_name', '')}".strip()
        if key not in old:
            found.append(gettext("added %(name)s", name=name))
            attends = [titles[i] for i in delegate.get("meetings") or [] if i in titles]
            if attends:
                found.append(gettext("%(name)s attends %(meetings)s", name=name,
                                     meetings=gettext(", ").join(attends)))
            continue
        was, now = set(old[key].get("meetings") or []), set(delegate.get("meetings") or [])
        found.extend(gettext("%(name)s added to %(meeting)s", name=name,
                             meeting=titles.get(i, other)) for i in sorted(now - was))
        found.extend(gettext("%(name)s no longer attends %(meeting)s", name=name,
                             meeting=titles.get(i, other)) for i in sorted(was - now))
        for f in DELEGATE_FIELDS:
            if old[key].get(f) != delegate.get(f) and (old[key].get(f) or delegate.get(f)):
                found.append(gettext("%(name)s: %(field)s “%(old)s” → “%(new)s”", name=name,
                                     field=_label(f, language),
                                     old=_shown(f, old[key].get(f), language),
                                     new=_shown(f, delegate.get(f), language)))
    for key, delegate in old.items():
        if key not in new:
            found.append(gettext("removed %(name)s", name=f"{delegate.get('given_name', '')} "
                                 f"{delegate.get('family_name', '')}".strip()))
    if before.get("note") != after.get("note"):
        none = gettext("none")
        found.append(gettext("note verbale: %(old)s → %(new)s", old=before.get("note") or none,
                             new=after.get("note") or none))
    return found


def meeting_titles(group: list[Meeting], language: str = "en") -> dict[int, str]:
    if language == "en":
        return {m.id: m.display_title for m in group}
    return {m.id: meeting_title(m, language) for m in group}


def save(invitation: Invitation, values: dict[str, Any], group: list[Meeting], actor: Actor, *,
         expected_version: int | None, now: datetime, submit: bool, late: bool = False,
         note: StoredFile | None = None, on_behalf: bool = False,
         language: str = "en") -> Delegation:
    """Write the delegation as the form shows it; a stale form raises Conflict (its changes in
    the form's `language`), changing nothing."""
    delegation = invitation.delegation
    if delegation is None:
        delegation = Delegation(invitation=invitation)
        db.session.add(delegation)
        db.session.flush()  # a first delegation saved meanwhile by someone else fails here
    elif expected_version is None or expected_version != delegation.version:
        raise conflict_with(delegation, values, group, language)
    elif not submit and delegation.status in DRAFTS_REFUSED:
        raise RuleBroken({"no_draft": "This delegation has already been submitted; a draft "
                                      "cannot replace it. Submit your changes instead."})
    before = snapshot(delegation, group)
    for f in FOCAL_FIELDS:
        setattr(delegation, f, (values.get(f) or "").strip() or None)
    by_key = {str(d.id): d for d in delegation.delegates}
    meetings = {m.id: m for m in group}
    kept = []
    for order, row in enumerate(values.get("delegates", [])):
        delegate = by_key.pop(row.get("key") or "", None) or Delegate()
        delegate.sort_order = order
        for f in ("honorific", "given_name", "family_name", "job_title", "email", "phone"):
            setattr(delegate, f, (row.get(f) or "").strip() or None)
        delegate.given_name = delegate.given_name or ""
        delegate.family_name = delegate.family_name or ""
        delegate.function = DelegateFunction(row.get("function") or "expert")
        delegate.gender = Gender(row["gender"]) if row.get("gender") else None
        delegate.meetings = [meetings[i] for i in row.get("meetings", []) if i in meetings]
        kept.append(delegate)
    delegation.delegates = kept
    if note is not None:
        delegation.note_file = note
    delegation.entered_by_secretariat = delegation.entered_by_secretariat or on_behalf
    delegation.updated_at = now
    flag_modified(delegation, "updated_at")  # always an UPDATE, so the version moves every save
    if submit:
        delegation.status = DelegationStatus.SUBMITTED
        delegation.submitted_at = now
        delegation.is_late = delegation.is_late or late
        delegation.return_comment = None
    db.session.flush()
    after = snapshot(delegation, group)
    changes = describe_changes(before, after, meeting_titles(group))
    if submit:
        # Counted, not loaded: the earlier versions' snapshots are not read to number this one.
        earlier = db.session.scalar(sa.select(sa.func.count()).select_from(DelegationVersion)
                                    .where(DelegationVersion.delegation_id == delegation.id))
        db.session.add(DelegationVersion(
            delegation=delegation, number=(earlier or 0) + 1, submitted_at=now,
            submitted_by=actor.label, is_late=late, snapshot=after, changes=changes))
    record(actor, ("submitted" if submit else "draft saved") + (" (late)" if late else ""),
           delegation, {"changes": changes, "on behalf": on_behalf} if on_behalf
           else {"changes": changes},
           meeting_id=invitation.meeting_id, secretariat_id=invitation.meeting.secretariat_id)
    return delegation


def conflict_with(delegation: Delegation, values: dict[str, Any],
                  group: list[Meeting], language: str = "en") -> Conflict:
    """What the other person saved, listed against what this form holds, in its language."""
    theirs = snapshot(delegation, group)
    return Conflict(theirs, describe_changes(_as_snapshot(values, delegation), theirs,
                                             meeting_titles(group, language), language),
                    delegation.version)


def _as_snapshot(values: dict[str, Any], delegation: Delegation) -> dict[str, Any]:
    return {**values, "note": delegation.note_file.filename if delegation.note_file else None}


def confirm(delegation: Delegation, actor: Actor, now: datetime) -> None:
    """Confirmed, and the mission told so; a late submission is told it has been accepted."""
    delegation.status = DelegationStatus.CONFIRMED
    delegation.confirmed_at = now
    record(actor, "delegation confirmed", delegation, {},
           meeting_id=delegation.invitation.meeting_id,
           secretariat_id=delegation.invitation.meeting.secretariat_id)
    mission_mail.send(delegation.invitation, "late_accepted" if delegation.is_late
                      else "confirmed", actor)


def return_to_focal_point(delegation: Delegation, comment: str, actor: Actor) -> None:
    delegation.status = DelegationStatus.RETURNED
    delegation.return_comment = comment
    record(actor, "delegation returned", delegation, {"comment": comment},
           meeting_id=delegation.invitation.meeting_id,
           secretariat_id=delegation.invitation.meeting.secretariat_id)
    mission_mail.send(delegation.invitation, "returned", actor, comment=comment)
