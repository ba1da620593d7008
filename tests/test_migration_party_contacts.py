"""Migration 0012 hands each secretariat the contact data it was using, and no one else's."""
from datetime import date, datetime

import sqlalchemy as sa

from meetings import create_app
from meetings.extensions import db
from tests.test_migrations import blank_database  # noqa: F401  (a fixture)

NOW = datetime(2026, 12, 1, 12, 0)


def _insert(conn, table: str, **values) -> None:
    conn.execute(sa.Table(table, sa.MetaData(), autoload_with=conn).insert().values(**values))


def _secretariat(conn, id_: int, slug: str) -> None:
    _insert(conn, "secretariats", id=id_, slug=slug, name=slug.upper(), sender="S",
            sender_gender="neuter", city="Vienna", reference_pattern="{seq}", reference_next=1,
            timezone="Europe/Vienna", languages=["en"], created_at=NOW)


def _party(conn, id_: int, iso3: str, language: str = "en", emails=(), addressee=None) -> None:
    _insert(conn, "parties", id=id_, kind="state", registry_key=f"state:{iso3}", iso3=iso3,
            un_status="member_state", working_language=language, default_addressee=addressee,
            emails=list(emails), registry_values={"working_language": "en"},
            created_at=NOW, updated_at=NOW)


def _invite(conn, id_: int, meeting_id: int, party_id: int) -> None:
    _insert(conn, "invitations", id=id_, meeting_id=meeting_id, party_id=party_id,
            category="state_party", addressee="PM", emails=[], language="en", status="listed",
            created_at=NOW, updated_at=NOW)


def _rows(conn, sql: str) -> list:
    return [tuple(row) for row in conn.execute(sa.text(sql))]


def test_contact_data_goes_to_each_secretariat_that_invited_the_party(blank_database, tmp_path,  # noqa: F811
                                                                      monkeypatch):
    monkeypatch.setenv("MEETINGS_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": blank_database, "SECRET_KEY": "x"})
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade", "0006"]).exit_code == 0
        with db.engine.begin() as conn:
            _secretariat(conn, 1, "unodc")
            _secretariat(conn, 2, "cica")
            _party(conn, 10, "AUT", emails=["pm.vienna@bmeia.gv.at"],
                   addressee="Permanent Mission of Austria (Vienna)")
            _party(conn, 11, "KAZ", language="ru")  # an officer changed the shared language
            _party(conn, 12, "FRA", emails=["nobody-invited@example.fr"])
            _party(conn, 13, "DEU")
            for meeting_id, secretariat_id in ((100, 1), (200, 2)):
                _insert(conn, "meetings", id=meeting_id, secretariat_id=secretariat_id,
                        slug=f"m{meeting_id}", title="M", city="Vienna", country="Austria",
                        timezone="Europe/Vienna", first_day=date(2012, 10, 22),
                        last_day=date(2012, 10, 23), late_policy="close",
                        note_verbale_required=False, status="draft", languages=["en"],
                        created_at=NOW, updated_at=NOW)
            _invite(conn, 1000, 100, 10)
            _invite(conn, 1001, 200, 10)
            _invite(conn, 1002, 200, 11)
            _invite(conn, 1003, 100, 13)

        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as conn:
            contacts = conn.execute(sa.text(
                "SELECT secretariat_id, party_id, working_language, addressees, emails "
                "FROM party_contacts ORDER BY party_id, secretariat_id")).all()
            assert [(c[0], c[1], c[2]) for c in contacts] == [(1, 10, None), (2, 10, None),
                                                              (2, 11, "ru")]
            as_json = sa.JSON().result_processor(conn.dialect, None) or (lambda v: v)
            austria = [(as_json(c[3]), as_json(c[4])) for c in contacts if c[1] == 10]
            assert austria == [({"en": "Permanent Mission of Austria (Vienna)"},
                                ["pm.vienna@bmeia.gv.at"])] * 2
            assert _rows(conn, "SELECT working_language FROM parties WHERE id = 11") == [("en",)]
            assert sorted(_rows(conn, "SELECT secretariat_id, action FROM audit_events"),
                          key=lambda row: row[0] or 0) == [
                (None, "contact data left the shared registry"),
                (1, "contact moved from the shared registry"),
                (2, "contact moved from the shared registry"),
                (2, "contact moved from the shared registry"),
            ]
            kept = conn.execute(sa.text("SELECT object_id, changes FROM audit_events "
                                        "WHERE secretariat_id IS NULL")).one()
            assert kept[0] == 12
            assert as_json(kept[1])["emails"] == ["nobody-invited@example.fr"]
            assert _rows(conn, "SELECT count(*) FROM users") == [(0,)]

        downgrade = runner.invoke(args=["db", "downgrade", "0006"])
        assert downgrade.exit_code == 0, downgrade.output
        with db.engine.connect() as conn:
            assert _rows(conn, "SELECT default_addressee FROM parties WHERE id = 10") == [
                ("Permanent Mission of Austria (Vienna)",)]
        db.engine.dispose()
