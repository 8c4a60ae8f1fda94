"""Japanese full-text search over issue titles, bodies and comments.

One table, `issue_search(issue_id, document)`, kept in sync by `reindex()`:
- SQLite: an FTS5 virtual table with the trigram tokenizer (substring match, any script);
- PostgreSQL: a plain table with a pg_trgm GIN index, queried with ILIKE.
Both give substring semantics: every whitespace-separated term must occur (case-insensitive).
Terms of one or two characters cannot use trigrams; they fall back to LIKE over the same
compact table (a scan of one text column, not of the issues and comments).
"""
import re

from sqlalchemy import bindparam, text

from app.extensions import db
from app.util.sanitize import clean_text

MAX_TERMS = 5
MAX_QUERY = 100


def _dialect():
    return db.session.get_bind().dialect.name


def terms(query):
    """Normalised search terms (NFC, no control characters), at most MAX_TERMS."""
    q = clean_text(query)[:MAX_QUERY]
    return [t for t in re.split(r"[\s\u3000]+", q) if t][:MAX_TERMS]


def document_for(issue, comments=None):
    from app.issues.models import Comment
    if comments is None:
        comments = db.session.execute(
            db.select(Comment.body).where(Comment.issue_id == issue.id, Comment.deleted_at.is_(None),
                                          Comment.hidden_reason == "")
        ).scalars().all()
    return "\n".join([issue.title, issue.body, *comments])


def reindex(issue):
    """Replace the issue's row in the search table (call after any change to its text or comments)."""
    remove(issue.id)
    # On SQLite the FTS rowid *is* the issue id: deletes and joins use the rowid, not an unindexed column.
    columns = "rowid, issue_id" if _dialect() == "sqlite" else "issue_id"
    values = ":id, :id" if _dialect() == "sqlite" else ":id"
    db.session.execute(text(f"INSERT INTO issue_search ({columns}, document) VALUES ({values}, :doc)"),
                       {"id": issue.id, "doc": document_for(issue)})


def remove(issue_id):
    key = "rowid" if _dialect() == "sqlite" else "issue_id"
    db.session.execute(text(f"DELETE FROM issue_search WHERE {key} = :id"), {"id": issue_id})


def _like_escape(term):
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_ids(query):
    """A SELECT of issue ids matching every term, or None for an empty query."""
    words = terms(query)
    if not words:
        return None
    params, conditions = {}, []
    if _dialect() == "sqlite":
        long_terms = [w for w in words if len(w) >= 3]
        if long_terms:
            params["match"] = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_terms)
            conditions.append("issue_search MATCH :match")
        for i, w in enumerate(w for w in words if len(w) < 3):
            params[f"t{i}"] = f"%{_like_escape(w)}%"
            conditions.append(f"document LIKE :t{i} ESCAPE '\\'")
    else:
        for i, w in enumerate(words):
            params[f"t{i}"] = f"%{_like_escape(w)}%"
            conditions.append(f"document ILIKE :t{i} ESCAPE '\\'")
    key = "rowid" if _dialect() == "sqlite" else "issue_id"
    sql = f"SELECT {key} AS issue_id FROM issue_search WHERE " + " AND ".join(conditions)
    stmt = text(sql).bindparams(*[bindparam(k, v) for k, v in params.items()])
    return stmt.columns(issue_id=db.Integer)


def matching_clause(query, id_column):
    """A WHERE clause keeping rows whose id matches the query, or None for an empty query.

    On SQLite `id + 0` stops the planner from driving the query from the (possibly huge) list of
    matches and sorting them all: it walks the ordering index and probes the matches instead.
    """
    ids = matching_ids(query)
    if ids is None:
        return None
    column = id_column + 0 if _dialect() == "sqlite" else id_column
    return column.in_(ids)
