"""Uploaded files: checked by what they contain, not by their name, and kept in the database."""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from meetings.models import StoredFile


@dataclass(frozen=True)
class Kind:
    name: str
    content_type: str
    extension: str


PDF = Kind("PDF", "application/pdf", "pdf")
PNG = Kind("PNG image", "image/png", "png")
JPEG = Kind("JPEG image", "image/jpeg", "jpg")
DOCX = Kind("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
SCANS = (PDF, JPEG, PNG)
DOCUMENTS = (PDF, DOCX, JPEG, PNG)


class UploadRejected(ValueError):
    pass


def sniff(data: bytes) -> Kind | None:
    """The kind of file the bytes really are, among those we accept."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
    return None


def checked_file(
    filename: str, data: bytes, accepted: tuple[Kind, ...], max_bytes: int
) -> StoredFile:
    """A StoredFile for data that is one of the accepted kinds and not too large."""
    if not data:
        raise UploadRejected(_l("The file is empty."))
    if len(data) > max_bytes:
        raise UploadRejected(
            _l("The file is %(size).1f MB; the limit is %(limit).0f MB.",
               size=len(data) / 1_048_576, limit=max_bytes / 1_048_576)
        )
    kind = sniff(data)
    if kind not in accepted:
        # "PDF, JPG ou PNG", "PDF أو JPG أو PNG": the list as the reader's language writes it.
        names = format_list([k.extension.upper() for k in accepted], style="or",
                            locale=str(get_locale() or "en"))
        raise UploadRejected(_l("This file is not a %(kinds)s file, whatever its name says.",
                                 kinds=names))
    base = (filename or "file").replace("\\", "/").rsplit("/", 1)[-1].strip() or "file"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return StoredFile(
        filename=f"{stem[:200]}.{kind.extension}",
        content_type=kind.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )
