"""Random and hostile data posted through a government's private link: never a 500, a refused
form changes no delegation, and the other government's delegation is never touched.

Same budgets as the staff forms: the "ci" profile in CI, ``HYPOTHESIS_PROFILE=long`` on demand.
"""
from __future__ import annotations

import io

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from meetings.extensions import db
from meetings.models import Delegate, Delegation, DelegationVersion
from tests import test_registration
from tests.test_fuzz_staff_forms import HOSTILE, text, value
from tests.test_registration import PDF, form, person

PERSON_FIELDS = ("honorific", "given_name", "family_name", "job_title", "function", "email",
                 "phone", "gender", "meetings", "key")
FOCAL_FIELDS = ("focal_point_name", "focal_point_position", "focal_point_email",
                "focal_point_phone")
UPLOADS = [PDF, b"", b"\x00" * 10, b"%PDF-", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
           b"GIF89a" + b"\x00" * 20, b"<html><script>alert(1)</script></html>", PDF * 200]
setting = test_registration.setting  # the same fixture: a meeting, Austria and the Netherlands
NAMES = ["note.pdf", "", "\x00.pdf", "../../etc/passwd", "a\r\nb.pdf", "\u202egpj.exe",
         "x" * 300 + ".pdf", "note.png"]


def delegations_as_stored() -> list[tuple]:
    """Every delegation, its delegates and versions, as a comparable snapshot."""
    db.session.expire_all()
    rows = db.session.execute(sa.select(Delegation.id, Delegation.status, Delegation.version,
                                        Delegation.focal_point_name)).all()
    people = db.session.execute(sa.select(Delegate.id, Delegate.family_name)).all()
    versions = db.session.scalar(sa.select(sa.func.count()).select_from(DelegationVersion))
    return [tuple(rows), tuple(people), versions]


@given(
    focal=st.fixed_dictionaries({}, optional={f: value for f in FOCAL_FIELDS}),
    delegate=st.fixed_dictionaries({}, optional={f: value for f in PERSON_FIELDS}),
    action=st.one_of(st.sampled_from(["submit", "draft", "add", "remove-0", "up-0", "down-0"]),
                     text),
    version=st.one_of(st.sampled_from(["0", "", "-1", "999999999999999999999"]), text),
    rows=st.one_of(st.sampled_from(["1", "0", "60", "61", "-5", "10000000000"]), text),
    upload=st.one_of(st.none(), st.tuples(st.sampled_from(UPLOADS), st.sampled_from(NAMES))),
)
def test_a_focal_point_cannot_break_the_registration_page(client, setting, focal, delegate,
                                                         action, version, rows, upload):
    good = person("Anna", "Berger", "head", meetings=[setting["em"].id])
    data = form(good, action="submit")
    data.update(action=action, version=version, rows=rows)
    data.update(focal)
    data.update({f"delegates-0-{key}": v for key, v in delegate.items()})
    if upload is not None:
        data["note"] = (io.BytesIO(upload[0]), upload[1])
    before = delegations_as_stored()
    response = client.post(f"/register/{setting['links']['AUT']}", data=data,
                           content_type="multipart/form-data")
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code >= 400:
        assert delegations_as_stored() == before
    netherlands = setting["netherlands"]
    db.session.refresh(netherlands)
    assert netherlands.delegation is None  # another government's link is never reached


def test_the_hostile_values_include_the_known_killers():
    """The NUL byte and the over-long names that gave 500s on PostgreSQL are in the mix."""
    assert "\x00" in HOSTILE and any(len(v) > 200 for v in HOSTILE)
