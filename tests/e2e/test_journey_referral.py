"""担当課 routing in a real browser: a facilitator refers an issue, the department answers in its own name.
Also axe and screenshots for the evidence pages (strategy chart, statistics, department queue)."""
from datetime import date

import pytest

from app.extensions import db
from app.issues.models import Comment
from app.plan import actuals
from app.referrals.models import Referral
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_accessibility import serious_violations
from tests.factories import PASSWORD, make_center, make_department, make_issue, make_user, make_workshop


def test_referral_from_facilitator_to_department_reply(live_server, page_factory):
    center = make_center(name="旭北公民館", district="旭北地区")
    facilitator = make_user("facilitator", centers=[center], email="fac-r@example.jp", display_name="伴走者")
    roads = make_department("道路管理課", handles="街路灯、市道の補修")
    member = make_user("department", departments=[roads], email="roads@example.jp", display_name="道路 太郎")
    issue = make_issue(center=center, title="坂道の街灯が足りず夜が暗い", body="湘南平へ向かう坂道が夜とても暗いです。")

    fac = page_factory("desktop")
    login(fac, live_server, facilitator.email, PASSWORD)
    fac.goto(f"{live_server}/issues/{issue.id}")
    fac.click("#facilitator a[href$='/refer']")
    fac.select_option("#department", str(roads.id))
    fac.fill("#note", "現地を確認しました。坂の中ほど100mに街灯がありません。")
    fac.click("main form button[type=submit]")
    fac.wait_for_selector("text=道路管理課に引き継ぎました。回答の目安は14日です。")
    assert "担当課へ引き継ぎ" in fac.content()  # on the issue's timeline
    assert serious_violations(fac) == []

    dept = page_factory("phone")
    login(dept, live_server, member.email, PASSWORD)
    dept.goto(f"{live_server}/department")
    assert "坂の中ほど100mに街灯がありません" in dept.content()
    screenshot(dept, "referral-queue-phone")
    dept.click(f"#active a:has-text('坂道の街灯が足りず夜が暗い')")
    assert serious_violations(dept) == []
    dept.fill("#body", "道路管理課です。街灯2基の設置を今年度中に予定しています。")
    dept.click("form[action$='/reply'] button[type=submit]")
    dept.wait_for_selector("text=回答を公開しました")
    screenshot(dept, "referral-detail-phone")

    public = page_factory("phone")
    public.goto(f"{live_server}/issues/{issue.id}")
    official = public.locator(".comment-official")
    assert "道路管理課" in official.inner_text() and "街灯2基の設置" in official.inner_text()
    assert "道路 太郎" not in public.content()
    screenshot(public, "referral-public-reply-phone")
    db.session.expire_all()
    assert db.session.execute(db.select(Referral.status)).scalar_one() == "answered"
    assert db.session.execute(db.select(Comment.official_department_id)).scalar_one() == roads.id
    assert fac.errors == [] and dept.errors == [] and public.errors == []


def _evidence_data():
    center = make_center(name="港公民館", district="港地区")
    staff = make_user("staff", email="staff-ev@example.jp", display_name="職員")
    kpi = actuals.get_kpi("S1-K1")
    actuals.record_actual(staff, kpi, fiscal_year=2024, value="4", as_of=date(2024, 4, 1), source_note="サンプル",
                          is_sample=True)
    actuals.record_actual(staff, kpi, fiscal_year=2025, value="2", as_of=date(2025, 4, 1), source_note="サンプル",
                          is_sample=True)
    dreams = actuals.get_kpi("S1-K3")
    for segment, value in (("小学校", "80.4"), ("中学校", "66.1")):
        actuals.record_actual(staff, dreams, fiscal_year=2024, segment=segment, value=value, as_of=date(2024, 7, 31),
                              source_note="", is_sample=True)
    actuals.link_kpi(staff, actuals.get_kpi("S1-K2"), "workshop_participants", None, is_sample=True)
    db.session.commit()
    make_workshop(center=center, days_ahead=-5)
    for _ in range(6):
        make_issue(center=center, themes=("G3", "S1-2"))
    roads = make_department("道路管理課")
    make_user("department", departments=[roads], email="roads-ev@example.jp")
    return staff


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_evidence_pages_have_no_serious_axe_violations(live_server, page_factory, viewport):
    staff = _evidence_data()
    page = page_factory(viewport)
    found = {}
    for path in ["/plan/strategies/S1", "/stats", "/departments"]:
        page.goto(live_server + path)
        if v := serious_violations(page):
            found[path] = v
    screenshot(page, f"evidence-departments-{viewport}")
    page.goto(live_server + "/plan/strategies/S1")
    screenshot(page, f"evidence-strategy-chart-{viewport}")
    login(page, live_server, staff.email, PASSWORD)
    for path in ["/stats/staff", "/plan/kpis", "/plan/kpis/S1-K1", "/admin/departments", "/admin/departments/new",
                 "/department", "/plan/kpis/actuals/1/correct"]:
        page.goto(live_server + path)
        if v := serious_violations(page):
            found[path] = v
    page.goto(live_server + "/stats/staff")
    screenshot(page, f"evidence-stats-staff-{viewport}")
    page.goto(live_server + "/plan/kpis/S1-K1")
    screenshot(page, f"evidence-kpi-history-{viewport}")
    assert found == {}
    assert page.errors == []
