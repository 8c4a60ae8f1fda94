"""Posting an issue: validation, similar issues, photos, double submits, edit and withdraw."""
import io
import re

from PIL import Image

from app.audit.models import AuditEntry
from app.extensions import db
from app.issues.models import Follow, Issue, StatusChange
from app.photos.models import Photo
from tests.factories import XSS, jpeg_bytes, make_center, make_comment, make_issue, make_user


def _form(center, **over):
    data = {"title": "通学路のカーブミラーが曇って見えにくい", "body": "朝の通学の時間帯、〇〇交差点のカーブミラーが曇っていて車が見えません。",
            "center": str(center.id), "themes": ["F4"], "lat": "", "lng": "", "submission_key": "key-1",
            "action": "submit"}
    data.update(over)
    return data


def _only_issue():
    return db.session.execute(db.select(Issue)).scalar_one()


def test_resident_posts_an_issue_and_follows_it(as_user):
    center, user = make_center(), make_user()
    c = as_user(user)
    response = c.post("/issues/new", data=_form(center))
    issue = _only_issue()
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/issues/{issue.id}")
    html = c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "通学路のカーブミラーが曇って見えにくい" in html and "受付" in html
    assert [h.to_status for h in db.session.execute(db.select(StatusChange)).scalars()] == ["new"]
    assert db.session.get(Follow, (user.id, issue.id)) is not None
    assert [t.code for t in issue.tags] == ["F4"]


def test_unconfirmed_or_anonymous_users_cannot_post(app, as_user, client):
    assert client.get("/issues/new").status_code == 302
    assert as_user(make_user(confirmed=False)).get("/issues/new").status_code == 403


def test_missing_and_oversized_fields_get_japanese_messages_and_keep_input(as_user):
    center = make_center()
    c = as_user(make_user())
    html = c.post("/issues/new", data={**_form(center, title="", body="短い"), "center": "0"}).get_data(as_text=True)
    assert "入力してください。" in html and "10〜5000文字で書いてください。" in html and "地区を選んでください。" in html
    assert "短い" in html
    html = c.post("/issues/new", data=_form(center, title="あ" * 81, themes=["F1", "F2", "F3", "F4"])).get_data(as_text=True)
    assert "タイトルは80文字以内にしてください。" in html and "テーマは3つまで選べます。" in html
    assert db.session.execute(db.select(db.func.count(Issue.id))).scalar() == 0


def test_pin_outside_hiratsuka_is_refused_and_inside_is_kept(as_user):
    center = make_center()
    c = as_user(make_user())
    html = c.post("/issues/new", data=_form(center, lat="35.6812", lng="139.7671")).get_data(as_text=True)  # Tokyo
    assert "平塚市の外になっています" in html
    html = c.post("/issues/new", data=_form(center, lat="35.33", lng="")).get_data(as_text=True)
    assert "緯度と経度の両方が必要です" in html
    c.post("/issues/new", data=_form(center, lat="35.3275", lng="139.3490"))
    issue = _only_issue()
    assert (issue.lat, issue.lng) == (35.3275, 139.349)


def test_similar_issues_are_shown_before_posting_with_support_as_the_alternative(as_user):
    center = make_center()
    existing = make_issue(center=center, title="通学路のカーブミラーが見えにくい", body="交差点のカーブミラーが曇っています。")
    c = as_user(make_user())
    html = c.post("/issues/new", data=_form(center, action="check")).get_data(as_text=True)
    assert "似ている投稿があります" in html and existing.title in html
    assert "これに共感する" in html and "それでも投稿する" in html
    assert db.session.execute(db.select(db.func.count(Issue.id))).scalar() == 1
    c.post("/issues/new", data=_form(center, action="submit"))
    assert db.session.execute(db.select(db.func.count(Issue.id))).scalar() == 2


def test_without_similar_issues_the_first_press_posts(as_user):
    center = make_center()
    make_issue(center=center, title="商店街の空き店舗", body="駅前の商店街に空き店舗が増えています。")
    as_user(make_user()).post("/issues/new", data=_form(center, action="check"))
    assert db.session.execute(db.select(db.func.count(Issue.id))).scalar() == 2


def test_double_submit_creates_one_issue(as_user):
    center = make_center()
    c = as_user(make_user())
    first = c.post("/issues/new", data=_form(center))
    second = c.post("/issues/new", data=_form(center))
    assert db.session.execute(db.select(db.func.count(Issue.id))).scalar() == 1
    assert first.headers["Location"] == second.headers["Location"]


