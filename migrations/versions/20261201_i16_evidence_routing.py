"""Evidence and 担当課 routing: KPI actuals (with corrections) and platform links, departments and their
staff, referrals, department replies on comments, and where a 対象外 issue is sent.

Written by hand. New tables only, plus nullable/defaulted columns on comments and issues (batch mode
so SQLite can add the foreign keys).

Revision ID: i16_evidence_routing
Revises: i15a_intake
Create Date: 2026-12-01 21:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'i16_evidence_routing'
down_revision = 'i15a_intake'
branch_labels = None
depends_on = None


def _foreign_keys(on):
    """SQLite rebuilds a table to add a foreign key (batch mode); other tables reference issues and comments,
    so the checks are paused while it does (the app turns them on for every connection)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade():
    op.create_table(
        'departments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('contact_url', sa.String(length=300), nullable=False),
        sa.Column('phone', sa.String(length=30), nullable=False),
        sa.Column('handles', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('is_sample', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
        sa.UniqueConstraint('name', name=op.f('uq_departments_name')),
    )
    op.create_table(
        'department_members',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_department_members_department_id_departments'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_department_members_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'department_id', name=op.f('pk_department_members')),
    )
    op.create_table(
        'referrals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('issue_id', sa.Integer(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('referred_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('first_reply_at', sa.DateTime(), nullable=True),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('close_note', sa.Text(), nullable=False),
        sa.Column('is_sample', sa.Boolean(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'answered', 'returned', 'resolved')",
                           name=op.f('ck_referrals_status_known')),
        sa.ForeignKeyConstraint(['issue_id'], ['issues.id'], name=op.f('fk_referrals_issue_id_issues'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_referrals_department_id_departments')),
        sa.ForeignKeyConstraint(['referred_by_id'], ['users.id'], name=op.f('fk_referrals_referred_by_id_users')),
        sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_referrals_closed_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    )
    op.create_index('ix_referrals_issue_id', 'referrals', ['issue_id'])
    op.create_index('ix_referrals_queue', 'referrals', ['department_id', 'status', 'created_at'])
    op.create_table(
        'plan_kpi_actuals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kpi_code', sa.String(length=16), nullable=False),
        sa.Column('fiscal_year', sa.Integer(), nullable=False),
        sa.Column('segment', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=60), nullable=False),
        sa.Column('value_number', sa.Float(), nullable=True),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('source_note', sa.String(length=300), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('replaces_id', sa.Integer(), nullable=True),
        sa.Column('correction_reason', sa.String(length=300), nullable=False),
        sa.Column('is_sample', sa.Boolean(), nullable=False),
        sa.CheckConstraint('fiscal_year BETWEEN 2000 AND 2100', name=op.f('ck_plan_kpi_actuals_fiscal_year_range')),
        sa.ForeignKeyConstraint(['kpi_code'], ['plan_kpis.code'], name=op.f('fk_plan_kpi_actuals_kpi_code_plan_kpis')),
        sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_plan_kpi_actuals_entered_by_id_users')),
        sa.ForeignKeyConstraint(['replaces_id'], ['plan_kpi_actuals.id'],
                                name=op.f('fk_plan_kpi_actuals_replaces_id_plan_kpi_actuals')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_kpi_actuals')),
        sa.UniqueConstraint('replaces_id', name=op.f('uq_plan_kpi_actuals_replaces_id')),
    )
    op.create_index('ix_plan_kpi_actuals_kpi_code', 'plan_kpi_actuals', ['kpi_code'])
    op.create_table(
        'plan_kpi_links',
        sa.Column('kpi_code', sa.String(length=16), nullable=False),
        sa.Column('measure', sa.String(length=30), nullable=False),
        sa.Column('center_id', sa.Integer(), nullable=True),
        sa.Column('linked_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('is_sample', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['kpi_code'], ['plan_kpis.code'], name=op.f('fk_plan_kpi_links_kpi_code_plan_kpis')),
        sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_plan_kpi_links_center_id_centers'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['linked_by_id'], ['users.id'], name=op.f('fk_plan_kpi_links_linked_by_id_users')),
        sa.PrimaryKeyConstraint('kpi_code', name=op.f('pk_plan_kpi_links')),
    )
    _foreign_keys(False)
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('official_department_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comments_official_department_id_departments'), 'departments',
                                    ['official_department_id'], ['id'])
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.add_column(sa.Column('out_of_scope_department_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('out_of_scope_body', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('out_of_scope_contact', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_issues_out_of_scope_department_id_departments'), 'departments',
                                    ['out_of_scope_department_id'], ['id'], ondelete='SET NULL')
    _foreign_keys(True)


def downgrade():
    _foreign_keys(False)
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_issues_out_of_scope_department_id_departments'), type_='foreignkey')
        batch_op.drop_column('out_of_scope_contact')
        batch_op.drop_column('out_of_scope_body')
        batch_op.drop_column('out_of_scope_department_id')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comments_official_department_id_departments'), type_='foreignkey')
        batch_op.drop_column('official_department_id')
    _foreign_keys(True)
    op.drop_table('plan_kpi_links')
    op.drop_index('ix_plan_kpi_actuals_kpi_code', table_name='plan_kpi_actuals')
    op.drop_table('plan_kpi_actuals')
    op.drop_index('ix_referrals_queue', table_name='referrals')
    op.drop_index('ix_referrals_issue_id', table_name='referrals')
    op.drop_table('referrals')
    op.drop_table('department_members')
    op.drop_table('departments')
