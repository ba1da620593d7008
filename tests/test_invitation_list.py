"""An officer builds a meeting's invitation list from groups and single parties."""
from datetime import datetime, timezone

import sqlalchemy as sa

from meetings.collation import sort_key, un_sorted
from meetings.extensions import db
from meetings.models import (
    AuditEvent,
    Delegate,
    DelegateFunction,
    Delegation,
    Invitation,
    InvitationCategory,
    InvitationStatus,
    PartyGroup,
)
from tests.helpers import party_by_iso3, party_by_key, text_of


def _group(secretariat, name, codes, category=InvitationCategory.STATE_PARTY):
    group = PartyGroup(secretariat=secretariat, name=name, default_category=category,
                       parties=[party_by_iso3(c) for c in codes])
    db.session.add(group)
    db.session.commit()
    return group


def test_the_list_is_built_from_two_groups_in_two_clicks(client, meeting):
    secretariat = meeting.secretariat
    parties = _group(secretariat, "States parties", ["AUT", "NLD", "FRA", "TUR"])
    signatories = _group(secretariat, "Signatories", ["DEU", "JPN", "AUT"],
                         InvitationCategory.SIGNATORY_STATE)
    assert client.post("/secretariat/meetings/em/invitations/from-group",
                       data={"g-group": parties.id, "g-category": ""}).status_code == 302
    response = client.post("/secretariat/meetings/em/invitations/from-group",
                           data={"g-group": signatories.id, "g-category": ""},
                           follow_redirects=True)
    assert "2 invited from “Signatories” as Signatory State. 1 were already on the list" \
        in text_of(response)
    invitations = db.session.scalars(sa.select(Invitation)).all()
    assert len(invitations) == 6
    austria = next(i for i in invitations if i.party.iso3 == "AUT")
    assert austria.category == InvitationCategory.STATE_PARTY
    assert austria.addressee == "Permanent Mission of Austria to the United Nations (Vienna)"
    netherlands = next(i for i in invitations if i.party.iso3 == "NLD")
    assert netherlands.addressee == (
        "Permanent Mission of the Netherlands to the United Nations (Vienna)")


def test_a_party_cannot_be_invited_twice(client, meeting):
    austria = party_by_iso3("AUT")
    data = {"p-party": austria.id, "p-category": "state_party"}
    assert client.post("/secretariat/meetings/em/invitations/party", data=data).status_code == 302
    again = client.post("/secretariat/meetings/em/invitations/party", data=data)
    assert again.status_code == 422
    assert "Austria is already on this list." in text_of(again)
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 1


def test_an_organization_is_addressed_to_its_secretariat(client, meeting):
    osce = party_by_key("org:osce")
    client.post("/secretariat/meetings/em/invitations/party",
                data={"p-party": osce.id, "p-category": "observer_organization"})
    invitation = db.session.scalar(sa.select(Invitation))
    assert invitation.addressee == (
        "Secretariat of the Organization for Security and Co-operation in Europe")


