"""Notes verbales: preview, issue (numbered, frozen, mailed through the outbox), correct, bundle."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import selectinload, undefer

from meetings import clock, grammar, i18n
from meetings.drafting import links as note_links
from meetings.drafting import pdf
from meetings.drafting import render as output
from meetings.drafting.context import NoteFacts, build_context, letterhead_companion
from meetings.drafting.templating import TemplateProblem, placeholders_used, shipped
from meetings.drafting.templating import render as render_markup
from meetings.extensions import db
from meetings.models import (
    Invitation,
    InvitationStatus,
    Meeting,
    MeetingLink,
    MeetingStatus,
    Note,
    NoteTemplate,
    Party,
    ReviewStatus,
    Secretariat,
)
from meetings.services import enclosures as enclosure_service
from meetings.services import note_words as words
from meetings.services import outbox, private_links, references
from meetings.services.audit import Actor, record
from meetings.services.invitations import (
    CATEGORY_ORDER,
    declined_mission,
    default_addressee,
    list_key,
)
from meetings.services.meetings import linked_group
from meetings.urls import code_page_url, registration_url

FORMATS = {"text": ("txt", "text/plain; charset=utf-8"),
           "html": ("html", "text/html; charset=utf-8"),
           "docx": ("docx", "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document"),
           "pdf": ("pdf", pdf.CONTENT_TYPE)}
# What a note's e-mail carries (a secretariat's setting): the Word file, the PDF, or both.
NOTE_FILES = words.NOTE_FILES
PREVIEW_REFERENCE = "[number given when the note is issued]"
PREVIEW_LINK = "[private link created when the note is issued]"
# How a mailing is numbered and addressed (the secretariat's default, changeable per mailing).
NUMBERINGS = words.NUMBERINGS
ARTICLES = {
    "fr": {"mission": "la", "ambassade": "l'", "secrétariat": "le", "secretariat": "le",
           "gouvernement": "le", "ministère": "le", "délégation": "la", "organisation": "l'"},
    "es": {"misión": "la", "embajada": "la", "secretaría": "la", "gobierno": "el",
           "ministerio": "el", "delegación": "la", "organización": "la"},
}


class AlreadyIssued(Exception):
    """The same request came twice, or another officer issued these notes a moment ago."""

    def __init__(self, notes: list[Note]):
        super().__init__(", ".join(n.reference for n in notes))
        self.notes = notes


class NoteProblem(ValueError):
    """The note cannot be written: each problem says what to correct, and where."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class EffectiveTemplate:
    body: str
    reviewed: bool
    source: str
    origin: str  # "meeting", "secretariat" or "shipped"


@dataclass
class Draft:
    language: str
    template: EffectiveTemplate
    paragraphs: list[output.Paragraph]
    title: str
    warnings: list[str] = field(default_factory=list)
    letterhead_image: tuple[str, bytes] | None = None
    # The documents' files that go with its e-mail, and those the note gives by address.
    enclosures: enclosure_service.Plan | None = None
    companion: output.Companion | None = None  # the letterhead's second language, beside it

    @property
    def text(self) -> str:
        return output.to_text(self.paragraphs)

    @property
    def html(self) -> str:
        return output.to_html(self.paragraphs, self.language, self.title, self.letterhead_image,
                              self.companion)

    @property
    def docx(self) -> bytes:
        return output.to_docx(self.paragraphs, self.language, self.letterhead_image,
                              self.companion)

    @property
    def pdf(self) -> bytes:
        return pdf.to_pdf(self.html)

    def as_format(self, fmt: str) -> bytes:
        if fmt in {"docx", "pdf"}:
            return self.docx if fmt == "docx" else self.pdf
        return getattr(self, fmt).encode("utf-8")


