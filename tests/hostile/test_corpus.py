"""Every hostile input through every form and query parameter: never a 5xx, stored text is safe."""
import io
import re
from html.parser import HTMLParser

import pytest

from app.extensions import db
from app.issues.models import Comment, Issue
from tests.factories import jpeg_bytes, make_center, make_comment, make_issue, make_user
from tests.hostile.corpus import CORPUS, FILE_NAMES

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            self.problems.append(f"inline script {attrs}")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and re.match(r"\s*(javascript|vbscript|data):",
                                                                            value or "", re.IGNORECASE):
                self.problems.append(f"<{tag} {name}={value[:40]}>")


def _problems(html):
    parser = _Tags()
    parser.feed(html)
    return parser.problems


def test_the_corpus_has_at_least_200_entries():
    assert len(CORPUS) >= 200


def _assert_safe_page(response):
    assert response.status_code < 500
    if response.mimetype == "application/json":  # data, not markup; browsers will not sniff it as HTML
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        return
    # Parse the page as a browser would: no inline script, no event-handler attribute, no script URL.
    assert _problems(response.get_data(as_text=True)) == []


@pytest.mark.parametrize("chunk", range(0, len(CORPUS), 25))
def test_issue_comment_search_and_account_forms(as_user, client, chunk):
    center = make_center()
    user = make_user()
    c = as_user(user)
    issue = make_issue(center=center)
    parent = make_comment(issue)
    for n, value in enumerate(CORPUS[chunk:chunk + 25]):
        key = f"k{chunk}-{n}"
        _assert_safe_page(c.post("/issues/new", data={"title": value[:80] or "空", "body": value, "center": str(center.id),
                                                      "themes": "F1", "action": "submit", "submission_key": key}))
        _assert_safe_page(c.post("/issues/new", data={"title": "ふつう", "body": "ふつうの本文です。十分な長さ。",
                                                      "center": value[:20], "lat": value[:20], "lng": value[:20],
                                                      "themes": value[:20], "submission_key": key + "b"}))
        _assert_safe_page(c.post(f"/issues/{issue.id}/comments", data={"body": value}, follow_redirects=True))
        _assert_safe_page(c.post(f"/issues/{issue.id}/comments", data={"body": "返信", "parent_id": value[:30]},
                                 follow_redirects=True))
        _assert_safe_page(c.post(f"/comments/{parent.id}/flag", data={"reason": value[:30], "note": value}))
        _assert_safe_page(client.get("/issues", query_string={"q": value, "center": value[:20], "tag": value[:20],
                                                               "status": value[:20], "sort": value[:20], "page": value[:20]}))
        _assert_safe_page(client.get("/api/v1/issues", query_string={"q": value[:200]}))
        _assert_safe_page(client.post("/register", data={"email": value[:300], "display_name": value[:40],
                                                         "password": value[:200], "password_confirm": value[:200]}))
    for saved in db.session.execute(db.select(Issue)).scalars():
        assert _problems(saved.body_html) == [], saved.body_html[:200]
        assert "\x00" not in saved.title + saved.body and "\u202e" not in saved.title + saved.body
    for saved in db.session.execute(db.select(Comment)).scalars():
        assert _problems(saved.body_html) == [], saved.body_html[:200]


@pytest.mark.parametrize("name", FILE_NAMES)
def test_uploads_with_hostile_names_and_contents(as_user, name):
    center = make_center()
    c = as_user(make_user())
    bomb = io.BytesIO()
    from PIL import Image
    Image.new("1", (20000, 20000)).save(bomb, "PNG")
    files = [(io.BytesIO(jpeg_bytes()), name), (io.BytesIO(b"GIF89a<script>alert(1)</script>"), name),
             (io.BytesIO(jpeg_bytes()[:200]), name), (io.BytesIO(bomb.getvalue()), name)]
    response = c.post("/issues/new", data={"title": "写真", "body": "写真つきの投稿です。よろしく。", "center": str(center.id),
                                           "action": "submit", "submission_key": name[:50], "photos": files},
                      content_type="multipart/form-data")
    assert response.status_code < 500
    html = response.get_data(as_text=True)
    assert "画像" in html or "JPEG" in html  # the bad files are explained in Japanese, the good one kept
    from app.photos.models import Photo
    for photo in db.session.execute(db.select(Photo)).scalars():
        assert re.fullmatch(r"[0-9a-f]{32}(_t)?\.jpg", photo.filename)
