"""The audit trail as an officer reads it: one sentence per event, names instead of ids.

`Names.load(events)` (history_names.py) looks every name up in a few bulk queries;
`describe(event, names)` is then pure. An audit kind this module does not know yet still reads
as a sentence ("Austria: reminder sent by J. Smith"), never as raw fields.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from flask import has_app_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from meetings import i18n, languages
from meetings.dates import clock, in_zone
from meetings.dates import long_date as _long_date
from meetings.history_names import OLD_MEETING_IDS, Names
from meetings.models import AuditEvent, InvitationCategory, LinkKind
from meetings.secretariat.words import WORDS, state_word

# What officers call the columns that audit records name; anything else is humanised.
LABELS = {
    "title": _l("title"), "short_title": _l("short title"), "body": _l("body"), "mandate": _l("mandate"),
    "background": _l("background"), "functions": _l("functions"), "in_text": _l("name in the text"),
    "localized": _l("translations"), "note_date": _l("date of the note"), "earlier_notes": _l("earlier notes"),
    "enclosure_pages": _l("pages enclosed"), "venue_name": _l("venue"), "venue_address": _l("venue address"),
    "city": _l("city"), "country": _l("country"), "timezone": _l("time zone"), "first_day": _l("first day"),
    "last_day": _l("last day"), "registration_opens_on": _l("registration opens"),
    "registration_deadline": _l("registration deadline"),
    "registration_deadline_time": _l("deadline time"), "late_policy": _l("late registrations"),
    "note_verbale_required": _l("note verbale required"), "status": _l("status"), "website": _l("website"),
    "languages": _l("languages"), "slug": _l("address"), "published_days": _l("days published"),
    "day": _l("day"), "starts_at": _l("starts"), "ends_at": _l("ends"), "room": _l("room"),
    "category": _l("category"), "addressee": _l("addressee"), "addressee_in_text": _l("addressee in the text"),
    "emails": _l("e-mail addresses"), "language": _l("language"), "reference": _l("reference"),
    "symbol": _l("symbol"), "url": _l("address on the web"), "attached_to_note": _l("sent with the note"),
    "comment": _l("comment"), "kind": _l("how linked"), "other": _l("other meeting"),
    "withdrawn_at": _l("withdrawn on"), "created_at": _l("created on"), "token_issued_at": _l("link issued on"),
    "on behalf": _l("entered by the secretariat"), "delegates": _l("delegates"),
    "delegations": _l("delegations"),
}
# Columns that mean nothing to an officer (keys, hashes, counters): never shown.
HIDDEN = {"id", "uid", "sequence", "token_hash", "link_salt", "calendar_token_hash",
          "calendar_epoch", "position", "file_id", "meeting_id", "party_id", "note_id",
          "secretariat_id", "invitation_id", "delegation_id", "other_id", "undoes", "version",
          "updated_at", "created_at", "changes"}
# Long texts: the sentence says they changed; the words are in the meeting's page.
LONG_TEXTS = {"mandate", "background", "functions", "venue_address", "localized", "earlier_notes"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?$")
ACTOR_EMAIL = re.compile(r"\s*<[^>]*>$")


@dataclass(frozen=True)
class Entry:
    """One event as the history page and the export show it."""

    event: AuditEvent
    at: datetime          # UTC
    who: str              # the person, without their address
    subject: str          # what it is about: "Austria", "Delegation of Austria", "Sitting…"
    sentence: str         # the whole sentence, subject and person included
    details: list[str]    # "Label: old → new" lines, for the disclosure and the export
    kind: str             # invitations, delegations, schedule, meeting

    @property
    def action(self) -> str:
        return self.event.action


def _language() -> str:
    """The page's language (the officer's workspace language); English outside a request."""
    return i18n.select_locale() if has_app_context() else languages.BASE


def long_date(day: date) -> str:
    return _long_date(day, _language())


def who(actor_label: str) -> str:
    """'Jane Smith <jane@example.org>' -> 'Jane Smith'; system actors are already words."""
    return ACTOR_EMAIL.sub("", actor_label or "").strip() or _("someone")


def value_words(key: str, value: Any, names: Names) -> str:
    """A recorded value as words: dates in full, enums by their label, lists joined."""
    if value is None or value == "" or value == []:
        return _("none")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        if key == "languages":
            return ", ".join(i18n.language_name(str(v)) for v in value)
        return ", ".join(value_words(key, v, names) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {value_words(k, v, names)}" for k, v in value.items()
                         if k not in HIDDEN)
    if key == "language" and isinstance(value, str):
        return i18n.language_name(value)
    if key == "category":
        try:
            return InvitationCategory(value).label
        except ValueError:
            pass
    if key == "kind":
        try:
            return LinkKind(value).label
        except ValueError:
            pass
    if key == "other" and isinstance(value, str):
        return names.meetings_by_slug.get(value, _("another meeting"))
    text = str(value)
    if ISO_DATE.match(text):
        return long_date(date.fromisoformat(text))
    if ISO_INSTANT.match(text):
        instant = datetime.fromisoformat(text)
        if _language() != languages.BASE:
            return f"{long_date(instant.date())} {instant:%H:%M} UTC"
        return instant.strftime("%d %B %Y %H:%M UTC").lstrip("0")
    if ISO_TIME.match(text):
        return clock(time.fromisoformat(text))
    if key in ("status", "function") and text in WORDS:
        return state_word(text)
    return text.replace("_", " ") if key in ("status", "late_policy", "function") else text


def _label(key: str) -> str:
    return str(LABELS.get(key, key.replace("_", " ")))


def change_lines(changes: dict[str, Any], names: Names) -> list[str]:
    """'Label: old → new' for [old, new] pairs, 'Label: value' otherwise; keys never shown."""
    lines = []
    for key, value in (changes or {}).items():
        if key in HIDDEN or key.endswith("_id"):
            continue
        if key in LONG_TEXTS:
            lines.append(_("%(label)s changed", label=_label(key)))
        elif isinstance(value, list) and len(value) == 2 and key not in ("emails", "languages"):
            lines.append(f"{_label(key)}: {value_words(key, value[0], names)} → "
                         f"{value_words(key, value[1], names)}")
        elif isinstance(value, list) and len(value) == 2 and isinstance(value[0], list):
            lines.append(f"{_label(key)}: {value_words(key, value[0], names)} → "
                         f"{value_words(key, value[1], names)}")
        else:
            lines.append(f"{_label(key)}: {value_words(key, value, names)}")
    return lines


def named_meetings(text: str, titles: dict[int, str]) -> str:
    """Rewrite an old 'meetings “[6]” → “[6, 7]”' change as the meetings' names."""
    def rewrite(match: re.Match[str]) -> str:
        def words(ids: str) -> str:
            found = [titles.get(int(n), _("another meeting")) for n in re.findall(r"\d+", ids)]
            return ", ".join(found) or _("none")
        return f"meetings “{words(match.group(1))}” → “{words(match.group(2))}”"
    return OLD_MEETING_IDS.sub(rewrite, text)


