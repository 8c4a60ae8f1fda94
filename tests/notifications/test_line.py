"""LINE: linking by a one-time code through the signed webhook, pushes through the official SDK
to a local fake LINE API, exactly as the preferences ask."""
import base64
import hashlib
import hmac
import json

import pytest

from app.extensions import db
from app.notifications.models import LineLink
from tests.factories import make_comment, make_issue, make_user
from tests.fakes import FakeLine

SECRET = "test-channel-secret"
LINE_PORT = 5125


@pytest.fixture
def fake_line(app, monkeypatch):
    server = FakeLine(LINE_PORT)
    monkeypatch.setitem(app.config, "LINE_CHANNEL_SECRET", SECRET)
    monkeypatch.setitem(app.config, "LINE_CHANNEL_ACCESS_TOKEN", "test-access-token")
    monkeypatch.setitem(app.config, "LINE_API_HOST", server.url)
    yield server
    server.stop()


def _event(line_user_id, text=None, kind="message"):
    ev = {"type": kind, "mode": "active", "timestamp": 1767225600000, "webhookEventId": "01HXYZ",
          "deliveryContext": {"isRedelivery": False}, "source": {"type": "user", "userId": line_user_id}}
    if kind == "message":
        ev["replyToken"] = "reply-token"
        ev["message"] = {"type": "text", "id": "1", "quoteToken": "q", "text": text}
    return ev


def _post(client, events, secret=SECRET):
    body = json.dumps({"destination": "Ucity", "events": events}, ensure_ascii=False)
    sig = base64.b64encode(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()).decode()
    return client.post("/line/webhook", data=body.encode(), headers={"X-Line-Signature": sig},
                       content_type="application/json")


def _link(as_user, client, user, line_user_id):
    as_user(user).post("/account/line/code")
    code = db.session.get(LineLink, user.id).code
    assert _post(client, [_event(line_user_id, f"番号は {code} です")]).status_code == 200
    db.session.expire_all()


def test_a_resident_links_line_by_sending_the_code_and_is_told_on_line(fake_line, as_user, client):
    user = make_user()
    page = as_user(user).get("/account/notifications/channels").get_data(as_text=True)
    assert "LINEで受け取る" in page and "連携用の番号を表示する" in page
    _link(as_user, client, user, "U0001")
    assert db.session.get(LineLink, user.id).line_user_id == "U0001"
    assert [p["to"] for p in fake_line.pushes] == ["U0001"]
    assert "連携が完了しました" in fake_line.pushes[0]["text"]
    assert fake_line.pushes[0]["auth"] == "Bearer test-access-token"
    assert "LINEと連携しています" in as_user(user).get("/account/notifications/channels").get_data(as_text=True)


def test_a_webhook_with_a_bad_signature_is_refused_and_changes_nothing(fake_line, as_user, client):
    user = make_user()
    as_user(user).post("/account/line/code")
    code = db.session.get(LineLink, user.id).code
    assert _post(client, [_event("U0002", code)], secret="wrong-secret").status_code == 400
    assert client.post("/line/webhook", data=b"{}", content_type="application/json").status_code == 400
    db.session.expire_all()
    link = db.session.get(LineLink, user.id)
    assert link.line_user_id is None and link.code == code
    assert fake_line.pushes == []


def test_a_wrong_or_expired_code_links_nobody(fake_line, as_user, client):
    user = make_user()
    as_user(user).post("/account/line/code")
    assert _post(client, [_event("U0003", "00000000")]).status_code == 200
    db.session.expire_all()
    assert db.session.get(LineLink, user.id).line_user_id is None


def test_line_pushes_follow_the_preferences_exactly(fake_line, as_user, client):
    author, other = make_user(), make_user()
    _link(as_user, client, author, "Uauthor")
    _link(as_user, client, other, "Uother")
    fake_line.pushes.clear()
    as_user(author).post("/account/notifications/channels", data={"line_replies": "immediate", "line_status": "off"})
    as_user(other).post("/account/notifications/channels", data={"line_replies": "off"})
    issue = make_issue(author=author, title="LINEの課題")
    as_user(other).post(f"/issues/{issue.id}/follow")
    make_comment(issue)  # author: replies on → push; other: replies off → none
    fac = make_user("facilitator", centers=[issue.center])
    as_user(fac).post(f"/facilitate/issues/{issue.id}/status", data={"to_status": "dialogue", "note": "伺います"})
    # status: author off → none; other: default (immediately) → push
    pushes = sorted((p["to"], "状態" in p["text"]) for p in fake_line.pushes)
    assert pushes == [("Uauthor", False), ("Uother", True)]
    assert all(f"/issues/{issue.id}" in p["text"] for p in fake_line.pushes)


def test_unlinking_from_the_site_or_from_line_stops_pushes(fake_line, as_user, client):
    a, b = make_user(), make_user()
    _link(as_user, client, a, "Ua")
    _link(as_user, client, b, "Ub")
    as_user(a).post("/account/line/unlink")
    assert _post(client, [_event("Ub", kind="unfollow")]).status_code == 200
    db.session.expire_all()
    assert db.session.get(LineLink, a.id).line_user_id is None and db.session.get(LineLink, b.id).line_user_id is None
    fake_line.pushes.clear()
    make_comment(make_issue(author=a))
    make_comment(make_issue(author=b))
    assert fake_line.pushes == []


def test_a_repeated_push_with_the_same_retry_key_reaches_line_once(fake_line, app):
    from app.notifications import line
    with app.test_request_context():
        line.push("Ux", "一度だけ", retry_key=line.retry_key(42))
        line.push("Ux", "一度だけ", retry_key=line.retry_key(42))  # LINE answers 409: already accepted
    assert len(fake_line.pushes) == 1
