"""derived private links, outbox bound to an invitation, idempotent issuing

Links issued before this revision keep working: their SHA-256 stays in invitations.token_hash and
the lookup is unchanged. Their notes keep the link as it was printed until they are corrected
(README, "Private links after the upgrade").

Revision ID: 0010
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_salt', sa.String(length=32), nullable=True))

    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issue_key', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_notes_issue_key'), ['issue_key'], unique=False)

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invitation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_messages_invitation_id'), ['invitation_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_invitation_id_invitations'),
                                    'invitations', ['invitation_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_invitation_id_invitations'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_messages_invitation_id'))
        batch_op.drop_column('invitation_id')

    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_issue_key'))
        batch_op.drop_column('issue_key')

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('link_salt')