def _sitting_words(values: dict[str, Any]) -> str:
    try:
        day = long_date(date.fromisoformat(values["day"]))
        start = clock(time.fromisoformat(values["starts_at"]))
        end = clock(time.fromisoformat(values["ends_at"]))
    except (KeyError, TypeError, ValueError):
        return _("A sitting")
    return _("Sitting of %(day)s, %(start)s–%(end)s", day=day, start=start, end=end)


def describe(event: AuditEvent, names: Names) -> Entry:
    """The event as one sentence an officer understands, with readable details."""
    changes: dict[str, Any] = dict(event.changes or {})
    action = event.action
    person = who(event.actor)
    kind = "meeting"
    details = change_lines(changes, names)
    what: str
    if event.object_type == "Invitation":
        kind = "invitations"
        party_id = names.invitation_party.get(event.object_id, changes.get("party_id"))
        subject = names.party(party_id) or _("An invited party")
        what = _invitation_words(action, changes, names)
        if action in ("invited", "invitation removed"):
            details = []  # a snapshot of every column: the sentence says what matters
    elif event.object_type in ("Delegation", "Delegate"):
        kind = "delegations"
        party_id = (names.delegation_party if event.object_type == "Delegation"
                    else names.delegate_party).get(event.object_id)
        party = names.party(party_id)
        subject = _("Delegation of %(party)s", party=party) if party else _("A delegation")
        what, details = _delegation_words(action, changes, names, details)
    elif event.object_type == "Sitting":
        kind = "schedule"
        values = changes if "day" in changes and not isinstance(changes["day"], list) \
            else names.sittings.get(event.object_id, {})
        subject = _sitting_words(values)
        what = _sitting_action(action, changes, names)
        if action in ("sitting added", "sitting removed"):
            details = change_lines({k: v for k, v in changes.items()
                                    if k in ("room", "title", "status")}, names)
    elif event.object_type == "MeetingDocument":
        kind = "schedule"
        subject = _("Document “%(title)s”", title=changes.get("title") or _("untitled"))
        what = {"document added": _("added"), "document removed": _("removed"),
                "document restored": _("put back (undo)"),
                "document changed": _("changed")}.get(action, action)
        details = change_lines({k: v for k, v in changes.items()
                                if k in ("symbol", "url", "attached_to_note")}, names)
    elif event.object_type == "MeetingLink":
        other = names.meetings_by_slug.get(changes.get("other") or "", _("another meeting"))
        subject = _("Linked meetings")
        how = value_words("kind", changes.get("kind"), names)
        what = {"linked": _("this meeting is %(how)s %(other)s", how=how, other=other),
                "unlinked": _("no longer linked to %(other)s", other=other)}.get(action, action)
        details = []
    elif event.object_type == "Meeting":
        subject = _("Meeting")
        what = _meeting_words(action, changes, names)
        if action == "created":
            details = []
    elif event.object_type == "NoteTemplate":
        kind = "invitations"
        language = changes.get("language")
        subject = (_("Note template in %(language)s", language=i18n.language_name(language))
                   if language else _("Note template"))
        what = {"note template saved": _("saved (%(count)s characters)",
                                         count=changes.get("length", 0)),
                "note template reviewed": _("marked reviewed")}.get(action, action)
        details = []
    else:
        subject = _humanised(event.object_type)
        # "Group member removed" on a "Group": the subject is not said twice.
        what = action[len(subject) + 1:] if action.lower().startswith(subject.lower() + " ") \
            else action
    sentence = (_("%(subject)s: %(what)s by %(person)s.", subject=subject, what=what,
                  person=person) if what
                else _("%(subject)s by %(person)s.", subject=subject, person=person))
    return Entry(event=event, at=event.at, who=person, subject=subject, sentence=sentence,
                 details=details, kind=kind)


