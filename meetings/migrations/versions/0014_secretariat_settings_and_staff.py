"""secretariat settings and staff: letterhead, reply-to, sender number, one-time links

Revision ID: 0014
Revises: 0012
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0012'
branch_labels = None
depends_on = None


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite copies `secretariats` to add a foreign key to it, and most tables refer to it:
    foreign keys are off for the copy (the pragma is ignored inside a transaction)."""
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
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_to', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('sender_plural', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('letterhead', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('letterhead_file_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('invitation_language', sa.String(length=8), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_secretariats_letterhead_file_id_stored_files'),
                                    'stored_files', ['letterhead_file_id'], ['id'], ondelete='SET NULL')
    _sqlite_foreign_keys(True)
    op.create_table(
        'account_tokens',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.Enum('welcome', 'reset', name='token_purpose', native_enum=False, create_constraint=True), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_tokens_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_tokens')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_account_tokens_token_hash')),
    )
    with op.batch_alter_table('account_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_tokens_user_id'), ['user_id'], unique=False)

def downgrade():
    op.drop_table('account_tokens')
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_secretariats_letterhead_file_id_stored_files'), type_='foreignkey')
        batch_op.drop_column('invitation_language')
        batch_op.drop_column('letterhead_file_id')
        batch_op.drop_column('letterhead')
        batch_op.drop_column('sender_plural')
        batch_op.drop_column('reply_to')
    _sqlite_foreign_keys(True)
