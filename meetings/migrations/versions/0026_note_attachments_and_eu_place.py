"""the documents a note says are attached go with its e-mail; the European Union's place in lists

Revision ID: 0026
Revises: 0025
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite drops a column by copying the table, and meetings refer to secretariats: foreign
    keys are off for the copy (ignored inside a transaction). As in 0014, 0025 and 0027."""
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
    with op.batch_alter_table('secretariats') as batch:
        batch.add_column(sa.Column('attachments_max_mb', sa.Integer(), nullable=False,
                                   server_default='10'))
        batch.add_column(sa.Column('european_union_place', sa.String(length=20), nullable=False,
                                   server_default='alphabetical'))
    with op.batch_alter_table('notes') as batch:
        batch.add_column(sa.Column('enclosures', sa.JSON(), nullable=False,
                                   server_default=sa.text("'[]'")))
    op.create_table(
        'outbox_attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('file_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'],
                                name=op.f('fk_outbox_attachments_file_id_stored_files'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['message_id'], ['outbox_messages.id'],
                                name=op.f('fk_outbox_attachments_message_id_outbox_messages'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_attachments')),
    )
    with op.batch_alter_table('outbox_attachments') as batch:
        batch.create_index(batch.f('ix_outbox_attachments_message_id'), ['message_id'],
                           unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox_attachments') as batch:
        batch.drop_index(batch.f('ix_outbox_attachments_message_id'))
    op.drop_table('outbox_attachments')
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('notes') as batch:
        batch.drop_column('enclosures')
    with op.batch_alter_table('secretariats') as batch:
        batch.drop_column('european_union_place')
        batch.drop_column('attachments_max_mb')
    _sqlite_foreign_keys(True)
