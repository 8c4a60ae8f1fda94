"""No counter goes below zero: CHECK constraints on every denormalised count.

Written by hand. Counts that already went negative (the old comment delete lowered the count once
per request, so simultaneous deletes drove it below zero) are first recounted from their rows.

Revision ID: i11a_counters_not_negative
Revises: 0006
Create Date: 2026-12-01 22:00:00
"""
from alembic import op

revision = 'i11a_counters_not_negative'
down_revision = '0006'
branch_labels = None
depends_on = None

RECOUNT = [
    "UPDATE issues SET comment_count = (SELECT COUNT(*) FROM comments WHERE comments.issue_id = issues.id"
    " AND comments.deleted_at IS NULL) WHERE comment_count < 0",
    "UPDATE issues SET photo_count = 0 WHERE photo_count < 0",
    "UPDATE workshops SET walk_in_count = 0 WHERE walk_in_count < 0",
    "UPDATE workshops SET confirmed_count = (SELECT COUNT(*) FROM workshop_registrations r"
    " WHERE r.workshop_id = workshops.id AND r.status = 'confirmed') WHERE confirmed_count < 0",
    "UPDATE workshop_outputs SET vote_count = (SELECT COUNT(*) FROM workshop_output_votes v"
    " WHERE v.output_id = workshop_outputs.id) WHERE vote_count < 0",
    "UPDATE workshop_outputs SET comment_count = (SELECT COUNT(*) FROM workshop_output_comments c"
    " WHERE c.output_id = workshop_outputs.id) WHERE comment_count < 0",
]

CHECKS = {
    "issues": [("comment_count_not_negative", "comment_count >= 0"), ("photo_count_not_negative", "photo_count >= 0")],
    "workshops": [("confirmed_count_not_negative", "confirmed_count >= 0"),
                  ("walk_in_count_not_negative", "walk_in_count >= 0")],
    "workshop_outputs": [("vote_count_not_negative", "vote_count >= 0"),
                         ("comment_count_not_negative", "comment_count >= 0")],
}


def _foreign_keys(on):
    """SQLite adds a CHECK by rebuilding the table; with foreign keys on, dropping the old table would
    cascade-delete every comment, vote and follow. The pragma only changes outside a transaction."""
    if op.get_bind().dialect.name == "sqlite":
        with op.get_context().autocommit_block():
            op.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade():
    for statement in RECOUNT:
        op.execute(statement)
    _foreign_keys(False)
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch:
            for name, condition in checks:
                batch.create_check_constraint(op.f(f"ck_{table}_{name}"), condition)
    _foreign_keys(True)


def downgrade():
    _foreign_keys(False)
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch:
            for name, _condition in checks:
                batch.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
    _foreign_keys(True)
