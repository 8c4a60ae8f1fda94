"""Participation counts — issues, supports, comments, workshop participants — by district, fiscal year,
age band and plan item; plus grants and case studies per plan item. Counts only; suppression is applied
by the caller (app.stats.suppress) before anything is shown.
"""
from sqlalchemy import func

from app.accounts.models import AGE_BANDS, User
from app.cases.models import CaseStudy, CaseTag
from app.centers.models import Center
from app.extensions import db
from app.grants.models import ApplicationTag, GrantApplication, GrantRound
from app.issues.lifecycle import PUBLISHED
from app.issues.models import Comment, Issue, IssueTag, Vote
from app.stats.fiscal import fiscal_year_expr
from app.util.time import utcnow
from app.workshops.models import OutputTag, Registration, Workshop, WorkshopOutput

METRICS = ("issues", "supports", "comments", "participants")
NO_ANSWER = "回答なし"
WALK_IN = "当日参加（年代不明）"


def _public_issue():
    return (Issue.status.in_([s.value for s in PUBLISHED]), Issue.awaiting_approval.is_(False))


def _held_workshop():
    return (Workshop.cancelled_at.is_(None), Workshop.starts_at <= utcnow())


def _grouped(stmt):
    return {key: n for key, n in db.session.execute(stmt)}


def _issue_counts(dim, join_user=False):
    stmt = db.select(dim, func.count(Issue.id)).where(*_public_issue())
    if join_user:
        stmt = stmt.join(User, User.id == Issue.author_id)
    return _grouped(stmt.join(Center, Center.id == Issue.center_id).group_by(dim))


def _vote_counts(dim):
    stmt = (db.select(dim, func.count(Vote.id)).join(Issue, Issue.id == Vote.issue_id)
            .join(Center, Center.id == Issue.center_id).join(User, User.id == Vote.user_id).where(*_public_issue()))
    return _grouped(stmt.group_by(dim))


def _comment_counts(dim):
    stmt = (db.select(dim, func.count(Comment.id)).join(Issue, Issue.id == Comment.issue_id)
            .join(Center, Center.id == Issue.center_id).join(User, User.id == Comment.author_id)
            .where(*_public_issue(), Comment.deleted_at.is_(None), Comment.is_official.is_(False)))
    return _grouped(stmt.group_by(dim))


def _participant_counts(dim):
    stmt = (db.select(dim, func.sum(Workshop.confirmed_count + Workshop.walk_in_count))
            .join(Center, Center.id == Workshop.center_id).where(*_held_workshop()))
    return {k: int(n or 0) for k, n in db.session.execute(stmt.group_by(dim))}


def by_district():
    """[(district, district, {metric: n})] in the centers' order."""
    counts = {"issues": _issue_counts(Center.district), "supports": _vote_counts(Center.district),
              "comments": _comment_counts(Center.district), "participants": _participant_counts(Center.district)}
    districts = list(dict.fromkeys(db.session.execute(
        db.select(Center.district).where(Center.active.is_(True)).order_by(Center.position, Center.id)).scalars()))
    return [(d, d, {m: counts[m].get(d, 0) for m in METRICS}) for d in districts]


def by_fiscal_year():
    counts = {"issues": _issue_counts(fiscal_year_expr(Issue.created_at)),
              "supports": _vote_counts(fiscal_year_expr(Vote.created_at)),
              "comments": _comment_counts(fiscal_year_expr(Comment.created_at)),
              "participants": _participant_counts(fiscal_year_expr(Workshop.starts_at))}
    years = sorted({y for c in counts.values() for y in c if y is not None}, reverse=True)
    return [(y, f"{y}年度", {m: counts[m].get(y, 0) for m in METRICS}) for y in years]


def by_age_band():
    """Age band as residents gave it on their profile (optional); workshop walk-ins have none."""
    band = func.coalesce(User.age_band, NO_ANSWER)
    reg = (db.select(band, func.count(Registration.id)).join(User, User.id == Registration.user_id)
           .join(Workshop, Workshop.id == Registration.workshop_id)
           .where(Registration.status == "confirmed", *_held_workshop()).group_by(band))
    walk_ins = db.session.execute(db.select(func.sum(Workshop.walk_in_count)).where(*_held_workshop())).scalar() or 0
    counts = {"issues": _issue_counts(band, join_user=True), "supports": _vote_counts(band),
              "comments": _comment_counts(band), "participants": {**_grouped(reg), WALK_IN: int(walk_ins)}}
    keys = AGE_BANDS + [NO_ANSWER, WALK_IN]
    return [(k, k, {m: counts[m].get(k, 0) for m in METRICS}) for k in keys]


def _by_code(code_col, counted, joins):
    """{code: n}: G and P codes as tagged, and S1…S4 rolled up from their measure tags (S1-2 → S1)."""
    out = {}
    for expr, cond in ((code_col, code_col.like("G%") | code_col.like("P%")),
                       (func.substr(code_col, 1, 2), code_col.like("S%-%"))):
        out.update(_grouped(joins(db.select(expr, func.count(func.distinct(counted)))).where(cond).group_by(expr)))
    return out


def _workshop_participants_by_code():
    """Participants count once per plan item their workshop's outputs were tagged with."""
    rows = db.session.execute(
        db.select(Workshop.id, OutputTag.code, Workshop.confirmed_count + Workshop.walk_in_count)
        .join(WorkshopOutput, WorkshopOutput.workshop_id == Workshop.id)
        .join(OutputTag, OutputTag.output_id == WorkshopOutput.id).where(*_held_workshop()).distinct()).all()
    seen, out = set(), {}
    for workshop_id, code, n in rows:
        key = code[:2] if code.startswith("S") else code
        if code[:1] in "GSP" and (workshop_id, key) not in seen:
            seen.add((workshop_id, key))
            out[key] = out.get(key, 0) + int(n or 0)
    return out


def by_plan_item():
    """{plan code: {metric: n}} for 指針 (G), 重点戦略 (S) and 分野別施策 (P), including grants and case studies."""
    def issues(s):
        return s.select_from(IssueTag).join(Issue, Issue.id == IssueTag.issue_id).where(*_public_issue())

    counts = {
        "issues": _by_code(IssueTag.code, Issue.id, issues),
        "supports": _by_code(IssueTag.code, Vote.id, lambda s: issues(s).join(Vote, Vote.issue_id == Issue.id)),
        "comments": _by_code(IssueTag.code, Comment.id, lambda s: issues(s).join(Comment, Comment.issue_id == Issue.id)
                             .where(Comment.deleted_at.is_(None), Comment.is_official.is_(False))),
        "participants": _workshop_participants_by_code(),
        "grants": _by_code(ApplicationTag.code, GrantApplication.id, lambda s: s.select_from(ApplicationTag)
                           .join(GrantApplication, GrantApplication.id == ApplicationTag.application_id)
                           .join(GrantRound, GrantRound.id == GrantApplication.round_id)
                           .where(GrantApplication.status == "awarded", GrantRound.results_published_at.is_not(None))),
        "cases": _by_code(CaseTag.code, CaseStudy.id, lambda s: s.select_from(CaseTag)
                          .join(CaseStudy, CaseStudy.id == CaseTag.case_id).where(CaseStudy.published_at.is_not(None))),
    }
    result = {}
    for metric, per_code in counts.items():
        for code, n in per_code.items():
            result.setdefault(code, {})[metric] = int(n or 0)
    return result
