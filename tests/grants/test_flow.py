"""The grant process through the web: apply, review with conflicts, rank, decide, publish, report."""
import io
import re

from app.audit.models import AuditEntry
from app.extensions import db
from app.grants.models import DECLARATIONS, GrantApplication, GrantReport, Review
from app.notifications.models import Notification
from tests.factories import make_application, make_group, make_round, make_user, pdf_bytes


def _actions():
    return [e.action for e in db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def test_owner_drafts_saves_then_submits_with_every_missing_rule_listed(as_user):
    owner = make_user()
    group = make_group(owner=owner)
    round_ = make_round()
    c = as_user(owner)
    response = c.post(f"/grants/rounds/{round_.id}/apply", data={"group_id": str(group.id)})
    app_id = int(re.search(r"/grants/applications/(\d+)/edit", response.headers["Location"]).group(1))
    html = c.post(f"/grants/applications/{app_id}/edit", data={"title": "子ども見守り", "action": "submit"}).get_data(as_text=True)
    assert "提出できません" in html and "「目的」を入力してください。" in html and "団体の構成員は5人以上必要です" in html
    assert db.session.get(GrantApplication, app_id).title == "子ども見守り"  # the draft was kept
    data = {"title": "子ども見守り", "purpose": "通学路の安全", "activities": "朝の見守り", "schedule": "4月〜3月",
            "outcomes": "事故ゼロ", "member_count": "7", "citizen_member_count": "5", "requested_amount": "40000",
            "other_income": "0", "declarations": list(DECLARATIONS),
            "lines-0-category": "消耗品費", "lines-0-description": "旗とベスト", "lines-0-amount": "50000",
            "lines-0-eligible": "y", "initiative": "0", "codes": "G3 S4-3", "action": "submit",
            "rules_file": (io.BytesIO(b"not a pdf"), "kiyaku.pdf")}
    html = c.post(f"/grants/applications/{app_id}/edit", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert "PDFファイルを選んでください" in html
    data["rules_file"] = (io.BytesIO(pdf_bytes()), "kiyaku.pdf")
    response = c.post(f"/grants/applications/{app_id}/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    app_ = db.session.get(GrantApplication, app_id)
    assert app_.status == "submitted" and app_.submitted_at and app_.codes == ["G3", "S4-3"]
    assert c.get(f"/grants/applications/{app_id}/edit").status_code == 403  # locked
    assert "grant_application.submit" in _actions()


def test_conflicted_reviewer_cannot_see_or_score(as_user):
    group = make_group()
    app_ = make_application(group)
    staff, reviewer = make_user("staff"), make_user("reviewer")
    as_user(staff).post(f"/grants/admin/applications/{app_.id}/assign", data={"reviewer_id": str(reviewer.id)})
    review = db.session.execute(db.select(Review)).scalar_one()
    r = as_user(reviewer)
    page = r.get(f"/grants/reviews/{review.id}").get_data(as_text=True)
    assert "利害関係の申告" in page and "通学路の安全" not in page  # nothing shown before the declaration
    r.post(f"/grants/reviews/{review.id}", data={"step": "conflict", "c-conflict": "yes", "c-note": "家族が会員"})
    assert "通学路の安全" not in r.get(f"/grants/reviews/{review.id}").get_data(as_text=True)
    assert r.get(f"/grants/applications/{app_.id}").status_code == 403
    html = r.post(f"/grants/reviews/{review.id}", data={"step": "scores", "action": "submit",
                                                        **{f"score-{c.id}": "5" for c in app_.round.criteria}}).get_data(as_text=True)
    assert "利害関係の有無を申告" in html or "採点できません" in html
    db.session.expire_all()
    assert db.session.get(Review, review.id).scores == []


def test_group_members_cannot_review_their_own_application(as_user):
    owner = make_user("reviewer")
    group = make_group(owner=owner)
    app_ = make_application(group)
    html = as_user(make_user("staff")).post(f"/grants/admin/applications/{app_.id}/assign",
                                            data={"reviewer_id": str(owner.id)}, follow_redirects=True).get_data(as_text=True)
    assert "審査委員になれません" in html


def _review(as_user, app_, reviewer, scores):
    review = db.session.execute(db.select(Review).where(Review.reviewer_id == reviewer.id,
                                                        Review.application_id == app_.id)).scalar_one()
    c = as_user(reviewer)
    c.post(f"/grants/reviews/{review.id}", data={"step": "conflict", "c-conflict": "no"})
    crit = app_.round.criteria
    c.post(f"/grants/reviews/{review.id}", data={"step": "scores", "action": "submit",
                                                 **{f"score-{cr.id}": str(s) for cr, s in zip(crit, scores)}})


def test_ranking_decision_publication_report_and_case(as_user, client):
    round_ = make_round()
    strong, weak = make_application(make_group(), round_), make_application(make_group(), round_)
    staff = make_user("staff")
    s = as_user(staff)
    r1, r2 = make_user("reviewer"), make_user("reviewer")
    for a in (strong, weak):
        for r in (r1, r2):
            s.post(f"/grants/admin/applications/{a.id}/assign", data={"reviewer_id": str(r.id)})
    _review(as_user, strong, r1, [5, 4])
    _review(as_user, strong, r2, [4, 4])
    _review(as_user, weak, r1, [2, 3])
    page = s.get(f"/grants/admin/rounds/{round_.id}").get_data(as_text=True)
    assert page.index(f'id="app-{strong.id}"') < page.index(f'id="app-{weak.id}"')
    assert "4.30" in page and "0.60" in page  # (5*3+4*2)/5=4.6 and (4*3+4*2)/5=4.0: mean 4.30, spread 0.60
    html = s.post(f"/grants/admin/applications/{strong.id}/decide",
                  data={"decision": "award", "amount": "99999", "message": "おめでとうございます"},
                  follow_redirects=True).get_data(as_text=True)
    assert "採択額は1円以上、申請額（40,000円）以下にしてください。" in html
    s.post(f"/grants/admin/applications/{strong.id}/decide", data={"decision": "award", "amount": "35000", "message": "採択"})
    assert "まだ決定していない申請が1件" in s.post(f"/grants/admin/rounds/{round_.id}/publish",
                                                   follow_redirects=True).get_data(as_text=True)
    assert "見守り活動" not in client.get("/grants/awards").get_data(as_text=True)  # not public yet
    s.post(f"/grants/admin/applications/{weak.id}/decide", data={"decision": "reject", "message": "今回は見送り"})
    s.post(f"/grants/admin/rounds/{round_.id}/publish")
    awards = client.get("/api/v1/grants/awards").get_json()["items"]
    assert [(a["id"], a["awarded_amount"]) for a in awards] == [(strong.id, 35000)]
    owner = strong.group.members[0].user
    assert db.session.execute(db.select(Notification).where(Notification.user_id == owner.id,
                                                            Notification.kind == "grant.decided")).scalars().first()
    o = as_user(owner)
    html = o.post(f"/grants/applications/{strong.id}/report", data={"action": "submit", "activities": ""}).get_data(as_text=True)
    assert "「実施した活動」を入力してください。" in html
    o.post(f"/grants/applications/{strong.id}/report", data={
        "action": "submit", "activities": "毎朝の見守りを実施", "participants": "420", "outcomes": "事故ゼロ",
        "lessons": "旗を増やす", "lines-0-category": "消耗品費", "lines-0-amount": "34000",
        "lines-0-receipt": (io.BytesIO(pdf_bytes()), "receipt.pdf")}, content_type="multipart/form-data")
    report = db.session.execute(db.select(GrantReport)).scalar_one()
    assert report.status == "submitted" and report.lines[0].receipt is not None
    s.post(f"/grants/admin/reports/{report.id}", data={"decision": "approve", "message": "確認しました"})
    form = s.get(f"/cases/from-report/{report.id}").get_data(as_text=True)
    assert "毎朝の見守りを実施" in form and "下書きを作りました" in form
    html = s.post(f"/cases/from-report/{report.id}", data={
        "title": "通学路の見守り", "group_name": strong.group.name, "group": str(strong.group_id), "fiscal_year": "2026",
        "center": "0", "problem": "通学路が危ない", "activities": "毎朝の見守り", "outcomes": "事故ゼロ", "codes": "G3",
        "action": "publish"}, follow_redirects=True).get_data(as_text=True)
    assert "団体の同意を記録してから公開してください。" in html
    expected = ["grant_review.assign", "grant_application.decide", "grant_round.publish_results", "grant_report.approve",
                "case.create"]
    assert all(a in _actions() for a in expected)


def test_receipts_and_rules_are_private(as_user, client):
    group = make_group()
    app_ = make_application(group)
    token = app_.rules_document.token
    assert client.get(f"/documents/{token}").status_code == 302
    assert as_user(make_user()).get(f"/documents/{token}").status_code == 403
    response = as_user(group.members[0].user).get(f"/documents/{token}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF") and "no-store" in response.headers["Cache-Control"]
