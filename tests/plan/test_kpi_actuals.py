"""KPI actual values: staff entry, corrections that keep history, the strategy chart, the API and CSV."""
import csv
import io
from datetime import date, timedelta

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.extensions import db
from app.plan import actuals
from app.plan.models import KpiActual
from app.util.time import utcnow
from tests.factories import make_center, make_user, make_workshop

WAITING = "S1-K1"  # 保育所等の待機児童数: baseline ６ → 0 → 0 (人)
DREAMS = "S1-K3"  # 小学校 / 中学校


def _enter(client, code=WAITING, **data):
    form = {"fiscal_year": 2024, "segment": "", "value": "4", "as_of": "2024-04-01", "source_note": "保育課調べ"}
    form.update(data)
    return client.post(f"/plan/kpis/{code}/actuals", data=form)


def test_staff_record_an_actual_with_date_source_and_who_entered_it(as_user):
    staff = make_user(Role.STAFF.value, display_name="入力した職員")
    assert _enter(as_user(staff)).status_code == 302
    row = db.session.execute(db.select(KpiActual)).scalar_one()
    assert (row.kpi_code, row.fiscal_year, row.value, row.value_number) == (WAITING, 2024, "4", 4.0)
    assert row.as_of == date(2024, 4, 1) and row.source_note == "保育課調べ" and row.entered_by_id == staff.id
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "kpi.actual")).scalar_one()
    assert entry.actor_id == staff.id and entry.after["value"] == "4"
    page = as_user(staff).get(f"/plan/kpis/{WAITING}").get_data(as_text=True)
    assert "入力した職員" in page and "保育課調べ" in page


def test_full_width_digits_and_commas_are_understood(as_user):
    staff = make_user(Role.STAFF.value)
    _enter(as_user(staff), code="S2-K1", value="１,２３４")
    assert db.session.execute(db.select(KpiActual.value_number)).scalar_one() == 1234.0


def test_a_value_that_is_not_a_number_gets_a_japanese_message_and_nothing_is_saved(as_user):
    staff = make_user(Role.STAFF.value)
    response = _enter(as_user(staff), value="たくさん")
    assert response.status_code == 200
    assert "実績値は数字で入力してください" in response.get_data(as_text=True)
    assert "たくさん" in response.get_data(as_text=True)  # what was typed stays in the form
    assert db.session.execute(db.select(KpiActual)).first() is None


def test_missing_date_and_year_out_of_range_are_explained(as_user):
    staff = make_user(Role.STAFF.value)
    text = _enter(as_user(staff), as_of="", fiscal_year=1999).get_data(as_text=True)
    assert "時点の日付を入力してください" in text and "2020〜2040の年度を入力してください。" in text


def test_a_second_value_for_the_same_year_must_be_a_correction(as_user):
    staff = make_user(Role.STAFF.value)
    client = as_user(staff)
    _enter(client)
    text = _enter(client, value="3").get_data(as_text=True)
    assert "2024年度の実績値は登録済みです" in text
    assert db.session.execute(db.select(db.func.count(KpiActual.id))).scalar() == 1


def test_a_correction_keeps_the_old_value_in_the_history(as_user):
    staff = make_user(Role.STAFF.value)
    client = as_user(staff)
    _enter(client)
    first = db.session.execute(db.select(KpiActual)).scalar_one()
    response = client.post(f"/plan/kpis/actuals/{first.id}/correct", data={
        "value": "3", "as_of": "2024-04-01", "source_note": "再集計", "reason": "集計漏れ"})
    assert response.status_code == 302
    rows = db.session.execute(db.select(KpiActual).order_by(KpiActual.id)).scalars().all()
    assert [r.value for r in rows] == ["4", "3"] and rows[1].replaces_id == rows[0].id
    assert [a.value for a in actuals.current_rows([WAITING])] == ["3"]
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "kpi.actual_correct")).scalar_one()
    assert entry.before["value"] == "4" and entry.after["value"] == "3" and entry.reason == "集計漏れ"
    history = client.get(f"/plan/kpis/{WAITING}").get_data(as_text=True)
    assert "<del>4</del>" in history and "訂正済み（古い値）" in history and "集計漏れ" in history


def test_a_correction_needs_a_reason_and_an_old_value_cannot_be_corrected_again(as_user):
    staff = make_user(Role.STAFF.value)
    client = as_user(staff)
    _enter(client)
    first = db.session.execute(db.select(KpiActual)).scalar_one()
    text = client.post(f"/plan/kpis/actuals/{first.id}/correct", data={
        "value": "3", "as_of": "2024-04-01", "reason": ""}).get_data(as_text=True)
    assert "訂正の理由を書いてください。" in text
    client.post(f"/plan/kpis/actuals/{first.id}/correct", data={"value": "3", "as_of": "2024-04-01", "reason": "訂正"})
    text = client.post(f"/plan/kpis/actuals/{first.id}/correct", data={
        "value": "2", "as_of": "2024-04-01", "reason": "もう一度"}).get_data(as_text=True)
    assert "既に訂正されています" in text


