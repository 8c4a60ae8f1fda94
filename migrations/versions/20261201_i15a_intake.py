"""代理受付: intakes and their call log; assisted issues name the receiving center; supports and
workshop sign-ups without an account.

Written by hand.
- intakes / intake_calls: new tables (app/intake/models.py).
- issues.intake_method, issues.intake_center_id: the public byline 「○○公民館が窓口で受け付けました」.
- votes.user_id becomes nullable: a support taken at a center for a resident without an account
  (it gets the resident's user id when they claim it). The unique (issue_id, user_id) still holds
  for accounts; NULLs never clash on SQLite or PostgreSQL.
- workshop_registrations.user_id becomes nullable, with guest_name, guest_phone, added_by_id.

Revision ID: i15a_intake
Revises: i11a_counters_not_negative
Create Date: 2026-12-01 22:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'i15a_intake'
down_revision = 'i11a_counters_not_negative'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("issues") as batch:
        batch.add_column(sa.Column("intake_method", sa.String(12), nullable=True))
        batch.add_column(sa.Column("intake_center_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_issues_intake_center_id_centers", "centers", ["intake_center_id"], ["id"])
    with op.batch_alter_table("votes") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("workshop_registrations") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("guest_name", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("guest_phone", sa.String(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("added_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_workshop_registrations_added_by_id_users", "users", ["added_by_id"], ["id"])

    op.create_table(
        "intakes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("method", sa.String(12), nullable=False),
        sa.Column("center_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=True),
        sa.Column("resident_name", sa.String(100), nullable=False),
        sa.Column("resident_contact", sa.String(200), nullable=False),
        sa.Column("contact_erased_at", sa.DateTime(), nullable=True),
        sa.Column("claim_code_hash", sa.String(64), nullable=True),
        sa.Column("claimed_by_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('issue', 'support')", name=op.f("ck_intakes_intake_kind_known")),
        sa.CheckConstraint("method IN ('counter', 'phone', 'paper', 'workshop')",
                           name=op.f("ck_intakes_intake_method_known")),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_intakes_center_id_centers")),
        sa.ForeignKeyConstraint(["staff_id"], ["users.id"], name=op.f("fk_intakes_staff_id_users")),
        sa.ForeignKeyConstraint(["issue_id"], ["issues.id"], name=op.f("fk_intakes_issue_id_issues"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_intakes_vote_id_votes"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["claimed_by_id"], ["users.id"], name=op.f("fk_intakes_claimed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intakes")),
        sa.UniqueConstraint("claim_code_hash", name=op.f("uq_intakes_claim_code_hash")),
    )
    op.create_index(op.f("ix_intakes_center_id"), "intakes", ["center_id"])
    op.create_index(op.f("ix_intakes_issue_id"), "intakes", ["issue_id"])
    op.create_table(
        "intake_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["intake_id"], ["intakes.id"], name=op.f("fk_intake_calls_intake_id_intakes"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["users.id"], name=op.f("fk_intake_calls_staff_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_calls")),
    )
    op.create_index(op.f("ix_intake_calls_intake_id"), "intake_calls", ["intake_id"])


def downgrade():
    op.drop_index("ix_intake_calls_intake_id", "intake_calls")
    op.drop_table("intake_calls")
    op.drop_index("ix_intakes_issue_id", "intakes")
    op.drop_index("ix_intakes_center_id", "intakes")
    op.drop_table("intakes")
    op.execute("DELETE FROM workshop_registrations WHERE user_id IS NULL")
    with op.batch_alter_table("workshop_registrations") as batch:
        batch.drop_constraint("fk_workshop_registrations_added_by_id_users", type_="foreignkey")
        batch.drop_column("added_by_id")
        batch.drop_column("guest_phone")
        batch.drop_column("guest_name")
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
    op.execute("DELETE FROM votes WHERE user_id IS NULL")
    with op.batch_alter_table("votes") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("issues") as batch:
        batch.drop_constraint("fk_issues_intake_center_id_centers", type_="foreignkey")
        batch.drop_column("intake_center_id")
        batch.drop_column("intake_method")
