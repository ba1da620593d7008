"""published days

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 21:12:35.275405

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_days', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))




def downgrade():

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('published_days')


