"""specialized agencies and related organizations: an invitation category of their own

Revision ID: 0025
Revises: 0024
"""
from typing import Any

from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

OLD = ('state_party', 'signatory_state', 'member_state', 'observer_state',
       'observer_organization', 'un_entity', 'other')
NEW = OLD + ('specialized_agency',)
COLUMNS = (('invitations', 'category'), ('party_groups', 'default_category'))


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite copies `invitations` to change its CHECK, and notes, delegations and reminders
    refer to it: foreign keys are off for the copy (ignored inside a transaction). As in 0014."""
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


def _allow(values: tuple[str, ...]) -> None:
    _sqlite_foreign_keys(False)
    for table, column in COLUMNS:
        name = op.f(f'ck_{table}_invitation_category')
        condition = f"{column} IN ({', '.join(repr(v) for v in values)})"
        with op.batch_alter_table(table, recreate='auto') as batch_op:
            batch_op.drop_constraint(name, type_='check')
            batch_op.create_check_constraint(name, condition)
    _sqlite_foreign_keys(True)


def upgrade():
    _allow(NEW)


def downgrade():
    op.execute("UPDATE invitations SET category = 'observer_organization' "
               "WHERE category = 'specialized_agency'")
    op.execute("UPDATE party_groups SET default_category = 'observer_organization' "
               "WHERE default_category = 'specialized_agency'")
    _allow(OLD)
