"""Moderation by facilitators in their own centers: flags, hide/restore, redact, suspend, pre-moderation."""
import pytest

from app.audit.models import AuditEntry
from app.extensions import db
from app.issues.models import Comment, Issue
from app.moderation.models import Flag
from app.notifications.models import Notification
from tests.factories import make_center, make_comment, make_issue, make_user


@pytest.fixture
def district():
    center, other = make_center(name="崇善公民館"), make_center(name="金目公民館")
    return {
        "center": center,
        "facilitator": make_user("facilitator", centers=[center]),
        "other_facilitator": make_user("facilitator", centers=[other]),
        "staff": make_user("staff"),
        "issue": make_issue(center=center, title="対象の投稿"),
    }


def _audit(action):
    return db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars().all()


ACTIONS = [
    ("post", "/moderation/issues/{id}/hide", {"reason": "個人情報"}),
    ("post", "/moderation/issues/{id}/restore", {}),
    ("post", "/moderation/issues/{id}/dismiss", {}),
    ("post", "/facilitate/issues/{id}/status", {"to_status": "dialogue", "note": "話を聞きます"}),
    ("post", "/facilitate/issues/{id}/approve", {}),
    ("get", "/facilitate/issues/{id}/tags", None),
    ("get", "/moderation/issues/{id}/redact", None),
]


@pytest.mark.parametrize("method, path, data", ACTIONS)
@pytest.mark.parametrize("role, allowed", [("resident", False), ("reviewer", False), ("other_facilitator", False),
                                           ("facilitator", True), ("staff", True)])
def test_moderation_routes_by_role_and_center(as_user, district, method, path, data, role, allowed):
    user = district.get(role) or make_user(role)
    c = as_user(user)
    url = path.format(id=district["issue"].id)
    response = c.post(url, data=data) if method == "post" else c.get(url)
    assert (response.status_code != 403) is allowed, (role, url, response.status_code)


def test_three_flags_from_distinct_users_hide_pending_review_and_tell_the_author(as_user, client, district):
    issue = district["issue"]
    flagger = make_user()
    as_user(flagger).post(f"/issues/{issue.id}/flag", data={"reason": "offensive"})
    as_user(flagger).post(f"/issues/{issue.id}/flag", data={"reason": "spam"})  # same user again: not counted
    as_user(make_user()).post(f"/issues/{issue.id}/flag", data={"reason": "offensive"})
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).status == "new"
    as_user(make_user()).post(f"/issues/{issue.id}/flag", data={"reason": "offensive"})
    db.session.expire_all()
    issue = db.session.get(Issue, issue.id)
    assert issue.status == "hidden"
    html = client.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "複数の利用者から通報があり、公民館が確認中" in html and "のため非表示になりました" in html
    assert db.session.execute(db.select(Notification).where(Notification.user_id == issue.author_id,
                                                            Notification.kind == "issue.hidden")).scalar_one()
    assert "対象の投稿" not in client.get("/issues").get_data(as_text=True)
    # the facilitator finds the flags, finds them unfounded, and the issue comes back as it was
    page = as_user(district["facilitator"]).get("/facilitate").get_data(as_text=True)
    assert "通報 3件" in page
    as_user(district["facilitator"]).post(f"/moderation/issues/{issue.id}/dismiss", data={})
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).status == "new"
    assert all(f.resolution == "dismissed" for f in db.session.execute(db.select(Flag)).scalars())


def test_hide_and_restore_a_comment_with_reason_shown_in_place(as_user, client, district):
    comment = make_comment(district["issue"], body="ひどい言葉")
    fac = as_user(district["facilitator"])
    assert "理由を書いてください" in fac.post(f"/moderation/comments/{comment.id}/hide", data={"reason": ""},
                                          follow_redirects=True).get_data(as_text=True)
    fac.post(f"/moderation/comments/{comment.id}/hide", data={"reason": "攻撃的な表現"})
    html = client.get(f"/issues/{district['issue'].id}").get_data(as_text=True)
    assert "このコメントは「攻撃的な表現」のため非表示になりました。" in html and "ひどい言葉" not in html
    assert "ひどい言葉" in fac.get(f"/issues/{district['issue'].id}").get_data(as_text=True)  # facilitator still sees it
    fac.post(f"/moderation/comments/{comment.id}/restore", data={"reason": "確認しました"})
    assert "ひどい言葉" in client.get(f"/issues/{district['issue'].id}").get_data(as_text=True)
    assert [e.action for e in db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars()] == [
        "comment.hide", "comment.restore"]


