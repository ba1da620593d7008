"""translations in the workspace: sitting titles in other languages

Revision ID: 0024
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sittings') as batch:
        batch.add_column(sa.Column('localized', sa.JSON(), nullable=False,
                                   server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table('sittings') as batch:
        batch.drop_column('localized')
