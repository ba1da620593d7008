"""The texts of a meeting and of its secretariat in other languages: which there are, which a
note needs, and setting them with an audit record, by hand or from a translation service's file.

A text lives in its object's `localized` mapping ({lang: {field: text}}); the English text is the
column itself (an "en" entry overrides it, as meetings/drafting/context.py reads it). Which texts
a note needs is the rule of meetings/drafting/context.py: a note in a language stops with
"missing in …" when one of them is empty there, so the completeness marker counts exactly those.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from meetings import i18n, languages
from meetings.inputs import LONG_TEXT, text_problem
from meetings.languages import N_
from meetings.models import Meeting, Secretariat
from meetings.services.audit import Actor, record

BASE = languages.BASE


@dataclass(frozen=True)
class FieldSpec:
    """One translatable text of a kind of object."""

    name: str  # the attribute, and the key in `localized`
    label: str
    limit: int  # characters, in any language (the JSON column refuses nothing)
    one_line: bool
    # Whether a note verbale in that language stops without it (meetings/drafting/context.py).
    for_note: bool = False


def _line(name: str, label: str, limit: int, for_note: bool = False) -> FieldSpec:
    return FieldSpec(name, label, limit, True, for_note)


def _text(name: str, label: str) -> FieldSpec:
    return FieldSpec(name, label, LONG_TEXT, False)


# Limits are the English column's doubled for one-line texts: a French or Russian title runs
# longer than its English one, and none of these is stored in a column of that length.
MEETING_FIELDS: tuple[FieldSpec, ...] = (
    _line("title", N_("Title"), 1000, for_note=True),
    _line("short_title", N_("Short title"), 400),
    _line("in_text", N_("Name in running text"), 1200),
    _line("body", N_("Body"), 1000),
    _text("mandate", N_("Mandate")),
    _text("background", N_("Background")),
    _text("functions", N_("Functions")),
    _line("focus", N_("Focus of this meeting alone"), 600),
    _line("venue_name", N_("Venue"), 600),
    _text("venue_address", N_("Venue address")),
    _line("city", N_("City"), 240, for_note=True),
    _line("country", N_("Country"), 240, for_note=True),
)
DOCUMENT_FIELDS: tuple[FieldSpec, ...] = (_line("title", N_("Title"), 600),)
SITTING_FIELDS: tuple[FieldSpec, ...] = (_line("title", N_("Title"), 600),)
SECRETARIAT_FIELDS: tuple[FieldSpec, ...] = (
    _line("sender", N_("Sender formula (\u201cThe Secretary-General …\u201d)"), 600, for_note=True),
    _line("sender_short", N_("Sender, shorter, for later mentions"), 600),
    _line("name", N_("Name"), 800, for_note=True),
    _line("office", N_("Office"), 600),
    _line("office_short", N_("Office in running text"), 240),
    _line("acronym", N_("Acronym"), 80),
    _line("city", N_("City"), 240, for_note=True),
    _text("postal_address", N_("Postal address")),
    _text("letterhead", N_("Letterhead")),
    _line("motto", N_("Motto"), 600),
)


@dataclass
class TextField:
    """One text of one object, in one target language."""

    id: str  # stable across exports: "meeting.title", "document.12.title", "secretariat.name"
    spec: FieldSpec
    obj: Any
    group: str  # how the page heads it
    language: str
    source_language: str = BASE
    for_note: bool = False
    group_values: dict[str, str] = field(default_factory=dict)  # "Document %(number)s": its number

    @property
    def group_name(self) -> str:
        """The heading in English, as an export to a translation service carries it."""
        return self.group % self.group_values if self.group_values else self.group

    @property
    def shown_group(self) -> str:
        """The heading in the page's language (the catalogs hold the group names)."""
        return _(self.group, **self.group_values)

    @property
    def source(self) -> str:
        return getattr(self.obj, self.spec.name, None) or ""

    @property
    def editable(self) -> bool:
        """English texts that are columns are edited on the object's own form, never shadowed
        here; a text that is no column (the shorter sender) lives in `localized` in English too."""
        return self.language != self.source_language or not hasattr(type(self.obj),
                                                                     self.spec.name)

    @property
    def target(self) -> str:
        return ((self.obj.localized or {}).get(self.language) or {}).get(self.spec.name) or ""

    @property
    def effective(self) -> str:
        """What a note in the language reads: in English the column when nothing overrides it."""
        if self.language == BASE:
            return self.target or self.source
        return self.target

    @property
    def source_hash(self) -> str:
        return source_hash(self.source)

    @property
    def state(self) -> str:
        """'done', 'missing' (a note needs it), 'todo' (a source waits for it) or 'empty'."""
        if self.effective:
            return "done"
        if self.for_note:
            return "missing"
        return "todo" if self.source else "empty"


