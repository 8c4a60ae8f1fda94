"""E-mail notification preference: immediately, daily digest, or off (in-app always)."""
from app.accounts.models import User
from app.extensions import db
from app.mail import outbox
from app.notifications.models import Notification
from tests.factories import make_comment, make_issue, make_user


def _set(as_user, user, value):
    as_user(user).post("/account/notifications", data={"notify_email": value})
    db.session.expire_all()
    return db.session.get(User, user.id)


def test_off_means_in_app_only(as_user):
    author = _set(as_user, make_user(), "off")
    issue = make_issue(author=author)
    outbox().clear()
    make_comment(issue)
    assert outbox() == []
    assert db.session.execute(db.select(Notification).where(Notification.user_id == author.id)).scalar_one()


def test_daily_digest_sends_one_mail_with_every_new_notification_once(as_user, runner):
    author = _set(as_user, make_user(), "daily")
    issue = make_issue(author=author, title="ダイジェストの課題")
    outbox().clear()
    make_comment(issue)
    make_comment(issue)
    assert outbox() == []
    assert runner.invoke(args=["send-digests"]).output.strip() == "digests sent: 1"
    [mail] = outbox()
    assert mail["To"] == author.email and "2件" in mail["Subject"] and "ダイジェストの課題" in mail.get_content()
    assert runner.invoke(args=["send-digests"]).output.strip() == "digests sent: 0"


def test_mail_links_point_at_the_page(as_user, app, monkeypatch):
    monkeypatch.setitem(app.config, "SITE_URL", "https://kyoso.example.jp")
    author = make_user()
    issue = make_issue(author=author)
    outbox().clear()
    comment = make_comment(issue)
    assert f"https://kyoso.example.jp/issues/{issue.id}#comment-{comment.id}" in outbox()[0].get_content()


def test_invalid_choice_is_refused(as_user):
    user = make_user()
    html = as_user(user).post("/account/notifications", data={"notify_email": "spam-me"}).get_data(as_text=True)
    assert "選択肢が正しくありません。" in html
