"""ways of numbering a mailing: per-year counters, category marks, circular notes, typable codes,
PDF or Word attached to a note's e-mail

Revision ID: 0019
Revises: 0018
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite copies the tables to change their constraints: foreign keys are off for the copy."""
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
        batch_op.add_column(sa.Column('counter_per_year', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('reference_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('numbering', sa.String(length=20), server_default='individual', nullable=False))
        batch_op.add_column(sa.Column('category_marks', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('note_files', sa.String(length=10), server_default='docx', nullable=False))
        batch_op.add_column(sa.Column('collective_addressee', sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column('collective_addressee_in_text', sa.String(length=400), nullable=True))
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('counter_year', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('copy', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('numbering', sa.String(length=20), server_default='individual', nullable=False))
        batch_op.drop_constraint('uq_notes_reference', type_='unique')
        batch_op.drop_constraint('uq_notes_secretariat_id_sequence', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_notes_secretariat_id_counter_year_sequence_copy'), ['secretariat_id', 'counter_year', 'sequence', 'copy'])
        batch_op.create_index(batch_op.f('ix_notes_reference'), ['reference'], unique=False)
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code_hash', sa.String(length=64), nullable=True))
        batch_op.drop_constraint('uq_invitations_reference', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_invitations_code_hash'), ['code_hash'])
        batch_op.create_index(batch_op.f('ix_invitations_reference'), ['reference'], unique=False)
    _sqlite_foreign_keys(True)


def downgrade():
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_reference'))
        batch_op.drop_constraint(batch_op.f('uq_invitations_code_hash'), type_='unique')
        batch_op.create_unique_constraint('uq_invitations_reference', ['reference'])
        batch_op.drop_column('code_hash')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_reference'))
        batch_op.drop_constraint(batch_op.f('uq_notes_secretariat_id_counter_year_sequence_copy'), type_='unique')
        batch_op.create_unique_constraint('uq_notes_secretariat_id_sequence', ['secretariat_id', 'sequence'])
        batch_op.create_unique_constraint('uq_notes_reference', ['reference'])
        batch_op.drop_column('numbering')
        batch_op.drop_column('copy')
        batch_op.drop_column('counter_year')
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.drop_column('collective_addressee_in_text')
        batch_op.drop_column('collective_addressee')
        batch_op.drop_column('note_files')
        batch_op.drop_column('category_marks')
        batch_op.drop_column('numbering')
        batch_op.drop_column('reference_year')
        batch_op.drop_column('counter_per_year')
    _sqlite_foreign_keys(True)
