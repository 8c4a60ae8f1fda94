"""Japanese full-text search over issue titles, bodies and comments: same results on SQLite and PostgreSQL.

Why character n-grams: residents search with short words (公園, 道路, ごみ, 犬) and Japanese has no
spaces to split words on. A trigram index cannot hold a two-character word, and a dictionary
tokenizer (MeCab, PGroonga, pg_bigm) is not available on both databases. So the index holds, per
field, every character (unigram) and every pair of adjacent characters (bigram) of the normalised
text (app/util/jatext.py), as plain tokens:
- SQLite: a contentless FTS5 table `issue_search(t, b, c)` whose rowid is the issue id (the title's,
  body's and comments' tokens), and `issue_search_text(issue_id, title, body, comments)`, the
  normalised text (kept apart so checking a row never reads its long token lists);
- PostgreSQL: a table `issue_search(issue_id, title, body, comments, t, tb, doc)` where t, tb, doc are
  tsvectors of the title, title+body, and everything, each with a GIN index (one index per rank tier).
A term of one character is its unigram token; a longer term needs all of its bigrams (an AND of
tokens, not a phrase: positions would make the index larger and PostgreSQL caps them at 16,383). The
index only narrows the candidates: each candidate is then checked exactly — the term must be a
substring of the normalised field (instr/strpos) — so both databases return exactly the issues a naive
substring scan of the normalised text returns, and punctuation or FTS syntax in a query is just text.

Ranking, when a query is given: tier 1 = every term in the title, tier 2 = every term in the title or
body, tier 3 = anywhere (comments too); newer first inside a tier. Each tier is one query bounded by
the page: the index gives at most CANDIDATES ids; if it has fewer, those are filtered and sorted (a
rare word); if it has more (a common word, in at least 1% of 100,000 issues), the issues are walked
newest first and each one's normalised text is looked up by key and checked until the page is full —
after a few dozen rows for a common word. The count is driven by the index and stops at cap + 1
matches. So no query reads every match of a word found in half of all issues.
"""
import json

from sqlalchemy import ARRAY, Integer, any_, bindparam, exists, func, literal, select, table, column, text

from app.extensions import db
from app.util import jatext

MAX_TERMS = 5
MAX_QUERY = 100
CANDIDATES = 1000  # above this many index hits a word is "common": walk the ordering instead

_SQLITE = table("issue_search_text", column("issue_id", Integer), column("title"), column("body"), column("comments"))
_FTS = table("issue_search", column("rowid", Integer))
_PG = table("issue_search", column("issue_id", Integer), column("title"), column("body"), column("comments"),
            column("t"), column("tb"), column("doc"))
_FTS_COLUMNS = {1: "{t}", 2: "{t b}", 3: ""}
_PG_COLUMNS = {1: "t", 2: "tb", 3: "doc"}
_FIELDS = {1: ("title",), 2: ("title", "body"), 3: ("title", "body", "comments")}


def _dialect():
    return db.session.get_bind().dialect.name


def _table():
    return _SQLITE if _dialect() == "sqlite" else _PG


def _key(tbl):
    return tbl.c.issue_id


def _indexed(tbl):
    """The FROM clause for an index lookup: SQLite joins the FTS5 table to the text table by rowid."""
    return tbl.join(_FTS, _FTS.c.rowid == tbl.c.issue_id) if tbl is _SQLITE else tbl


def terms(query):
    """The normalised search terms of a query (at most MAX_TERMS, each at least one character)."""
    return jatext.query_terms(query, MAX_TERMS, MAX_QUERY)


# --- keeping the index in sync ------------------------------------------------------

def document_for(issue, comments=None):
    """(title, body, comments) as indexed: visible comments only, one per line."""
    from app.issues.models import Comment
    if comments is None:
        comments = db.session.execute(
            db.select(Comment.body).where(Comment.issue_id == issue.id, Comment.deleted_at.is_(None),
                                          Comment.hidden_reason == "").order_by(Comment.id)
        ).scalars().all()
    return issue.title or "", issue.body or "", "\n".join(c for c in comments if c)


def index_row(issue_id, title, body, comments):
    """Parameters of one index row (used by reindex, the migration and the benchmark's bulk load)."""
    title, body, comments = (jatext.normalise(x) for x in (title, body, comments))
    t, b, c = (set(jatext.text_tokens(x)) for x in (title, body, comments))
    return {"id": issue_id, "title": title, "body": body, "comments": comments,
            "t": sorted(t), "b": sorted(b), "c": sorted(c), "tb": sorted(t | b), "doc": sorted(t | b | c)}


SQLITE_INSERT = ("INSERT INTO issue_search (rowid, t, b, c) VALUES (:id, :t, :b, :c)",
                 "INSERT INTO issue_search_text (issue_id, title, body, comments) VALUES (:id, :title, :body, :comments)")
