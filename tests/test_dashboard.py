"""An officer opens a meeting's dashboard a few days before the deadline and reads where every
invitation stands; each figure is checked against a data set whose answers are known."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Delegate,
    DelegateFunction,
    Delegation,
    DelegationStatus,
    DelegationVersion,
    Gender,
    InvitationCategory,
    InvitationStatus,
    LinkKind,
    MeetingStatus,
    Note,
    OutboxMessage,
    OutboxStatus,
    Role,
)
from meetings.services import dashboard as service
from meetings.services import meetings as meeting_service
from meetings.services.audit import Actor
from meetings.services.invitations import invite
from tests.helpers import party_by_iso3, text_of

ACTOR = Actor.system("test")
NOW = datetime(2012, 9, 20, 10, 0, tzinfo=timezone.utc)  # four days before the deadline
CLOSES = datetime(2012, 9, 24, 22, 0, tzinfo=timezone.utc)  # end of 24 September in Vienna


@pytest.fixture
def clock(app):
    app.config["FIXED_NOW"] = NOW
    yield
    app.config.pop("FIXED_NOW", None)


@pytest.fixture
def officer(registry, make_secretariat, make_user, login_as):
    user = make_user(make_secretariat("unodc"), Role.OFFICER)
    login_as(user)
    return user


def _delegation(invitation, status, people, submitted=None, late=False):
    """people: (function, gender, [meetings])."""
    delegation = Delegation(invitation=invitation, status=status, is_late=late,
                            submitted_at=submitted, focal_point_name="Focal point")
    for order, (function, gender, meetings) in enumerate(people):
        delegation.delegates.append(Delegate(
            sort_order=order, given_name=f"Person{order}", family_name=invitation.party.iso3 or "Doe",
            function=function, gender=gender, meetings=meetings))
    if submitted is not None:
        delegation.versions.append(DelegationVersion(
            number=1, submitted_at=submitted, submitted_by="focal point", snapshot={}))
    db.session.add(delegation)
    return delegation


def _issued(invitation, reference):
    invitation.status = InvitationStatus.ISSUED
    invitation.reference = reference
    invitation.token_issued_at = datetime(2012, 8, 15, 9, tzinfo=timezone.utc)


def _mail(invitation, status, note_id, error=None):
    db.session.add(OutboxMessage(to=["mission@example.org"], subject="Note verbale", body="…",
                                 invitation_id=invitation.id, note_id=note_id, status=status,
                                 attempts=1, last_error=error))


@pytest.fixture
def known(officer, make_meeting, clock):
    """Six governments at known stages: the dashboard's answers are worked out by hand below."""
    secretariat = officer.memberships[0].secretariat
    em = make_meeting(secretariat, "em", status=MeetingStatus.ANNOUNCED)
    wg = make_meeting(secretariat, "wg", title="Working group", first_day=em.first_day,
                      last_day=em.last_day, registration_deadline=None)
    meeting_service.link_meetings(em, wg, LinkKind.JOINTLY_WITH, ACTOR)
    party = {c: invite(em, party_by_iso3(c), InvitationCategory.STATE_PARTY, ACTOR,
                       emails=[f"{c.lower()}@example.org"]) for c in ("AUT", "NLD", "FRA", "ESP",
                                                                      "TUR")}
    party["DEU"] = invite(em, party_by_iso3("DEU"), InvitationCategory.SIGNATORY_STATE, ACTOR)
    party["FRA"].language = "fr"
    for n, code in enumerate(("AUT", "NLD", "FRA", "ESP")):
        _issued(party[code], f"CU 2012/{150 + n}")
    party["DEU"].status, party["DEU"].withdrawn_at = InvitationStatus.WITHDRAWN, NOW
    db.session.flush()
    note = Note(secretariat=secretariat, meeting=em, invitation=party["AUT"], reference="N-1",
                sequence=1, language="en", dated=NOW.date(), addressee="x", text="x", html="x",
                docx=b"x")
    db.session.add(note)
    db.session.flush()
    _mail(party["AUT"], OutboxStatus.SENT, note.id)
    _mail(party["NLD"], OutboxStatus.SENT, note.id)
    _mail(party["NLD"], OutboxStatus.FAILED, note.id, "550 mailbox unavailable")  # the latest
    party["AUT"].link_opened_at = party["FRA"].link_opened_at = NOW - timedelta(days=12)
    sept = lambda day: datetime(2012, 9, day, 9, tzinfo=timezone.utc)  # noqa: E731
    F, M = Gender.FEMALE, Gender.MALE
    H, E, A = DelegateFunction.HEAD, DelegateFunction.EXPERT, DelegateFunction.ADVISER
    _delegation(party["AUT"], DelegationStatus.CONFIRMED,
                [(H, F, [em, wg]), (E, M, [em])], submitted=sept(10))
    _delegation(party["NLD"], DelegationStatus.SUBMITTED, [(E, F, [em])],
                submitted=sept(18), late=True)
    _delegation(party["FRA"], DelegationStatus.DRAFT, [(H, M, [em])])
    _delegation(party["ESP"], DelegationStatus.RETURNED,
                [(H, M, [em, wg]), (A, None, [wg])], submitted=sept(10))
    db.session.commit()
    return em, wg, party


