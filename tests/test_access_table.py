"""Every route of the URL map, as every kind of visitor: the expected answer, and nothing changed
by a refused request. A new route fails here until it is given its place in the table."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

import pytest
import sqlalchemy as sa
from flask import Flask

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    InvitationCategory,
    LinkKind,
    MeetingStatus,
    OutboxMessage,
    OutboxStatus,
    Role,
)
from meetings.services import meetings as meeting_service
from meetings.services import private_links
from meetings.services.audit import Actor
from meetings.services.files import DOCUMENTS, checked_file
from meetings.services.groups import add_members, create_group
from meetings.services.invitations import invite
from tests.conftest import PASSWORD
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 1, 10, 0, tzinfo=timezone.utc)
# Tables a refused request may write to: they count the refusals themselves.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COUNTERS = {"link_attempts", "login_attempts"}

# What each route is, and so who may reach it:
#   public      anyone reads it
#   link        a government's private registration link (the secret is in the path)
#   calendar    a delegate's private calendar link
#   staff       an object of the UNODC secretariat: its staff only, viewers read, officers write
#   form        a page only officers may open (a change, or personal data): like staff, but
#               viewers get 403 on it too
#   workspace   the workspace itself (lists, new objects): every staff member, each sees their own
#   admin       the secretariat's settings and staff: its administrators only
#   service     creating secretariats: the people who run the service only
#   account     one's own account: every signed-in staff member
#   token       a one-time account link (the secret is in the path)
#   session     signing in and out, and asking for a forgotten password
ROUTES: dict[str, str] = {
    "static": "public",
    "public.index": "public",
    "public.meeting": "public",
    "public.meeting_ics": "public",
    "public.series_ics": "public",
    "public.deadline_ics": "public",
    "public.document": "public",
    "public.secretariat_ics": "public",
    "public.delegate_ics": "calendar",
    "registration.register": "link",
    "registration.enter_code": "public",  # the box for the code printed beside the link
    "registration.confirmation": "link",
    "registration.note_file": "link",
    "registration.decline": "link",
    "secretariat.login": "session",
    "secretariat.logout": "session",
    "secretariat.meetings": "workspace",
    "secretariat.new_meeting": "workspace",
    "secretariat.groups": "workspace",
    "secretariat.new_group": "workspace",
    "secretariat.parties": "workspace",
    "secretariat.new_party": "workspace",
    "secretariat.edit_party": "service",  # Austria's UN names are shared by every secretariat
    "secretariat.party_contact": "workspace",
    "secretariat.registry_history": "workspace",
    "secretariat.export_delegate": "form",
    "secretariat.group": "staff",
    "secretariat.add_group_members": "staff",
    "secretariat.remove_group_member": "form",  # GET asks for confirmation
    "secretariat.invitation": "staff",
    "secretariat.confirm_delegation": "staff",
    "secretariat.revoke_calendar": "form",  # GET asks for confirmation
    "secretariat.delegation_on_behalf": "staff",
    "secretariat.edit_invitation": "form",
    "secretariat.confirm_new_link": "form",
    "secretariat.record_decline": "staff",
    "secretariat.reminders_preview": "staff",
    "secretariat.send_reminders": "staff",
    "secretariat.new_link": "form",  # GET asks for confirmation
    "secretariat.note_preview": "staff",
    "secretariat.delegation_note": "staff",
    "secretariat.note_preview_file": "staff",
    "secretariat.issue_note": "staff",
    "secretariat.reinstate_invitation": "staff",
    "secretariat.remove_invitation": "form",  # GET asks for confirmation
    "secretariat.return_delegation": "staff",
    "secretariat.meeting": "staff",
    "secretariat.add_document": "staff",
    "secretariat.delete_document": "form",  # GET asks for confirmation
    "secretariat.document_file": "staff",
    "secretariat.document_with_note": "staff",
    "secretariat.edit_meeting": "form",
    "secretariat.invitations": "staff",
    "secretariat.invite_group": "staff",
    "secretariat.invite_party": "staff",
    "secretariat.export_invitations": "staff",
    "secretariat.export_delegations": "form",  # focal points' addresses: officers only
    "secretariat.export_delegates": "form",
    "secretariat.import_invitations": "staff",
    "secretariat.confirm_import": "staff",
    "secretariat.add_link": "staff",
    "secretariat.delete_link": "form",  # GET asks for confirmation
    "secretariat.meeting_notes": "staff",
    "secretariat.notes_zip": "staff",
    "secretariat.issue_all_notes": "staff",
    "secretariat.delete_sitting": "form",  # GET asks for confirmation
    "secretariat.edit_sitting": "form",
    "secretariat.new_sitting": "form",
    "secretariat.note_template": "staff",
    "secretariat.review_note_template": "staff",
    "secretariat.meeting_translations": "staff",
    "secretariat.export_translations": "staff",
    "secretariat.import_translations": "staff",
    "secretariat.secretariat_translations": "admin",
    "secretariat.note": "staff",
    "secretariat.note_file": "staff",
    "secretariat.correct_note": "staff",
    "secretariat.retry_message": "staff",
    "secretariat.forgot_password": "session",
    "secretariat.account_link": "token",
    "secretariat.change_password": "account",
    "secretariat.account": "account",
    "secretariat.secretariats": "account",
    "secretariat.secretariat_settings": "admin",
    "secretariat.staff_list": "admin",
    "secretariat.invite_staff": "admin",
    "secretariat.deactivate_staff": "admin",
    "secretariat.reactivate_staff": "admin",
    "secretariat.change_role": "admin",
    "secretariat.new_secretariat": "service",
    "secretariat.participants": "staff",
    "secretariat.participants_download": "staff",
    "secretariat.participants_settings": "admin",
    "secretariat.meeting_history": "staff",
    "secretariat.meeting_history_csv": "staff",
    "secretariat.meeting_history_xlsx": "staff",
    "secretariat.undo_event": "staff",
    "secretariat.sittings_pattern": "form",
    "secretariat.dashboard": "staff",
    "secretariat.dashboard_bulk": "staff",
    "secretariat.outbox": "workspace",
    "secretariat.outbox_retry": "staff",
    "secretariat.outbox_retry_all": "workspace",
}


@dataclass
class World:
    """Two secretariats, a meeting with all its objects, two governments and their links."""

    ids: dict[str, object]
    users: dict[str, object]
    clients: dict[str, object]
    links: dict[str, str]


@pytest.fixture
def world(app: Flask, registry, make_secretariat, make_meeting, make_user, client) -> World:
    unodc = make_secretariat("unodc", email="uncac.cop@example.org")
    cica = make_secretariat("cica", city="Astana", timezone="Asia/Almaty")
    em = make_meeting(unodc, "em", status=MeetingStatus.REGISTRATION_OPEN)
    wg = make_meeting(unodc, "wg", title="UNTOC working group", first_day=date(2012, 10, 15),
                      last_day=date(2012, 10, 19), status=MeetingStatus.ANNOUNCED)
    link = meeting_service.link_meetings(em, wg, LinkKind.IMMEDIATELY_AFTER, ACTOR)
    sitting = meeting_service.add_sitting(
        em, {"day": date(2012, 10, 22), "starts_at": time(10), "ends_at": time(13)}, ACTOR)
    document = meeting_service.add_document(
        em, "Provisional agenda", ACTOR,
        file=checked_file("agenda.pdf", PDF, DOCUMENTS, 10_000_000))
    austria = invite(em, party_by_iso3("AUT"), InvitationCategory.STATE_PARTY, ACTOR)
    netherlands = invite(em, party_by_iso3("NLD"), InvitationCategory.STATE_PARTY, ACTOR)
    spain = invite(em, party_by_iso3("ESP"), InvitationCategory.STATE_PARTY, ACTOR)
    group = create_group(unodc, "States parties", ACTOR)
    add_members(group, [party_by_iso3("AUT")], ACTOR)
    links = {"own": private_links.issue_link(austria, ACTOR, NOW),
             "other": private_links.issue_link(netherlands, ACTOR, NOW),
             "revoked": private_links.issue_link(spain, ACTOR, NOW),
             "unknown": "A" * 43}
    private_links.revoke_link(spain, ACTOR)
    db.session.commit()
    app.config["FIXED_NOW"] = NOW

    from meetings.services.notes import issue

    notes = issue([austria], ACTOR, base_url="http://localhost/")
    message = OutboxMessage(to=["mission@example.org"], subject="Note verbale", body="The note.",
                            note=notes[0], status=OutboxStatus.FAILED)
    db.session.add(message)
    db.session.commit()
    # Issuing gives Austria a new link: the one in its note.
    links["own"] = private_links.registration_secret(austria)

    response = client.post(f"/register/{links['own']}", data={
        "action": "submit", "version": "0", "rows": "1",
        "focal_point_name": "Anna Berger", "focal_point_position": "Counsellor",
        "focal_point_email": "anna.berger@example.org",
        "delegates-0-given_name": "Anna", "delegates-0-family_name": "Berger",
        "delegates-0-function": "head", "delegates-0-email": "anna.berger@example.org",
        "delegates-0-meetings": [str(em.id)],
        "note": (io.BytesIO(PDF), "note.pdf"),
    }, content_type="multipart/form-data")
    assert response.status_code in (200, 302, 303), text_of(response)[:3000]
    db.session.expire_all()
    delegate = austria.delegation.delegates[0]
    links["calendar"] = private_links.calendar_secret(delegate)
    db.session.commit()

    users = {
        "viewer": make_user(unodc, Role.VIEWER),
        "officer": make_user(unodc, Role.OFFICER),
        "admin": make_user(unodc, Role.ADMIN),
        "other_officer": make_user(cica, Role.OFFICER),
        "service_admin": make_user(cica, Role.ADMIN, email="service.admin@example.org"),
    }
    users["service_admin"].is_service_admin = True
    db.session.commit()
    ids = {"slug": "em", "secretariat": "unodc", "meeting": em, "sitting_id": sitting.id,
           "document_id": document.id, "link_id": link.id, "invitation_id": austria.id,
           "group_id": group.id, "party_id": party_by_iso3("AUT").id,
           "delegate_id": delegate.id, "note_id": notes[0].id,
           "message_id": message.id,
           "event_id": db.session.scalar(sa.select(sa.func.min(AuditEvent.id))
                                         .where(AuditEvent.meeting_id == em.id)),
           "language": "en", "fmt": "text",
           "membership_id": users["viewer"].memberships[0].id}
    clients = {name: sign_in(app, user) for name, user in users.items()}
    yield World(ids=ids, users=users, clients=clients, links=links)
    app.config.pop("FIXED_NOW", None)


def url_for_route(app: Flask, rule, world: World, secret: str | None = None) -> str:
    values: dict[str, object] = {}
    for argument in rule.arguments:
        if argument == "secret":
            values[argument] = secret
        elif argument == "slug":
            values[argument] = "unodc" if ROUTES.get(rule.endpoint) == "admin" or \
                rule.endpoint == "public.secretariat_ics" else "em"
        elif argument == "filename":
            values[argument] = "style.css"
        else:
            values[argument] = world.ids[argument]
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def row_counts() -> dict[str, int]:
    with db.engine.connect() as conn:
        return {table.name: conn.scalar(sa.select(sa.func.count()).select_from(table))
                for table in db.metadata.sorted_tables if table.name not in COUNTERS}


def rules(app: Flask) -> list:
    return sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint)


def test_every_route_has_its_place_in_the_access_table(app):
    unclassified = {r.endpoint for r in app.url_map.iter_rules()} - set(ROUTES)
    assert not unclassified, f"give these routes a kind in ROUTES: {sorted(unclassified)}"


def _endpoints() -> list[str]:
    return sorted(ROUTES)


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def sign_in(app: Flask, user) -> object:
    client = app.test_client()
    response = client.post("/secretariat/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def refused_changes_nothing(client, method: str, url: str, expected: set[int]) -> int:
    before = row_counts()
    status = client.open(url, method=method, data={}).status_code
    db.session.expire_all()
    assert status in expected, f"{method} {url}: {status}, expected {sorted(expected)}"
    assert row_counts() == before, f"{method} {url} was refused ({status}) but changed the data"
    return status


@pytest.mark.parametrize("endpoint", _endpoints())
def test_each_visitor_gets_the_expected_answer(app, world, endpoint):
    matching = [r for r in rules(app) if r.endpoint == endpoint]
    if not matching:
        pytest.skip(f"{endpoint} is no longer a route")
    kind = ROUTES[endpoint]
    for rule in matching:
        for method in _methods(rule):
            check(app, world, rule, kind, method)


def check(app: Flask, world: World, rule, kind: str, method: str) -> None:
    anonymous = app.test_client()
    if kind == "public":
        url = url_for_route(app, rule, world)
        assert anonymous.open(url, method=method).status_code == 200, url
    elif kind == "link":
        for which in ("unknown", "revoked"):
            url = url_for_route(app, rule, world, world.links[which])
            refused_changes_nothing(anonymous, method, url, {404})
        own = anonymous.get(url_for_route(app, rule, world, world.links["own"]))
        assert own.status_code == 200
        other = anonymous.get(url_for_route(app, rule, world, world.links["other"]))
        # Another government's link opens that government's own (empty) delegation, never Austria's.
        assert "Berger" not in other.get_data(as_text=True)
    elif kind == "calendar":
        assert anonymous.get(url_for_route(app, rule, world, world.links["calendar"])
                             ).status_code == 200
        refused_changes_nothing(anonymous, method,
                                url_for_route(app, rule, world, "B" * 43), {404})
    elif kind == "token":
        refused_changes_nothing(anonymous, method, url_for_route(app, rule, world, "C" * 43), {404})
    elif kind in ("admin", "service", "account"):
        url = url_for_route(app, rule, world)
        refused_changes_nothing(anonymous, method, url, {302, 401})
        allowed = {"admin": ["admin"], "service": ["service_admin"],
                   "account": list(world.clients)}[kind]
        outsiders = {"other_officer", "service_admin"}
        for name, client in world.clients.items():
            if name in allowed:
                status = client.open(url, method=method, data={}).status_code
                assert status not in (401, 403, 404) and status < 500, (name, method, url, status)
            else:
                refused_changes_nothing(client, method, url,
                                        {404} if name in outsiders and kind == "admin"
                                        else {403})
    elif kind == "session":
        url = url_for_route(app, rule, world)
        status = anonymous.open(url, method=method, data={}).status_code
        assert status < 500
    elif kind in ("staff", "form", "workspace"):
        url = url_for_route(app, rule, world)
        refused_changes_nothing(anonymous, method, url, {302, 401})
        other, viewer = world.clients["other_officer"], world.clients["viewer"]
        if kind != "workspace":
            refused_changes_nothing(other, method, url, {404})
        if method == "POST" or kind == "form":
            refused_changes_nothing(viewer, method, url, {403})
        else:
            status = viewer.get(url).status_code
            assert status in ({200, 403} if kind == "workspace" else {200}), (url, status)
        status = world.clients["officer"].open(url, method=method, data={}).status_code
        assert status not in (401, 403, 404) and status < 500, (method, url, status)
    else:  # pragma: no cover - the table only holds the kinds above
        raise AssertionError(kind)


def test_other_secretariats_staff_see_only_their_own_lists(app, world):
    other = world.clients["other_officer"]
    for path in ("/secretariat/", "/secretariat/groups"):
        page = other.get(path).get_data(as_text=True)
        assert "Expert meeting on international cooperation" not in page
        assert "States parties" not in page
