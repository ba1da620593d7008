"""Staff see and change only their own secretariat's meetings; forms carry CSRF tokens."""
import pytest

from meetings import create_app
from meetings.models import Role


def test_anonymous_visitors_are_sent_to_sign_in(client, make_secretariat, make_meeting):
    make_meeting(make_secretariat(), "em")
    response = client.get("/secretariat/meetings/em")
    assert response.status_code == 302
    assert "/secretariat/login" in response.location


def test_staff_of_another_secretariat_do_not_even_learn_the_meeting_exists(
    client, make_secretariat, make_meeting, make_user, login_as
):
    make_meeting(make_secretariat("unodc"), "em")
    login_as(make_user(make_secretariat("cica", city="Astana", timezone="Asia/Almaty")))
    assert client.get("/secretariat/meetings/em").status_code == 404
    assert client.post("/secretariat/meetings/em/edit", data={}).status_code == 404
    assert "Expert meeting on international cooperation" not in client.get("/secretariat/").get_data(
        as_text=True
    )


def test_a_viewer_reads_but_cannot_edit(client, make_secretariat, make_meeting, make_user,
                                        login_as):
    secretariat = make_secretariat()
    make_meeting(secretariat, "em")
    login_as(make_user(secretariat, Role.VIEWER))
    assert client.get("/secretariat/meetings/em").status_code == 200
    assert client.get("/secretariat/meetings/em/edit").status_code == 403


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, make_user,
                                                                         make_secretariat):
    user = make_user(make_secretariat())
    response = client.post("/secretariat/login", data={"email": user.email, "password": "nope"})
    assert response.status_code == 400
    assert "The e-mail address or the password is not right." in response.get_data(as_text=True)


def test_sign_in_never_redirects_to_another_site(client, make_user, make_secretariat):
    from tests.conftest import PASSWORD

    user = make_user(make_secretariat())
    response = client.post("/secretariat/login?next=//evil.example/x",
                           data={"email": user.email, "password": PASSWORD})
    assert response.location == "/secretariat/"


def test_forms_without_a_csrf_token_are_refused(app, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MEETINGS_INSTANCE_PATH", str(tmp_path))
    protected = create_app({"TESTING": True, "SECRET_KEY": "x",
                            "SQLALCHEMY_DATABASE_URI": database_url})
    response = protected.test_client().post(
        "/secretariat/login", data={"email": "a@example.org", "password": "x"}
    )
    assert response.status_code == 400
    assert b"The CSRF token is missing." in response.data


@pytest.mark.parametrize("path", ["/", "/secretariat/login"])
def test_pages_answer_with_an_html_language(client, path):
    assert '<html lang="en"' in client.get(path).get_data(as_text=True)
