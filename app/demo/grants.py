"""Demo groups, grant rounds, one complete co-creation chain, and past case studies.

The chain uses the real services end to end: issue → workshop → initiative (taken up by a group) →
application → review → award → report → case study, shown beside new issues that resemble it.
Keyed by names and titles: idempotent.
"""
from datetime import timedelta

from app.accounts.models import User
from app.cases.models import CaseStudy
from app.cases.services import publish, save_case
from app.documents.services import save_document
from app.extensions import db
from app.grants import services as grants
from app.grants.models import DECLARATIONS, GrantRound
from app.grants.rules import window_utc
from app.groups.models import Group, GroupMember
from app.groups.services import save_group
from app.issues.models import Issue
from app.util.time import to_jst, utcnow
from app.workshops.models import Initiative

PDF = b"%PDF-1.4\n% demo rules\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class _Upload:
    """A tiny stand-in for an uploaded file (demo only)."""

    def __init__(self, data, filename):
        import io
        self.stream, self.filename = io.BytesIO(data), filename


def _user(email):
    return db.session.execute(db.select(User).where(User.email == email)).scalar_one_or_none()


def _group(name, owner, kind, center, description, member_emails):
    group = db.session.execute(db.select(Group).where(Group.name == name)).scalar_one_or_none()
    if group is None:
        group = save_group(owner, None, {"name": name, "kind": kind, "description": description, "public_contact": "",
                                         "private_contact": "代表者連絡先（デモ）", "founded_on": None, "center": center})
        for email in member_emails:
            user = _user(email)
            if user is not None and db.session.get(GroupMember, (group.id, user.id)) is None:
                db.session.add(GroupMember(group_id=group.id, user_id=user.id, role="member"))
        db.session.flush()
    return group


def _round(staff, year, course, title, open_days, close_days, max_amount, rate):
    round_ = db.session.execute(db.select(GrantRound).where(GrantRound.fiscal_year == year,
                                                            GrantRound.course == course)).scalar_one_or_none()
    if round_ is None:
        today = to_jst(utcnow()).date()
        opens_at, closes_at = window_utc(today + timedelta(days=open_days), today + timedelta(days=close_days))
        round_ = grants.save_round(staff, None, {
            "fiscal_year": year, "course": course, "title": title, "opens_at": opens_at, "closes_at": closes_at,
            "max_amount": max_amount, "subsidy_rate": rate, "total_budget": max_amount * 10,
            "guidelines": "平塚市協働のまちづくり基金を財源とする市民活動推進補助金の募集です（デモ用の要項）。\n"
                          "金額・補助率は市が年度ごとに定めます。"},
            [("公益性・地域課題への貢献", 3), ("実現可能性", 2), ("地域や団体との連携", 2), ("継続性・発展性", 1)])
    return round_


def seed_grants(centers):
    """Groups, an open round, a decided round with the complete chain, and past cases. Returns counts."""
    staff, reviewer = _user("staff@example.jp"), _user("reviewer@example.jp")
    owner = _user("u01@example.jp")
    if not (staff and reviewer and owner):
        return {}
    watch = _group("港地区 子ども見守り隊", owner, "community", centers["港"],
                   "港地区の保護者と自治会で、通学路の見守りと危ない場所の地図づくりをしています。",
                   [f"u{n:02d}@example.jp" for n in range(2, 8)])
    _group("金目川の水辺を楽しむ会", _user("u07@example.jp") or owner, "citizen", centers["金目"],
           "金目川の土手の清掃と、水辺の生きもの観察会を開いています。", [f"u{n:02d}@example.jp" for n in range(8, 13)])
    year = to_jst(utcnow()).year if to_jst(utcnow()).month >= 4 else to_jst(utcnow()).year - 1
    _round(staff, year, "intro", f"{year}年度 市民活動推進補助金（入門コース）", -14, 30, 100_000, 100)
    chain_round = _round(staff, year, "development", f"{year}年度 市民活動推進補助金（発展コース）", -60, -15, 300_000, 80)
    _chain(staff, reviewer, owner, watch, chain_round)
    return {"groups": db.session.execute(db.select(db.func.count(Group.id))).scalar(),
            "grant rounds": db.session.execute(db.select(db.func.count(GrantRound.id))).scalar()}


