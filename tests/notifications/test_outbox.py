"""Events go to the outbox in the change's transaction and are delivered after the commit."""
from datetime import timedelta

from app.audit.models import AuditEntry
from app.extensions import db
from app.issues.models import Comment
from app.mail import outbox
from app.notifications.delivery import sweep
from app.notifications.models import AreaFollow, Delivery, Notification
from app.workshops.reminders import send_reminders
from app.util.time import utcnow
from tests.factories import make_center, make_comment, make_issue, make_user, make_workshop
from tests.fakes import FakeSMTP

CLOSED_PORT = 5124


def _smtp(app, monkeypatch, port):
    for key, value in {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port,
                       "MAIL_USE_TLS": False, "MAIL_TIMEOUT": 5, "NOTIFY_RETRY_BASE": 0}.items():
        monkeypatch.setitem(app.config, key, value)


def test_a_rolled_back_change_sends_nothing():
    author = make_user()
    issue = make_issue(author=author)
    outbox().clear()
    from app.issues.services import add_comment
    add_comment(make_user(), issue, "取り消されるコメント")
    db.session.rollback()
    assert outbox() == []
    assert db.session.execute(db.select(db.func.count(Delivery.id))).scalar() == 0


def test_mail_server_down_comment_and_status_change_are_saved_and_each_mail_goes_once_when_it_is_back(
        app, as_user, monkeypatch):
    _smtp(app, monkeypatch, CLOSED_PORT)
    author, followers = make_user(), [make_user() for _ in range(3)]
    issue = make_issue(author=author)
    for f in followers:
        as_user(f).post(f"/issues/{issue.id}/follow")
    commenter = make_user()
    response = as_user(commenter).post(f"/issues/{issue.id}/comments", data={"body": "メールが止まっていても残ります"})
    assert response.status_code == 302
    assert db.session.execute(db.select(Comment).where(Comment.body == "メールが止まっていても残ります")).scalar_one()
    center_fac = make_user("facilitator", centers=[issue.center])
    response = as_user(center_fac).post(f"/facilitate/issues/{issue.id}/status", data={"to_status": "dialogue", "note": "伺います"})
    assert response.status_code == 302
    rows = db.session.execute(db.select(Delivery)).scalars().all()
    assert len(rows) == 4 + 4 and all(d.status == "pending" and d.last_error for d in rows)  # 4 followers × 2 events

    server = FakeSMTP(CLOSED_PORT)
    try:
        assert sweep() == 8
        assert sweep() == 0  # nothing left, nothing sent twice
        ids = server.message_ids()
        assert len(ids) == 8 and len(set(ids)) == 8
        db.session.expire_all()
        assert {d.status for d in db.session.execute(db.select(Delivery)).scalars()} == {"sent"}
    finally:
        server.stop()


def test_after_the_last_try_staff_see_the_dead_letter_with_its_error_and_can_retry(app, as_user, monkeypatch):
    _smtp(app, monkeypatch, CLOSED_PORT)
    monkeypatch.setitem(app.config, "NOTIFY_MAX_ATTEMPTS", 2)
    author = make_user(display_name="届かない人")
    make_comment(make_issue(author=author, title="届かない課題"))
    sweep()
    [delivery] = db.session.execute(db.select(Delivery)).scalars().all()
    assert delivery.status == "dead" and delivery.attempts == 2 and "Connection" in delivery.last_error
    staff = as_user(make_user("staff"))
    page = staff.get("/admin/deliveries").get_data(as_text=True)
    assert "届かない課題" in page and "Connection" in page and "もう一度送る" in page
    assert as_user(make_user()).get("/admin/deliveries").status_code == 403
    server = FakeSMTP(CLOSED_PORT)
    try:
        staff.post(f"/admin/deliveries/{delivery.id}/retry")
        assert len(server.messages) == 1
    finally:
        server.stop()
    db.session.expire_all()
    assert db.session.get(Delivery, delivery.id).status == "sent"
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "notification_delivery.retry")).scalar_one()