def effective_template(meeting: Meeting, language: str) -> EffectiveTemplate:
    """The meeting's own wording, else the secretariat's, else the shipped one; never English."""
    rows = db.session.scalars(
        sa.select(NoteTemplate).where(
            NoteTemplate.secretariat_id == meeting.secretariat_id,
            NoteTemplate.language == language,
            sa.or_(NoteTemplate.meeting_id == meeting.id, NoteTemplate.meeting_id.is_(None)),
        )
    ).all()
    for origin, row in (("meeting", next((r for r in rows if r.meeting_id), None)),
                        ("secretariat", next((r for r in rows if not r.meeting_id), None))):
        if row is not None:
            return EffectiveTemplate(row.body, row.review == ReviewStatus.REVIEWED,
                                     row.source or "", origin)
    default = shipped(language)
    if default is None:
        raise NoteProblem([gettext(words.NO_TEMPLATE, language=i18n.language_name(language))])
    return EffectiveTemplate(default.body, default.reviewed, default.source, "shipped")


def addressee_block(invitation: Invitation, language: str) -> str | None:
    """The addressee at the foot of the note, in the note's language, or None if not written.

    The invitation's own addressee counts in its own language unless it is still the English
    default, which would otherwise slip into an Arabic or Russian note.
    """
    english_default = default_addressee(invitation.party, invitation.meeting.secretariat, "en")
    if language == invitation.language and (
            language == "en" or invitation.addressee != english_default):
        return invitation.addressee
    return default_addressee(invitation.party, invitation.meeting.secretariat, language)


def addressee_in_text(invitation: Invitation, block: str, language: str) -> str:
    """How the opening formula names the addressee; declining languages need it written."""
    if invitation.addressee_in_text and language == invitation.language:
        return invitation.addressee_in_text
    declined = declined_mission(invitation.party, invitation.meeting.secretariat, language)
    if declined is not None and block == declined[0]:
        return declined[1]  # «Постоянному представительству …», «… Тұрақты өкілдігіне»
    if language == "en":
        return block if block.lower().startswith("the ") else f"the {block}"
    if language in ARTICLES:
        first = block.split(" ", 1)[0].lower()
        article = ARTICLES[language].get(first)
        if article:
            return f"{article}{block}" if article.endswith("'") else f"{article} {block}"
        return ""
    if language in {"ar", "zh"}:
        return block
    return ""  # Russian, Kazakh: any other addressee's dative is written by the secretariat


def _group(meeting: Meeting) -> tuple[list[Meeting], list[MeetingLink]]:
    group = linked_group(meeting)
    ids = [m.id for m in group]
    links = db.session.scalars(
        sa.select(MeetingLink).where(MeetingLink.meeting_id.in_(ids))
    ).all()
    return group, list(links)


def draft(invitation: Invitation, language: str | None = None, *, reference: str | None = None,
          dated: date | None = None, link: str | None = None,
          earlier: tuple[tuple[str, date], ...] = (),
          group: tuple[list[Meeting], list[MeetingLink]] | None = None,
          template: EffectiveTemplate | None = None, base_url: str | None = None) -> Draft:
    """Write the note for an invitation, or say precisely why it cannot be written."""
    language = language or invitation.language
    block = addressee_block(invitation, language)
    return _compose(invitation.meeting, language, invitation.party.short_name(),
                    invitation.party.short_name(language), block,
                    addressee_in_text(invitation, block, language) if block else "",
                    reference=reference, dated=dated, link=link, earlier=earlier, group=group,
                    template=template, base_url=base_url,
                    recipient_kind=str(invitation.recipient_kind or "government"))


def collective_addressee(secretariat: Secretariat, language: str) -> tuple[str, str]:
    """(block at the foot, words of the opening formula) of a circular note in a language."""
    texts = (secretariat.localized or {}).get(language, {})
    block = texts.get("collective_addressee") or (
        secretariat.collective_addressee if language == "en" else None) or ""
    in_text = texts.get("collective_addressee_in_text") or (
        secretariat.collective_addressee_in_text if language == "en" else None) or ""
    if not in_text and block and language == "en":
        in_text = f"the {block.title()}" if block.isupper() else f"the {block}"
    if not in_text and block and language in {"ar", "zh"}:
        in_text = block
    return block, in_text