def _chain(staff, reviewer, owner, group, round_):
    """The demo's complete chain, once."""
    title = "通学路ひやりハット地図づくり"
    if db.session.execute(db.select(CaseStudy).where(CaseStudy.title == title)).scalar_one_or_none():
        return
    initiative = db.session.execute(db.select(Initiative).where(Initiative.title == title)).scalar_one_or_none()
    if initiative is not None:
        initiative.group = group
    issue = db.session.execute(db.select(Issue).where(Issue.submission_key == "demo:i001")).scalar_one_or_none()
    app_ = grants.start_application(owner, round_, group)
    rules_doc = save_document(_Upload(PDF, "港地区子ども見守り隊_会則.pdf"), owner, group, "rules")
    grants.save_draft(app_, {
        "title": title, "purpose": "港地区の通学路で、朝の抜け道の車による危ない場面が続いています。危ない場所を地図にして共有します。",
        "activities": "保護者と中学生で通学路を歩いて調べ、危ない場所の写真と説明を地図にまとめ、学校・自治会・警察に配ります。",
        "schedule": "5月 まち歩き／6月 地図の作成／7月 配布と報告会", "outcomes": "地図を全戸に配布し、交差点の注意喚起を強める。",
        "partners": "港小学校PTA、港地区自治会連合会", "member_count": 7, "citizen_member_count": 7,
        "other_income": 20_000, "requested_amount": 150_000, "rules_document_id": rules_doc.id,
        "declarations": {k: True for k in DECLARATIONS}, "initiative_id": initiative.id if initiative else None},
        [("印刷製本費", "地図 2,000部", 160_000, True), ("消耗品費", "のぼり旗・ベスト", 40_000, True),
         ("会議費", "お茶代", 5_000, False)], tags=["G3", "S4-3", "P4-3"], issues=[issue] if issue else [])
    grants.submit(owner, app_, now=round_.opens_at + timedelta(days=3))
    review = grants.assign_reviewer(staff, app_, reviewer)
    grants.declare_conflict(reviewer, review, False)
    grants.save_scores(reviewer, review, {c.id: (s, "") for c, s in zip(round_.criteria, (5, 4, 5, 4))},
                       "地域の連携がよく考えられています。", final=True)
    grants.decide(staff, app_, True, 150_000, "採択です。地図ができたら報告会にもお声がけください。")
    grants.publish_results(staff, round_)
    report = grants.save_report(app_, {
        "activities": "5月に保護者・中学生あわせて24人で通学路を3回歩き、危ない場所18か所を地図にしました。",
        "participants": 24, "outcomes": "地図2,000部を全戸配布。交差点2か所に路面表示が追加されました。",
        "lessons": "中学生の意見をもっと早く聞けばよかった。"},
        [("印刷製本費", "地図 2,000部", 158_400, None), ("消耗品費", "のぼり旗・ベスト", 38_900, None)], submit_now=True)
    grants.review_report(staff, report, True, "ありがとうございました。事例として紹介させてください。")
    case = save_case(staff, None, {
        "title": title, "group_name": group.name, "fiscal_year": round_.fiscal_year, "problem": app_.purpose,
        "activities": report.activities, "outcomes": report.outcomes, "consent_note": "代表者から口頭で同意（デモ）",
        "group": group, "center": group.center, "application": app_}, app_.codes, list(app_.issues), consent=True)
    publish(staff, case)


def seed_cases(data, centers):
    """Past case studies entered directly (2019年度〜); idempotent by title."""
    staff = _user("staff@example.jp")
    if staff is None:
        return 0
    for row in data["cases"]:
        if db.session.execute(db.select(CaseStudy).where(CaseStudy.title == row["title"])).scalar_one_or_none():
            continue
        issues = [i for key in row.get("resembles", []) for i in db.session.execute(
            db.select(Issue).where(Issue.submission_key == f"demo:{key}")).scalars()]
        case = save_case(staff, None, {
            "title": row["title"], "group_name": row["group_name"], "fiscal_year": row["fiscal_year"],
            "problem": row["problem"].strip(), "activities": row["activities"].strip(), "outcomes": row["outcomes"].strip(),
            "consent_note": "掲載の同意あり（デモ）", "group": None, "center": centers.get(row["center"])},
            row["codes"], issues, consent=True)
        publish(staff, case)
    return db.session.execute(db.select(db.func.count(CaseStudy.id))).scalar()
