"""What a note template may use: plain strings, lists and dicts, in the note's language.

Texts come from the model's columns for English and from its `localized` mapping for other
languages; a required text missing in the note's language is reported, never taken from English.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext

from meetings import dates, grammar, languages
from meetings.deadline import Deadline
from meetings.drafting.render import Companion
from meetings.models import LinkKind, Meeting, MeetingLink, Secretariat, SenderGender

BASE_LANGUAGE = languages.BASE
UN_SIX = set(languages.UN_OFFICIAL)
PRONOUNS = {SenderGender.MASCULINE: ("his", "himself"), SenderGender.FEMININE: ("her", "herself"),
            SenderGender.NEUTER: ("its", "itself")}
INVERSE = {LinkKind.IMMEDIATELY_AFTER: LinkKind.IMMEDIATELY_BEFORE,
           LinkKind.IMMEDIATELY_BEFORE: LinkKind.IMMEDIATELY_AFTER,
           LinkKind.JOINTLY_WITH: LinkKind.JOINTLY_WITH}
# "provided to the Secretariat" where a secretariat has not written how it names itself; Russian
# and Kazakh in the dative the shipped templates need.
OFFICE_SHORT = {"en": "the Secretariat", "fr": "le Secrétariat", "es": "la Secretaría",
                "ru": "Секретариату", "ar": "الأمانة", "zh": "秘书处", "kk": "Хатшылыққа"}
LANGUAGE_NAMES = languages.NAMES  # kept for the modules that import it from here


@dataclass
class Texts:
    """Reads an object's texts in one language and remembers which were missing."""

    language: str
    missing: list[str] = field(default_factory=list)

    def get(self, obj, name: str, label: str, required: bool = False) -> str:
        value = (obj.localized or {}).get(self.language, {}).get(name)
        if value is None and self.language == BASE_LANGUAGE:
            value = getattr(obj, name, None)
        if not value and required:
            self.missing.append(label)
        return value or ""


@dataclass(frozen=True)
class NoteFacts:
    """Everything about one note that does not come from the meeting itself."""

    language: str
    reference: str
    dated: date
    addressee: str
    addressee_block: str
    registration_link: str | None = None
    earlier_notes: tuple[tuple[str, date], ...] = ()
    recipient_kind: str = "government"  # a RecipientKind value
    # The documents whose files go with the e-mail (ids), and those given by their address
    # instead ((id, url)): meetings/services/enclosures.py decides. None: every document marked
    # for the note counts as attached (checking a template's wording, nothing is sent).
    enclosed: tuple[int, ...] | None = None
    document_links: tuple[tuple[int, str], ...] = ()


def _meeting_texts(meeting: Meeting, texts: Texts, required: bool) -> dict:
    title = texts.get(meeting, "title", gettext("the title of “%(meeting)s”", meeting=meeting.title),
                      required=True)
    short = texts.get(meeting, "short_title", "") or title
    # The title as running text: English with "the"; Russian in the genitive («в работе
    # первого совещания …»), or the title in quotes after «мероприятия» when none is written.
    in_text = texts.get(meeting, "in_text", "") or (
        f"the {title[0].lower()}{title[1:]}" if texts.language == "en" and title
        else f"мероприятия «{title}»" if texts.language == "ru" and title else title)
    held = dates.held(meeting.first_day, meeting.last_day, texts.language)
    held_from, _, held_dates = held.partition(" ") if held.split(" ", 1)[0] in {
        "from", "on", "les", "le", "du", "el", "del"} else ("", "", held)
    if held.startswith("los días "):
        held_from, held_dates = "los días", held.removeprefix("los días ")
    return {
        "key": f"m{meeting.id}",
        "title": title,
        "short_title": short,
        "in_text": in_text,
        "held": held,
        "held_from": held_from,
        "held_dates": held_dates,
        "span": dates.span(meeting.first_day, meeting.last_day, texts.language),
        # Kazakh "on" form (locative: «2024 жылғы 27 маусымда», «22–23 қазанда»); elsewhere held.
        "held_at": dates.kk_case_of(held, "loc") if texts.language == "kk" else held,
        "city": texts.get(meeting, "city",
                          gettext("the city of “%(meeting)s”", meeting=meeting.title),
                          required=required),
        "country": texts.get(meeting, "country",
                             gettext("the country of “%(meeting)s”", meeting=meeting.title),
                             required=required),
    }


