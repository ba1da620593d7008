"""registration

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 20:55:51.264846

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('link_attempts',
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('window_start', sa.DateTime(), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('address', name=op.f('pk_link_attempts'))
    )
    op.create_table('delegation_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by', sa.String(length=300), nullable=False),
    sa.Column('is_late', sa.Boolean(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_delegation_versions_delegation_id_delegations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation_versions')),
    sa.UniqueConstraint('delegation_id', 'number', name=op.f('uq_delegation_versions_delegation_id_number'))
    )
    with op.batch_alter_table('delegation_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegation_versions_delegation_id'), ['delegation_id'], unique=False)

    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_epoch', sa.Integer(), server_default='0', nullable=False))




def downgrade():

    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_column('calendar_epoch')

    with op.batch_alter_table('delegation_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegation_versions_delegation_id'))

    op.drop_table('delegation_versions')
    op.drop_table('link_attempts')

