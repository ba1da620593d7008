"""Settings come from defaults, then instance/config.py, then the environment, then overrides."""
from meetings import create_app
from meetings.config import database_uri, from_environment


def test_postgres_urls_use_the_psycopg_3_driver():
    assert database_uri("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_uri("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_uri("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"


def test_environment_values_are_typed():
    found = from_environment({"MAIL_PORT": "2525", "MAIL_USE_TLS": "yes",
                              "DATABASE_URL": "postgresql://postgres@127.0.0.1/x"})
    assert found["MAIL_PORT"] == 2525 and found["MAIL_USE_TLS"] is True
    assert found["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_instance_file_then_environment_then_overrides(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("MAIL_SERVER = 'from-file'\nMAIL_PORT = 1025\n")
    monkeypatch.setenv("MEETINGS_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"MAIL_DEFAULT_SENDER": "override@example.org"})
    assert app.config["MAIL_SERVER"] == "from-file"
    assert app.config["MAIL_PORT"] == 2525
    assert app.config["MAIL_DEFAULT_SENDER"] == "override@example.org"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'meetings.sqlite'}"
    # without SECRET_KEY a development key is kept in instance/, the same at every start
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").read_text().strip() == app.config["SECRET_KEY"]