def test_redaction_keeps_the_original_only_in_the_audit_log(as_user, client, district):
    issue = make_issue(center=district["center"], body="連絡先は090-1234-5678の山田です。困っています。")
    as_user(district["facilitator"]).post(f"/moderation/issues/{issue.id}/redact",
                                          data={"body": "連絡先は[個人情報のため削除しました]。困っています。", "reason": "電話番号"})
    assert "090-1234-5678" not in client.get(f"/issues/{issue.id}").get_data(as_text=True)
    [entry] = _audit("issue.redact")
    assert "090-1234-5678" in entry.before["body"]
    assert "090-1234-5678" in as_user(district["staff"]).get("/admin/audit/").get_data(as_text=True)
    assert as_user(district["facilitator"]).get("/admin/audit/").status_code == 403


def test_staff_suspend_and_lift_and_suspended_users_cannot_take_part(as_user, district):
    resident = make_user()
    staff = as_user(district["staff"])
    assert as_user(district["facilitator"]).post(f"/admin/users/{resident.id}/suspend",
                                                 data={"days": 7, "reason": "荒らし"}).status_code == 403
    staff.post(f"/admin/users/{resident.id}/suspend", data={"days": 7, "reason": "繰り返しの荒らし"})
    r = as_user(resident)
    assert r.post(f"/issues/{district['issue'].id}/vote", data={"action": "add"}).status_code == 403
    assert r.get("/issues/new").status_code == 403
    staff.post(f"/admin/users/{resident.id}/suspend", data={"lift": "1", "reason": "反省"})
    assert r.post(f"/issues/{district['issue'].id}/vote", data={"action": "add"}).status_code == 302
    assert [e.action for e in _audit("user.suspend") + _audit("user.unsuspend")] == ["user.suspend", "user.unsuspend"]


def test_suspension_needs_a_valid_duration(as_user, district):
    resident = make_user()
    html = as_user(district["staff"]).post(f"/admin/users/{resident.id}/suspend",
                                           data={"days": 0, "reason": "x"}).get_data(as_text=True)
    assert "1〜365日で入力してください。" in html


def test_first_post_waits_for_approval_where_the_center_asks_for_it(as_user, client, district):
    center = district["center"]
    center.premoderate_first_posts = True
    db.session.commit()
    newcomer = make_user()
    c = as_user(newcomer)
    c.post("/issues/new", data={"title": "はじめての投稿", "body": "はじめて投稿します。よろしく。", "center": str(center.id),
                                "action": "submit", "submission_key": "first"})
    issue = db.session.execute(db.select(Issue).where(Issue.title == "はじめての投稿")).scalar_one()
    assert issue.awaiting_approval
    assert "はじめての投稿" not in client.get("/issues").get_data(as_text=True)
    assert client.get(f"/issues/{issue.id}").status_code == 404
    assert "承認待ち" in c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "はじめての投稿" in as_user(district["facilitator"]).get("/facilitate").get_data(as_text=True)
    as_user(district["facilitator"]).post(f"/facilitate/issues/{issue.id}/approve")
    assert "はじめての投稿" in client.get("/issues").get_data(as_text=True)
    c.post("/issues/new", data={"title": "二つ目の投稿", "body": "二回目なのですぐに公開されるはず。", "center": str(center.id),
                                "action": "submit", "submission_key": "second"})
    assert not db.session.execute(db.select(Issue).where(Issue.title == "二つ目の投稿")).scalar_one().awaiting_approval
    assert _audit("issue.approve")


def test_official_reply_shows_the_center_not_the_person_and_leaves_the_unanswered_queue(as_user, district):
    fac = as_user(district["facilitator"])
    issue = district["issue"]
    assert "対象の投稿" in fac.get("/facilitate").get_data(as_text=True).split('id="unanswered"')[1]
    fac.post(f"/issues/{issue.id}/comments", data={"body": "崇善公民館です。お話を聞かせてください。", "official": "y"})
    comment = db.session.execute(db.select(Comment)).scalar_one()
    assert comment.is_official and comment.official_center_id == district["center"].id
    html = fac.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "公式回答" in html and district["facilitator"].display_name not in html.split("公式回答")[1][:200]
    assert "対象の投稿" not in fac.get("/facilitate").get_data(as_text=True).split('id="unanswered"')[1].split('id="recent"')[0]
    # a resident cannot post an official reply
    as_user(make_user()).post(f"/issues/{issue.id}/comments", data={"body": "なりすまし", "official": "y"})
    assert not db.session.execute(db.select(Comment).where(Comment.body == "なりすまし")).scalar_one().is_official


def test_workspace_shows_only_my_centers_and_highlights_overdue(as_user, district):
    from datetime import timedelta
    from app.util.time import utcnow
    old = make_issue(center=district["center"], title="一週間以上前の投稿")
    old.created_at = utcnow() - timedelta(days=8)
    make_issue(center=make_center(), title="よその地区の投稿")
    db.session.commit()
    html = as_user(district["facilitator"]).get("/facilitate").get_data(as_text=True)
    assert "一週間以上前の投稿" in html and "よその地区の投稿" not in html
    assert 'class="overdue"' in html and "7日以上" in html
    assert "よその地区の投稿" in as_user(district["staff"]).get("/facilitate").get_data(as_text=True)
