"""The registration page and a submission do a fixed amount of work: their statements do not grow
with the delegates or the earlier versions, and the faster widgets write WTForms' own HTML."""
import pytest
import sqlalchemy as sa
from markupsafe import Markup
from wtforms import EmailField, Form, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms import widgets as wtforms_widgets
from wtforms.widgets import ListWidget

from meetings.extensions import db
from meetings.models import Delegation, DelegationVersion, StoredFile
from meetings.registration import widgets
from tests import test_registration as story
from tests.test_registration import form, person, post

setting = story.setting  # two governments invited to a linked pair of meetings

TRICKY = ['a "quoted" <b>value</b> & more', "l'apostrophe", Markup('raw "markup"'), 7, None, ""]


@pytest.mark.parametrize("value", TRICKY)
def test_the_fast_attributes_are_wtforms_own(value):
    given = {"value": value, "id": "x", "class_": "a b", "data_row_key": value,
             "aria_describedby": value, "readonly": True, "disabled": False}
    assert widgets.attributes(**given) == wtforms_widgets.html_params(**given)


def test_the_fast_widgets_draw_what_wtforms_draws():
    def form_with(kind):
        fast = kind == "fast"

        class Checks(SelectMultipleField):
            widget = ListWidget(prefix_label=False)
            option_widget = widgets.CheckboxInput() if fast else wtforms_widgets.CheckboxInput()

        class Row(Form):
            key = HiddenField(widget=widgets.HiddenInput() if fast else None)
            name = StringField(widget=widgets.TextInput() if fast else None)
            email = EmailField(widget=widgets.EmailInput() if fast else None)
            honorific = SelectField(choices=[], validate_choice=False,
                                    widget=widgets.Select() if fast else None)
            meetings = Checks(coerce=int, choices=[])

        row = Row(data={"key": '1"2', "name": TRICKY[0], "email": "l'a@b.org",
                        "honorific": "Dr. <x>", "meetings": [2]})
        row.honorific.choices = [("", ""), ("Mr.", Markup("M.")), ("Dr. <x>", 'Dr. "<x>"'),
                                 (Markup('m"k'), "mk"), (7, "seven"), ("l'a", "")]
        row.meetings.choices = [(1, "One & only"), (2, 'Two "2"')]
        return row

    slow, fast = form_with("wtforms"), form_with("fast")
    for name in ("key", "name", "email", "honorific"):
        assert str(fast[name](readonly=True)) == str(slow[name](readonly=True))
        assert str(fast[name](**{"aria-invalid": "true"})) == \
            str(slow[name](**{"aria-invalid": "true"}))
    for mine, theirs in zip(fast.meetings, slow.meetings, strict=True):
        assert str(mine(id="m-" + str(mine.data))) == str(theirs(id="m-" + str(theirs.data)))


def test_the_page_and_a_submission_read_the_same_statements_however_many_delegates_and_versions(
        client, setting, count_queries):
    link = setting["links"]["AUT"]
    em, wg = setting["em"].id, setting["wg"].id

    def submit(count):
        version = db.session.scalar(sa.select(Delegation.version)) or 0
        db.session.rollback()
        people = [person(f"Given{i}", f"Family{i}", "head" if i == 0 else "expert",
                         meetings=[em, wg]) for i in range(count)]
        answer = post(client, link, form(*people, version=version))
        assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]

    client.get(f"/register/{link}")  # the first opening is recorded once
    submit(1)
    with count_queries() as small_page:
        client.get(f"/register/{link}")
    submit(1)
    with count_queries() as small_submission:
        submit(1)
    for _version in range(4):
        submit(6)
    with count_queries() as large_page:
        client.get(f"/register/{link}")
    with count_queries() as large_submission:
        submit(6)
    assert len(large_page) == len(small_page)
    # A submission of six writes six delegates (new rows and their meetings): only the writes
    # grow with them, never the reads.
    reads = [s for s in large_submission if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == len([s for s in small_submission
                              if s.lstrip().upper().startswith("SELECT")])
    numbers = db.session.scalars(sa.select(DelegationVersion.number)
                                 .order_by(DelegationVersion.number)).all()
    assert numbers == list(range(1, 9))


def test_a_scan_sent_with_a_refused_save_is_kept_for_the_next_try(client, setting):
    """The scan commits with the save; when the save is refused (someone else saved first),
    the scan is committed on its own and the page offers it again, as before."""
    link, em = setting["links"]["AUT"], setting["em"]
    post(client, link, form(person("A", "One", "head", [em.id]), action="save"), pdf=None)
    opened = setting["austria"].delegation.version
    first = post(client, link, form(person("A", "One", "head", [em.id]),
                                    person("B", "Colleague", "expert", [em.id]), action="save",
                                    version=opened), pdf=None)
    assert first.status_code == 302
    files = db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile))
    second = post(client, link, form(person("A", "One", "head", [em.id]),
                                     person("C", "Mine", "expert", [em.id]), version=opened),
                  filename="mine.pdf")
    assert second.status_code == 409
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == files + 1
    html = second.get_data(as_text=True)
    token = html.split('name="pending_note" type="hidden" value="')[1].split('"')[0]
    assert "mine.pdf" in html
    again = post(client, link, {**form(person("A", "One", "head", [em.id]),
                                       person("C", "Mine", "expert", [em.id]),
                                       version=setting["austria"].delegation.version),
                                "pending_note": token}, pdf=None)
    assert again.status_code == 302
    db.session.rollback()
    assert setting["austria"].delegation.note_file.filename == "mine.pdf"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == files + 1


def test_a_linked_group_is_read_in_one_statement_whatever_its_shape(
        make_secretariat, make_meeting, count_queries):
    """A chain, a branch and a cycle of links: every meeting reached once, in date order."""
    from datetime import date

    from meetings.models import LinkKind
    from meetings.services import meetings as meeting_service
    from meetings.services.audit import Actor

    actor = Actor.system("test")
    secretariat = make_secretariat("unodc")
    days = [date(2012, 10, d) for d in (22, 8, 15, 1, 29)]
    a, b, c, d, e = (make_meeting(secretariat, f"m{i}", first_day=day, last_day=day)
                     for i, day in enumerate(days))
    alone = make_meeting(secretariat, "alone")
    meeting_service.link_meetings(a, b, LinkKind.IMMEDIATELY_AFTER, actor)
    meeting_service.link_meetings(c, b, LinkKind.IMMEDIATELY_AFTER, actor)
    meeting_service.link_meetings(c, d, LinkKind.IMMEDIATELY_AFTER, actor)
    meeting_service.link_meetings(d, a, LinkKind.IMMEDIATELY_AFTER, actor)  # closes a cycle
    meeting_service.link_meetings(e, c, LinkKind.IMMEDIATELY_AFTER, actor)
    db.session.commit()
    for start in (a, b, c, d, e):
        assert start.id  # loaded before counting (the commit expired it)
        with count_queries() as counted:
            group = meeting_service.linked_group(start)
        assert [m.slug for m in group] == ["m3", "m1", "m2", "m0", "m4"]
        assert len(counted) == 1
    assert [m.slug for m in meeting_service.linked_group(alone)] == ["alone"]