def draft_circular(meeting: Meeting, language: str, *, reference: str | None = None,
                   dated: date | None = None,
                   group: tuple[list[Meeting], list[MeetingLink]] | None = None,
                   template: EffectiveTemplate | None = None,
                   base_url: str | None = None) -> Draft:
    """The circular note in one language: the collective addressee, no private link."""
    block, in_text = collective_addressee(meeting.secretariat, language)
    if not block:
        raise NoteProblem([gettext(words.NO_COLLECTIVE_ADDRESSEE,
                                   language=i18n.language_name(language))])
    return _compose(meeting, language, gettext(words.CIRCULAR_NOTE), block.split("\n")[0], block, in_text,
                    reference=reference, dated=dated, link="", group=group, template=template,
                    base_url=base_url)


# Where a meeting's title cannot stand in a sentence as it is: French and Spanish need the article
# the preposition contracts with (« à la Réunion », « del Grupo »), Russian the genitive.
RUNNING_TEXT_EXAMPLES = {
    "fr": "« la Réunion d'experts … », « le Groupe de travail … »",
    "es": "«la Reunión de expertos …», «el Grupo de trabajo …»",
    "ru": "«совещания экспертов …», «Рабочей группы …»",
}


def _running_text_warnings(members: list[Meeting], language: str) -> list[str]:
    """A title dropped into a sentence reads « participer à Réunion … »: say which to write."""
    example = RUNNING_TEXT_EXAMPLES.get(language)
    if example is None:
        return []
    if language in words.RUNNING_TEXT_CASES:
        example = f"{example} ({gettext(words.RUNNING_TEXT_CASES[language])})"
    name = i18n.language_name(language)
    return [gettext(words.NO_NAME_IN_RUNNING_TEXT, title=m.title, language=name, example=example)
            for m in members if not (m.localized or {}).get(language, {}).get("in_text")]


def _compose(meeting: Meeting, language: str, who: str, title_name: str, block: str | None,
             in_text: str, *, reference: str | None, dated: date | None, link: str | None,
             earlier: tuple[tuple[str, date], ...] = (),
             group: tuple[list[Meeting], list[MeetingLink]] | None = None,
             template: EffectiveTemplate | None = None,
             recipient_kind: str = "government", base_url: str | None = None) -> Draft:
    template = template or effective_template(meeting, language)
    members, links = group or _group(meeting)
    enclosures = enclosure_service.plan(meeting, base_url)
    facts = NoteFacts(
        language=language,
        reference=reference or PREVIEW_REFERENCE,
        dated=dated or meeting.note_date or today_at(meeting.secretariat.timezone),
        addressee=in_text,
        addressee_block=block or "",
        registration_link=PREVIEW_LINK if link is None else link,
        earlier_notes=tuple((n["reference"], date.fromisoformat(n["date"]))
                            for n in meeting.earlier_notes or []) + earlier,
        recipient_kind=recipient_kind,
        enclosed=tuple(e.document_id for e in enclosures.attached),
        document_links=tuple((d.document_id, d.url) for d in enclosures.linked),
    )
    context, missing = build_context(meeting.secretariat, meeting, members, links, facts)
    used = placeholders_used(template.body)
    if not block and "addressee_block" in used:
        missing.append(gettext(words.ADDRESSEE_MISSING))
    elif not facts.addressee and "addressee" in used:
        missing.append(gettext(words.ADDRESSEE_IN_TEXT_MISSING, block=block))
    if missing:
        name = i18n.language_name(language)
        raise NoteProblem([gettext(words.MISSING_IN, who=who,
                                   language=name, text=m) for m in missing])
    try:
        markup = grammar.typography(render_markup(template.body, context), language)
    except TemplateProblem as problem:
        raise NoteProblem([gettext(words.TEMPLATE_PROBLEM,
                                   origin=gettext(template.origin),
                                   language=i18n.language_name(language),
                                   problem=problem)]) from problem
    warnings = [] if template.reviewed else [
        gettext(words.TO_BE_REVIEWED)]
    if meeting.enclosure_pages and not enclosures.attached:
        warnings.append(words.enclosure_pages_left_out(meeting.enclosure_pages))
    warnings += _running_text_warnings(members, language)
    if meeting.status == MeetingStatus.DRAFT and any(d.public_page for d in enclosures.linked):
        warnings.append(gettext(words.DRAFT_LINKS))
    title = f"{facts.reference} — {title_name}"
    image = meeting.secretariat.letterhead_file
    paragraphs = _with_reading_code(output.parse(markup), link, language)
    return Draft(language, template, paragraphs, title, warnings,
                 (image.content_type, image.data) if image is not None else None, enclosures,
                 letterhead_companion(meeting.secretariat, language))


