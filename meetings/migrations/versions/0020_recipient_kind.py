"""recipient kind on invitations: "the Government", "the Organization", "the Union"

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

KINDS = ('government', 'organization', 'un_entity', 'european_union', 'other')


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recipient_kind', sa.Enum(
            *KINDS, name='recipient_kind', native_enum=False, create_constraint=True,
            length=14), nullable=True))
    # Existing invitations take their party's kind; the European Union is known by its key.
    op.execute("""
        UPDATE invitations SET recipient_kind = (
            SELECT CASE
                WHEN parties.registry_key = 'org:eu' THEN 'european_union'
                WHEN parties.kind = 'state' THEN 'government'
                WHEN parties.kind = 'organization' THEN 'organization'
                WHEN parties.kind = 'un_entity' THEN 'un_entity'
                ELSE 'other' END
            FROM parties WHERE parties.id = invitations.party_id)
    """)
    op.execute("UPDATE invitations SET recipient_kind = 'other' WHERE recipient_kind IS NULL")
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.alter_column('recipient_kind', existing_type=sa.String(length=14),
                              nullable=False)


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_invitations_recipient_kind'), type_='check')
        batch_op.drop_column('recipient_kind')
