"""Random and hostile data posted to every staff form: never a 500, and a refusal changes nothing.

CI runs a fixed small budget (the "ci" profile, 25 examples per form); a longer search runs on
demand: ``HYPOTHESIS_PROFILE=long DATABASE_URL=... pytest tests/test_fuzz_staff_forms.py``.
"""
from __future__ import annotations

import io
import os

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Invitation,
    InvitationCategory,
    Meeting,
    MeetingDocument,
    MeetingLink,
    NoteTemplate,
    Role,
    Sitting,
    StoredFile,
)
from tests.helpers import party_by_iso3
from tests.test_meeting_form import GOOD, SITTING

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.register_profile("long", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

COUNTED = (Meeting, Sitting, MeetingDocument, MeetingLink, Invitation, NoteTemplate, StoredFile,
           AuditEvent)

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\r", "\n", "\r\n", "line one\rATTENDEE:mailto:x@evil.example",
    "\x1b[31mred", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\ufffd",
    "\u202eevil\u202c", "\u2066isolate\u2069", "مؤتمر الدول الأطراف", "会议 Конференция ΑΒΓ",
    "Z̸̡̛a̷l̴g̸o", "🇦🇹👩🏽‍⚖️", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
    "{{ config }}", "{% for x in range(10**6) %}{% endfor %}", "{{ 1/0 }}", "${7*7}",
    "=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)",
    "-2+3", "'; DROP TABLE meetings; --", "%s%s%n", "\\", "\\n", ";,:", "mailto:a@b",
    "9999-12-31", "0000-00-00", "2012-02-30", "-0001-01-01", "2012-10-22\x00", "２０１２-10-22",
    "25:61", "10:00\n", "1e308", "-1", "NaN", "x" * 121, "x" * 301, "x" * 501, "x" * 1001,
    "y" * 60_000, "https://example.org/" + "a" * 1000, "javascript:alert(1)",
]
hostile = st.sampled_from(HOSTILE)
text = st.one_of(
    hostile,
    st.text(max_size=40),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=10), hostile, st.text(max_size=10)),
    st.integers(min_value=0, max_value=3000).map(lambda n: "é" * n),
)
# A field sent once, sent twice, or sent as a list of several values.
value = st.one_of(text, st.lists(text, min_size=2, max_size=3))


def counts() -> dict[str, int]:
    db.session.expire_all()
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in COUNTED}


def row(model, ident) -> dict:
    """A row as stored, to prove a refused edit left it alone."""
    db.session.expire_all()
    obj = db.session.get(model, ident)
    return {c.key: getattr(obj, c.key) for c in sa.inspect(model).column_attrs}


def fuzzed(base: dict, draw_fields: dict) -> dict:
    return {**base, **draw_fields}


def post_and_check(client, url: str, data: dict, watched=None, **kwargs) -> int:
    """Post; the answer is never a 500, and a refused request changes no row and no history."""
    before = counts()
    stored = row(*watched) if watched else None
    response = client.post(url, data=data, **kwargs)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert counts() == before, (url, data)
        if watched:
            assert row(*watched) == stored
    db.session.rollback()
    return response.status_code


def fields(names: list[str]) -> st.SearchStrategy[dict]:
    """Some of the form's fields given random values, the others as a valid form has them."""
    return st.dictionaries(st.sampled_from(names), value, max_size=len(names))


@pytest.fixture
def officer(make_secretariat, make_user, login_as):
    user = make_user(make_secretariat(), Role.OFFICER)
    login_as(user)
    return user


@pytest.fixture
def meeting(officer, make_meeting):
    return make_meeting(officer.memberships[0].secretariat, "em")


MEETING_FIELDS = [*GOOD, "registration_opens_on", "registration_deadline_time", "website",
                  "functions", "venue_address", "note_verbale_required", "csrf_token"]


@given(changes=fields(MEETING_FIELDS))
def test_creating_a_meeting(client, officer, changes):
    post_and_check(client, "/secretariat/meetings/new", fuzzed(GOOD, changes))