def _with_reading_code(paragraphs: list[output.Paragraph], link: str | None,
                       language: str) -> list[output.Paragraph]:
    """Under an issued note's private link, the same secret as a code a person can type."""
    if not link or private_links.REGISTRATION_MARKER not in link:
        return paragraphs
    page = link.split("/register/", 1)[0] + "/register"
    result = []
    for paragraph in paragraphs:
        result.append(paragraph)
        if paragraph.kind == "link" and paragraph.text.strip() == link:
            result.append(output.Paragraph("code", [(note_links.code_label(language, page),
                                                     False)]))
    return result


def today_at(zone: str) -> date:
    """Today in the secretariat's zone (the service's clock): a note dated at 00:30 in Astana
    on 1 January is dated in the new year, whatever the server's zone."""
    return clock.now().astimezone(ZoneInfo(zone)).date()


def file_name(note: Note, fmt: str) -> str:
    base = f"{note.reference} {note.invitation.party.short_name() if note.invitation else note.language}"
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9()._-]+", "_", ascii_name).strip("_") + "." + FORMATS[fmt][0]


def _lock(invitations: list[Invitation]) -> list[Invitation]:
    """The invitations' rows locked (PostgreSQL) and read again: a second request issuing the
    same ones waits here for the first to commit, then sees what it issued."""
    query = (sa.select(Invitation).where(Invitation.id.in_([i.id for i in invitations]))
             .order_by(Invitation.id).execution_options(populate_existing=True)
             .options(selectinload(Invitation.party).selectinload(Party.names),
                      selectinload(Invitation.party).selectinload(Party.contacts)))
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(of=Invitation)
    db.session.scalars(query).all()
    return invitations


def issued_by_key(key: str | None, secretariat_id: int) -> list[Note]:
    """The notes an earlier post of the same form issued, if any."""
    if not key:
        return []
    return list(db.session.scalars(sa.select(Note).where(
        Note.issue_key == key, Note.secretariat_id == secretariat_id).order_by(Note.id)))


def list_order(invitations: list[Invitation], language: str = "en") -> list[Invitation]:
    """The order of the invitation list as shown: by category, then UN order (numbers and
    copies of a mailing follow it)."""
    place = invitations[0].meeting.secretariat.european_union_place if invitations else None
    return sorted(invitations,
                  key=lambda i: list_key(i, i.party.short_name(language), language, place))


def mailing_problems(secretariat: Secretariat, numbering: str, invitations: list[Invitation],
                     dated: date) -> list[str]:
    """What stops this way of numbering before any number is taken."""
    problems = []
    pattern = secretariat.reference_pattern
    if numbering not in NUMBERINGS:
        problems.append(gettext(words.UNKNOWN_NUMBERING,
                                numbering=repr(numbering)))
    problem = references.pattern_problem(pattern)
    if problem:
        problems.append(gettext(words.PATTERN_PROBLEM, problem=problem))
    problem = references.counter_problem(secretariat, dated)
    if problem:
        problems.append(problem)
    if numbering == "category_mark":
        if not references.has_mark(pattern):
            problems.append(gettext(words.NO_CATEGORY_MARK_IN_PATTERN))
        marks = secretariat.category_marks or {}
        for category in sorted({i.category for i in invitations}, key=lambda c: CATEGORY_ORDER[c]):
            if not marks.get(category.value):
                problems.append(gettext(words.NO_CATEGORY_MARK,
                                        category=gettext(category.label)))
    return problems


