"""The grant's rules as pure functions: windows in JST, eligibility, and budget arithmetic in integer yen."""
from datetime import datetime, time, timezone

from flask_babel import gettext as _

from app.grants.models import DECLARATIONS, MIN_CITIZENS, MIN_MEMBERS
from app.util.time import JST


def window_utc(open_date, close_date):
    """Opening 00:00:00 JST through closing 23:59:59 JST (both days inclusive), as naive UTC."""
    def utc(d, t):
        return datetime.combine(d, t, tzinfo=JST).astimezone(timezone.utc).replace(tzinfo=None)
    return utc(open_date, time(0, 0, 0)), utc(close_date, time(23, 59, 59))


def is_open(round_, now):
    return round_.opens_at <= now <= round_.closes_at and round_.results_published_at is None


def eligibility_problems(application):
    """Japanese sentences explaining each rule the application does not yet meet (empty when eligible)."""
    problems = [_("「%(item)s」の確認にチェックが必要です。", item=text) for key, text in DECLARATIONS.items()
                if not application.declarations.get(key)]
    if application.member_count < MIN_MEMBERS:
        problems.append(_("団体の構成員は%(min)s人以上必要です（現在%(n)s人）。", min=MIN_MEMBERS,
                          n=application.member_count))
    if application.citizen_member_count < MIN_CITIZENS:
        problems.append(_("構成員のうち%(min)s人以上が平塚市民（市内に住む・働く・学ぶ人）である必要があります"
                          "（現在%(n)s人）。", min=MIN_CITIZENS, n=application.citizen_member_count))
    if application.citizen_member_count > application.member_count:
        problems.append(_("平塚市民の人数が、構成員の人数より多くなっています。"))
    if application.rules_document_id is None:
        problems.append(_("団体の規約・会則（PDF）を添付してください。"))
    return problems


def max_request(round_, eligible_total):
    """The most that can be requested: min(course maximum, rate% of eligible expenses), rounded down to the yen."""
    return min(round_.max_amount, eligible_total * round_.subsidy_rate // 100)


def budget_problems(application):
    problems = []
    if not application.lines:
        problems.append(_("予算（費目・内容・金額）を1行以上入力してください。"))
    limit = max_request(application.round, application.eligible_expenses)
    if application.requested_amount <= 0:
        problems.append(_("申請額を入力してください。"))
    elif application.requested_amount > limit:
        problems.append(_("申請額は%(limit)s円までです（上限%(max)s円と、対象経費%(eligible)s円の%(rate)s%%のうち少ない方）。",
                          limit=f"{limit:,}", max=f"{application.round.max_amount:,}",
                          eligible=f"{application.eligible_expenses:,}", rate=application.round.subsidy_rate))
    if application.requested_amount + application.other_income > application.total_expenses:
        problems.append(_("申請額とほかの収入の合計が、経費の合計を超えています。"))
    return problems


def content_problems(application):
    missing = [label for label, value in ((_("事業の名前"), application.title), (_("目的"), application.purpose),
                                          (_("活動の内容"), application.activities),
                                          (_("スケジュール"), application.schedule),
                                          (_("期待される成果"), application.outcomes)) if not value.strip()]
    return [_("「%(label)s」を入力してください。", label=label) for label in missing]


def weighted_average(review, criteria):
    weights = {c.id: c.weight for c in criteria}
    total = sum(weights[s.criterion_id] for s in review.scores if s.criterion_id in weights)
    return sum(s.score * weights[s.criterion_id] for s in review.scores if s.criterion_id in weights) / total if total else None
