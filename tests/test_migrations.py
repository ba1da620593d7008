"""The migrations alone build the schema, on SQLite and on PostgreSQL, and it matches the models."""
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from meetings import create_app
from meetings.extensions import db


@pytest.fixture
def blank_database(database_url, tmp_path):
    """A database nobody has touched: a new SQLite file, or a new PostgreSQL database."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'blank.sqlite'}"
        return
    name = f"meetings_blank_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_db_upgrade_builds_a_schema_that_matches_the_models(blank_database, tmp_path,
                                                           monkeypatch):
    monkeypatch.setenv("MEETINGS_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": blank_database, "SECRET_KEY": "x"})
    with app.app_context():  # the command then runs against this app, not the suite's
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            assert compare_metadata(context, db.metadata) == []
        downgrade = app.test_cli_runner().invoke(args=["db", "downgrade", "base"])
        assert downgrade.exit_code == 0, downgrade.output
        with db.engine.connect() as conn:
            left = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
        assert left == set()
        db.engine.dispose()