def _mark(secretariat: Secretariat, invitation: Invitation) -> str:
    return (secretariat.category_marks or {}).get(invitation.category.value, "")


def issue(invitations: list[Invitation], actor: Actor, *, base_url: str,
          dated: date | None = None, send: bool = False,
          corrects: dict[int, Note] | None = None, key: str | None = None,
          only_listed: bool = False, expected: dict[int, str | None] | None = None,
          numbering: str | None = None) -> list[Note]:
    """Number, freeze and record the notes of one mailing; all or none.

    Every note is drafted first, so a problem with one stops them all before a number is taken.
    `numbering` (the secretariat's by default): "individual", one note and one number per
    addressee; "category_mark", one number for the mailing and each addressee's copy marked
    with its category; "circular", one note per language to the collective addressee. Numbers
    and copies follow the order of the list. Each invitation gets a new private link; an
    earlier link of the same invitation stops working. Issuing is idempotent: the invitations
    are locked first; a form's `key` already used answers AlreadyIssued with its notes;
    `only_listed` leaves out invitations issued meanwhile; `expected` (invitation id ->
    reference the officer saw) refuses one issued meanwhile.
    """
    if not invitations:
        return []
    meeting = invitations[0].meeting
    _lock(invitations)
    earlier = issued_by_key(key, meeting.secretariat_id)
    if earlier:
        raise AlreadyIssued(earlier)
    for invitation in invitations:
        if expected is not None and invitation.id in expected \
                and invitation.reference != expected[invitation.id]:
            raise AlreadyIssued(list(db.session.scalars(
                sa.select(Note).where(Note.invitation_id == invitation.id,
                                      Note.reference == invitation.reference))))
    if only_listed:
        invitations = [i for i in invitations if i.status == InvitationStatus.LISTED]
        if not invitations:
            return []
    invitations = list_order(invitations)
    secretariat = meeting.secretariat
    numbering = numbering or secretariat.numbering or "individual"
    corrects = corrects or {}
    group = _group(meeting)
    templates: dict[str, EffectiveTemplate] = {}
    problems: list[str] = []
    circular = numbering == "circular"
    languages = [lang for lang in dict.fromkeys(
        [*(secretariat.languages or []), *(i.language for i in invitations)])
        if any(i.language == lang for i in invitations)]
    for invitation in invitations:
        if invitation.status == InvitationStatus.WITHDRAWN:
            problems.append(gettext(words.WITHDRAWN,
                                    party=invitation.party.short_name()))
            continue
        bad = [e for e in invitation.emails or [] if not outbox.address_ok(e)]
        if send and bad:
            problems.append(gettext(words.BAD_ADDRESS, party=invitation.party.short_name(),
                                    address=repr(bad[0])))
        if circular:
            continue
        try:
            language = invitation.language
            if language not in templates:
                templates[language] = effective_template(meeting, language)
            draft(invitation, group=group, template=templates[language])
        except NoteProblem as problem:
            problems.extend(problem.problems)
    if circular:
        for language in languages:
            try:
                templates[language] = effective_template(meeting, language)
                draft_circular(meeting, language, group=group, template=templates[language])
            except NoteProblem as problem:
                problems.extend(problem.problems)
    dated = dated or meeting.note_date or today_at(secretariat.timezone)
    problems.extend(mailing_problems(secretariat, numbering, invitations, dated))
    if problems:
        raise NoteProblem(sorted(set(problems), key=problems.index))
    year = references.counter_year(secretariat, dated)
    try:
        numbers = references.reserve(secretariat, len(invitations) if numbering == "individual"
                                     else 1, year)
    except references.CounterProblem as problem:
        raise NoteProblem([str(problem)]) from problem
    if circular:
        return _issue_circular(invitations, languages, actor, numbers[0], year, dated,
                               templates, group, base_url=base_url, send=send, key=key)
    issued: list[tuple[Invitation, Note, str | None]] = []
    for position, invitation in enumerate(invitations, start=1):
        number = numbers[position - 1] if numbering == "individual" else numbers[0]
        reference = references.format_reference(secretariat.reference_pattern, number, dated,
                                                 _mark(secretariat, invitation))
        private_links.issue_link(invitation, actor, clock.now())
        earlier_note = corrects.get(invitation.id)
        mentioned: tuple[tuple[str, date], ...] = (
            ((earlier_note.reference, earlier_note.dated),) if earlier_note else ())
        # The note keeps a marker where the secret goes; it is filled when the note goes out.
        link = registration_url(private_links.REGISTRATION_MARKER, base_url)
        written = draft(invitation, reference=reference, dated=dated, earlier=mentioned,
                        link=link, group=group, template=templates[invitation.language],
                        base_url=base_url)
        note = Note(
            secretariat=secretariat, meeting=meeting, invitation=invitation,
            reference=reference, sequence=number, counter_year=year,
            copy=1 if numbering == "individual" else position, numbering=numbering,
            language=written.language, dated=dated,
            addressee=invitation.addressee, text=written.text, html=written.html,
            docx=written.docx, template_reviewed=written.template.reviewed,
            enclosures=_frozen(written), corrects=earlier_note, issued_by=actor.user,
            issue_key=key,
        )
        db.session.add(note)
        issued.append((invitation, note, invitation.reference))
        invitation.reference = reference
        invitation.status = InvitationStatus.ISSUED
    db.session.flush()  # once for the whole list: the records below need the notes' ids
    for invitation, note, previous in issued:
        record(actor, "correction issued" if note.corrects else "note issued", invitation,
               {"reference": [previous, note.reference], "language": note.language,
                "note_id": note.id, "numbering": numbering},
               meeting_id=meeting.id, secretariat_id=secretariat.id)
        if send and invitation.emails:
            dispatch(note)
    return [note for _, note, _ in issued]


