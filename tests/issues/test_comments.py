"""Comments with one level of replies, edit window, delete, follow and notifications, flags."""
from datetime import timedelta

from app.extensions import db
from app.issues.models import Comment, Issue
from app.mail import outbox
from app.moderation.models import Flag
from app.notifications.models import Notification
from tests.factories import make_comment, make_issue, make_user


def test_comment_and_reply_show_on_the_page_with_counts(as_user):
    issue = make_issue()
    alice, bob = make_user(display_name="ありす"), make_user(display_name="ぼぶ")
    as_user(alice).post(f"/issues/{issue.id}/comments", data={"body": "わたしも困っています。"})
    first = db.session.execute(db.select(Comment)).scalar_one()
    as_user(bob).post(f"/issues/{issue.id}/comments", data={"body": "同じく。", "parent_id": str(first.id)})
    html = as_user(bob).get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "わたしも困っています。" in html and "同じく。" in html and "コメント（2）" in html
    assert html.index("わたしも困っています。") < html.index('class="reply-list"') < html.index("同じく。")


def test_replies_are_one_level_deep(as_user):
    issue = make_issue()
    top = make_comment(issue)
    reply = make_comment(issue, parent=top)
    response = as_user(make_user()).post(f"/issues/{issue.id}/comments",
                                         data={"body": "孫コメント", "parent_id": str(reply.id)}, follow_redirects=True)
    assert "このコメントには返信できません。" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count(Comment.id))).scalar() == 2


def test_empty_or_huge_comment_is_refused_with_a_message(as_user):
    issue = make_issue()
    c = as_user(make_user())
    assert "コメントを入力してください。" in c.post(f"/issues/{issue.id}/comments", data={"body": "  "},
                                                follow_redirects=True).get_data(as_text=True)
    assert "2000文字以内" in c.post(f"/issues/{issue.id}/comments", data={"body": "あ" * 2001},
                                 follow_redirects=True).get_data(as_text=True)


def test_author_edits_within_fifteen_minutes_only(as_user):
    author = make_user()
    comment = make_comment(make_issue(), author=author)
    c = as_user(author)
    c.post(f"/comments/{comment.id}/edit", data={"body": "直しました"})
    db.session.expire_all()
    comment = db.session.get(Comment, comment.id)
    assert comment.body == "直しました" and comment.edited_at is not None
    comment.created_at -= timedelta(minutes=16)
    db.session.commit()
    assert c.get(f"/comments/{comment.id}/edit").status_code == 403
    assert as_user(make_user()).get(f"/comments/{comment.id}/edit").status_code == 403


def test_deleted_comment_leaves_a_placeholder_and_the_count_drops(as_user):
    author = make_user()
    issue = make_issue()
    comment = make_comment(issue, author=author, body="消すコメント")
    reply = make_comment(issue, parent=comment, body="返信は残る")
    c = as_user(author)
    c.post(f"/comments/{comment.id}/delete")
    html = c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "このコメントは削除されました。" in html and "消すコメント" not in html and "返信は残る" in html
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).comment_count == 1
    assert as_user(make_user()).post(f"/comments/{reply.id}/delete").status_code == 403


def test_followers_and_the_parent_author_are_notified_in_app_and_by_mail(as_user):
    author, follower, parent_author, replier = make_user(), make_user(), make_user(), make_user()
    issue = make_issue(author=author)
    as_user(follower).post(f"/issues/{issue.id}/follow")
    parent = make_comment(issue, author=parent_author)
    outbox().clear()
    as_user(replier).post(f"/issues/{issue.id}/comments", data={"body": "返信です", "parent_id": str(parent.id)})
    kinds = {(n.user_id, n.kind) for n in db.session.execute(db.select(Notification)).scalars()}
    assert (parent_author.id, "issue.reply") in kinds
    assert (follower.id, "issue.comment") in kinds and (author.id, "issue.comment") in kinds
    assert replier.id not in {user_id for user_id, _ in kinds}
    recipients = sorted(m["To"] for m in outbox())
    assert recipients == sorted([parent_author.email, follower.email, author.email])
    page = as_user(follower).get("/notifications").get_data(as_text=True)
    assert "新しいコメントがあります" in page and "未読" in page
    assert 'class="count-badge"' in as_user(follower).get("/").get_data(as_text=True)


def test_unfollow_stops_notifications(as_user):
    follower = make_user()
    issue = make_issue()
    c = as_user(follower)
    c.post(f"/issues/{issue.id}/follow")
    c.post(f"/issues/{issue.id}/follow", data={"action": "remove"})
    make_comment(issue)
    assert db.session.execute(db.select(Notification).where(Notification.user_id == follower.id)).first() is None


def test_mark_all_notifications_read(as_user):
    author = make_user()
    issue = make_issue(author=author)
    make_comment(issue)
    c = as_user(author)
    c.post("/notifications/read")
    assert db.session.execute(db.select(Notification).where(Notification.read_at.is_(None))).first() is None


def test_flag_an_issue_and_a_comment_once_each(as_user):
    issue = make_issue()
    comment = make_comment(issue)
    c = as_user(make_user())
    assert "通報の理由" in c.get(f"/issues/{issue.id}/flag").get_data(as_text=True)
    html = c.post(f"/issues/{issue.id}/flag", data={"reason": "spam"}, follow_redirects=True).get_data(as_text=True)
    assert "通報を受け付けました" in html
    again = c.post(f"/issues/{issue.id}/flag", data={"reason": "spam"}, follow_redirects=True).get_data(as_text=True)
    assert "すでに通報済み" in again
    c.post(f"/comments/{comment.id}/flag", data={"reason": "personal_info", "note": "電話番号が書いてある"})
    flags = db.session.execute(db.select(Flag).order_by(Flag.id)).scalars().all()
    assert [(f.target_type, f.reason) for f in flags] == [("issue", "spam"), ("comment", "personal_info")]
    html = c.post(f"/issues/{issue.id}/flag", data={"reason": "nonsense"}).get_data(as_text=True)
    assert "入力内容を確認してください" in html
