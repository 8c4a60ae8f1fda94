"""Case studies: publish from an approved report or enter past years; find the cases an issue resembles."""
from flask_babel import gettext as _

from sqlalchemy.orm import selectinload

from app.audit.services import record
from app.cases.models import CaseStudy, CaseTag
from app.extensions import db
from app.issues.lifecycle import OPEN
from app.issues import search
from app.issues.models import Issue, IssueTag
from app.issues.similarity import bigrams, cosine
from app.permissions import visible_issues
from app.util.time import to_jst, utcnow

FIELDS = ("title", "group_name", "fiscal_year", "problem", "activities", "outcomes", "consent_note")
MAX_CANDIDATES = 30  # issues scored per case page (from the index and the plan tags)


class CaseError(Exception):
    pass


def prefill_from_report(report):
    """A draft case pre-filled from the application and its approved report (edited before publication)."""
    a = report.application
    return {"title": a.title, "group_name": a.group.name, "group": a.group, "center": a.group.center,
            "fiscal_year": a.round.fiscal_year, "problem": a.purpose, "activities": report.activities,
            "outcomes": report.outcomes, "codes": a.codes, "issues": list(a.issues), "application": a}


def save_case(actor, case, data, codes, issues, *, consent):
    """Create or update a case; publishing needs the group's consent recorded."""
    is_new = case is None
    if is_new:
        case = CaseStudy(created_by_id=actor.id)
        db.session.add(case)
    for f in FIELDS:
        setattr(case, f, data[f])
    case.group, case.center, case.application = data.get("group"), data.get("center"), data.get("application")
    case.tags = [CaseTag(code=c) for c in dict.fromkeys(codes)]
    case.issues = list(issues)
    if consent and case.consent_recorded_at is None:
        case.consent_recorded_at = utcnow()
    db.session.flush()
    record(actor, "case.create" if is_new else "case.update", case, after={"title": case.title})
    return case


def publish(actor, case, published=True):
    if published and case.consent_recorded_at is None:
        raise CaseError(_("団体の同意を記録してから公開してください。"))
    case.published_at = utcnow() if published else None
    record(actor, "case.publish" if published else "case.unpublish", case)


# --- relatedness ---------------------------------------------------------------

def _reasons_and_score(codes_a, text_a, center_a, codes_b, text_b, center_b):
    """Shared plan tags count most, then text similarity, then the same district; with the reasons in words."""
    a, b = set(codes_a), set(codes_b)
    reasons, score = [], 0.0
    shared_g = {c for c in a & b if c.startswith("G")}
    shared_sp = {c for c in a & b if c[:1] in "SP"}
    if shared_g:
        reasons.append("同じ指針")
        score += 0.25
    if shared_sp:
        reasons.append("同じ施策")
        score += 0.25
    if a & b:
        score += 0.2 * len(a & b) / len(a | b)
    text = cosine(bigrams(text_a), bigrams(text_b))
    if text >= 0.12:
        reasons.append("近い内容")
    score += 0.5 * text
    if center_a and center_a == center_b:
        reasons.append("同じ地区")
        score += 0.1
    return score, reasons


def related_cases(issue, limit=3):
    """Up to `limit` published cases most like this issue, each with why: [(case, [reasons])]."""
    cases = db.session.execute(db.select(CaseStudy).where(CaseStudy.published_at.is_not(None))
                               .options(selectinload(CaseStudy.tags))).scalars().all()
    text = f"{issue.title}\n{issue.body}"
    scored = []
    for case in cases:
        score, reasons = _reasons_and_score([t.code for t in issue.tags], text, issue.center_id,
                                            case.codes, case.text, case.center_id)
        if reasons and score >= 0.15:
            scored.append((score, case, reasons))
    scored.sort(key=lambda item: -item[0])
    return [(case, reasons) for _, case, reasons in scored[:limit]]


def _candidate_issue_ids(case):
    """Issues that may resemble the case: from the search index (its words) and from its plan tags."""
    ids = search.neighbour_ids(f"{case.title}\n{case.problem}", limit=MAX_CANDIDATES)
    if case.codes:
        ids += db.session.execute(db.select(IssueTag.issue_id).where(IssueTag.code.in_(case.codes))
                                  .order_by(IssueTag.issue_id.desc()).limit(MAX_CANDIDATES)).scalars().all()
    return list(dict.fromkeys(ids))


def related_issues(case, limit=5):
    """Open issues that resemble a case (この事例に近い地域課題); candidates from the index, not a scan."""
    ids = _candidate_issue_ids(case)
    if not ids:
        return []
    candidates = db.session.execute(visible_issues(db.select(Issue)).where(
        Issue.id.in_(ids), Issue.status.in_([s.value for s in OPEN]))
        .options(selectinload(Issue.tags))).scalars().all()  # scored below: one query for every candidate's tags
    scored = []
    for issue in candidates:
        score, reasons = _reasons_and_score(case.codes, case.text, case.center_id, [t.code for t in issue.tags],
                                            f"{issue.title}\n{issue.body}", issue.center_id)
        if reasons and score >= 0.15:
            scored.append((score, issue, reasons))
    scored.sort(key=lambda item: -item[0])
    return [(issue, reasons) for _, issue, reasons in scored[:limit]]


def case_for_filters(tag=None, center_id=None):
    """One published case matching a list filter (shown beside filtered issue results)."""
    stmt = db.select(CaseStudy).where(CaseStudy.published_at.is_not(None))
    if tag:
        stmt = stmt.where(CaseStudy.id.in_(db.select(CaseTag.case_id).where(CaseTag.code == tag)))
    if center_id:
        stmt = stmt.where(CaseStudy.center_id == center_id)
    return db.session.execute(stmt.order_by(CaseStudy.fiscal_year.desc(), CaseStudy.id.desc()).limit(1)).scalar()


def current_fiscal_year():
    now = to_jst(utcnow())
    return now.year if now.month >= 4 else now.year - 1