def test_opening_a_notification_marks_it_read_and_goes_to_the_page(as_user):
    author = make_user()
    issue = make_issue(author=author)
    make_comment(issue)
    [n] = db.session.execute(db.select(Notification).where(Notification.user_id == author.id)).scalars().all()
    c = as_user(author)
    assert "新しいコメントがあります" in c.get("/notifications").get_data(as_text=True)
    response = c.get(f"/notifications/{n.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith(f"/issues/{issue.id}#comment-")
    db.session.expire_all()
    assert db.session.get(Notification, n.id).read_at is not None
    assert as_user(make_user()).get(f"/notifications/{n.id}").status_code == 404


def test_workshop_sign_up_is_confirmed_by_mail_with_the_ics_and_reminded_once_the_day_before(as_user):
    workshop = make_workshop(title="防災を話す会", days_ahead=1)
    resident = make_user()
    outbox().clear()
    as_user(resident).post(f"/workshops/{workshop.id}/register", data={"action": "register"})
    [mail] = outbox()
    assert "防災を話す会" in mail.get_body(("plain",)).get_content()
    [ics] = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert "BEGIN:VEVENT" in ics.get_content()
    outbox().clear()
    today = (workshop.starts_at + timedelta(hours=9)).date() - timedelta(days=1)
    assert send_reminders(today) == 1
    db.session.commit()
    assert send_reminders(today) == 0
    db.session.commit()
    [reminder] = outbox()
    assert "明日はワークショップ「防災を話す会」" in reminder.get_body(("plain",)).get_content()


def test_following_a_district_or_theme_brings_news_of_new_issues_there(as_user):
    center, other = make_center(name="南原公民館"), make_center(name="旭公民館")
    by_district, by_theme, nobody = make_user(), make_user(), make_user()
    c = as_user(by_district)
    c.post("/account/notifications/areas", data={"center_id": str(center.id), "theme": ""})
    as_user(by_theme).post("/account/notifications/areas", data={"center_id": "0", "theme": "F2"})
    assert db.session.execute(db.select(db.func.count(AreaFollow.id))).scalar() == 2
    make_issue(center=center, themes=("F3",), title="南原の街灯")
    make_issue(center=other, themes=("F2",), title="旭の子育て")
    make_issue(center=other, themes=("F4",), title="関係のない投稿")

    def messages(user):
        return sorted(n.message for n in db.session.execute(
            db.select(Notification).where(Notification.user_id == user.id)).scalars())
    assert messages(by_district) == ["南原公民館に新しい投稿「南原の街灯」があります。"]
    assert len(messages(by_theme)) == 1 and "旭の子育て" in messages(by_theme)[0]
    assert messages(nobody) == []
    assert "地区か分野のどちらかを選んでください。" in c.post(
        "/account/notifications/areas", data={"center_id": "0", "theme": ""}).get_data(as_text=True)


def test_replies_off_by_mail_still_shows_in_app_and_other_topics_still_mail(as_user):
    author = make_user()
    c = as_user(author)
    c.post("/account/notifications/channels", data={"email_replies": "off"})
    issue = make_issue(author=author)
    outbox().clear()
    make_comment(issue)
    assert outbox() == []
    assert db.session.execute(db.select(Notification).where(Notification.user_id == author.id)).scalar_one()
    fac = make_user("facilitator", centers=[issue.center])
    as_user(fac).post(f"/facilitate/issues/{issue.id}/status", data={"to_status": "dialogue", "note": "伺います"})
    assert [m["To"] for m in outbox()] == [author.email]


def test_only_people_who_may_see_an_issue_hear_of_it(as_user):
    center = make_center(premoderate_first_posts=True)
    watcher = make_user()
    as_user(watcher).post("/account/notifications/areas", data={"center_id": str(center.id), "theme": ""})
    issue = make_issue(author=make_user(), center=center)
    assert issue.awaiting_approval
    assert db.session.execute(db.select(Notification).where(Notification.user_id == watcher.id)).first() is None
    fac = make_user("facilitator", centers=[center])
    as_user(fac).post(f"/facilitate/issues/{issue.id}/approve")
    assert db.session.execute(db.select(Notification).where(Notification.user_id == watcher.id)).first()


def test_the_settings_page_has_no_line_option_without_line_configuration(as_user):
    html = as_user(make_user()).get("/account/notifications/channels").get_data(as_text=True)
    assert "LINE" not in html
    assert as_user(make_user()).post("/account/line/code").status_code == 404


def test_a_savepoint_inside_the_change_does_not_send_before_the_real_commit():
    author = make_user()
    issue = make_issue(author=author)
    outbox().clear()
    from app.issues.services import add_comment
    add_comment(make_user(), issue, "まだ確定していないコメント")
    with db.session.begin_nested():
        pass
    assert outbox() == []
    db.session.commit()
    assert [m["To"] for m in outbox()] == [author.email]
