"""Search index of character unigrams and bigrams per field (finds 1- and 2-character words on both databases).

Written by hand. Replaces `issue_search` (SQLite FTS5 trigram / PostgreSQL pg_trgm over one
document) with the index described in app/issues/search.py:
- SQLite: contentless FTS5 `issue_search(t, b, c)`, rowid = issue id, beside a plain table
  `issue_search_text(issue_id, title, body, comments)` of the normalised text;
- PostgreSQL: `issue_search(issue_id, title, body, comments, t, tb, doc)` with a GIN index on each
  tsvector (the pg_trgm extension is left installed; nothing uses it any more).
The rows are rebuilt from the issues and their visible comments with the application's own
normaliser and tokens (app/issues/search.py::index_row), 2,000 issues at a time.
Downgrade restores the previous table and rebuilds it the previous way.

Revision ID: i13_search_bigrams
Revises: i16_evidence_routing
"""
from alembic import op
from sqlalchemy import text

revision = 'i13_search_bigrams'
down_revision = 'i16_evidence_routing'
branch_labels = None
depends_on = None

BATCH = 2000
SQLITE_TABLES = ("CREATE VIRTUAL TABLE issue_search USING fts5(t, b, c, content='', "
                 "tokenize='unicode61 remove_diacritics 0')",
                 "CREATE TABLE issue_search_text (issue_id INTEGER PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE, "
                 "title TEXT NOT NULL, body TEXT NOT NULL, comments TEXT NOT NULL)")
PG_TABLE = ("CREATE TABLE issue_search (issue_id integer PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE, "
            "title text NOT NULL, body text NOT NULL, comments text NOT NULL, "
            "t tsvector NOT NULL, tb tsvector NOT NULL, doc tsvector NOT NULL)")


def create_index(dialect):
    """The empty index table (shared with the benchmark, which fills it in bulk)."""
    if dialect == "sqlite":
        for sql in SQLITE_TABLES:
            op.execute(sql)
    else:
        op.execute(PG_TABLE)
        for column in ("t", "tb", "doc"):
            op.execute(f"CREATE INDEX ix_issue_search_{column} ON issue_search USING gin ({column})")


def _rebuild(bind):
    from app.issues.search import index_row, write_rows

    last = 0
    while True:
        issues = bind.execute(text("SELECT id, title, body FROM issues WHERE id > :last ORDER BY id LIMIT :n"),
                              {"last": last, "n": BATCH}).all()
        if not issues:
            return
        comments = {}
        for issue_id, body in bind.execute(text(
                "SELECT issue_id, body FROM comments WHERE issue_id > :first AND issue_id <= :last "
                "AND deleted_at IS NULL AND hidden_reason = '' ORDER BY id"),
                {"first": last, "last": issues[-1].id}):
            comments.setdefault(issue_id, []).append(body)
        rows = [index_row(i.id, i.title, i.body, "\n".join(c for c in comments.get(i.id, []) if c)) for i in issues]
        write_rows(bind, rows, bind.dialect.name)
        last = issues[-1].id


def upgrade():
    bind = op.get_bind()
    op.execute("DROP TABLE issue_search")
    create_index(bind.dialect.name)
    _rebuild(bind)


OLD_SQLITE_REBUILD = """
INSERT INTO issue_search (rowid, issue_id, document)
SELECT i.id, i.id, i.title || char(10) || i.body || coalesce(char(10) || (
    SELECT group_concat(c.body, char(10)) FROM comments c
    WHERE c.issue_id = i.id AND c.deleted_at IS NULL AND c.hidden_reason = ''), '')
FROM issues i
"""
OLD_PG_REBUILD = """
INSERT INTO issue_search (issue_id, document)
SELECT i.id, i.title || chr(10) || i.body || coalesce(chr(10) || (
    SELECT string_agg(c.body, chr(10) ORDER BY c.id) FROM comments c
    WHERE c.issue_id = i.id AND c.deleted_at IS NULL AND c.hidden_reason = ''), '')
FROM issues i
"""


def downgrade():
    op.execute("DROP TABLE issue_search")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE issue_search_text")
        op.execute("CREATE VIRTUAL TABLE issue_search USING fts5(issue_id UNINDEXED, document, tokenize='trigram')")
        op.execute(OLD_SQLITE_REBUILD)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE TABLE issue_search (issue_id integer PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE, "
                   "document text NOT NULL)")
        op.execute("CREATE INDEX ix_issue_search_trgm ON issue_search USING gin (document gin_trgm_ops)")
        op.execute(OLD_PG_REBUILD)
