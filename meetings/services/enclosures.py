"""Which of a meeting's documents go with a note's e-mail as files, and which the note gives by
their address instead: decided once, when the note is written, so its words and its e-mail agree.

The documents the secretariat marked "with the note" are taken in the meeting's order; an
uploaded file goes with the e-mail while the files so far stay within the secretariat's limit
(the note's own .docx or PDF is not counted); a file that would pass it, and a document that is
only an address on the web, is given in the note as "available at <address>".
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from meetings.models import Meeting, MeetingDocument
from meetings.urls import public_url

MEGABYTE = 1_048_576
DEFAULT_MAX_MB = 10
MAX_MB = 25  # what common mail servers accept once base64 has added its third


@dataclass(frozen=True)
class Enclosure:
    """A document's file as it goes with the e-mail: frozen on the note when it is issued."""

    document_id: int
    file_id: int
    title: str
    filename: str
    content_type: str
    size: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Linked:
    """A document the note says is attached but that goes by its address: why, and where."""

    document_id: int
    title: str
    url: str
    reason: str  # "web address only" or "over the limit"
    public_page: bool = False  # the address is its file on the meeting's public page


@dataclass(frozen=True)
class Plan:
    attached: tuple[Enclosure, ...]
    linked: tuple[Linked, ...]
    limit_bytes: int

    @property
    def total(self) -> int:
        return sum(e.size for e in self.attached)


def limit_bytes(meeting: Meeting) -> int:
    mb = meeting.secretariat.attachments_max_mb
    return (DEFAULT_MAX_MB if mb is None else mb) * MEGABYTE


def plan(meeting: Meeting, base_url: str | None = None) -> Plan:
    """The files of the documents marked for the note, within the limit, and the others' links."""
    limit = limit_bytes(meeting)
    attached: list[Enclosure] = []
    linked: list[Linked] = []
    total = 0
    names: set[str] = set()
    for document in meeting.documents:
        if not document.attached_to_note:
            continue
        file = document.file
        if file is not None and total + file.size <= limit:
            total += file.size
            attached.append(Enclosure(document.id, file.id, document.title,
                                      _unique(file.filename, names), file.content_type, file.size))
        else:
            linked.append(Linked(document.id, document.title, address(document, base_url),
                                 "web address only" if file is None else "over the limit",
                                 public_page=not document.url))
    return Plan(tuple(attached), tuple(linked), limit)


def address(document: MeetingDocument, base_url: str | None = None) -> str:
    """Its own address on the web, else its file on the meeting's public page."""
    if document.url:
        return document.url
    try:
        return public_url("public.document", base_url, slug=document.meeting.slug,
                          document_id=document.id)
    except RuntimeError:  # no PUBLIC_BASE_URL and no request (a preview from the command line)
        return f"[address of “{document.title}” on the meeting's public page]"


def _unique(filename: str, taken: set[str]) -> str:
    """Two documents uploaded as agenda.pdf reach the mission as agenda.pdf and agenda (2).pdf."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    candidate, n = filename, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{extension}"
    taken.add(candidate.lower())
    return candidate


def size_words(size: int) -> str:
    """1.2 MB, 340 KB: how the pages state a file's size."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
