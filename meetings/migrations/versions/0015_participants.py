"""list of participants: order and headings of categories, how family names are set

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    # Adding columns only: SQLite does it in place, no copy of `secretariats` is made.
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('participants_sections', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('participants_family_name', sa.String(length=16),
                                      server_default='capitals', nullable=False))


def downgrade():
    with op.batch_alter_table('secretariats', schema=None) as batch_op:
        batch_op.drop_column('participants_family_name')
        batch_op.drop_column('participants_sections')
