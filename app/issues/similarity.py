"""Japanese text similarity by character bigrams (no word segmentation needed).

Used to show similar issues before posting and to relate case studies and issues; the candidates
always come from the search index (app/issues/search.py::neighbour_ids), never from a scan.
"""
import math
import re
from collections import Counter

from app.extensions import db
from app.issues.models import Issue
from app.util.jatext import normalise

NEIGHBOURS = 30  # candidates scored per call
_STRIP = re.compile(r"[\s\u3000、。・「」『』（）()!！?？,.:：;；\-ー〜~*#>\[\]]+")


def bigrams(text):
    t = _STRIP.sub("", normalise(text))
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
    """Listed issues most like this text, with their scores: [(score, issue)], best first.

    Candidates come from the search index (issues sharing the title's words, then the body's), at
    most NEIGHBOURS of them, so the cost does not grow with the number of issues."""
    from app.issues import search
    from app.permissions import visible_issues

    ids = search.neighbour_ids(title or "", limit=NEIGHBOURS, exclude_id=exclude_id)
    if len(ids) < NEIGHBOURS:
        ids += [i for i in search.neighbour_ids(body or "", limit=NEIGHBOURS, exclude_id=exclude_id) if i not in ids]
    if not ids:
        return []
    candidates = db.session.execute(visible_issues(db.select(Issue)).where(
        Issue.id.in_(ids[:2 * NEIGHBOURS]))).scalars().all()
    scored = sorted(((score(title, body, i.title, i.body, i.center_id == center_id), i) for i in candidates),
                    key=lambda pair: (-pair[0], -pair[1].vote_count))
    return [(s, i) for s, i in scored if s >= threshold][:limit]