def _linked(meeting: Meeting, group: list[Meeting], links: list[MeetingLink],
            texts: Texts) -> list[dict]:
    direct: dict[int, LinkKind | None] = {}
    for link in links:
        if link.meeting_id == meeting.id:
            direct[link.other_id] = link.kind
        elif link.other_id == meeting.id:
            direct[link.meeting_id] = INVERSE.get(link.kind)
    items = []
    for other in group:
        if other.id == meeting.id:
            continue
        item = _meeting_texts(other, texts, required=False)
        kind = direct.get(other.id)
        item["relation"] = kind.value if kind else None
        item["via"] = None
        if other.id not in direct:
            for link in links:
                if link.meeting_id == other.id and link.other_id in direct:
                    item["via"] = f"m{link.other_id}"
        items.append(item)
    return items


def arabic_gender(secretariat: Secretariat) -> str:
    """'m' or 'f' for Arabic agreement: the sender's gender, and for a sender that is a body
    (neuter in English) the gender of its Arabic noun («الأمانة» feminine, «المكتب» masculine)."""
    if secretariat.sender_gender == SenderGender.FEMININE:
        return "f"
    if secretariat.sender_gender == SenderGender.MASCULINE:
        return "m"
    sender = ((secretariat.localized or {}).get("ar", {}).get("sender") or "").strip()
    first = sender.split(" ", 1)[0] if sender else ""
    return "f" if first.endswith("ة") else "m"


def letterhead_text(secretariat: Secretariat, language: str) -> str:
    """The letterhead in a language, as the shipped templates write it: the secretariat's own
    text, else its acronym over its office (or name)."""
    texts = Texts(language)
    written = texts.get(secretariat, "letterhead", "")
    if written:
        return written
    office = texts.get(secretariat, "office", "") or texts.get(secretariat, "name", "")
    return "\n".join(line for line in (texts.get(secretariat, "acronym", ""), office) if line)