def _humanised(object_type: str) -> str:
    words = re.sub(r"(?<!^)([A-Z])", r" \1", object_type or "record").lower()
    return words[:1].upper() + words[1:]


def _invitation_words(action: str, changes: dict[str, Any], names: Names) -> str:
    reference = changes.get("reference")
    if isinstance(reference, list):
        old, new = reference[0], reference[1]
    else:
        old, new = None, reference
    if action == "invited":
        return _("invited as %(category)s",
                 category=value_words("category", changes.get("category"), names))
    if action == "note issued":
        return _("note %(reference)s issued", reference=new) if new else _("note issued")
    if action == "correction issued":
        if not new:
            return _("correction issued")
        return (_("correction %(reference)s issued, replacing note %(old)s", reference=new,
                  old=old) if old else _("correction %(reference)s issued", reference=new))
    if action == "invitation updated":
        return _("invitation changed (%(changes)s)",
                 changes="; ".join(change_lines(changes, names)))
    return {
        "invitation removed": _("removed from the invitation list"),
        "invitation withdrawn": _("invitation withdrawn"),
        "invitation reinstated": _("invitation reinstated"),
        "invitation restored": _("put back on the invitation list (undo)"),
        "private link issued": _("new private registration link issued"),
        "private link revoked": _("private registration link revoked"),
        "declined: the Government will not be represented": _("will not be represented "
                                                               "(declined)"),
        "decline withdrawn: the Government will be represented":
            _("will be represented after all (decline withdrawn)"),
    }.get(action, action.replace("e-mail to the mission: ", _("e-mail sent to the mission: ")))


