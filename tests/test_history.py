"""An officer reads a meeting's history as sentences, pages through it and exports it."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

import meetings
from meetings import history
from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    InvitationCategory,
    LinkKind,
    MeetingStatus,
    Role,
)
from meetings.services import delegations, feeds, private_links, retention
from meetings.services import invitations as invitation_service
from meetings.services import meetings as meeting_service
from meetings.services import notes as note_service
from meetings.services.audit import Actor, record
from tests.helpers import party_by_iso3, text_of

NOW = datetime(2012, 9, 1, 10, 0, tzinfo=timezone.utc)
# What a sentence must never show: column names, Python values, JSON, ids.
RAW = re.compile(r"_id\b|token|hash|salt|\bNone\b|[{}\[\]]|\b[a-z]+_[a-z]+\b|#\d|\bid\b")


@pytest.fixture
def officer(registry, make_secretariat, make_user, login_as):
    user = make_user(make_secretariat("unodc"), Role.OFFICER, email="jane.smith@example.org")
    user.name = "Jane Smith"
    db.session.commit()
    login_as(user)
    return user


@pytest.fixture
def meeting(officer, make_meeting):
    return make_meeting(officer.memberships[0].secretariat, "em",
                        status=MeetingStatus.REGISTRATION_OPEN)


def person(given: str, family: str, meetings: list[int], function: str = "head") -> dict:
    return {"key": "", "honorific": "Ms.", "given_name": given, "family_name": family,
            "job_title": "", "function": function, "email": f"{given.lower()}@example.org",
            "phone": "", "gender": "", "meetings": meetings}


def every_kind_of_change(app, meeting, officer, make_meeting) -> None:
    """Each change the services audit for a meeting, made once (the demo of the history)."""
    jane = Actor.staff(officer)
    wg = make_meeting(meeting.secretariat, "wg", title="Working Group on Extradition",
                      short_title="Working Group", first_day=date(2012, 10, 15),
                      last_day=date(2012, 10, 19))
    meeting_service.update_meeting(meeting, {"venue_name": "Vienna International Centre",
                                             "first_day": date(2012, 10, 22)}, jane)
    link = meeting_service.link_meetings(meeting, wg, LinkKind.IMMEDIATELY_AFTER, jane)
    db.session.flush()
    meeting_service.unlink(link, jane)
    meeting_service.link_meetings(meeting, wg, LinkKind.IMMEDIATELY_AFTER, jane)
    sitting = meeting_service.add_sitting(
        meeting, {"day": date(2012, 10, 22), "starts_at": time(10), "ends_at": time(13)}, jane)
    meeting_service.update_sitting(sitting, {"room": "Board Room D"}, jane)
    meeting_service.remove_sitting(sitting, jane)  # published: cancelled
    document = meeting_service.add_document(meeting, "Provisional agenda", jane,
                                            url="https://example.org/agenda", symbol="CAC/1")
    meeting_service.remove_document(document, jane)
    austria = invitation_service.invite(meeting, party_by_iso3("AUT"),
                                        InvitationCategory.STATE_PARTY, jane)
    spain = invitation_service.invite(meeting, party_by_iso3("ESP"),
                                      InvitationCategory.STATE_PARTY, jane)
    france = invitation_service.invite(meeting, party_by_iso3("FRA"),
                                       InvitationCategory.STATE_PARTY, jane)
    invitation_service.update_invitation(austria, {"language": "fr"}, jane)
    invitation_service.update_invitation(austria, {"language": "en"}, jane)
    invitation_service.remove_invitation(spain, jane)
    db.session.commit()
    app.config["FIXED_NOW"] = NOW
    note = note_service.issue([austria, france], jane, base_url="http://localhost/")[0]
    invitation_service.remove_invitation(france, jane)  # issued: withdrawn
    invitation_service.reinstate(france, jane)
    note_service.correct(note, jane, base_url="http://localhost/")
    private_links.revoke_link(austria, jane)
    private_links.issue_link(austria, jane, NOW)
    group = meeting_service.linked_group(meeting)
    focal = Actor.system("focal point of Austria (private link)")
    values = {"focal_point_name": "Anna Berger", "focal_point_email": "anna@example.org",
              "focal_point_position": "", "focal_point_phone": "",
              "delegates": [person("Anna", "Berger", [meeting.id])]}
    delegation = delegations.save(austria, values, group, focal, expected_version=None,
                                  now=NOW, submit=False)
    db.session.flush()
    delegations.save(austria, delegations.current_values(delegation, group), group, focal,
                     expected_version=delegation.version, now=NOW, submit=True)
    db.session.flush()
    values = delegations.current_values(delegation, group)
    values["delegates"][0]["meetings"] = [meeting.id, wg.id]
    values["delegates"].append(person("Maria", "Huber", [wg.id], "expert"))
    delegations.save(austria, values, group, jane, expected_version=delegation.version,
                     now=NOW, submit=True, on_behalf=True, late=True)
    db.session.flush()
    with app.test_request_context():  # the mission's e-mail carries a link to this service
        delegations.return_to_focal_point(delegation, "Please attach the note.", jane)
        delegations.confirm(delegation, jane, NOW)
    anna = delegation.delegates[0]
    feeds.issue_delegate_link(anna, jane)
    feeds.revoke_delegate_link(anna, jane)
    retention.export_delegate(anna, jane)
    retention.erase_personal_data(meeting, Actor.system("flask delegates erase"))
    note_service.mark_reviewed(meeting, "fr", jane)  # saves the shipped template, then reviews
    # A kind this module does not know (another part of the service adds it later).
    record(jane, "reminder sent", austria, {"to": ["mission@example.org"], "invitation_id": 3},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    db.session.commit()


EXPECTED = {
    "created": "Meeting: created by test.",
    "updated": "Meeting: changed (venue: none → Vienna International Centre) by Jane Smith.",
    "linked": "Linked meetings: this meeting is held immediately after Working Group by Jane Smith.",
    "unlinked": "Linked meetings: no longer linked to Working Group by Jane Smith.",
    "sitting added": "Sitting of 22 October 2012, 10:00–13:00: added by Jane Smith.",
    "sitting updated": "Sitting of 22 October 2012, 10:00–13:00: changed (room: none → Board "
                       "Room D) by Jane Smith.",
    "document added": "Document “Provisional agenda”: added by Jane Smith.",
    "document removed": "Document “Provisional agenda”: removed by Jane Smith.",
    "invited": "Austria: invited as State party by Jane Smith.",
    "invitation updated": "Austria: invitation changed (language: English → French) by Jane Smith.",
    "invitation removed": "Spain: removed from the invitation list by Jane Smith.",
    "invitation withdrawn": "France: invitation withdrawn by Jane Smith.",
    "invitation reinstated": "France: invitation reinstated by Jane Smith.",
    "note issued": "Austria: note {first} issued by Jane Smith.",
    "correction issued": "Austria: correction {second} issued, replacing note {first} by Jane Smith.",
    "private link revoked": "Austria: private registration link revoked by Jane Smith.",
    "e-mail to the mission: delegation returned":
        "Austria: e-mail sent to the mission: delegation returned by Jane Smith.",
    "e-mail to the mission: late registration accepted":
        "Austria: e-mail sent to the mission: late registration accepted by Jane Smith.",
    "private link issued": "Austria: new private registration link issued by Jane Smith.",
    "draft saved": "Delegation of Austria: draft saved by focal point of Austria (private link).",
    "submitted": "Delegation of Austria: registration submitted by focal point of Austria "
                 "(private link).",
    "submitted (late)": "Delegation of Austria: registration submitted (late) (entered by the "
                        "secretariat from a note on paper): Anna Berger added to Working Group; "
                        "added Maria Huber; Maria Huber attends Working Group by Jane Smith.",
    "delegation returned": "Delegation of Austria: returned to the focal point: “Please attach "
                           "the note.” by Jane Smith.",
    "delegation confirmed": "Delegation of Austria: confirmed by Jane Smith.",
    "delegate calendar link shown": "Delegation of Austria: calendar link of Ms. Anna Berger "
                                    "shown by Jane Smith.",
    "delegate calendar link revoked": "Delegation of Austria: calendar link of Ms. Anna Berger "
                                      "revoked by Jane Smith.",
    "personal data exported": "Delegation of Austria: personal data of Ms. Anna Berger exported "
                              "by Jane Smith.",
    "personal data erased": "Meeting: personal data of 2 delegates erased (names, functions, "
                            "positions and meetings attended are kept) by flask delegates erase.",
    "reminder sent": "Austria: reminder sent by Jane Smith.",
    "note template saved": "Note template in French: saved ({length} characters) by Jane Smith.",
    "note template reviewed": "Note template in French: marked reviewed by Jane Smith.",
}


def test_every_kind_of_change_reads_as_a_sentence_with_names_never_fields_or_ids(
        app, client, meeting, officer, make_meeting, count_queries):
    every_kind_of_change(app, meeting, officer, make_meeting)
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.meeting_id == meeting.id)
                                .order_by(AuditEvent.id)).all()
    assert {e.action for e in events} == set(EXPECTED), "a kind of change has no sentence here"
    first, second = (db.session.scalars(sa.select(AuditEvent.changes).where(
        AuditEvent.action == "correction issued")).one()["reference"])
    length = next(e.changes["length"] for e in events if e.action == "note template saved")
    with count_queries() as queries:
        entries = history.describe_all(events)
    assert len(queries) <= 8, "names are looked up in bulk, not once per event"
    sentences: dict[str, list[str]] = {}
    for entry in entries:
        sentences.setdefault(entry.action, []).append(entry.sentence)
        assert not RAW.search(entry.sentence), entry.sentence
        for line in entry.details:
            assert not RAW.search(line), line
    for action, expected in EXPECTED.items():
        assert expected.format(first=first, second=second, length=length) \
            in sentences[action], action
    assert "Sitting of 22 October 2012, 10:00–13:00: cancelled by Jane Smith." \
        in sentences["sitting updated"]


def test_the_history_page_groups_by_day_pages_and_hides_the_technical_detail(
        app, client, meeting, officer, make_meeting):
    every_kind_of_change(app, meeting, officer, make_meeting)
    page = client.get("/secretariat/meetings/em/history")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Spain: removed from the invitation list by Jane Smith." in html
    assert "<details" in html and "jane.smith@example.org" in html  # the address, behind it
    assert "token_hash" not in html and "party_id" not in html and "meeting_id" not in html
    assert "<h2 class=\"history-day\">" in html
    only = text_of(client.get("/secretariat/meetings/em/history?kind=delegations"))
    assert "Delegation of Austria: confirmed" in only and "Spain" not in only
    # 50 a page: the oldest change is on the second page.
    for _ in range(60):
        record(Actor.staff(officer), "reminder sent", meeting, {},
               meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    db.session.commit()
    first = text_of(client.get("/secretariat/meetings/em/history"))
    assert "Page 1 of 2" in first and "Meeting: created by test." not in first
    assert "Meeting: created by test." in text_of(client.get("/secretariat/meetings/em/history?page=2"))


def test_the_meeting_page_shows_only_the_latest_changes_as_sentences(
        app, client, meeting, officer, make_meeting):
    every_kind_of_change(app, meeting, officer, make_meeting)
    page = text_of(client.get("/secretariat/meetings/em"))
    assert "Latest changes" in page and "Austria: reminder sent by Jane Smith." in page
    assert "Meeting: created by test." not in page  # older than the five latest
    assert "token_hash" not in page and "created_at" not in page


def test_the_log_exports_as_csv_and_xlsx_with_documented_columns_and_inert_cells(
        app, client, meeting, officer, make_meeting):
    every_kind_of_change(app, meeting, officer, make_meeting)
    record(Actor.system("=HYPERLINK(\"http://evil.example\")"), "reminder sent", meeting, {},
           meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    db.session.commit()
    response = client.get("/secretariat/meetings/em/history.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header == "time_utc,time_at_venue,person,about,summary,event,details"
    assert "Spain: removed from the invitation list by Jane Smith." in text
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text
    workbook = load_workbook(io.BytesIO(client.get("/secretariat/meetings/em/history.xlsx")
                                        .get_data()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == list(history.EXPORT_COLUMNS)
    assert rows[1][4] == "Meeting: created by test."
    assert any(str(row[2]).startswith("'=HYPERLINK") for row in rows[1:])


def audited_kinds() -> set[str]:
    """Every kind of change the service records for a meeting, read from the source."""
    kinds = set()
    for path in Path(meetings.__file__).parent.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for call in re.finditer(r"\brecord\(", source):
            text = source[call.end():call.end() + 400]
            if "meeting_id=" not in text.split("\n\n", 1)[0]:
                continue
            head = re.split(r",\s*[a-z_][a-z_.]*\s*,", text, maxsplit=1)[0]
            kinds |= set(re.findall(r'"([a-z][a-z -]*)"', head))
    return kinds


def test_each_kind_the_service_records_reads_as_a_sentence(app, meeting, officer):
    kinds = audited_kinds()
    assert {"invited", "note issued", "draft saved", "sitting removed"} <= kinds
    built = {k for k in EXPECTED if k.startswith("e-mail to the mission: ")}  # f-strings
    assert set(EXPECTED) - {"reminder sent", "submitted (late)"} - built <= kinds
    for object_type in ("Invitation", "Delegation", "Meeting", "Sitting", "PartyGroup"):
        events = [AuditEvent(at=NOW, actor="Jane Smith <jane@example.org>", action=kind,
                             object_type=object_type, object_id=10_000, changes={},
                             meeting_id=meeting.id) for kind in sorted(kinds)]
        for entry in history.describe_all(events):
            assert entry.sentence.endswith(" by Jane Smith."), entry.sentence
            assert not RAW.search(entry.sentence), entry.sentence


def test_an_unknown_kind_of_change_reads_as_words_not_fields(app, meeting, officer):
    event = record(Actor.staff(officer), "mission e-mailed", meeting,
                   {"subject_line": "Reminder", "invitation_id": 12, "token_hash": "ab" * 32},
                   meeting_id=meeting.id, secretariat_id=meeting.secretariat_id)
    db.session.flush()
    [entry] = history.describe_all([event])
    assert entry.sentence == "Meeting: mission e-mailed by Jane Smith."
    assert entry.details == ["subject line: Reminder"]


def test_delegation_versions_name_meetings_and_people_never_ids(
        app, client, meeting, officer, make_meeting):
    every_kind_of_change(app, meeting, officer, make_meeting)
    austria = next(i for i in meeting_service.db.session.scalars(
        sa.select(AuditEvent)) if i.action == "invited")
    page = text_of(client.get(f"/secretariat/invitations/{austria.object_id}"))
    assert "Anna Berger added to Working Group" in page
    assert "[" not in page.split("Versions", 1)[1]
    # A version recorded before meetings were named still reads with their names.
    assert history.named_meetings(f"A One: meetings “[{meeting.id}]” → “[{meeting.id}, 999]”",
                                  {meeting.id: "Expert meeting"}) == \
        "A One: meetings “Expert meeting” → “Expert meeting, another meeting”"