def test_each_figure_of_the_dashboard_matches_the_known_data_set(known):
    em, wg, _ = known
    board = service.build(em, NOW)
    assert board.counts == {
        "listed": 1, "issued": 4, "emailed": 1, "email_failed": 1, "link_opened": 2,
        "draft": 1, "awaiting": 1, "submitted": 1, "returned": 1, "confirmed": 1, "late": 1, "withdrawn": 1,
        "declined": 0,
    }
    assert board.invited == 5
    assert board.delegations == 3 and board.delegates == 5  # the French draft does not count
    assert [r.iso3 for r in board.without_head] == ["NLD"]
    assert (board.women, board.women_share, board.gender_unknown) == (2, 40, 1)
    assert (board.heads, board.women_heads, board.women_heads_share) == (2, 1, 50)
    assert [(m.slug, n) for m, n in board.delegates_per_meeting] == [("em", 4), ("wg", 3)]
    assert board.deadline.closes_at == CLOSES
    assert board.time_left == timedelta(days=4, hours=12)
    assert service.time_words(board.time_left) == "4 days 12 hours"
    chart = board.chart
    assert chart.days[0].isoformat() == "2012-08-15" and chart.days[-1].isoformat() == "2012-09-24"
    assert {d.isoformat(): n for d, n in zip(chart.days, chart.per_day, strict=True) if n} == {
        "2012-09-10": 2, "2012-09-18": 1}
    assert chart.cumulative[-1] == 3 and chart.invited == 5


def test_the_page_shows_the_figures_the_chart_and_the_rows_in_un_order(client, known):
    response = client.get("/secretariat/meetings/em/dashboard")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text_of(response)
    assert "4 days 12 hours left" in page
    assert "40% (2 of 5)" in page and "50% (1 of 2)" in page
    assert re.search(r'id="fig-without-head">1 .*Netherlands', html)
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count('class="bar"') == 2 + 1  # two days with submissions, and the legend's
    assert 'class="deadline"' in svg and "Deadline 24 Sep" in svg
    assert "style=" not in svg and "<script" not in html
    names = re.findall(r'aria-label="Select ([^"]+)"', html)
    # State parties first, in UN order (English), then the signatory
    assert names == ["Austria", "France", "Netherlands", "Spain", "Türkiye", "Germany"]


@pytest.mark.parametrize("query, expected", [
    ("state=issued", {"AUT", "NLD", "FRA", "ESP"}),
    ("state=link_opened", {"AUT", "FRA"}),
    ("state=withdrawn", {"DEU"}),
    ("late=1", {"NLD"}),
    ("email_failed=1", {"NLD"}),
    ("language=fr", {"FRA"}),
    ("category=signatory_state", {"DEU"}),
    ("q=spain", {"ESP"}),
    ("q=CU+2012%2F151", {"NLD"}),
    ("state=confirmed&late=1", set()),
])
def test_the_table_filters_agree_with_the_figures(client, known, query, expected):
    _, _, party = known
    html = client.get(f"/secretariat/meetings/em/dashboard?{query}").get_data(as_text=True)
    ids = {int(i) for i in re.findall(r'name="selected" value="(\d+)"', html)}
    assert ids == {party[c].id for c in expected}


