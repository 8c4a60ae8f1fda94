"""Hostile input through every form and query parameter: never a 5xx, nothing executes, nothing is lost."""
import pytest

from app.extensions import db
from app.issues.models import Comment, Issue
from tests.factories import make_center, make_comment, make_issue, make_user

PAYLOADS = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">x</a>",
    "' OR '1'='1' --",
    "\x00\x00null\x00bytes",
    "\u202etxt.exe\u202c",  # right-to-left override
    "ゼロ\u200b幅\u200d",
    "e\u0301\u0301\u0301\u0301\u0301",
    "🏯🌊🎋" * 50,
    "あ" * 100_000,
    "{{ 7*7 }}{% raw %}",
    "../../etc/passwd",
]


def _ok(response):
    assert response.status_code < 500, response.status_code
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html
    return html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_issue_form_fields(as_user, payload):
    center = make_center()
    c = as_user(make_user())
    for field in ["title", "body", "center", "lat", "lng", "themes", "kept_photos", "submission_key"]:
        data = {"title": "ふつうのタイトル", "body": "ふつうの本文です。十文字以上。", "center": str(center.id),
                "themes": "F1", "action": "submit", "submission_key": f"k-{field}"}
        data[field] = payload
        _ok(c.post("/issues/new", data=data))
    for issue in db.session.execute(db.select(Issue)).scalars():
        assert "\x00" not in issue.title + issue.body and "\u202e" not in issue.title
        assert "<script" not in issue.body_html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_comment_flag_and_account_forms(as_user, client, payload):
    issue = make_issue()
    comment = make_comment(issue)
    c = as_user(make_user())
    _ok(c.post(f"/issues/{issue.id}/comments", data={"body": payload}, follow_redirects=True))
    _ok(c.post(f"/issues/{issue.id}/comments", data={"body": "返信", "parent_id": payload}, follow_redirects=True))
    _ok(c.post(f"/comments/{comment.id}/flag", data={"reason": payload, "note": payload}))
    _ok(c.post("/account", data={"display_name": payload, "home_center": payload, "age_band": payload}))
    _ok(client.post("/login", data={"email": payload, "password": payload}))
    _ok(client.post("/register", data={"email": payload, "display_name": payload, "password": payload,
                                       "password_confirm": payload, "home_center": payload, "agree": payload}))
    _ok(client.post("/password/forgot", data={"email": payload}))
    for saved in db.session.execute(db.select(Comment)).scalars():
        assert "<script" not in saved.body_html and "\x00" not in saved.body


@pytest.mark.parametrize("query", [
    "q=%00", "q=%ff%fe%fd", "q=%E3%81", "page=-1", "page=abc", "page=1e9", "center=-5", "center=%00",
    "status=%3Cscript%3E", "tag=P9-9", "tag=%27--", "sort=%22", "theme=F1%00", "photos=%ff", "q=" + "あ" * 3000,
])
@pytest.mark.parametrize("path", ["/issues", "/api/v1/issues", "/issues.csv", "/map", "/map/points.json",
                                  "/issues/feed.atom"])
def test_query_parameters(client, path, query):
    make_issue()
    _ok(client.get(f"{path}?{query}"))


@pytest.mark.parametrize("path", ["/issues/0", "/issues/99999999", "/issues/abc", "/issues/-1", "/api/v1/issues/0",
                                  "/comments/99999/edit", "/media/photos/..%2F..%2Fconfig.py",
                                  "/media/photos/%00.jpg", "/plan/strategies/%00", "/centers/admin/999999"])
def test_unknown_ids_are_404_not_500(client, as_user, path):
    staff = as_user(make_user("staff"))
    assert client.get(path).status_code in (302, 404)
    assert staff.get(path).status_code == 404


def test_invalid_utf8_in_a_form_body_is_handled(as_user):
    center = make_center()
    c = as_user(make_user())
    body = b"title=%FF%FE&body=%C3%28%C3%28%C3%28%C3%28%C3%28&center=" + str(center.id).encode() + b"&action=submit"
    response = c.post("/issues/new", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