def _delegation_words(action: str, changes: dict[str, Any], names: Names,
                      details: list[str]) -> tuple[str, list[str]]:
    listed = [named_meetings(str(c), names.meetings_by_id) for c in changes.get("changes") or []]
    on_behalf = (" " + _("(entered by the secretariat from a note on paper)")
                 if changes.get("on behalf") else "")
    late = " " + _("(late)") if action.endswith("(late)") else ""
    if action.startswith("submitted"):
        what = _("registration submitted") + late + on_behalf
        if listed:
            what += ": " + "; ".join(listed)
        return what, listed
    if action.startswith("draft saved"):
        return _("draft saved") + late + on_behalf, listed
    delegate = changes.get("delegate") or _("a delegate")
    if action == "delegation confirmed":
        return _("confirmed"), []
    if action == "delegation returned":
        return _("returned to the focal point: “%(comment)s”",
                 comment=changes.get("comment") or ""), []
    if action == "delegate calendar link shown":
        return _("calendar link of %(delegate)s shown", delegate=delegate), []
    if action == "delegate calendar link revoked":
        return _("calendar link of %(delegate)s revoked", delegate=delegate), []
    if action == "personal data exported":
        return _("personal data of %(delegate)s exported", delegate=delegate), []
    return action, details


def _sitting_action(action: str, changes: dict[str, Any], names: Names) -> str:
    if action == "sitting added":
        return _("added")
    if action == "sitting removed":
        return _("removed")
    if action == "sitting restored":
        return _("put back (undo)")
    if action == "sitting updated":
        status = changes.get("status")
        if isinstance(status, list) and status[1] == "cancelled":
            return _("cancelled")
        if isinstance(status, list) and status[0] == "cancelled":
            return _("held again")
        return _("changed (%(changes)s)", changes="; ".join(change_lines(changes, names)))
    return action


def _meeting_words(action: str, changes: dict[str, Any], names: Names) -> str:
    if action == "created":
        return _("created")
    if action == "updated":
        lines = change_lines(changes, names)
        return _("changed (%(changes)s)", changes="; ".join(lines)) if lines else _("changed")
    if action == "personal data erased":
        return _("personal data of %(count)s delegates erased (names, functions, positions and "
                 "meetings attended are kept)", count=changes.get("delegates", 0))
    return action


def describe_all(events: Sequence[AuditEvent], language: str | None = None) -> list[Entry]:
    """Parties named as the page's language names them (the registry's names in that language)."""
    names = Names.load(events, language or _language())
    return [describe(event, names) for event in events]


def by_day(entries: Iterable[Entry], zone: str) -> list[tuple[str, list[Entry]]]:
    """Entries grouped under the day they happened at the venue, newest first as given."""
    groups: list[tuple[str, list[Entry]]] = []
    for entry in entries:
        day = in_zone(entry.at, zone).date()
        heading = long_date(day)
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        groups[-1][1].append(entry)
    return groups


# The columns of the exported audit log (README: "The history of a meeting"); never renamed.
EXPORT_COLUMNS = ("time_utc", "time_at_venue", "person", "about", "summary", "event", "details")


def export_rows(entries: Iterable[Entry], zone: str) -> list[list[Any]]:
    return [[entry.at.strftime("%Y-%m-%d %H:%M:%S"),
             in_zone(entry.at, zone).strftime("%Y-%m-%d %H:%M:%S"),
             entry.event.actor, entry.subject, entry.sentence, entry.action,
             "; ".join(entry.details)] for entry in entries]
