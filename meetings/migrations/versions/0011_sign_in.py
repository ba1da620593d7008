"""sign-in throttle and session versions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 02:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'login_attempts',
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('key', sa.String(length=320), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('last_failure_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('account', 'address')",
                           name=op.f('ck_login_attempts_kind_known')),
        sa.PrimaryKeyConstraint('kind', 'key', name=op.f('pk_login_attempts')),
    )
    op.create_index('ix_login_attempts_last_failure_at', 'login_attempts', ['last_failure_at'])
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(),
                                      server_default=sa.text('1'), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
    op.drop_index('ix_login_attempts_last_failure_at', table_name='login_attempts')
    op.drop_table('login_attempts')
