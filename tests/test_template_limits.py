"""A note template typed by an officer can neither crash the page nor keep a server busy.

Each dangerous template is stopped by a limit, and the officer reads why beside the template.
"""
import threading
import time

import pytest
import sqlalchemy as sa

from meetings.drafting import templating
from meetings.drafting.templating import TemplateProblem, render
from meetings.extensions import db
from meetings.models import NoteTemplate, Role
from tests.helpers import text_of

NESTED_LOOPS = ("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
                "{% endfor %}{% endfor %}{% endfor %}")


@pytest.mark.parametrize(("source", "message"), [
    ("{{ 1/0 }}", "division by zero"),
    ("{{ 7 // 0 }}", "division by zero"),
    ("{{ 10**5000 }}", "an exponent above 1024 is not accepted"),
    ("{{ 2**1000 * 2**1000 }}", "this number is too large for a note"),
    ("{{ range(10**6)|length }}", "range() may give at most 1000 numbers"),
    ("{{ 'x' * 10**9 }}", "this repetition is too long for a note"),
    ("{{ [0] * 10**9 }}", "this repetition is too long for a note"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s }}", "a template may build at most 100000"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
     "{% endfor %}{{ ns.s }}", "the joined text is too long for a note"),
    ("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
     "{% endfor %}{{ ns.n }}", "this number is too large for a note"),
    ("{{ 'x'.ljust(10**9) }}", "a width or count above 1000 is not accepted"),
    ("{{ 'x'|center(10**9) }}", "a width or count above 1000 is not accepted"),
    ("{{ '{:>999999999}'.format(1) }}", "a width or count above 1000 is not accepted"),
    ("{{ '%999999999d' % 1 }}", "a width or count above 1000 is not accepted"),
    ("{{ '%999999999d'|format(1) }}", "a width or count above 1000 is not accepted"),
    ("{{ ('x' * 1000)|replace('', 'y' * 1000) }}", "a template may build at most 100000"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself without end"),
    ("{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}", "a template may build at most"),
])
def test_each_unbounded_template_is_stopped_with_a_reason(source, message):
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as stopped:
        render(source, {})
    assert message in stopped.value.message
    assert time.monotonic() - started < 1.5


def test_a_loop_that_prints_nothing_is_stopped_by_the_time_limit_in_any_thread(monkeypatch):
    monkeypatch.setattr(templating, "RENDER_SECONDS", 0.3)
    outcome = {}

    def in_a_worker_thread():
        started = time.monotonic()
        try:
            render(NESTED_LOOPS, {})
        except TemplateProblem as problem:
            outcome["message"] = problem.message
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=in_a_worker_thread)
    worker.start()
    worker.join(10)
    assert "took longer than 0.3 seconds" in outcome["message"]
    assert outcome["seconds"] < 2


def test_ordinary_templates_still_work():
    source = ("{{ '{}'.format(12345) }} {{ 3 * 4 }} {{ 'ab' ~ 'c' }} {{ range(3)|join(',') }} "
              "{{ '%5d'|format(3) }} {{ 'x' * 10 }} {{ 2 ** 10 }} {{ 'a b'|replace(' ', '-') }}"
              "{% macro hello(name) %}Hello {{ name }}{% endmacro %} {{ hello('you') }}")
    assert render(source, {}) == "12345 12 abc 0,1,2     3 xxxxxxxxxx 1024 a-b Hello you"


def test_the_editor_shows_each_problem_beside_the_template_and_keeps_it(
    client, make_secretariat, make_user, login_as, make_meeting, monkeypatch
):
    monkeypatch.setattr(templating, "RENDER_SECONDS", 0.3)
    secretariat = make_secretariat()
    login_as(make_user(secretariat, Role.OFFICER))
    make_meeting(secretariat, "em")
    for body, message in [("Dear {{ addressee }},\n\n{{ 1/0 }}", "Line 3: division by zero"),
                          ("{{ 10**5000 }}", "an exponent above 1024"),
                          ("{{ range(10**6)|length }}", "range() may give at most 1000"),
                          ("{{ 'x' * 10**9 }}", "this repetition is too long"),
                          (NESTED_LOOPS, "took longer than 0.3 seconds")]:
        response = client.post("/secretariat/meetings/em/templates/en", data={"body": body})
        assert response.status_code == 422
        assert 'id="body-error"' in response.get_data(as_text=True)
        assert message in text_of(response)
        assert body.replace("'", "&#39;") in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(NoteTemplate.id))) == 0