def source_hash(text: str) -> str:
    """Carried in an export, so an import can tell a source that changed in between."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def meeting_fields(meeting: Meeting, language: str) -> list[TextField]:
    """Every text of the meeting that a note, a page, an e-mail or a calendar shows."""
    fields = [TextField(f"meeting.{spec.name}", spec, meeting, N_("Meeting"), language,
                        for_note=spec.for_note) for spec in MEETING_FIELDS]
    for document in meeting.documents:
        for spec in DOCUMENT_FIELDS:
            # A note lists the titles of the documents attached to it, in its language.
            fields.append(TextField(f"document.{document.id}.{spec.name}", spec, document,
                                    N_("Document %(number)s"), language,
                                    for_note=document.attached_to_note,
                                    group_values={"number": str(document.symbol
                                                                or document.position + 1)}))
    for sitting in meeting.sittings:
        for spec in SITTING_FIELDS:
            fields.append(TextField(
                f"sitting.{sitting.id}.{spec.name}", spec, sitting,
                N_("Sitting of %(day)s, %(time)s"), language,
                group_values={"day": sitting.day.isoformat(),
                              "time": sitting.starts_at.strftime("%H:%M")}))
    return fields


def secretariat_fields(secretariat: Secretariat, language: str) -> list[TextField]:
    return [TextField(f"secretariat.{spec.name}", spec, secretariat, N_("Secretariat"), language,
                      for_note=spec.for_note) for spec in SECRETARIAT_FIELDS]


@dataclass(frozen=True)
class Completeness:
    language: str
    done: int
    total: int  # texts that have a source (or that a note needs)
    missing_for_note: tuple[str, ...]  # labels

    @property
    def language_name(self) -> str:
        return i18n.language_name(self.language)

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def note_ready(self) -> bool:
        return not self.missing_for_note


def shown_label(text_field: TextField) -> str:
    """'Meeting: Title' on a page, « Réunion : Titre » in a French workspace (the catalogs hold
    the labels; an export to a translation service keeps them in English)."""
    return _("%(group)s: %(label)s", group=text_field.shown_group, label=_(text_field.spec.label))


def completeness(fields: Iterable[TextField], language: str) -> Completeness:
    counted = [f for f in fields if f.state != "empty"]
    return Completeness(
        language=language,
        done=sum(1 for f in counted if f.state == "done"),
        total=len(counted),
        missing_for_note=tuple(shown_label(f) for f in counted if f.state == "missing"),
    )


@dataclass(frozen=True)
class Summary:
    """The meeting page's table: a marker per text and per language, and totals per language."""

    languages: list[str]
    rows: list[tuple[str, list[str]]]  # (label, state per language)
    totals: list[tuple[Completeness, Completeness]]  # (meeting's, secretariat's) per language


def meeting_summary(meeting: Meeting) -> Summary:
    codes = list(meeting.languages or [BASE])
    per_language = [meeting_fields(meeting, lang) for lang in codes]
    rows = [(shown_label(first), [fields[i].state for fields in per_language])
            for i, first in enumerate(per_language[0])
            if any(fields[i].state != "empty" for fields in per_language)]
    totals = [(completeness(fields, lang),
               completeness(secretariat_fields(meeting.secretariat, lang), lang))
              for lang, fields in zip(codes, per_language, strict=True)]
    return Summary(codes, rows, totals)


def field_problem(text_field: TextField, value: str) -> str | None:
    return text_problem(value, text_field.spec.limit, text_field.spec.one_line)


