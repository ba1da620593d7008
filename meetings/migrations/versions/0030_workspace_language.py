"""a workspace language per staff account

Revision ID: 0030
Revises: 0027
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0027'
branch_labels = None
depends_on = None


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite drops a column by copying the table, and audit events and notes refer to users:
    foreign keys are off for the copy (ignored inside a transaction). As in 0026."""
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    dbapi: Any = bind.connection.dbapi_connection
    if dbapi.in_transaction:
        dbapi.commit()
    dbapi.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    if on:
        problems = dbapi.execute('PRAGMA foreign_key_check').fetchall()
        if problems:
            raise RuntimeError(f'foreign keys broken by the copy: {problems[:5]}')


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('workspace_language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('users') as batch:
        batch.drop_column('workspace_language')
    _sqlite_foreign_keys(True)
