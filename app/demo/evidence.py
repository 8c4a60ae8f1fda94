"""Demo 担当課, department staff, referrals, KPI actual values and KPI links — every one marked サンプル.

The KPI actual values are NOT in the city's documents: they are invented for the demo, flagged is_sample,
and shown with a サンプル badge wherever they appear. Idempotent (keyed by names, codes and issues).
"""
from datetime import date, timedelta

from app.accounts.models import Role, User
from app.accounts.services import create_user
from app.departments.models import Department
from app.extensions import db
from app.issues.models import Issue
from app.plan import actuals
from app.plan.models import KpiActual
from app.referrals import services as referrals
from app.referrals.models import Referral

SAMPLE_SOURCE = "サンプル（デモ用の架空の値）"
CITY_SITE = "https://www.city.hiratsuka.kanagawa.jp/"

DEPARTMENTS = [
    ("道路管理課", "市道の穴や段差、街路灯、カーブミラー、道路のあふれた水"),
    ("交通政策課", "バス路線やダイヤ、コミュニティバス、自転車の利用環境"),
    ("公園緑地課", "公園の遊具や樹木、広場の管理"),
    ("農水産課", "農地、用水路、農業用の施設"),
]

# (issue key, department, days ago referred, reply days later or None, note)
REFERRALS = [
    ("i015", "道路管理課", 9, 3, "現地を確認しました。坂の中ほど約100mに街灯がありません。通学・通勤の自転車が多い区間です。"),
    ("i011", "交通政策課", 6, None, "豊田地区の複数の方から同じ声があります。夜の便の見直しの予定があれば教えてください。"),
    ("i028", "農水産課", 20, None, "神田地区の用水路沿い、柵のない区間が約50mあります。管理者の確認をお願いします。"),
]
REPLIES = {
    "i015": "道路管理課です。現地を確認し、街灯2基の設置を今年度中に予定しています。設置までの間、注意喚起の看板を置きます。（サンプルの回答）",
}

# (KPI code, fiscal year, segment, value, as-of) — invented sample figures.
ACTUALS = [
    ("S1-K1", 2024, "", "4", date(2024, 4, 1)),
    ("S1-K1", 2025, "", "2", date(2025, 4, 1)),
    ("S1-K3", 2024, "小学校", "80.4", date(2024, 7, 31)),
    ("S1-K3", 2024, "中学校", "66.1", date(2024, 7, 31)),
    ("S1-K3", 2025, "小学校", "80.9", date(2025, 7, 31)),
    ("S1-K3", 2025, "中学校", "66.5", date(2025, 7, 31)),
    ("S2-K1", 2024, "", "590", date(2025, 3, 31)),
    ("S2-K1", 2025, "", "748", date(2026, 3, 31)),
    ("S4-2-K3", 2024, "", "11", date(2025, 3, 31)),
    ("S4-2-K3", 2025, "", "12", date(2026, 3, 31)),
    ("S4-3-K2", 2024, "", "10", date(2025, 3, 31)),
]
CORRECTION = ("S1-K1", 2024, "3", "サンプル: 4月1日時点の再集計で訂正（訂正の履歴の例）")
LINKS = [("S4-2-K3", "workshops_held"), ("S4-3-K2", "groups_participating"), ("S2-K1", "workshop_participants")]


def seed_departments():
    """Sample departments keyed by name; returns {name: Department}."""
    by_name = {}
    for i, (name, handles) in enumerate(DEPARTMENTS):
        d = db.session.execute(db.select(Department).where(Department.name == name)).scalar_one_or_none()
        if d is None:
            d = Department(name=name, handles=handles, contact_url=CITY_SITE, position=i, is_sample=True)
            db.session.add(d)
        by_name[name] = d
    db.session.flush()
    return by_name


def _department_user(departments, password):
    email = "department@example.jp"
    user = db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()
    if user is None:
        user = create_user(email, "担当課 職員（デモ）", password, role=Role.DEPARTMENT.value,
                           departments=[departments["道路管理課"], departments["交通政策課"], departments["農水産課"]])
    return user


def _issue(key):
    return db.session.execute(db.select(Issue).where(Issue.submission_key == f"demo:{key}")).scalar_one_or_none()


def seed_referrals(departments, staff_user):
    """Referrals through the real services, then moved into the past; one left overdue."""
    made = 0
    for key, dept_name, days_ago, reply_after, note in REFERRALS:
        issue = _issue(key)
        if issue is None or db.session.execute(db.select(Referral.id).where(Referral.issue_id == issue.id)).first():
            continue
        facilitator = next(iter(issue.center.facilitators), None) or staff_user
        referral = referrals.refer_issue(facilitator, issue, departments[dept_name], note, is_sample=True)
        when = referral.created_at - timedelta(days=days_ago)
        referral.created_at, referral.due_at = when, when + timedelta(days=referrals.due_days())
        if key in REPLIES:
            member = next(iter(departments[dept_name].members), staff_user)
            comment = referrals.reply(member, referral, REPLIES[key])
            comment.created_at = referral.first_reply_at = when + timedelta(days=reply_after)
        made += 1
    db.session.flush()
    return made


def seed_kpi_actuals(staff_user):
    made = 0
    for code, fy, segment, value, as_of in ACTUALS:
        exists = db.session.execute(db.select(KpiActual.id).where(
            KpiActual.kpi_code == code, KpiActual.fiscal_year == fy, KpiActual.segment == segment)).first()
        if exists:
            continue
        actuals.record_actual(staff_user, actuals.get_kpi(code), fiscal_year=fy, segment=segment, value=value,
                              as_of=as_of, source_note=SAMPLE_SOURCE, is_sample=True)
        made += 1
    code, fy, value, reason = CORRECTION
    current = next((a for a in actuals.current_rows([code]) if a.fiscal_year == fy), None)
    if current is not None and current.replaces_id is None and current.value != value:
        actuals.correct_actual(staff_user, current, value=value, as_of=current.as_of, source_note=SAMPLE_SOURCE,
                               reason=reason)
    for code, measure in LINKS:
        if code not in actuals.links_by_kpi([code]):
            actuals.link_kpi(staff_user, actuals.get_kpi(code), measure, None, is_sample=True)
    return made


# 対象外 demo issues: where the resident was sent (a sample department, or an outside body).
OUT_OF_SCOPE = {"i033": ("道路管理課", "", ""),
                "i034": (None, "平塚警察署（信号機の設置の相談）", "警察署の交通課の窓口へ")}


def seed_out_of_scope(departments):
    for key, (dept, body, contact) in OUT_OF_SCOPE.items():
        issue = _issue(key)
        if issue is not None and issue.status == "out_of_scope" and issue.out_of_scope_department is None \
                and not issue.out_of_scope_body:
            issue.out_of_scope_department = departments[dept] if dept else None
            issue.out_of_scope_body, issue.out_of_scope_contact = body, contact


def seed_evidence(users, password):
    departments = seed_departments()
    _department_user(departments, password)
    seed_out_of_scope(departments)
    staff_user = users["staff@example.jp"]
    return {"departments": len(departments), "referrals": seed_referrals(departments, staff_user),
            "kpi actuals": seed_kpi_actuals(staff_user)}
