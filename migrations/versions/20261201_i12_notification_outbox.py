"""Notification outbox: events, one delivery row per (event, user, channel), preferences, LINE links,
area follows; in-app notifications point at their event.

Written by hand. Runs on SQLite (batch mode for the notifications column) and PostgreSQL.

Revision ID: i12_notification_outbox
Revises: i13_search_bigrams
Create Date: 2026-12-01 22:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'i12_notification_outbox'
down_revision = 'i13_search_bigrams'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'notification_events',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('url', sa.String(length=300), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_notification_events_kind_url', 'notification_events', ['kind', 'url'])
    op.create_table(
        'notification_deliveries',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('event_id', sa.Integer(), sa.ForeignKey('notification_events.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
        sa.Column('lease_until', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=False, server_default=''),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('event_id', 'user_id', 'channel', name='uq_delivery_event_user_channel'),
    )
    op.create_index('ix_deliveries_status_due', 'notification_deliveries', ['status', 'next_attempt_at'])
    op.create_index('ix_deliveries_user_status', 'notification_deliveries', ['user_id', 'status'])
    op.create_table(
        'notification_preferences',
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('topic', sa.String(length=20), primary_key=True),
        sa.Column('channel', sa.String(length=10), primary_key=True),
        sa.Column('mode', sa.String(length=10), nullable=False),
    )
    op.create_table(
        'line_links',
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True),
        sa.Column('line_user_id', sa.String(length=64), nullable=True, unique=True),
        sa.Column('code', sa.String(length=12), nullable=True, unique=True),
        sa.Column('code_expires_at', sa.DateTime(), nullable=True),
        sa.Column('linked_at', sa.DateTime(), nullable=True),
    )
    op.create_table(
        'area_follows',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False),
        sa.Column('center_id', sa.Integer(), sa.ForeignKey('centers.id', ondelete='CASCADE'), nullable=True),
        sa.Column('theme', sa.String(length=10), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('user_id', 'center_id', 'theme', name='uq_area_follow'),
        sa.CheckConstraint('(center_id IS NULL) <> (theme IS NULL)', name='ck_area_follow_one_target'),
    )
    op.create_index('ix_area_follows_center', 'area_follows', ['center_id'])
    op.create_index('ix_area_follows_theme', 'area_follows', ['theme'])
    with op.batch_alter_table('notifications') as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_notifications_event', 'notification_events', ['event_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('notifications') as batch_op:
        batch_op.drop_constraint('fk_notifications_event', type_='foreignkey')
        batch_op.drop_column('event_id')
    op.drop_index('ix_area_follows_theme', table_name='area_follows')
    op.drop_index('ix_area_follows_center', table_name='area_follows')
    op.drop_table('area_follows')
    op.drop_table('line_links')
    op.drop_table('notification_preferences')
    op.drop_index('ix_deliveries_user_status', table_name='notification_deliveries')
    op.drop_index('ix_deliveries_status_due', table_name='notification_deliveries')
    op.drop_table('notification_deliveries')
    op.drop_index('ix_notification_events_kind_url', table_name='notification_events')
    op.drop_table('notification_events')