def _issue_circular(invitations: list[Invitation], languages: list[str], actor: Actor,
                    number: int, year: int, dated: date,
                    templates: dict[str, EffectiveTemplate],
                    group: tuple[list[Meeting], list[MeetingLink]], *, base_url: str,
                    send: bool, key: str | None) -> list[Note]:
    """One number, one note per language to the collective addressee, sent to everyone on the
    list; each government's private link goes in its own e-mail, not in the shared text."""
    meeting = invitations[0].meeting
    secretariat = meeting.secretariat
    reference = references.format_reference(secretariat.reference_pattern, number, dated)
    notes: dict[str, Note] = {}
    for position, language in enumerate(languages, start=1):
        written = draft_circular(meeting, language, reference=reference, dated=dated,
                                 group=group, template=templates[language], base_url=base_url)
        notes[language] = Note(
            secretariat=secretariat, meeting=meeting, invitation=None, reference=reference,
            sequence=number, counter_year=year, copy=position, numbering="circular",
            language=language, dated=dated,
            addressee=collective_addressee(secretariat, language)[0][:400],
            text=written.text, html=written.html, docx=written.docx,
            template_reviewed=written.template.reviewed, enclosures=_frozen(written),
            issued_by=actor.user, issue_key=key)
        db.session.add(notes[language])
    previous = {}
    for invitation in invitations:
        private_links.issue_link(invitation, actor, clock.now())
        previous[invitation.id] = invitation.reference
        invitation.reference = reference
        invitation.status = InvitationStatus.ISSUED
    db.session.flush()
    for invitation in invitations:
        note = notes[invitation.language]
        record(actor, "circular note issued", invitation,
               {"reference": [previous[invitation.id], reference], "language": note.language,
                "note_id": note.id, "numbering": "circular"},
               meeting_id=meeting.id, secretariat_id=secretariat.id)
        if send and invitation.emails:
            dispatch_circular(note, invitation, base_url)
    return list(notes.values())


