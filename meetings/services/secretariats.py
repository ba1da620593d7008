"""A secretariat of its own: created with its first administrator, then set up in its settings."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from meetings.errors import RuleBroken
from meetings.extensions import db
from meetings.models import Note, Role, Secretariat, SenderGender, StoredFile, TokenPurpose
from meetings.services import references, staff
from meetings.services.audit import Actor, pending_changes, record
from meetings.services.enclosures import MAX_MB
from meetings.services.files import JPEG, PNG, UploadRejected, checked_file
from meetings.services.invitations import EUROPEAN_UNION_PLACES
from meetings.timezones import is_valid_zone

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh", "kk")
LETTERHEAD_MAX_BYTES = 1_048_576
# Texts that exist once per language: English in the columns, others in `localized`.
LOCALIZED = ("name", "sender", "office", "office_short", "city", "postal_address", "letterhead",
             "motto", "collective_addressee", "collective_addressee_in_text")
# Kept in `localized` in every language, English included (see invitations.default_addressee).
ADDRESSEE = "mission_pattern"
_PLACEHOLDER = re.compile(r"\{(of|formal_of|name|city)\}")
PLAIN = ("acronym", "phone", "fax", "email", "reply_to", "website", "timezone",
         "reference_pattern", "reference_next", "note_closing", "sender_gender", "sender_plural",
         "languages", "invitation_language", "counter_per_year", "numbering", "category_marks",
         "note_files", "attachments_max_mb", "european_union_place",
         "letterhead_second_language")


@dataclass(frozen=True)
class NewSecretariat:
    secretariat: Secretariat
    secret: str  # the administrator's one-time link, shown once


def _problems(slug: str, name: str, zone: str, email: str) -> dict[str, str]:
    problems = {}
    if not SLUG.match(slug or ""):
        problems["slug"] = _("Use lower-case letters, digits and hyphens (e.g. ots-secretariat), "
                             "starting and ending with a letter or digit, at most 80 characters.")
    elif db.session.scalar(sa.select(Secretariat.id).where(Secretariat.slug == slug)):
        problems["slug"] = _("The slug %(slug)s is taken by another secretariat.",
                             slug=repr(slug))
    if not (name or "").strip():
        problems["name"] = _("Give the secretariat's name.")
    if not is_valid_zone(zone):
        problems["timezone"] = _("%(zone)s is not an IANA time zone; write it like "
                                 "Europe/Istanbul or Asia/Almaty.", zone=repr(zone))
    problem = staff.email_problem(email)
    if problem:
        problems["admin_email"] = problem
    return problems


def create_secretariat(slug: str, name: str, zone: str, admin_email: str, actor: Actor,
                       language: str = "en", admin_name: str | None = None) -> NewSecretariat:
    """The secretariat, with sensible first values, and its administrator waiting for a link."""
    slug, name = (slug or "").strip(), (name or "").strip()
    admin_email = (admin_email or "").strip()
    problems = _problems(slug, name, zone, admin_email.lower())
    if language not in LANGUAGES:
        problems["language"] = _("Choose one of: %(languages)s.", languages=", ".join(LANGUAGES))
    if problems:
        raise RuleBroken(problems)
    secretariat = Secretariat(
        slug=slug, name=name, sender=f"The {name}" if language == "en" else name,
        sender_gender=SenderGender.NEUTER, city=zone.rsplit("/", 1)[-1].replace("_", " "),
        timezone=zone, languages=[language], invitation_language=language,
        reference_pattern=f"{slug.upper()}/{{year}}/{{seq}}", reference_next=1, localized={},
    )
    db.session.add(secretariat)
    db.session.flush()
    record(actor, "secretariat created", secretariat, {"slug": slug, "name": name},
           secretariat_id=secretariat.id)
    admin = staff.add_account(secretariat, admin_email, admin_name or admin_email.split("@")[0],
                              Role.ADMIN, actor)
    return NewSecretariat(secretariat, staff.issue_link(admin, TokenPurpose.WELCOME))


def highest_used(secretariat: Secretariat) -> Note | None:
    """The issued note with the highest number of the counter in use (this year's, with a
    counter per year): the counter may never go back to it."""
    query = sa.select(Note).where(Note.secretariat_id == secretariat.id)
    if references.yearly(secretariat) and secretariat.reference_year:
        query = query.where(Note.counter_year == secretariat.reference_year)
    return db.session.scalar(query.order_by(Note.sequence.desc()).limit(1))


def reference_preview(pattern: str, sequence: int, today: date, mark: str = "") -> str | None:
    if references.pattern_problem(pattern):
        return None
    return references.format_reference(pattern, sequence, today, mark)


def letterhead_file(filename: str, data: bytes) -> StoredFile:
    """A PNG or JPEG by its content, small enough to travel in every note."""
    return checked_file(filename, data, (PNG, JPEG), LETTERHEAD_MAX_BYTES)


def update_settings(secretariat: Secretariat, values: dict, localized: dict[str, dict[str, str]],
                    actor: Actor, *, letterhead_image: tuple[str, bytes] | None = None,
                    remove_image: bool = False) -> list[str]:
    """Apply the settings page; returns notices for the page. Issued notes keep their own text."""
    values = {k: _lines(v) for k, v in values.items()}
    values.setdefault("counter_per_year", secretariat.counter_per_year)
    values.setdefault("category_marks", secretariat.category_marks or {})
    if not values.get("numbering"):
        values["numbering"] = secretariat.numbering or "individual"
    if not values.get("note_files"):
        values["note_files"] = secretariat.note_files or "docx"
    if values.get("attachments_max_mb") is None:
        values["attachments_max_mb"] = secretariat.attachments_max_mb
    if not values.get("european_union_place"):
        values["european_union_place"] = secretariat.european_union_place or "alphabetical"
    localized = {lang: {k: _lines(v) for k, v in texts.items()}
                 for lang, texts in localized.items()}
    problems = _settings_problems(secretariat, values)
    stored = None
    if letterhead_image:
        try:
            stored = letterhead_file(*letterhead_image)
        except UploadRejected as rejected:
            problems["letterhead_image"] = str(rejected)
    if problems:
        raise RuleBroken(problems)
    notices = []
    if values["reference_next"] < secretariat.reference_next:
        notices.append(_("The counter went back from %(before)s to %(after)s; no number already "
                         "used can be drawn again.", before=secretariat.reference_next,
                         after=values["reference_next"]))
    for key in LOCALIZED:
        setattr(secretariat, key, values.get(key))
    for key in PLAIN:
        setattr(secretariat, key, values.get(key))
    changes = pending_changes(secretariat)
    cleaned = {lang: {k: v for k, v in texts.items() if v}
               for lang, texts in localized.items() if lang in values["languages"] and lang != "en"}
    cleaned["en"] = {ADDRESSEE: values[ADDRESSEE]} if values.get(ADDRESSEE) else {}
    merged = {lang: texts for lang, texts in (secretariat.localized or {}).items()
              if lang not in cleaned}
    for lang, texts in cleaned.items():
        kept = {k: v for k, v in (secretariat.localized or {}).get(lang, {}).items()
                if k not in (*LOCALIZED, ADDRESSEE)}  # texts edited elsewhere
        if kept or texts:
            merged[lang] = {**kept, **texts}
    if merged != (secretariat.localized or {}):
        changes["localized"] = [secretariat.localized, merged]
        secretariat.localized = merged
    if stored is not None:
        secretariat.letterhead_file = stored
        changes["letterhead_image"] = [None, f"{stored.filename} ({stored.size} bytes)"]
    elif remove_image and secretariat.letterhead_file_id:
        secretariat.letterhead_file = None
        changes["letterhead_image"] = ["an image", None]
    if changes:
        record(actor, "settings changed", secretariat, changes, secretariat_id=secretariat.id)
    return notices


def _lines(value):
    """Browsers send textareas with CR LF; notes are written with LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _settings_problems(secretariat: Secretariat, values: dict) -> dict[str, str]:
    problems = {}
    for key in ("name", "sender", "city"):
        if not values.get(key):
            problems[key] = _("This is needed by every note.")
    if not is_valid_zone(values.get("timezone")):
        problems["timezone"] = _("Write an IANA time zone such as Europe/Istanbul.")
    pattern_problem = references.pattern_problem(values.get("reference_pattern") or "")
    if pattern_problem:
        problems["reference_pattern"] = pattern_problem
    last = highest_used(secretariat)
    if values.get("reference_next") is None or values["reference_next"] < 1:
        problems["reference_next"] = _("The next number is 1 or more.")
    elif last is not None and values["reference_next"] <= last.sequence:
        problems["reference_next"] = _(
            "Number %(used)s is already used (note %(reference)s); the next number must be at "
            "least %(least)s, or two notes would share a number.", used=last.sequence,
            reference=last.reference, least=last.sequence + 1)
    for key in ("email", "reply_to"):
        problem = staff.email_problem(values[key]) if values.get(key) else None
        if problem:
            problems[key] = problem
    leftover = _PLACEHOLDER.sub("", values.get(ADDRESSEE) or "")
    if "{" in leftover or "}" in leftover:
        problems[ADDRESSEE] = _("Only {of}, {formal_of}, {name} and {city} may stand in braces.")
    size = values.get("attachments_max_mb")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_MB:
        problems["attachments_max_mb"] = _("A whole number of megabytes, from 0 to %(most)s.",
                                           most=MAX_MB)
    if values.get("european_union_place") not in EUROPEAN_UNION_PLACES:
        problems["european_union_place"] = _("Choose where the European Union stands in lists.")
    if not values.get("languages"):
        problems["languages"] = _("Choose at least one language.")
    elif values.get("invitation_language") and \
            values["invitation_language"] not in values["languages"]:
        problems["invitation_language"] = _("Choose one of the languages the secretariat works in.")
    return problems
