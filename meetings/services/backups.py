"""A consistent copy of the database (which also holds every stored file) and its restoration."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from meetings.extensions import db

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """What the operator must fix before a backup or a restore can run."""


def default_path(instance_path: str) -> Path:
    """instance/backups/meetings-<UTC time>.<sqlite|dump>, one file per run."""
    suffix = "sqlite" if _dialect() == "sqlite" else "dump"
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return Path(instance_path) / "backups" / f"meetings-{stamp}.{suffix}"


def backup(target: Path) -> Path:
    """SQLite: the online backup API (consistent while the service writes); PostgreSQL: pg_dump's
    custom format, a snapshot of one transaction."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if _dialect() == "sqlite":
        source = sqlite3.connect(_sqlite_file())
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        _run("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
             f"--file={target}", _libpq_url())
    return target


def is_empty() -> bool:
    """No row in any of the service's tables (a fresh or wiped database)."""
    inspector = sa.inspect(db.engine)
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            if inspector.has_table(table.name) and \
                    conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
                return False
    return True


def restore(source: Path, force: bool = False) -> None:
    """Replace the database with a backup; a database with data is replaced only when forced."""
    with open(source, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    dialect = _dialect()
    if dialect == "sqlite" and not head.startswith(SQLITE_MAGIC) or \
            dialect != "sqlite" and not head.startswith(PG_DUMP_MAGIC):
        kind = "SQLite" if dialect == "sqlite" else "pg_dump custom-format"
        raise BackupError(f"{source} is not a {kind} backup (this database is {dialect}).")
    if not force and not is_empty():
        raise BackupError("The database holds data; add --force to replace it with the backup.")
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold a table the restore replaces
    if dialect == "sqlite":
        copy = sqlite3.connect(source)
        live = sqlite3.connect(_sqlite_file())
        try:
            with live:
                copy.backup(live)
        finally:
            live.close()
            copy.close()
    else:
        _run("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", f"--dbname={_libpq_url()}", str(source))
    db.engine.dispose()


def _dialect() -> str:
    return db.engine.dialect.name


def _sqlite_file() -> str:
    database = db.engine.url.database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return database


def _libpq_url() -> str:
    """The database's address for pg_dump/pg_restore; the password goes in the environment."""
    url: URL = db.engine.url.set(drivername="postgresql", password=None)
    return url.render_as_string(hide_password=False)


def _run(program: str, *args: str) -> None:
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    env = dict(os.environ)
    if db.engine.url.password:
        env["PGPASSWORD"] = str(db.engine.url.password)
    done = subprocess.run([program, *args], env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()}")
