"""calendar files also stored gzip-compressed, for clients that accept it

Revision ID: 0031
Revises: 0030
"""
import sqlalchemy as sa
from alembic import op

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new nullable column: SQLite adds it in place, no table copy.
    with op.batch_alter_table('calendar_feeds') as batch:
        batch.add_column(sa.Column('body_gzip', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    # Nothing refers to calendar_feeds, so SQLite's table copy needs no foreign-key care.
    with op.batch_alter_table('calendar_feeds') as batch:
        batch.drop_column('body_gzip')
