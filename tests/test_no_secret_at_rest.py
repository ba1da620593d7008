"""No private link is stored or logged: notes and e-mails keep markers, filled when they go out."""
import io
import json
import logging
import re
import sys
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import InvitationCategory, MeetingStatus, Note, Role
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from meetings.services.outbox import deliver
from tests.helpers import docx_text, party_by_iso3, text_of

ACTOR = Actor.system("test")
CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=timezone.utc)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REGISTRATION = re.compile(r"/register/([A-Za-z0-9_-]{43})")
CALENDAR = re.compile(r"/calendar/([A-Za-z0-9_-]{43})\.ics")


@pytest.fixture
def meeting(app, registry, make_secretariat, make_meeting):
    secretariat = make_secretariat("unodc", reference_pattern="CU {year}/{seq}(A)/DTA/CEB/CSS",
                                   email="UNCAC.COP@unodc.org", note_closing=False)
    meeting = make_meeting(secretariat, "em", status=MeetingStatus.REGISTRATION_OPEN)
    for iso3 in ("AUT", "NLD"):
        invitation = invite(meeting, party_by_iso3(iso3), InvitationCategory.STATE_PARTY, ACTOR,
                            language="en")
        invitation.emails = [f"mission.{iso3.lower()}@example.org"]
    db.session.commit()
    app.config["FIXED_NOW"] = CLOSES - timedelta(days=3)
    yield meeting
    app.config.pop("FIXED_NOW", None)


def stored_texts() -> list[str]:
    """Every text, JSON and binary value of every table, documents unzipped: what a dump holds."""
    found = []
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        value = bytes(value)
                        found.append(value.decode("latin-1"))
                        if value.startswith(b"PK"):
                            with zipfile.ZipFile(io.BytesIO(value)) as archive:
                                found += [archive.read(n).decode("utf-8", "replace")
                                          for n in archive.namelist()]
                    elif isinstance(value, (dict, list)):
                        found.append(json.dumps(value, ensure_ascii=False))
                    elif value is not None:
                        found.append(str(value))
    return found


def test_after_a_whole_registration_the_database_holds_no_live_link(
    client, meeting, make_user, login_as, mailbox
):
    login_as(make_user(meeting.secretariat, Role.OFFICER))
    client.post("/secretariat/meetings/em/notes/issue", data={"send": "1", "dated": "2012-08-15"})
    assert deliver()["sent"] == 2
    links = {m["To"]: REGISTRATION.search(m.get_body(("plain",)).get_content()).group(1)
             for m in mailbox.messages}
    austria = links["mission.aut@example.org"]
    [attachment] = list(mailbox.messages[0].iter_attachments())
    assert REGISTRATION.search(docx_text(attachment.get_content())).group(1) in links.values()
    client.get("/secretariat/logout")
    data = {"action": "submit", "version": "0", "rows": "2", "focal_point_name": "Anna Berger",
            "focal_point_position": "Counsellor", "focal_point_email": "anna@bmeia.gv.at",
            "note": (io.BytesIO(PDF), "note.pdf")}
    for index, (given, family, function) in enumerate([("Ingrid", "Koller", "head"),
                                                       ("Jörg", "Hübner", "expert")]):
        data.update({f"delegates-{index}-given_name": given,
                     f"delegates-{index}-family_name": family,
                     f"delegates-{index}-function": function,
                     f"delegates-{index}-email": f"{family.lower()}@example.org",
                     f"delegates-{index}-meetings": [str(meeting.id)]})
    submitted = client.post(f"/register/{austria}", data=data,
                            content_type="multipart/form-data")
    assert submitted.status_code == 302, text_of(submitted)
    confirmation = client.get(submitted.location)
    assert len(set(CALENDAR.findall(confirmation.get_data(as_text=True)))) == 2
    assert deliver()["sent"] == 1
    body = mailbox.messages[-1].get_body(("plain",)).get_content()
    calendars = set(CALENDAR.findall(body))
    assert len(calendars) == 2 and austria in body
    for secret in calendars:
        assert client.get(f"/calendar/{secret}.ics").status_code == 200
    dump = "\n".join(stored_texts())
    for secret in [*links.values(), *calendars]:
        assert secret not in dump
    assert private_links.REGISTRATION_MARKER in dump  # the notes keep their marker


