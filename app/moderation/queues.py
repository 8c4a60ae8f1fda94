"""What a facilitator's workspace shows: queues for the centers they look after."""
from datetime import timedelta

from sqlalchemy.orm import joinedload

from app.centers.models import Center
from app.extensions import db
from app.issues.lifecycle import OPEN, Status
from app.issues.models import Comment, Issue
from app.moderation.models import Flag
from app.permissions import is_staff
from app.util.time import utcnow

WAITING_DAYS = 7


def centers_for(user):
    if is_staff(user):
        return db.session.execute(db.select(Center).where(Center.active.is_(True))
                                  .order_by(Center.position)).scalars().all()
    return list(user.centers)


def _issues(center_ids, *conditions, order=None, limit=50):
    stmt = (db.select(Issue).where(Issue.center_id.in_(center_ids), *conditions)
            .options(joinedload(Issue.center)).order_by(*(order or [Issue.created_at])).limit(limit))
    return db.session.execute(stmt).scalars().all()


def flagged_items(center_ids):
    """Open flags grouped by item: [(target, issue, [flags])], most flagged first."""
    flags = db.session.execute(db.select(Flag).where(Flag.resolved_at.is_(None)).order_by(Flag.created_at)).scalars().all()
    by_target = {}
    for f in flags:
        by_target.setdefault((f.target_type, f.target_id), []).append(f)
    issue_ids = {tid for (kind, tid) in by_target if kind == "issue"}
    comments = {c.id: c for c in db.session.execute(db.select(Comment).where(
        Comment.id.in_([tid for (kind, tid) in by_target if kind == "comment"]))).scalars()}
    issue_ids |= {c.issue_id for c in comments.values()}
    issues = {i.id: i for i in db.session.execute(db.select(Issue).where(
        Issue.id.in_(issue_ids), Issue.center_id.in_(center_ids)).options(joinedload(Issue.center))).scalars()}
    items = []
    for (kind, tid), fl in by_target.items():
        target = issues.get(tid) if kind == "issue" else comments.get(tid)
        issue = target if kind == "issue" else (issues.get(target.issue_id) if target else None)
        if target is not None and issue is not None:
            items.append((kind, target, issue, fl))
    return sorted(items, key=lambda item: -len(item[3]))


def workspace(center_ids):
    """Every queue of the workspace, for these centers."""
    week_ago = utcnow() - timedelta(days=WAITING_DAYS)
    unanswered = _issues(center_ids, Issue.status == Status.NEW.value, Issue.has_official_response.is_(False),
                         Issue.awaiting_approval.is_(False))
    return {
        "approval": _issues(center_ids, Issue.awaiting_approval.is_(True)),
        "flagged": flagged_items(center_ids),
        "unanswered": unanswered,
        "overdue_ids": {i.id for i in unanswered if i.created_at < week_ago},
        "recent": _issues(center_ids, Issue.last_activity_at >= week_ago,
                          Issue.status.in_([s.value for s in OPEN]), order=[Issue.last_activity_at.desc()], limit=30),
    }
