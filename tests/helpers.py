"""Helpers the tests share (fixtures stay in conftest.py)."""
from __future__ import annotations

import io
import re
from html import unescape

import sqlalchemy as sa
from docx import Document
from sqlalchemy.exc import IntegrityError

from meetings.extensions import db
from meetings.models import Party


def text_of(response) -> str:
    """The visible text of an HTML response (or HTML string), whitespace folded, read like prose."""
    html = response if isinstance(response, str) else response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def docx_text(data: bytes) -> str:
    """The text of a .docx as python-docx reads it, paragraphs joined like to_text(), then the
    first page's footer (addressee, motto: last in the text too); a paragraph holding only a
    picture (letterhead, QR code) or the stamp's room has no text to compare."""
    document = Document(io.BytesIO(data))
    footer = document.sections[0].first_page_footer  # the addressee: the foot of page 1
    paragraphs = [*document.paragraphs, *(footer.paragraphs if footer._has_definition else [])]
    text = "\n\n".join(p.text for p in paragraphs if p.text) + "\n"
    # Left-to-right isolates around numbers and addresses in Arabic are layout, not text.
    return text.replace("\u2066", "").replace("\u2069", "")


def party_by_iso3(iso3: str) -> Party | None:
    return db.session.scalar(sa.select(Party).where(Party.iso3 == iso3.upper()))


def party_by_key(key: str) -> Party | None:
    return db.session.scalar(sa.select(Party).where(Party.registry_key == key))


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint the database enforced, on PostgreSQL and on SQLite."""
    diag = getattr(error.orig, "diag", None)
    if diag is not None:  # psycopg names it
        return diag.constraint_name
    message = str(error.orig)
    if message.startswith("CHECK constraint failed: "):
        return message.removeprefix("CHECK constraint failed: ")
    if message.startswith("UNIQUE constraint failed: "):  # SQLite names the columns instead
        columns = [c.strip() for c in message.removeprefix("UNIQUE constraint failed: ").split(",")]
        table = db.metadata.tables[columns[0].split(".")[0]]
        wanted = {c.split(".")[1] for c in columns}
        for constraint in table.constraints:
            if isinstance(constraint, sa.UniqueConstraint) and \
                    {c.name for c in constraint.columns} == wanted:
                return str(constraint.name)
    return None


def sign_in(page, live_server):
    """The demo officer signs in through the form, in a real browser."""
    from meetings.services.demo import DEMO_EMAIL, DEMO_PASSWORD

    page.goto(f"{live_server}/secretariat/login")
    page.get_by_label("E-mail").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/secretariat/")