def test_read_only_staff_see_where_the_link_is_not_the_link(
    client, meeting, make_user, login_as
):
    login_as(make_user(meeting.secretariat, Role.OFFICER))
    client.post("/secretariat/meetings/em/notes/issue", data={"dated": "2012-08-15"})
    note = db.session.scalars(sa.select(Note).order_by(Note.sequence)).first()
    live = private_links.registration_secret(note.invitation)
    officer_page = client.get(f"/secretariat/notes/{note.id}")
    assert f"/register/{live}" in officer_page.get_data(as_text=True)
    assert officer_page.headers["Cache-Control"] == "no-store"
    client.get("/secretariat/logout")
    login_as(make_user(meeting.secretariat, Role.VIEWER))
    answers = [client.get(f"/secretariat/notes/{note.id}").get_data(as_text=True),
               *(client.get(f"/secretariat/notes/{note.id}.{fmt}").get_data(as_text=True)
                 for fmt in ("text", "html"))]
    with zipfile.ZipFile(io.BytesIO(client.get("/secretariat/meetings/em/notes.zip?format=text")
                                    .data)) as archive:
        answers += [archive.read(name).decode() for name in archive.namelist()]
    docx = client.get(f"/secretariat/notes/{note.id}.docx").data
    for answer in answers:
        assert live not in answer and "[private link — visible to officers]" in text_of(answer)
    assert "[private link — visible to officers]" in docx_text(docx) and live not in docx_text(docx)


def test_private_pages_and_calendars_send_no_referrer_and_are_not_cached(client, meeting):
    from meetings.models import Invitation

    invitation = db.session.scalars(sa.select(Invitation)).first()
    secret = private_links.issue_link(invitation, ACTOR, CLOSES)
    db.session.commit()
    for path in (f"/register/{secret}", f"/register/{'x' * 43}"):
        response = client.get(path)
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert response.headers["Cache-Control"] == "no-store", path


def test_a_500_on_a_private_page_is_logged_without_its_secret(app, caplog):
    secret = "S3cr3t-" + "x" * 36
    with caplog.at_level(logging.INFO):
        with app.test_request_context(f"/register/{secret}/confirmation", method="POST"):
            try:
                raise RuntimeError(f"failed while handling /calendar/{secret}.ics")
            except RuntimeError:
                app.log_exception(sys.exc_info())  # what Flask does with a 500
        logging.getLogger("werkzeug").info('%s - - [%s] "%s" %s -', "127.0.0.1", "now",
                                           f"GET /register/{secret} HTTP/1.1", 200)
        logging.getLogger("gunicorn.access").info('%(h)s "%(r)s" %(s)s', {
            "h": "10.0.0.1", "r": f"GET /calendar/{secret}.ics HTTP/1.1", "s": "200"})
    logged = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert secret not in logged
    assert "Exception on /register/[redacted]/confirmation [POST]" in logged
    assert "/calendar/[redacted]" in logged and "GET /register/[redacted] HTTP/1.1" in logged


def test_links_issued_before_the_upgrade_keep_working_and_revoking_changes_the_link(
    client, meeting
):
    from meetings.models import Invitation
    from meetings.services import tokens

    old, new = db.session.scalars(sa.select(Invitation).order_by(Invitation.id)).all()
    old_secret, old.token_hash = tokens.new_secret()  # as 0006 stored it: a hash, no salt
    first = private_links.issue_link(new, ACTOR, CLOSES)
    db.session.commit()
    assert client.get(f"/register/{old_secret}").status_code == 200
    assert private_links.registration_secret(old) is None  # nothing can re-derive it
    assert private_links.registration_secret(new) == first
    second = private_links.issue_link(new, ACTOR, CLOSES)
    db.session.commit()
    assert second != first and client.get(f"/register/{first}").status_code == 404
    private_links.revoke_link(new, ACTOR)
    db.session.commit()
    assert client.get(f"/register/{second}").status_code == 404
    assert private_links.fill(f"https://x.org/register/{private_links.REGISTRATION_MARKER}",
                              new, reveal=True) == private_links.NO_LONGER_VALID
