"""お知らせの受け取り方 (with LINE on) and 管理 › 配信状況 with a dead letter, in a real browser: axe finds
nothing serious, and screenshots are kept for review."""
import pytest

from app.extensions import db
from app.notifications.models import Delivery, NotificationEvent
from tests.e2e.conftest import login, screenshot
from tests.e2e.test_accessibility import serious_violations
from tests.factories import PASSWORD, make_comment, make_issue, make_user


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_notification_settings_and_delivery_status_pages(app, live_server, page_factory, monkeypatch, viewport):
    monkeypatch.setitem(app.config, "LINE_CHANNEL_SECRET", "secret")
    monkeypatch.setitem(app.config, "LINE_CHANNEL_ACCESS_TOKEN", "token")
    staff = make_user("staff", email="staff-deliveries@example.jp", display_name="職員")
    author = make_user(display_name="山田")
    make_comment(make_issue(author=author, title="通学路の街灯"))
    event = db.session.execute(db.select(NotificationEvent)).scalars().first()
    db.session.execute(db.update(Delivery).values(status="dead", attempts=8,
                                                  last_error="SMTPServerDisconnected: Connection unexpectedly closed"))
    db.session.commit()
    assert event is not None
    page = page_factory(viewport)
    login(page, live_server, staff.email, PASSWORD)
    page.goto(live_server + "/account/notifications/channels")
    page.click("#line button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".line-code").inner_text().isdigit()
    assert serious_violations(page) == []
    screenshot(page, f"notification-settings-{viewport}")
    page.goto(live_server + "/admin/deliveries")
    assert "SMTPServerDisconnected" in page.content() and "もう一度送る" in page.content()
    assert serious_violations(page) == []
    screenshot(page, f"deliveries-{viewport}")
