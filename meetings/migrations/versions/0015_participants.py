"""list of participants: order and headings of categories, how family names are set

Revision ID: 0015
Revises: 0014
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite copies `secretariats` to drop a column, and most tables refer to it: foreign keys
    are off for the copy (the pragma is ignored inside a transaction). As in 0014."""
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


def upgrade():
    # Adding columns only: SQLite does it in place, no copy of `secretariats` is made.
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('participants_sections', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('participants_family_name', sa.String(length=16),
                                      server_default='capitals', nullable=False))


def downgrade():
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.drop_column('participants_family_name')
        batch_op.drop_column('participants_sections')
    _sqlite_foreign_keys(True)