def test_segments_follow_the_plans_breakdown(as_user):
    staff = make_user(Role.STAFF.value)
    client = as_user(staff)
    assert _enter(client, code=DREAMS, segment="小学校", value="80.4").status_code == 302
    text = _enter(client, code=DREAMS, segment="高校", value="1").get_data(as_text=True)
    assert "選択肢が正しくありません。" in text
    assert db.session.execute(db.select(KpiActual.segment)).scalars().all() == ["小学校"]


def test_strategy_page_shows_baseline_actuals_and_targets_as_chart_and_table(as_user, client):
    staff = make_user(Role.STAFF.value)
    _enter(as_user(staff))
    _enter(as_user(staff), fiscal_year=2025, value="2", as_of="2025-04-01")
    page = client.get("/plan/strategies/S1").get_data(as_text=True)
    assert '<svg class="kpi-chart"' in page and 'role="img"' in page
    assert "策定時 ６、2024年度 4、2025年度 2、2027年度目標 0、2031年度目標 0。" in page  # the chart's text alternative
    assert "2024年4月1日時点・保育課調べ" in page  # the data table beside it
    assert "★１ 未就学児を育てている夫婦世帯を対象とする。" in page  # the plan's own footnote stays
    assert "2人" in page and "（2025年度）" in page  # latest actual in the KPI table


def test_sample_actuals_are_labelled_as_samples_wherever_they_show(client):
    staff = make_user(Role.STAFF.value)
    actuals.record_actual(staff, actuals.get_kpi(WAITING), fiscal_year=2024, value="4", as_of=date(2024, 4, 1),
                          source_note="サンプル", is_sample=True)
    db.session.commit()
    page = client.get("/plan/strategies/S1").get_data(as_text=True)
    assert "サンプル</span>" in page and "デモ用の架空の数値" in page and "4*" in page
    data = client.get("/api/v1/plan/kpis").get_json()
    item = next(i for i in data["items"] if i["code"] == WAITING)
    assert item["actuals"][0]["sample"] is True


def test_api_lists_every_kpi_with_actuals_and_csv_has_one_row_per_actual(client):
    staff = make_user(Role.STAFF.value)
    kpi = actuals.get_kpi(WAITING)
    actuals.record_actual(staff, kpi, fiscal_year=2024, value="4", as_of=date(2024, 4, 1), source_note="保育課")
    db.session.commit()
    data = client.get("/api/v1/plan/kpis").get_json()
    assert data["total"] == 49
    item = next(i for i in data["items"] if i["code"] == WAITING)
    assert (item["baseline"], item["target_2027"], item["unit"]) == ("６", "0", "人")
    assert item["actuals"] == [{"fiscal_year": 2024, "segment": None, "value": "4", "value_number": 4.0,
                                "as_of": "2024-04-01", "source_note": "保育課", "corrected": False, "sample": False}]
    response = client.get("/api/v1/plan/kpis?format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 49
    row = next(r for r in rows if r["code"] == WAITING)
    assert (row["fiscal_year"], row["value"], row["as_of"]) == ("2024", "4", "2024-04-01")


def test_linked_kpi_shows_the_platforms_live_figure_clearly_labelled(as_user, client):
    staff = make_user(Role.STAFF.value)
    center = make_center()
    make_workshop(center=center, days_ahead=-3)
    make_workshop(center=center, days_ahead=-2)
    response = as_user(staff).post("/plan/kpis/S4-2-K3/link", data={"measure": "workshops_held", "center": 0})
    assert response.status_code == 302
    assert "kpi.link" in db.session.execute(db.select(AuditEntry.action)).scalars().all()
    page = client.get("/plan/strategies/S4").get_data(as_text=True)
    assert "ひろばでの記録（参考）" in page and "ワークショップの開催数" in page
    assert "市の公式の実績値ではありません" in page
    fy = (utcnow() - timedelta(days=3))
    fy = fy.year if fy.month >= 4 else fy.year - 1
    assert f"{fy}年度: <strong>2</strong>" in page
    item = next(i for i in client.get("/api/v1/plan/kpis").get_json()["items"] if i["code"] == "S4-2-K3")
    assert item["platform_figure"]["official"] is False
    assert item["platform_figure"]["by_fiscal_year"] == [{"fiscal_year": fy, "value": 2}]


def test_only_staff_enter_actuals(as_user):
    for role in (Role.RESIDENT.value, Role.FACILITATOR.value, Role.DEPARTMENT.value):
        assert _enter(as_user(make_user(role))).status_code == 403
    assert db.session.execute(db.select(KpiActual)).first() is None
