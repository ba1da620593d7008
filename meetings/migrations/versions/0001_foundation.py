"""foundation: secretariats, meetings, parties, invitations, delegations, audit

Revision ID: 0001
Revises:
Create Date: 2026-11-22 20:06:00.575625

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('state', 'organization', 'un_entity', 'other', name='party_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('registry_key', sa.String(length=40), nullable=True),
    sa.Column('iso3', sa.String(length=3), nullable=True),
    sa.Column('iso2', sa.String(length=2), nullable=True),
    sa.Column('m49', sa.String(length=3), nullable=True),
    sa.Column('un_status', sa.Enum('member_state', 'observer_state', 'none', name='un_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('working_language', sa.String(length=8), nullable=False),
    sa.Column('default_addressee', sa.String(length=400), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('emails', sa.JSON(), nullable=False),
    sa.Column('registry_values', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind <> 'state' OR iso3 IS NOT NULL", name=op.f('ck_parties_state_has_iso3')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parties')),
    sa.UniqueConstraint('iso3', name=op.f('uq_parties_iso3')),
    sa.UniqueConstraint('registry_key', name=op.f('uq_parties_registry_key'))
    )
    op.create_table('secretariats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=400), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=True),
    sa.Column('office', sa.String(length=300), nullable=True),
    sa.Column('sender', sa.String(length=300), nullable=False),
    sa.Column('sender_gender', sa.Enum('masculine', 'feminine', 'neuter', name='sender_gender', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('postal_address', sa.Text(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('fax', sa.String(length=60), nullable=True),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('motto', sa.String(length=300), nullable=True),
    sa.Column('reference_pattern', sa.String(length=120), nullable=False),
    sa.Column('reference_next', sa.Integer(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('reference_next >= 1', name=op.f('ck_secretariats_reference_next_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_secretariats')),
    sa.UniqueConstraint('slug', name=op.f('uq_secretariats_slug'))
    )
    op.create_table('stored_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('size >= 0', name=op.f('ck_stored_files_size_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('short_title', sa.String(length=200), nullable=True),
    sa.Column('body', sa.String(length=500), nullable=True),
    sa.Column('mandate', sa.Text(), nullable=True),
    sa.Column('functions', sa.Text(), nullable=True),
    sa.Column('venue_name', sa.String(length=300), nullable=True),
    sa.Column('venue_address', sa.Text(), nullable=True),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=120), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('registration_opens_on', sa.Date(), nullable=True),
    sa.Column('registration_deadline', sa.Date(), nullable=True),
    sa.Column('registration_deadline_time', sa.Time(), nullable=True),
    sa.Column('registration_closes_at', sa.DateTime(), nullable=True),
    sa.Column('late_policy', sa.Enum('close', 'accept_late', name='late_policy', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('note_verbale_required', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'announced', 'registration_open', 'registration_closed', 'held', 'postponed', 'cancelled', name='meeting_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('last_day >= first_day', name=op.f('ck_meetings_days_in_order')),
    sa.CheckConstraint('registration_deadline IS NULL OR registration_deadline < first_day', name=op.f('ck_meetings_deadline_before_first_day')),
    sa.CheckConstraint('registration_deadline_time IS NULL OR registration_deadline IS NOT NULL', name=op.f('ck_meetings_deadline_time_needs_date')),
    sa.CheckConstraint('registration_opens_on IS NULL OR registration_deadline IS NULL OR registration_opens_on <= registration_deadline', name=op.f('ck_meetings_opens_before_deadline')),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_meetings_secretariat_id_secretariats'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('slug', name=op.f('uq_meetings_slug'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_registration_closes_at'), ['registration_closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_secretariat_id'), ['secretariat_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('admin', 'officer', 'viewer', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_memberships_secretariat_id_secretariats'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('user_id', 'secretariat_id', name=op.f('uq_memberships_user_id_secretariat_id'))
    )
    op.create_table('party_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('short_name', sa.String(length=300), nullable=False),
    sa.Column('article', sa.String(length=10), nullable=True),
    sa.Column('formal_name', sa.String(length=400), nullable=True),
    sa.Column('acronym', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_party_names_party_id_parties'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_names')),
    sa.UniqueConstraint('party_id', 'language', name=op.f('uq_party_names_party_id_language'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=300), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_audit_events_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_audit_events_secretariat_id_secretariats'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_audit_events_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_secretariat_id'), ['secretariat_id'], unique=False)

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('state_party', 'signatory_state', 'member_state', 'observer_state', 'observer_organization', 'un_entity', 'other', name='invitation_category', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('addressee', sa.String(length=400), nullable=False),
    sa.Column('emails', sa.JSON(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('reference', sa.String(length=120), nullable=True),
    sa.Column('status', sa.Enum('listed', 'issued', 'withdrawn', name='invitation_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('token_issued_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("status <> 'withdrawn' OR withdrawn_at IS NOT NULL", name=op.f('ck_invitations_withdrawn_has_date')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_invitations_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_invitations_party_id_parties'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('meeting_id', 'party_id', name=op.f('uq_invitations_meeting_id_party_id')),
    sa.UniqueConstraint('reference', name=op.f('uq_invitations_reference')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_party_id'), ['party_id'], unique=False)

    op.create_table('meeting_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('symbol', sa.String(length=80), nullable=True),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('attached_to_note', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('url IS NOT NULL OR file_id IS NOT NULL', name=op.f('ck_meeting_documents_url_or_file')),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_meeting_documents_file_id_stored_files'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_documents_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_documents'))
    )
    with op.batch_alter_table('meeting_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_documents_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('meeting_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('immediately_before', 'immediately_after', 'during', 'jointly_with', name='link_kind', native_enum=False, create_constraint=True), nullable=False),
    sa.CheckConstraint('meeting_id <> other_id', name=op.f('ck_meeting_links_not_to_itself')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_links_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['meetings.id'], name=op.f('fk_meeting_links_other_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_links')),
    sa.UniqueConstraint('meeting_id', 'other_id', name=op.f('uq_meeting_links_meeting_id_other_id'))
    )
    with op.batch_alter_table('meeting_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_links_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_links_other_id'), ['other_id'], unique=False)

    op.create_table('sittings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.Column('room', sa.String(length=200), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('status', sa.Enum('scheduled', 'tentative', 'cancelled', name='sitting_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('uid', sa.String(length=120), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_sittings_ends_after_start')),
    sa.CheckConstraint('sequence >= 0', name=op.f('ck_sittings_sequence_not_negative')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_sittings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sittings')),
    sa.UniqueConstraint('uid', name=op.f('uq_sittings_uid'))
    )
    with op.batch_alter_table('sittings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sittings_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('delegations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'returned', 'confirmed', name='delegation_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('focal_point_name', sa.String(length=200), nullable=True),
    sa.Column('focal_point_position', sa.String(length=200), nullable=True),
    sa.Column('focal_point_email', sa.String(length=254), nullable=True),
    sa.Column('focal_point_phone', sa.String(length=60), nullable=True),
    sa.Column('note_file_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('is_late', sa.Boolean(), nullable=False),
    sa.Column('entered_by_secretariat', sa.Boolean(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('return_comment', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status = 'draft' OR submitted_at IS NOT NULL", name=op.f('ck_delegations_submitted_has_date')),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_delegations_invitation_id_invitations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['note_file_id'], ['stored_files.id'], name=op.f('fk_delegations_note_file_id_stored_files'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegations')),
    sa.UniqueConstraint('invitation_id', name=op.f('uq_delegations_invitation_id'))
    )
    op.create_table('delegates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('honorific', sa.String(length=40), nullable=True),
    sa.Column('given_name', sa.String(length=200), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=300), nullable=True),
    sa.Column('function', sa.Enum('head', 'alternate', 'adviser', 'expert', name='delegate_function', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=60), nullable=True),
    sa.Column('gender', sa.Enum('female', 'male', 'other', name='gender', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('calendar_token_hash', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_delegates_delegation_id_delegations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegates')),
    sa.UniqueConstraint('calendar_token_hash', name=op.f('uq_delegates_calendar_token_hash'))
    )
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delegates_delegation_id'), ['delegation_id'], unique=False)

    op.create_table('delegate_attendance',
    sa.Column('delegate_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'], name=op.f('fk_delegate_attendance_delegate_id_delegates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_delegate_attendance_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('delegate_id', 'meeting_id', name=op.f('pk_delegate_attendance'))
    )



def downgrade():

    op.drop_table('delegate_attendance')
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegates_delegation_id'))

    op.drop_table('delegates')
    op.drop_table('delegations')
    with op.batch_alter_table('sittings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sittings_meeting_id'))

    op.drop_table('sittings')
    with op.batch_alter_table('meeting_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_links_other_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_links_meeting_id'))

    op.drop_table('meeting_links')
    with op.batch_alter_table('meeting_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_documents_meeting_id'))

    op.drop_table('meeting_documents')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_party_id'))
        batch_op.drop_index(batch_op.f('ix_invitations_meeting_id'))

    op.drop_table('invitations')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_secretariat_id'))
        batch_op.drop_index('ix_audit_events_object')
        batch_op.drop_index(batch_op.f('ix_audit_events_meeting_id'))

    op.drop_table('audit_events')
    op.drop_table('party_names')
    op.drop_table('memberships')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_secretariat_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_registration_closes_at'))

    op.drop_table('meetings')
    op.drop_table('users')
    op.drop_table('stored_files')
    op.drop_table('secretariats')
    op.drop_table('parties')

