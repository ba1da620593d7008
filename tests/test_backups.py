"""An operator backs up the service, loses the database, and restores it as it was."""
from __future__ import annotations

import shutil

import pytest
import sqlalchemy as sa

from meetings.extensions import db
from meetings.models import StoredFile
from meetings.services.files import SCANS, checked_file

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256))


def row_counts() -> dict[str, int]:
    with db.engine.connect() as conn:
        return {table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for table in db.metadata.sorted_tables}


def wipe() -> None:
    """What a lost database looks like to the service: every table empty."""
    db.session.remove()
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE notes SET corrects_id = NULL"))
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


def test_a_backup_brings_back_every_row_and_the_stored_files_bytes(runner, demo, tmp_path):
    if db.engine.dialect.name == "postgresql" and not shutil.which("pg_dump"):
        pytest.fail("pg_dump is missing: install Debian's postgresql-client (CI has it).")
    scan = checked_file("note.pdf", PDF, SCANS, 1_000_000)
    db.session.add(scan)
    db.session.commit()
    scan_id = scan.id
    before = row_counts()
    assert before["invitations"] > 0 and before["stored_files"] >= 1

    written = runner.invoke(args=["backup", "-o", str(tmp_path / "copy")])
    assert written.exit_code == 0, written.output
    refused = runner.invoke(args=["restore", str(tmp_path / "copy")])
    assert refused.exit_code != 0 and "--force" in refused.output  # the data is still there

    wipe()
    assert set(row_counts().values()) == {0}
    restored = runner.invoke(args=["restore", str(tmp_path / "copy")])
    assert restored.exit_code == 0, restored.output

    assert row_counts() == before
    assert db.session.get(StoredFile, scan_id).data == PDF


def test_a_database_with_data_is_replaced_only_when_forced(runner, demo, tmp_path):
    assert runner.invoke(args=["backup", "-o", str(tmp_path / "copy")]).exit_code == 0
    before = row_counts()
    forced = runner.invoke(args=["restore", "--force", str(tmp_path / "copy")])
    assert forced.exit_code == 0, forced.output
    assert row_counts() == before


def test_a_backup_of_the_other_kind_of_database_is_refused(runner, tmp_path):
    other = tmp_path / "other"
    other.write_bytes(b"PGDMP" if db.engine.dialect.name == "sqlite" else b"SQLite format 3\x00")
    refused = runner.invoke(args=["restore", str(other)])
    assert refused.exit_code != 0 and "is not a" in refused.output