def test_removing_a_party_that_registered_delegates_withdraws_and_keeps_everything(
    client, meeting
):
    invitation = Invitation(meeting=meeting, party=party_by_iso3("AUT"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    invitation.delegation = Delegation(delegates=[Delegate(
        given_name="Anna", family_name="Gruber", function=DelegateFunction.HEAD)])
    db.session.add(invitation)
    db.session.commit()
    response = client.post(f"/secretariat/invitations/{invitation.id}/remove",
                           follow_redirects=True)
    assert "Austria withdrawn: what it sent is kept" in text_of(response)
    db.session.expire_all()
    kept = db.session.get(Invitation, invitation.id)
    assert kept.status == InvitationStatus.WITHDRAWN and kept.withdrawn_at is not None
    assert kept.delegation.delegates[0].family_name == "Gruber"
    client.post(f"/secretariat/invitations/{invitation.id}/reinstate")
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).status == InvitationStatus.LISTED
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["invitation withdrawn", "invitation reinstated"]


def test_removing_a_party_nobody_has_written_to_deletes_it_with_a_record(client, meeting):
    invitation = Invitation(meeting=meeting, party=party_by_iso3("FRA"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    db.session.add(invitation)
    db.session.commit()
    client.post(f"/secretariat/invitations/{invitation.id}/remove")
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 0
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "invitation removed"))
    assert event.changes["addressee"] == "PM"


def test_editing_an_invitation_checks_each_address(client, meeting):
    invitation = Invitation(meeting=meeting, party=party_by_iso3("AUT"), addressee="PM",
                            category=InvitationCategory.STATE_PARTY)
    db.session.add(invitation)
    db.session.commit()
    response = client.post(f"/secretariat/invitations/{invitation.id}/edit", data={
        "category": "state_party", "addressee": "Permanent Mission of Austria",
        "emails": "pm.vienna@bmeia.gv.at\nnot-an-address", "language": "de"})
    assert response.status_code == 422
    page = text_of(response)
    assert "“not-an-address” is not a valid e-mail address" in page
    assert "Not a valid choice" in page
    response = client.post(f"/secretariat/invitations/{invitation.id}/edit", data={
        "category": "state_party", "addressee": "Permanent Mission of Austria",
        "emails": "pm.vienna@bmeia.gv.at, un.vienna@bmeia.gv.at", "language": "fr"})
    assert response.status_code == 302
    db.session.refresh(invitation)
    assert invitation.emails == ["pm.vienna@bmeia.gv.at", "un.vienna@bmeia.gv.at"]


def _table(response) -> str:
    """The text of the list itself, without the party picker above it."""
    html = response.get_data(as_text=True)
    return text_of(html[html.index("<table"):html.index("</table>")])


def test_the_list_groups_by_category_then_sorts_by_name_in_the_lists_language(client, meeting):
    for code in ["ESP", "TUR", "ARE", "EGY", "DEU", "TKM", "TUN"]:
        db.session.add(Invitation(meeting=meeting, party=party_by_iso3(code), addressee="PM",
                                  category=InvitationCategory.STATE_PARTY))
    db.session.add(Invitation(meeting=meeting, party=party_by_iso3("AUT"), addressee="PM",
                              category=InvitationCategory.SIGNATORY_STATE))
    db.session.commit()
    english = _table(client.get("/secretariat/meetings/em/invitations"))
    order = ["Egypt", "Germany", "Spain", "Tunisia", "Türkiye", "Turkmenistan",
             "United Arab Emirates", "Signatory State", "Austria"]
    assert [english.index(n) for n in order] == sorted(english.index(n) for n in order)
    french = _table(client.get("/secretariat/meetings/em/invitations?lang=fr"))
    order = ["Allemagne", "Égypte", "Émirats arabes unis", "Espagne", "Tunisie", "Türkiye",
             "Turkménistan", "Autriche"]
    assert [french.index(n) for n in order] == sorted(french.index(n) for n in order)


def test_un_order_in_russian_arabic_and_chinese(registry):
    states = [party_by_iso3(c) for c in ["CHN", "RUS", "AUT", "KAZ", "EGY"]]
    assert [p.iso3 for p in un_sorted(states, lambda p: p.short_name("ru"), "ru")] == [
        "AUT", "EGY", "KAZ", "CHN", "RUS"]  # Австрия, Египет, Казахстан, Китай, Российская
    # by pinyin: Aiji, Aodili, Eluosi, Hasakesitan, Zhongguo
    assert [p.iso3 for p in un_sorted(states, lambda p: p.short_name("zh"), "zh")] == [
        "EGY", "AUT", "RUS", "KAZ", "CHN"]
    # Arabic lists pass over the article al-: Azerbaijan, (al-)Argentina, (al-)Jordan, Armenia
    arabic = [party_by_iso3(c) for c in ["ARM", "JOR", "ARG", "AZE"]]
    assert [p.iso3 for p in un_sorted(arabic, lambda p: p.short_name("ar"), "ar")] == [
        "AZE", "ARG", "JOR", "ARM"]
    assert sort_key("Türkiye") < sort_key("Turkmenistan")


def test_the_list_page_runs_the_same_queries_for_5_or_60_invitations(client, meeting,
                                                                      count_queries):
    from meetings.models import Party, PartyKind

    states = db.session.scalars(sa.select(Party).where(Party.kind == PartyKind.STATE)
                                .order_by(Party.iso3).limit(60)).all()

    def queries_for(count: int) -> int:
        db.session.execute(sa.delete(Invitation))
        for party in states[:count]:
            invitation = Invitation(meeting=meeting, party=party, addressee="PM",
                                    category=InvitationCategory.STATE_PARTY)
            invitation.delegation = Delegation()
            db.session.add(invitation)
        db.session.commit()
        with count_queries() as counted:
            assert client.get("/secretariat/meetings/em/invitations").status_code == 200
        return len(counted)

    assert queries_for(5) == queries_for(60)
    # The officer with their roles, the meeting with its secretariat, the groups, the parties for
    # the form, the list itself: nothing per row (issue 15).
    assert queries_for(60) <= 5


def test_each_row_shows_its_state_its_delegation_and_its_actions(client, meeting):
    """The rows are built from plain columns (services/invitations.py listed): every state and
    badge is still there, in UN order within each category, and every text is escaped."""
    from meetings.models import DelegationStatus, Party, PartyKind, PartyName

    own = Party(kind=PartyKind.OTHER, secretariat_id=meeting.secretariat_id,
                names=[PartyName(language="en", short_name="Zeta <b>& Co</b>")])
    rows = [
        Invitation(meeting=meeting, party=party_by_iso3("NLD"), addressee="PM of <NLD>",
                   category=InvitationCategory.STATE_PARTY, emails=["a@nl.example", "b@nl.example"],
                   reference="CU 2026/9", status=InvitationStatus.ISSUED,
                   delegation=Delegation(status=DelegationStatus.DRAFT)),
        Invitation(meeting=meeting, party=party_by_iso3("AUT"), addressee="PM",
                   category=InvitationCategory.STATE_PARTY, status=InvitationStatus.WITHDRAWN,
                   withdrawn_at=datetime(2026, 3, 1, tzinfo=timezone.utc)),
        Invitation(meeting=meeting, party=own, addressee="Director",
                   category=InvitationCategory.OTHER),
    ]
    db.session.add_all(rows)
    db.session.commit()
    nld, aut, zeta = (r.id for r in rows)
    html = client.get("/secretariat/meetings/em/invitations").get_data(as_text=True)
    assert "2 invited, 1 withdrawn." in text_of(client.get("/secretariat/meetings/em/invitations"))
    assert html.index(f'/secretariat/invitations/{aut}"') < \
        html.index(f'/secretariat/invitations/{nld}"') < html.index("Other</th>") < \
        html.index(f'/secretariat/invitations/{zeta}"')
    assert "Zeta &lt;b&gt;&amp; Co&lt;/b&gt;" in html and "PM of &lt;NLD&gt;" in html
    assert "a@nl.example, b@nl.example" in html
    assert '<span class="badge">issued</span> <span class="badge draft">delegation draft</span>' \
        in html
    assert "Note CU 2026/9</a>" in html
    assert f'action="/secretariat/invitations/{aut}/reinstate"' in html
    assert f'/secretariat/invitations/{nld}/remove"' in html
    assert f'/secretariat/invitations/{aut}/remove"' not in html
    assert html.count('<tr class="muted">') == 1  # the withdrawn row


def test_the_party_select_writes_the_same_html_as_wtforms():
    """The add-party form's 200 options skip html_params (registry_forms.ManyOptions): the same
    markup as WTForms' own select, escaping and the selected option included."""
    from werkzeug.datastructures import MultiDict
    from wtforms import Form, SelectField
    from wtforms.widgets import Select

    from meetings.secretariat.registry_forms import ManyOptions

    choices = [(1, 'Côte d\'Ivoire & "Co" <b>'), (2, "Austria"), (3, "")]

    class Both(Form):
        plain = SelectField(coerce=int, choices=choices, widget=Select())
        fast = SelectField(coerce=int, choices=choices, widget=ManyOptions())

    for formdata in (None, MultiDict({"plain": "2", "fast": "2"})):
        form = Both(formdata=formdata)
        assert str(form.fast()).replace("fast", "plain") == str(form.plain())
        assert ('selected value="2"' in str(form.fast())) == (formdata is not None)
        extra = {"aria-invalid": "true", "aria-describedby": "x-error", "dir": "ltr"}
        assert str(form.fast(**extra)).replace("fast", "plain") == str(form.plain(**extra))
