"""Japanese text similarity by character bigrams (no word segmentation needed).

Used to show similar issues before posting, and (later) related case studies.
"""
import math
import re
from collections import Counter

from app.extensions import db
from app.issues.models import Issue

_STRIP = re.compile(r"[\s\u3000、。・「」『』（）()!！?？,.:：;；\-ー〜~*#>\[\]]+")


def bigrams(text):
    t = _STRIP.sub("", (text or "").lower())
    if len(t) < 2:
        return Counter([t]) if t else Counter()
    return Counter(t[i:i + 2] for i in range(len(t) - 1))


def cosine(a, b):
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def score(title, body, other_title, other_body, same_district):
    """0..1: mostly the title, some of the body, a little for the same district."""
    s = 0.6 * cosine(bigrams(title), bigrams(other_title)) + 0.3 * cosine(bigrams(body), bigrams(other_body))
    return s + (0.1 if same_district else 0.0)


def similar_issues(title, body, center_id, *, limit=5, threshold=0.2, exclude_id=None):
    """Listed issues most like this text: candidates from the same district and from title trigram search."""
    from app.issues import search
    from app.permissions import visible_issues

    candidates = {}
    recent_same_district = (visible_issues(db.select(Issue)).where(Issue.center_id == center_id)
                            .order_by(Issue.created_at.desc()).limit(300))
    for issue in db.session.execute(recent_same_district).scalars():
        candidates[issue.id] = issue
    clean_title = _STRIP.sub(" ", title or "").split()
    grams = list(dict.fromkeys(w[i:i + 3] for w in clean_title for i in range(max(1, len(w) - 2))))[:12]
    for gram in grams:
        ids = search.matching_ids(gram)
        if ids is None:
            continue
        stmt = (visible_issues(db.select(Issue)).where(Issue.id.in_(ids))
                .order_by(Issue.vote_count.desc()).limit(40))
        for issue in db.session.execute(stmt).scalars():
            candidates[issue.id] = issue
    candidates.pop(exclude_id, None)
    scored = sorted(((score(title, body, i.title, i.body, i.center_id == center_id), i) for i in candidates.values()),
                    key=lambda pair: (-pair[0], -pair[1].vote_count))
    return [(s, i) for s, i in scored if s >= threshold][:limit]
