"""party groups

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 20:15:57.510988

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('party_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('default_category', sa.Enum('state_party', 'signatory_state', 'member_state', 'observer_state', 'observer_organization', 'un_entity', 'other', name='invitation_category', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_party_groups_secretariat_id_secretariats'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_groups')),
    sa.UniqueConstraint('secretariat_id', 'name', name=op.f('uq_party_groups_secretariat_id_name'))
    )
    with op.batch_alter_table('party_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_groups_secretariat_id'), ['secretariat_id'], unique=False)

    op.create_table('party_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['party_groups.id'], name=op.f('fk_party_group_members_group_id_party_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_party_group_members_party_id_parties'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('group_id', 'party_id', name=op.f('pk_party_group_members'))
    )



def downgrade():

    op.drop_table('party_group_members')
    with op.batch_alter_table('party_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_groups_secretariat_id'))

    op.drop_table('party_groups')