def _frozen(written: Draft) -> list[dict]:
    return [e.as_dict() for e in written.enclosures.attached] if written.enclosures else []


def mail_documents(note: Note) -> list[tuple[int, str]]:
    """The files the note says are attached, as issued: (stored file id, name sent)."""
    return [(e["file_id"], e["filename"]) for e in note.enclosures or []]


def mail_subject(note: Note) -> str:
    """The e-mail's subject in the note's language, as its text."""
    with i18n.speaking(note.language):
        return gettext("Note verbale %(reference)s: %(meeting)s", reference=note.reference,
                       meeting=note.meeting.text_in(note.language))


def dispatch(note: Note) -> None:
    """Queue the note to its addressee: the text in the body, the Word file attached, and the
    documents the note says are attached (as issued, whatever the meeting holds now)."""
    invitation = note.invitation
    assert invitation is not None, "only an invitation's note is sent"
    secretariat = note.secretariat
    outbox.enqueue(
        invitation.emails,
        outbox.one_line(mail_subject(note)),
        note.text,
        attachment=_word_file(note), documents=mail_documents(note),
        reply_to=secretariat.email, note_id=note.id, invitation_id=invitation.id,
    )


def _word_file(note: Note) -> tuple[str, str, bytes] | None:
    """The .docx attached to the note's e-mail, unless the secretariat sends the PDF only (the
    PDF is made when the e-mail leaves, its link filled in: see outbox)."""
    if note.secretariat.note_files == "pdf":
        return None
    return (file_name(note, "docx"), FORMATS["docx"][1], note.docx)


def dispatch_circular(note: Note, invitation: Invitation, base_url: str) -> None:
    """Queue the circular note to one government: its own link and code above the shared text
    (markers, filled when the e-mail leaves), the note in its language attached."""
    cover = note_links.circular_cover(
        note.language, note.reference,
        registration_url(private_links.REGISTRATION_MARKER, base_url), code_page_url(base_url))
    outbox.enqueue(
        invitation.emails,
        outbox.one_line(f"Note verbale {note.reference}: {note.meeting.title}"),
        cover + note.text,
        attachment=_word_file(note), documents=mail_documents(note),
        reply_to=note.secretariat.email, note_id=note.id, invitation_id=invitation.id,
    )


def correct(note: Note, actor: Actor, *, base_url: str, dated: date | None = None,
            send: bool = False, key: str | None = None,
            expected: dict[int, str | None] | None = None) -> Note:
    """A correction is a new note, with its own number, that refers to the first."""
    if note.invitation is None:
        raise NoteProblem(["Only a note to an invitee can be corrected here."])
    return issue([note.invitation], actor, base_url=base_url, dated=dated, send=send,
                 corrects={note.invitation.id: note}, key=key, expected=expected,
                 numbering=single_numbering(note.secretariat))[0]


def single_numbering(secretariat: Secretariat) -> str:
    """A note to one government (a late invitation, a correction) is its own note: never a
    circular, though it keeps its category's mark."""
    return "individual" if secretariat.numbering == "circular" else secretariat.numbering


def as_format(note: Note, fmt: str, *, reveal: bool) -> bytes:
    """The note as issued, its private link filled in (or, for read-only staff, only named)."""
    def fill(text: str) -> str:
        return private_links.fill(text, note.invitation, reveal=reveal)

    if fmt == "docx":
        return output.replace_in_docx(note.docx, fill)
    if fmt == "pdf":  # made from the print HTML once the link is in: a PDF cannot be edited
        return pdf.to_pdf(fill(note.html))
    return fill(note.text if fmt == "text" else note.html).encode("utf-8")


def as_text(note: Note, *, reveal: bool) -> str:
    return private_links.fill(note.text, note.invitation, reveal=reveal)