def test_the_number_of_statements_does_not_grow_with_the_list(
    client, officer, make_meeting, count_queries, clock
):
    from meetings.models import Invitation, Party, PartyKind, PartyName

    secretariat = officer.memberships[0].secretariat
    parties = [Party(kind=PartyKind.OTHER, secretariat_id=secretariat.id,
                     names=[PartyName(language="en", short_name=f"Institution {n:03}")])
               for n in range(300)]
    db.session.add_all(parties)
    counted = []
    for slug, size in (("small", 10), ("large", 300)):
        meeting = make_meeting(secretariat, slug)
        for n, party in enumerate(parties[:size]):
            invitation = Invitation(meeting=meeting, party=party, addressee="Director",
                                    category=InvitationCategory.OTHER, emails=["m@example.org"],
                                    link_opened_at=NOW if n % 2 else None)
            db.session.add(invitation)
            db.session.flush()
            _delegation(invitation, DelegationStatus.SUBMITTED,
                        [(DelegateFunction.HEAD, Gender.FEMALE, [meeting])],
                        submitted=NOW - timedelta(days=n % 9))
            _mail(invitation, OutboxStatus.FAILED if n % 3 else OutboxStatus.SENT, None)
        db.session.commit()
        db.session.expire_all()
        with count_queries() as queries:
            response = client.get(f"/secretariat/meetings/{slug}/dashboard")
        assert response.status_code == 200
        assert f"{size} of {size} invitations shown" in text_of(response)
        counted.append(len(queries))
    assert counted[0] == counted[1], counted
    # The delegates are counted in SQL, the rows read as plain columns: a fixed, small number
    # of statements for the whole page, the officer read with their roles (issue 15).
    assert counted[1] <= 9, counted


def test_a_failing_e_mail_shows_a_banner_that_leads_to_the_outbox(client, known):
    page = text_of(client.get("/secretariat/meetings/em/dashboard"))
    assert "1 e-mail of this secretariat is failing" in page
    outbox = client.get("/secretariat/outbox?state=failing")
    assert "550 mailbox unavailable" in text_of(outbox)


def test_meeting_list_leads_to_the_dashboard_and_shows_the_state_from_the_dates(
    app, client, known
):
    html = client.get("/secretariat/").get_data(as_text=True)
    assert 'href="/secretariat/meetings/em/dashboard"' in html
    assert "Registration open" in html
    app.config["FIXED_NOW"] = CLOSES + timedelta(seconds=1)
    assert "Registration closed" in client.get("/secretariat/").get_data(as_text=True)
    app.config["FIXED_NOW"] = datetime(2012, 10, 24, 12, tzinfo=timezone.utc)
    assert "Held" in text_of(client.get("/secretariat/meetings/em"))


def test_a_viewer_sees_the_dashboard_without_the_bulk_actions(
    client, known, make_user, login_as
):
    em, _, _ = known
    login_as(make_user(em.secretariat, Role.VIEWER))
    html = client.get("/secretariat/meetings/em/dashboard").get_data(as_text=True)
    assert 'name="selected"' not in html and 'name="action"' not in html
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) > 0


def test_the_demo_shows_the_unodc_meeting_as_it_stood_four_days_before_its_deadline(
    demo_read_only,
):
    from meetings.models import Meeting
    from meetings.services.demo import SLUGS
    from meetings.services.demo_progress import DEMO_NOW

    meeting = db.session.scalar(sa.select(Meeting).where(
        Meeting.slug == SLUGS["uncac_expert_meeting"]))
    board = service.build(meeting, DEMO_NOW)
    assert service.time_words(board.time_left) == "4 days 12 hours"
    counts = board.counts
    assert counts["listed"] == 0 and counts["issued"] == 34
    assert (counts["emailed"], counts["email_failed"]) == (33, 1)
    assert (counts["submitted"], counts["returned"], counts["confirmed"], counts["draft"]) == \
        (3, 1, 1, 1)
    assert counts["link_opened"] == 8 and counts["late"] == 0
    assert [r.name for r in board.without_head] == [
        "United Kingdom of Great Britain and Northern Ireland"]
    messages = db.session.scalars(sa.select(OutboxMessage)).all()
    assert all(a.endswith(("@example.org", "@example.test")) for m in messages for a in m.to)