# Contentless FTS5 forgets a row only when told its old tokens, which follow from the stored text.
SQLITE_DELETE = ("INSERT INTO issue_search (issue_search, rowid, t, b, c) VALUES ('delete', :id, :t, :b, :c)",
                 "DELETE FROM issue_search_text WHERE issue_id = :id")
PG_UPSERT = ("INSERT INTO issue_search (issue_id, title, body, comments, t, tb, doc) VALUES (:id, :title, :body, "
             ":comments, array_to_tsvector(CAST(:t AS text[])), array_to_tsvector(CAST(:tb AS text[])), "
             "array_to_tsvector(CAST(:doc AS text[]))) ON CONFLICT (issue_id) DO UPDATE SET title = excluded.title, "
             "body = excluded.body, comments = excluded.comments, t = excluded.t, tb = excluded.tb, doc = excluded.doc")


def write_rows(connection, rows, dialect):
    """Insert index rows (dicts from index_row) on a connection or session."""
    if not rows:
        return
    if dialect == "sqlite":
        params = [dict(r, t=" ".join(r["t"]), b=" ".join(r["b"]), c=" ".join(r["c"])) for r in rows]
        for sql in SQLITE_INSERT:
            connection.execute(text(sql), params)
    else:
        connection.execute(text(PG_UPSERT), [{k: r[k] for k in ("id", "title", "body", "comments", "t", "tb", "doc")}
                                             for r in rows])


def reindex(issue):
    """Replace the issue's row in the index (call after any change to its text or its comments)."""
    db.session.flush()
    if _dialect() == "sqlite":
        remove(issue.id)
    write_rows(db.session, [index_row(issue.id, *document_for(issue))], _dialect())


def _remove(connection, issue_id, dialect):
    if dialect != "sqlite":
        connection.execute(text("DELETE FROM issue_search WHERE issue_id = :id"), {"id": issue_id})
        return
    old = connection.execute(text("SELECT title, body, comments FROM issue_search_text WHERE issue_id = :id"),
                             {"id": issue_id}).first()
    if old is None:
        return
    r = index_row(issue_id, *old)  # already normalised: normalising again changes nothing
    for sql in SQLITE_DELETE:
        connection.execute(text(sql), {"id": issue_id, "t": " ".join(r["t"]), "b": " ".join(r["b"]),
                                       "c": " ".join(r["c"])})


def remove(issue_id):
    """Take an issue out of the index."""
    _remove(db.session, issue_id, _dialect())


def remove_on_delete(_mapper, connection, target):
    """Mapper hook: an issue deleted by any path leaves the index (PostgreSQL also cascades)."""
    _remove(connection, target.id, connection.dialect.name)


# --- querying ----------------------------------------------------------------------------

def _index_condition(tier, words):
    """The index lookup for a tier: an FTS5 MATCH or a tsquery over the tier's tsvector."""
    tokens = list(dict.fromkeys(tok for w in words for tok in jatext.term_tokens(w)))
    if _dialect() == "sqlite":
        expression = " AND ".join(f'"{tok}"' for tok in tokens)
        return text("issue_search MATCH :fts").bindparams(fts=f"{_FTS_COLUMNS[tier]} : ({expression})".lstrip(" :"))
    expression = " & ".join(f"'{tok}'" for tok in tokens)
    return text(f"issue_search.{_PG_COLUMNS[tier]} @@ CAST(:tsq AS tsquery)").bindparams(tsq=expression)


def _exact(tier, words, tbl):
    """Every term is a substring of one of the tier's normalised fields (the index only narrows)."""
    find = func.instr if tbl is _SQLITE else func.strpos
    return db.and_(*[db.or_(*[find(tbl.c[f], literal(w)) > 0 for f in _FIELDS[tier]]) for w in words])


def candidates(tier, words, limit=CANDIDATES + 1):
    """Ids of issues matching the tier exactly, found through the index (at most `limit`, in index order)."""
    tbl = _table()
    found = select(_key(tbl).label("id")).select_from(_indexed(tbl)).where(
        _index_condition(tier, words), _exact(tier, words, tbl)).limit(limit).subquery()
    # One aggregated value instead of a thousand rows through the ORM's result machinery.
    if _dialect() == "sqlite":
        return json.loads(db.session.execute(select(func.json_group_array(found.c.id))).scalar_one() or "[]")
    return db.session.execute(select(func.array_agg(found.c.id))).scalar_one() or []


def _probe(tier, words, id_column):
    """EXISTS: this issue's normalised text has every term (one row looked up by key: no index query per row,
    and OFFSET 0 keeps PostgreSQL from turning it into a join that reads every row)."""
    tbl = _table()
    return exists(select(literal(1)).select_from(tbl).where(_key(tbl) == id_column, _exact(tier, words, tbl))
                  .offset(0))


