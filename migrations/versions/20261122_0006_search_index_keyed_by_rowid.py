"""Search index keyed by rowid on SQLite; an index for visible-issue counts.

Written by hand. SQLite: the FTS5 row's rowid becomes the issue id (app/issues/search.py now
deletes and joins by rowid instead of scanning the unindexed issue_id column), so the index is
rebuilt from issues and their visible comments. PostgreSQL keeps issue_id as its primary key.
Both: an index on (awaiting_approval, status, created_at) for list counts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 11:00:00
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

REBUILD = """
INSERT INTO issue_search (rowid, issue_id, document)
SELECT i.id, i.id, i.title || char(10) || i.body || coalesce(char(10) || (
    SELECT group_concat(c.body, char(10)) FROM comments c
    WHERE c.issue_id = i.id AND c.deleted_at IS NULL AND c.hidden_reason = ''), '')
FROM issues i
"""


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM issue_search")
        op.execute(REBUILD)
    op.create_index("ix_issues_visible", "issues", ["awaiting_approval", "status", "created_at"])


def downgrade():
    op.drop_index("ix_issues_visible", table_name="issues")
