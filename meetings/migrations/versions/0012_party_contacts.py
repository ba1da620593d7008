"""party contacts per secretariat

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 02:40:00

What it does to existing data:
- each party's e-mail addresses and default addressee (until now shared by every secretariat)
  become a `party_contacts` row for each secretariat that has invited the party; the addressee
  is filed under the party's working language;
- a working language edited by hand (different from what the shipped registry wrote) moves into
  those rows too, and the shared party goes back to the shipped value;
- contact data of a party nobody has invited goes to the only secretariat when there is one;
  otherwise it is kept in an audit event ("contact data left the shared registry", no
  secretariat) so nothing is lost, and no secretariat inherits another's addresses;
- every row created is audited with its secretariat ("contact moved from the shared registry");
- invitations keep the addresses they already copied; users get is_service_admin = false.
Downgrade copies back, per party, the contact of the lowest secretariat id.
"""
import json
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

ACTOR = "migration 0012 (registry per secretariat)"


def _tables():
    meta = sa.MetaData()
    parties = sa.Table(
        'parties', meta, sa.Column('id', sa.Integer), sa.Column('working_language', sa.String),
        sa.Column('default_addressee', sa.String), sa.Column('emails', sa.JSON),
        sa.Column('registry_values', sa.JSON),
    )
    contacts = sa.Table(
        'party_contacts', meta, sa.Column('id', sa.Integer), sa.Column('secretariat_id', sa.Integer),
        sa.Column('party_id', sa.Integer), sa.Column('working_language', sa.String),
        sa.Column('addressees', sa.JSON), sa.Column('address', sa.Text),
        sa.Column('emails', sa.JSON), sa.Column('notes', sa.Text),
        sa.Column('created_at', sa.DateTime), sa.Column('updated_at', sa.DateTime),
    )
    audit = sa.Table(
        'audit_events', meta, sa.Column('id', sa.Integer), sa.Column('at', sa.DateTime),
        sa.Column('actor', sa.String), sa.Column('secretariat_id', sa.Integer),
        sa.Column('object_type', sa.String), sa.Column('object_id', sa.Integer),
        sa.Column('action', sa.String), sa.Column('changes', sa.JSON),
    )
    return parties, contacts, audit


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite copies `parties` to change it, and invitations and groups refer to it: foreign keys
    are off for the copy. The pragma is ignored inside a transaction, so what ran before is
    committed first (SQLite's DDL is not transactional in Alembic anyway)."""
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    dbapi: Any = bind.connection.dbapi_connection
    if dbapi.in_transaction:
        dbapi.commit()
    dbapi.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    if on:
        problems = dbapi.execute('PRAGMA foreign_key_check').fetchall()
        if problems:
            raise RuntimeError(f'foreign keys broken by the copy: {problems[:5]}')


def _loaded(value):
    return json.loads(value) if isinstance(value, str) else value


def _move_contact_data(conn):
    parties, contacts, audit = _tables()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    secretariat_ids = list(conn.scalars(sa.text("SELECT id FROM secretariats ORDER BY id")))
    for party in conn.execute(sa.select(parties)).mappings().all():
        emails = _loaded(party['emails']) or []
        shipped = _loaded(party['registry_values']) or {}
        language = party['working_language']
        edited_language = bool(shipped) and language != shipped.get('working_language', language)
        if not (emails or party['default_addressee'] or edited_language):
            continue
        inviting = list(conn.scalars(sa.text(
            "SELECT DISTINCT meetings.secretariat_id FROM invitations "
            "JOIN meetings ON meetings.id = invitations.meeting_id "
            "WHERE invitations.party_id = :party ORDER BY meetings.secretariat_id"
        ), {"party": party['id']}))
        if not inviting and len(secretariat_ids) == 1:
            inviting = secretariat_ids
        values = {
            'working_language': language if edited_language else None,
            'addressees': {language: party['default_addressee']} if party['default_addressee']
            else {},
            'emails': emails,
        }
        if not inviting:
            conn.execute(audit.insert().values(
                at=now, actor=ACTOR, secretariat_id=None, object_type='Party',
                object_id=party['id'], action='contact data left the shared registry',
                changes={**values, 'reason': 'no secretariat had invited the party'},
            ))
        for secretariat_id in inviting:
            contact_id = conn.execute(contacts.insert().values(
                secretariat_id=secretariat_id, party_id=party['id'], address=None,
                notes='Moved from the shared registry when each secretariat got its own.',
                created_at=now, updated_at=now, **values,
            ).returning(contacts.c.id)).scalar_one()
            conn.execute(audit.insert().values(
                at=now, actor=ACTOR, secretariat_id=secretariat_id, object_type='PartyContact',
                object_id=contact_id, action='contact moved from the shared registry',
                changes={'party_id': party['id'], **values},
            ))
        if edited_language:
            conn.execute(parties.update().where(parties.c.id == party['id'])
                         .values(working_language=shipped['working_language']))


def upgrade():
    op.create_table('party_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('secretariat_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('working_language', sa.String(length=8), nullable=True),
    sa.Column('addressees', sa.JSON(), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('emails', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_party_contacts_party_id_parties'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['secretariat_id'], ['secretariats.id'], name=op.f('fk_party_contacts_secretariat_id_secretariats'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party_contacts')),
    sa.UniqueConstraint('secretariat_id', 'party_id', name=op.f('uq_party_contacts_secretariat_id_party_id'))
    )
    with op.batch_alter_table('party_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_contacts_secretariat_id'), ['secretariat_id'], unique=False)

    # A plain string default: SQLite then adds the column in place instead of copying `users`,
    # which memberships and the audit refer to.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_service_admin', sa.Boolean(), server_default=sa.false(), nullable=False))

    _move_contact_data(op.get_bind())

    _sqlite_foreign_keys(False)
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secretariat_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_parties_secretariat_id'), ['secretariat_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_parties_secretariat_id_secretariats'), 'secretariats', ['secretariat_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_column('default_addressee')
        batch_op.drop_column('emails')
    _sqlite_foreign_keys(True)


def downgrade():
    _sqlite_foreign_keys(False)
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_parties_secretariat_id_secretariats'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_parties_secretariat_id'))
        batch_op.drop_column('secretariat_id')
        batch_op.add_column(sa.Column('emails', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('default_addressee', sa.String(length=400), nullable=True))

    conn = op.get_bind()
    parties, contacts, _ = _tables()
    seen = set()
    for contact in conn.execute(sa.select(contacts).order_by(contacts.c.secretariat_id)).mappings():
        if contact['party_id'] in seen:
            continue
        seen.add(contact['party_id'])
        addressees = _loaded(contact['addressees']) or {}
        conn.execute(parties.update().where(parties.c.id == contact['party_id']).values(
            emails=_loaded(contact['emails']) or [],
            default_addressee=next(iter(addressees.values()), None),
        ))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_service_admin')

    with op.batch_alter_table('party_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_contacts_secretariat_id'))

    op.drop_table('party_contacts')
    _sqlite_foreign_keys(True)
