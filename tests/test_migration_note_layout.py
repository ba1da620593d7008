"""Migration 0027 moves the English "office in running text" and a meeting's focus from the
`localized` mapping into the columns the forms now edit, and back on downgrade."""
from datetime import date, datetime

import sqlalchemy as sa

from meetings import create_app
from meetings.extensions import db
from tests.test_migrations import blank_database  # noqa: F401  (a fixture)

NOW = datetime(2026, 12, 1, 12, 0)


def _insert(conn, table: str, **values) -> None:
    conn.execute(sa.Table(table, sa.MetaData(), autoload_with=conn).insert().values(**values))


def _row(conn, table: str, *columns: str) -> tuple:
    found = sa.Table(table, sa.MetaData(), autoload_with=conn)
    return tuple(conn.execute(sa.select(*(found.c[c] for c in columns))).one())


def test_the_english_texts_move_into_their_columns_and_back(blank_database, tmp_path,  # noqa: F811
                                                          monkeypatch):
    monkeypatch.setenv("MEETINGS_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": blank_database, "SECRET_KEY": "x"})
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0025"]).exit_code == 0
        with db.engine.begin() as conn:
            _insert(conn, "secretariats", id=1, slug="unodc", name="UNODC", sender="S",
                    sender_gender="masculine", city="Vienna", reference_pattern="{seq}",
                    reference_next=1, timezone="Europe/Vienna", languages=["en", "fr"],
                    created_at=NOW, localized={"en": {"office_short": "the Office"},
                                               "fr": {"office_short": "l'Office"}})
            _insert(conn, "meetings", id=1, secretariat_id=1, slug="em", title="EM",
                    city="Vienna", country="Austria", timezone="Europe/Vienna",
                    first_day=date(2012, 10, 22), last_day=date(2012, 10, 23),
                    late_policy="close", note_verbale_required=True, status="draft",
                    languages=["en"], earlier_notes=[], created_at=NOW, updated_at=NOW,
                    localized={"en": {"focus": "corruption-related issues"}})
        result = runner.invoke(args=["db", "upgrade", "0027"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as conn:
            assert _row(conn, "secretariats", "office_short", "localized") == (
                "the Office", {"fr": {"office_short": "l'Office"}})
            assert _row(conn, "meetings", "focus", "localized") == (
                "corruption-related issues", {})
        assert runner.invoke(args=["db", "downgrade", "0025"]).exit_code == 0
        with db.engine.connect() as conn:
            assert _row(conn, "secretariats", "localized") == (
                {"fr": {"office_short": "l'Office"}, "en": {"office_short": "the Office"}},)
            assert _row(conn, "meetings", "localized") == (
                {"en": {"focus": "corruption-related issues"}},)
        db.engine.dispose()