@given(changes=fields(MEETING_FIELDS))
def test_editing_a_meeting(client, meeting, changes):
    slug = db.session.scalar(sa.select(Meeting.slug).where(Meeting.id == meeting.id))
    post_and_check(client, f"/secretariat/meetings/{slug}/edit",
                   fuzzed({**GOOD, "slug": slug}, changes), watched=(Meeting, meeting.id))


@given(changes=fields(list(SITTING)))
def test_adding_a_sitting(client, meeting, changes):
    post_and_check(client, "/secretariat/meetings/em/sittings/new", fuzzed(SITTING, changes),
                   watched=(Meeting, meeting.id))


@pytest.fixture
def sitting(client, meeting):
    assert client.post("/secretariat/meetings/em/sittings/new", data=SITTING).status_code == 302
    return db.session.scalar(sa.select(Sitting))


@given(changes=fields(list(SITTING)))
def test_editing_a_sitting(client, sitting, changes):
    post_and_check(client, f"/secretariat/meetings/em/sittings/{sitting.id}/edit",
                   fuzzed(SITTING, changes), watched=(Sitting, sitting.id))


PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
upload = st.one_of(
    st.none(),
    st.tuples(st.sampled_from([PDF, PDF[:7], PDF[:4], b"", b"PK\x03\x04broken zip",
                               b"\x89PNG\r\n\x1a\n", b"MZ\x90\x00", b"<html>"]),
              st.one_of(hostile, st.sampled_from(["agenda.pdf", "a.exe", "../../etc/passwd",
                                                  "x" * 400 + ".pdf", "a\u202efdp.exe"]))),
)


@given(changes=fields(["title", "symbol", "url", "attached_to_note"]), file=upload)
def test_adding_a_document(client, meeting, changes, file):
    data = fuzzed({"title": "Provisional agenda", "url": "https://www.unodc.org/a.pdf"}, changes)
    if file is not None:
        content, name = file
        data["upload"] = (io.BytesIO(content), name)
    post_and_check(client, "/secretariat/meetings/em/documents", data,
                   content_type="multipart/form-data")


@pytest.fixture
def other(meeting, make_meeting):
    return make_meeting(meeting.secretariat, "wg")


@given(kind=st.one_of(st.sampled_from(["during", "immediately_after"]), value),
       other_id=st.one_of(st.just("mine"), value, st.integers().map(str)))
def test_linking_meetings(client, meeting, other, kind, other_id):
    other_id = str(other.id) if other_id == "mine" else other_id
    post_and_check(client, "/secretariat/meetings/em/links", {"kind": kind, "other": other_id})


@pytest.fixture
def invitation(meeting, registry):
    invitation = Invitation(meeting=meeting, party=party_by_iso3("AUT"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    db.session.add(invitation)
    db.session.commit()
    return invitation


@given(changes=fields(["category", "addressee", "addressee_in_text", "emails", "language"]))
def test_editing_an_invitation(client, invitation, changes):
    base = {"category": "state_party", "addressee": "Permanent Mission of Austria",
            "emails": "pm.vienna@bmeia.gv.at", "language": "en"}
    post_and_check(client, f"/secretariat/invitations/{invitation.id}/edit",
                   fuzzed(base, changes), watched=(Invitation, invitation.id))


template = st.one_of(
    value,
    st.lists(st.sampled_from([
        "{{ addressee }}", "{{ meeting.title }}", "{{ 1/0 }}", "{{ 10**5000 }}", "{{ 'x'*10**9 }}",
        "{% for i in range(10**6) %}{% endfor %}", "{% if %}", "{{", "}}", "{% raw %}",
        "{{ meeting|attr('__class__') }}", "{{ ''.__class__ }}", "**bold**", "[letterhead]",
        "\n\n", "{{ meeting.nope }}", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{{ '%999999999d' % 1 }}", "{{ 'x'|indent(10**8) }}", "{% set x = 1 %}{{ x / 0.0 }}",
    ]), max_size=6).map("".join),
)


@given(body=template, language=st.sampled_from(["en", "fr", "ar", "zh", "xx", "en\x00"]))
def test_writing_a_note_template(client, meeting, body, language):
    post_and_check(client, f"/secretariat/meetings/em/templates/{language}", {"body": body})
