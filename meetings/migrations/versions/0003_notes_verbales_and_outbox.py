"""notes verbales and outbox

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 20:27:04.411039

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('note_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('review', sa.Enum('reviewed', 'to_be_reviewed', name='review_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_note_templates_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_note_templates_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_note_templates_secretariat_id_secretariats'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note_templates')),
    sa.UniqueConstraint('secretariat_id', 'meeting_id', 'language', name=op.f('uq_note_templates_secretariat_id_meeting_id_language'))
    )
    with op.batch_alter_table('note_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_templates_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_templates_secretariat_id'), ['secretariat_id'], unique=False)

    op.create_table('notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=120), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('dated', sa.Date(), nullable=False),
    sa.Column('addressee', sa.String(length=400), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=True),
    sa.Column('docx', sa.LargeBinary(), nullable=True),
    sa.Column('template_reviewed', sa.Boolean(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('sequence >= 1', name=op.f('ck_notes_sequence_positive')),
    sa.ForeignKeyConstraint(['corrects_id'], ['notes.id'], name=op.f('fk_notes_corrects_id_notes'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_notes_invitation_id_invitations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_notes_issued_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_notes_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_notes_secretariat_id_secretariats'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes')),
    sa.UniqueConstraint('reference', name=op.f('uq_notes_reference')),
    sa.UniqueConstraint('secretariat_id', 'sequence', name=op.f('uq_notes_secretariat_id_sequence'))
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_invitation_id'), ['invitation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notes_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notes_secretariat_id'), ['secretariat_id'], unique=False)

    op.create_table('outbox_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('to', sa.JSON(), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=True),
    sa.Column('attachment_name', sa.String(length=255), nullable=True),
    sa.Column('attachment_type', sa.String(length=120), nullable=True),
    sa.Column('attachment', sa.LargeBinary(), nullable=True),
    sa.Column('reply_to', sa.String(length=254), nullable=True),
    sa.Column('note_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('queued', 'sent', 'failed', name='outbox_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['note_id'], ['notes.id'], name=op.f('fk_outbox_messages_note_id_notes'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_messages_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_messages_status'), ['status'], unique=False)

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('addressee_in_text', sa.String(length=400), nullable=True))

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('background', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('in_text', sa.String(length=600), nullable=True))
        batch_op.add_column(sa.Column('localized', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('note_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('earlier_notes', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('enclosure_pages', sa.Integer(), nullable=True))

    with op.batch_alter_table('meeting_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('localized', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))

    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('localized', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('note_closing', sa.Boolean(), nullable=False, server_default=sa.true()))




def downgrade():

    with op.batch_alter_table('meeting_documents', schema=None) as batch_op:
        batch_op.drop_column('localized')

    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.drop_column('note_closing')
        batch_op.drop_column('localized')

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('enclosure_pages')
        batch_op.drop_column('earlier_notes')
        batch_op.drop_column('note_date')
        batch_op.drop_column('localized')
        batch_op.drop_column('in_text')
        batch_op.drop_column('background')

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('addressee_in_text')

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_messages_status'))
        batch_op.drop_index(batch_op.f('ix_outbox_messages_next_attempt_at'))

    op.drop_table('outbox_messages')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_secretariat_id'))
        batch_op.drop_index(batch_op.f('ix_notes_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_notes_invitation_id'))

    op.drop_table('notes')
    with op.batch_alter_table('note_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_templates_secretariat_id'))
        batch_op.drop_index(batch_op.f('ix_note_templates_meeting_id'))

    op.drop_table('note_templates')

