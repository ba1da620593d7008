"""a workspace language per staff account

Revision ID: 0030
Revises: 0025
"""
import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('workspace_language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_column('workspace_language')
