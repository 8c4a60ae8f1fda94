"""Business verbs for grants: rounds, drafts, submission, return, reviews, decisions, reports. Every
decision writes an audit row."""
from flask_babel import gettext as _

from sqlalchemy.orm import joinedload, selectinload

from app.audit.services import record
from app.extensions import db
from app.grants import rules
from app.grants.models import (ApplicationTag, BudgetLine, Criterion, GrantApplication, GrantReport, GrantRound,
                               ReportLine, Review, Score)
from app.groups.models import GroupMember
from app.notifications.outbox import publish
from app.util.time import utcnow


class GrantError(Exception):
    """A rule was broken; `problems` lists every reason in Japanese."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems) or [message]


ROUND_FIELDS = ("fiscal_year", "course", "title", "opens_at", "closes_at", "max_amount", "subsidy_rate", "total_budget",
                "guidelines")


def save_round(actor, round_, data, criteria):
    """Create or update a round with its review criteria [(name, weight)]."""
    is_new = round_ is None
    clash = db.session.execute(db.select(GrantRound.id).where(
        GrantRound.fiscal_year == data["fiscal_year"], GrantRound.course == data["course"])).scalar()
    if clash and (is_new or clash != round_.id):
        raise GrantError(_("同じ年度・コースの募集がすでにあります。"))
    if is_new:
        round_ = GrantRound()
        db.session.add(round_)
    for f in ROUND_FIELDS:
        setattr(round_, f, data[f])
    round_.criteria = [Criterion(name=n, weight=w, position=i) for i, (n, w) in enumerate(criteria)]
    db.session.flush()
    record(actor, "grant_round.create" if is_new else "grant_round.update", round_,
           after={f: str(getattr(round_, f)) for f in ROUND_FIELDS if f != "guidelines"})
    return round_


def start_application(actor, round_, group):
    application = GrantApplication(round=round_, group=group, created_by_id=actor.id, declarations={})
    db.session.add(application)
    db.session.flush()
    return application


def save_draft(application, data, lines, tags=(), issues=()):
    """Save everything the form holds; drafts may be incomplete."""
    if application.status not in ("draft", "returned"):
        raise GrantError(_("提出済みの申請は編集できません。"))
    for key, value in data.items():
        setattr(application, key, value)
    application.lines = [BudgetLine(category=c, description=d, amount=a, eligible=e, position=i)
                         for i, (c, d, a, e) in enumerate(lines)]
    application.tags = [ApplicationTag(code=c) for c in dict.fromkeys(tags)]
    application.issues = list(issues)
    application.updated_at = utcnow()


def submission_problems(application, now):
    problems = []
    if not rules.is_open(application.round, now):
        problems.append(_("募集期間外のため提出できません（下書きは保存できます）。"))
    return problems + rules.content_problems(application) + rules.eligibility_problems(application) + \
        rules.budget_problems(application)


def submit(actor, application, now=None):
    """Lock the application and timestamp it; refuse with every reason if it cannot be submitted."""
    now = now or utcnow()
    if application.status not in ("draft", "returned"):
        raise GrantError(_("この申請はすでに提出されています。"))
    problems = submission_problems(application, now)
    if problems:
        raise GrantError(_("提出できません。次の点を確認してください。"), problems)
    application.status, application.submitted_at = "submitted", now
    record(actor, "grant_application.submit", application, after={"requested": application.requested_amount})


def return_for_revision(actor, application, message):
    if application.status != "submitted":
        raise GrantError(_("提出済みの申請だけ差し戻せます。"))
    application.status, application.return_message = "returned", message
    record(actor, "grant_application.return", application, reason=message)
    publish("grant.returned", application=application)


def assign_reviewer(actor, application, reviewer):
    existing = db.session.execute(db.select(Review).where(Review.application_id == application.id,
                                                          Review.reviewer_id == reviewer.id)).scalar_one_or_none()
    if existing is not None:
        return existing
    if db.session.get(GroupMember, (application.group_id, reviewer.id)) is not None:
        raise GrantError(_("申請団体のメンバーは、その申請の審査委員になれません。"))
    review = Review(application=application, reviewer=reviewer)
    db.session.add(review)
    db.session.flush()
    record(actor, "grant_review.assign", application, after={"reviewer": reviewer.id})
    publish("grant.review_requested", application=application, review=review)
    return review


def declare_conflict(reviewer, review, conflict, note=""):
    review.conflict, review.conflict_note = bool(conflict), note
    if conflict:
        review.scores = []
    record(reviewer, "grant_review.conflict", review.application, after={"reviewer": reviewer.id, "conflict": bool(conflict)})


def save_scores(reviewer, review, scores, comment, *, final):
    """scores: {criterion_id: (1..5, comment)}. A conflicted reviewer cannot score."""
    if review.conflict is not False:
        raise GrantError(_("先に利害関係の有無を申告してください（利害関係がある場合は採点できません）。"))
    if review.submitted_at:
        raise GrantError(_("この審査はすでに提出されています。"))
    criteria = {c.id for c in review.application.round.criteria}
    bad = [cid for cid, (s, _) in scores.items() if cid not in criteria or not 1 <= s <= 5]
    if bad:
        raise GrantError(_("点数は1〜5で入力してください。"))
    review.scores = [Score(criterion_id=cid, score=s, comment=c) for cid, (s, c) in scores.items()]
    review.comment = comment
    if final:
        if set(scores) != criteria:
            raise GrantError(_("すべての審査項目に点数をつけてから提出してください。"))
        review.submitted_at = utcnow()
        record(reviewer, "grant_review.submit", review.application, after={"reviewer": reviewer.id})


def ranking(round_):
    """Submitted applications with the weighted average of submitted reviews and their spread, best first."""
    apps = db.session.execute(db.select(GrantApplication).where(
        GrantApplication.round_id == round_.id, GrantApplication.status.in_(["submitted", "awarded", "rejected"]))
        .options(joinedload(GrantApplication.group))).scalars().all()
    # Every review of the round with its scores in two queries, not two per application.
    by_app = {}
    for r in db.session.execute(db.select(Review).where(Review.application_id.in_([a.id for a in apps] or [0]))
                                .options(selectinload(Review.scores))).scalars():
        by_app.setdefault(r.application_id, []).append(r)
    rows = []
    for a in apps:
        reviews = by_app.get(a.id, [])
        averages = [rules.weighted_average(r, round_.criteria) for r in reviews if r.submitted_at and not r.conflict]
        averages = [v for v in averages if v is not None]
        mean = sum(averages) / len(averages) if averages else None
        rows.append({"application": a, "mean": mean, "spread": (max(averages) - min(averages)) if averages else None,
                     "reviews_done": len(averages), "reviews_assigned": len(reviews)})
    return sorted(rows, key=lambda r: (r["mean"] is None, -(r["mean"] or 0)))


def decide(actor, application, awarded, amount, message):
    """採択 (with an amount ≤ requested) or 不採択, with a message to the group."""
    if application.status != "submitted":
        raise GrantError(_("審査中の申請だけ決定できます。"))
    if awarded:
        if amount is None or amount <= 0 or amount > application.requested_amount:
            raise GrantError(_("採択額は1円以上、申請額（%(amount)s円）以下にしてください。",
                               amount=f"{application.requested_amount:,}"))
    application.status = "awarded" if awarded else "rejected"
    application.awarded_amount = amount if awarded else None
    application.decision_message, application.decided_at = message, utcnow()
    record(actor, "grant_application.decide", application, reason=message,
           after={"status": application.status, "amount": application.awarded_amount})
    publish("grant.decided", application=application)


def publish_results(actor, round_):
    pending = db.session.execute(db.select(db.func.count(GrantApplication.id)).where(
        GrantApplication.round_id == round_.id, GrantApplication.status == "submitted")).scalar()
    if pending:
        raise GrantError(_("まだ決定していない申請が%(n)s件あります。", n=pending))
    round_.results_published_at = utcnow()
    record(actor, "grant_round.publish_results", round_)


def save_report(application, data, lines, *, submit_now):
    report = application_report(application) or GrantReport(application=application)
    if report.status in ("submitted", "approved"):
        raise GrantError(_("提出済みの報告は編集できません。"))
    for key, value in data.items():
        setattr(report, key, value)
    report.lines = [ReportLine(category=c, description=d, amount=a, receipt_document_id=r, position=i)
                    for i, (c, d, a, r) in enumerate(lines)]
    db.session.add(report)
    if submit_now:
        missing = [label for label, v in ((_("実施した活動"), report.activities), (_("成果"), report.outcomes))
                   if not v.strip()]
        if not report.lines:
            missing.append(_("実際の支出"))
        if missing:
            raise GrantError(_("提出できません。"), [_("「%(label)s」を入力してください。", label=m) for m in missing])
        report.status, report.submitted_at = "submitted", utcnow()
    return report


def application_report(application):
    return db.session.execute(db.select(GrantReport).where(GrantReport.application_id == application.id)).scalar_one_or_none()


def review_report(actor, report, approve, message):
    if report.status != "submitted":
        raise GrantError(_("提出済みの報告だけ確認できます。"))
    report.status, report.staff_message = ("approved" if approve else "returned"), message
    if approve:
        report.approved_at = utcnow()
    record(actor, "grant_report.approve" if approve else "grant_report.return", report.application, reason=message)
    publish("grant.report_approved" if approve else "grant.report_returned", application=report.application)
