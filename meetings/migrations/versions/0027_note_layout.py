"""note layout and wording: a second letterhead language, the office in running text, a
meeting's focus as columns the secretariat edits on its forms

Revision ID: 0027
Revises: 0026
"""
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None

# (table, column, length): the English text, until now kept only in localized["en"].
MOVED = (('secretariats', 'office_short', 120), ('meetings', 'focus', 300))


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite drops a column by copying the table, and meetings refer to secretariats: foreign
    keys are off for the copy (ignored inside a transaction). As in 0014 and 0025."""
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


def _table(name: str, column: str) -> sa.TableClause:
    return sa.table(name, sa.column('id', sa.Integer), sa.column('localized', sa.JSON),
                    sa.column(column, sa.String))


def _texts(localized) -> dict:
    return json.loads(localized) if isinstance(localized, str) else dict(localized or {})


def upgrade() -> None:
    with op.batch_alter_table('secretariats') as batch:
        batch.add_column(sa.Column('letterhead_second_language', sa.String(8), nullable=True))
        batch.add_column(sa.Column('office_short', sa.String(120), nullable=True))
    with op.batch_alter_table('meetings') as batch:
        batch.add_column(sa.Column('focus', sa.String(300), nullable=True))
    bind = op.get_bind()
    for name, column, length in MOVED:
        table = _table(name, column)
        for row_id, localized in bind.execute(sa.select(table.c.id, table.c.localized)).all():
            texts = _texts(localized)
            english = (texts.get('en') or {}).pop(column, None)
            if not english:
                continue
            if not texts.get('en'):
                texts.pop('en', None)
            bind.execute(table.update().where(table.c.id == row_id)
                         .values({column: english[:length], 'localized': texts}))


def downgrade() -> None:
    bind = op.get_bind()
    for name, column, _ in MOVED:
        table = _table(name, column)
        rows = bind.execute(sa.select(table.c.id, table.c.localized, table.c[column])
                            .where(table.c[column].is_not(None))).all()
        for row_id, localized, value in rows:
            texts = _texts(localized)
            texts.setdefault('en', {})[column] = value
            bind.execute(table.update().where(table.c.id == row_id).values(localized=texts))
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('meetings') as batch:
        batch.drop_column('focus')
    with op.batch_alter_table('secretariats') as batch:
        batch.drop_column('office_short')
        batch.drop_column('letterhead_second_language')
    _sqlite_foreign_keys(True)
