"""担当課 routing: a facilitator refers, the department answers in its own name, hands back or resolves."""
from datetime import timedelta

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.extensions import db
from app.issues.models import Comment, Issue
from app.notifications.models import Notification
from app.referrals.models import Referral
from tests.factories import make_center, make_department, make_issue, make_referral, make_user


def _setup():
    center = make_center()
    facilitator = make_user(Role.FACILITATOR.value, centers=[center])
    roads = make_department("道路管理課")
    member = make_user(Role.DEPARTMENT.value, departments=[roads], display_name="山田（道路管理課）")
    issue = make_issue(center=center)
    return center, facilitator, roads, member, issue


def _actions(target_type=None):
    stmt = db.select(AuditEntry.action)
    if target_type:
        stmt = stmt.where(AuditEntry.target_type == target_type)
    return list(db.session.execute(stmt.order_by(AuditEntry.id)).scalars())


def test_facilitator_refers_with_a_note_and_the_department_sees_it_in_its_queue(as_user):
    center, facilitator, roads, member, issue = _setup()
    response = as_user(facilitator).post(f"/facilitate/issues/{issue.id}/refer",
                                         data={"department": roads.id, "note": "穴は直径30cmほどです"})
    assert response.status_code == 302
    referral = db.session.execute(db.select(Referral)).scalar_one()
    assert referral.status == "open" and referral.note == "穴は直径30cmほどです"
    assert (referral.due_at - referral.created_at).days == 14
    assert "issue.refer" in _actions()
    assert db.session.execute(db.select(Notification).where(Notification.user_id == member.id)).scalar_one()
    queue = as_user(member).get("/department").get_data(as_text=True)
    assert "穴は直径30cmほどです" in queue and "担当課の回答待ち" in queue


def test_referral_shows_on_the_public_timeline_without_the_private_note(client):
    center, facilitator, roads, member, issue = _setup()
    make_referral(issue, roads, facilitator, note="内部メモ：所有者は〇〇さん")
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "担当課へ引き継ぎ" in page and "道路管理課に引き継ぎました。" in page
    assert "内部メモ" not in page


def test_refer_without_a_department_or_note_says_what_is_missing_in_japanese(as_user):
    center, facilitator, roads, member, issue = _setup()
    page = as_user(facilitator).post(f"/facilitate/issues/{issue.id}/refer", data={"department": 0, "note": ""})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "担当課を選んでください。" in text and "担当課へのメモを書いてください。" in text
    assert db.session.execute(db.select(Referral)).first() is None


def test_the_same_issue_cannot_be_referred_twice_to_one_department(as_user):
    center, facilitator, roads, member, issue = _setup()
    make_referral(issue, roads, facilitator)
    text = as_user(facilitator).post(f"/facilitate/issues/{issue.id}/refer",
                                     data={"department": roads.id, "note": "もう一度"}).get_data(as_text=True)
    assert "既に道路管理課に引き継いでいます" in text
    assert db.session.execute(db.select(db.func.count(Referral.id))).scalar() == 1


def test_facilitator_of_another_center_cannot_refer(as_user):
    center, facilitator, roads, member, issue = _setup()
    other = make_user(Role.FACILITATOR.value, centers=[make_center()])
    assert as_user(other).post(f"/facilitate/issues/{issue.id}/refer",
                               data={"department": roads.id, "note": "x"}).status_code == 403


def test_department_reply_is_public_in_the_departments_name_not_the_persons(as_user, client):
    center, facilitator, roads, member, issue = _setup()
    referral = make_referral(issue, roads, facilitator)
    response = as_user(member).post(f"/referrals/{referral.id}/reply", data={"body": "来週補修します。"})
    assert response.status_code == 302
    comment = db.session.execute(db.select(Comment).where(Comment.is_official.is_(True))).scalar_one()
    assert comment.official_department_id == roads.id
    db.session.refresh(referral)
    assert referral.status == "answered" and referral.first_reply_at is not None
    assert db.session.get(Issue, issue.id).has_official_response
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "来週補修します。" in page and "公式回答" in page and "道路管理課" in page
    assert "山田（道路管理課）" not in page and "&lt;b&gt;山田" not in page
    assert "referral.reply" in _actions()


def test_department_hands_back_to_the_center_and_the_facilitators_are_told(as_user, client):
    center, facilitator, roads, member, issue = _setup()
    referral = make_referral(issue, roads, facilitator)
    as_user(member).post(f"/referrals/{referral.id}/return", data={"back-note": "自治会で対応できる内容です"})
    db.session.refresh(referral)
    assert referral.status == "returned" and referral.close_note == "自治会で対応できる内容です"
    assert db.session.execute(db.select(Notification).where(Notification.user_id == facilitator.id)).scalars().first()
    assert "公民館へ戻る" in client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "referral.return" in _actions()
    # Closed: no more answers from the department.
    assert as_user(member).post(f"/referrals/{referral.id}/reply", data={"body": "x"}).status_code == 403


