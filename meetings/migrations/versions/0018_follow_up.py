"""follow-up of invitations: reminders sent, and governments that will not be represented

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 11:00:00

What it does to existing data: nothing is changed. Invitations get `declined_at` and
`declined_by` (empty: no government has declined yet); a new table `reminders` keeps one row per
invitation and day a reminder went out, unique on both, so a second run the same day sends nothing.
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('declined_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('declined_by', sa.String(length=300), nullable=True))
    op.create_table(
        'reminders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invitation_id', sa.Integer(), nullable=False),
        sa.Column('sent_on', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=False),
        sa.Column('sent_by', sa.String(length=300), nullable=False),
        sa.Column('outbox_message_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'],
                                name=op.f('fk_reminders_invitation_id_invitations'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'],
                                name=op.f('fk_reminders_outbox_message_id_outbox_messages'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
        sa.UniqueConstraint('invitation_id', 'sent_on',
                            name=op.f('uq_reminders_invitation_id_sent_on')),
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_invitation_id'), ['invitation_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_invitation_id'))
    op.drop_table('reminders')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('declined_by')
        batch_op.drop_column('declined_at')
