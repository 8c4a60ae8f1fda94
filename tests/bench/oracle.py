"""Correctness pass for search: the app's page 1 against a naive scan in Python of every issue.

The scan reads the issues and their visible comments straight from their tables (not from the
index), normalises them with the app's normaliser (app/util/jatext.py), and ranks like the app
promises: every term in the title, else in title or body, else anywhere; newer first. The benchmark
fails (BenchError) when any word's page-1 ids or count differ, or a kana-folded pair differs.
"""
from sqlalchemy import select

from app.extensions import db
from app.issues import search
from app.issues.lifecycle import LISTED
from app.issues.models import Comment, Issue
from app.issues.queries import COUNT_CAP, IssueFilters, list_issues
from app.util.jatext import normalise
from tests.bench import vocabulary

PAGE = 20


def load_corpus():
    """[(tier-fields, created_at, id)] for every listed issue, normalised."""
    comments = {}
    for issue_id, body in db.session.execute(select(Comment.issue_id, Comment.body).where(
            Comment.deleted_at.is_(None), Comment.hidden_reason == "").order_by(Comment.id)):
        comments.setdefault(issue_id, []).append(body)
    listed = {s.value for s in LISTED}
    corpus = []
    for issue_id, title, body, status, awaiting, created in db.session.execute(select(
            Issue.id, Issue.title, Issue.body, Issue.status, Issue.awaiting_approval, Issue.created_at)):
        if status in listed and not awaiting:
            corpus.append(((normalise(title), normalise(body), normalise("\n".join(comments.get(issue_id, [])))),
                           created, issue_id))
    return corpus


def naive(corpus, query):
    """(page-1 ids, count) by scanning every issue."""
    words = search.terms(query)
    ranked = []
    for (title, body, rest), created, issue_id in corpus:
        if all(w in title for w in words):
            tier = 1
        elif all(w in title or w in body for w in words):
            tier = 2
        elif all(w in title or w in body or w in rest for w in words):
            tier = 3
        else:
            continue
        ranked.append((tier, created, issue_id))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
    ranked.sort(key=lambda r: r[0])  # stable: tier ascending, newer (then higher id) first inside a tier
    return [r[2] for r in ranked[:PAGE]], len(ranked)


def check(app, words):
    """Compare every word; returns {word: count}; raises BenchError on the first difference."""
    from tests.bench.measure import BenchError

    with app.app_context():
        corpus = load_corpus()
        counts, pages = {}, {}
        for word in dict.fromkeys(words):
            expected, count = naive(corpus, word)
            page = list_issues(IssueFilters(q=word), per_page=PAGE)
            got = [i.id for i in page.items]
            if got != expected:
                raise BenchError(f"search for {word!r}: page 1 ids {got[:8]}… differ from the naive scan's "
                                 f"{expected[:8]}…")
            if page.total != min(count, COUNT_CAP) or page.capped != (count > COUNT_CAP):
                raise BenchError(f"search for {word!r}: count {page.total} (capped {page.capped}), naive {count}")
            counts[word], pages[word] = count, got
        for a, b in vocabulary.KANA_PAIRS:
            if a in pages and b in pages and (pages[a], counts[a]) != (pages[b], counts[b]):
                raise BenchError(f"kana folding: {a} and {b} give different results")
        db.session.remove()
    return {"issues": len(corpus), "words_checked": len(counts),
            "share": {w: round(c / max(1, len(corpus)), 3) for w, c in counts.items()}}