def test_department_resolves_and_the_issue_becomes_resolved_with_a_public_note(as_user, client):
    center, facilitator, roads, member, issue = _setup()
    referral = make_referral(issue, roads, facilitator)
    as_user(member).post(f"/referrals/{referral.id}/resolve", data={"resolve-note": "12月5日に補修しました"})
    db.session.refresh(referral)
    assert referral.status == "resolved"
    assert db.session.get(Issue, issue.id).status == "resolved"
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "道路管理課: 12月5日に補修しました" in page
    assert {"referral.resolve", "issue.status"} <= set(_actions())


def test_resolve_without_a_note_keeps_the_referral_open_and_explains(as_user):
    center, facilitator, roads, member, issue = _setup()
    referral = make_referral(issue, roads, facilitator)
    text = as_user(member).post(f"/referrals/{referral.id}/resolve", data={"resolve-note": ""}).get_data(as_text=True)
    assert "解決の内容を書いてください。" in text
    db.session.refresh(referral)
    assert referral.status == "open"


def test_staff_of_another_department_cannot_see_or_answer(as_user):
    center, facilitator, roads, member, issue = _setup()
    parks = make_department("公園緑地課")
    outsider = make_user(Role.DEPARTMENT.value, departments=[parks])
    referral = make_referral(issue, roads, facilitator)
    client = as_user(outsider)
    assert client.get(f"/referrals/{referral.id}").status_code == 403
    assert client.post(f"/referrals/{referral.id}/reply", data={"body": "横から"}).status_code == 403
    assert "対応中の引き継ぎはありません。" in client.get("/department").get_data(as_text=True)


def test_residents_and_facilitators_cannot_use_the_department_queue(as_user):
    center, facilitator, roads, member, issue = _setup()
    assert as_user(make_user()).get("/department").status_code == 403
    assert as_user(facilitator).get("/department").status_code == 403


def test_referral_past_its_due_date_is_highlighted_for_the_facilitator(app, as_user, client):
    center, facilitator, roads, member, issue = _setup()
    referral = make_referral(issue, roads, facilitator)
    referral.created_at -= timedelta(days=15)
    referral.due_at -= timedelta(days=15)
    db.session.commit()
    workspace = as_user(facilitator).get("/facilitate").get_data(as_text=True)
    assert "引き継ぎが14日を超過" in workspace and "14日を超過</span>" in workspace
    assert "回答の目安の14日を過ぎています" in client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "期限超過" in as_user(member).get("/department").get_data(as_text=True)


def test_due_days_come_from_configuration(app, as_user):
    center, facilitator, roads, member, issue = _setup()
    app.config["REFERRAL_DUE_DAYS"] = 7
    try:
        referral = make_referral(issue, roads, facilitator)
    finally:
        app.config["REFERRAL_DUE_DAYS"] = 14
    assert (referral.due_at - referral.created_at).days == 7


def test_out_of_scope_names_the_department_and_how_to_reach_it(as_user, client):
    center, facilitator, roads, member, issue = _setup()
    response = as_user(facilitator).post(f"/facilitate/issues/{issue.id}/status", data={
        "to_status": "out_of_scope", "note": "市道の管理は市役所の担当です。", "out_of_scope_department": roads.id})
    assert response.status_code == 302
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "ご相談先" in page and "道路管理課の案内ページ" in page and "https://www.city.hiratsuka.kanagawa.jp/" in page
    assert "issue.out_of_scope" in _actions()


def test_out_of_scope_can_name_an_outside_body_with_contact(as_user, client):
    center, facilitator, roads, member, issue = _setup()
    as_user(facilitator).post(f"/facilitate/issues/{issue.id}/status", data={
        "to_status": "out_of_scope", "note": "県の管理です。", "out_of_scope_body": "神奈川県 平塚土木事務所",
        "out_of_scope_contact": "県のホームページの問い合わせフォーム"})
    page = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "神奈川県 平塚土木事務所" in page and "県のホームページの問い合わせフォーム" in page


def test_out_of_scope_without_anywhere_to_go_is_refused(as_user):
    center, facilitator, roads, member, issue = _setup()
    response = as_user(facilitator).post(f"/facilitate/issues/{issue.id}/status", data={
        "to_status": "out_of_scope", "note": "対象外です"}, follow_redirects=True)
    assert "案内先の担当課か、市以外の相談先を入力してください。" in response.get_data(as_text=True)
    assert db.session.get(Issue, issue.id).status == "new"