def bundle(notes: list[Note], fmt: str, *, reveal: bool) -> bytes:
    """One ZIP, one file per note, named by reference and party."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for note in notes:
            archive.writestr(file_name(note, fmt), as_format(note, fmt, reveal=reveal))
    return buffer.getvalue()


def meeting_notes(meeting: Meeting, with_file: str | None = None) -> list[Note]:
    """The meeting's notes in the order issued (numbers, then copies in the order of the list);
    with_file loads that format in the same query."""
    query = (sa.select(Note).where(Note.meeting_id == meeting.id)
             .options(selectinload(Note.invitation).selectinload(Invitation.party))
             .order_by(Note.id))
    if with_file in {"html", "docx", "pdf"}:
        query = query.options(undefer(Note.html if with_file == "pdf" else getattr(Note, with_file)))
    return list(db.session.scalars(query))


def template_problem(meeting: Meeting, language: str, body: str) -> TemplateProblem | None:
    """Check a template against this meeting's real placeholders, before it is saved."""
    from meetings.drafting.templating import render as try_render

    members, links = _group(meeting)
    facts = NoteFacts(language=language, reference=PREVIEW_REFERENCE,
                      dated=meeting.note_date or today_at(meeting.secretariat.timezone),
                      addressee="[addressee]", addressee_block="[addressee]",
                      registration_link=PREVIEW_LINK)
    context, _ = build_context(meeting.secretariat, meeting, members, links, facts)
    try:
        output.parse(try_render(body, context))
    except TemplateProblem as problem:
        return problem
    return None


def save_template(meeting: Meeting, language: str, body: str, actor: Actor) -> NoteTemplate:
    """The meeting's own wording; changed wording is to be reviewed again."""
    row = db.session.scalar(sa.select(NoteTemplate).where(
        NoteTemplate.meeting_id == meeting.id, NoteTemplate.language == language))
    if row is None:
        current = effective_template(meeting, language) if _has_template(meeting, language) \
            else None
        row = NoteTemplate(secretariat_id=meeting.secretariat_id, meeting=meeting,
                           language=language, body=body,
                           source=f"edited from the {current.origin} template" if current else
                           "written by the secretariat")
        db.session.add(row)
    if row.body != body or row.review is None:
        row.body = body
        row.review = ReviewStatus.TO_BE_REVIEWED
        row.reviewed_by = None
        row.reviewed_at = None
    db.session.flush()
    record(actor, "note template saved", row, {"language": language, "length": len(body)},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return row


def mark_reviewed(meeting: Meeting, language: str, actor: Actor) -> NoteTemplate:
    """Reviewing a shipped template makes it the meeting's own, marked reviewed by the officer."""
    row = db.session.scalar(sa.select(NoteTemplate).where(
        NoteTemplate.meeting_id == meeting.id, NoteTemplate.language == language))
    if row is None:
        row = save_template(meeting, language, effective_template(meeting, language).body, actor)
    row.review = ReviewStatus.REVIEWED
    row.reviewed_by = actor.user
    row.reviewed_at = clock.now()
    record(actor, "note template reviewed", row, {"language": language},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    return row


def _has_template(meeting: Meeting, language: str) -> bool:
    try:
        effective_template(meeting, language)
    except NoteProblem:
        return False
    return True


def without_address(invitations: list[Invitation]) -> list[Invitation]:
    """Invitations a note cannot be e-mailed to: said before anything is issued or sent."""
    return [i for i in invitations if not i.emails]


def latest_notes(invitations: list[Invitation]) -> dict[int, Note]:
    """Each invitation's latest note (a correction replaces the first), in one query."""
    notes = db.session.scalars(
        sa.select(Note).where(Note.invitation_id.in_([i.id for i in invitations]))
        .options(selectinload(Note.secretariat), selectinload(Note.meeting), undefer(Note.docx))
        .order_by(Note.sequence)).all()
    return {note.invitation_id: note for note in notes if note.invitation_id is not None}