def _in_ids(id_column, ids):
    """id IN (ids) as one parameter: a JSON array on SQLite, an int[] on PostgreSQL (a thousand separate
    parameters cost more to compile and plan than the query itself)."""
    if _dialect() == "sqlite":
        return id_column.in_(select(column("value")).select_from(
            func.json_each(bindparam("candidate_ids", json.dumps(list(ids))))))
    return id_column == any_(bindparam("candidate_ids", list(ids), type_=ARRAY(Integer)))


class Matches:
    """One query's matches inside `base` (a SELECT of issues with the list filters), tier by tier.

    Each tier's index lookup runs once and is kept: with at most CANDIDATES hits the word is rare and
    the page is sorted from those ids; with more it is common and the rows are walked in order."""

    def __init__(self, base, id_column, words):
        self.base, self.id_column, self.words, self._found = base, id_column, words, {}

    def found(self, tier):
        if tier not in self._found:
            self._found[tier] = candidates(tier, self.words)
        return self._found[tier]

    def common(self, tier):
        return len(self.found(tier)) > CANDIDATES

    def ids(self, tier, order_by, limit, exclude=()):
        """Up to `limit` ids matching the tier, in `order_by` order, leaving out `exclude`."""
        stmt = self.base.with_only_columns(self.id_column).order_by(*order_by).limit(limit)
        if exclude:
            stmt = stmt.where(self.id_column.not_in(bindparam("exclude", list(exclude), expanding=True)))
        if self.common(tier):
            stmt = stmt.where(_probe(tier, self.words, self.id_column))
        elif self.found(tier):
            stmt = stmt.where(_in_ids(self.id_column, self.found(tier)))
        else:
            return []
        return db.session.execute(stmt).scalars().all()

    def ranked(self, newest_first, offset, limit):
        """Ids for one page by relevance: title matches, then body, then comments; newer first in each."""
        need, ranked = offset + limit, []
        for tier in (1, 2, 3):
            ranked += self.ids(tier, newest_first, need - len(ranked), exclude=ranked)
            if len(ranked) >= need:
                break
        return ranked[offset:need]

    def count(self, cap):
        """How many rows of `base` match (counting stops at cap + 1)."""
        stmt = self.base.with_only_columns(self.id_column).order_by(None)
        if self.common(3):
            # Usually the first CANDIDATES + 1 matches already pass the filters: then it is "cap+ 件以上".
            known = db.session.execute(select(func.count()).select_from(
                stmt.where(_in_ids(self.id_column, self.found(3))).subquery())).scalar_one()
            if known > cap:
                return known
            # else driven by the index, stopping at cap + 1
            tbl = _table()
            stmt = stmt.join(tbl, _key(tbl) == self.id_column)
            if tbl is _SQLITE:
                stmt = stmt.join(_FTS, _FTS.c.rowid == self.id_column)
            stmt = stmt.where(
                _index_condition(3, self.words), _exact(3, self.words, tbl)).limit(cap + 1)
        elif self.found(3):
            stmt = stmt.where(_in_ids(self.id_column, self.found(3)))
        else:
            return 0
        return db.session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()


def matching_clause(query, id_column):
    """A WHERE clause keeping rows whose id matches the query (for the map, CSV and feeds), or None.

    On SQLite `id + 0` stops the planner from driving the query from the (possibly huge) list of
    matches and sorting them all: it walks the ordering index and probes the matches instead.
    """
    words = terms(query)
    if not words:
        return None
    tbl = _table()
    ids = select(_key(tbl)).select_from(_indexed(tbl)).where(_index_condition(3, words), _exact(3, words, tbl))
    column = id_column + 0 if _dialect() == "sqlite" else id_column
    return column.in_(ids)


# --- neighbours (similar issues, related issues of a case) -----------------------------

PER_GRAM = 15
MAX_GRAMS = 12


def neighbour_ids(text, *, limit=30, exclude_id=None):
    """Ids of the issues sharing the most content bigrams of `text` in their title or body, best first.

    Straight from the index and bounded: for each of up to MAX_GRAMS content bigrams (see
    jatext.content_bigrams) the PER_GRAM newest issues containing it, ranked by how many bigrams each
    shares. The caller scores this handful; nothing reads every issue."""
    votes = {}
    key = _FTS.c.rowid if _dialect() == "sqlite" else _PG.c.issue_id
    for gram in jatext.content_bigrams(text)[:MAX_GRAMS]:
        stmt = (select(key).select_from(key.table).where(_index_condition(2, [gram])).order_by(key.desc())
                .limit(PER_GRAM))
        for issue_id in db.session.execute(stmt).scalars():
            votes[issue_id] = votes.get(issue_id, 0) + 1
    votes.pop(exclude_id, None)
    return sorted(votes, key=lambda i: (-votes[i], -i))[:limit]


def _listen():
    from sqlalchemy import event

    from app.issues.models import Issue
    if not event.contains(Issue, "before_delete", remove_on_delete):
        event.listen(Issue, "before_delete", remove_on_delete)


_listen()
