"""Every answer carries the browser protections; pages need no inline script or style to work."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from flask import Response

from meetings import _security_headers, content_security_policy
from meetings.extensions import db
from meetings.models import InvitationCategory, MeetingStatus
from meetings.services import meetings as meeting_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.files import DOCUMENTS, checked_file
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ACTOR = Actor.system("test")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_policy_forbids_inline_code_framing_and_foreign_sources():
    policy = dict(part.split(" ", 1) for part in content_security_policy().split("; "))
    assert policy["default-src"] == "'self'" and policy["script-src"] == "'self'"
    assert policy["style-src"].startswith("'self' 'sha256-")  # the note's own stylesheet only
    assert "unsafe-inline" not in content_security_policy()
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"


@pytest.mark.parametrize("path", sorted(str(p.relative_to(TEMPLATES))
                                        for p in TEMPLATES.rglob("*.html")))
def test_no_template_has_inline_script_or_style(path):
    html = (TEMPLATES / path).read_text()
    assert not re.search(r"\sstyle\s*=|<style|\son[a-z]+\s*=", html, re.I)
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html, re.I))


@pytest.fixture
def pages(app, registry, make_secretariat, make_meeting, make_user):
    """A meeting of 2012, seen before its deadline (its links expire some months after it)."""
    app.config["FIXED_NOW"] = datetime(2012, 9, 1, 10, tzinfo=timezone.utc)
    secretariat = make_secretariat()
    meeting = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    austria = invite(meeting, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    secret = private_links.issue_link(austria, ACTOR, app.config["FIXED_NOW"])
    stored = checked_file("agenda.pdf", PDF, DOCUMENTS, 10**6)
    document = meeting_service.add_document(meeting, "Agenda", ACTOR, file=stored)
    db.session.commit()
    yield {"registration": f"/register/{secret}", "staff": "/secretariat/meetings/em",
           "public": "/meetings/em", "document": f"/meetings/em/documents/{document.id}",
           "officer": make_user(secretariat)}
    app.config.pop("FIXED_NOW", None)


def test_every_kind_of_page_carries_the_protections(client, pages, login_as):
    login_as(pages["officer"])
    for kind in ("registration", "staff", "public"):
        response = client.get(pages[kind])
        assert response.status_code == 200, kind
        headers = response.headers
        assert headers["Content-Security-Policy"] == content_security_policy(), kind
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] in ("same-origin", "no-referrer"), kind
    assert "no-store" in client.get(pages["staff"]).headers["Cache-Control"]
    assert "no-store" in client.get("/secretariat/login").headers["Cache-Control"]
    assert client.get(pages["public"]).headers.get("Cache-Control") is None  # public may be cached


def test_a_public_document_is_downloaded_in_a_sandbox_never_shown_as_a_page(client, pages):
    response = client.get(pages["document"])
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "agenda.pdf" in response.headers["Content-Disposition"]
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_header_the_view_chose_is_never_replaced(app):
    with app.test_request_context("/secretariat/"):
        response = Response("private", headers={
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-store, private",
            "Content-Security-Policy": "default-src 'none'"})
        _security_headers(response)
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store, private"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Frame-Options"] == "DENY"  # the rest still added
