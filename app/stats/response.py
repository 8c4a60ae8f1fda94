"""Response times per 公民館: post → first official reply, post → 解決, and referrals to 担当課.

These are the figures a facilitator team is judged by. Medians in days; an overdue referral (no reply
from the department within REFERRAL_DUE_DAYS) is counted while it is open and, once answered, as late.
"""
from statistics import median

from sqlalchemy import func

from app.centers.models import Center
from app.extensions import db
from app.issues.lifecycle import PUBLISHED, Status
from app.issues.models import Comment, Issue, StatusChange
from app.referrals.models import OPEN, Referral
from app.util.time import utcnow


def _days(start, end):
    return (end - start).total_seconds() / 86400


def _median(values):
    return round(median(values), 1) if values else None


def per_center():
    """[{center, issues, answered, median_reply_days, resolved, median_resolve_days, referrals, overdue, late,
    median_referral_reply_days}] for every active center."""
    first_reply = (db.select(func.min(Comment.created_at)).where(Comment.issue_id == Issue.id, Comment.is_official.is_(True))
                   .correlate(Issue).scalar_subquery())
    resolved_at = (db.select(func.min(StatusChange.created_at))
                   .where(StatusChange.issue_id == Issue.id, StatusChange.to_status == Status.RESOLVED.value)
                   .correlate(Issue).scalar_subquery())
    rows = db.session.execute(db.select(Issue.center_id, Issue.created_at, first_reply, resolved_at).where(
        Issue.status.in_([s.value for s in PUBLISHED]), Issue.awaiting_approval.is_(False))).all()
    referrals = db.session.execute(db.select(Issue.center_id, Referral.status, Referral.created_at, Referral.due_at,
                                             Referral.first_reply_at).join(Issue, Issue.id == Referral.issue_id)).all()
    now = utcnow()
    by_center = {}
    for center_id, created, reply, resolved in rows:
        c = by_center.setdefault(center_id, {"issues": 0, "reply": [], "resolve": [], "referrals": 0, "overdue": 0,
                                             "late": 0, "referral_reply": []})
        c["issues"] += 1
        if reply:
            c["reply"].append(_days(created, reply))
        if resolved:
            c["resolve"].append(_days(created, resolved))
    for center_id, status, created, due, replied in referrals:
        c = by_center.setdefault(center_id, {"issues": 0, "reply": [], "resolve": [], "referrals": 0, "overdue": 0,
                                             "late": 0, "referral_reply": []})
        c["referrals"] += 1
        if status == OPEN and replied is None and due < now:
            c["overdue"] += 1
        if replied is not None:
            c["referral_reply"].append(_days(created, replied))
            if replied > due:
                c["late"] += 1
    centers = db.session.execute(db.select(Center).where(Center.active.is_(True))
                                 .order_by(Center.position, Center.id)).scalars().all()
    out = []
    for center in centers:
        c = by_center.get(center.id)
        if c is None:
            out.append({"center": center, "issues": 0, "answered": 0, "median_reply_days": None, "resolved": 0,
                        "median_resolve_days": None, "referrals": 0, "overdue": 0, "late": 0,
                        "median_referral_reply_days": None})
            continue
        out.append({"center": center, "issues": c["issues"], "answered": len(c["reply"]),
                    "median_reply_days": _median(c["reply"]), "resolved": len(c["resolve"]),
                    "median_resolve_days": _median(c["resolve"]), "referrals": c["referrals"],
                    "overdue": c["overdue"], "late": c["late"],
                    "median_referral_reply_days": _median(c["referral_reply"])})
    return out
