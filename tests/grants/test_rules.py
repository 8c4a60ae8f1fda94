"""Grant rules: JST windows at the boundaries, eligibility, integer-yen budget arithmetic."""
from datetime import date, datetime, timedelta

import pytest

from app.extensions import db
from app.grants import rules, services
from app.grants.models import GrantApplication
from tests.factories import make_application, make_group, make_round


def test_window_is_inclusive_in_japan_time():
    opens, closes = rules.window_utc(date(2027, 4, 1), date(2027, 5, 31))
    assert opens == datetime(2027, 3, 31, 15, 0, 0)  # 2027-04-01 00:00 JST
    assert closes == datetime(2027, 5, 31, 14, 59, 59)  # 2027-05-31 23:59:59 JST


def test_submission_at_the_boundaries():
    group = make_group(members=5)
    round_ = make_round()
    draft = make_application(group, round_, submit=False)
    owner = draft.group.members[0].user
    with pytest.raises(services.GrantError) as early:
        services.submit(owner, draft, now=round_.opens_at - timedelta(seconds=1))
    assert "募集期間外" in early.value.problems[0]
    with pytest.raises(services.GrantError):
        services.submit(owner, draft, now=round_.closes_at + timedelta(seconds=1))
    services.submit(owner, draft, now=round_.closes_at)  # the last second of the closing day counts
    assert draft.status == "submitted" and draft.submitted_at == round_.closes_at


def test_eligibility_failures_are_explained_in_japanese():
    group = make_group()
    app_ = make_application(group, submit=False)
    app_.declarations = {**app_.declarations, "not_religious_political": False}
    app_.member_count, app_.citizen_member_count, app_.rules_document_id = 4, 2, None
    problems = rules.eligibility_problems(app_)
    assert any("宗教活動・政治活動・選挙活動" in p for p in problems)
    assert any("5人以上" in p and "現在4人" in p for p in problems)
    assert any("3人以上が平塚市民" in p for p in problems)
    assert any("規約・会則（PDF）" in p for p in problems)
    with pytest.raises(services.GrantError) as refused:
        services.submit(group.members[0].user, app_)
    assert len(refused.value.problems) >= 4
    assert app_.status == "draft"


def test_budget_arithmetic_in_integer_yen():
    round_ = make_round(max_amount=100_000, rate=80)
    assert rules.max_request(round_, 123_457) == 98_765  # 80% rounded down to the yen
    assert rules.max_request(round_, 200_000) == 100_000  # the course maximum
    group = make_group()
    app_ = make_application(group, round_, submit=False, requested=98_766,
                            lines=(("謝金", "講師", 123_457, True), ("飲食費", "懇親会", 30_000, False)))
    assert (app_.total_expenses, app_.eligible_expenses) == (153_457, 123_457)
    problems = rules.budget_problems(app_)
    assert any("申請額は98,765円まで" in p for p in problems)
    app_.requested_amount = 98_765
    assert rules.budget_problems(app_) == []
    app_.other_income = 60_000
    assert any("経費の合計を超えて" in p for p in rules.budget_problems(app_))


def test_submitted_applications_are_locked():
    group = make_group()
    app_ = make_application(group)
    with pytest.raises(services.GrantError):
        services.save_draft(app_, {"title": "書き換え"}, [])
    assert db.session.get(GrantApplication, app_.id).title == "見守り活動"