def test_markdown_is_rendered_and_scripts_never_survive(as_user):
    center = make_center()
    c = as_user(make_user())
    body = f"**大事** なこと\n\n- 一つ目\n- 二つ目\n\n{XSS} <img src=x onerror=alert(1)> [link](javascript:alert(1))"
    c.post("/issues/new", data=_form(center, body=body, title=f"タイトル{XSS}"[:80]))
    issue = _only_issue()
    assert "<strong>大事</strong>" in issue.body_html and "<li>一つ目</li>" in issue.body_html
    # markup the author typed is shown as text, never as tags, attributes or javascript: links
    assert not re.search(r"<script|<img|<[^>]*\son\w+=|href=\"javascript:", issue.body_html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in issue.body_html
    html = c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def _exif_with_gps():
    from PIL.TiffImagePlugin import IFDRational
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (IFDRational(35), IFDRational(19), IFDRational(0))
    gps[3], gps[4] = "E", (IFDRational(139), IFDRational(21), IFDRational(0))
    return exif.tobytes()


def test_photo_is_stored_without_exif_or_gps_and_shown(as_user, app):
    center = make_center()
    c = as_user(make_user())
    photo = (io.BytesIO(jpeg_bytes((2000, 1000), exif=_exif_with_gps())), "IMG_0001.JPG")
    c.post("/issues/new", data={**_form(center), "photos": [photo]}, content_type="multipart/form-data")
    issue = _only_issue()
    stored = db.session.execute(db.select(Photo)).scalar_one()
    assert (stored.attached_type, stored.attached_id, issue.photo_count) == ("Issue", issue.id, 1)
    served = c.get(f"/media/photos/{stored.filename}")
    img = Image.open(io.BytesIO(served.data))
    assert "exif" not in img.info and len(img.getexif()) == 0
    assert img.size == (800, 1600)  # orientation applied, long side 1600
    assert stored.thumb_filename in c.get(f"/issues/{issue.id}").get_data(as_text=True)


def test_fake_image_gets_a_message_and_the_rest_of_the_form_and_good_photos_are_kept(as_user):
    center = make_center()
    c = as_user(make_user())
    good = (io.BytesIO(jpeg_bytes()), "good.jpg")
    fake = (io.BytesIO(b"<script>alert(1)</script>"), "evil.jpg")
    response = c.post("/issues/new", data={**_form(center, title="写真つきの投稿"), "photos": [good, fake]},
                      content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "JPEG・PNG・WebP形式のみ" in html and "写真つきの投稿" in html and "保存済みの写真（1）" in html
    token = re.search(r'name="kept_photos" type="hidden" value="([0-9a-f]{32})"', html).group(1)
    c.post("/issues/new", data={**_form(center, title="写真つきの投稿"), "kept_photos": token})
    issue = _only_issue()
    assert issue.photo_count == 1
    assert db.session.execute(db.select(Photo)).scalar_one().attached_id == issue.id


def test_someone_elses_photo_token_is_ignored(as_user):
    from tests.factories import make_photo
    other = make_photo(owner=make_user())
    center = make_center()
    as_user(make_user()).post("/issues/new", data=_form(center, kept_photos=other.token))
    assert _only_issue().photo_count == 0
    assert db.session.get(Photo, other.id).attached_id is None


def test_author_edits_until_the_first_comment(as_user):
    author = make_user()
    issue = make_issue(author=author)
    c = as_user(author)
    c.post(f"/issues/{issue.id}/edit", data=_form(issue.center, title="修正後のタイトル", themes=["F1"]))
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).title == "修正後のタイトル"
    make_comment(issue)
    assert c.get(f"/issues/{issue.id}/edit").status_code == 403
    assert as_user(make_user()).get(f"/issues/{issue.id}/edit").status_code == 403


def test_author_withdraws_with_a_public_note_and_an_audit_row(as_user):
    author = make_user()
    issue = make_issue(author=author)
    c = as_user(author)
    c.post(f"/issues/{issue.id}/withdraw", data={"note": "自治会で解決しました。"})
    db.session.expire_all()
    issue = db.session.get(Issue, issue.id)
    assert issue.status == "withdrawn" and issue.status_note == "自治会で解決しました。"
    assert "取り下げ" in c.get(f"/issues/{issue.id}").get_data(as_text=True)
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "issue.status")).scalar_one()
    assert as_user(make_user()).post(f"/issues/{issue.id}/withdraw", data={"note": "x"}).status_code == 403


def test_posting_is_rate_limited_per_user(as_user):
    center = make_center()
    c = as_user(make_user())
    codes = [c.post("/issues/new", data=_form(center, submission_key=f"k{i}", title=f"別の困りごと{i}")).status_code
             for i in range(11)]
    assert codes[:10] == [302] * 10 and codes[10] == 429
