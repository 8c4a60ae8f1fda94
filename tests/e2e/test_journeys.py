"""Journeys 1 and 2 of the product, in a real browser, phone and desktop screenshots saved."""
import re

from app.extensions import db
from app.issues.models import Issue
from app.mail import outbox
from tests.e2e.conftest import login, screenshot
from tests.factories import PASSWORD, XSS, jpeg_bytes, make_center, make_user


def _register_and_confirm(page, base, email, name):
    page.goto(base + "/register")
    page.fill("#email", email)
    page.fill("#display_name", name)
    page.fill("#password", "umi-to-sora-2026")
    page.fill("#password_confirm", "umi-to-sora-2026")
    page.check("#agree")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=メールをご確認ください")
    link = re.search(r"https?://[^/\s]+(/confirm/\S+)", outbox()[-1].get_content()).group(1)
    page.goto(base + link)
    page.wait_for_selector("text=メールアドレスを確認しました")


def test_resident_registers_posts_with_photo_and_pin_and_another_supports_it(live_server, page_factory, tmp_path):
    center = make_center(name="崇善公民館", district="崇善地区")
    photo = tmp_path / "street.jpg"
    photo.write_bytes(jpeg_bytes((1200, 900)))

    # Journey 1: register, confirm, post with a photo and a pin; see it listed and on the map.
    page = page_factory("phone")
    _register_and_confirm(page, live_server, "hanako@example.jp", "はなこ")
    page.goto(live_server + "/issues/new")
    page.fill("#title", "駅前の歩道橋のエレベーターがよく止まっている")
    page.fill("#body", "ベビーカーや車いすの人が階段を使えず困っています。\n\n- 朝の時間に多い\n- 案内の表示もない")
    page.select_option("#center", str(center.id))
    page.check("input[name=themes][value=F4]")
    box = page.locator("[data-pin-map]").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.input_value("#lat") and page.input_value("#lng")
    page.set_input_files("#photos", str(photo))
    screenshot(page, "journey1-form-phone")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=投稿しました")
    screenshot(page, "journey1-issue-phone")
    issue = db.session.execute(db.select(Issue)).scalar_one()
    assert issue.lat is not None and issue.photo_count == 1
    page.goto(live_server + "/issues")
    assert page.locator(f"a[href='/issues/{issue.id}']").count() == 1
    page.goto(live_server + "/map")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster")
    screenshot(page, "journey1-map-phone")
    wide = page_factory("desktop")
    wide.goto(f"{live_server}/issues/{issue.id}")
    screenshot(wide, "journey1-issue-desktop")

    # Journey 2: a second resident finds it by a Japanese word, supports it instantly, comments, follows.
    neighbour = make_user(email="taro@example.jp", display_name="たろう")
    page2 = page_factory("desktop")
    login(page2, live_server, neighbour.email, PASSWORD)
    page2.goto(live_server + "/issues")
    page2.fill("#q", "歩道橋")
    page2.click("form[role=search] button[type=submit]")
    page2.click(f"a[href='/issues/{issue.id}']")
    page2.click("form[data-vote-form] button")
    page2.wait_for_selector("text=共感しています（取り消す）")
    assert page2.locator("[data-vote-count]").inner_text() == "1"
    assert "/vote" not in page2.url  # no page load: the instant button
    page2.fill("#body", "わたしも毎朝見かけます。")
    page2.click("#comment-form button[type=submit]")
    page2.wait_for_selector("text=わたしも毎朝見かけます。")
    page2.click("text=フォローしてお知らせを受け取る")
    page2.wait_for_selector("text=フォロー中（やめる）")
    screenshot(page2, "journey2-issue-desktop")
    narrow = page_factory("phone")
    login(narrow, live_server, neighbour.email, PASSWORD)
    narrow.goto(f"{live_server}/notifications")
    narrow.goto(f"{live_server}/issues/{issue.id}")
    screenshot(narrow, "journey2-issue-phone")
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).vote_count == 1
    assert page.errors == [] and page2.errors == [] and wide.errors == [] and narrow.errors == []


def test_stored_script_never_runs_in_the_browser(live_server, page_factory):
    center = make_center()
    author = make_user()
    page = page_factory("desktop")
    login(page, live_server, author.email, PASSWORD)
    page.goto(live_server + "/issues/new")
    page.fill("#title", f"XSS{XSS}"[:80])
    page.fill("#body", f"{XSS}\n<img src=x onerror=alert(2)>\n[click](javascript:alert(3))\n<a href=\"javascript:alert(4)\">x</a>")
    page.select_option("#center", str(center.id))
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=投稿しました")
    issue_url = page.url
    page.fill("#body", "<svg onload=alert(5)>コメント")
    page.click("#comment-form button[type=submit]")
    page.wait_for_load_state()
    for url in [issue_url, live_server + "/issues", live_server + "/issues/feed.atom", live_server + "/api/v1/issues"]:
        page.goto(url)
    assert not any(e.startswith("dialog") for e in page.errors), page.errors
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