def clean(value: str | None, one_line: bool) -> str:
    """Trimmed, with line endings as a textarea or a spreadsheet cell sends them made plain."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return text


def problems_of(fields: Iterable[TextField], values: Mapping[str, str]) -> dict[str, str]:
    """{field id: why its new text cannot be stored}; ids not among the fields are ignored."""
    problems = {}
    for text_field in fields:
        if text_field.id in values and text_field.editable:
            problem = field_problem(text_field, values[text_field.id])
            if problem:
                problems[text_field.id] = problem
    return problems


def apply(fields: Iterable[TextField], values: Mapping[str, str], actor: Actor, *,
          meeting_id: int | None = None, secretariat_id: int | None = None) -> int:
    """Set the texts given by field id (an empty text removes the translation), one audit record
    per changed object; returns how many texts changed. Check problems_of() first."""
    changed: dict[int, tuple[Any, dict[str, list[str | None]]]] = {}
    for text_field in fields:
        if text_field.id not in values or not text_field.editable:
            continue
        new = clean(values[text_field.id], text_field.spec.one_line)
        old = text_field.target
        if new == old:
            continue
        obj, name, lang = text_field.obj, text_field.spec.name, text_field.language
        localized = {k: dict(v) for k, v in (obj.localized or {}).items()}
        texts = localized.setdefault(lang, {})
        if new:
            texts[name] = new
        else:
            texts.pop(name, None)
            if not texts:
                localized.pop(lang)
        obj.localized = localized  # a new mapping, so SQLAlchemy sees the JSON change
        entry = changed.setdefault(id(obj), (obj, {}))
        entry[1][f"{lang}.{name}"] = [old or None, new or None]
    for obj, changes in changed.values():
        record(actor, "translated", obj, {"localized": changes}, meeting_id=meeting_id,
               secretariat_id=secretariat_id)
    return sum(len(changes) for _, changes in changed.values())


# --- Files for a translation service -----------------------------------------------------------

@dataclass
class Incoming:
    """One text read from a returned file."""

    id: str
    target: str
    source_hash: str | None = None
    source: str | None = None
    target_language: str | None = None


@dataclass
class ImportReport:
    applied: int = 0
    unchanged: int = 0
    unknown: list[str] = field(default_factory=list)
    changed_source: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "id: why"

    @property
    def problems(self) -> list[str]:
        return ([f"Unknown text “{i}”: not imported." for i in self.unknown]
                + [f"The source of “{i}” changed since the export: not imported, translate it "
                   "again." for i in self.changed_source]
                + [f"Not imported: {r}" for r in self.refused])


class FileProblem(ValueError):
    """A file that cannot be read as a translation file at all."""


def exported(fields: Iterable[TextField], everything: bool = False) -> list[TextField]:
    """The texts to send for translation: those with a source and no translation yet."""
    return [f for f in fields if f.editable and f.source and (everything or not f.target)]


def import_texts(fields: list[TextField], incoming: Iterable[Incoming], language: str,
                 actor: Actor, **audit: Any) -> ImportReport:
    """Match each returned text by its id, never by its place in the file; report what does not
    match (an unknown id, a source changed since the export, another language) and apply the rest."""
    report = ImportReport()
    by_id = {f.id: f for f in fields}
    values: dict[str, str] = {}
    for item in incoming:
        text_field = by_id.get(item.id)
        if text_field is None:
            report.unknown.append(item.id)
            continue
        if not text_field.editable:
            report.refused.append(f"{item.id}: the {languages.name(language)} text is edited on "
                                  "its own form.")
            continue
        if item.target_language and item.target_language != language:
            report.refused.append(f"{item.id}: it is in “{item.target_language}”, this page "
                                  f"is {languages.name(language)}.")
            continue
        if item.source_hash is not None:
            matches = item.source_hash == text_field.source_hash
        else:
            matches = item.source is not None and clean(item.source, False) == \
                clean(text_field.source, False)
        if not matches:
            report.changed_source.append(item.id)
            continue
        target = clean(item.target, text_field.spec.one_line)
        if not target:
            continue  # left untranslated: an empty cell never erases a translation
        problem = field_problem(text_field, target)
        if problem:
            report.refused.append(f"{item.id}: {problem}")
            continue
        if target == text_field.target:
            report.unchanged += 1
            continue
        values[item.id] = target
    report.applied = apply(fields, values, actor, **audit)
    return report
