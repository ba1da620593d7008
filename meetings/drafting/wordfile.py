"""Word files written quickly: python-docx's own template read and deflated once a process.

A note built on python-docx's default template spends most of its time on two 440 kB parts it
never changes but for a few language settings: parsing `word/styles.xml` when the document is
opened, and serialising and deflating it and `word/stylesWithEffects.xml` when it is saved. Here
a note is built on the same template with those two parts left out (a stand-in each); when it
is written, the caller gives the styles of its language (made once a process from the whole
template: constant bytes for a given language), and every part whose bytes are the template's
goes in deflated once. The zip is written as python-docx's `save` writes it (zipfile, deflated
at the default level, the same parts in the same order), so only the files' dates differ.

Nothing a secretariat can change is kept here: its letterhead and texts are in the parts
written for each note.
"""
from __future__ import annotations

import functools
import io
import os
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass

import docx
from docx.opc.pkgwriter import PackageWriter

STYLES = "word/styles.xml"
STYLES_WITH_EFFECTS = "word/stylesWithEffects.xml"
# What the document holds in their place while it is built: nothing can be looked up in them.
_STAND_INS = {
    STYLES: b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:styles "  # as lxml
            b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    STYLES_WITH_EFFECTS: b"(the template's own, put back when the file is written)",
}


def template_path() -> str:
    """python-docx's default template, what `docx.Document()` opens."""
    return os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")


@dataclass(frozen=True)
class _Entry:
    """One member of the zip: its bytes deflated as zipfile deflates them."""

    crc: int
    size: int
    deflated: bytes


def _deflate(data: bytes) -> _Entry:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return _Entry(zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


@dataclass(frozen=True)
class _Template:
    light: bytes  # the template without its two large style parts (stored, not deflated)
    parts: dict[str, bytes]  # the template's parts as they are in its file, but the stand-ins'
    entries: dict[str, _Entry]  # and deflated (with stylesWithEffects; the styles: per language)


@functools.cache
def _template() -> _Template:
    with open(template_path(), "rb") as handle:
        source = zipfile.ZipFile(io.BytesIO(handle.read()))
    parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as light:
        for name, content in parts.items():
            light.writestr(name, _STAND_INS.get(name, content))
    return _Template(buffer.getvalue(),
                     {name: content for name, content in parts.items() if name not in _STAND_INS},
                     {name: _deflate(content) for name, content in parts.items() if name != STYLES})


def new_document():
    """A python-docx Document of the default template, its styles left out (see `save`)."""
    return docx.Document(io.BytesIO(_template().light))


def template_document():
    """The whole default template, as `docx.Document()` opens it: to make constant parts from."""
    return docx.Document(template_path())


@functools.lru_cache(maxsize=32)
def _constant(content: bytes) -> _Entry:
    """A constant part deflated once (the styles of one language: a few per process)."""
    return _deflate(content)


def save(document, styles: bytes, date_time: tuple[int, ...] | None = None) -> bytes:
    """The .docx of a document made by `new_document`, with `styles` as its styles part.

    `styles` must be constant bytes for the process (the template's styles set for a language):
    they are deflated once. The document's own styles must not have been touched: its stand-in
    is checked, so a change made to them on the way is an error, not a silent loss.
    """
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    writer = _Writer(styles, date_time or time.localtime(time.time())[:6])
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)  # type: ignore[arg-type]  # duck-typed
    return writer.close()


class _Writer:
    """The zip python-docx's PhysPkgWriter writes (zipfile, ZIP_DEFLATED, writestr of each
    member), with constant members deflated once a process."""

    def __init__(self, styles: bytes, date_time: tuple[int, ...]) -> None:
        self._styles = styles
        year, month, day, hour, minute, second = date_time
        self._date = (year - 1980) << 9 | month << 5 | day
        self._time = hour << 11 | minute << 5 | second // 2
        self._buffer = io.BytesIO()
        self._directory: list[bytes] = []

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        template = _template()
        if name in _STAND_INS:
            if blob != _STAND_INS[name]:
                raise RuntimeError(f"{name} was changed on a document written without it")
            entry = _constant(self._styles) if name == STYLES else template.entries[name]
        elif template.parts.get(name) == blob:
            entry = template.entries[name]
        else:
            entry = _deflate(blob)
        self._add(name, entry)

    def _add(self, name: str, entry: _Entry) -> None:
        encoded, flags = (name.encode("ascii"), 0) if name.isascii() \
            else (name.encode("utf-8"), 0x800)
        offset = self._buffer.tell()
        fields = (20, flags, zipfile.ZIP_DEFLATED, self._time, self._date, entry.crc,
                  len(entry.deflated), entry.size, len(encoded))
        self._buffer.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0))
        self._buffer.write(encoded)
        self._buffer.write(entry.deflated)
        self._directory.append(struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 3 << 8 | 20, *fields, 0, 0, 0, 0, 0o600 << 16,
            offset) + encoded)

    def close(self) -> bytes:
        start = self._buffer.tell()
        directory = b"".join(self._directory)
        self._buffer.write(directory)
        count = len(self._directory)
        self._buffer.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count,
                                       len(directory), start, 0))
        return self._buffer.getvalue()
