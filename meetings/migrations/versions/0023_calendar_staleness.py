"""calendar files go stale only with what they show: audit events marked shown_in_calendars

Revision ID: 0023
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0020'
branch_labels = None
depends_on = None

SHOWN = ('Meeting', 'Sitting', 'MeetingDocument', 'MeetingLink', 'Secretariat')


def upgrade() -> None:
    with op.batch_alter_table('audit_events') as batch:
        batch.add_column(sa.Column('shown_in_calendars', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    events = sa.table('audit_events', sa.column('object_type', sa.String),
                      sa.column('shown_in_calendars', sa.Boolean))
    op.execute(events.update().where(events.c.object_type.in_(SHOWN))
               .values(shown_in_calendars=True))
    op.create_index('ix_audit_events_calendars', 'audit_events', ['secretariat_id', 'id'],
                    postgresql_where=sa.text('shown_in_calendars'),
                    sqlite_where=sa.text('shown_in_calendars'))
    # Stored files carry fingerprints of the old kind: each is rebuilt at its next request.
    op.execute('DELETE FROM calendar_feeds')


def downgrade() -> None:
    op.drop_index('ix_audit_events_calendars', table_name='audit_events')
    with op.batch_alter_table('audit_events') as batch:
        batch.drop_column('shown_in_calendars')
