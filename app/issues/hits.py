"""One page of search results: ranked ids from the index, the issues, and highlighted snippets."""
from math import ceil

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.issues import search
from app.issues.models import Comment, Issue
from app.util import jatext
from app.util.pagination import Page

DEEPEST = 10_000  # rows counted without a cap (CSV-sized pages)


def search_page(base, words, order, order_by, page, per_page, cap=None):
    """Page `page` of the issues in `base` matching `words`, by relevance (`order` == "relevance") or `order_by`."""
    matches = search.Matches(base, Issue.id, words)
    total = matches.count(cap or DEEPEST)
    capped = bool(cap) and total > cap
    total = min(total, cap or DEEPEST)
    page = min(max(page, 1), max(1, ceil(total / per_page)))
    offset = (page - 1) * per_page
    if not total:
        ids = []
    elif order == "relevance":
        ids = matches.ranked(order_by, offset, per_page)
    else:
        ids = matches.ids(3, order_by, offset + per_page)[offset:]
    items = load_issues(ids)
    result = Page(items, page, per_page, total, capped)
    result.hits = hits_for(items, words)
    return result


def load_issues(ids):
    """The issues with these ids, in this order, with center and tags loaded."""
    if not ids:
        return []
    rows = db.session.execute(select(Issue).where(Issue.id.in_(ids))
                              .options(joinedload(Issue.center), selectinload(Issue.tags))).unique().scalars().all()
    by_id = {i.id: i for i in rows}
    return [by_id[i] for i in ids if i in by_id]


def hits_for(items, words):
    """{issue id: (title with <mark>, snippet with <mark>)} — the body, else the first matching comment."""
    need_comments = [i.id for i in items if not jatext.match_spans(i.body, words)]
    comments = {}
    if need_comments:
        for issue_id, body in db.session.execute(
                select(Comment.issue_id, Comment.body).where(Comment.issue_id.in_(need_comments),
                                                             Comment.deleted_at.is_(None), Comment.hidden_reason == "",
                                                             func.length(Comment.body) > 0)
                .order_by(Comment.id)):
            comments.setdefault(issue_id, []).append(body)
    return {i.id: (jatext.highlight(i.title, words), jatext.snippet([i.body, *comments.get(i.id, [])], words))
            for i in items}