def letterhead_companion(secretariat: Secretariat, language: str) -> Companion | None:
    """The heading set beside the note's own when the secretariat writes its letterhead in two
    languages: the second language's, or, in a note in that language, the secretariat's first
    (a Russian CICA note has the English heading on the left, as printed)."""
    second = secretariat.letterhead_second_language
    if not second:
        return None
    if second != language:
        text = letterhead_text(secretariat, second)
        return Companion(second, text) if text else None
    others = [lang for lang in (BASE_LANGUAGE, *(secretariat.languages or [])) if lang != second]
    text = letterhead_text(secretariat, others[0]) if others else ""
    return Companion(others[0], text, first=True) if text else None


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def build_context(secretariat: Secretariat, meeting: Meeting, group: list[Meeting],
                  links: list[MeetingLink], facts: NoteFacts) -> tuple[dict, list[str]]:
    """The placeholders of a note, and the texts missing in its language."""
    language = facts.language
    texts = Texts(language)
    his, himself = ("their", "themselves") if secretariat.sender_plural \
        else PRONOUNS[secretariat.sender_gender]
    sender = texts.get(secretariat, "sender", gettext("the secretariat's sender phrase"),
                       required=True)
    secretariat_texts = {
        "name": texts.get(secretariat, "name", gettext("the secretariat's name"), required=True),
        "office": texts.get(secretariat, "office", ""),
        "acronym": texts.get(secretariat, "acronym", ""),
        "city": texts.get(secretariat, "city", gettext("the secretariat's city"), required=True),
        "postal_address": {"ar": "، ", "zh": "，"}.get(language, ", ").join(
            line.strip() for line in texts.get(secretariat, "postal_address", "").splitlines()
            if line.strip()),
        "email": secretariat.email or "",
        "fax": secretariat.fax or "",
        "website": secretariat.website or "",
        "motto": texts.get(secretariat, "motto", ""),
        "letterhead": texts.get(secretariat, "letterhead", ""),
        # How the note refers back to the sender's office ("provided to the Office"); the
        # secretariat's own words, else the language's word for a secretariat.
        "office_short": texts.get(secretariat, "office_short", "")
        or OFFICE_SHORT.get(language, ""),
    }
    this = _meeting_texts(meeting, texts, required=True)
    this.update(
        body=texts.get(meeting, "body", ""),
        mandate=texts.get(meeting, "mandate", ""),
        background=_paragraphs(texts.get(meeting, "background", "")),
        functions=_paragraphs(texts.get(meeting, "functions", "")),
        venue=texts.get(meeting, "venue_name", ""),
        # What a participant of this meeting alone works on: "corruption-related issues".
        focus=texts.get(meeting, "focus", ""),
        website=meeting.website or "",
        all_un_languages=UN_SIX <= set(meeting.languages or []),
    )
    linked = _linked(meeting, group, links, texts)
    inner = [item for item in linked if item["via"]]
    also = inner or [item for item in linked if item["relation"]]
    deadline = Deadline.of(meeting)
    documents = {d.id: d for d in meeting.documents}
    attached = [d for d in meeting.documents if d.attached_to_note and (
        facts.enclosed is None or d.id in facts.enclosed)]

    def title_of(document) -> str:
        return texts.get(document, "title", gettext("the title of the document “%(document)s”",
                                                    document=document.title), required=True)

    pages = (meeting.enclosure_pages or 0) if attached else 0
    context = {
        "language": language,
        "sender": sender,
        "sender_short": texts.get(secretariat, "sender_short", "") or sender,
        "his": his,
        "himself": himself,
        "sender_plural": bool(secretariat.sender_plural),
        # Arabic verbs and suffixes that agree with the sender (verb-first formulas).
        "arabic": grammar.arabic_sender(arabic_gender(secretariat)),
        "closing": secretariat.note_closing,
        "secretariat": secretariat_texts,
        "reference": facts.reference,
        "earlier_notes": [{"reference": ref, "date": dates.note_date(day, language),
                           "date_of": dates.kk_of(day) if language == "kk"
                           else dates.note_date(day, language)}
                          for ref, day in facts.earlier_notes],
        # "Enclosure: on 9 p." only when something goes with the e-mail to be that enclosure.
        "enclosure_pages": pages,
        # «9 págs.», «1 pág.», «صفحتان», «11 صفحة»; the number alone elsewhere.
        "enclosure_words": grammar.pages(pages, language),
        # « à sa note » / « à ses notes », «свою ноту» / «свои ноты», «مذكرته» / «مذكراتها».
        "earlier_notes_words": grammar.earlier_notes(len(facts.earlier_notes), language,
                                                     arabic_gender(secretariat)),
        "addressee": facts.addressee,
        "addressee_block": facts.addressee_block,
        # "the Government", « l'Organisation », «الاتحاد»: the words for whom the note invites.
        "recipient": grammar.recipient(facts.recipient_kind, language),
        "meeting": this,
        "linked": linked,
        "also_invited": [item["short_title"] for item in also],
        "also_invited_titles": [f"«{item['title']}»" for item in also],
        "also_invited_in_text": [item["in_text"] for item in also],
        "documents": {
            "attached": [title_of(d) for d in attached],
            # Said attached but too large for the e-mail, or only on the web: "available at".
            "available": [{"title": title_of(documents[i]), "url": url}
                          for i, url in facts.document_links if i in documents],
            "online": [{"title": d.title, "url": d.url} for d in meeting.documents if d.url],
        },
        # The date, and the time when one is set: "24 September 2012, 18:00 (Astana time)".
        "deadline": deadline.words(language) if deadline else "",
        "deadline_date": deadline.date_words(language) if deadline else "",
        # Kazakh "not later than" takes the ablative: «2024 жылғы 20 маусымнан кешіктірмей».
        "deadline_from": deadline.words_from(language) if deadline else "",
        "deadline_time": deadline.clock_words() if deadline and not deadline.end_of_day else "",
        "registration_link": facts.registration_link or "",
        "dated": dates.note_date(facts.dated, language),
    }
    return context, texts.missing
